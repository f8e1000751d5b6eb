import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceBid } from '../../src/analyses/bid.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { evaluateUnit } from '../../src/model/evaluate-unit.js';
import { feeJson } from '../../src/present/common.js';
import { formatFeeToCharge } from '../../src/present/format.js';
import { RUNS, coefficientsWith, compoundsArb, oneCompoundArb, paramValuesArb } from './arbitraries.js';

/*
 * Issue 12: a fee the tool prints must do what it says when it is charged. Incomes here have four
 * decimals (81717.8949), the case where a copy of the fee formula that did not round other income
 * to the fen quoted a fee one fen short. The printed fee is the table's (2 decimals, or the bid's
 * 4) and the JSON's (6 decimals): both are rounded up, so charging either reaches the target.
 */
const fractional = { wholeFen: false } as const;
const printed = (fee: number, places: number) => Number(formatFeeToCharge(fee, places).replaceAll(',', ''));

describe('fees as printed, charged', () => {
  it('the break-even fee of the table (2 decimals) and of the JSON (6) give profit ≥ 0', () => {
    fc.assert(
      fc.property(oneCompoundArb(fractional), paramValuesArb, (c, values) => {
        const k = coefficientsWith(values);
        const e = evaluateCompound(c, k);
        if (e.breakEvenFee === null) return;
        for (const fee of [printed(e.breakEvenFee, 2), feeJson(e.breakEvenFee)!]) {
          expect(evaluateCompound({ ...c, fee_rate: fee }, k).profit).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('the quoted bid fee gives at least the margin asked, for a bundle and for each compound alone', () => {
    fc.assert(
      fc.property(compoundsArb(1, 4, fractional), paramValuesArb, fc.integer({ min: -20, max: 30 }), (members, values, pct) => {
        const k = coefficientsWith(values);
        const margin = pct / 100;
        const r = priceBid(members, k, 'lump-sum', { kind: 'margin', margin });
        for (const u of [r.bundle, ...r.separate]) {
          if (u.fee === null) continue;
          // The JSON's fee (6 decimals, as quoted) and the table's (4 decimals), both rounded up.
          for (const fee of [u.fee, printed(u.fee, 4)]) {
            const charged = u.memberIds.map((id) => ({ ...members.find((m) => m.id === id)!, fee_rate: fee }));
            const e = evaluateUnit(charged, k);
            // margin = profit ÷ revenue ≥ m  ⇔  revenue·(1 − m) ≥ cost (revenue > 0).
            expect(e.revenue * (1 - margin)).toBeGreaterThanOrEqual(e.cost);
          }
        }
      }),
      RUNS,
    );
  });
});
