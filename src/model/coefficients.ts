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
  /** The wage paid for the role: the parameter, at least the minimum wage. */
  wageMonthly: Record<Role, number>;
  /**
   * Monthly cost of one FTE employed full time: insured staff at least at the legal gross (the
   * minimum wage excludes the employee's own contributions), plus the employer's social insurance
   * on its base and housing fund on its own base; frontline roles mix in the uninsured share
   * (retirement-age staff under labour-service agreements, paid the wage alone).
   */
  loadedMonthly: Record<Role, number>;
  /** Gross monthly pay of an insured full-time employee of the role (≥ the legal gross). */
  insuredGrossMonthly: Record<Role, number>;
  /** Hourly cost of the role bought as part-time hourly work: max(minimum hourly, wage per hour) × (1 + work injury). */
  hourlyCost: Record<Role, number>;
  /** Minimum monthly wage grossed up for the employee's social insurance and housing fund. */
  legalGross: number;
  oncostRate: number;
  socialInsuranceRate: number;
  housingFundRate: number;
  employeeSocialInsuranceRate: number;
  workInjuryRate: number;
  baseFloor: number;
  baseCeiling: number;
  housingFundFloor: number;
  uninsuredShare: number;
  minimumWage: number;
  minimumHourly: number;
  hoursPerYear: number;
  daysPerYear: number;
  /** Days a year a post or a drop-off point is manned (every day). */
  postDaysPerYear: number;
  stepFte: number;
  minEngagementFte: number;
  /** Frontline roles a unit hires below this FTE are bought as part-time hourly work. */
  partTimeMaxFte: number;
  minManagerFte: Record<ServiceLevel, number>;
  norms: {
    managerHouseholds: number;
    managerM2: number;
    cleanerHouseholds: number;
    cleanerM2: number;
    guardHouseholds: number;
    maintenanceM2: Record<ServiceLevel, number>;
    greeningM2: number;
  };
  service: Record<ServiceLevel, { cleaning: number; patrol: number; patrolWithPost: number; gatePostHours: number; greening: number }>;
  garbage: { householdsPerPoint: number; openHoursPerDay: number; staffedShare: number };
  /** Green areas below this are tended by the cleaners; from it on a compound has grounds (estate norms). */
  smallGreenM2: number;
  walkingSpeedMph: number;
  roundsPerDay: number;
  jobs: {
    dredgingPerTrip: number;
    dredgingPerSite: number;
    dredgingPerYear: number;
    waterTankPerJob: number;
    waterTankPerYear: number;
    fireInspectionPerSite: number;
    fireSystemPerM2Year: number;
    fireSystemMinFloors: number;
    pestControlPerM2Year: number;
    pestControlMin: number;
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
  overhead: { byFeesReceivable: boolean; rateOfFeesReceivable: number; perM2Year: number };
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

/** Keys behind an hourly engagement's price. */
export const HOURLY_KEYS = ['wages.minimum_hourly', 'oncosts.work_injury_rate', 'working_time.hours_per_year'];

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
  'garbage.households_per_point',
  'travel.walking_speed_kmh',
  'unit_fixed.equipment_life_years',
]);
/** Shares of a whole: above 1, more than everyone would be uninsured or more collected than billed. */
const SHARES: ReadonlySet<string> = new Set([
  'oncosts.uninsured_share_frontline',
  'garbage.staffed_share',
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
  else if ((key === 'tax.subsidy_taxable' || key === 'overhead.by_fees_receivable') && x !== 0 && x !== 1) expected = '0 or 1';
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
  const minimumHourly = v('wages.minimum_hourly');
  const socialInsuranceRate = v('oncosts.social_insurance_rate');
  const housingFundRate = v('oncosts.housing_fund_rate');
  const employeeSocialInsuranceRate = v('oncosts.employee_social_insurance_rate');
  const workInjuryRate = v('oncosts.work_injury_rate');
  const oncostRate = socialInsuranceRate + housingFundRate;
  const baseFloor = v('oncosts.base_floor');
  const baseCeiling = v('oncosts.base_ceiling');
  const housingFundFloor = v('oncosts.housing_fund_base_floor');
  const uninsuredShare = v('oncosts.uninsured_share_frontline');
  const hoursPerYear = v('working_time.hours_per_year');
  const legalGross = legalGrossOf(minimumWage, employeeSocialInsuranceRate, housingFundRate, baseFloor, baseCeiling, housingFundFloor);
  const wageMonthly = {} as Record<Role, number>;
  const loadedMonthly = {} as Record<Role, number>;
  const insuredGrossMonthly = {} as Record<Role, number>;
  const hourlyCost = {} as Record<Role, number>;
  for (const [role, key] of Object.entries(WAGE_KEY) as [Role, string][]) {
    const wage = Math.max(v(key), minimumWage);
    const gross = Math.max(wage, legalGross);
    const insured =
      gross + socialInsuranceRate * clamp(gross, baseFloor, baseCeiling) + housingFundRate * clamp(gross, housingFundFloor, baseCeiling);
    const uninsured = FRONTLINE.has(role) ? uninsuredShare : 0;
    wageMonthly[role] = wage;
    insuredGrossMonthly[role] = gross;
    loadedMonthly[role] = (1 - uninsured) * insured + uninsured * wage;
    hourlyCost[role] = Math.max(minimumHourly, (wage * 12) / hoursPerYear) * (1 + workInjuryRate);
  }
  const vat = v('tax.vat_rate');
  const vatShare = vat / (1 + vat);
  const level = (l: ServiceLevel) => ({
    cleaning: v(`service.${l}.cleaning`),
    patrol: v(`service.${l}.patrol`),
    patrolWithPost: v(`service.${l}.patrol_with_post`),
    gatePostHours: v(`service.${l}.gate_post_hours`),
    greening: v(`service.${l}.greening`),
  });
  return {
    asOfYear: Number(p.asOf.slice(0, 4)),
    wageMonthly,
    loadedMonthly,
    insuredGrossMonthly,
    hourlyCost,
    legalGross,
    oncostRate,
    socialInsuranceRate,
    housingFundRate,
    employeeSocialInsuranceRate,
    workInjuryRate,
    baseFloor,
    baseCeiling,
    housingFundFloor,
    uninsuredShare,
    minimumWage,
    minimumHourly,
    hoursPerYear,
    daysPerYear: v('working_time.days_per_year'),
    postDaysPerYear: v('working_time.post_days_per_year'),
    stepFte: v('staffing.hiring_step_fte'),
    minEngagementFte: v('staffing.min_engagement_fte'),
    partTimeMaxFte: v('staffing.part_time_max_fte'),
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
      maintenanceM2: {
        basic: v('norms.maintenance_m2_per_fte.basic'),
        standard: v('norms.maintenance_m2_per_fte.standard'),
        full: v('norms.maintenance_m2_per_fte.full'),
      },
      greeningM2: v('norms.greening_m2_per_fte'),
    },
    service: { basic: level('basic'), standard: level('standard'), full: level('full') },
    garbage: {
      householdsPerPoint: v('garbage.households_per_point'),
      openHoursPerDay: v('garbage.open_hours_per_day'),
      staffedShare: v('garbage.staffed_share'),
    },
    smallGreenM2: v('greening.absorbed_below_m2'),
    walkingSpeedMph: v('travel.walking_speed_kmh') * 1000,
    roundsPerDay: v('travel.rounds_per_day'),
    jobs: {
      dredgingPerTrip: v('jobs.dredging_per_trip'),
      dredgingPerSite: v('jobs.dredging_per_site'),
      dredgingPerYear: v('jobs.dredging_jobs_per_year'),
      waterTankPerJob: v('jobs.water_tank_per_job'),
      waterTankPerYear: v('jobs.water_tank_jobs_per_year'),
      fireInspectionPerSite: v('jobs.fire_inspection_per_site'),
      fireSystemPerM2Year: v('jobs.fire_system_per_m2_year'),
      fireSystemMinFloors: v('jobs.fire_system_min_floors'),
      pestControlPerM2Year: v('jobs.pest_control_per_m2_year'),
      pestControlMin: v('jobs.pest_control_min_per_contract'),
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
    overhead: {
      byFeesReceivable: v('overhead.by_fees_receivable') !== 0,
      rateOfFeesReceivable: v('overhead.rate_of_fees_receivable'),
      perM2Year: v('overhead.per_m2_year'),
    },
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

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

/**
 * The lowest gross monthly pay of an insured full-time employee: Shanghai's minimum wage is what
 * the employee takes home before tax, excluding the employee's own social insurance (on the
 * contribution base, at least its floor) and housing fund (on the gross, at least the fund's own
 * floor). Solved for the gross g: g − e·clamp(g, floor, ceiling) − h·clamp(g, hfFloor, ceiling) = minimum.
 * Piecewise linear and increasing in g, so the pieces are tried in order.
 */
export function legalGrossOf(minimum: number, e: number, h: number, floor: number, ceiling: number, hfFloor: number): number {
  const take = (g: number) => g - e * clamp(g, floor, ceiling) - h * clamp(g, hfFloor, ceiling);
  // Breakpoints of the two clamps, sorted; between them take() is linear.
  const points = [0, Math.min(floor, hfFloor), Math.max(floor, hfFloor), ceiling].filter((x, i, a) => i === 0 || x > a[i - 1]!);
  for (let i = 0; i < points.length; i++) {
    const lo = points[i]!;
    const hi = points[i + 1] ?? Infinity;
    const tLo = take(lo);
    const slope = 1 - (lo >= floor && lo < ceiling ? e : 0) - (lo >= hfFloor && lo < ceiling ? h : 0);
    const g = lo + (minimum - tLo) / slope;
    if (slope > 0 && g <= hi + 1e-9) return Math.max(g, minimum);
  }
  return minimum;
}
