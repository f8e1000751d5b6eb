import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateUnit } from '../../src/model/evaluate-unit.js';
import { compound } from '../helpers/compounds.js';
import { RUNS, coefficientsWith, compoundsArb, decimal, paramValuesArb, valueOf } from './arbitraries.js';

/**
 * Parameters that only ever add cost (or take revenue) as they grow: lowering one never lowers
 * profit. Wages enter through max(wage, minimum) and the contribution base
 * min(max(wage, floor), ceiling), both non-decreasing; needs and minimums through ⌈·⌉ to the
 * step, non-decreasing; every line is one rounding of a non-decreasing product.
 */
const COST_RISES_WITH = [
  'wages.minimum_monthly',
  'wages.cleaner',
  'wages.guard',
  'wages.maintenance',
  'wages.gardener',
  'wages.manager',
  'oncosts.social_insurance_rate',
  'oncosts.housing_fund_rate',
  'oncosts.base_floor',
  'oncosts.base_ceiling',
  'working_time.days_per_year',
  'staffing.min_engagement_fte',
  'staffing.min_manager_fte.basic',
  'staffing.min_manager_fte.standard',
  'staffing.min_manager_fte.full',
  ...['basic', 'standard', 'full'].flatMap((l) => ['cleaning', 'patrol', 'patrol_with_post', 'gate_post_hours', 'greening'].map((f) => `service.${l}.${f}`)),
  'travel.rounds_per_day',
  'jobs.dredging_per_trip',
  'jobs.dredging_per_site',
  'jobs.dredging_jobs_per_year',
  'jobs.water_tank_per_job',
  'jobs.water_tank_jobs_per_year',
  'jobs.fire_inspection_per_site',
  'jobs.fire_system_per_m2_year',
  'jobs.pest_control_per_m2_year',
  'jobs.pest_control_min_per_contract',
  'jobs.elevator_maintenance_per_year',
  'jobs.elevator_inspection_per_year',
  'common_parts.electricity_per_m2_month',
  'common_parts.elevator_electricity_per_year',
  'common_parts.minor_repairs_per_m2_month',
  'common_parts.minor_repairs_growth_per_year_of_age',
  'common_parts.default_age_years',
  'consumables.cleaning_per_m2_month',
  'consumables.greening_per_green_m2_year',
  'consumables.security_per_gate_year',
  'unit_fixed.office_per_year',
  'unit_fixed.insurance_per_contract',
  'unit_fixed.equipment_value',
  'overhead.per_m2_year',
  'tax.vat_rate',
  'tax.surcharge_rate',
] as const;

/** Parameters that lower cost (or raise revenue) as they grow: norms per FTE, speeds, shares. */
const COST_FALLS_WITH = [
  'norms.manager_households_per_fte',
  'norms.manager_m2_per_fte',
  'norms.cleaner_households_per_fte',
  'norms.cleaner_m2_per_fte',
  'norms.guard_households_per_fte',
  'norms.maintenance_m2_per_fte.basic',
  'norms.maintenance_m2_per_fte.standard',
  'norms.maintenance_m2_per_fte.full',
  'norms.greening_m2_per_fte',
  'travel.walking_speed_kmh',
  'working_time.hours_per_year',
  'unit_fixed.equipment_life_years',
] as const;

/** Shares of a whole (at most 1) that lower cost or raise revenue as they grow. */
const SHARES_FALLS_WITH = [
  'oncosts.uninsured_share_frontline',
  'unit_fixed.equipment_residual_rate',
  'collection.commodity',
  'collection.after_sale_public',
  'collection.other',
] as const;

/** A change that can only help profit: [key, value before, value after]. */
const helpfulChange = fc.oneof(
  fc.record({ key: fc.constantFrom(...COST_RISES_WITH), u: decimal(0, 1, 4), kind: fc.constant('lower' as const) }),
  fc.record({ key: fc.constantFrom(...COST_FALLS_WITH), u: decimal(0, 3, 4), kind: fc.constant('raise' as const) }),
  fc.record({ key: fc.constantFrom(...SHARES_FALLS_WITH), u: decimal(0, 1, 4), kind: fc.constant('toward1' as const) }),
);

function changed(before: number, kind: 'lower' | 'raise' | 'toward1', u: number): number {
  if (kind === 'lower') return before * u;
  if (kind === 'raise') return before * (1 + u);
  return before + (1 - before) * u;
}

describe('profit is monotone', () => {
  it('never falls when a member’s fee rises (units of 1–4, travel counted)', () => {
    fc.assert(
      fc.property(compoundsArb(1, 4), paramValuesArb, fc.nat(), decimal(0, 5, 3), (members, values, pick, rise) => {
        const k = coefficientsWith(values);
        const i = pick % members.length;
        const before = evaluateUnit(members, k);
        const raised = members.map((c, j) => (j === i ? { ...c, fee_rate: c.fee_rate + rise } : c));
        const after = evaluateUnit(raised, k);
        expect(after.cost).toBe(before.cost);
        expect(after.profit).toBeGreaterThanOrEqual(before.profit);
      }),
      RUNS,
    );
  });

  it('never falls when a cost parameter falls (or a norm, speed or share rises)', () => {
    fc.assert(
      fc.property(compoundsArb(1, 4), paramValuesArb, helpfulChange, (members, values, { key, u, kind }) => {
        const before = valueOf(values, key);
        const after = changed(before, kind, u);
        const e0 = evaluateUnit(members, coefficientsWith(values));
        const e1 = evaluateUnit(members, coefficientsWith({ ...values, [key]: after }));
        expect(e1.profit).toBeGreaterThanOrEqual(e0.profit);
      }),
      RUNS,
    );
  });

  it('the hiring step is not such a parameter: a finer step can cost more', () => {
    // One manager need of exactly 1 FTE (300 households): a step of 0.05 hires 1.00 FTE, a step
    // of 0.03 hires ⌈1/0.03⌉ × 0.03 = 34 × 0.03 = 1.02 FTE. So the step is left out above.
    const c = compound({ id: 'M', area_m2: 1000, households: 300 });
    const manager = (step: number) => evaluateUnit([c], coefficientsWith({ 'staffing.hiring_step_fte': step })).staff.find((s) => s.role === 'manager')!.fte;
    expect(manager(0.05)).toBe(1);
    expect(manager(0.03)).toBe(1.02);
  });
});
