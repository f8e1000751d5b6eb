import { describe, expect, it } from 'vitest';
import type { View } from '../../src/core/table.js';
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

describe('renderCsv', () => {
  it('writes title, header, rows and footer per table, blocks separated by an empty line, CRLF', () => {
    const view: View = {
      blocks: [
        {
          kind: 'table',
          table: {
            title: 'Costs, per year',
            columns: [
              { key: 'item', label: 'Item', align: 'left' },
              { key: 'yuan', label: 'Yuan', align: 'right' },
            ],
            rows: [
              [{ text: 'Staff' }, { text: '12,345.60' }],
              [{ text: 'Office, "shared"' }, { text: '1,000.00' }],
            ],
            footer: [[{ text: 'Total' }, { text: '13,345.60' }]],
          },
        },
        { kind: 'text', lines: [[{ text: 'Illustrative, ' }, { text: 'not advice' }]] },
      ],
    };
    expect(renderCsv(view, { lang: 'en', color: false })).toBe(
      '"Costs, per year"\r\nItem,Yuan\r\nStaff,12345.60\r\n"Office, ""shared""",1000.00\r\nTotal,13345.60\r\n' +
        '\r\n"Illustrative, not advice"\r\n',
    );
  });

  it('keeps grouped text in left-aligned columns as text', () => {
    const view: View = {
      blocks: [{ kind: 'table', table: { columns: [{ key: 'a', label: 'A', align: 'left' }], rows: [[{ text: '1,234' }]] } }],
    };
    expect(renderCsv(view, { lang: 'en', color: false })).toBe('A\r\n"1,234"\r\n');
  });
});
