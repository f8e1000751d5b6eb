import { describe, expect, it } from 'vitest';
import { bestRegionPartition, regionUnits, type Region } from '../../src/plan/region-search.js';
import { prng } from './helpers.js';

function randomRegion(seed: number, k: number, density: number): Region {
  const r = prng(seed);
  const adj = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (r() < density) {
        adj[i]! |= 1 << j;
        adj[j]! |= 1 << i;
      }
    }
  }
  return {
    k,
    adj,
    households: Array.from({ length: k }, () => 10 + Math.floor(r() * 60)),
    maxMembers: 4,
    maxHouseholds: 150,
  };
}

const bits = (mask: number): number[] => [...Array(31).keys()].filter((j) => mask & (1 << j));

function isUnit(r: Region, mask: number): boolean {
  const m = bits(mask);
  if (m.length > r.maxMembers) return false;
  if (m.length > 1 && m.reduce((s, j) => s + r.households[j]!, 0) > r.maxHouseholds) return false;
  return m.every((a) => m.every((b) => a === b || (r.adj[a]! & (1 << b)) !== 0));
}

/** Cheapest partition by plain recursion over all set partitions. */
function bruteBest(r: Region, cost: (mask: number) => number): number {
  const go = (rest: number): number => {
    if (rest === 0) return 0;
    const low = rest & -rest;
    let best = Infinity;
    // Every subset of the rest that holds its lowest member.
    for (let sub = rest; sub > 0; sub = (sub - 1) & rest) {
      if (!(sub & low) || !isUnit(r, sub)) continue;
      best = Math.min(best, cost(sub) + go(rest ^ sub));
    }
    return best;
  };
  return go((1 << r.k) - 1);
}

describe('region search', () => {
  it('lists exactly the feasible units, each once, by lowest member', () => {
    const r = randomRegion(1, 9, 0.6);
    const byLow = regionUnits(r, 10_000)!;
    const listed = byLow.flat().sort((a, b) => a - b);
    const expected: number[] = [];
    for (let mask = 1; mask < 1 << r.k; mask++) if (isUnit(r, mask) || bits(mask).length === 1) expected.push(mask);
    expect(listed).toEqual(expected);
    byLow.forEach((list, low) => list.forEach((m) => expect(m & -m).toBe(1 << low)));
  });

  it('gives up past the cap', () => {
    expect(regionUnits(randomRegion(2, 10, 1), 50)).toBeNull();
  });

  it.each([3, 4, 5, 6, 7])('finds the cheapest partition (seed %i)', (seed) => {
    const r = randomRegion(seed, 10, 0.5);
    const rand = prng(seed * 31);
    const costs = new Map<number, number>();
    // Costs with economies of scale and noise, so that many partitions compete.
    const cost = (mask: number): number => {
      let c = costs.get(mask);
      if (c === undefined) {
        c = 100 + 40 * bits(mask).length + Math.floor(rand() * 60);
        costs.set(mask, c);
      }
      return c;
    };
    const byLow = regionUnits(r, 10_000)!;
    for (const list of byLow) for (const m of list) cost(m);
    const best = bestRegionPartition(r.k, r.adj, byLow, (mask) => ({ v: 0, s: cost(mask), m: 0 }));
    expect(best.score.s).toBe(bruteBest(r, cost));
    // The parts partition the region and each is a feasible unit with the claimed total.
    expect(best.parts.reduce((a, b) => a | b, 0)).toBe((1 << r.k) - 1);
    expect(best.parts.reduce((a, b) => a + bits(b).length, 0)).toBe(r.k);
    expect(best.parts.reduce((s, p) => s + cost(p), 0)).toBe(best.score.s);
  });

  it('breaks ties lexicographically: first criterion, then the second, then the third', () => {
    // Two compounds that may share a unit. Together: v −2 (both viable), more subsidy.
    const r: Region = { k: 2, adj: [0b10, 0b01], households: [10, 10], maxMembers: 2, maxHouseholds: 100 };
    const byLow = regionUnits(r, 100)!;
    const score = (mask: number) => (mask === 0b11 ? { v: -2, s: 500, m: 2 } : { v: 0, s: 100, m: 0 });
    expect(bestRegionPartition(2, r.adj, byLow, score).parts).toEqual([0b11]);
    const cheaperApart = (mask: number) => (mask === 0b11 ? { v: 0, s: 200, m: 2 } : { v: 0, s: 100, m: 0 });
    // 200 together = 100 + 100 apart: the tie goes to fewer compounds moved.
    expect(bestRegionPartition(2, r.adj, byLow, cheaperApart).parts.sort()).toEqual([0b01, 0b10]);
  });
});
