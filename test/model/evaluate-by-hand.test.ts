import { describe, expect, it } from 'vitest';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { evaluateUnit } from '../../src/model/evaluate-unit.js';
import { coefficients } from '../helpers/params.js';
import { JJY, compound } from '../helpers/compounds.js';

/*
 * 京剧院小区 alone, worked out by hand from src/params/data/shanghai.yaml on 2025-07-01.
 * Basic service, 813 m², 16 households, no gate, no green, built 1984, after-sale public housing.
 *
 * Loaded wages (wage + (27% + 5%) × contribution base; frontline staff 50% uninsured):
 *   manager     8000 + 0.32 × 8000               = 10560.00 /month
 *   cleaner     3500 + 0.5 × 0.32 × 7460 (floor) =  4693.60
 *   maintenance 6500 + 0.32 × 7460               =  8887.20
 * Staff (need → rounded up to 0.05 → at least the unit minimum):
 *   manager     max(16/300, 813/30000) = 0.0533 → 0.10 → min 0.30 (basic) × 10560 × 12 = 38016.00
 *   cleaner     813/11000 × 0.5 (basic, no grounds) = 0.0370 → 0.05 → min 0.10 × 4693.6 × 12 = 5632.32
 *   maintenance 813/40000 = 0.0203 → 0.05 → min 0.10 × 8887.2 × 12            = 10664.64
 * Per compound: electricity 813 × 0.02 × 12 = 195.12; minor repairs 813 × 0.03 × (1 + 0.02 × 41)
 *   × 12 = 532.6776 → 532.68; dredging 4 × 500 = 2000; fire inspection 1000; pest control 1200;
 *   cleaning consumables 813 × 0.01 × 12 × 0.5 = 48.78.
 * Per unit: office 3000; depreciation 8000 × 0.95 / 5 = 1520; insurance 1000.
 * Direct cost = 64809.54; overhead 5% = 3240.477 → 3240.48; cost = 68050.02.
 * Revenue at 0.45: 0.45 × 813 × 12 × 0.60 = 2634.12; taxes τ = 0.06/1.06 × 1.12 = 0.063396226
 *   → 166.9934 → 166.99 (VAT 149.10, surcharges 17.89); net = 2467.13.
 * Profit = 2467.13 − 68050.02 = −65582.89.
 * Break-even fee = 68050.02 / (813 × 12 × 0.6 × (1 − 0.063396226)) = 68050.02 / 5482.5038 = 12.41222…
 */
describe('京剧院小区 alone, by hand', () => {
  const k = coefficients('2025-07-01');
  const e = evaluateCompound(JJY, k);
  const line = (key: string) => e.lines.find((l) => l.key === key)?.amount;

  it('staffs the post minimums', () => {
    expect(e.staff.map((s) => [s.role, s.fte])).toEqual([
      ['manager', 0.3],
      ['cleaner', 0.1],
      ['maintenance', 0.1],
    ]);
    expect(e.staff.map((s) => s.loadedMonthly)).toEqual([10560, 4693.6, 8887.2]);
  });

  it('prices every line as worked out', () => {
    expect(line('staff.manager')).toBe(3801600);
    expect(line('staff.cleaner')).toBe(563232);
    expect(line('staff.maintenance')).toBe(1066464);
    expect(line('common.electricity')).toBe(19512);
    expect(line('common.minor_repairs')).toBe(53268);
    expect(line('common.dredging')).toBe(200000);
    expect(line('common.fire_inspection')).toBe(100000);
    expect(line('cleaning.pest_control')).toBe(120000);
    expect(line('cleaning.consumables')).toBe(4878);
    expect(line('office')).toBe(300000);
    expect(line('depreciation')).toBe(152000);
    expect(line('insurance')).toBe(100000);
    expect(line('common.water_tanks')).toBeUndefined();
    expect(e.directCost).toBe(6480954);
    expect(line('overhead')).toBe(324048);
    expect(e.cost).toBe(6805002);
  });

  it('collects, taxes and nets as worked out', () => {
    const m = e.members[0]!;
    expect(m.collectionRate).toBe(0.6);
    expect(m.feeIncome).toBe(263412);
    expect(m.taxes).toBe(16699);
    expect(m.vat).toBe(14910);
    expect(m.surcharges).toBe(1789);
    expect(e.revenue).toBe(246713);
    expect(e.profit).toBe(-6558289);
    expect(e.subsidyNeeded).toBe(6558289);
    expect(e.viable).toBe(false);
    expect(e.breakEvenFee).toBeCloseTo(12.41222, 4);
  });

  it('uses the minimum wage in force on the as-of date as a floor', () => {
    // A cleaner wage below the minimum is paid the minimum: 2,690 before 2025-07-01, 2,740 after.
    const before = coefficients('2025-06-30', { wages: { cleaner: 2000 } });
    const after = coefficients('2025-07-01', { wages: { cleaner: 2000 } });
    expect(before.wageMonthly.cleaner).toBe(2690);
    expect(after.wageMonthly.cleaner).toBe(2740);
  });
});

describe('a unit pools needs and rounds once', () => {
  const k = coefficients('2025-07-01', { travel: { rounds_per_day: 0 } });
  // Two compounds with no grounds at standard service: cleaner need 0.75 × 6000/11000 = 0.40909
  // each. Alone each rounds up to 0.45; together 0.81818 → 0.85: the unit saves 0.05 FTE.
  const a = compound({ id: 'A', area_m2: 6000, households: 50 });
  const b = compound({ id: 'B', area_m2: 6000, households: 50 });
  it('rounds the pooled need, not each member', () => {
    const alone = evaluateUnit([a], k).staff.find((s) => s.role === 'cleaner')!;
    const both = evaluateUnit([a, b], k).staff.find((s) => s.role === 'cleaner')!;
    expect(alone.fte).toBe(0.45);
    expect(both.need).toBeCloseTo(0.818182, 5);
    expect(both.fte).toBe(0.85);
  });
  it('pays one manager post and the unit costs once', () => {
    const ua = evaluateUnit([a], k);
    const ub = evaluateUnit([b], k);
    const uab = evaluateUnit([a, b], k);
    // Manager: each alone max(50/300, 6000/30000) = 0.2 → min 0.45; together 0.4 → min 0.45.
    expect(uab.staff.find((s) => s.role === 'manager')!.fte).toBe(0.45);
    expect(uab.lines.filter((l) => l.key === 'office')).toHaveLength(1);
    expect(uab.cost).toBeLessThan(ua.cost + ub.cost);
  });
});
