import { describe, expect, it } from 'vitest';
import type { View } from '../../src/core/table.js';
import type { InputError } from '../../src/core/errors.js';
import { neutraliseCell } from '../../src/render/cell-safety.js';
import { csvField, renderCsv, ungroupNumber } from '../../src/render/csv.js';

describe('csvField (RFC 4180)', () => {
  it('leaves plain text alone', () => {
    expect(csvField('京剧院小区')).toBe('京剧院小区');
    expect(csvField('')).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });
});

describe('ungroupNumber', () => {
  it('drops thousands separators of grouped numbers only', () => {
    expect(ungroupNumber('1,234.56')).toBe('1234.56');
    expect(ungroupNumber('-12,345,678')).toBe('-12345678');
    expect(ungroupNumber('1,234.5%')).toBe('1234.5%');
    expect(ungroupNumber('12,34')).toBe('12,34'); // not a grouped number: left as text
    expect(ungroupNumber('a,b')).toBe('a,b');
    expect(ungroupNumber('813')).toBe('813');
  });
});

describe('renderCsv: one rectangular table', () => {
  const view: View = {
    blocks: [
      {
        kind: 'table',
        table: {
          name: 'costs',
          title: 'Costs, per year',
          columns: [
            { key: 'item', label: 'Item', align: 'left' },
            { key: 'yuan', label: 'Yuan', align: 'right' },
            { key: 'margin', label: 'Margin', align: 'right' },
          ],
          rows: [
            [{ text: 'Staff' }, { text: '12,345.60', value: 12345.6, kind: 'yuan', places: 2 }, { text: '-5.0%', value: -0.05, kind: 'percent', places: 1 }],
            [{ text: 'Office, "shared"' }, { text: '-1,000.00', value: -1000, kind: 'yuan', places: 2 }, { text: '—' }],
            // Text that a spreadsheet would run as a formula.
            [{ text: '=HYPERLINK("http://x","y")' }, { text: '+1' }, { text: '@SUM(A1)' }],
            [{ text: '-2+3' }, { text: '\tx' }, { text: '' }],
          ],
          footer: [[{ text: 'Total' }, { text: '11,345.60' }, { text: '' }]],
        },
      },
      { kind: 'text', lines: [[{ text: 'Illustrative, ' }, { text: 'not advice' }]] },
      { kind: 'table', table: { name: 'other', columns: [{ key: 'a', label: 'A', align: 'left' }], rows: [[{ text: 'x' }]] } },
    ],
  };

  it('writes the header and rows of the first table only: no title, footer or text; CRLF', () => {
    // Numbers ungrouped (a negative amount, +1, stay numbers); formula-like text gets an apostrophe.
    expect(renderCsv(view, { lang: 'en', color: false })).toBe(
      'Item,Yuan,Margin\r\n' +
        'Staff,12345.60,-5.0%\r\n' +
        '"Office, ""shared""",-1000.00,—\r\n' +
        `"'=HYPERLINK(""http://x"",""y"")",+1,'@SUM(A1)\r\n` +
        "'-2+3,'\tx,\r\n",
    );
  });

  it('writes the table --table names, by name or number, and lists the names otherwise', () => {
    expect(renderCsv(view, { lang: 'en', color: false, table: 'other' })).toBe('A\r\nx\r\n');
    expect(renderCsv(view, { lang: 'en', color: false, table: '2' })).toBe('A\r\nx\r\n');
    expect(() => renderCsv(view, { lang: 'en', color: false, table: 'nope' })).toThrow(/no table "nope"/);
    try {
      renderCsv(view, { lang: 'en', color: false, table: 'nope' });
    } catch (e) {
      expect((e as InputError).problems[0]!.hint).toBe('the tables are: costs, other');
    }
  });

  it('keeps grouped text in left-aligned columns as text', () => {
    const one: View = {
      blocks: [{ kind: 'table', table: { columns: [{ key: 'a', label: 'A', align: 'left' }], rows: [[{ text: '1,234' }]] } }],
    };
    expect(renderCsv(one, { lang: 'en', color: false })).toBe('A\r\n"1,234"\r\n');
  });
});

describe('neutraliseCell (OWASP CSV injection)', () => {
  it('prefixes an apostrophe to text that starts like a formula, and only to it', () => {
    // A number stays a number (+1, -1): a spreadsheet computes nothing from it.
    expect(['=1+1', '+1', '-1', '-2+3', '@A1', '\tx', '\rx'].map(neutraliseCell)).toEqual(["'=1+1", '+1', '-1', "'-2+3", "'@A1", "'\tx", "'\rx"]);
    expect(['a=1', '京剧院小区', '', ' =1', '—'].map(neutraliseCell)).toEqual(['a=1', '京剧院小区', '', ' =1', '—']);
  });
});
