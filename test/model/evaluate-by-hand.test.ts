import { describe, expect, it } from 'vitest';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { evaluateUnit } from '../../src/model/evaluate-unit.js';
import { avoidableCost } from '../../src/model/avoidable.js';
import { legalGrossOf } from '../../src/model/coefficients.js';
import { coefficients } from '../helpers/params.js';
import { JJY, compound } from '../helpers/compounds.js';

/*
 * Cost model v2 (issue 13), worked out by hand from src/params/data/shanghai.yaml on 2025-07-01.
 *
 * Wages and on-costs:
 *   legal gross of an insured worker: the minimum wage 2,740 excludes the employee's own social
 *     insurance (10.5 % of the 7,460 floor = 783.30) and housing fund (5 % of the gross, above the
 *     fund's 2,690 floor): g − 783.30 − 0.05 g = 2740 → g = 3523.30 / 0.95 = 3708.7368
 *   full-time loaded = gross + 27 % × max(gross, 7460) + 5 % × max(gross, 2690):
 *     manager      8000 + 2160 + 400                                   = 10560.00 /month
 *     maintenance  6500 + 2014.20 + 325                                =  8839.20
 *     cleaner      insured 3708.7368 + 2014.20 + 185.4368 = 5908.3737;
 *                  half uninsured at their 3,500: (5908.3737 + 3500) / 2 =  4704.1868
 *     guard        insured 4500 + 2014.20 + 225 = 6739.20; (6739.20 + 4500) / 2 = 5619.60
 *   hourly (frontline roles a unit hires below 0.5 FTE): max(25, wage × 12 / 2000) × 1.004:
 *     cleaner and gardener max(25, 21) × 1.004 = 25.10 yuan/h; guard max(25, 27) × 1.004 = 27.108.
 *
 * 京剧院小区 alone: basic service, 813 m², 16 households, no gate, no green, built 1984 (41 years).
 *   manager     max(16/300, 813/30000) = 0.0533 → 0.10 → min 0.30 (basic): 0.30 × 10560 × 12 = 38016.00
 *   cleaner     813/11000 × 0.5 (no grounds: area norm) = 0.036955, + garbage-sorting duty at one
 *               drop-off point: 3.5 h × 0.5 staffed × 365 / 2000 = 0.319375; 0.356330 → 0.40,
 *               below 0.5 FTE, so hourly: 0.40 × 2000 × 25.10                         = 20080.00
 *   maintenance 813/40000 = 0.0203 → 0.05 → min 0.10: 0.10 × 8839.20 × 12             = 10607.04
 *   guard       none at basic service
 *   per compound: electricity 813 × 0.02 × 12 = 195.12; minor repairs 813 × 0.03 × (1 + 0.02 × 41)
 *     × 12 = 532.6776 → 532.68; fire inspection 1000; insurance (its own contract) 1000; cleaning
 *     materials 813 × 0.01 × 12 × 0.5 = 48.78
 *   per unit: dredging 4 rounds × (500 + 1 site × 200) = 2800; pest control max(1200, 813 × 0.15)
 *     = 1200; office 3000; depreciation 8000 × 0.95 / 5 = 1520
 *   direct 68703.04 + 11296.58 = 79999.62; overhead by area 813 × 1.00 = 813.00; cost 80812.62
 *   revenue at 0.45: 0.45 × 813 × 12 × 0.60 = 2634.12; taxes τ = 0.06/1.06 × 1.12 = 0.063396226
 *     → 166.99 (VAT 149.10, surcharges 17.89); net 2467.13; profit −78345.49
 *   break-even fee 80812.62 / (813 × 12 × 0.6 × (1 − τ)) = 80812.62 / 5482.5038 = 14.74009…
 */
describe('京剧院小区 alone, by hand', () => {
  const k = coefficients('2025-07-01');
  const e = evaluateCompound(JJY, k);
  const line = (key: string) => e.lines.find((l) => l.key === key)?.amount;

  it('grosses the minimum wage up for the employee’s contributions and loads each engagement', () => {
    expect(k.legalGross).toBeCloseTo(3708.7368, 4);
    expect(legalGrossOf(2740, 0.105, 0.05, 7460, 37302, 2690)).toBeCloseTo(3523.3 / 0.95, 9);
    expect(k.loadedMonthly.manager).toBe(10560);
    expect(k.loadedMonthly.maintenance).toBeCloseTo(8839.2, 9);
    expect(k.loadedMonthly.cleaner).toBeCloseTo(4704.1868, 4);
    expect(k.loadedMonthly.guard).toBeCloseTo(5619.6, 9);
    expect(k.hourlyCost.cleaner).toBeCloseTo(25.1, 9);
    expect(k.hourlyCost.guard).toBeCloseTo(27.108, 9);
  });

  it('staffs the post minimums, the cleaners by the hour', () => {
    expect(e.staff.map((s) => [s.role, s.fte, s.engagement])).toEqual([
      ['manager', 0.3, 'full_time'],
      ['cleaner', 0.4, 'hourly'],
      ['maintenance', 0.1, 'full_time'],
    ]);
    expect(e.staff[1]!.garbageDuty).toBeCloseTo(0.319375, 9);
  });

  it('prices every line as worked out', () => {
    expect(line('staff.manager')).toBe(3801600);
    expect(line('staff.cleaner')).toBe(2008000);
    expect(line('staff.maintenance')).toBe(1060704);
    expect(line('common.electricity')).toBe(19512);
    expect(line('common.minor_repairs')).toBe(53268);
    expect(line('common.dredging')).toBe(280000);
    expect(line('common.fire_inspection')).toBe(100000);
    expect(line('common.fire_systems')).toBeUndefined();
    expect(line('cleaning.pest_control')).toBe(120000);
    expect(line('cleaning.consumables')).toBe(4878);
    expect(line('office')).toBe(300000);
    expect(line('depreciation')).toBe(152000);
    expect(line('insurance')).toBe(100000);
    expect(line('common.water_tanks')).toBeUndefined();
    expect(e.directCost).toBe(7999962);
    expect(line('overhead')).toBe(81300);
    expect(e.cost).toBe(8081262);
  });

  it('collects, taxes and nets as worked out', () => {
    const m = e.members[0]!;
    expect(m.collectionRate).toBe(0.6);
    expect(m.feeIncome).toBe(263412);
    expect(m.feesReceivable).toBe(439020);
    expect(m.taxes).toBe(16699);
    expect(m.vat).toBe(14910);
    expect(m.surcharges).toBe(1789);
    expect(e.revenue).toBe(246713);
    expect(e.profit).toBe(-7834549);
    expect(e.subsidyNeeded).toBe(7834549);
    expect(e.viable).toBe(false);
    expect(e.breakEvenFee).toBeCloseTo(14.740094, 5);
  });

  it('uses the minimum wage in force on the as-of date as a floor', () => {
    // A cleaner wage below the minimum is paid the minimum: 2,690 before 2025-07-01, 2,740 after.
    const before = coefficients('2025-06-30', { wages: { cleaner: 2000 } });
    const after = coefficients('2025-07-01', { wages: { cleaner: 2000 } });
    expect(before.wageMonthly.cleaner).toBe(2690);
    expect(after.wageMonthly.cleaner).toBe(2740);
    // The hourly minimum too: 24 then 25 yuan (× 1.004 work injury).
    expect(before.hourlyCost.cleaner).toBeCloseTo(24.096, 9);
    expect(after.hourlyCost.cleaner).toBeCloseTo(25.1, 9);
  });
});

/*
 * 京剧院小区 attached to 岳阳花苑 at 1.49, standard service, 85 % collection; no locations (no walk).
 * Host YYHY: 9,000 m², 96 households, standard, 1 gate, 600 m² green (grounds), 6 storeys, built
 * 1998 (27 years), no roof tank.
 *   Host alone                                       With the guest
 *   manager 0.32 → min 0.45: 57024.00                0.32 + 0.0533 = 0.3733 → 0.45: 57024.00
 *   cleaner 96/140 × 0.75 = 0.514286 + one point     + 813/11000 × 0.75 = 0.055432, still one point
 *     0.319375 = 0.833661 → 0.85 full-time:            for 112 households: 0.889093 → 0.90:
 *     0.85 × 4704.1868 × 12 = 47982.71                 0.9 × 4704.1868 × 12 = 50805.22
 *   guard: daytime post 12 h × 365 / 2000 = 2.19     + patrol 16/120 × 0.5 = 0.066667 (no gate):
 *     → 2.2 × 5619.60 × 12 = 148357.44                 2.256667 → 2.30 × 5619.60 × 12 = 155100.96
 *   maintenance 9000/40000 = 0.225 → 0.25:           + 813/40000 = 0.2453 → 0.25: 26517.60
 *     0.25 × 8839.20 × 12 = 26517.60
 *   gardener 600/4000 × 0.5 = 0.075 → min 0.1,       the same
 *     hourly: 0.1 × 2000 × 25.10 = 5020.00
 *   host lines: electricity 2160; repairs 9000 × 0.03 × 1.54 × 12 = 4989.60; fire 1000; cleaning
 *     materials 810; green materials 600; gate 1200; insurance 1000
 *   guest lines: electricity 195.12; repairs 532.68; fire 1000; cleaning materials 73.17; insurance 1000
 *   dredging 4 × (500 + 200) = 2800                  4 × (500 + 2 × 200) = 3600
 *   pest control max(1200, 1350) = 1350             max(1200, 9813 × 0.15) = 1471.95
 *   office 3000, depreciation 1520, overhead 9000     the same, overhead 9813
 *   cost 314331.35                                    cost 328433.30
 * Avoidable cost of the guest: cleaner 0.889093 − 0.85 = 0.039093 FTE by the hour × 2000 × 25.10
 *   = 1962.45; guard 2.256667 − 2.2 = 0.056667 × 2000 × 27.108 = 3072.24; manager and maintenance
 *   within the host's spare capacity (0.45 > 0.3733, 0.25 > 0.2453): 0; its own lines 2800.97, one
 *   more dredging stop 4 × 200 = 800, its pest-control area 121.95; no overhead: 8757.61.
 * Difference of the rounded totals (step risk): 328433.30 − 314331.35 = 14101.95.
 * The guest's net revenue: 1.49 × 813 × 12 × 0.85 = 12355.97 − taxes 783.32 = 11572.65 > 8757.61.
 */
describe('a guest’s avoidable cost, by hand', () => {
  const k = coefficients('2025-07-01');
  const host = compound({ id: 'YYHY', area_m2: 9000, households: 96, fee_rate: 2.2, housing_type: 'commodity', floors: 6, built_year: 1998, gates: 1, green_area_m2: 600 });
  const guest = { ...JJY, fee_rate: 1.49, service_level: 'standard' as const, collection_rate: 0.85, location: null };
  const alone = evaluateUnit([host], k);
  const unit = evaluateUnit([host, guest], k);
  const fte = (e: typeof unit) => Object.fromEntries(e.staff.map((s) => [s.role, s.fte]));

  it('staffs host and unit as worked out', () => {
    expect(fte(alone)).toEqual({ manager: 0.45, cleaner: 0.85, guard: 2.2, maintenance: 0.25, greening: 0.1 });
    expect(fte(unit)).toEqual({ manager: 0.45, cleaner: 0.9, guard: 2.3, maintenance: 0.25, greening: 0.1 });
    expect(alone.staff.map((s) => s.amount)).toEqual([5702400, 4798271, 14835744, 2651760, 502000]);
    expect(unit.staff.map((s) => s.amount)).toEqual([5702400, 5080522, 15510096, 2651760, 502000]);
    expect(alone.cost).toBe(31433135);
    expect(unit.cost).toBe(32843330);
    expect(unit.lines.find((l) => l.key === 'common.dredging')!.amount).toBe(360000);
    expect(unit.lines.find((l) => l.key === 'cleaning.pest_control')!.amount).toBe(147195);
  });

  it('prices the guest against the host’s spare capacity, by the hour, without overhead', () => {
    const a = avoidableCost(unit, alone, k);
    expect(a.staff.map((s) => [s.role, s.engagement, s.amount])).toEqual([
      ['cleaner', 'hourly', 196245],
      ['guard', 'hourly', 307224],
    ]);
    expect(a.jobs).toBe(372292);
    expect(a.amount).toBe(875761);
    expect(unit.cost - alone.cost).toBe(1410195);
    expect(unit.members[1]!.serviceNet).toBe(1157265);
  });
});

describe('security, fire systems, overhead and the owners’ income, by hand', () => {
  const k = coefficients('2025-07-01');
  it('staffs 24-hour posts and the patrol at full service', () => {
    // 2 gates × 24 h × 365 / 2000 = 8.76 FTE + 500/120 = 4.1667 patrol = 12.9267 → 12.95.
    const c = compound({ id: 'F', area_m2: 50000, households: 500, service_level: 'full', gates: 2, floors: 18, elevators: 8 });
    const e = evaluateUnit([c], k);
    expect(e.staff.find((s) => s.role === 'guard')!.fte).toBe(12.95);
    // High-rise (18 storeys ≥ 10): fixed fire systems 50000 × 1.00 = 50000.00 beside the inspection.
    expect(e.lines.find((l) => l.key === 'common.fire_systems')!.amount).toBe(5000000);
  });

  it('allocates overhead by fees receivable when told to', () => {
    // 0.45 × 813 × 12 = 4390.20 receivable × 5 % = 219.51 instead of 813.00 by area.
    const kf = coefficients('2025-07-01', { overhead: { by_fees_receivable: 1 } });
    const e = evaluateCompound(JJY, kf);
    expect(e.lines.find((l) => l.key === 'overhead')!.amount).toBe(21951);
    // The break-even fee still solves profit 0, with overhead growing with the fee.
    const back = evaluateCompound({ ...JJY, fee_rate: e.breakEvenFee! + 1e-6 }, kf);
    expect(back.profit).toBeGreaterThanOrEqual(0);
    expect(back.profit).toBeLessThan(100);
  });

  it('applies the owners’ common-parts income to the shortfall only, never as margin', () => {
    // 京剧院小区 with 100,000 of ads income: 100000 − its taxes 6339.62 = 93660.38 the owners'. Taxes
    // are one rounding of the whole, (2634.12 + 100000) × τ = 6506.62, so the fees bear 167.00 and
    // bring 2467.12; they leave 80812.62 − 2467.12 = 78345.50 uncovered: that much is applied,
    // 93660.38 − 78345.50 = 15314.88 stays theirs.
    const e = evaluateCompound({ ...JJY, other_income: 100000 }, k);
    expect(e.ownersIncome).toBe(9366038);
    expect(e.ownersContribution).toBe(7834550);
    expect(e.ownersSurplus).toBe(1531488);
    expect(e.profit).toBe(0);
    expect(e.viable).toBe(true);
    // The bid fee at 7 % comes from fees alone: net fee revenue = cost ÷ 0.93.
    const bid = evaluateCompound({ ...JJY, other_income: 100000, fee_rate: e.bidFee! }, k);
    expect(bid.margin!).toBeCloseTo(0.07, 3);
    expect(bid.ownersContribution).toBe(0);
  });
});

describe('a unit pools needs and rounds once', () => {
  const k = coefficients('2025-07-01', { travel: { rounds_per_day: 0 } });
  // Two compounds with no grounds at standard service: cleaner need 0.75 × 6000/11000 = 0.40909
  // each, + one drop-off point 0.319375: alone 0.728466 → 0.75; together they share one point
  // (100 households): 0.818182 + 0.319375 = 1.137557 → 1.15, instead of 1.50.
  const a = compound({ id: 'A', area_m2: 6000, households: 50 });
  const b = compound({ id: 'B', area_m2: 6000, households: 50 });
  it('rounds the pooled need, not each member', () => {
    const alone = evaluateUnit([a], k).staff.find((s) => s.role === 'cleaner')!;
    const both = evaluateUnit([a, b], k).staff.find((s) => s.role === 'cleaner')!;
    expect(alone.fte).toBe(0.75);
    expect(both.need).toBeCloseTo(1.137557, 5);
    expect(both.fte).toBe(1.15);
  });
  it('pays one manager post and the unit costs once', () => {
    const ua = evaluateUnit([a], k);
    const ub = evaluateUnit([b], k);
    const uab = evaluateUnit([a, b], k);
    // Manager: each alone max(50/300, 6000/30000) = 0.2 → min 0.45; together 0.4 → min 0.45.
    expect(uab.staff.find((s) => s.role === 'manager')!.fte).toBe(0.45);
    expect(uab.lines.filter((l) => l.key === 'office')).toHaveLength(1);
    expect(uab.lines.filter((l) => l.key === 'common.dredging')).toHaveLength(1);
    expect(uab.cost).toBeLessThan(ua.cost + ub.cost);
  });
});
