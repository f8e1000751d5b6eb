import { describe, expect, it } from 'vitest';
import { allocate, DEFAULT_SHAPLEY_SAMPLES, mulberry32 } from '../../src/arrangements/allocation.js';
import { airport, anonymous, counted, fixedPlusOwn } from './games.js';

/**
 * Beyond 15 members Shapley is the mean incremental cost over random orders of joining. The
 * tolerances are 5 standard errors of that mean, bounded from the game's structure (a fixed
 * seed makes each run the same, so the bound guards against a wrong estimator, not bad luck).
 */
describe('sampled Shapley (n > 15)', () => {
  it('is exact in an additive game: every order gives each member its own cost', () => {
    // C(S) = Σ own → every increment of i is own_i, so φ_i = own_i whatever the sample.
    const own = Array.from({ length: 20 }, (_, i) => 7919 * i + 13);
    const cost = (m: readonly number[]): number => m.reduce((s, i) => s + own[i]!, 0);
    const r = allocate('shapley', anonymous(20), cost, { samples: 50 });
    expect(r.shares).toEqual(own);
    expect(r.exact).toBe(false);
    expect(r.note).toMatch(/estimated from 50 random orders of joining \(seed 1\)/);
  });

  it('is near the formula in a 20-plane airport game', () => {
    // Costs c_k = 1000·k, k = 1..20. Shapley of an airport game: each runway segment
    // (c_k − c_{k−1}) is shared equally by the planes that need it (k..20):
    //   φ_k = Σ_{j ≤ k} 1000 / (21 − j)   e.g. φ_1 = 50, φ_20 = 1000·H_20 ≈ 3597.7.
    // Plane k's increment lies in [0, c_k], so its standard deviation is ≤ c_k/2 and the
    // standard error of a mean of 2000 is ≤ c_k/(2·√2000).
    const n = 20;
    const c = Array.from({ length: n }, (_, i) => 1000 * (i + 1));
    const phi = c.map((_, i) => {
      let s = 0;
      for (let j = 1; j <= i + 1; j++) s += 1000 / (n + 1 - j);
      return s;
    });
    const r = allocate('shapley', anonymous(n), airport(c));
    expect(r.shares.reduce((a, b) => a + b, 0)).toBe(20000);
    r.shares.forEach((s, i) => {
      expect(Math.abs(s - phi[i]!)).toBeLessThanOrEqual((5 * c[i]!) / (2 * Math.sqrt(DEFAULT_SHAPLEY_SAMPLES)));
    });
  });

  it('shares a fixed cost about equally', () => {
    // C(S) = 180000 + Σ own (18 members): φ_i = 10000 + own_i. Member i's increment is
    // own_i + 180000·[i joins first], so the standard error is 180000·√(p(1−p)/2000) with
    // p = 1/18: ≈ 922 fen.
    const n = 18;
    const own = Array.from({ length: n }, (_, i) => 37 * i);
    const r = allocate('shapley', anonymous(n), fixedPlusOwn(180000, own));
    const se = 180000 * Math.sqrt(((1 / n) * (1 - 1 / n)) / DEFAULT_SHAPLEY_SAMPLES);
    r.shares.forEach((s, i) => expect(Math.abs(s - 10000 - own[i]!)).toBeLessThanOrEqual(5 * se));
  });

  it('is deterministic for a seed and changes with it', () => {
    const n = 17;
    const cost = airport(Array.from({ length: n }, (_, i) => 997 * ((i * 7) % n) + 1));
    const a = allocate('shapley', anonymous(n), cost, { seed: 42, samples: 300 });
    const b = allocate('shapley', anonymous(n), cost, { seed: 42, samples: 300 });
    const c = allocate('shapley', anonymous(n), cost, { seed: 43, samples: 300 });
    expect(b).toEqual(a);
    expect(c.shares).not.toEqual(a.shares);
  });

  it('prices at most n coalitions per sampled order', () => {
    const n = 16;
    const g = counted(airport(Array.from({ length: n }, (_, i) => i + 1)));
    allocate('shapley', anonymous(n), g.cost, { samples: 10 });
    expect(g.calls()).toBeLessThanOrEqual(10 * n);
    expect(g.calls()).toBeGreaterThanOrEqual(n); // at least one full order
  });

  it('rejects a useless sample size or seed', () => {
    const cost = airport(Array.from({ length: 16 }, () => 1));
    expect(() => allocate('shapley', anonymous(16), cost, { samples: 0 })).toThrow(/samples must be a positive/);
    expect(() => allocate('shapley', anonymous(16), cost, { seed: 0.5 })).toThrow(/seed must be an integer/);
  });
});

describe('mulberry32', () => {
  it('is reproducible, in [0, 1), and roughly uniform', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(Array.from({ length: 10000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // Mean of 10000 uniforms: 0.5 ± 0.0029 (1 s.e.); 5 s.e. bound.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.015);
  });
});
