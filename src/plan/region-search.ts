import { compareScores, type Score } from './evaluation.js';

/** A few neighbouring compounds to re-partition exactly; members are local indices 0..k−1. */
export interface Region {
  /** Number of compounds, small enough for a subset DP over 2^k member sets (the caller keeps it at 14 or fewer). */
  k: number;
  /** Bit j of adj[i] is set when compounds i and j may share a unit. */
  adj: readonly number[];
  households: readonly number[];
  maxMembers: number;
  maxHouseholds: number;
}


/** The best way found to split a region: one bit mask per unit, and the summed score. */
export interface RegionPartition {
  parts: number[];
  score: Score;
}

/**
 * Every feasible unit within the region (a clique of the compatibility graph within the size and
 * households limits), as bit masks, grouped by lowest member. Null when more than `cap`.
 */
export function regionUnits(r: Region, cap: number): number[][] | null {
  const byLow: number[][] = Array.from({ length: r.k }, () => []);
  let count = 0;
  const extend = (low: number, mask: number, size: number, hh: number, cand: number): boolean => {
    byLow[low]!.push(mask);
    if (++count > cap) return false;
    if (size >= r.maxMembers) return true;
    let rest = cand;
    while (rest !== 0) {
      const bit = rest & -rest;
      rest ^= bit;
      const j = 31 - Math.clz32(bit);
      const h = hh + r.households[j]!;
      if (h > r.maxHouseholds) continue;
      if (!extend(low, mask | bit, size + 1, h, rest & r.adj[j]!)) return false;
    }
    return true;
  };
  for (let i = 0; i < r.k; i++) {
    const later = r.adj[i]! & ~((2 << i) - 1);
    if (!extend(i, 1 << i, 1, r.households[i]!, later)) return null;
  }
  return byLow;
}

/**
 * The optimal partition of the region into the given units, by dynamic programming over member
 * sets: best(S) = min over units U ∋ lowest(S), U ⊆ S, of score(U) + best(S − U). The units
 * inside S that hold its lowest member are found by walking the subsets of that member's
 * neighbours in S, so the work is about 3^k in the densest case, not 2^k × units.
 */
export function bestRegionPartition(
  k: number,
  adj: readonly number[],
  byLow: readonly number[][],
  score: (mask: number) => Score,
): RegionPartition {
  const size = 1 << k;
  const unitAt = new Int32Array(size).fill(-1);
  const uv: number[] = [];
  const us: number[] = [];
  const um: number[] = [];
  for (const list of byLow) {
    for (const u of list) {
      const sc = score(u);
      unitAt[u] = uv.length;
      uv.push(sc.v);
      us.push(sc.s);
      um.push(sc.m);
    }
  }
  const fv = new Float64Array(size);
  const fs = new Float64Array(size);
  const fm = new Float64Array(size);
  const choice = new Int32Array(size);
  for (let mask = 1; mask < size; mask++) {
    const lowBit = mask & -mask;
    const low = 31 - Math.clz32(lowBit);
    const partners = mask & adj[low]!;
    let bv = Infinity;
    let bs = Infinity;
    let bm = Infinity;
    let bu = 0;
    for (let t = partners; ; t = (t - 1) & partners) {
      const u = t | lowBit;
      const idx = unitAt[u]!;
      if (idx >= 0) {
        const rest = mask ^ u;
        const v = uv[idx]! + fv[rest]!;
        const s = us[idx]! + fs[rest]!;
        const m = um[idx]! + fm[rest]!;
        if (compareScores(v, s, m, bv, bs, bm) < 0) {
          bv = v;
          bs = s;
          bm = m;
          bu = u;
        }
      }
      if (t === 0) break;
    }
    fv[mask] = bv;
    fs[mask] = bs;
    fm[mask] = bm;
    choice[mask] = bu;
  }
  const parts: number[] = [];
  for (let mask = size - 1; mask !== 0; mask ^= choice[mask]!) parts.push(choice[mask]!);
  return { parts, score: { v: fv[size - 1]!, s: fs[size - 1]!, m: fm[size - 1]! } };
}
