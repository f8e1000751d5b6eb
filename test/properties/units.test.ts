import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATION_METHODS } from '../../src/arrangements/allocation.js';
import { evaluateArrangedUnit, type UnitSpec } from '../../src/arrangements/units.js';
import type { Compound } from '../../src/core/compound.js';
import { evaluateUnit } from '../../src/model/evaluate-unit.js';
import { compound } from '../helpers/compounds.js';
import { RUNS, coefficientsWith, compoundsArb, paramValuesArb } from './arbitraries.js';

const specOf = (members: readonly Compound[], kind: 'attached' | 'cluster'): UnitSpec =>
  members.length === 1
    ? { kind: 'standalone', id: members[0]!.id }
    : kind === 'attached'
      ? { kind: 'attached', host: members[0]!.id, guests: members.slice(1).map((m) => m.id) }
      : { kind: 'cluster', name: 'U', members: members.map((m) => m.id) };

/** Every non-empty subset of 0..n−1, as index lists. */
function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << n; mask++) out.push([...Array(n).keys()].filter((i) => mask & (1 << i)));
  return out;
}

describe('shares of a unit', () => {
  it('add up to the unit cost to the fen, for every allocation method (travel counted)', () => {
    fc.assert(
      fc.property(
        compoundsArb(1, 6, { located: true }),
        paramValuesArb,
        fc.constantFrom(...ALLOCATION_METHODS),
        fc.constantFrom('attached' as const, 'cluster' as const),
        (members, values, allocation, kind) => {
          const k = coefficientsWith(values);
          const u = evaluateArrangedUnit(specOf(members, kind), members, k, { allocation });
          const sum = u.shares.reduce((s, m) => s + m.cost, 0);
          expect(sum).toBe(u.evaluation.cost);
          u.shares.forEach((m) => expect(Number.isSafeInteger(m.cost)).toBe(true));
          expect(u.shares.reduce((s, m) => s + m.profit, 0)).toBe(u.evaluation.profit);
        },
      ),
      RUNS,
    );
  });

  it('add up beyond 15 members too, where Shapley is sampled (seeded)', () => {
    fc.assert(
      fc.property(compoundsArb(16, 17), paramValuesArb, fc.integer({ min: 1, max: 1000 }), (members, values, seed) => {
        const k = coefficientsWith(values);
        const u = evaluateArrangedUnit(specOf(members, 'cluster'), members, k, { allocation: 'shapley', seed, travel: false });
        expect(u.exact).toBe(false);
        expect(u.shares.reduce((s, m) => s + m.cost, 0)).toBe(u.evaluation.cost);
      }),
      { ...RUNS, numRuns: 3 },
    );
  });
});

describe('a unit reported stable', () => {
  it('really is: no coalition of its members pays less alone than its shares (checked by brute force)', () => {
    fc.assert(
      fc.property(
        compoundsArb(2, 5, { located: true }),
        paramValuesArb,
        fc.constantFrom(...ALLOCATION_METHODS),
        fc.boolean(),
        (members, values, allocation, travel) => {
          const k = coefficientsWith(values);
          const opts = travel ? {} : { travel: false };
          const u = evaluateArrangedUnit(specOf(members, 'cluster'), members, k, { allocation, ...opts });
          const blocking = subsets(members.length).filter((s) => {
            const alone = evaluateUnit(s.map((i) => members[i]!), k, opts).cost;
            return s.reduce((a, i) => a + u.shares[i]!.cost, 0) > alone;
          });
          expect(u.stable).toBe(blocking.length === 0);
          u.shares.forEach((m, i) => {
            expect(m.stable).toBe(!blocking.some((s) => s.includes(i)));
            expect(m.standaloneCost).toBe(evaluateUnit([members[i]!], k).cost);
            expect(m.walksOut).toBe(m.cost > m.standaloneCost);
          });
        },
      ),
      RUNS,
    );
  });
});

describe('merging units with travel at zero', () => {
  /** cost(A ∪ B) − cost(A) − cost(B), travel not counted. */
  function mergeDelta(members: readonly Compound[], cut: number, values: Record<string, number>): { delta: number; a: number; b: number } {
    const k = coefficientsWith(values);
    const a = members.slice(0, cut);
    const b = members.slice(cut);
    const cost = (xs: readonly Compound[]) => evaluateUnit(xs, k, { travel: false }).cost;
    return { delta: cost(members) - cost(a) - cost(b), a: a.length, b: b.length };
  }

  it('never raises total cost while every post is full-time, for any split and parameters in their ranges', () => {
    // One wage per role, one rounding per unit, per-unit minimums no larger than the sum of the
    // parts' minimums, per-unit costs and shared contracts paid once, drop-off points shared:
    // cost(A ∪ B) ≤ cost(A) + cost(B). Only with every post full-time (part_time_max_fte 0): two
    // hourly engagements merged into one full-time post can cost more (the next test).
    fc.assert(
      fc.property(compoundsArb(2, 8), paramValuesArb, fc.nat(), (members, values, cut) => {
        const at = 1 + (cut % (members.length - 1));
        expect(mergeDelta(members, at, { ...values, 'staffing.part_time_max_fte': 0 }).delta).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('can cost more when two hourly engagements become one full-time post (worked by hand)', () => {
    /*
     * Default parameters, basic service, no gate, 3,700 m² of green each (grounds), 201 households
     * and 400 m² each (so each unit has its own drop-off point: 402 households need two). Gardeners:
     * 3700/4000 × 0.25 = 0.23125 each → 0.25, hourly: 0.25 × 2000 × 25.10 = 12,550.00 each, 25,100.00
     * for both; merged 0.4625 → 0.5, now a full-time post: 0.5 × 4,704.1868 × 12 = 28,225.12
     * (+3,125.12). Cleaners: 201/140 × 0.5 = 0.717857 + 0.319375 = 1.037232 → 1.05 each; merged
     * 1.435714 + 0.63875 = 2.074464 → 2.1: the same 2.1 FTE. Managers 0.67 each, 1.34 merged: the
     * same. Maintenance 0.01 → 0.1 (minimum) each, 0.1 merged: −0.1 × 8,839.20 × 12 = −10,607.04.
     * Dredging −2,000, pest control −1,200, office −3,000, depreciation −1,520: merging still saves
     * overall, but the gardeners alone cost 3,125.12 more.
     */
    const k = coefficientsWith({});
    const mk = (id: string) => compound({ id, area_m2: 400, households: 201, service_level: 'basic', green_area_m2: 3700 });
    const [a, b] = [mk('A'), mk('B')];
    const gardeners = (xs: Compound[]) => evaluateUnit(xs, k, { travel: false }).staff.find((s) => s.role === 'greening')!;
    expect([gardeners([a]).engagement, gardeners([a, b]).engagement]).toEqual(['hourly', 'full_time']);
    expect(gardeners([a, b]).amount - 2 * gardeners([a]).amount).toBe(312512);
  });

  it('saves on the manager post when three sites each needing half a manager merge (worked by hand)', () => {
    /*
     * Default parameters. A = {A1, A2}, B = {B}, each compound 1000 m², 150 households, basic
     * service, no grounds. Manager need 150/300 = 0.5 FTE each, loaded 8,000 + 27 % + 5 % = 10,560.
     *   A: manager 1.0 FTE × 10,560 × 12 = 126,720.00; cleaner 2 × 1000/11000 × 0.5 = 0.0909 + one
     *      garbage point for 300 households 0.319375 = 0.4103 → 0.45, hourly: 0.45 × 2000 × 25.10
     *      = 22,590.00; maintenance 2 × 1000/40000 = 0.05 → 0.1 (min)
     *   B: manager 0.5 × 10,560 × 12 = 63,360.00; cleaner 0.0455 + 0.319375 → 0.40, hourly 20,080.00;
     *      maintenance 0.1 (min)
     *   A ∪ B: manager 1.5 × 10,560 × 12 = 190,080.00; cleaner 0.1364 + two points for 450
     *      households 0.63875 = 0.7751 → 0.80, now a full-time post: 0.8 × 4,704.1868 × 12
     *      = 45,160.19; maintenance 0.075 → 0.1
     * Direct cost, merged − parts:
     *   manager   190,080.00 − 126,720.00 − 63,360.00          =       0.00
     *   cleaner   45,160.19 − 22,590.00 − 20,080.00            =  +2,490.19 (dearer: hourly → full-time)
     *   maint.    (0.1 − 0.2) × 8,839.20 × 12                  = −10,607.04
     *   dredging  4 × (500 + 3 × 200) − 4 × (500 + 2 × 200) − 4 × (500 + 200) = −2,000.00
     *   pest control: one minimum contract instead of two     =  −1,200.00
     *   once per unit: office 3,000 + depreciation 1,520      =  −4,520.00
     *   → −15,836.85 direct (overhead is by area: unchanged).
     */
    const k = coefficientsWith({});
    const mk = (id: string) => compound({ id, area_m2: 1000, households: 150, service_level: 'basic' });
    const [a1, a2, b] = [mk('A1'), mk('A2'), mk('B')];
    const A = evaluateUnit([a1, a2], k, { travel: false });
    const B = evaluateUnit([b], k, { travel: false });
    const M = evaluateUnit([a1, a2, b], k, { travel: false });
    const managerOf = (e: typeof M) => e.staff.find((s) => s.role === 'manager')!;
    expect([managerOf(A).amount, managerOf(B).amount, managerOf(M).amount]).toEqual([12_672_000, 6_336_000, 19_008_000]);
    expect(managerOf(M).wageKey).toBe('wages.manager');
    expect(M.directCost - A.directCost - B.directCost).toBe(-1_583_685);
    expect(M.cost).toBeLessThan(A.cost + B.cost);
  });
});
