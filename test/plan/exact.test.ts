import { describe, expect, it } from 'vitest';
import { planExact } from '../../src/plan/exact.js';
import { planHeuristic } from '../../src/plan/heuristic.js';
import { bruteForce, compound, district, options, recount, syntheticEvaluator, violations, xy } from './helpers.js';

describe('planExact against brute force (every partition enumerated)', () => {
  // Districts of 6–12 compounds, dense enough that units of 3–6 are feasible and compete.
  const cases = Array.from({ length: 10 }, (_, k) => ({ seed: 100 + k, n: 6 + (k % 7) }));

  it.each(cases)('subsidy objective, seed $seed, $n compounds', async ({ seed, n }) => {
    const compounds = district(seed, n, 900);
    const evaluate = syntheticEvaluator(compounds);
    const opts = options({ maxDistanceM: 450, seed });
    const best = bruteForce(compounds, evaluate, opts);
    expect(best.partitions).toBeGreaterThan(n);
    const plan = await planExact(compounds, evaluate, opts);
    expect(violations(compounds, plan, opts)).toEqual([]);
    const got = recount(plan, evaluate);
    expect(got.subsidy).toBe(best.subsidy);
    expect(got.moved).toBe(best.moved);
    expect(plan.totalSubsidy).toBe(best.subsidy);
    expect(plan.status).toBe('optimal');
    expect(plan.gap).toBe(0);
  });

  it.each(cases.slice(0, 6))('viable objective, seed $seed, $n compounds', async ({ seed, n }) => {
    // Fees high enough that some units break even, so the two objectives pull apart.
    const compounds = district(seed, n, 900).map((c) => ({ ...c, fee_rate: c.fee_rate * 2.2 }));
    const evaluate = syntheticEvaluator(compounds);
    const opts = options({ maxDistanceM: 450, seed, objective: 'viable' });
    const best = bruteForce(compounds, evaluate, opts);
    const plan = await planExact(compounds, evaluate, opts);
    expect(violations(compounds, plan, opts)).toEqual([]);
    const got = recount(plan, evaluate);
    expect(got).toEqual({ viable: best.viable, subsidy: best.subsidy, moved: best.moved });
    expect(plan.viableCompounds).toBe(best.viable);
  });

  it('with households and size limits and forbidden pairs', async () => {
    const compounds = district(42, 11, 700);
    const evaluate = syntheticEvaluator(compounds);
    const opts = options({
      maxDistanceM: 500,
      maxMembers: 3,
      maxHouseholds: 150,
      neverTogether: [
        ['C0', 'C1'],
        ['C2', 'C3'],
      ],
      keepStandalone: new Set(['C4']),
    });
    const best = bruteForce(compounds, evaluate, opts);
    const plan = await planExact(compounds, evaluate, opts);
    expect(violations(compounds, plan, opts)).toEqual([]);
    expect(recount(plan, evaluate)).toMatchObject({ subsidy: best.subsidy, moved: best.moved });
  });
});

describe('planExact on larger districts', () => {
  it('is never worse than the heuristic, which is its warm start', async () => {
    const compounds = district(5, 60, 2500);
    const evaluate = syntheticEvaluator(compounds);
    const opts = options({ seed: 5 });
    const exact = await planExact(compounds, evaluate, opts);
    const heuristic = planHeuristic(compounds, evaluate, opts);
    expect(violations(compounds, exact, opts)).toEqual([]);
    expect(exact.status).toBe('optimal');
    expect(exact.totalSubsidy).toBeLessThanOrEqual(heuristic.totalSubsidy);
  });

  it('is deterministic without a time limit: same input and seed, identical result', async () => {
    const compounds = district(6, 40, 1800);
    const evaluate = syntheticEvaluator(compounds);
    const a = await planExact(compounds, evaluate, options({ seed: 3 }));
    const b = await planExact(compounds, evaluate, options({ seed: 3 }));
    expect(b).toEqual(a);
  });

  it('reports capped, with a warning and no gap, when a component has too many candidate units', async () => {
    const compounds = district(9, 30, 600);
    const evaluate = syntheticEvaluator(compounds);
    const opts = options({ maxColumns: 200 });
    const plan = await planExact(compounds, evaluate, opts);
    expect(violations(compounds, plan, opts)).toEqual([]);
    expect(plan.status).toBe('capped');
    expect(plan.gap).toBeNull();
    expect(plan.warnings.join('\n')).toMatch(/more than 200 candidate units; solved over units of at most \d members/);
  });

  it('stops at the time limit with a valid plan, a status and a gap', async () => {
    const compounds = district(8, 70, 1800);
    const evaluate = syntheticEvaluator(compounds);
    const opts = options({ timeLimitS: 0 });
    const plan = await planExact(compounds, evaluate, opts);
    expect(violations(compounds, plan, opts)).toEqual([]);
    expect(plan.status).toBe('time_limit');
    expect(plan.gap).not.toBeNull();
    expect(plan.gap!).toBeGreaterThanOrEqual(0);
    expect(plan.warnings.join('\n')).toMatch(/time limit \(0 s\) was reached/);
    // With no time to improve, the plan is the heuristic's.
    expect(plan.totalSubsidy).toBe(planHeuristic(compounds, evaluate, opts).totalSubsidy);
  });

  it('needs no solver when no compound has a partner', async () => {
    const compounds = [compound('a', xy(0, 0)), compound('b', xy(5000, 0)), compound('c', null)];
    const evaluate = syntheticEvaluator(compounds);
    const plan = await planExact(compounds, evaluate, options());
    expect(plan.units.map((u) => u.members)).toEqual([[0], [1], [2]]);
    expect(plan.status).toBe('optimal');
    expect(plan.totalSubsidy).toBe([0, 1, 2].reduce((s, i) => s + evaluate([i]).subsidyNeeded, 0));
  });

  it('reports progress up to the total', async () => {
    const compounds = district(2, 25, 1500);
    const calls: [number, number][] = [];
    await planExact(compounds, syntheticEvaluator(compounds), options({ onProgress: (d, t) => calls.push([d, t]) }));
    expect(calls.length).toBeGreaterThan(1);
    const [last, total] = calls.at(-1)!;
    expect(last).toBe(total);
    for (let i = 0; i < calls.length; i++) {
      expect(calls[i]![0]).toBeLessThanOrEqual(total);
      if (i > 0) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
    }
  });
});
