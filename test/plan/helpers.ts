/**
 * Shared by the planner tests: compounds, seeded districts, a synthetic evaluator with the shape
 * of the real cost model, an independent plan checker and a brute-force optimum. None of it uses
 * the planner's own modules, so the tests check the planner against code it does not share.
 */
import { mulberry32 } from '../../src/core/random.js';
import type { Compound, Location } from '../../src/core/compound.js';
import { distanceM, tourLengthM } from '../../src/core/geo.js';
import { fenOf } from '../../src/core/money.js';
import type { PlanOptions, PlanResult, UnitEconomics, UnitEvaluator } from '../../src/plan/types.js';

export function compound(id: string, location: Location | null, over: Partial<Compound> = {}): Compound {
  return {
    id,
    name: id,
    area_m2: 2000,
    households: 30,
    fee_rate: 0.8,
    housing_type: 'commodity',
    service_level: 'standard',
    floors: 6,
    elevators: 0,
    built_year: 1990,
    gates: 1,
    water_tanks: 0,
    green_area_m2: 0,
    location,
    collection_rate: 0.85,
    other_income: 0,
    subsidy: 0,
    ...over,
  };
}

export const xy = (x: number, y: number): Location => ({ kind: 'xy', x, y });

export function options(over: Partial<PlanOptions> = {}): PlanOptions {
  return {
    maxDistanceM: 500,
    maxMembers: 8,
    keepStandalone: new Set(),
    neverTogether: [],
    objective: 'subsidy',
    seed: 1,
    ...over,
  };
}

/** The project's seeded generator, for building test districts. */
export const prng = mulberry32;

/**
 * A district of `n` compounds in a square of `sideM` metres, around a few centres (compounds
 * come in lanes), mostly small with some large hosts. Geographic coordinates near Xuhui when
 * `geo`, else planar metres.
 */
export function district(seed: number, n: number, sideM: number, geo = false): Compound[] {
  const r = prng(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: Math.max(1, Math.round(n / 8)) }, () => [r() * sideM, r() * sideM] as const);
  return Array.from({ length: n }, (_, i) => {
    const c = centres[Math.floor(r() * centres.length)]!;
    const x = c[0] + gauss() * 200;
    const y = c[1] + gauss() * 200;
    const big = r() < 0.15;
    const households = big ? 100 + Math.floor(r() * 250) : 8 + Math.floor(r() * 60);
    const location: Location = geo
      ? { kind: 'geo', lat: 31.2 + y / 111_195, lon: 121.44 + x / (111_195 * Math.cos((31.2 * Math.PI) / 180)) }
      : xy(x, y);
    return compound(`C${i}`, location, {
      households,
      area_m2: Math.round(households * (50 + r() * 30)),
      fee_rate: big ? 1.2 + r() * 1.5 : 0.3 + r() * 1.2,
    });
  });
}

/**
 * Synthetic unit economics with the real model's shape: a manager post per unit (at least 0.5
 * FTE, 1 per 300 households), frontline staff summed over members plus travel along the round,
 * rounded up to 0.05 FTE once per unit, per-member jobs by area, a fixed cost per unit; revenue
 * is fee × area × 12 × 85 %.
 */
export function syntheticEvaluator(compounds: readonly Compound[]): UnitEvaluator {
  return (members) => {
    let households = 0;
    let revenue = 0;
    let jobs = 0;
    let frontline = 0;
    const sites: Location[] = [];
    for (const i of members) {
      const c = compounds[i]!;
      households += c.households;
      revenue += fenOf(c.fee_rate, c.area_m2, 12, 0.85);
      jobs += fenOf(c.area_m2, 3);
      frontline += c.households / 140 + 0.1;
      if (c.location) sites.push(c.location);
    }
    frontline += tourLengthM(sites) / 16_000;
    const staffSteps = Math.ceil(frontline * 20 - 1e-9);
    const managerSteps = Math.max(10, Math.ceil((households / 300) * 20 - 1e-9));
    const cost = staffSteps * fenOf(60_000, 0.05) + managerSteps * fenOf(90_000, 0.05) + jobs + fenOf(20_000);
    const profit = revenue - cost;
    return { cost, profit, subsidyNeeded: Math.max(0, -profit), viable: profit >= 0 };
  };
}

/** An evaluator from a table keyed by member indices joined with commas ("0,2"). */
export function tableEvaluator(table: Record<string, number>): UnitEvaluator {
  return (members) => {
    const key = members.join(',');
    const profit = table[key];
    if (profit === undefined) throw new Error(`no economics for unit ${key}`);
    return { cost: 0, profit, subsidyNeeded: Math.max(0, -profit), viable: profit >= 0 };
  };
}

function pairOk(compounds: readonly Compound[], opts: PlanOptions, a: number, b: number): boolean {
  const ca = compounds[a]!;
  const cb = compounds[b]!;
  if (opts.keepStandalone.has(ca.id) || opts.keepStandalone.has(cb.id)) return false;
  if (ca.location === null || cb.location === null) return false;
  for (const [p, q] of opts.neverTogether) {
    if ((p === ca.id && q === cb.id) || (p === cb.id && q === ca.id)) return false;
  }
  return distanceM(ca.location, cb.location) <= opts.maxDistanceM;
}

/** Every rule a plan can break, found from the plan alone; empty when it is valid. */
export function violations(compounds: readonly Compound[], plan: PlanResult, opts: PlanOptions): string[] {
  const out: string[] = [];
  const count = new Array<number>(compounds.length).fill(0);
  for (const u of plan.units) {
    for (const i of u.members) count[i]! += 1;
    if (u.members.length > opts.maxMembers) out.push(`too many members: ${u.members.join(',')}`);
    const hh = u.members.reduce((s, i) => s + compounds[i]!.households, 0);
    if (u.members.length > 1 && opts.maxHouseholds !== undefined && hh > opts.maxHouseholds) {
      out.push(`too many households: ${u.members.join(',')}`);
    }
    for (let a = 0; a < u.members.length; a++) {
      for (let b = a + 1; b < u.members.length; b++) {
        if (!pairOk(compounds, opts, u.members[a]!, u.members[b]!)) out.push(`pair not allowed: ${u.members.join(',')}`);
      }
    }
    const sorted = [...u.members].sort((x, y) => x - y);
    if (sorted.join(',') !== u.members.join(',')) out.push(`members not ascending: ${u.members.join(',')}`);
  }
  count.forEach((k, i) => {
    if (k !== 1) out.push(`${compounds[i]!.id} is in ${k} units`);
  });
  return out;
}

/** Totals recomputed from the evaluator, not taken from the plan. */
export function recount(plan: PlanResult, evaluate: UnitEvaluator): { subsidy: number; viable: number; moved: number } {
  let subsidy = 0;
  let viable = 0;
  let moved = 0;
  for (const u of plan.units) {
    const e: UnitEconomics = evaluate(u.members);
    subsidy += e.subsidyNeeded;
    if (e.viable) viable += u.members.length;
    if (u.members.length > 1) moved += u.members.length;
  }
  return { subsidy, viable, moved };
}

/**
 * The best plan by enumerating every partition into feasible units (each compound joins an
 * earlier unit it fits or opens a new one). Returns the lexicographic optimum of the objective:
 * for `subsidy` (subsidy, moved); for `viable` (−viable, subsidy, moved).
 */
export function bruteForce(
  compounds: readonly Compound[],
  evaluate: UnitEvaluator,
  opts: PlanOptions,
): { subsidy: number; viable: number; moved: number; partitions: number } {
  const n = compounds.length;
  const memo = new Map<string, UnitEconomics>();
  const econ = (m: number[]): UnitEconomics => {
    const key = m.join(',');
    let e = memo.get(key);
    if (!e) {
      e = evaluate(m);
      memo.set(key, e);
    }
    return e;
  };
  let best: number[] | null = null;
  let partitions = 0;
  const blocks: number[][] = [];
  const key = (s: number, v: number, m: number): number[] => (opts.objective === 'viable' ? [-v, s, m] : [s, m, -v]);
  const better = (a: number[], b: number[]): boolean => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
    return false;
  };
  const visit = (i: number): void => {
    if (i === n) {
      partitions++;
      let s = 0;
      let v = 0;
      let m = 0;
      for (const b of blocks) {
        const e = econ(b);
        s += e.subsidyNeeded;
        if (e.viable) v += b.length;
        if (b.length > 1) m += b.length;
      }
      const k = key(s, v, m);
      if (best === null || better(k, best)) best = k;
      return;
    }
    for (const b of blocks) {
      if (b.length >= opts.maxMembers) continue;
      const hh = b.reduce((s, j) => s + compounds[j]!.households, 0) + compounds[i]!.households;
      if (opts.maxHouseholds !== undefined && hh > opts.maxHouseholds) continue;
      if (!b.every((j) => pairOk(compounds, opts, i, j))) continue;
      b.push(i);
      visit(i + 1);
      b.pop();
    }
    blocks.push([i]);
    visit(i + 1);
    blocks.pop();
  };
  visit(0);
  const b = best as number[] | null;
  if (b === null) throw new Error('no partition');
  return opts.objective === 'viable'
    ? { viable: -b[0]!, subsidy: b[1]!, moved: b[2]!, partitions }
    : { subsidy: b[0]!, moved: b[1]!, viable: -b[2]!, partitions };
}
