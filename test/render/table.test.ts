import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { View } from '../../src/core/table.js';
import { renderTable } from '../../src/render/table.js';
import { stringWidth } from '../../src/render/width.js';

const view: View = {
  blocks: [
    {
      kind: 'table',
      table: {
        title: '小区',
        columns: [
          { key: 'name', label: 'Name', align: 'left' },
          { key: 'hh', label: 'Households', align: 'right' },
          { key: 'fee', label: 'Fee', align: 'right' },
        ],
        rows: [
          [{ text: '京剧院小区' }, { text: '16' }, { text: '0.45', tone: 'bad' }],
          [{ text: 'Yueyang' }, { text: '96' }, { text: '2.20', tone: 'good' }],
        ],
        footer: [[{ text: '合计' }, { text: '112' }, { text: '' }]],
      },
    },
    { kind: 'text', lines: [[{ text: 'note: ' }, { text: 'illustrative', tone: 'warn' }]] },
  ],
};

describe('renderTable', () => {
  it('aligns Chinese and ASCII by display width, numbers on the right', () => {
    const out = renderTable(view, { lang: 'en', color: false });
    // Column widths: Name = max(4, 10 for 京剧院小区, 7, 4 for 合计) = 10; Households = 10; Fee = 4.
    expect(out).toBe(
      [
        '小区',
        'Name        Households   Fee',
        '----------  ----------  ----',
        '京剧院小区          16  0.45',
        'Yueyang             96  2.20',
        '----------  ----------  ----',
        '合计               112',
        '',
        'note: illustrative',
        '',
      ].join('\n'),
    );
    const widths = out.split('\n').slice(1, 5).map(stringWidth);
    expect(new Set(widths).size).toBe(1);
  });

  it('leaves no trailing spaces on a line', () => {
    const out = renderTable(view, { lang: 'en', color: false });
    for (const line of out.split('\n')) expect(line).not.toMatch(/ $/);
  });

  it('colours tones only when colour is on, padding outside the colour codes', () => {
    const plain = renderTable(view, { lang: 'en', color: false });
    expect(plain).not.toContain('\u001b[');
    const coloured = renderTable(view, { lang: 'en', color: true });
    expect(coloured).toContain('\u001b[31m0.45\u001b[39m'); // bad → red
    expect(coloured).toContain('\u001b[32m2.20\u001b[39m'); // good → green
    expect(coloured).toContain('\u001b[33millustrative\u001b[39m'); // warn → yellow
    // Removing the escapes gives back the plain rendering: colour never shifts a column.
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  it('says (none) under the header of an empty table, in the chosen language', () => {
    const empty: View = {
      blocks: [{ kind: 'table', table: { columns: [{ key: 'a', label: 'A', align: 'left' }], rows: [] } }],
    };
    expect(renderTable(empty, { lang: 'en', color: false })).toBe('A\n------\n(none)\n'.replace('------', '-'));
    expect(renderTable(empty, { lang: 'zh', color: false })).toContain('（无）');
  });
});
