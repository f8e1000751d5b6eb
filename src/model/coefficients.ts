import type { HousingType, ServiceLevel } from '../core/compound.js';
import type { Role } from '../core/categories.js';
import { InputError, type Problem } from '../core/errors.js';
import type { ResolvedParams } from '../params/tree.js';

/**
 * The parameter values the model needs, looked up once per run and pre-combined where that saves
 * work per compound (loaded wages). Every field names the parameter keys it came from, so a trace
 * can cite them.
 */
export interface Coefficients {
  asOfYear: number;
  wageMonthly: Record<Role, number>;
  loadedMonthly: Record<Role, number>;
  oncostRate: number;
  baseFloor: number;
  baseCeiling: number;
  uninsuredShare: number;
  minimumWage: number;
  hoursPerYear: number;
  daysPerYear: number;
  stepFte: number;
  minEngagementFte: number;
  minManagerFte: Record<ServiceLevel, number>;
  norms: {
    managerHouseholds: number;
    managerM2: number;
    cleanerHouseholds: number;
    cleanerM2: number;
    guardHouseholds: number;
    gateFte24h: number;
    maintenanceM2: Record<ServiceLevel, number>;
    greeningM2: number;
  };
  service: Record<ServiceLevel, { cleaning: number; patrol: number; staffedGates: number; greening: number }>;
  walkingSpeedMph: number;
  roundsPerDay: number;
  jobs: {
    dredgingPerJob: number;
    dredgingPerYear: number;
    waterTankPerJob: number;
    waterTankPerYear: number;
    fireInspection: number;
    pestControl: number;
    elevatorMaintenance: number;
    elevatorInspection: number;
  };
  common: {
    electricityPerM2Month: number;
    elevatorElectricity: number;
    minorRepairsPerM2Month: number;
    minorRepairsGrowth: number;
    defaultAge: number;
  };
  consumables: { cleaningPerM2Month: number; greeningPerGreenM2: number; securityPerGate: number };
  unitFixed: { office: number; insurance: number; depreciation: number };
  overheadRate: number;
  /** VAT + surcharges as a share of VAT-inclusive revenue, and VAT alone. */
  taxShare: number;
  vatShare: number;
  subsidyTaxable: boolean;
  collection: Record<HousingType, number>;
  targetMargin: number;
  commissionRate: number;
}

export const FRONTLINE: ReadonlySet<Role> = new Set<Role>(['cleaner', 'guard', 'greening']);

/** Parameter key of each role's wage. */
export const WAGE_KEY: Record<Role, string> = {
  manager: 'wages.manager',
  cleaner: 'wages.cleaner',
  guard: 'wages.guard',
  maintenance: 'wages.maintenance',
  greening: 'wages.gardener',
};

/** Parameters the model divides by: at 0 a need, a walk or a depreciation would be infinite. */
const DIVISORS: ReadonlySet<string> = new Set([
  'working_time.hours_per_year',
  'staffing.hiring_step_fte',
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
  'unit_fixed.equipment_life_years',
]);
/** Shares of a whole: above 1, more than everyone would be uninsured or more collected than billed. */
const SHARES: ReadonlySet<string> = new Set([
  'oncosts.uninsured_share_frontline',
  'unit_fixed.equipment_residual_rate',
  'collection.commodity',
  'collection.after_sale_public',
  'collection.other',
]);
/** A target margin is a choice, not a quantity: it may be negative (a fee below cost). */
const SIGNED: ReadonlySet<string> = new Set(['pricing.target_margin']);

/**
 * What an overlay may not set, since the model would compute nonsense or crash on it: a negative
 * quantity (a negative wage, a VAT rate of −1 made a division by zero), a zero divisor, a share
 * above 1, a flag other than 0 or 1. Reported at the overlay's file and line.
 */
function domainProblem(p: ResolvedParams, key: string, x: number): Problem | undefined {
  let expected: string | undefined;
  if (!Number.isFinite(x)) expected = 'a finite number';
  else if (DIVISORS.has(key) && !(x > 0)) expected = 'a number greater than 0 (the model divides by it)';
  else if (!SIGNED.has(key) && x < 0) expected = 'a number ≥ 0';
  else if (SHARES.has(key) && x > 1) expected = 'a share from 0 to 1';
  else if (key === 'tax.subsidy_taxable' && x !== 0 && x !== 1) expected = '0 or 1';
  if (expected === undefined) return undefined;
  const by = p.info.get(key)?.overriddenBy;
  return {
    code: 'PARAMS_OUT_OF_DOMAIN',
    message: `parameter "${key}" must be ${expected}, got ${x}`,
    where: { file: by?.file ?? 'parameters', ...(by?.line !== undefined ? { line: by.line } : {}), field: key },
  };
}

export function computeCoefficients(p: ResolvedParams): Coefficients {
  const problems: Problem[] = [];
  for (const [key, x] of Object.entries(p.values)) {
    const problem = domainProblem(p, key, x);
    if (problem) problems.push(problem);
  }
  if (problems.length) throw new InputError(problems);
  const v = (key: string): number => {
    const x = p.values[key];
    if (x === undefined) throw new Error(`parameter missing from the shipped tree: ${key}`);
    return x;
  };
  const minimumWage = v('wages.minimum_monthly');
  const oncostRate = v('oncosts.social_insurance_rate') + v('oncosts.housing_fund_rate');
  const baseFloor = v('oncosts.base_floor');
  const baseCeiling = v('oncosts.base_ceiling');
  const uninsuredShare = v('oncosts.uninsured_share_frontline');
  const wageMonthly = {} as Record<Role, number>;
  const loadedMonthly = {} as Record<Role, number>;
  for (const [role, key] of Object.entries(WAGE_KEY) as [Role, string][]) {
    const wage = Math.max(v(key), minimumWage);
    const base = Math.min(Math.max(wage, baseFloor), baseCeiling);
    const insured = FRONTLINE.has(role as Role) ? 1 - uninsuredShare : 1;
    wageMonthly[role] = wage;
    loadedMonthly[role] = wage + insured * oncostRate * base;
  }
  const vat = v('tax.vat_rate');
  const vatShare = vat / (1 + vat);
  const level = (l: ServiceLevel) => ({
    cleaning: v(`service.${l}.cleaning`),
    patrol: v(`service.${l}.patrol`),
    staffedGates: v(`service.${l}.staffed_gates`),
    greening: v(`service.${l}.greening`),
  });
  return {
    asOfYear: Number(p.asOf.slice(0, 4)),
    wageMonthly,
    loadedMonthly,
    oncostRate,
    baseFloor,
    baseCeiling,
    uninsuredShare,
    minimumWage,
    hoursPerYear: v('working_time.hours_per_year'),
    daysPerYear: v('working_time.days_per_year'),
    stepFte: v('staffing.hiring_step_fte'),
    minEngagementFte: v('staffing.min_engagement_fte'),
    minManagerFte: {
      basic: v('staffing.min_manager_fte.basic'),
      standard: v('staffing.min_manager_fte.standard'),
      full: v('staffing.min_manager_fte.full'),
    },
    norms: {
      managerHouseholds: v('norms.manager_households_per_fte'),
      managerM2: v('norms.manager_m2_per_fte'),
      cleanerHouseholds: v('norms.cleaner_households_per_fte'),
      cleanerM2: v('norms.cleaner_m2_per_fte'),
      guardHouseholds: v('norms.guard_households_per_fte'),
      gateFte24h: v('norms.gate_fte_24h'),
      maintenanceM2: {
        basic: v('norms.maintenance_m2_per_fte.basic'),
        standard: v('norms.maintenance_m2_per_fte.standard'),
        full: v('norms.maintenance_m2_per_fte.full'),
      },
      greeningM2: v('norms.greening_m2_per_fte'),
    },
    service: { basic: level('basic'), standard: level('standard'), full: level('full') },
    walkingSpeedMph: v('travel.walking_speed_kmh') * 1000,
    roundsPerDay: v('travel.rounds_per_day'),
    jobs: {
      dredgingPerJob: v('jobs.dredging_per_job'),
      dredgingPerYear: v('jobs.dredging_jobs_per_year'),
      waterTankPerJob: v('jobs.water_tank_per_job'),
      waterTankPerYear: v('jobs.water_tank_jobs_per_year'),
      fireInspection: v('jobs.fire_inspection_per_year'),
      pestControl: v('jobs.pest_control_per_year'),
      elevatorMaintenance: v('jobs.elevator_maintenance_per_year'),
      elevatorInspection: v('jobs.elevator_inspection_per_year'),
    },
    common: {
      electricityPerM2Month: v('common_parts.electricity_per_m2_month'),
      elevatorElectricity: v('common_parts.elevator_electricity_per_year'),
      minorRepairsPerM2Month: v('common_parts.minor_repairs_per_m2_month'),
      minorRepairsGrowth: v('common_parts.minor_repairs_growth_per_year_of_age'),
      defaultAge: v('common_parts.default_age_years'),
    },
    consumables: {
      cleaningPerM2Month: v('consumables.cleaning_per_m2_month'),
      greeningPerGreenM2: v('consumables.greening_per_green_m2_year'),
      securityPerGate: v('consumables.security_per_gate_year'),
    },
    unitFixed: {
      office: v('unit_fixed.office_per_year'),
      insurance: v('unit_fixed.insurance_per_contract'),
      depreciation: (v('unit_fixed.equipment_value') * (1 - v('unit_fixed.equipment_residual_rate'))) / v('unit_fixed.equipment_life_years'),
    },
    overheadRate: v('overhead.rate_of_direct_cost'),
    vatShare,
    taxShare: vatShare * (1 + v('tax.surcharge_rate')),
    subsidyTaxable: v('tax.subsidy_taxable') !== 0,
    collection: {
      commodity: v('collection.commodity'),
      after_sale_public: v('collection.after_sale_public'),
      other: v('collection.other'),
    },
    targetMargin: v('pricing.target_margin'),
    commissionRate: v('pricing.commission_rate'),
  };
}
