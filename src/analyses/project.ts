import type { Compound } from '../core/compound.js';
import { InputError, inputError } from '../core/errors.js';
import type { Fen } from '../core/money.js';
import type { Totals } from '../arrangements/evaluate-scenario.js';
import type { UnitSpec } from '../arrangements/units.js';
import { computeCoefficients } from '../model/coefficients.js';
import { resolveParams, type ParamTree, type ResolvedParams } from '../params/tree.js';
import { evaluateUnits, totalsOf } from '../arrangements/arrange.js';
import { arrangeUnits, type Arrangement } from '../arrangements/units.js';

/**
 * Multi-year projection: wages rise faster than fees, and that is why firms walk away.
 *
 * Year i is the as-of date plus i years. Its parameters are those in force on that date (so a
 * dated value in the tree, such as a scheduled minimum-wage rise, takes effect when due), with
 * every wage grown by the wage growth rate from the date its value came into force (or from the
 * as-of date, if earlier): a dated value is a known level on its date, and growth continues from
 * there, so nothing is counted twice. Fees work the same way: a compound's fee is its latest
 * dated step (the scenario's `feeSteps`, its own id before "*") or else its fee in the data,
 * grown by the fee growth rate from that step's date.
 *
 * What "wages" are: every parameter under `wages.` (the minimum wage included), and the social
 * insurance contribution base floor and ceiling, which Shanghai sets each year from the average
 * wage of the year before (the floor at 60 %, the ceiling at 300 %), so they rise with wages. With
 * all of them grown alike, a unit's staff cost grows exactly by the wage growth (before rounding
 * to the fen), which keeps a projection easy to check by hand. Other costs (jobs, materials,
 * office) are held at their values in force; minor repairs still rise as the buildings age.
 */

/** Parameters grown by the wage growth rate: the wages and the contribution base. */
export function isWageKey(key: string): boolean {
  return key.startsWith('wages.') || key === 'oncosts.base_floor' || key === 'oncosts.base_ceiling' || key === 'oncosts.housing_fund_base_floor';
}

export const MAX_PROJECTION_YEARS = 50;

export interface ProjectInput {
  compounds: readonly Compound[];
  arrangement?: Arrangement;
  tree: ParamTree;
  /** Year 0. */
  asOf: string;
  years: number;
  /** Per year, as a fraction: 0.04 for 4 %. */
  wageGrowth: number;
  feeGrowth: number;
  /** Dated fee levels, yuan/m²/month: { ID or "*": { date: fee } }. */
  feeSteps?: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export interface ProjectYear {
  year: number;
  date: string;
  /** Growth factors since the as-of date (1.04^i); dated steps are not in them. */
  wageIndex: number;
  feeIndex: number;
  totals: Totals;
  /** Units viable the year before and not this year. */
  failing: string[];
}

export type UnitStatus = 'holds' | 'fails' | 'unviable';

export interface UnitProjection {
  id: string;
  kind: UnitSpec['kind'];
  memberIds: string[];
  /** Profit per year, year 0 first. */
  profits: Fen[];
  viable: boolean[];
  /** holds: viable every year; fails: viable in year 0, not in `failYear`; unviable: not even in year 0. */
  status: UnitStatus;
  /** The first year it does not break even (0 when it does not now); null when it holds. */
  failYear: number | null;
  failDate: string | null;
}

export interface ProjectResult {
  asOf: string;
  wageGrowth: number;
  feeGrowth: number;
  years: ProjectYear[];
  units: UnitProjection[];
}

/** Projects the arrangement year by year. Pure. */
export function runProjection(input: ProjectInput): ProjectResult {
  const { years, asOf } = input;
  if (!Number.isInteger(years) || years < 1 || years > MAX_PROJECTION_YEARS) {
    throw inputError('USAGE', `--years: expected a whole number from 1 to ${MAX_PROJECTION_YEARS}, got ${years}`);
  }
  for (const [name, g] of [
    ['--wage-growth', input.wageGrowth],
    ['--fee-growth', input.feeGrowth],
  ] as const) {
    if (!Number.isFinite(g) || g <= -1) throw inputError('USAGE', `${name}: expected a yearly rate above -100%, got ${g}`);
  }
  const units = arrangeUnits(input.compounds, input.arrangement ?? { units: [], changes: new Map() });
  const steps = input.feeSteps ?? new Map<string, ReadonlyMap<string, number>>();

  const out: ProjectYear[] = [];
  const profits: Fen[][] = units.map(() => []);
  const viable: boolean[][] = units.map(() => []);
  for (let i = 0; i <= years; i++) {
    const date = addYears(asOf, i);
    const r = resolveParams(input.tree, date);
    if (!r.params) throw new InputError(r.problems);
    const k = computeCoefficients(growWages(r.params, asOf, input.wageGrowth));
    const feeOf = (c: Compound) => feeOn(c, date, asOf, steps, input.feeGrowth);
    const yearUnits = units.map((u) => ({ ...u, members: u.members.map((m) => ({ ...m, fee_rate: feeOf(m) })) }));
    const outcomes = evaluateUnits(yearUnits, k);
    const failing: string[] = [];
    outcomes.forEach((o, j) => {
      profits[j]!.push(o.profit);
      viable[j]!.push(o.viable);
      if (i > 0 && viable[j]![i - 1] && !o.viable) failing.push(o.id);
    });
    out.push({
      year: i,
      date,
      wageIndex: (1 + input.wageGrowth) ** i,
      feeIndex: (1 + input.feeGrowth) ** i,
      totals: totalsOf(outcomes),
      failing,
    });
  }

  return {
    asOf,
    wageGrowth: input.wageGrowth,
    feeGrowth: input.feeGrowth,
    years: out,
    units: units.map((u, j) => {
      const v = viable[j]!;
      const failYear = !v[0] ? 0 : v.indexOf(false);
      const status: UnitStatus = !v[0] ? 'unviable' : failYear > 0 ? 'fails' : 'holds';
      return {
        id: u.id,
        kind: u.spec.kind,
        memberIds: u.members.map((m) => m.id),
        profits: profits[j]!,
        viable: v,
        status,
        failYear: status === 'holds' ? null : failYear,
        failDate: status === 'holds' ? null : out[failYear]!.date,
      };
    }),
  };
}

/** The parameters with every wage grown from the later of its in-force date and `asOf`. */
export function growWages(p: ResolvedParams, asOf: string, growth: number): ResolvedParams {
  if (growth === 0) return p;
  const values: Record<string, number> = { ...p.values };
  for (const key of Object.keys(values)) {
    if (!isWageKey(key)) continue;
    const from = p.info.get(key)?.from ?? null;
    const since = from !== null && from > asOf ? from : asOf;
    values[key] = values[key]! * (1 + growth) ** yearsBetween(since, p.asOf);
  }
  return { ...p, values };
}

/** A compound's fee on `date`: its latest step by then (own before "*"), grown from its date. */
export function feeOn(c: Compound, date: string, asOf: string, steps: ReadonlyMap<string, ReadonlyMap<string, number>>, growth: number): number {
  let level = c.fee_rate;
  let since = asOf;
  let best: string | undefined;
  for (const source of [steps.get(c.id), steps.get('*')]) {
    for (const [d, fee] of source ?? []) {
      // Strictly later only: on the same date the compound's own step (read first) wins.
      if (d <= date && (best === undefined || d > best)) {
        best = d;
        level = fee;
      }
    }
  }
  if (best !== undefined && best > asOf) since = best;
  return growth === 0 ? level : level * (1 + growth) ** yearsBetween(since, date);
}

/** `date` plus `n` years (29 February becomes 28 February in a common year). */
export function addYears(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + n;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Years from `a` to `b` (a ≤ b): whole anniversaries, plus the rest as a share of the year that
 * follows the last one, so that anniversaries give whole numbers (2025-07-01 → 2026-07-01 = 1).
 */
export function yearsBetween(a: string, b: string): number {
  if (b <= a) return 0;
  let n = Number(b.slice(0, 4)) - Number(a.slice(0, 4));
  while (n > 0 && addYears(a, n) > b) n--;
  const start = addYears(a, n);
  if (start === b) return n;
  const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
  const next = addYears(a, n + 1);
  return n + (day(b) - day(start)) / (day(next) - day(start));
}
