import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputSchema } from '../../src/cli/commands/validate.js';
import { ROOT, runCli, STACK_LINE } from './run-cli.js';

let dir: string;
let good: string;
let bad: string;
// Two compounds: the case study (after-sale public housing, basic service, with coordinates) and
// its host (commodity housing, standard service, no coordinates).
const GOOD =
  'id,name,area_m2,households,fee_rate,housing_type,service_level,lat,lon\n' +
  'JJY,京剧院小区,813,16,0.45,after_sale_public,basic,31.2069,121.4449\n' +
  'YYHY,岳阳花苑,9000,96,2.2,commodity,standard,,\n';
// Line 3 has a negative area.
const BAD = 'id,name,area_m2,households,fee_rate\nA,甲,100,5,1\nB,乙,-3,5,1\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breakeven-e2e-'));
  good = join(dir, 'good.csv');
  bad = join(dir, 'bad.csv');
  writeFileSync(good, GOOD);
  writeFileSync(bad, BAD);
});

describe('breakeven validate', () => {
  it('summarises a file in a table', async () => {
    const r = await runCli(['validate', good]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Compounds\s+2$/m);
    expect(r.stdout).toMatch(/^With coordinates\s+1$/m);
    expect(r.stdout).toMatch(/^after-sale public housing\s+1\s+50\.0%$/m);
    expect(r.stdout).toMatch(/^full\s+0\s+0\.0%$/m);
    expect(r.stdout).not.toContain('\u001b['); // NO_COLOR
  });

  it('prints JSON that matches its schema, envelope first', async () => {
    const r = await runCli(['validate', good, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 2)).toEqual(['schemaVersion', 'tool']);
    const report = outputSchema.parse(json);
    expect(report).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'breakeven' },
      file: good,
      encoding: 'utf8',
      compounds: 2,
      byHousingType: { commodity: 1, after_sale_public: 1, other: 0 },
      byServiceLevel: { basic: 1, standard: 1, full: 0 },
      withLocation: 1,
      warnings: [],
    });
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('prints CSV and Markdown', async () => {
    const csv = await runCli(['validate', good, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith(`Compounds read from ${good}\r\nItem,Value\r\nEncoding,UTF-8\r\n`)).toBe(true);
    expect(csv.stdout).toContain('\r\n\r\nBy housing type\r\nHousing type,Compounds,Share\r\n');
    const md = await runCli(['validate', good, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('### By service level\n\n| Service level | Compounds | Share |\n| --- | ---: | ---: |\n| basic | 1 | 50.0% |');
  });

  it('speaks Chinese with --lang zh or a Chinese locale, and --lang wins', async () => {
    const zh = await runCli(['validate', good, '--lang', 'zh']);
    expect(zh.stdout).toMatch(/^售后公房\s+1\s+50\.0%$/m);
    const locale = await runCli(['validate', good], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(locale.stdout).toContain('小区数');
    const forced = await runCli(['validate', good, '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(forced.stdout).toContain('Compounds');
  });

  it('reports bad input with file:line, exit 2, no stack trace', async () => {
    const r = await runCli(['validate', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:3`);
    expect(r.stderr).toMatch(/^error: /m);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('passes --encoding and --delimiter to the reader', async () => {
    const gb = join(dir, 'gb.csv');
    const gen = spawnSync(process.execPath, ['fixtures/generate.mjs', '--count', '7', '--seed', '1', '--zh', '--encoding', 'gb18030', '--out', gb], { cwd: ROOT });
    expect(gen.status).toBe(0);
    const auto = await runCli(['validate', gb, '--format', 'json']);
    expect(JSON.parse(auto.stdout)).toMatchObject({ encoding: 'gb18030', compounds: 7 });
    const forced = await runCli(['validate', gb, '--encoding', 'utf8']);
    expect(forced.code).toBe(2);
    const tsv = join(dir, 'good.tsv');
    writeFileSync(tsv, GOOD.replace(/,/g, '\t'));
    const tab = await runCli(['validate', tsv, '--delimiter', 'tab', '--format', 'json']);
    expect(JSON.parse(tab.stdout)).toMatchObject({ compounds: 2 });
    expect((await runCli(['validate', tsv])).code).toBe(2);
  });

  it('exits 2 for a missing file', async () => {
    const r = await runCli(['validate', join(dir, 'missing.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('--out', () => {
  it('writes the same text as stdout, nothing on stdout, no temporary file left', async () => {
    const sub = mkdtempSync(join(dir, 'out-'));
    const out = join(sub, 'report.md');
    const r = await runCli(['validate', good, '--format', 'md', '--out', out]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const direct = await runCli(['validate', good, '--format', 'md']);
    expect(readFileSync(out, 'utf8')).toBe(direct.stdout);
    expect(readdirSync(sub)).toEqual(['report.md']);
  });

  it('replaces an existing file', async () => {
    const out = join(dir, 'replace.json');
    writeFileSync(out, 'old');
    const r = await runCli(['validate', good, '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ compounds: 2 });
  });

  it('starts a CSV file with a byte-order mark so spreadsheets read UTF-8 (stdout has none)', async () => {
    const out = join(dir, 'summary.csv');
    await runCli(['validate', good, '--format', 'csv', '--out', out]);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const direct = await runCli(['validate', good, '--format', 'csv']);
    expect(direct.stdout.charCodeAt(0)).not.toBe(0xfeff);
    expect(bytes.subarray(3).toString('utf8')).toBe(direct.stdout);
  });

  it('refuses to overwrite the input, by any name', async () => {
    const link = join(dir, 'link.csv');
    symlinkSync(good, link);
    for (const [input, out, cwd] of [
      [good, good, undefined],
      ['good.csv', './good.csv', dir],
      [link, good, undefined],
      [good, link, undefined],
    ] as const) {
      const r = await runCli(['validate', input, '--out', out], cwd ? { cwd } : {});
      expect(r.code, `${input} → ${out}`).toBe(2);
      expect(r.stderr).toContain('refusing to overwrite');
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(readFileSync(good, 'utf8')).toBe(GOOD);
    }
  });

  it('leaves an existing --out file untouched and writes nothing when the input is bad', async () => {
    const sub = mkdtempSync(join(dir, 'keep-'));
    const out = join(sub, 'keep.txt');
    writeFileSync(out, 'previous report');
    const r = await runCli(['validate', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous report');
    expect(readdirSync(sub)).toEqual(['keep.txt']);
  });

  it('exits 2 when the directory does not exist', async () => {
    const r = await runCli(['validate', good, '--out', join(dir, 'no', 'such', 'dir', 'x.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not exist');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('breakeven schema', () => {
  it('prints the JSON Schema of validate', async () => {
    const r = await runCli(['schema', 'validate']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { $schema: string; required: string[]; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual([
      'schemaVersion',
      'tool',
      'file',
      'encoding',
      'sheet',
      'compounds',
      'byHousingType',
      'byServiceLevel',
      'withLocation',
      'warnings',
    ]);
    expect(schema.additionalProperties).toBe(false);
  });

  it('exits 2 for a command without a schema, naming those with one', async () => {
    const r = await runCli(['schema', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "nope"');
    expect(r.stderr).toContain('validate');
  });

  it('prints JSON only', async () => {
    const r = await runCli(['schema', 'validate', '--format', 'table']);
    expect(r.code).toBe(2);
  });
});
