import { Decimal } from 'decimal.js';
import { mulberry32 } from '../core/random.js';
import type { Fen } from '../core/money.js';
import type { AllocationMethod } from '../core/allocation-methods.js';

export { ALLOCATION_METHODS, type AllocationMethod } from '../core/allocation-methods.js';
import { allBut, allPlayers, costGame, playerBit, type CoalitionCost, type CostGame } from './cost-game.js';

/** A member of the unit as the allocation sees it: player i is `players[i]`. */
export interface Player {
  id: string;
  area_m2: number;
  households: number;
}

export interface AllocationOptions {
  /** Seed of the sampling PRNG (Shapley beyond EXACT_SHAPLEY_MAX_PLAYERS). Default 1. */
  seed?: number;
  /** Random orders sampled for Shapley beyond EXACT_SHAPLEY_MAX_PLAYERS. Default 2000. */
  samples?: number;
}

/** Shares in fen, `shares[i]` for `players[i]`, adding up exactly to C(all players). */
export interface Allocation {
  shares: Fen[];
  /** False when the method's value was estimated (sampled Shapley), not computed. */
  exact: boolean;
  /** Why the result is not what the method name alone suggests (a fallback, an estimate). */
  note?: string;
}

/** Up to this many players Shapley is computed from all 2^n coalitions; beyond, it is sampled. */
export const EXACT_SHAPLEY_MAX_PLAYERS = 15;
export const DEFAULT_SHAPLEY_SAMPLES = 2000;
export const DEFAULT_SEED = 1;

/**
 * Orders sampled for a unit beyond 52 members: each order prices n coalitions of up to n members,
 * and a coalition's cost grows faster than its size (the walk between its sites), so the count
 * falls with n³ to keep a run within seconds — 2000 down to 20: 53 members → 1344 orders, 100 →
 * 200, 180 → 35 (measured: 180 members, 124 orders, 15 s), 216 or more → 20.
 */
export function largeUnitSamples(n: number): number {
  return Math.max(20, Math.min(DEFAULT_SHAPLEY_SAMPLES, Math.ceil(200_000_000 / (n * n * n))));
}

/**
 * Beyond this many members even 20 orders of joining take minutes: Shapley falls back to SCRB
 * (2n + 1 coalitions), and says so.
 */
export const MAX_SHAPLEY_MEMBERS = 300;

/**
 * Split C(N) among the players by `method`. Every method ends in the same rounding: the exact
 * (rational) share of each member is floored to the fen and the fen left over go one each to the
 * largest remainders, ties to the lower index, so the shares add up to C(N) exactly.
 */
export function allocate(
  method: AllocationMethod,
  players: Player[],
  cost: CoalitionCost,
  opts: AllocationOptions = {},
): Allocation {
  const n = players.length;
  const game = costGame(n, cost);
  const total = game.costOf(allPlayers(n));
  if (n === 0) return { shares: [], exact: true };
  switch (method) {
    case 'area':
      return proportional(total, players, 'area_m2', 'area');
    case 'households':
      return proportional(total, players, 'households', 'households');
    case 'shapley':
      if (n > MAX_SHAPLEY_MEMBERS) {
        const r = scrb(game, total);
        const why = `Shapley is out of reach for ${n} members (sampled up to ${MAX_SHAPLEY_MEMBERS}): split by SCRB (separable cost − remaining benefit) instead`;
        return { ...r, exact: false, note: r.note ? `${why}; ${r.note}` : why };
      }
      return n <= EXACT_SHAPLEY_MAX_PLAYERS ? shapleyExact(game, total) : shapleySampled(game, total, opts);
    case 'scrb':
      return scrb(game, total);
    default:
      throw new RangeError(`unknown allocation method: ${String(method)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Rounding

/**
 * Largest-remainder rounding of exact rational shares `numerators[i] / denominator` whose sum is
 * exactly `total`: floor each, then one more fen to each of the largest remainders (ties to the
 * lower index) until the sum is `total`. Integer arithmetic throughout, so equal shares get equal
 * remainders and the tie rule, not float noise, decides who pays the odd fen.
 */
export function apportion(total: Fen, numerators: readonly bigint[], denominator: bigint): Fen[] {
  if (denominator <= 0n) throw new RangeError(`denominator must be positive, got ${denominator}`);
  let sum = 0n;
  for (const x of numerators) sum += x;
  if (sum !== BigInt(total) * denominator) {
    throw new Error(`internal: shares add up to ${sum}/${denominator}, not ${total}`);
  }
  const floors: bigint[] = [];
  const rems: bigint[] = [];
  let floorSum = 0n;
  for (const x of numerators) {
    let q = x / denominator; // truncates toward zero
    let r = x - q * denominator;
    if (r < 0n) {
      q -= 1n;
      r += denominator;
    }
    floors.push(q);
    rems.push(r);
    floorSum += q;
  }
  const left = Number(BigInt(total) - floorSum); // = Σ rems / denominator, an integer in [0, n)
  const order = rems.map((_, i) => i).sort((a, b) => (rems[b]! > rems[a]! ? 1 : rems[b]! < rems[a]! ? -1 : a - b));
  const shares = floors.map((q) => Number(q));
  for (let k = 0; k < left; k++) shares[order[k]!]! += 1;
  return shares;
}

/**
 * Proportional shares by non-negative weights, apportioned exactly. Weights are read as the
 * decimals they print as (area 0.1 is one tenth, not the nearest binary float), scaled to
 * integers. If all weights are zero, shares are equal.
 */
export function apportionByWeights(total: Fen, weights: readonly number[]): { shares: Fen[]; equal: boolean } {
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new RangeError(`cannot share ${total} fen among nobody`);
    return { shares: [], equal: false };
  }
  const scaled = scaleToIntegers(weights);
  let w = 0n;
  for (const x of scaled) w += x;
  if (w === 0n) return { shares: apportion(total, weights.map(() => BigInt(total)), BigInt(n)), equal: true };
  return { shares: apportion(total, scaled.map((x) => BigInt(total) * x), w), equal: false };
}

/** Enough digits that a product of a float's shortest decimal and a power of ten is exact. */
const Exact = Decimal.clone({ precision: 60 });

function scaleToIntegers(weights: readonly number[]): bigint[] {
  const ds = weights.map((x, i) => {
    if (!Number.isFinite(x) || x < 0) throw new RangeError(`weight of player ${i} must be ≥ 0, got ${x}`);
    return new Exact(x);
  });
  const places = Math.max(0, ...ds.map((d) => d.decimalPlaces()));
  const scale = new Exact(10).pow(places);
  return ds.map((d) => BigInt(d.times(scale).toFixed(0)));
}

function proportional(
  total: Fen,
  players: Player[],
  field: 'area_m2' | 'households',
  label: string,
): Allocation {
  const weights = players.map((p) => p[field]);
  const { shares, equal } = apportionByWeights(total, weights);
  if (equal) return { shares, exact: true, note: `every member has zero ${label}: shares are equal` };
  const zero = players.filter((p) => p[field] === 0).map((p) => p.id);
  if (zero.length > 0) {
    return { shares, exact: true, note: `zero ${label}, so no share by ${label}: ${zero.join(', ')}` };
  }
  return { shares, exact: true };
}

// ---------------------------------------------------------------------------------------------
// Shapley

/**
 * Exact Shapley value. φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (C(S∪{i}) − C(S)). Grouping the
 * coalitions by size k, with A_ik = Σ_{|T|=k, i∈T} C(T) and Tot_k = Σ_{|T|=k} C(T):
 *   n!·φ_i = Σ_k [ (k−1)!(n−k)! · A_ik − k!(n−k−1)! · (Tot_k − A_ik) ]
 * which is an integer, so the value is held exactly as a fraction over n! (BigInt: n!·C
 * overflows 2^53 from n = 11 or so) and rounded once.
 */
function shapleyExact(game: CostGame, total: Fen): Allocation {
  const n = game.n;
  const full = 2 ** n;
  const a: bigint[][] = Array.from({ length: n }, () => new Array<bigint>(n + 1).fill(0n));
  const tot = new Array<bigint>(n + 1).fill(0n);
  for (let mask = 1; mask < full; mask++) {
    const c = BigInt(game.costOfMask(mask));
    let k = 0;
    for (let m = mask; m !== 0; m &= m - 1) k++;
    tot[k]! += c;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) a[i]![k]! += c;
  }
  const fact = factorials(n);
  const nums = a.map((ai) => {
    let x = 0n;
    for (let k = 1; k <= n; k++) {
      x += fact[k - 1]! * fact[n - k]! * ai[k]!;
      if (k < n) x -= fact[k]! * fact[n - k - 1]! * (tot[k]! - ai[k]!);
    }
    return x;
  });
  return { shares: apportion(total, nums, fact[n]!), exact: true };
}

function factorials(n: number): bigint[] {
  const f = [1n];
  for (let k = 1; k <= n; k++) f.push(f[k - 1]! * BigInt(k));
  return f;
}

/**
 * Shapley value estimated as the mean incremental cost over `samples` random orders of joining.
 * Each order's increments add up to C(N), so the mean does too and the estimate is rounded like
 * the exact value. The PRNG is seeded: the same seed gives the same shares.
 */
function shapleySampled(game: CostGame, total: Fen, opts: AllocationOptions): Allocation {
  const n = game.n;
  const samples = opts.samples ?? (game.byMask ? DEFAULT_SHAPLEY_SAMPLES : largeUnitSamples(n));
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(samples) || samples < 1) {
    throw new RangeError(`samples must be a positive integer, got ${samples}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const rand = mulberry32(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const sums = new Array<bigint>(n).fill(0n);
  // Beyond 52 members a coalition cannot be a bitmask: it is the sorted list of those joined so
  // far (a membership flag per player, listed in index order), O(n) per step instead of O(1).
  const joined = game.byMask ? undefined : new Uint8Array(n);
  for (let s = 0; s < samples; s++) {
    // Fisher–Yates over the previous order: uniform whatever the starting order.
    for (let j = n - 1; j > 0; j--) {
      const r = Math.floor(rand() * (j + 1));
      const t = order[j]!;
      order[j] = order[r]!;
      order[r] = t;
    }
    let mask = 0;
    let before = 0;
    joined?.fill(0);
    for (const i of order) {
      let after: Fen;
      if (joined) {
        joined[i] = 1;
        const members: number[] = [];
        for (let p = 0; p < n; p++) if (joined[p] === 1) members.push(p);
        after = game.costOf(members);
      } else {
        mask += playerBit(i);
        after = game.costOfMask(mask);
      }
      sums[i]! += BigInt(after - before);
      before = after;
    }
  }
  return {
    shares: apportion(total, sums, BigInt(samples)),
    exact: false,
    note:
      `Shapley value estimated from ${samples} random orders of joining (seed ${seed}); ` +
      `it is computed exactly only up to ${EXACT_SHAPLEY_MAX_PLAYERS} members`,
  };
}

export { mulberry32 };

// ---------------------------------------------------------------------------------------------
// SCRB

/**
 * Separable cost − remaining benefit. m_i = C(N) − C(N∖{i}) is what member i alone causes;
 * r_i = max(0, C({i}) − m_i) is what it gains by joining beyond that; the non-separable rest
 * C(N) − Σm is split in proportion to r (equally if every r_i is 0).
 *   share_i = (m_i·Σr + r_i·(C(N) − Σm)) / Σr   — an exact fraction, rounded once.
 */
function scrb(game: CostGame, total: Fen): Allocation {
  const n = game.n;
  // 2n + 1 coalitions whatever n: SCRB scales to units of any size.
  const m = Array.from({ length: n }, (_, i) => BigInt(total - game.costOf(allBut(n, i))));
  const r = m.map((mi, i) => {
    const gain = BigInt(game.costOf([i])) - mi;
    return gain > 0n ? gain : 0n;
  });
  const sumM = m.reduce((x, y) => x + y, 0n);
  const sumR = r.reduce((x, y) => x + y, 0n);
  const rest = BigInt(total) - sumM;
  if (sumR === 0n) {
    const shares = apportion(total, m.map((mi) => mi * BigInt(n) + rest), BigInt(n));
    const note = 'no member gains by joining beyond its separable cost: the rest is split equally';
    return { shares, exact: true, note };
  }
  return { shares: apportion(total, m.map((mi, i) => mi * sumR + r[i]! * rest), sumR), exact: true };
}
