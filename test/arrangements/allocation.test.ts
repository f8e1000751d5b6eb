import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_METHODS,
  allocate,
  apportion,
  apportionByWeights,
} from '../../src/arrangements/allocation.js';
import { airport, anonymous, fixedPlusOwn, players, symmetric, table } from './games.js';

describe('Shapley, exact (games solved by hand)', () => {
  it('airport game 3, 5, 8 → 1, 2, 5', () => {
    // C(S) = max cost in S. Over the 6 orders of joining, player 0 adds 3 when first (2 orders)
    // and 0 otherwise: 6/6 = 1. Player 1 adds 5 when first (2), 5−3 = 2 after 0 alone (0,1,2),
    // 0 otherwise: 12/6 = 2. Player 2 adds 8 when first (2), 8−3 = 5 after 0 (0,2,1), 8−5 = 3
    // after 1 (1,2,0), 8−5 = 3 when last (2): 30/6 = 5. Sum 8 = C(N).
    expect(allocate('shapley', anonymous(3), airport([3, 5, 8]))).toEqual({ shares: [1, 2, 5], exact: true });
    // The same in fen at a realistic scale.
    expect(allocate('shapley', anonymous(3), airport([300, 500, 800])).shares).toEqual([100, 200, 500]);
  });

  it('symmetric game: everybody pays C(N)/n, the odd fen to the lowest index', () => {
    // C depends on |S| only: 500, 800, 1000, 1201 (prime). φ = 1201/4 = 300.25 each;
    // floors 4 × 300 = 1200, one fen left, all remainders equal → player 0.
    expect(allocate('shapley', anonymous(4), symmetric([0, 500, 800, 1000, 1201])).shares).toEqual([
      301, 300, 300, 300,
    ]);
  });

  it('a fixed cost per unit is shared equally, own costs stay with their owners', () => {
    // C(S) = 900 + Σ own: φ_i = 900/3 + own_i.
    expect(allocate('shapley', anonymous(3), fixedPlusOwn(900, [10, 20, 31])).shares).toEqual([310, 320, 331]);
  });

  it('a three-player game given by its table', () => {
    // C(0)=600, C(1)=700, C(2)=900, C(01)=1000, C(02)=1200, C(12)=1300, C(012)=1500.
    // φ_0 = 1/3·600 + 1/6·(1000−700) + 1/6·(1200−900) + 1/3·(1500−1300)
    //     = 200 + 50 + 50 + 66.67 = 366.67
    // φ_1 = 1/3·700 + 1/6·(1000−600) + 1/6·(1300−900) + 1/3·(1500−1200)
    //     = 233.33 + 66.67 + 66.67 + 100 = 466.67
    // φ_2 = 1/3·900 + 1/6·(1200−600) + 1/6·(1300−700) + 1/3·(1500−1000)
    //     = 300 + 100 + 100 + 166.67 = 666.67
    // Exactly 1100/3, 1400/3, 2000/3; floors 366 + 466 + 666 = 1498, 2 fen left; remainders
    // 2/3, 2/3, 2/3 → players 0 and 1.
    const game = table({ '0': 600, '1': 700, '2': 900, '0,1': 1000, '0,2': 1200, '1,2': 1300, '0,1,2': 1500 });
    expect(allocate('shapley', anonymous(3), game).shares).toEqual([367, 467, 666]);
  });

  it('one member pays everything; no members pay nothing', () => {
    expect(allocate('shapley', anonymous(1), () => 12345).shares).toEqual([12345]);
    expect(allocate('shapley', [], () => 1)).toEqual({ shares: [], exact: true });
  });
});

describe('SCRB (games solved by hand)', () => {
  it('differs from Shapley in the airport game 300, 500, 800', () => {
    // m_i = C(N) − C(N∖{i}) = 800−800, 800−800, 800−500 = 0, 0, 300; Σm = 300.
    // r_i = max(0, C({i}) − m_i) = 300, 500, 500; Σr = 1300. Rest = 800 − 300 = 500.
    // share = m + r/1300·500 = 115 5/13, 192 4/13, 492 4/13; floors sum 799, the fen left goes
    // to the largest remainder 5/13 (player 0). Shapley gave 100, 200, 500.
    expect(allocate('scrb', anonymous(3), airport([300, 500, 800]))).toEqual({ shares: [116, 192, 492], exact: true });
  });

  it('agrees with Shapley in a symmetric game', () => {
    // m = 1201 − 1000 = 201, r = 500 − 201 = 299 each; rest = 1201 − 804 = 397 split by
    // r (equally): 201 + 99.25 = 300.25 → 301, 300, 300, 300.
    expect(allocate('scrb', anonymous(4), symmetric([0, 500, 800, 1000, 1201])).shares).toEqual([301, 300, 300, 300]);
  });

  it('splits the rest equally when no member gains by joining (Σr = 0), and says so', () => {
    // Together costs more than apart: C(0) = C(1) = 100, C(01) = 250. m = 150, 150; r = 0, 0;
    // rest = 250 − 300 = −50 split equally → 125, 125.
    const r = allocate('scrb', anonymous(2), table({ '0': 100, '1': 100, '0,1': 250 }));
    expect(r.shares).toEqual([125, 125]);
    expect(r.note).toMatch(/split equally/);
  });

  it('in an additive game every member pays its own cost', () => {
    // C(S) = Σ own: m_i = own_i, r_i = 0, rest 0.
    const own = [101, 0, 7919];
    const cost = (m: readonly number[]): number => m.reduce((s, i) => s + own[i]!, 0);
    expect(allocate('scrb', anonymous(3), cost).shares).toEqual(own);
  });
});

describe('area and households', () => {
  it('split C(N) in proportion, exactly, at an awkward (prime) total', () => {
    // 99991 fen by areas 1234.56, 789.01, 0.43 (Σ 2024.00):
    //   99991 × 123456 / 202400 = 60990 + 112896/202400 (0.5578)
    //   99991 ×  78901 / 202400 = 38979 +  40291/202400 (0.1991)
    //   99991 ×     43 / 202400 =    21 +  49213/202400 (0.2431)
    // floors 99990, one fen left → player 0.
    const ps = players([1234.56, 789.01, 0.43]);
    expect(allocate('area', ps, () => 99991)).toEqual({ shares: [60991, 38979, 21], exact: true });
  });

  it('uses households for the households method', () => {
    // 11 fen by 3 : 7 → 3.3, 7.7 → floors 10, one fen to the remainder 0.7 (player 1).
    expect(allocate('households', players([1, 1], [3, 7]), () => 11).shares).toEqual([3, 8]);
  });

  it('breaks exact ties by index, not by float noise', () => {
    // 2 fen by areas 0.7 : 2.1 is exactly 0.5 and 1.5: a tie, so player 0 gets the odd fen.
    // In floats 2·2.1/2.8 = 1.5000000000000002 and the fen would go to player 1.
    expect(allocate('area', players([0.7, 2.1]), () => 2).shares).toEqual([1, 1]);
  });

  it('falls back to equal shares when every member has zero area, and says so', () => {
    // 100003 (prime) / 3 = 33334.33 → one extra fen to player 0.
    const r = allocate('area', players([0, 0, 0]), () => 100003);
    expect(r.shares).toEqual([33335, 33334, 33334]);
    expect(r.note).toBe('every member has zero area: shares are equal');
  });

  it('charges a zero-area member nothing, and names it', () => {
    // 1001 by 0 : 300 : 700 → 0, 300.3, 700.7 → one fen to player 2.
    const r = allocate('area', players([0, 300, 700]), () => 1001);
    expect(r.shares).toEqual([0, 300, 701]);
    expect(r.note).toBe('zero area, so no share by area: p0');
  });

  it('rejects negative or non-finite weights', () => {
    expect(() => allocate('area', players([1, -1]), () => 5)).toThrow(/weight of player 1 must be ≥ 0, got -1/);
    expect(() => allocate('households', players([1, 1], [1, NaN]), () => 5)).toThrow(RangeError);
  });

  it('asks the model only for C(N)', () => {
    let calls = 0;
    allocate('area', players([1, 2, 3, 4]), (m) => {
      calls++;
      expect(m).toEqual([0, 1, 2, 3]);
      return 1000;
    });
    expect(calls).toBe(1);
  });
});

describe('every method adds up to C(N) to the fen', () => {
  const awkward = [1, 2, 3, 7, 97, 100003, 999983, 2147483647];
  for (const method of ALLOCATION_METHODS) {
    it(method, () => {
      for (const total of awkward) {
        // A unit where sharing saves: C(S) = total·|S|/n·0.9 rounded, with C(N) = total.
        const n = 7;
        const cost = (m: readonly number[]): number =>
          m.length === n ? total : Math.round((total * m.length * 0.9) / n + 13 * m[0]!);
        const ps = players([0.1, 0, 12.5, 3, 3, 1e-6, 80], [1, 2, 3, 0, 5, 6, 7]);
        const { shares } = allocate(method, ps, cost);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        expect(shares.every(Number.isSafeInteger)).toBe(true);
      }
    });
  }
});

describe('apportion', () => {
  it('floors, then gives the fen left to the largest remainders', () => {
    // 10 as 10/3 each → 3, 3, 3 and remainders 1/3 each → player 0 gets the 10th fen.
    expect(apportion(10, [10n, 10n, 10n], 3n)).toEqual([4, 3, 3]);
    // 7/4, 9/4, 12/4 = 1.75, 2.25, 3 → floors 6, one fen to remainder 3/4 (player 0).
    expect(apportion(7, [7n, 9n, 12n], 4n)).toEqual([2, 2, 3]);
  });

  it('floors negative shares downward', () => {
    // −1.5 and 2.5 add to 1: floors −2, 2, one fen to the larger remainder (tie → player 0).
    expect(apportion(1, [-3n, 5n], 2n)).toEqual([-1, 2]);
  });

  it('refuses numerators that do not add up to the total', () => {
    expect(() => apportion(10, [1n, 2n], 1n)).toThrow(/internal/);
    expect(() => apportion(0, [0n], 0n)).toThrow(/denominator/);
  });

  it('by weights: equal shares when all weights are zero', () => {
    expect(apportionByWeights(5, [0, 0])).toEqual({ shares: [3, 2], equal: true });
    expect(apportionByWeights(0, [])).toEqual({ shares: [], equal: false });
  });
});
