import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import type { Coefficients } from '../../src/model/coefficients.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { collectionRateOf } from '../../src/model/evaluate-unit.js';
import { feeJson } from '../../src/present/common.js';
import { RUNS, coefficientsWith, oneCompoundArb, paramValuesArb } from './arbitraries.js';

/*
 * The break-even fee fed back (as printed: rounded UP at 6 decimals) makes the compound break even.
 *
 * The bound, worked out from the model (A area, c collection rate, τ the share of VAT and
 * surcharges in VAT-inclusive revenue, f the exact break-even fee, f' the printed one, O and S
 * other income and subsidy as the model rounds them to fen):
 *   net(f')  = F + O + S − round((F + O + s·S)·τ)           (fen; F = round(100·f'·A·12·c))
 *   cost     = 100·[f·A·12·c·(1−τ) + O(1−τ) + S(1−s·τ)]     (that is what f solves)
 *   profit   = 100·(f'−f)·A·12·c·(1−τ) + e,  |e| ≤ 0.5·(1−τ) + 0.5 < 1 fen
 * (the rounding of F, weighed by 1−τ, and the rounding of the taxes). Since 0 ≤ f'−f < 10⁻⁶ and
 * profit is whole fen:
 *   0 ≤ profit < 1.2·10⁻³·A·c·(1−τ) + 1   fen,
 * i.e. under 1 yuan while A·c < 88,000 m² or so; at the largest compounds generated
 * (200,000 m², everything collected) up to ≈ 2.25 yuan, as 6 decimals of a fee are worth
 * 200,000 × 12 × 10⁻⁶ = 2.4 yuan a year before tax there.
 */
function slackFen(c: Compound, k: Coefficients): number {
  const { rate } = collectionRateOf(c, k);
  return 100 * 1e-6 * c.area_m2 * 12 * rate * (1 - k.taxShare) + 1;
}

function fedBack(c: Compound, k: Coefficients): { fee: number | null; profit?: number; cost: number; costBack?: number } {
  const e = evaluateCompound(c, k);
  const fee = feeJson(e.breakEvenFee);
  if (fee === null) return { fee, cost: e.cost };
  const back = evaluateCompound({ ...c, fee_rate: fee }, k);
  return { fee, profit: back.profit, cost: e.cost, costBack: back.cost };
}

describe('break-even fee fed back', () => {
  it('gives 0 ≤ profit < 1.2e-3·A·c·(1−τ) + 1 fen (other income and subsidy in whole fen)', () => {
    fc.assert(
      fc.property(oneCompoundArb(), paramValuesArb, (c, values) => {
        const k = coefficientsWith(values);
        const r = fedBack(c, k);
        if (r.fee === null) {
          // Only when nothing is collected and other income does not cover the cost.
          expect(collectionRateOf(c, k).rate).toBe(0);
          return;
        }
        expect(r.costBack).toBe(r.cost); // cost does not depend on the fee
        expect(r.profit).toBeGreaterThanOrEqual(0);
        if (r.fee > 0) expect(r.profit).toBeLessThan(slackFen(c, k));
      }),
      RUNS,
    );
  });

  it('stays within 1 yuan while A·c·(1−τ) ≤ 82,500 m² (1.2e-3 × 82,500 + 1 = 100 fen)', () => {
    fc.assert(
      fc.property(oneCompoundArb(), paramValuesArb, (c, values) => {
        const k = coefficientsWith(values);
        fc.pre(c.area_m2 * collectionRateOf(c, k).rate * (1 - k.taxShare) <= 82_500);
        const r = fedBack(c, k);
        if (r.fee === null || r.fee === 0) return;
        expect(r.profit).toBeGreaterThanOrEqual(0);
        expect(r.profit).toBeLessThan(100);
      }),
      RUNS,
    );
  });

  it('also breaks even when other income and subsidy have fractions of a fen', () => {
    fc.assert(
      fc.property(oneCompoundArb({ wholeFen: false }), paramValuesArb, fc.constantFrom(0, 1), (c, values, taxable) => {
        const k = coefficientsWith({ ...values, 'tax.subsidy_taxable': taxable });
        const r = fedBack(c, k);
        if (r.fee === null) return;
        expect(r.profit).toBeGreaterThanOrEqual(0);
        if (r.fee > 0) expect(r.profit).toBeLessThan(slackFen(c, k));
      }),
      RUNS,
    );
  });

  it('at the largest area generated the slack is real: 6 decimals are worth more than a yuan', () => {
    // 200,000 m², all collected, fee chosen so the exact break-even fee sits just above a
    // 6-decimal step: the printed fee overshoots by almost 10⁻⁶ → profit near 2.4 × (1 − τ) yuan.
    const k = coefficientsWith({});
    const base: Compound = {
      id: 'BIG',
      name: 'BIG',
      area_m2: 200_000,
      households: 3000,
      fee_rate: 1,
      housing_type: 'commodity',
      service_level: 'standard',
      floors: null,
      elevators: 0,
      built_year: null,
      gates: 0,
      water_tanks: 0,
      green_area_m2: 0,
      location: null,
      collection_rate: 1,
      other_income: 0,
      subsidy: 0,
    };
    // Search other incomes (whole fen) for the largest overshoot; some lands above 1 yuan.
    let worst = 0;
    for (let fen = 0; fen < 400; fen++) {
      const r = fedBack({ ...base, other_income: fen / 100 }, k);
      expect(r.profit).toBeGreaterThanOrEqual(0);
      expect(r.profit).toBeLessThan(slackFen(base, k));
      worst = Math.max(worst, r.profit!);
    }
    expect(worst).toBeGreaterThan(100);
  });
});
