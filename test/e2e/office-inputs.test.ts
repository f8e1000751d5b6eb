/**
 * Issue 16's "must show": the office fixtures (Excel- and WPS-style workbooks, a GB18030 CSV with
 * title, unit headers, full-width digits and a totals row), and the GB18030 CSV on standard input
 * (`-`), give the same evaluate JSON as the clean fixtures/case-study.csv. Five runs of the built
 * command; the reading itself is tested in test/io/office-inputs.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outputSchema as validateSchema } from '../../src/cli/commands/validate.js';
import { runCli } from './run-cli.js';

// Chinese labels in the JSON too, and the reader's warnings in Chinese on stderr.
const AS_OF = ['--as-of', '2026-06-30', '--lang', 'zh'];

describe('evaluate: office files and standard input give the clean case study’s results', async () => {
  const clean = await runCli(['evaluate', 'fixtures/case-study.csv', '--format', 'json', ...AS_OF]);

  it('the clean file evaluates (the reference)', () => {
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).totals.compounds).toBe(6);
  });

  it.each(['fixtures/office/excel.xlsx', 'fixtures/office/wps.xlsx', 'fixtures/office/gb18030.csv'])('%s', async (file) => {
    const r = await runCli(['evaluate', file, '--format', 'json', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(clean.stdout));
    // The warnings go to stderr, in the output language: the title, 序号 and 备注, the totals
    // row and the note under it.
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('表头上方第');
    expect(lines[1]).toContain('列“序号”已忽略');
    expect(lines[3]).toMatch(/(合计|总计)行/);
  });

  it('- reads the compounds from standard input (GB18030 detected)', async () => {
    const r = await runCli(['evaluate', '-', '--format', 'json', ...AS_OF], { input: readFileSync('fixtures/office/gb18030.csv') });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(clean.stdout));
    expect(r.stderr).toContain('warning: <stdin>:9: 合计行“合计”（第 9 行）未计入');
  });
});

describe('the read options reach the reader on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'breakeven-office-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--columns, --header-row and --allow-high-fees', async () => {
    const map = join(dir, 'map.yaml');
    writeFileSync(map, '小区代码: id\n总建面: area_m2\n住户: households\n月收费标准: fee_rate\n');
    const csv = join(dir, 'list.csv');
    // A luxury compound at 25 yuan/m²/month: above the ceiling of 20, and right.
    writeFileSync(csv, '某街道高档小区清单\n小区代码,总建面（㎡）,住户,月收费标准\nLUX,20000,100,25\n');
    const r = await runCli(['validate', csv, '--columns', map, '--header-row', '2', '--allow-high-fees', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ compounds: 1, warnings: [] });
  });

  it('validate names the sheet it read, in JSON that keeps to its schema', async () => {
    const r = await runCli(['validate', 'fixtures/office/wps.xlsx', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const json = validateSchema.parse(JSON.parse(r.stdout));
    expect(json).toMatchObject({ sheet: '工作表1', compounds: 6 });
    expect(json.warnings.map((w) => w.code)).toEqual(['CSV_TITLE_ROWS', 'CSV_IGNORED_COLUMN', 'CSV_IGNORED_COLUMN', 'CSV_TOTALS_ROW', 'CSV_NOTE_ROW']);
  });

  it('--sheet: a sheet without the columns is refused, named as Excel names it', async () => {
    const r = await runCli(['attach', 'fixtures/office/wps.xlsx', 'JJY', '--to', 'YYHY', '--sheet', '说明']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: fixtures/office/wps.xlsx:说明!1:1: missing required columns');
  });
});
