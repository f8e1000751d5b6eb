import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, ROOT, STACK_LINE } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'breakeven-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (file: string) => createHash('sha256').update(readFileSync(join(ROOT, file))).digest('hex');
const count = (html: string, re: RegExp) => (html.match(new RegExp(re.source, 'g')) ?? []).length;

describe('breakeven report (built binary)', () => {
  it('writes the scenario of the case study as one HTML file, stamped with both inputs', async () => {
    const out = join(dir, 'case.html');
    const r = await runCli(['report', 'fixtures/case-study-attached.yaml', '--as-of', '2025-07-01', '--out', out]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('Property management feasibility: case-study-attached.yaml');
    expect(html).toContain(`Input fixtures/case-study-attached.yaml, SHA-256 ${sha('fixtures/case-study-attached.yaml')}.`);
    // The compounds file as the scenario names it, not the absolute path it was resolved to.
    expect(html).toContain(`Input case-study.csv, SHA-256 ${sha('fixtures/case-study.csv')}.`);
    expect(html).not.toContain(ROOT);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(html).toContain(`Made by breakeven ${version}.`);
    // The article's remedy: JJY attached to YYHY, drawn as one link, its fee shown before and after.
    expect(count(html, /data-link="attached"/)).toBe(1);
    expect(html).toContain('0.45 → 1.49');
  });

  it('is the same file twice (no clock, no randomness), in Chinese with --lang zh', async () => {
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    for (const out of [a, b]) expect((await runCli(['report', 'fixtures/district.csv', '--as-of', '2025-07-01', '--lang', 'zh', '--out', out])).code).toBe(0);
    const html = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(html);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('各小区均单独管理。');
    expect(count(html, /<tr data-row="compound"/)).toBe(180);
  });

  it('writes to stdout when it is not a terminal, and takes --allocation', async () => {
    const r = await runCli(['report', 'fixtures/case-study-attached.yaml', '--as-of', '2025-07-01', '--allocation', 'shapley']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('a unit’s cost is shared by Shapley value.');
  });

  it('adds a sweep and the years ahead when asked, over the scenario\'s units', async () => {
    const r = await runCli(['report', 'fixtures/case-study-attached.yaml', '--as-of', '2025-07-01', '--sweep', 'fee_rate=0.5:3:0.5', '--years', '10', '--wage-growth', '4%']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<section id="whatif-1" data-whatif="sweep">');
    expect(r.stdout).toContain('<section id="whatif-2" data-whatif="years">');
    expect(count(r.stdout, /data-point="whatif"/)).toBe(6 + 11);
  });

  it('refuses chart options it cannot use, before reading the input', async () => {
    const growth = await runCli(['report', 'no-such-file.csv', '--wage-growth', '4%']);
    expect(growth.code).toBe(2);
    expect(growth.stderr).toContain('--wage-growth and --fee-growth apply to the years ahead');
    const syntax = await runCli(['report', 'no-such-file.csv', '--sweep', 'fee_rate=1:0.5:0.1']);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain('FROM (1) is above TO (0.5)');
    const key = await runCli(['report', 'fixtures/case-study.csv', '--sweep', 'fee_rat=1,2']);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('fee_rate');
    expect(key.stdout).toBe('');
  });

  it('has no --format: it writes HTML', async () => {
    const help = await runCli(['report', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).not.toContain('--format');
    expect(help.stdout).toContain('--out');
    const r = await runCli(['report', 'fixtures/case-study.csv', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--format'/);
  });

  it('exits 2 on a bad input and writes nothing', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,name,area_m2,households,fee_rate\nA,a,-5,3,1\n');
    const out = join(dir, 'never.html');
    const r = await runCli(['report', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2`);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to overwrite its input', async () => {
    const r = await runCli(['report', 'fixtures/case-study.csv', '--out', 'fixtures/case-study.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to overwrite');
  });
});
