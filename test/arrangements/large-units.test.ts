import { describe, expect, it } from 'vitest';
import { allocate, largeUnitSamples } from '../../src/arrangements/allocation.js';
import { memoCost } from '../../src/arrangements/cost-game.js';
import { checkStability } from '../../src/arrangements/stability.js';
import { anonymous, counted, fixedPlusOwn } from './games.js';

/*
 * Units of 53 members and more (issue 15, item 6: was RangeError "a cost game has 0 to 52
 * players", exit 3). Coalitions are keyed by member list; the methods that scale are used.
 */
describe('games beyond 52 players', () => {
  const n = 60;
  const own = Array.from({ length: n }, (_, i) => 1000 + 10 * i);
  const sumOwn = own.reduce((a, b) => a + b, 0); // 60·1000 + 10·(0+…+59) = 60000 + 17700 = 77700

  it('SCRB of C(S) = 6000 + Σ own: each pays own + 6000/60 = own + 100, exactly', () => {
    // m_i = C(N) − C(N∖{i}) = own_i; r_i = C({i}) − m_i = 6000; rest = C(N) − Σm = 6000;
    // share_i = m_i + r_i·rest/Σr = own_i + 6000·6000/(60·6000) = own_i + 100.
    const { shares, exact } = allocate('scrb', anonymous(n), fixedPlusOwn(6000, own));
    expect(exact).toBe(true);
    expect(shares).toEqual(own.map((o) => o + 100));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(6000 + sumOwn);
  });

  it('sampled Shapley of an additive game is exact whatever the orders: each pays its own cost', () => {
    // C(S) = Σ own: every member adds own_i in every order, so every sample gives own_i.
    const { shares, exact, note } = allocate('shapley', anonymous(n), fixedPlusOwn(0, own), { seed: 3 });
    expect(exact).toBe(false);
    expect(shares).toEqual(own);
    // 200,000,000 / 60³ = 925.9 → 926 orders (fewer as the unit grows, at least 20).
    expect(largeUnitSamples(n)).toBe(926);
    expect(largeUnitSamples(53)).toBe(1344); // 200e6 / 148,877 = 1343.4
    expect(largeUnitSamples(1000)).toBe(20);
    expect(note).toContain('estimated from 926 random orders of joining (seed 3)');
  });

  it('beyond 300 members Shapley falls back to SCRB, and says so', () => {
    const m = 301;
    const own301 = Array.from({ length: m }, (_, i) => 100 + i);
    // SCRB of C(S) = 30100 + Σ own: own_i + 30100/301 = own_i + 100 each (as above).
    const r = allocate('shapley', anonymous(m), fixedPlusOwn(30100, own301));
    expect(r.shares).toEqual(own301.map((o) => o + 100));
    expect(r.exact).toBe(false);
    expect(r.note).toMatch(/^Shapley is out of reach for 301 members \(sampled up to 300\): split by SCRB/);
  });

  it('stability by singletons, pairs and the whole unit: n(n−1)/2 + n + 1 coalitions, never 2^n', () => {
    const c = counted(fixedPlusOwn(6000, own));
    const cost = memoCost(n, c.cost);
    const shares = own.map((o) => o + 100);
    const r = checkStability(anonymous(n), cost, shares);
    // Each pays own + 100 < own + 6000 alone, and a pair pays own_i + own_j + 200 < 6000 + own_i + own_j.
    expect(r).toMatchObject({ stable: true, exact: false, balanced: true, blockingCount: 0 });
    expect(c.calls()).toBe((n * (n - 1)) / 2 + n + 1); // 1770 + 60 + 1 = 1831
  });

  it('a share above standing alone is found blocking', () => {
    const cost = memoCost(n, fixedPlusOwn(6000, own));
    const shares = own.map((o) => o + 100);
    shares[0]! += 6000; // player 0 pays own + 6100 > own + 6000 alone; player 1 pays 100 less…
    shares[1]! -= 6000;
    const r = checkStability(anonymous(n), cost, shares);
    expect(r.stable).toBe(false);
    // Pair {0, j} (j ≠ 1) pays own_0 + own_j + 6200 against 6000 + own_0 + own_j alone: excess
    // 200, the largest (58 such pairs; ties go to the lowest indices: [0, 2]). Alone, 0 pays
    // own_0 + 6100 against own_0 + 6000: excess 100.
    expect(r.blocking[0]).toMatchObject({ members: [0, 2], excess: 200 });
    expect(r.blockingCount).toBe(58 + 1);
    expect(r.blocking.some((b) => b.members.length === 1 && b.members[0] === 0 && b.excess === 100)).toBe(false); // only 20 listed, all pairs
    expect(r.members[0]!.walksOut).toBe(true);
  });
});
