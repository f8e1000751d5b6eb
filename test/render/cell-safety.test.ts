import { describe, expect, it } from 'vitest';
import { escapeControls, isFormulaLike, neutraliseCell } from '../../src/render/cell-safety.js';
import { renderCsv } from '../../src/render/csv.js';
import { renderTable } from '../../src/render/table.js';
import type { View } from '../../src/core/table.js';

describe('neutraliseCell (OWASP CSV injection)', () => {
  it('prefixes a single quote to text starting with = + - @ tab CR', () => {
    for (const s of ['=1+1', '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)', '\tx', '\rx', '-', '+']) {
      expect(neutraliseCell(s)).toBe(`'${s}`);
      expect(isFormulaLike(s)).toBe(true);
    }
  });

  it('keeps numbers numeric, negative ones too', () => {
    for (const s of ['-5', '-1234.56', '-1,234.56', '+7', '-85.0%', '1e-7', '-2760.2%', '0', '岳阳花苑', '', 'a=b']) {
      expect(neutraliseCell(s)).toBe(s);
    }
  });

  it('is applied to the labels and cells of CSV output (a CSV has no title)', () => {
    const view: View = {
      blocks: [
        {
          kind: 'table',
          table: {
            title: '=title',
            columns: [
              { key: 'n', label: '@label', align: 'left' },
              { key: 'v', label: 'v', align: 'right' },
            ],
            rows: [[{ text: '=cmd' }, { text: '-1,234.56' }]],
          },
        },
      ],
    };
    expect(renderCsv(view, { lang: 'en', color: false })).toBe("'@label,v\r\n'=cmd,-1234.56\r\n");
  });
});

describe('escapeControls (terminal output)', () => {
  it('shows ESC, BEL, NUL, line breaks, C1 and bidi overrides as escapes', () => {
    expect(escapeControls('a\x1b]0;pwned\x07b\x1b[2J')).toBe('a\\x1b]0;pwned\\x07b\\x1b[2J');
    expect(escapeControls('x\0y\nz\r\t\x9b\u202e')).toBe('x\\x00y\\nz\\r\\t\\x9b\\u202e');
    expect(escapeControls('岳阳花苑 (plain)')).toBe('岳阳花苑 (plain)');
  });

  it('is applied by the table renderer to every text, and colour codes still work', () => {
    const view: View = {
      blocks: [
        { kind: 'table', table: { title: 't\x1b[2J', columns: [{ key: 'n', label: 'name', align: 'left' }], rows: [[{ text: 'a\x07', tone: 'bad' }]] } },
      ],
    };
    const plain = renderTable(view, { lang: 'en', color: false });
    expect(plain).toBe('t\\x1b[2J\nname\n-----\na\\x07\n'); // 'a\\x07' is 5 columns wide
    const coloured = renderTable(view, { lang: 'en', color: true });
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });
});
