import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, type CliResult } from '../e2e/run-cli.js';
import { runInProcess } from '../hostile/harness.js';

/*
 * Same input, same options → byte-identical output: every command in every format, run twice.
 * Table and JSON by the BUILT binary, the second time in another time zone and from another
 * working directory (neither may leak into the output); CSV and Markdown, which draw the same
 * views as the table, and xlsx workbooks, in-process through the same main() with --out (a binary run costs ~0.5 s
 * here). The cluster of 16 is beyond exact Shapley (15), so its shares come from seeded sampling.
 */
const AS_OF = '2025-07-01';
const FORMATS = ['table', 'json', 'csv', 'md'] as const;
/** The commands that also write a workbook. */
const WB = [...FORMATS, 'xlsx'] as const;
let dir: string;
let csv: string;
let scenario: string;

/** 18 compounds, every column used, deterministic. */
function compoundsCsv(): string {
  const rows = ['id,name,area_m2,households,fee_rate,housing_type,service_level,gates,green_area_m2,built_year,lat,lon,collection_rate,other_income'];
  for (let i = 0; i < 18; i++) {
    // The last six have no coordinates, so most coalitions of the sampled cluster need no tour.
    const lat = i < 12 ? (31.2 + ((i * 37) % 17) * 0.0004).toFixed(5) : '';
    const lon = i < 12 ? (121.44 + ((i * 53) % 19) * 0.0004).toFixed(5) : '';
    const rate = i % 4 === 0 ? '' : (0.6 + 0.02 * i).toFixed(2);
    rows.push(
      `C${String(i).padStart(2, '0')},小区${i},${800 + i * 733},${10 + i * 7},${(0.45 + 0.13 * i).toFixed(2)},${['commodity', 'after_sale_public', 'other'][i % 3]},${['basic', 'standard', 'full'][i % 3]},${i % 3},${(i * 97) % 600},${1960 + i * 3},${lat},${lon},${rate},${i * 1000}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breakeven-bytes-'));
  csv = join(dir, 'district.csv');
  scenario = join(dir, 'scenario.yaml');
  writeFileSync(csv, compoundsCsv());
  writeFileSync(
    scenario,
    [
      'compounds: district.csv',
      `asOf: ${AS_OF}`,
      'parameters: {wages: {cleaner: 3600}}',
      'compoundChanges: {C00: {fee_rate: 1.49}}',
      'units:',
      '  - {kind: attached, host: C01, guests: [C00, C05]}',
      '  - {kind: cluster, name: Lane, members: [C02, C03, C04, C06]}',
      'allocation: shapley',
      'seed: 42',
      '',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sixteen = Array.from({ length: 16 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`);

/** [name, arguments, formats]. */
const RUNS: [string, () => string[], readonly string[]][] = [
  ['validate', () => ['validate', csv], FORMATS],
  ['schema', () => ['schema', 'scenario'], ['json']],
  ['evaluate', () => ['evaluate', csv, '--as-of', AS_OF], WB],
  ['explain', () => ['explain', csv, 'C03', '--as-of', AS_OF], FORMATS],
  ['params', () => ['params', '--as-of', AS_OF], FORMATS],
  ['scenario', () => ['scenario', scenario], WB],
  ['attach', () => ['attach', csv, 'C00', 'C05', '--to', 'C01', '--as-of', AS_OF, '--allocation', 'scrb'], WB],
  ['cluster of 16 (sampled Shapley)', () => ['cluster', csv, ...sixteen, '--as-of', AS_OF, '--allocation', 'shapley'], ['json', 'csv', 'xlsx']],
  ['cluster of 16 (by area)', () => ['cluster', csv, ...sixteen, '--as-of', AS_OF, '--name', '片区'], ['table', 'md']],
  ['demo', () => ['demo', '--as-of', AS_OF], FORMATS],
  ['sweep', () => ['sweep', scenario, '--vary', 'fee_rate=0.5:2:0.25', '--vary', 'wages.cleaner=3000,4000'], WB],
  ['project', () => ['project', scenario, '--years', '5', '--wage-growth', '4%'], WB],
  ['bid', () => ['bid', csv, 'C01', 'C02', 'C03', '--margin', '6%', '--as-of', AS_OF, '--lang', 'zh'], WB],
  ['check', () => ['check', scenario, '--max-subsidy', '1000000000'], FORMATS],
  ['test', () => ['test', join(ROOT, 'test/cases')], FORMATS],
  ['report (HTML, no --format)', () => ['report', scenario], ['']],
];

const BY_BINARY = new Set(['table', 'json', '']);

/** Two binary runs: UTC from the package root, then Shanghai time from the input's folder. */
async function twiceByBinary(args: string[]): Promise<[CliResult, CliResult]> {
  const a = await runCli(args, { env: { TZ: 'UTC' } });
  const b = await runCli(args, { env: { TZ: 'Asia/Shanghai' }, cwd: dir });
  return [a, b];
}

/** Two in-process runs writing --out files; their bytes. */
async function twiceInProcess(args: string[], format: string): Promise<[Buffer, Buffer]> {
  const out = (n: number) => join(dir, `out-${n}.${format}`);
  for (const n of [1, 2]) {
    const r = await runInProcess([...args, '--out', out(n)]);
    expect(r.code, r.err).toBe(0);
  }
  return [readFileSync(out(1)), readFileSync(out(2))];
}

describe('the same input gives the same bytes', () => {
  for (const [name, args, formats] of RUNS) {
    it(`${name}: ${formats.join(', ')}`, async () => {
      await Promise.all(
        formats.map(async (f) => {
          const argv = f === '' ? args() : [...args(), '--format', f];
          if (BY_BINARY.has(f)) {
            const [a, b] = await twiceByBinary(argv);
            expect(a.code, `${f}: ${a.stderr}`).toBe(0);
            expect(a.stdout.length).toBeGreaterThan(0);
            expect(b.code).toBe(0);
            expect(b.stdout, f).toBe(a.stdout);
            expect(b.stderr).toBe(a.stderr);
          } else {
            const [a, b] = await twiceInProcess(argv, f);
            expect(a.length).toBeGreaterThan(0);
            expect(b.equals(a), f).toBe(true);
          }
        }),
      );
    });
  }
});
