import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, formatProblem, type Problem } from '../../src/core/errors.js';
import { MAX_LISTED_PROBLEMS, readCompounds } from '../../src/io/read-compounds.js';

interface Expected {
  file: string;
  code: string;
  line: number;
  message_includes: string;
}

const BAD = join(import.meta.dirname, '../../fixtures/bad');
const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Expected[];

/** The problems a read throws; fails the test if it does not throw an InputError. */
async function problemsOf(path: string): Promise<Problem[]> {
  try {
    await readCompounds(path);
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error(`${path} was accepted`);
}

describe('fixtures/bad: every malformed input gives its code, line and message', () => {
  it('covers the cases the issue asks for', () => {
    const files = expected.map((e) => e.file);
    for (const f of [
      'empty.csv', 'header-only.csv', 'missing-column.csv', 'duplicate-id.csv', 'zero-area.csv',
      'negative-area.csv', 'non-numeric.csv', 'nan.csv', 'infinity.csv', 'overflow.csv',
      'comma-decimal.csv', 'ragged.csv', 'unclosed-quote.csv', 'nul-byte.csv', 'binary-garbage.csv',
      'utf16.csv', 'lat-out-of-range.csv', 'collection-rate-120.csv', 'households-fraction.csv',
    ]) {
      expect(files).toContain(f);
    }
  });

  it.each(expected)('$file → $code at line $line', async (e) => {
    const problems = await problemsOf(join(BAD, e.file));
    const hit = problems.find((p) => p.code === e.code && p.where?.line === e.line);
    expect(hit, problems.map(formatProblem).join('\n')).toBeDefined();
    expect(formatProblem(hit!)).toContain(e.message_includes);
    expect(hit!.where?.file).toBe(join(BAD, e.file));
  });
});

describe('problems the committed fixtures cannot hold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'breakeven-io-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const header = 'id,name,area_m2,households,fee_rate\n';

  it('a 10 MB single field is refused at 1 MiB with CSV_FIELD_TOO_LARGE on its line', async () => {
    const path = join(dir, 'huge-field.csv');
    writeFileSync(path, `${header}A,a,1,1,1\nB,${'x'.repeat(10 * 1024 * 1024)},1,1,1\nC,c,1,1,1\n`);
    const problems = await problemsOf(path);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'CSV_FIELD_TOO_LARGE', where: { line: 3, column: 2 } });
    expect(problems[0]!.message).toContain('1 MiB');
  });

  it('a quote left open in a large file is an unclosed quote at the line where it opened', async () => {
    const path = join(dir, 'runaway-quote.csv');
    // Over 1 MiB of rows after the open quote: the parser gives up at its field limit.
    const rows = Array.from({ length: 60_000 }, (_, i) => `R${i},name ${i},1,1,1`).join('\n');
    writeFileSync(path, `${header}A,a,1,1,1\nB,"open,1,1,1\n${rows}\n`);
    const problems = await problemsOf(path);
    expect(problems[0]).toMatchObject({ code: 'CSV_UNCLOSED_QUOTE', where: { line: 3 } });
  });

  it('all problems of a file are reported together, the 51st onwards summed up in one', async () => {
    const path = join(dir, 'many.csv');
    // 60 rows, each with two bad cells: 120 problems.
    const rows = Array.from({ length: 60 }, (_, i) => `X${i},x,-1,0,1`).join('\n');
    writeFileSync(path, `${header}${rows}\n`);
    const problems = await problemsOf(path);
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems[0]).toMatchObject({ code: 'CSV_OUT_OF_RANGE', where: { line: 2, column: 3, field: 'area_m2' } });
    expect(problems[1]).toMatchObject({ code: 'CSV_OUT_OF_RANGE', where: { line: 2, column: 4, field: 'households' } });
    expect(problems[MAX_LISTED_PROBLEMS]).toMatchObject({ code: 'CSV_MORE_PROBLEMS' });
    expect(problems[MAX_LISTED_PROBLEMS]!.message).toContain('70 more problems');
  });

  it('valid rows are still delivered, in file order, before the problems are thrown', async () => {
    const { readCompoundStream } = await import('../../src/io/read-compounds.js');
    const path = join(dir, 'mixed.csv');
    writeFileSync(path, `${header}A,a,1,1,1\nB,b,-1,1,1\nC,c,2,2,2\n`);
    const seen: string[] = [];
    await expect(readCompoundStream(path, {}, (c) => seen.push(c.id))).rejects.toBeInstanceOf(InputError);
    expect(seen).toEqual(['A', 'C']);
  });

  it('rows mixing lat/lon and x_m/y_m across the file are refused', async () => {
    const path = join(dir, 'mixed-location.csv');
    writeFileSync(path, 'id,area_m2,households,fee_rate,lat,lon,x_m,y_m\nA,1,1,1,31.2,121.4,,\nB,1,1,1,,,100,200\n');
    const problems = await problemsOf(path);
    expect(problems).toEqual([expect.objectContaining({ code: 'CSV_MIXED_LOCATION', where: expect.objectContaining({ line: 3 }) })]);
  });

  it('a missing file is CSV_CANNOT_READ, not a crash', async () => {
    const problems = await problemsOf(join(dir, 'nope.csv'));
    expect(problems[0]).toMatchObject({ code: 'CSV_CANNOT_READ', message: 'no such file' });
  });

  it('UTF-8 that turns invalid after the detection window names the line', async () => {
    const path = join(dir, 'late-gbk.csv');
    const ascii = Array.from({ length: 5000 }, (_, i) => `A${i},ascii,1,1,1`).join('\n');
    // "小区" in GBK: not valid UTF-8, past the first 64 KiB.
    const gbk = Buffer.from([0xd0, 0xa1, 0xc7, 0xf8]);
    const data = Buffer.concat([Buffer.from(`${header}${ascii}\nG,`), gbk, Buffer.from(',1,1,1\n')]);
    expect(data.length).toBeGreaterThan(64 * 1024);
    writeFileSync(path, data);
    const problems = await problemsOf(path);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'CSV_BAD_ENCODING', where: { line: 5002, column: 2 } });
    expect(problems[0]!.hint).toContain('gb18030');
  });

  it('a bad delimiter or encoding option is a usage error', async () => {
    await expect(readCompounds(join(BAD, 'ragged.csv'), { delimiter: '::' })).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'CSV_BAD_OPTION' })],
    });
    await expect(
      readCompounds(join(BAD, 'ragged.csv'), { encoding: 'latin1' as unknown as 'utf8' }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ code: 'CSV_BAD_OPTION' })] });
  });
});
