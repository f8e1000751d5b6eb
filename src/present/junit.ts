/**
 * JUnit for CI, as data: suites of cases with times, properties, failures and errors, built from
 * the results of `test` and `check` (src/present/test-cases.ts, check.ts) and written as XML by
 * src/render/junit.ts, which follows the Jenkins xunit plugin's junit-10.xsd.
 */
import { formatProblem, type Problem } from '../core/errors.js';

export interface JunitProperty {
  name: string;
  value: string;
}

export interface JunitCase {
  name: string;
  /** Shown by CI as package.class: give one without path dots (see `junitClassname`). */
  classname: string;
  /** Seconds. */
  time: number;
  /** A check that did not hold (exit 1). */
  failure?: { type: string; message: string; text: string };
  /** Input that could not be used (exit 2): a malformed case file, an unreadable scenario. */
  error?: { type: string; message: string; text: string };
  /** Where the case was written: printed as system-out, since <testcase> takes no properties. */
  where?: string;
}

export interface JunitSuite {
  name: string;
  /** Seconds. */
  time: number;
  properties: readonly JunitProperty[];
  cases: readonly JunitCase[];
}

/**
 * A classname from a file path: no directory separators and no dots (CI splits a classname at its
 * last dot into package and class, so `cases/case-study.yaml` would become class "yaml" of
 * package "cases/case-study"). `test/cases/case-study.yaml` → `test_cases_case-study`.
 */
export function junitClassname(path: string): string {
  const noExt = path.replace(/\.[A-Za-z0-9]+$/, '');
  const parts = noExt.split(/[\\/]+/).filter((p) => p !== '' && p !== '.' && p !== '..');
  const name = parts.join('_').replace(/[.\s]+/g, '_');
  return name === '' ? 'breakeven' : name;
}

/** A suite with one <error> case: the input `file` could not be used (exit 2). */
export function malformedSuite(file: string, problems: readonly Problem[], type: string, name: string): JunitSuite {
  const first = problems[0];
  const line = first?.where?.line;
  return {
    name: file,
    time: 0,
    properties: [{ name: 'file', value: file }, ...(line !== undefined ? [{ name: 'line', value: String(line) }] : [])],
    cases: [
      {
        name,
        classname: junitClassname(file),
        time: 0,
        error: {
          type,
          message: `${problems.length} problem${problems.length === 1 ? '' : 's'}; first: ${first ? formatProblem(first) : 'invalid input'}`,
          text: problems.map((p) => `${p.code}: ${formatProblem(p)}`).join('\n'),
        },
      },
    ],
  };
}
