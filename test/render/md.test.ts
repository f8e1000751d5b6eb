import { describe, expect, it } from 'vitest';
import type { View } from '../../src/core/table.js';
import { escapeMd, renderMd } from '../../src/render/md.js';

describe('escapeMd', () => {
  it('escapes | so a cell cannot split a table row', () => {
    expect(escapeMd('a|b')).toBe('a\\|b');
  });

  it('escapes emphasis, code and html, and turns line breaks into <br>', () => {
    expect(escapeMd('*x* _y_ `z` <b>')).toBe('\\*x\\* \\_y\\_ \\`z\\` \\<b\\>');
    expect(escapeMd('a\\b')).toBe('a\\\\b');
    expect(escapeMd('one\ntwo\r\nthree')).toBe('one<br>two<br>three');
  });
});

describe('renderMd', () => {
  it('draws a GitHub table under a ### title, aligned as the columns, footer in bold', () => {
    const view: View = {
      blocks: [
        {
          kind: 'table',
          table: {
            title: 'Fees | 物业费',
            columns: [
              { key: 'name', label: 'Name', align: 'left' },
              { key: 'fee', label: 'Fee', align: 'right' },
            ],
            rows: [[{ text: 'A|B 小区' }, { text: '1.49' }]],
            footer: [[{ text: 'Total' }, { text: '' }]],
          },
        },
      ],
    };
    expect(renderMd(view, { lang: 'en', color: false })).toBe(
      '### Fees \\| 物业费\n\n| Name | Fee |\n| --- | ---: |\n| A\\|B 小区 | 1.49 |\n| **Total** |  |\n',
    );
  });

  it('prints text blocks as lines with hard breaks, strong as bold, list markers escaped', () => {
    const view: View = {
      blocks: [
        {
          kind: 'text',
          lines: [[{ text: 'Verdict: ', tone: 'strong' }, { text: 'viable' }], [{ text: '- not a list' }]],
        },
      ],
    };
    expect(renderMd(view, { lang: 'en', color: false })).toBe('**Verdict: **viable\\\n\\- not a list\n');
  });
});
