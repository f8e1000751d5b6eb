import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, formatProblem } from '../../src/core/errors.js';
import { expectedValue, readTestCaseFile, readTestCases } from '../../src/cli/load-test-cases.js';
import { runTestCase } from '../../src/analyses/test-cases.js';
import { CASE_STUDY_CSV } from './case-study.js';

const dir = mkdtempSync(join(tmpdir(), 'breakeven-cases-'));
let n = 0;
function caseFile(text: string, name = `c${++n}.yaml`): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** The problems of an InputError, as the shell prints them. */
async function problemsOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected an InputError');
}

const JJY_ROW = '{ id: JJY, area_m2: 813, households: 16, fee_rate: 0.45, housing_type: after_sale_public, service_level: basic, built_year: 1984 }';

describe('running a case', () => {
  it('over a grid, counts every value that misses and lists those of the first points', async () => {
    // 30 points (households 10–39), viable expected true at each: JJY at 0.45 is viable at none,
    // so 30 values miss; the list stops after the point that brings it to 20 or more.
    const f = caseFile(`asOf: 2025-07-01
cases:
  - name: a grid wrong on purpose
    compounds: [${JJY_ROW}]
    grid: { JJY: { households: { from: 10, to: 39, step: 1 } } }
    expect: { compounds: { JJY: { viable: true } } }
`);
    const { cases } = await readTestCases([f]);
    const r = runTestCase(cases[0]!);
    expect(r.checks).toBe(30);
    expect(r.failedValues).toBe(30);
    expect(r.failures.length).toBe(20);
    expect(r.failures[19]!.path).toBe('compounds.JJY.viable at JJY.households = 29');
  });

  it('lists each value that misses with expected, actual, difference and tolerance', async () => {
    const f = caseFile(`asOf: 2025-07-01
cases:
  - name: wrong on purpose
    compounds: [${JJY_ROW}]
    expect:
      compounds:
        JJY:
          cost: 80800
          viable: true
          margin: { value: -31, tolerance: 0.5 }
          breakEvenFee: 14.740094
          staff: { manager: 0.25 }
`);
    const [c] = await readTestCaseFile(f);
    const r = runTestCase(c!);
    expect(r.passed).toBe(false);
    expect(r.checks).toBe(5);
    expect(r.failures.map((x) => [x.path, x.where.line, x.expected, x.actual, x.diff, x.tolerance])).toEqual([
      ['compounds.JJY.cost', 8, '80800.00', '80812.62', '+12.62', '±0'],
      ['compounds.JJY.viable', 9, 'true', 'false', null, null],
      // −78345.49 ÷ 2467.13 = −31.755720
      ['compounds.JJY.margin', 10, '-31', '-31.755720209', '-0.755720209', '±0.5'],
      ['compounds.JJY.staff.manager', 12, '0.25', '0.3', '+0.05', '±0.000000001'],
    ]);
  });

  it('passes within the case tolerance, a relative one included', async () => {
    const f = caseFile(`asOf: 2025-07-01
tolerance: { money: 1 }
cases:
  - name: near enough
    compounds: [${JJY_ROW}]
    expect: { compounds: { JJY: { cost: 80813.1 } } }
  - name: relative
    tolerance: { relative: 0.001 }
    compounds: [${JJY_ROW}]
    expect: { compounds: { JJY: { cost: 80890, profit: "-78345.49" } } }
  - name: too far
    compounds: [${JJY_ROW}]
    expect: { compounds: { JJY: { cost: 80814.62 } } }
`);
    const cases = await readTestCaseFile(f);
    expect(cases.map((c) => runTestCase(c).passed)).toEqual([true, true, false]);
  });

  it('reads compounds from a CSV file relative to the case file', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    const f = caseFile(
      `asOf: 2025-07-01
cases:
  - name: from a file
    compounds: ${relative(sub, CASE_STUDY_CSV)}
    scenario: { units: [{ kind: attached, host: YYHY, guests: [JJY] }] }
    expect: { units: { YYHY+JJY: { viable: false } }, totals: { units: 5, compounds: 6 } }
`,
      'sub/from-file.yaml',
    );
    const [c] = await readTestCases([f]).then((r) => r.cases);
    expect(runTestCase(c!).failures).toEqual([]);
  });
});

describe('a malformed case file is refused with file:line', () => {
  it('an unknown key, with a suggestion', async () => {
    const f = caseFile(`asOf: 2025-07-01
cases:
  - name: typo
    compounds: [${JJY_ROW}]
    expects: { compounds: { JJY: { cost: 1 } } }
`);
    const p = await problemsOf(readTestCaseFile(f));
    expect(p).toEqual([`${f}:3:5: cases.0.expect: missing "expect"`, `${f}:5:5: cases.0.expects: unknown key "expects" (did you mean "expect"?)`]);
  });

  it('unknown outputs, compounds, roles and units, each at its line', async () => {
    const f = caseFile(`asOf: 2025-07-01
cases:
  - name: unknowns
    compounds: [${JJY_ROW}]
    expect:
      compounds:
        JJY: { cots: 1, staff: { manger: 0.3 } }
        JYY: { cost: 1 }
      units:
        lane: { cost: 1 }
`);
    const p = await problemsOf(readTestCaseFile(f));
    expect(p).toEqual([
      `${f}:7:16: cases.0.expect.compounds.JJY.cots: unknown output "cots" (did you mean "cost"?)`,
      `${f}:7:34: cases.0.expect.compounds.JJY.staff.manger: unknown role "manger" (did you mean "manager"?)`,
      `${f}:8:9: cases.0.expect.compounds.JYY: unknown compound "JYY" (did you mean "JJY"?)`,
      `${f}:10:9: cases.0.expect.units.lane: unknown unit "lane" (known: JJY)`,
    ]);
  });

  it('values of the wrong kind', async () => {
    const f = caseFile(`asOf: 2025-07-01
cases:
  - name: kinds
    compounds: [${JJY_ROW}]
    expect:
      compounds: { JJY: { viable: "no", cost: "68,050.02", margin: "x" } }
      totals: { units: 1.5 }
`);
    const p = await problemsOf(readTestCaseFile(f));
    expect(p).toEqual([
      `${f}:6:27: cases.0.expect.compounds.JJY.viable: expected true or false, got "no"`,
      `${f}:6:41: cases.0.expect.compounds.JJY.cost: expected an amount in yuan (e.g. 68050.02), got "68,050.02" (write it without thousands separators)`,
      `${f}:6:60: cases.0.expect.compounds.JJY.margin: expected a ratio (0.07 or "7%") or null, got "x"`,
      `${f}:7:17: cases.0.expect.totals.units: expected a whole number ≥ 0, got 1.5`,
    ]);
  });

  it('a bad compound row, a missing date, an unknown parameter, a bad scenario unit', async () => {
    const f = caseFile(`cases:
  - name: everything wrong
    compounds:
      - { id: JJY, area_m2: -5, households: 16, fee_rate: 0.45 }
    parameters: { wages: { claener: 3000 } }
    scenario: { units: [{ kind: cluster, members: [JJY, NOPE] }], asOf: 2025-07-01 }
    expect: { totals: { units: 1 } }
`);
    const p = await problemsOf(readTestCaseFile(f));
    expect(p).toEqual([
      `${f}:2:5: cases.0: case "everything wrong" has no asOf date (give asOf: YYYY-MM-DD in the case or at the top of the file, so that the test does not depend on the day it runs)`,
      `${f}:4:20: area_m2: expected a positive number, got -5`,
      `${f}:6:67: cases.0.scenario.asOf: "asOf" belongs to the case, not to its scenario`,
      `${f}:5: wages.claener: unknown parameter "wages.claener" (did you mean "wages.cleaner"?)`,
    ]);
  });

  it('a case that expects nothing, and a directory without cases', async () => {
    const f = caseFile(`asOf: 2025-07-01
cases:
  - name: empty
    compounds: [${JJY_ROW}]
    expect: {}
`);
    expect(await problemsOf(readTestCaseFile(f))).toEqual([`${f}:5:5: cases.0.expect: case "empty" expects nothing (add at least one expected value)`]);
    const empty = mkdtempSync(join(tmpdir(), 'breakeven-nocases-'));
    expect(await problemsOf(readTestCases([empty]))).toEqual([`${empty}: no *.yaml or *.yml file in this directory`]);
  });

  it('a YAML syntax error', async () => {
    const f = caseFile('cases:\n  - name: [unclosed\n');
    const p = await problemsOf(readTestCaseFile(f));
    expect(p[0]).toMatch(new RegExp(`^${f}:\\d+:\\d+: `));
  });
});

describe('expectedValue', () => {
  it('reads each kind', () => {
    expect(expectedValue('ratio', '7%')).toEqual({ value: 0.07 });
    expect(expectedValue('ratio', null)).toEqual({ value: null });
    expect(expectedValue('money', '-12.50')).toEqual({ value: -12.5 });
    expect(expectedValue('fee', { value: 1.49, tolerance: 0.01 })).toEqual({ value: 1.49, tolerance: 0.01 });
    expect(expectedValue('count', { value: 2, tolerance: 1 })).toBe('a count is compared exactly and takes no tolerance');
    expect(expectedValue('fee', { value: 1, tol: 1 })).toBe('unknown key "tol" (an expected value is a value, or {value, tolerance})');
  });
});
