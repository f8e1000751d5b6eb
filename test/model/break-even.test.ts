import { describe, expect, it } from 'vitest';
import { readCompounds } from '../../src/io/read-compounds.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { feeForMargin } from '../../src/model/break-even.js';
import { feeJson } from '../../src/present/common.js';
import { coefficients } from '../helpers/params.js';

const k = coefficients('2025-07-01');

describe('break-even fee, solved directly, on every compound of the district', async () => {
  const { compounds } = await readCompounds('fixtures/district.csv');

  it('charging the printed break-even fee gives a profit between 0 and 1 yuan', () => {
    for (const c of compounds) {
      const e = evaluateCompound(c, k);
      const fee = feeJson(e.breakEvenFee);
      expect(fee, c.id).not.toBeNull();
      const back = evaluateCompound({ ...c, fee_rate: fee! }, k);
      if (e.breakEvenFee === 0) {
        expect(back.profit, c.id).toBeGreaterThanOrEqual(0);
        continue;
      }
      expect(back.profit, c.id).toBeGreaterThanOrEqual(0);
      expect(back.profit, c.id).toBeLessThan(100);
      expect(back.cost).toBe(e.cost);
    }
  });

  it('raising a fee never lowers profit', () => {
    for (const c of compounds) {
      let prev = -Infinity;
      for (let step = 0; step <= 40; step++) {
        const p = evaluateCompound({ ...c, fee_rate: c.fee_rate + step * 0.013 }, k).profit;
        expect(p, `${c.id} +${step}`).toBeGreaterThanOrEqual(prev);
        prev = p;
      }
    }
  });

  it('the bid fee yields the target margin', () => {
    for (const c of compounds.slice(0, 60)) {
      const e = evaluateCompound(c, k);
      const fee = feeForMargin(c, k, e.cost, 0.07)!;
      const back = evaluateCompound({ ...c, fee_rate: fee }, k);
      expect(back.margin!, c.id).toBeCloseTo(0.07, 3);
    }
  });
});
