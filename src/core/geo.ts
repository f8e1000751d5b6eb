import type { Location } from './compound.js';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * Distance in metres: haversine between WGS-84 points, euclidean between planar points.
 * Mixed kinds cannot be compared: that returns Infinity (never "near").
 */
export function distanceM(a: Location, b: Location): number {
  if (a.kind === 'geo' && b.kind === 'geo') {
    const dLat = (b.lat - a.lat) * RAD;
    const dLon = (b.lon - a.lon) * RAD;
    const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
  }
  if (a.kind === 'xy' && b.kind === 'xy') return Math.hypot(b.x - a.x, b.y - a.y);
  return Infinity;
}

/**
 * Length of the shortest closed walk through all points (a staff member's round of the unit's
 * compounds). Exact (Held–Karp) up to 10 points; nearest neighbour improved by 2-opt beyond,
 * which is within a few percent for the handful of sites a unit has.
 */
export function tourLengthM(points: readonly Location[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const d = scratch(n * n, 0);
  // distanceM is symmetric to the last bit (differences only change sign, sines are odd, products
  // commute), so each pair is computed once.
  for (let i = 0; i < n; i++) {
    d[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) d[i * n + j] = d[j * n + i] = distanceM(points[i]!, points[j]!);
  }
  if (n <= 10) return heldKarp(n, d);
  return twoOpt(n, (i: number, j: number): number => d[i * n + j]!);
}

/**
 * Reused buffers: the planner computes millions of tours, and a fresh typed array for each
 * (16 KiB of DP table for 8 sites) drove full garbage collections through external memory.
 * Slot 0 holds the distance matrix, slot 1 the DP table; the functions here are not reentrant.
 */
const BUFFERS: Float64Array[] = [new Float64Array(64), new Float64Array(4096)];

function scratch(length: number, slot: 0 | 1): Float64Array {
  let b = BUFFERS[slot]!;
  if (b.length < length) {
    b = new Float64Array(Math.max(length, b.length * 2));
    BUFFERS[slot] = b;
  }
  return b;
}

function heldKarp(n: number, d: Float64Array): number {
  // dp[mask][j]: shortest path from 0 through `mask` (which contains j), ending at j. Each entry
  // is the least of the same sums however the loops run, so walking only the set bits j and the
  // unset bits k of each mask (rather than testing every j and k) gives the same number.
  const full = 1 << n;
  const dp = scratch(full * n, 1).fill(Infinity, 0, full * n);
  dp[1 * n + 0] = 0;
  const all = full - 1;
  for (let mask = 1; mask < full; mask += 2) {
    const row = mask * n;
    const open = all & ~mask;
    if (open === 0) break;
    for (let js = mask; js !== 0; js &= js - 1) {
      const j = 31 - Math.clz32(js & -js);
      const cur = dp[row + j]!;
      if (cur === Infinity) continue;
      const dj = j * n;
      for (let ks = open; ks !== 0; ks &= ks - 1) {
        const bit = ks & -ks;
        const k = 31 - Math.clz32(bit);
        const at = (mask | bit) * n + k;
        const v = cur + d[dj + k]!;
        if (v < dp[at]!) dp[at] = v;
      }
    }
  }
  let best = Infinity;
  const last = all * n;
  for (let j = 1; j < n; j++) best = Math.min(best, dp[last + j]! + d[j * n]!);
  return best;
}

function twoOpt(n: number, at: (i: number, j: number) => number): number {
  const tour: number[] = [0];
  const used = new Uint8Array(n);
  used[0] = 1;
  for (let step = 1; step < n; step++) {
    const last = tour[tour.length - 1]!;
    let best = -1;
    for (let k = 0; k < n; k++) if (!used[k] && (best < 0 || at(last, k) < at(last, best))) best = k;
    tour.push(best);
    used[best] = 1;
  }
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 2; j < n; j++) {
        const a = tour[i]!, b = tour[i + 1]!, c = tour[j]!, e = tour[(j + 1) % n]!;
        if (a === e) continue;
        if (at(a, c) + at(b, e) < at(a, b) + at(c, e) - 1e-9) {
          tour.splice(i + 1, j - i, ...tour.slice(i + 1, j + 1).reverse());
          improved = true;
        }
      }
    }
  }
  let len = 0;
  for (let i = 0; i < n; i++) len += at(tour[i]!, tour[(i + 1) % n]!);
  return len;
}
