import { z } from 'zod';
import { formatWhere, type Problem } from '../core/errors.js';
import { junitClassname, malformedSuite, type JunitCase, type JunitSuite } from './junit.js';
import type { Block, View } from '../core/table.js';
import type { CaseFailure, CaseResult } from '../analyses/test-cases.js';
import { cell } from './common.js';
import type { Lang } from '../core/lang.js';
import { t } from './labels/index.js';

/** `test`: calculation tests as data, their results and every value that missed. */
export const CaseFailureSchema = z.strictObject({
  path: z.string().describe('the output, e.g. compounds.JJY.cost'),
  line: z.number().int().describe('line of the expected value in the case file'),
  kind: z.enum(['money', 'fee', 'ratio', 'fte', 'count', 'bool']),
  expected: z.string(),
  actual: z.string(),
  diff: z.string().nullable().describe('actual − expected'),
  tolerance: z.string().nullable(),
});

export const CaseResultSchema = z.strictObject({
  name: z.string(),
  file: z.string(),
  line: z.number().int(),
  passed: z.boolean(),
  checks: z.number().int().describe('expected values compared'),
  failedValues: z.number().int().describe('expected values that did not match'),
  failures: z.array(CaseFailureSchema).describe('the values that did not match; over a grid, those of the first failing points only (at least 20 when there are that many)'),
});

export const TestJsonSchema = z.strictObject({
  summary: z.strictObject({
    files: z.number().int(),
    cases: z.number().int(),
    passed: z.number().int(),
    failed: z.number().int(),
    checks: z.number().int(),
  }),
  cases: z.array(CaseResultSchema),
});

export function testJson(results: readonly CaseResult[], files: number): z.infer<typeof TestJsonSchema> {
  const passed = results.filter((r) => r.passed).length;
  return {
    summary: { files, cases: results.length, passed, failed: results.length - passed, checks: results.reduce((s, r) => s + r.checks, 0) },
    cases: results.map((r) => ({
      name: r.name,
      file: r.file,
      line: r.line,
      passed: r.passed,
      checks: r.checks,
      failedValues: r.failedValues,
      failures: r.failures.map((f) => ({ path: f.path, line: f.where.line ?? r.line, kind: f.kind, expected: f.expected, actual: f.actual, diff: f.diff, tolerance: f.tolerance })),
    })),
  };
}

/** One failure as a line of text: `file:line: compounds.JJY.cost: expected 68000.00 ±0, got 68050.02 (+50.02)`. */
export function failureLine(f: CaseFailure): string {
  const tol = f.tolerance && f.tolerance !== '±0' ? ` ${f.tolerance}` : '';
  return `${formatWhere(f.where)}: ${f.path}: expected ${f.expected}${tol}, got ${f.actual}${f.diff ? ` (${f.diff})` : ''}`;
}

export function testView(results: readonly CaseResult[], files: number, lang: Lang): View {
  const blocks: Block[] = [
    {
      kind: 'table',
      table: {
        title: t(lang, 'testCases.calculationTests'),
        columns: [
          { key: 'result', label: t(lang, 'common.result'), align: 'left' },
          { key: 'name', label: t(lang, 'testCases.case'), align: 'left' },
          { key: 'where', label: t(lang, 'testCases.where'), align: 'left' },
          { key: 'checks', label: t(lang, 'testCases.values'), align: 'right' },
        ],
        rows: results.map((r) => [
          r.passed ? cell(t(lang, 'common.pass'), 'good') : cell(t(lang, 'testCases.fail'), 'bad'),
          cell(r.name),
          cell(`${r.file}:${r.line}`, 'muted'),
          cell(r.passed ? String(r.checks) : `${r.failedValues}/${r.checks} ${t(lang, 'testCases.wrong')}`, r.passed ? undefined : 'bad'),
        ]),
      },
    },
  ];
  for (const r of results) {
    if (r.passed) continue;
    blocks.push({
      kind: 'table',
      table: {
        title: t(lang, 'testCases.failHeading', { name: r.name, file: r.file, line: r.line }),
        columns: [
          { key: 'value', label: t(lang, 'testCases.value'), align: 'left' },
          { key: 'line', label: t(lang, 'testCases.line'), align: 'right' },
          { key: 'expected', label: t(lang, 'testCases.expected'), align: 'right' },
          { key: 'actual', label: t(lang, 'testCases.actual'), align: 'right' },
          { key: 'diff', label: t(lang, 'testCases.difference'), align: 'right' },
          { key: 'tolerance', label: t(lang, 'testCases.tolerance'), align: 'right' },
        ],
        rows: r.failures.map((f) => [
          cell(f.path),
          cell(String(f.where.line ?? '')),
          cell(f.expected),
          cell(f.actual, 'bad'),
          cell(f.diff ?? ''),
          cell(f.tolerance ?? t(lang, 'testCases.exact'), 'muted'),
        ]),
      },
    });
    if (r.failures.length < r.failedValues) {
      blocks.push({ kind: 'text', tone: 'muted', lines: [[cell(t(lang, 'testCases.firstShown', { shown: r.failures.length, total: r.failedValues }))]] });
    }
  }
  const failed = results.filter((r) => !r.passed).length;
  const checks = results.reduce((s, r) => s + r.checks, 0);
  blocks.push({
    kind: 'text',
    lines: [
      [
        failed === 0
          ? cell(t(lang, 'testCases.passed', { count: results.length, checks, files, s: files === 1 ? '' : 's' }), 'good')
          : cell(t(lang, 'testCases.failed', { failed, count: results.length, files, s: files === 1 ? '' : 's' }), 'bad'),
      ],
    ],
  });
  return { blocks };
}

/** A file that could not be read as cases, for JUnit's <error>. */
export interface CaseFileProblems {
  file: string;
  problems: readonly Problem[];
}

/**
 * JUnit for CI: one testsuite per case file, one testcase per case (a <failure> with every value
 * that missed), and for a malformed file one testcase "malformed case file" with an <error>
 * listing its problems. Where each case was written goes in the suite's <properties> (`file`, and
 * `line: CASE`) since <testcase> takes neither attribute. `seconds[i]` is the time of `results[i]`.
 */
export function testJunit(results: readonly CaseResult[], seconds: readonly number[], malformed: readonly CaseFileProblems[] = []): JunitSuite[] {
  const byFile = new Map<string, { r: CaseResult; t: number }[]>();
  results.forEach((r, i) => byFile.set(r.file, [...(byFile.get(r.file) ?? []), { r, t: seconds[i] ?? 0 }]));
  const suites: JunitSuite[] = [];
  for (const [file, rs] of byFile) {
    suites.push({
      name: file,
      time: rs.reduce((s, x) => s + x.t, 0),
      properties: [{ name: 'file', value: file }, ...rs.map(({ r }) => ({ name: `line: ${r.name}`, value: String(r.line) }))],
      cases: rs.map(({ r, t }) => {
        const c: JunitCase = { name: r.name, classname: junitClassname(file), time: t, where: `${file}:${r.line}` };
        if (!r.passed) {
          const first = r.failures[0]!;
          c.failure = {
            type: 'ValueMismatch',
            message: `${r.failedValues} value${r.failedValues === 1 ? '' : 's'} wrong; first: ${first.path} expected ${first.expected}, got ${first.actual}`,
            text: r.failures.map(failureLine).join('\n'),
          };
        }
        return c;
      }),
    });
  }
  for (const m of malformed) suites.push(malformedSuite(m.file, m.problems, 'MalformedCaseFile', 'malformed case file'));
  return suites;
}

