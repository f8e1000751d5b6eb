import type { Compound } from '../core/compound.js';
import { InputError } from '../core/errors.js';
import type { Fen } from '../core/money.js';
import { mulberry32 } from '../core/random.js';
import { computeCoefficients, type Coefficients } from '../model/coefficients.js';
import { evaluateCompound } from '../model/evaluate-compound.js';
import { collectionRateOf, evaluateUnit, type UnitEvaluation } from '../model/evaluate-unit.js';
import type { Distribution, ResolvedParams } from '../params/tree.js';
import { feeForNet } from '../model/break-even.js';
import { memberGain } from '../arrangements/units.js';

/**
 * How sure is a verdict (issue 14): the model re-evaluated over draws of its uncertain inputs.
 *
 * A draw is the parameters in force with every parameter that has a documented range replaced by a
 * value drawn over that range (triangular on low / value / high unless the leaf says `distribution:
 * uniform`), the wages moving together through one shared wage-level factor (parameter
 * `uncertainty.wage_correlation`), and optionally the compounds' own uncertain inputs (collection
 * rate, other income) drawn over the ranges a scenario gives (`inputRanges:`). Coefficients are
 * rebuilt from the drawn values and the model evaluated again: nothing here names a cost line, so
 * new lines and parameters with ranges are drawn as they come.
 *
 * Draw i uses its own generator seeded from (seed, i), and every target (a compound, a unit) is
 * evaluated on every draw: the result of a target does not depend on how targets or draws are
 * split between threads, so the same seed gives the same bytes on one core or on many.
 */

/** The parameter that couples the wages; it is read, never drawn. */
export const WAGE_CORRELATION_KEY = 'uncertainty.wage_correlation';
/** Parameters under this prefix move with the shared wage-level factor. */
export const WAGE_PREFIX = 'wages.';

/** One uncertain quantity: a parameter with a range, or a compound's input with a range. */
export interface RangedValue {
  key: string;
  low: number;
  mode: number;
  high: number;
  distribution: Distribution;
}

export interface RangedParam extends RangedValue {
  /** Drawn through the shared wage-level factor. */
  wage: boolean;
}

/** The compound inputs `--vary-inputs` may draw. */
export const INPUT_FIELDS = ['collection_rate', 'other_income'] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** A compound's input range as a scenario gives it (`inputRanges: {ID: {collection_rate: [lo, hi]}}`). */
export interface InputRange {
  id: string;
  field: InputField;
  low: number;
  high: number;
}

export interface ResolvedInputRange extends RangedValue {
  id: string;
  field: InputField;
}

/** What a draw is made from: read once, shared by every draw (and sent to worker threads). */
export interface DrawModel {
  params: ResolvedParams;
  ranged: RangedParam[];
  wageCorrelation: number;
  inputs: ResolvedInputRange[];
}

/** The parameters in force that have a range, in file order; the value in force is the mode. */
export function rangedParams(params: ResolvedParams): RangedParam[] {
  const out: RangedParam[] = [];
  for (const info of params.info.values()) {
    if (!info.range || info.key === WAGE_CORRELATION_KEY) continue;
    out.push({ key: info.key, ...spreadOf(info.range, info.value), distribution: info.distribution ?? 'triangular', wage: info.key.startsWith(WAGE_PREFIX) });
  }
  return out;
}

/** A range around a value: an overlay may set a value outside the documented range, which then widens to include it. */
function spreadOf(range: readonly [number, number], value: number): { low: number; mode: number; high: number } {
  return { low: Math.min(range[0], value), mode: value, high: Math.max(range[1], value) };
}

/**
 * The compounds' input ranges resolved against the data: `*` stands for every compound; an id's
 * own entry wins over `*`. The mode is the compound's value (its housing type's default collection
 * rate when it has none, at the point parameters). Collection rates are kept within [0, 1].
 */
export function resolveInputRanges(compounds: readonly Compound[], ranges: readonly InputRange[], k: Coefficients): ResolvedInputRange[] {
  if (ranges.length === 0) return [];
  const byKey = new Map<string, InputRange>();
  for (const r of ranges) if (r.id === '*') byKey.set(`*|${r.field}`, r);
  for (const r of ranges) if (r.id !== '*') byKey.set(`${r.id}|${r.field}`, r);
  const out: ResolvedInputRange[] = [];
  for (const c of compounds) {
    for (const field of INPUT_FIELDS) {
      const r = byKey.get(`${c.id}|${field}`) ?? byKey.get(`*|${field}`);
      if (!r) continue;
      const mode = field === 'collection_rate' ? collectionRateOf(c, k).rate : c.other_income;
      const s = spreadOf([r.low, r.high], mode);
      if (field === 'collection_rate') {
        s.low = Math.max(0, s.low);
        s.high = Math.min(1, s.high);
      } else s.low = Math.max(0, s.low);
      out.push({ key: `${c.id}.${field}`, id: c.id, field, ...s, distribution: 'triangular' });
    }
  }
  return out;
}

export function drawModel(params: ResolvedParams, inputs: ResolvedInputRange[] = []): DrawModel {
  const rho = params.values[WAGE_CORRELATION_KEY] ?? 0;
  if (!(rho >= 0 && rho <= 1)) {
    const by = params.info.get(WAGE_CORRELATION_KEY)?.overriddenBy;
    throw new InputError({
      code: 'PARAMS_OUT_OF_DOMAIN',
      message: `parameter "${WAGE_CORRELATION_KEY}" must be a correlation from 0 to 1, got ${rho}`,
      where: { file: by?.file ?? 'parameters', ...(by?.line !== undefined ? { line: by.line } : {}), field: WAGE_CORRELATION_KEY },
    });
  }
  return { params, ranged: rangedParams(params), wageCorrelation: rho, inputs };
}

/** The seed of draw `index`: (seed, index) mixed by the splitmix32 finaliser, so neighbouring draws are unrelated. */
export function drawSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x21f0aaad) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x735a2d97) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/** A standard normal from two uniforms (Box–Muller); always consumes exactly two. */
function normal(rng: () => number): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** The value at quantile u ∈ [0, 1) of a range's distribution. */
export function quantile(r: RangedValue, u: number): number {
  const { low, mode, high } = r;
  if (!(high > low)) return mode;
  if (r.distribution === 'uniform') return low + u * (high - low);
  const split = (mode - low) / (high - low);
  return u < split ? low + Math.sqrt(u * (high - low) * (mode - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

/** The parameter values and compound inputs of draw `index`. */
export function drawValues(m: DrawModel, seed: number, index: number): { values: Record<string, number>; inputs: Map<string, Partial<Compound>> } {
  const rng = mulberry32(drawSeed(seed, index));
  const values: Record<string, number> = { ...m.params.values };
  const shared = normal(rng);
  const rho = m.wageCorrelation;
  for (const p of m.ranged) {
    const u = p.wage ? normalCdf(Math.sqrt(rho) * shared + Math.sqrt(1 - rho) * normal(rng)) : rng();
    values[p.key] = quantile(p, Math.min(u, 1 - 1e-12));
  }
  const inputs = new Map<string, Partial<Compound>>();
  for (const r of m.inputs) {
    const patch = inputs.get(r.id) ?? {};
    const x = quantile(r, rng());
    if (r.field === 'collection_rate') patch.collection_rate = x;
    else patch.other_income = Math.round(x * 100) / 100;
    inputs.set(r.id, patch);
  }
  return { values, inputs };
}

/** The coefficients and compound patches of draw `index`. */
export function drawCoefficients(m: DrawModel, seed: number, index: number): { k: Coefficients; inputs: Map<string, Partial<Compound>> } {
  const { values, inputs } = drawValues(m, seed, index);
  return { k: computeCoefficients({ ...m.params, values }), inputs };
}

/** What draws are taken of: a compound alone (evaluate) or a unit of compounds (scenario family, bid). */
export type DrawTarget = { kind: 'compound'; compound: Compound } | { kind: 'unit'; id: string; members: Compound[] };

export interface Percentiles3 {
  p5: Fen;
  p50: Fen;
  p95: Fen;
}

/** The JSON `uncertainty` of a compound or unit. Money in fen; fees in yuan/m²/month (null: no fee can). */
export interface Uncertainty {
  draws: number;
  seed: number;
  pViable: number;
  profit: Percentiles3;
  breakEvenFee: { p50: number | null; p95: number | null };
  subsidyNeeded: { p50: Fen; p95: Fen };
}

export interface TargetDraws {
  uncertainty: Uncertainty;
  /** Per member of a unit, in member order: the share of draws in which the firm gains by serving it. */
  pGains?: number[];
}

export interface DrawsResult {
  targets: TargetDraws[];
  /** Total subsidy needed by all targets, per draw (fen), in draw order. */
  subsidyByDraw: Fen[];
}

/** Nearest-rank percentile of sorted values: an actual draw, so money stays exact to the fen. */
export function percentile<T>(sorted: ArrayLike<T>, p: number): T {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as T;
}

function sortNumbers(xs: Float64Array): Float64Array {
  return xs.slice().sort();
}

/** Fee percentiles with null (no fee can break even) ranked above every fee. */
function feePercentile(sorted: Float64Array, p: number): number | null {
  const x = percentile(sorted, p);
  return Number.isFinite(x) ? x : null;
}

/**
 * What the firm gains by serving each member of a unit and whether it gains: the share's own rule
 * (`memberGain` in arrangements/units.ts), so `pGains` counts the draws where the share's `gains` holds.
 */
export function memberGains(members: readonly Compound[], k: Coefficients, e: UnitEvaluation = evaluateUnit(members, k)): { gain: Fen; gains: boolean }[] {
  return members.map((_, j) => {
    const { gain } = memberGain(e, members, j, k);
    return { gain, gains: gain > 0 };
  });
}

/** The draws' coefficients and patched compounds, built once per draw for every target. */
export interface PreparedDraw {
  k: Coefficients;
  inputs: Map<string, Partial<Compound>>;
}

export function prepareDraws(m: DrawModel, seed: number, draws: number): PreparedDraw[] {
  const out: PreparedDraw[] = [];
  for (let i = 0; i < draws; i++) out.push(drawCoefficients(m, seed, i));
  return out;
}

function patched(c: Compound, inputs: Map<string, Partial<Compound>>): Compound {
  const p = inputs.get(c.id);
  return p ? { ...c, ...p } : c;
}

/** Every draw of one target. */
export function drawTarget(t: DrawTarget, prepared: readonly PreparedDraw[], seed: number, subsidyByDraw?: Fen[]): TargetDraws {
  const n = prepared.length;
  const profit = new Float64Array(n);
  const subsidy = new Float64Array(n);
  const fee = new Float64Array(n);
  let viable = 0;
  const members = t.kind === 'unit' ? t.members.length : 1;
  const gains = t.kind === 'unit' ? new Array<number>(members).fill(0) : undefined;
  for (let i = 0; i < n; i++) {
    const d = prepared[i]!;
    let e: UnitEvaluation;
    let breakEven: number | null;
    if (t.kind === 'compound') {
      const ce = evaluateCompound(patched(t.compound, d.inputs), d.k);
      e = ce;
      breakEven = ce.breakEvenFee;
    } else {
      const ms = d.inputs.size ? t.members.map((c) => patched(c, d.inputs)) : t.members;
      e = evaluateUnit(ms, d.k);
      breakEven = feeForNet(ms, d.k, e.cost);
      const g = memberGains(ms, d.k, e);
      for (let j = 0; j < members; j++) if (g[j]!.gains) gains![j]!++;
    }
    profit[i] = e.profit;
    subsidy[i] = e.subsidyNeeded;
    fee[i] = breakEven ?? Infinity;
    if (e.viable) viable++;
    if (subsidyByDraw) subsidyByDraw[i]! += e.subsidyNeeded;
  }
  const p = sortNumbers(profit);
  const s = sortNumbers(subsidy);
  const f = sortNumbers(fee);
  const uncertainty: Uncertainty = {
    draws: n,
    seed,
    pViable: viable / n,
    profit: { p5: percentile(p, 5), p50: percentile(p, 50), p95: percentile(p, 95) },
    breakEvenFee: { p50: feePercentile(f, 50), p95: feePercentile(f, 95) },
    subsidyNeeded: { p50: percentile(s, 50), p95: percentile(s, 95) },
  };
  return gains ? { uncertainty, pGains: gains.map((g) => g / n) } : { uncertainty };
}

/** Every draw of every target, in one thread. */
export function runDraws(m: DrawModel, targets: readonly DrawTarget[], seed: number, draws: number): DrawsResult {
  if (!(draws >= 1)) throw new Error('runDraws: at least one draw');
  const prepared = prepareDraws(m, seed, draws);
  const subsidyByDraw = new Array<number>(draws).fill(0);
  return { targets: targets.map((t) => drawTarget(t, prepared, seed, subsidyByDraw)), subsidyByDraw };
}

/** P5/P50/P95 of the total subsidy over the draws. */
export function subsidyDistribution(subsidyByDraw: readonly Fen[]): Percentiles3 {
  const s = [...subsidyByDraw].sort((a, b) => a - b);
  return { p5: percentile(s, 5), p50: percentile(s, 50), p95: percentile(s, 95) };
}

/** Adds per-draw totals of several slices (worker threads) in draw order. */
export function addByDraw(into: Fen[], part: readonly Fen[]): void {
  for (let i = 0; i < part.length; i++) into[i]! += part[i]!;
}
