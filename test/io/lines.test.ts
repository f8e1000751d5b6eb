import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import { InputError, type Problem } from '../../src/core/errors.js';
import { readCompoundStream } from '../../src/io/read-compounds.js';

const dir = mkdtempSync(join(tmpdir(), 'breakeven-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Physical lines (1-based):   1 header; 2–3 A (quoted line break); 4 blank; 5 B (bad area);
// 6–8 C (quoted blank line); 9 D (bad households); 10 an all-empty row (skipped); 11 E (bad fee),
// no final line break.
const ROWS = [
  'id,name,area_m2,households,fee_rate',
  'A,"multi',
  'line name",1,1,1',
  '',
  'B,b,-1,1,1',
  'C,"x',
  '',
  'y",1,1,1',
  'D,d,1,0,1',
  ',,,,',
  'E,"z",1,1,x',
];

async function readAll(text: string): Promise<{ compounds: Compound[]; problems: Problem[] }> {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, text);
  const compounds: Compound[] = [];
  try {
    await readCompoundStream(path, {}, (c) => compounds.push(c));
    return { compounds, problems: [] };
  } catch (err) {
    if (err instanceof InputError) return { compounds, problems: err.problems };
    throw err;
  }
}

describe('line numbers are physical lines of the file', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    it(`with ${name} line ends, quoted line breaks, blank lines and all-empty rows`, async () => {
      const { compounds, problems } = await readAll(ROWS.join(eol));
      expect(compounds.map((c) => [c.id, c.source?.line])).toEqual([
        ['A', 2],
        ['C', 6],
      ]);
      expect(compounds[0]!.name).toBe(`multi${eol}line name`);
      expect(problems.map((p) => [p.where?.line, p.where?.column, p.where?.field])).toEqual([
        [5, 3, 'area_m2'],
        [9, 4, 'households'],
        [11, 5, 'fee_rate'],
      ]);
    });
  }

  it('a file of blank lines only is empty; a header and blank lines has no rows', async () => {
    expect((await readAll('\n\n  \n')).problems[0]?.code).toBe('CSV_EMPTY');
    expect((await readAll('id,area_m2,households,fee_rate\n\n,,,\n')).problems[0]?.code).toBe('CSV_NO_ROWS');
  });

  it('extra empty trailing fields (as spreadsheets write them) are not a ragged row', async () => {
    const { compounds, problems } = await readAll('id,area_m2,households,fee_rate\nA,1,1,1,,\n');
    expect(problems).toEqual([]);
    expect(compounds).toHaveLength(1);
  });
});
