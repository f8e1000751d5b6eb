/**
 * "Chinese throughout" (issue 16 item 6): under `--lang zh` no English word is left in what a
 * command prints. Every command runs on the fixtures through the built binary; its standard output
 * (table format, and Markdown for a few) and, for `report`, the visible text of the HTML are searched for English.
 *
 * THE RULE: no run of three or more ASCII letters, except
 *  1. what comes from the input as it was given: compound ids and names (the fixtures), unit names
 *     of the scenario, names of test cases, file names and paths on the command line;
 *  2. keys that are the same in every language: parameter keys (`wages.cleaner`) and compound
 *     field names (`fee_rate`), as the parameter file and the CSV header spell them;
 *  3. hexadecimal digests and SHA-256 sums;
 *  4. the tool's name and the command lines the demo suggests (`breakeven explain …`), and this
 *     allow-list: `breakeven`, `SHA` (SHA-256), `UTF` (UTF-8), `SCRB` (the allocation method's usual abbreviation, given
 *     beside its Chinese name), `max` and `min` (the functions in explain's formulas).
 * Standard error (warnings, errors, the one-line summary of a failed check) is not searched: it is
 * the diagnostics channel, worded for logs. JSON and CSV are data: their keys are a contract.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/schema/columns.js';
import { readDefaultTree } from '../../src/io/read-params.js';
import { runCli } from './run-cli.js';

const ALLOWED = new Set(['breakeven', 'SHA', 'UTF', 'SCRB', 'max', 'min']);

/** Words from the input: ids and names of the fixtures' compounds, scenario unit names, case names. */
function inputWords(): string[] {
  const words: string[] = [];
  for (const f of ['fixtures/case-study.csv', 'fixtures/district.csv']) {
    const lines = readFileSync(f, 'utf8').trim().split('\n').slice(1);
    for (const l of lines) words.push(...l.split(',').slice(0, 2));
  }
  for (const f of ['test/cases/case-study.yaml', 'test/cases/calibration.yaml']) {
    const cases = parse(readFileSync(f, 'utf8')) as { cases?: { name: string }[] } | { name: string }[];
    const list = Array.isArray(cases) ? cases : (cases.cases ?? []);
    for (const c of list) words.push(c.name);
  }
  return words.filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
}

const KEYS = [...readDefaultTree().keys(), ...COLUMNS].sort((a, b) => b.length - a.length);
const INPUT = inputWords();

/** The English words left in `text` once everything the rule allows is taken out. */
export function englishIn(text: string): string[] {
  // Markdown escapes (wages.minimum\_monthly) undone first, so that keys are recognised.
  let s = text.replace(/\\([\\`*_[\]{}()#+!|<>-])/g, '$1');
  for (const w of INPUT) s = s.split(w).join(' ');
  for (const k of KEYS) s = s.split(k).join(' ');
  s = s
    .replace(/[\w./-]+\.(csv|yaml|yml|html|xlsx|json)\b/g, ' ') // file names and paths
    .replace(/\bbreakeven [a-z]+/g, ' ') // the tool's command lines
    .replace(/\b[0-9a-f]{12,64}\b/g, ' '); // digests
  const left = (s.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !ALLOWED.has(w));
  return [...new Set(left)];
}

/** The text a reader sees in the HTML: no style, script, tags or attributes. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<script>[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const COMMANDS: string[][] = [
  ['validate', 'fixtures/case-study.csv'],
  ['demo'],
  ['evaluate', 'fixtures/case-study.csv'],
  ['explain', 'fixtures/case-study.csv', 'JJY'],
  ['explain', 'fixtures/case-study.csv', 'YYHY'],
  ['params'],
  ['scenario', 'fixtures/case-study-attached.yaml'],
  ['attach', 'fixtures/case-study.csv', 'JJY', '--to', 'YYHY', '--allocation', 'shapley'],
  ['cluster', 'fixtures/case-study.csv', 'A12', 'A13', 'A17', '--allocation', 'scrb'],
  ['sweep', 'fixtures/case-study.csv', '--vary', 'fee_rate=1.0:2.5:0.5', '--only', 'YYHY'],
  ['sweep', 'fixtures/case-study.csv', '--vary', 'fee_rate=1:2:0.5', '--vary', 'wages.cleaner=3000:4000:500'],
  ['project', 'fixtures/case-study.csv', '--years', '5', '--wage-growth', '4%'],
  ['bid', 'fixtures/case-study.csv', 'A12', 'A13', 'A17', '--margin', '6%'],
  ['bid', 'fixtures/case-study.csv', 'YYHY', 'JJY', '--pricing', 'commission', '--commission-rate', '8%'],
  ['check', 'fixtures/case-study-attached.yaml', '--min-margin', '3%', '--require-viable', 'JJY,A12'],
  ['test', 'test/cases'],
  ['plan', 'fixtures/district.csv'],
  // The same labels in Markdown.
  ['scenario', 'fixtures/case-study-attached.yaml', '--format', 'md'],
  ['explain', 'fixtures/case-study.csv', 'JJY', '--format', 'md'],
  ['bid', 'fixtures/case-study.csv', 'A12', 'A13', 'A17', '--format', 'md'],
  ['evaluate', 'fixtures/case-study.csv', '--draws', '50'],
  ['scenario', 'fixtures/case-study-attached.yaml', '--draws', '50'],
  ['bid', 'fixtures/case-study.csv', 'A12', 'A13', 'A17', '--draws', '50'],
  ['sensitivity', 'fixtures/case-study-attached.yaml', '--top', '5'],
  ['sensitivity', 'fixtures/case-study.csv', '--id', 'JJY', '--target', 'break-even-fee'],
];

describe('--lang zh leaves no English label', () => {
  it('holds the rule itself: English is found, ids, keys, files and digests are not', () => {
    expect(englishIn('方法：area，状态 heuristic')).toEqual(['area', 'heuristic']);
    expect(englishIn('京剧院小区 (JJY) wages.cleaner fee_rate fixtures/case-study.csv 摘要 28c2e5f491fa m² ㎡ 12.5%')).toEqual([]);
  });

  for (const args of COMMANDS) {
    it(`breakeven ${args.join(' ')}`, async () => {
      const r = await runCli([...args, '--lang', 'zh']);
      expect(r.stdout.length, r.stderr).toBeGreaterThan(0);
      expect(englishIn(r.stdout), r.stdout).toEqual([]);
    });
  }

  it('breakeven report (the HTML a reader sees, with a plan, a sweep and the years ahead)', async () => {
    const r = await runCli(['report', 'fixtures/district.csv', '--plan', '--sweep', 'fee_rate=0.5:3:0.5', '--years', '5', '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    const text = visibleText(r.stdout);
    expect(text).toContain('物业管理可行性报告');
    expect(englishIn(text), text.slice(0, 2000)).toEqual([]);
  });

  it('breakeven report --draws (the how-sure column and the tornado)', async () => {
    const r = await runCli(['report', 'fixtures/case-study-attached.yaml', '--draws', '50', '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    const text = visibleText(r.stdout);
    expect(text).toContain('把握');
    expect(englishIn(text), text.slice(0, 2000)).toEqual([]);
  });
});
