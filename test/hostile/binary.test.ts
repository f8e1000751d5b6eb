import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../e2e/run-cli.js';
import { BAD_DIR, expectUserErrorOutput, snapshot } from './harness.js';

/*
 * A sample of the corpus through the BUILT binary (npm test builds first), as a user runs it:
 * the in-process runs in corpus.test.ts share main() with it, these prove the process exits 2
 * and that the streamed JSON never reaches stdout or a temporary file is left behind.
 */
let dir: string;
let temp: string;
let existing: string;
const EXISTING = 'id,kept\n1,yes\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breakeven-hostile-bin-'));
  temp = mkdtempSync(join(tmpdir(), 'breakeven-hostile-tmp-'));
  existing = join(dir, 'existing.out');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
});

async function refused(args: string[], file: string, line: number): Promise<string> {
  writeFileSync(existing, EXISTING);
  const before = snapshot(dir);
  // TMPDIR: where the JSON to stdout is staged, so a leftover would show.
  const r = await runCli([...args, '--out', existing], { env: { TMPDIR: temp } });
  expectUserErrorOutput({ code: r.code, err: r.stderr }, file, line);
  expectNoReport(r.stdout, args, file, line);
  expect(readFileSync(existing, 'utf8')).toBe(EXISTING);
  expect(snapshot(dir)).toEqual(before);
  expect(readdirSync(temp)).toEqual([]);
  return r.stderr;
}

/**
 * Nothing of the report reached stdout: empty, or with --format json only the document of the
 * problems (src/cli/main.ts), whose problems include file:line.
 */
function expectNoReport(stdout: string, args: readonly string[], file: string, line: number): void {
  if (!args.includes('json')) {
    expect(stdout).toBe('');
    return;
  }
  const doc = JSON.parse(stdout) as { ok: boolean; problems: { file: string | null; line: number | null }[] };
  expect(doc.ok).toBe(false);
  expect(Object.keys(doc)).toEqual(['ok', 'exitCode', 'problems']);
  expect(doc.problems.some((p) => p.file === file && p.line === line)).toBe(true);
}

describe('the built binary on hostile input', () => {
  it('an unclosed quote: exit 2, --out untouched (streamed JSON)', async () => {
    const f = join(BAD_DIR, 'unclosed-quote.csv');
    await refused(['evaluate', f, '--as-of', '2025-07-01', '--format', 'json'], f, 3);
  });

  it('totals past 2^53 fen: exit 2 (was a RangeError, exit 3)', async () => {
    const f = join(BAD_DIR, 'model/huge-totals.csv');
    await refused(['evaluate', f, '--as-of', '2025-07-01', '--format', 'csv'], f, 4);
  });

  it('a compound in two units: exit 2, file:line of the scenario', async () => {
    const f = join(BAD_DIR, 'scenarios/compound-in-two-units.yaml');
    await refused(['scenario', f, '--format', 'md'], f, 8);
  });

  it('a hiring step of 0 in --params: exit 2 at the overlay line (was exit 3)', async () => {
    const f = join(BAD_DIR, 'params/zero-hiring-step.yaml');
    await refused(['evaluate', join(BAD_DIR, 'scenarios/compounds.csv'), '--params', f, '--as-of', '2025-07-01'], f, 2);
  });

  it('a bad row after 3000 good ones: streamed JSON to stdout shows nothing, leaves no temporary file', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `C${i},${1000 + i},20,1.5\n`).join('');
    const f = join(dir, 'late-error.csv');
    writeFileSync(f, `id,area_m2,households,fee_rate\n${rows}BAD,-1,20,1.5\n`);
    const r = await runCli(['evaluate', f, '--as-of', '2025-07-01', '--format', 'json'], { env: { TMPDIR: temp } });
    expectUserErrorOutput({ code: r.code, err: r.stderr }, f, 3002);
    expectNoReport(r.stdout, ['--format', 'json'], f, 3002);
    expect(readdirSync(temp)).toEqual([]);
  });
});
