import type { Compound } from '../core/compound.js';
import { pairAllowed, type PlanRules } from './constraints.js';

/**
 * The graph of pairs that may share a unit (within distance, allowed together), in compressed
 * sparse rows: the neighbours of i are adj[start[i] .. start[i+1]), ascending.
 */
export interface NeighbourGraph {
  readonly n: number;
  readonly start: Int32Array;
  readonly adj: Int32Array;
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/**
 * Cells are a little wider than the distance limit: planar projection of WGS-84 points (below)
 * never lengthens a distance, and this margin absorbs the curvature a flat map ignores over a few
 * hundred metres, so no allowed pair is missed. Candidates are then checked with the true distance.
 */
const CELL_MARGIN = 1.01;

/**
 * Finds every allowed pair with a uniform grid of cells one distance limit wide: a compound's
 * partners lie in its own cell or the eight around it. Near-linear in the number of compounds for
 * any realistic density; never compares all pairs.
 */
export function buildNeighbourGraph(compounds: readonly Compound[], rules: PlanRules): NeighbourGraph {
  const n = compounds.length;
  const lists: number[][] = Array.from({ length: n }, () => []);
  const geo: number[] = [];
  const xy: number[] = [];
  for (let i = 0; i < n; i++) {
    const loc = compounds[i]!.location;
    if (loc === null || rules.alone[i]) continue;
    (loc.kind === 'geo' ? geo : xy).push(i);
  }
  const cell = rules.maxDistanceM * CELL_MARGIN + 1;
  for (const group of [geo, xy]) {
    if (group.length < 2) continue;
    const px = new Float64Array(group.length);
    const py = new Float64Array(group.length);
    project(compounds, group, px, py);
    linkWithinCells(compounds, rules, group, px, py, cell, lists);
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const adj = new Int32Array(start[n]!);
  for (let i = 0; i < n; i++) {
    const l = lists[i]!.sort((a, b) => a - b);
    adj.set(l, start[i]!);
  }
  return { n, start, adj };
}

/**
 * Planar metres. Geographic points use an equirectangular map scaled by the cosine of the
 * latitude farthest from the equator, so east–west distances are never overstated.
 */
function project(
  compounds: readonly Compound[],
  group: readonly number[],
  px: Float64Array,
  py: Float64Array,
): void {
  let maxAbsLat = 0;
  for (const i of group) {
    const loc = compounds[i]!.location!;
    if (loc.kind === 'geo') maxAbsLat = Math.max(maxAbsLat, Math.abs(loc.lat));
  }
  const kx = EARTH_RADIUS_M * RAD * Math.cos(Math.min(90, maxAbsLat) * RAD);
  const ky = EARTH_RADIUS_M * RAD;
  group.forEach((i, k) => {
    const loc = compounds[i]!.location!;
    if (loc.kind === 'geo') {
      px[k] = loc.lon * kx;
      py[k] = loc.lat * ky;
    } else {
      px[k] = loc.x;
      py[k] = loc.y;
    }
  });
}

function linkWithinCells(
  compounds: readonly Compound[],
  rules: PlanRules,
  group: readonly number[],
  px: Float64Array,
  py: Float64Array,
  cell: number,
  lists: number[][],
): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < group.length; k++) {
    minX = Math.min(minX, px[k]!);
    minY = Math.min(minY, py[k]!);
    maxY = Math.max(maxY, py[k]!);
  }
  // Row-major cell numbers, with a spare row on each side so neighbours never wrap around.
  const rows = Math.floor((maxY - minY) / cell) + 3;
  const cellOf = (k: number): number =>
    (Math.floor((px[k]! - minX) / cell) + 1) * rows + Math.floor((py[k]! - minY) / cell) + 1;
  const buckets = new Map<number, number[]>();
  for (let k = 0; k < group.length; k++) {
    const c = cellOf(k);
    const b = buckets.get(c);
    if (b) b.push(k);
    else buckets.set(c, [k]);
  }
  for (const [c, members] of buckets) {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const other = c + dx * rows + dy;
        // Each pair of cells once: same cell pairs k < l; distinct cells only from the smaller.
        if (other < c) continue;
        const peers = buckets.get(other);
        if (!peers) continue;
        for (const k of members) {
          for (const l of peers) {
            if (other === c && l <= k) continue;
            const a = group[k]!;
            const b = group[l]!;
            if (pairAllowed(compounds, rules, a, b)) {
              lists[a]!.push(b);
              lists[b]!.push(a);
            }
          }
        }
      }
    }
  }
}

/** Whether b is a neighbour of a (binary search in a's sorted list). */
export function isNeighbour(g: NeighbourGraph, a: number, b: number): boolean {
  let lo = g.start[a]!;
  let hi = g.start[a + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = g.adj[mid]!;
    if (v === b) return true;
    if (v < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
