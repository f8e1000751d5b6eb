import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputSchema } from '../../src/cli/commands/validate.js';
import { ROOT, runCli, STACK_LINE } from './run-cli.js';

interface Expected {
  file: string;
  code: string;
  line: number;
  message_includes: string;
}

const expected = JSON.parse(readFileSync(join(ROOT, 'fixtures/bad/expected.json'), 'utf8')) as Expected[];

/** Counts of a column, by splitting lines on commas (the district file has no quoted fields). */
function countColumn(csv: string, column: string): Record<string, number> {
  const [head = '', ...rows] = csv.trim().split('\n');
  const at = head.split(',').indexOf(column);
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const v = r.split(',')[at] ?? '';
    counts[v] = (counts[v] ?? 0) + 1;
  }
  return counts;
}

describe('validate on the shipped fixtures', () => {
  it('reads the case study: 6 compounds, all located', async () => {
    const r = await runCli(['validate', 'fixtures/case-study.csv', '--format', 'json']);
    expect(r.code).toBe(0);
    // From the file: JJY, A12, A13, A17 after-sale public; YYHY commodity; A15 other.
    // YYHY standard service, the five others basic. Every row has lat and lon.
    expect(outputSchema.parse(JSON.parse(r.stdout))).toMatchObject({
      file: 'fixtures/case-study.csv',
      encoding: 'utf8',
      compounds: 6,
      byHousingType: { commodity: 1, after_sale_public: 4, other: 1 },
      byServiceLevel: { basic: 5, standard: 1, full: 0 },
      withLocation: 6,
      warnings: [],
    });
  });

  it('reads the district: counts agree with a plain count of the file', async () => {
    const csv = readFileSync(join(ROOT, 'fixtures/district.csv'), 'utf8');
    expect(csv).not.toContain('"');
    const r = await runCli(['validate', 'fixtures/district.csv', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = outputSchema.parse(JSON.parse(r.stdout));
    expect(report.compounds).toBe(csv.trim().split('\n').length - 1);
    expect(report.byHousingType).toEqual({ commodity: 0, after_sale_public: 0, other: 0, ...countColumn(csv, 'housing_type') });
    expect(report.byServiceLevel).toEqual({ basic: 0, standard: 0, full: 0, ...countColumn(csv, 'service_level') });
  });
});

describe('every bad fixture: exit 2, file:line, no stack trace, nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'breakeven-bad-'));
  it('lists one expectation per file in fixtures/bad', () => {
    // Folders (scenarios/, params/, model/) hold other corpora, each with its own manifest.
    const files = readdirSync(join(ROOT, 'fixtures/bad'), { withFileTypes: true })
      .filter((f) => f.isFile() && f.name !== 'expected.json')
      .map((f) => f.name);
    expect(expected.map((e) => e.file).sort()).toEqual(files.sort());
  });
  for (const e of expected) {
    it(e.file, async () => {
      const out = join(dir, `${e.file}.out`);
      writeFileSync(out, 'earlier output');
      const r = await runCli(['validate', `fixtures/bad/${e.file}`, '--format', 'json', '--out', out]);
      expect(r.code).toBe(2);
      // No report; with --format json the problems, as JSON, on stdout (the first one at file:line).
      const doc = JSON.parse(r.stdout) as { ok: boolean; exitCode: number; problems: { file: string | null; line: number | null }[] };
      expect(doc).toMatchObject({ ok: false, exitCode: 2 });
      expect(doc.problems.some((p) => p.file === `fixtures/bad/${e.file}` && p.line === e.line)).toBe(true);
      expect(r.stderr).toContain(`fixtures/bad/${e.file}:${e.line}`);
      expect(r.stderr).toContain(e.message_includes);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(readFileSync(out, 'utf8')).toBe('earlier output');
    });
  }
  it('left no other file in the output directory', () => {
    expect(readdirSync(dir).sort()).toEqual(expected.map((e) => `${e.file}.out`).sort());
  });
});
