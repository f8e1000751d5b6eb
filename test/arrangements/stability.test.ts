import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/arrangements/allocation.js';
import { memoCost } from '../../src/arrangements/cost-game.js';
import { checkStability, MAX_BLOCKING_LISTED } from '../../src/arrangements/stability.js';
import { airport, anonymous, counted, symmetric, table } from './games.js';

/**
 * A three-player game with an empty core: C({i}) = 1000, C(pair) = 1200, C(N) = 2000.
 * A core allocation needs x_i + x_j ≤ 1200 for all three pairs; adding the three gives
 * 2·Σx ≤ 3600, i.e. Σx ≤ 1800 < 2000 = C(N). So whatever the shares, some pair blocks.
 * (It is subadditive: 1200 ≤ 1000 + 1000 and 2000 ≤ 1200 + 1000: sharing does save.)
 */
const emptyCore = table({ '0': 1000, '1': 1000, '2': 1000, '0,1': 1200, '0,2': 1200, '1,2': 1200, '0,1,2': 2000 });

describe('checkStability on games solved by hand', () => {
  it('airport game: Shapley 100, 200, 500 is in the core', () => {
    // Singletons: 100 ≤ 300, 200 ≤ 500, 500 ≤ 800. Pairs: {0,1} 300 ≤ 500, {0,2} 600 ≤ 800,
    // {1,2} 700 ≤ 800. Σ = 800 = C(N).
    const r = checkStability(anonymous(3), airport([300, 500, 800]), [100, 200, 500]);
    expect(r).toMatchObject({ stable: true, exact: true, balanced: true, total: 800, blockingCount: 0, blocking: [] });
    expect(r.members).toEqual([
      { standalone: 300, walksOut: false, stable: true, worstBlocking: null },
      { standalone: 500, walksOut: false, stable: true, worstBlocking: null },
      { standalone: 800, walksOut: false, stable: true, worstBlocking: null },
    ]);
  });

  it('airport game: an equal split is blocked by the two small users', () => {
    // 800/3 → 267, 267, 266. {0,1} pays 534 but alone needs only max(300, 500) = 500: excess 34.
    // Everything else holds: {0} 267 ≤ 300, {0,2} 533 ≤ 800, {1,2} 533 ≤ 800.
    const r = checkStability(anonymous(3), airport([300, 500, 800]), [267, 267, 266]);
    expect(r.stable).toBe(false);
    expect(r.blocking).toEqual([{ members: [0, 1], share: 534, alone: 500, excess: 34 }]);
    expect(r.members.map((m) => m.stable)).toEqual([false, false, true]);
    expect(r.members.map((m) => m.walksOut)).toEqual([false, false, false]);
  });

  it('empty core: Shapley is blocked by every pair', () => {
    // Shapley is 2000/3 each → 667, 667, 666. Pairs pay 1334, 1333, 1333 against 1200.
    const { shares } = allocate('shapley', anonymous(3), emptyCore);
    expect(shares).toEqual([667, 667, 666]);
    const r = checkStability(anonymous(3), emptyCore, shares);
    expect(r.stable).toBe(false);
    expect(r.blockingCount).toBe(3);
    expect(r.blocking).toEqual([
      { members: [0, 1], share: 1334, alone: 1200, excess: 134 },
      { members: [0, 2], share: 1333, alone: 1200, excess: 133 }, // tie with {1,2}: by index
      { members: [1, 2], share: 1333, alone: 1200, excess: 133 },
    ]);
    expect(r.members.map((m) => m.worstBlocking?.members)).toEqual([
      [0, 1],
      [0, 1],
      [0, 2],
    ]);
    expect(r.members.every((m) => !m.walksOut && !m.stable)).toBe(true);
  });

  it('empty core: no allocation at all is stable (brute force over every split of 20 fen)', () => {
    // The same game at 1/100 scale: C(i) = 10, C(pair) = 12, C(N) = 20. Shares may be negative.
    const small = table({ '0': 10, '1': 10, '2': 10, '0,1': 12, '0,2': 12, '1,2': 12, '0,1,2': 20 });
    const memo = memoCost(3, small);
    let tried = 0;
    for (let a = -10; a <= 30; a++) {
      for (let b = -10; b <= 30; b++) {
        expect(checkStability(anonymous(3), memo, [a, b, 20 - a - b]).stable).toBe(false);
        tried++;
      }
    }
    expect(tried).toBe(41 * 41);
  });

  it('symmetric game: the equal split is stable', () => {
    // 301, 300, 300, 300 against 500 alone, 800 per pair (max pair 601), 1000 per triple
    // (max triple 901), 1201 for all.
    const r = checkStability(anonymous(4), symmetric([0, 500, 800, 1000, 1201]), [301, 300, 300, 300]);
    expect(r.stable).toBe(true);
    expect(r.members.map((m) => m.standalone)).toEqual([500, 500, 500, 500]);
  });

  it('shows the members who would walk out', () => {
    // Together costs more than apart: C(0) = C(1) = 100, C(01) = 250. Any split of 250 makes
    // somebody pay more than 100: 125, 125 → both walk out, excess 25 each.
    const r = checkStability(anonymous(2), table({ '0': 100, '1': 100, '0,1': 250 }), [125, 125]);
    expect(r.stable).toBe(false);
    expect(r.blocking).toEqual([
      { members: [0], share: 125, alone: 100, excess: 25 },
      { members: [1], share: 125, alone: 100, excess: 25 },
    ]);
    expect(r.members.map((m) => m.walksOut)).toEqual([true, true]);
  });

  it('a member can be unstable without walking out alone', () => {
    // Airport 300, 500, 800, shares 0, 499, 301: nobody pays more than alone, but {0,2} would
    // be charged 301 against 800 (fine) and {0,1} 499 against 500 (fine); {1,2} 800 = 800.
    // So stable; now shift one fen: 0, 501, 299 → {1} pays 501 > 500 (walks out), {0,1}
    // 501 > 500, {1,2} 800 = 800 fine.
    const g = airport([300, 500, 800]);
    expect(checkStability(anonymous(3), g, [0, 499, 301]).stable).toBe(true);
    const r = checkStability(anonymous(3), g, [0, 501, 299]);
    expect(r.blocking.map((b) => [b.members, b.excess])).toEqual([
      [[1], 1], // excess ties: the smaller coalition first
      [[0, 1], 1],
    ]);
    expect(r.members.map((m) => [m.walksOut, m.stable])).toEqual([
      [false, false],
      [true, false],
      [false, true],
    ]);
  });

  it('is not stable when the shares do not add up to C(N)', () => {
    // Under-charging blocks no coalition, but it is not an allocation of the cost.
    const under = checkStability(anonymous(3), airport([300, 500, 800]), [100, 200, 499]);
    expect(under).toMatchObject({ stable: false, balanced: false, blockingCount: 0 });
    // Over-charging: the grand coalition itself blocks.
    const over = checkStability(anonymous(3), airport([300, 500, 800]), [100, 200, 501]);
    expect(over.blocking).toEqual([{ members: [0, 1, 2], share: 801, alone: 800, excess: 1 }]);
  });

  it('lists at most 20 blocking coalitions, but counts them all', () => {
    // 6 players, C(S) = 10 per member, shares 11 each: every coalition blocks (63 of them),
    // excess = |S|, so the largest first: the grand coalition (6), then the six of size 5, ...
    const r = checkStability(anonymous(6), (m) => 10 * m.length, [11, 11, 11, 11, 11, 11]);
    expect(r.blockingCount).toBe(63);
    expect(r.blocking).toHaveLength(MAX_BLOCKING_LISTED);
    expect(r.blocking.map((b) => b.excess).slice(0, 8)).toEqual([6, 5, 5, 5, 5, 5, 5, 4]);
    expect(r.blocking[1]!.members).toEqual([0, 1, 2, 3, 4]);
  });

  it('beyond 15 members checks singletons, pairs and the whole, and says it is not exact', () => {
    // 16 players, airport costs 100·(i+1): an equal split of 1600 is 100 each; player 0 alone
    // pays 100 = 100 (fine); no pair {i,j} pays more than max(c_i, c_j) ≥ 200 = 200.
    const n = 16;
    const c = counted(airport(Array.from({ length: n }, (_, i) => 100 * (i + 1))));
    const shares = new Array<number>(n).fill(100);
    const r = checkStability(anonymous(n), c.cost, shares);
    expect(r).toMatchObject({ stable: true, exact: false });
    expect(c.calls()).toBe(n + (n * (n - 1)) / 2 + 1);
    // Shift 1 fen from player 15 to player 0: player 0 now walks out (101 > 100), and {0,1}
    // pays 201 against max(100, 200) = 200. Every other pair with 0 pays 201 ≤ 300 or more.
    shares[0] = 101;
    shares[15] = 99;
    const r2 = checkStability(anonymous(n), c.cost, shares);
    expect(r2.stable).toBe(false);
    expect(r2.blocking).toEqual([
      { members: [0], share: 101, alone: 100, excess: 1 },
      { members: [0, 1], share: 201, alone: 200, excess: 1 },
    ]);
  });

  it('rejects shares of the wrong length or not in whole fen', () => {
    expect(() => checkStability(anonymous(2), () => 1, [1])).toThrow(/expected 2 shares, got 1/);
    expect(() => checkStability(anonymous(2), () => 1, [1, 0.5])).toThrow(/whole fen/);
  });
});
