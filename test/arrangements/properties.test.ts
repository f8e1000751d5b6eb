import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATION_METHODS, allocate, type Player } from '../../src/arrangements/allocation.js';
import type { CoalitionCost } from '../../src/arrangements/cost-game.js';
import { checkStability } from '../../src/arrangements/stability.js';
import { airport } from './games.js';

/**
 * Random unit-like games, subadditive by construction: a coalition pays a fixed cost once (one
 * manager, one office), its members' own costs (per-compound jobs), and staff rounded up once
 * per unit: wage · ⌈Σ need⌉. (⌈a + b⌉ ≤ ⌈a⌉ + ⌈b⌉, so merging never costs more.) Needs are in
 * tenths of a post so the rounding is exact. Members are drawn from few values, so many games
 * have symmetric members (same own cost and need).
 */
interface Member {
  own: number;
  needTenths: number;
  area: number;
  households: number;
}
interface Game {
  fixed: number;
  wage: number;
  members: Member[];
}

const memberArb: fc.Arbitrary<Member> = fc.record({
  own: fc.constantFrom(0, 100, 12345, 99991),
  needTenths: fc.constantFrom(0, 3, 5, 12),
  area: fc.constantFrom(0, 0.5, 120.25, 800),
  households: fc.constantFrom(0, 1, 17),
});
const gameArb = (maxN: number, minN = 1): fc.Arbitrary<Game> =>
  fc.record({
    fixed: fc.integer({ min: 0, max: 1_000_000 }),
    wage: fc.integer({ min: 0, max: 500_000 }),
    members: fc.array(memberArb, { minLength: minN, maxLength: maxN }),
  });

function costOf(g: Game): CoalitionCost {
  return (s) => {
    if (s.length === 0) return 0;
    let own = 0;
    let need = 0;
    for (const i of s) {
      own += g.members[i]!.own;
      need += g.members[i]!.needTenths;
    }
    return g.fixed + own + g.wage * Math.ceil(need / 10);
  };
}

function playersOf(g: Game): Player[] {
  return g.members.map((m, i) => ({ id: `m${i}`, area_m2: m.area, households: m.households }));
}

function membersOf(mask: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (mask & (1 << i)) out.push(i);
  return out;
}

/** How many non-empty coalitions pay more than they would alone, found the slow way. */
function bruteBlocking(n: number, cost: CoalitionCost, shares: number[]): number {
  let count = 0;
  for (let mask = 1; mask < 1 << n; mask++) {
    const s = membersOf(mask, n);
    if (s.reduce((a, i) => a + shares[i]!, 0) > cost(s)) count++;
  }
  return count;
}

/** Shapley by its definition: the mean increment over all n! orders, as an exact sum / n!. */
function shapleyByOrders(n: number, cost: CoalitionCost): { sums: number[]; orders: number } {
  const sums = new Array<number>(n).fill(0);
  let orders = 0;
  const walk = (order: number[], rest: number[]): void => {
    if (rest.length === 0) {
      orders++;
      const sorted: number[] = [];
      let before = 0;
      for (const i of order) {
        sorted.push(i);
        sorted.sort((a, b) => a - b);
        const after = cost(sorted);
        sums[i]! += after - before;
        before = after;
      }
      return;
    }
    rest.forEach((r, k) => walk([...order, r], [...rest.slice(0, k), ...rest.slice(k + 1)]));
  };
  walk([], Array.from({ length: n }, (_, i) => i));
  return { sums, orders };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('properties of the allocation methods on random unit games', () => {
  it('every method adds up to C(N) exactly, in whole fen', () => {
    fc.assert(
      fc.property(gameArb(8), fc.constantFrom(...ALLOCATION_METHODS), (g, method) => {
        const n = g.members.length;
        const cost = costOf(g);
        const { shares } = allocate(method, playersOf(g), cost);
        expect(shares).toHaveLength(n);
        expect(shares.every(Number.isSafeInteger)).toBe(true);
        expect(sum(shares)).toBe(cost(Array.from({ length: n }, (_, i) => i)));
      }),
      { numRuns: 300 },
    );
  });

  it('Shapley is the mean increment over all orders (checked by enumerating them, n ≤ 6)', () => {
    fc.assert(
      fc.property(gameArb(6), (g) => {
        const n = g.members.length;
        const cost = costOf(g);
        const { shares } = allocate('shapley', playersOf(g), cost);
        const { sums, orders } = shapleyByOrders(n, cost);
        shares.forEach((s, i) => {
          // The share is the exact value rounded down or up to the fen.
          expect(s).toBeGreaterThanOrEqual(Math.floor(sums[i]! / orders));
          expect(s).toBeLessThanOrEqual(Math.ceil(sums[i]! / orders));
        });
      }),
    );
  });

  it('Shapley treats symmetric members alike: at most the odd fen apart, lower index first', () => {
    fc.assert(
      fc.property(gameArb(8), (g) => {
        const { shares } = allocate('shapley', playersOf(g), costOf(g));
        g.members.forEach((a, i) =>
          g.members.forEach((b, j) => {
            if (i < j && a.own === b.own && a.needTenths === b.needTenths) {
              expect(shares[i]! - shares[j]!).toBeGreaterThanOrEqual(0);
              expect(shares[i]! - shares[j]!).toBeLessThanOrEqual(1);
            }
          }),
        );
      }),
    );
  });

  it('Shapley of fixed + own costs is fixed/n + own, to the fen', () => {
    fc.assert(
      fc.property(gameArb(8), (g) => {
        const flat = { ...g, wage: 0 };
        const n = g.members.length;
        const { shares } = allocate('shapley', playersOf(flat), costOf(flat));
        shares.forEach((s, i) => expect(Math.abs(s - g.fixed / n - g.members[i]!.own)).toBeLessThan(1));
      }),
    );
  });

  it('Shapley of an airport game is the segment-by-segment split, to the fen', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 9 }), (c) => {
        // Sort the planes by cost; segment k (c_(k) − c_(k−1)) is shared by the n − k planes
        // that need it. Equal costs make equal planes whatever their position.
        const n = c.length;
        const sorted = [...c].sort((a, b) => a - b);
        const phiOfCost = new Map<number, number>();
        let acc = 0;
        sorted.forEach((ck, k) => {
          acc += (ck - (k === 0 ? 0 : sorted[k - 1]!)) / (n - k);
          phiOfCost.set(ck, acc);
        });
        const ps = c.map((_, i) => ({ id: `${i}`, area_m2: 1, households: 1 }));
        const { shares } = allocate('shapley', ps, airport(c));
        shares.forEach((s, i) => expect(Math.abs(s - phiOfCost.get(c[i]!)!)).toBeLessThan(1));
      }),
    );
  });

  it('SCRB equals Shapley in two-member subadditive games', () => {
    // Both give (C(N) + C(i) − C(j))/2: equal savings for both members.
    fc.assert(
      fc.property(gameArb(2, 2), (g) => {
        const ps = playersOf(g);
        expect(allocate('scrb', ps, costOf(g)).shares).toEqual(allocate('shapley', ps, costOf(g)).shares);
      }),
    );
  });
});

describe('properties of the core check', () => {
  it('agrees with brute force on every allocation method', () => {
    fc.assert(
      fc.property(gameArb(8), fc.constantFrom(...ALLOCATION_METHODS), (g, method) => {
        const n = g.members.length;
        const cost = costOf(g);
        const { shares } = allocate(method, playersOf(g), cost);
        const report = checkStability(playersOf(g), cost, shares);
        const brute = bruteBlocking(n, cost, shares);
        expect(report.blockingCount).toBe(brute);
        expect(report.stable).toBe(brute === 0);
        if (report.stable) expect(report.members.every((m) => m.stable && !m.walksOut)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with brute force on shares moved around between members', () => {
    fc.assert(
      fc.property(
        gameArb(8),
        fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.integer({ min: 0, max: 200_000 })), { maxLength: 4 }),
        (g, moves) => {
          const n = g.members.length;
          const cost = costOf(g);
          const shares = [...allocate('shapley', playersOf(g), cost).shares];
          for (const [from, to, fen] of moves) {
            shares[from % n]! -= fen;
            shares[to % n]! += fen;
          }
          const report = checkStability(playersOf(g), cost, shares);
          const brute = bruteBlocking(n, cost, shares);
          expect(report.blockingCount).toBe(brute);
          expect(report.stable).toBe(brute === 0);
          // The listed coalitions do block, worst first.
          for (const b of report.blocking) {
            expect(b.excess).toBe(sum(b.members.map((i) => shares[i]!)) - cost(b.members));
          }
          for (let k = 1; k < report.blocking.length; k++) {
            expect(report.blocking[k - 1]!.excess).toBeGreaterThanOrEqual(report.blocking[k]!.excess);
          }
          report.members.forEach((m, i) => expect(m.walksOut).toBe(shares[i]! > cost([i])));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('properties of sampled Shapley (n > 15)', () => {
  it('is the same for the same seed, and adds up exactly', () => {
    fc.assert(
      fc.property(gameArb(22, 16), fc.integer(), fc.integer({ min: 1, max: 40 }), (g, seed, samples) => {
        const cost = costOf(g);
        const a = allocate('shapley', playersOf(g), cost, { seed, samples });
        const b = allocate('shapley', playersOf(g), costOf(g), { seed, samples });
        expect(a.exact).toBe(false);
        expect(b.shares).toEqual(a.shares);
        expect(sum(a.shares)).toBe(cost(Array.from({ length: g.members.length }, (_, i) => i)));
      }),
      { numRuns: 50 },
    );
  });
});
