import type { Compound } from '../core/compound.js';
import { fenToString, roundToString } from '../core/money.js';
import type { Where } from '../core/errors.js';
import { evaluateArrangement, type ScenarioResult } from '../arrangements/evaluate-scenario.js';
import type { AllocationMethod } from '../arrangements/allocation.js';
import type { UnitSpec } from '../arrangements/units.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateCompound, type CompoundEvaluation } from '../model/evaluate-compound.js';

/**
 * Calculation tests as data (after OpenFisca's YAML tests): a case gives compounds, parameters and
 * optionally a scenario, and the outputs expected with a tolerance. The runner computes them with
 * the functions the commands use (`evaluateCompound` as `evaluate` does, `evaluateArrangement` as
 * `scenario` does) and lists every expectation that misses, with expected, actual and where it
 * was written. Reading and validating case files is in src/cli/load-test-cases.ts.
 */

/** How a value is compared and shown. */
export type ValueKind = 'money' | 'fee' | 'ratio' | 'fte' | 'count' | 'bool';

/** Absolute tolerances by kind, and an optional relative one (a value passes within either). */
export interface Tolerance {
  money: number;
  fee: number;
  ratio: number;
  fte: number;
  relative: number;
}

/**
 * Default tolerances: money to the fen, a fee and a ratio to the last decimal JSON prints (6 and 4),
 * FTE to rounding noise. Counts and booleans are always exact.
 */
export const DEFAULT_TOLERANCE: Tolerance = { money: 0, fee: 0.000001, ratio: 0.0001, fte: 1e-9, relative: 0 };

/** One expected value: where in the outputs, of what kind, and where it was written. */
export interface Expectation {
  /** e.g. ['compounds', 'JJY', 'cost'], ['units', 'lane', 'shares', 'A12'], ['totals', 'viableUnits']. */
  path: string[];
  kind: ValueKind;
  /** Money in yuan. Null: no value expected (a fee no fee can reach, a margin with no revenue). */
  expected: number | boolean | null;
  /** Overrides the case's tolerance for this value (absolute). */
  tolerance?: number;
  /** Bounds instead of a value ({min, max}, inclusive; money in yuan): `expected` is then null. */
  min?: number;
  max?: number;
  line: number;
}

/** One axis of a case's grid: a compound field taking each value in turn (every combination is run). */
export interface GridAxis {
  id: string;
  field: 'area_m2' | 'households' | 'fee_rate' | 'collection_rate' | 'other_income' | 'green_area_m2';
  values: number[];
}

export interface TestCase {
  name: string;
  file: string;
  line: number;
  compounds: Compound[];
  k: Coefficients;
  scenario: { units: UnitSpec[]; changes: ReadonlyMap<string, Partial<Compound>>; allocation: AllocationMethod; seed: number };
  tolerance: Tolerance;
  expectations: Expectation[];
  /** Every expectation must hold at every point of the grid (a property over the data), when given. */
  grid?: GridAxis[];
}

export interface CaseFailure {
  path: string;
  where: Where;
  kind: ValueKind;
  expected: string;
  actual: string;
  /** actual − expected, when both are numbers. */
  diff: string | null;
  tolerance: string | null;
}

export interface CaseResult {
  name: string;
  file: string;
  line: number;
  passed: boolean;
  checks: number;
  failures: CaseFailure[];
  /** How many values did not match; over a grid, `failures` holds those of the first points only. */
  failedValues: number;
}

type Actual = number | boolean | null | undefined;

/** Runs one case, at every point of its grid if it has one. Pure. */
export function runTestCase(c: TestCase): CaseResult {
  if (!c.grid?.length) return runAt(c);
  const failures: CaseFailure[] = [];
  let checks = 0;
  let failedValues = 0;
  let points: { label: string; set: Map<string, Partial<Compound>> }[] = [{ label: '', set: new Map() }];
  for (const a of c.grid) {
    points = points.flatMap((p) =>
      a.values.map((v) => {
        const set = new Map(p.set);
        set.set(a.id, { ...(set.get(a.id) ?? {}), [a.field]: v });
        return { label: `${p.label}${p.label ? ', ' : ''}${a.id}.${a.field} = ${v}`, set };
      }),
    );
  }
  for (const p of points) {
    const compounds = c.compounds.map((x) => (p.set.has(x.id) ? { ...x, ...p.set.get(x.id) } : x));
    const r = runAt({ ...c, compounds });
    checks += r.checks;
    failedValues += r.failures.length;
    // The first few failing points are enough to see the pattern.
    if (failures.length < 20) failures.push(...r.failures.map((f) => ({ ...f, path: `${f.path} at ${p.label}` })));
  }
  return { name: c.name, file: c.file, line: c.line, passed: failures.length === 0, checks, failures, failedValues };
}

function runAt(c: TestCase): CaseResult {
  const alone = new Map<string, CompoundEvaluation>();
  let arranged: ScenarioResult | undefined;
  const changed = (id: string): Compound => {
    const base = c.compounds.find((x) => x.id === id)!;
    const patch = c.scenario.changes.get(id);
    return patch ? { ...base, ...patch } : base;
  };
  const evaluation = (id: string) => {
    let e = alone.get(id);
    if (!e) {
      e = evaluateCompound(changed(id), c.k);
      alone.set(id, e);
    }
    return e;
  };
  const arrangement = () => (arranged ??= evaluateArrangement(c.compounds, c.scenario, c.k));

  const failures: CaseFailure[] = [];
  for (const x of c.expectations) {
    const [section, id, field, sub] = x.path;
    let actual: Actual;
    if (section === 'compounds') actual = compoundValue(evaluation(id!), field!, sub);
    else if (section === 'units') actual = unitValue(arrangement(), id!, field!, sub);
    else actual = totalsValue(arrangement(), id!);
    const failure = compare(x, actual, c.tolerance);
    if (failure) failures.push({ ...failure, where: { file: c.file, line: x.line } });
  }
  return { name: c.name, file: c.file, line: c.line, passed: failures.length === 0, checks: c.expectations.length, failures, failedValues: failures.length };
}

/** What each section's fields are, and their kinds: the reader validates case files against these. */
export const COMPOUND_FIELDS: Readonly<Record<string, ValueKind>> = {
  revenue: 'money',
  grossRevenue: 'money',
  taxes: 'money',
  cost: 'money',
  profit: 'money',
  subsidyNeeded: 'money',
  margin: 'ratio',
  viable: 'bool',
  labourShare: 'ratio',
  collectionRate: 'ratio',
  breakEvenFee: 'fee',
  bidFee: 'fee',
};
export const UNIT_FIELDS: Readonly<Record<string, ValueKind>> = {
  revenue: 'money',
  cost: 'money',
  profit: 'money',
  subsidyNeeded: 'money',
  margin: 'ratio',
  viable: 'bool',
  stable: 'bool',
  labourShare: 'ratio',
};
export const TOTALS_FIELDS: Readonly<Record<string, ValueKind>> = {
  revenue: 'money',
  cost: 'money',
  profit: 'money',
  subsidyNeeded: 'money',
  subsidySaved: 'money',
  units: 'count',
  compounds: 'count',
  viableUnits: 'count',
  viableCompounds: 'count',
};
/** Nested maps: staff FTE by role, cost lines by key (compounds), shares by member (units). */
export const NESTED_FIELDS: Readonly<Record<string, ValueKind>> = {
  staff: 'fte',
  lines: 'money',
  shares: 'money',
  // Per member of a unit: avoidable and stepped incremental cost, revenue, the firm's gain on it,
  // whether it gains, whether the member would rather walk out (share above its cost alone).
  incrementalCost: 'money',
  steppedIncrementalCost: 'money',
  memberRevenue: 'money',
  gain: 'money',
  gains: 'bool',
  walksOut: 'bool',
};

/** Nested unit fields keyed by member. */
export const MEMBER_FIELDS: readonly string[] = ['shares', 'incrementalCost', 'steppedIncrementalCost', 'memberRevenue', 'gain', 'gains', 'walksOut'];

function labourShare(e: { staff: readonly { amount: number }[]; cost: number }): number | null {
  if (e.cost === 0) return null;
  let s = 0;
  for (const x of e.staff) s += x.amount;
  return s / e.cost;
}

function compoundValue(e: CompoundEvaluation, field: string, sub: string | undefined): Actual {
  switch (field) {
    case 'grossRevenue':
      return e.gross;
    case 'collectionRate':
      return e.members[0]!.collectionRate;
    case 'labourShare':
      return labourShare(e);
    case 'staff':
      return e.staff.find((s) => s.role === sub)?.fte ?? 0;
    case 'lines':
      return e.lines.filter((l) => l.key === sub).reduce((s, l) => s + l.amount, 0);
    default:
      return (e as unknown as Record<string, Actual>)[field];
  }
}

function unitValue(r: ScenarioResult, id: string, field: string, sub: string | undefined): Actual {
  const u = r.units.find((x) => x.id === id)!;
  switch (field) {
    case 'stable':
      return u.stable;
    case 'staff':
      return u.evaluation.staff.find((s) => s.role === sub)?.fte ?? 0;
    case 'shares':
      return u.shares.find((s) => s.id === sub)?.cost;
    case 'incrementalCost':
    case 'steppedIncrementalCost':
    case 'gain':
    case 'gains':
    case 'walksOut':
      return u.shares.find((s) => s.id === sub)?.[field];
    case 'memberRevenue':
      return u.shares.find((s) => s.id === sub)?.revenue;
    case 'labourShare':
      return labourShare(u.evaluation);
    default:
      return (u.evaluation as unknown as Record<string, Actual>)[field];
  }
}

function totalsValue(r: ScenarioResult, field: string): Actual {
  if (field === 'subsidySaved') return r.subsidySaved;
  return (r.totals as unknown as Record<string, Actual>)[field];
}

/** Undefined when the value is as expected; else what differs, formatted. */
function compare(x: Expectation, actual: Actual, t: Tolerance): Omit<CaseFailure, 'where'> | undefined {
  const path = x.path.join('.');
  // Money: actual in fen, expected in yuan.
  const inYuan = x.kind === 'money' && typeof actual === 'number' ? actual / 100 : actual;
  const fail = (diff: string | null, tol: string | null) => ({
    path,
    kind: x.kind,
    expected: formatValue(x.expected, x.kind),
    actual: formatValue(inYuan, x.kind),
    diff,
    tolerance: tol,
  });
  if (x.min !== undefined || x.max !== undefined) {
    const a = typeof inYuan === 'number' ? inYuan : NaN;
    const ok = (x.min === undefined || a >= x.min - 1e-9) && (x.max === undefined || a <= x.max + 1e-9);
    if (ok) return undefined;
    const bounds = `${x.min !== undefined ? `≥ ${formatValue(x.min, x.kind)}` : ''}${x.min !== undefined && x.max !== undefined ? ' and ' : ''}${x.max !== undefined ? `≤ ${formatValue(x.max, x.kind)}` : ''}`;
    return { path, kind: x.kind, expected: bounds, actual: formatValue(inYuan, x.kind), diff: null, tolerance: null };
  }
  if (x.kind === 'bool' || x.expected === null || actual === null || actual === undefined || typeof x.expected === 'boolean') {
    return actual === x.expected ? undefined : fail(null, null);
  }
  const a = inYuan as number;
  const e = x.expected;
  const abs = x.kind === 'count' ? 0 : (x.tolerance ?? t[x.kind as Exclude<ValueKind, 'count' | 'bool'>]);
  const rel = x.tolerance === undefined && x.kind !== 'count' ? t.relative * Math.abs(e) : 0;
  const allowed = Math.max(abs, rel);
  // A hair of slack for the binary representation of decimals (0.1 + 0.2): 1e-9 of the value.
  const d = Math.abs(a - e);
  if (d <= allowed + 1e-9 * Math.max(1, Math.abs(e))) return undefined;
  const diff = x.kind === 'money' ? fenToString(Math.round((a - e) * 100)) : trim(roundToString(a - e, 9));
  return fail(diff.startsWith('-') ? diff : `+${diff}`, x.kind === 'count' ? null : `±${trim(roundToString(allowed, 9))}`);
}

/** A value as a case file would write it (money in yuan with 2 decimals, fees 6, others as needed). */
export function formatValue(v: Actual, kind: ValueKind): string {
  if (v === undefined) return '(none)';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (kind === 'money') return roundToString(v, 2);
  if (kind === 'count') return String(v);
  return trim(roundToString(v, kind === 'fee' ? 6 : 9));
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
