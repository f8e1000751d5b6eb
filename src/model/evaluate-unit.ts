import type { Compound, ServiceLevel } from '../core/compound.js';
import { InputError } from '../core/errors.js';
import { ROLES, type CostCategory, type Role } from '../core/categories.js';
import { fenOf, type Fen } from '../core/money.js';
import { tourLengthM } from '../core/geo.js';
import type { TraceQuantity, TraceTerm, TraceUnit } from '../core/trace-term.js';
import { FRONTLINE, HOURLY_KEYS, WAGE_KEY, type Coefficients } from './coefficients.js';
import { netRevenue, outcomeOf } from './outcome.js';

/** One priced line of a unit's cost sheet. `uses` are the parameter keys behind it. */
export interface CostLine {
  key: LineKey;
  category: CostCategory;
  amount: Fen;
  /** Set for per-compound lines; unit lines (staff, office, insurance…) have none. */
  compoundId?: string;
  uses: readonly string[];
  /** How the amount was formed, with the numbers, as terms the presentation words (only when tracing). */
  terms?: TraceTerm[];
}

export type LineKey =
  | `staff.${Role}`
  | 'common.electricity'
  | 'common.elevator_electricity'
  | 'common.minor_repairs'
  | 'common.dredging'
  | 'common.fire_systems'
  | 'common.water_tanks'
  | 'common.fire_inspection'
  | 'common.elevators'
  | 'cleaning.pest_control'
  | 'cleaning.consumables'
  | 'greening.materials'
  | 'security.gates'
  | 'office'
  | 'insurance'
  | 'depreciation'
  | 'overhead';

/** One compound's fractional need for a role, before the unit rounds it. */
export interface RoleNeed {
  compoundId: string;
  fte: number;
  terms?: TraceTerm[];
}

export interface StaffLine {
  role: Role;
  /** Σ of members' needs, FTE. */
  need: number;
  /** Walking between the unit's sites, FTE. */
  travel: number;
  /** The role's daily round of the unit's sites that need it, metres (0 alone or without locations). */
  walkM: number;
  /** Hired: (need + travel) rounded up to the hiring step, at least the unit minimum. */
  fte: number;
  /**
   * How the hours are bought: frontline roles below staffing.part_time_max_fte by the hour
   * (work-injury insurance only), everything else as (shares of) full-time posts.
   */
  engagement: 'hourly' | 'full_time';
  wageKey: string;
  wageMonthly: number;
  loadedMonthly: number;
  /** Cost of one FTE for a year as engaged: hourly cost × hours a year, or loaded wage × 12. */
  yearlyPerFte: number;
  amount: Fen;
  /** Of the cleaners' need: the garbage-sorting duty at the unit's drop-off points, FTE. */
  garbageDuty?: number;
  needs?: RoleNeed[];
}

export interface MemberRevenue {
  id: string;
  collectionRate: number;
  collectionRateDefaulted: boolean;
  /** Fees receivable (billed, VAT inclusive), yuan/year in fen. */
  feesReceivable: Fen;
  /** Fees collected (VAT inclusive), other income and subsidy, yuan/year in fen. */
  feeIncome: Fen;
  otherIncome: Fen;
  subsidy: Fen;
  gross: Fen;
  vat: Fen;
  surcharges: Fen;
  taxes: Fen;
  /** Net revenue: gross − taxes. */
  net: Fen;
  /** The firm's own net revenue: fees collected and subsidy, less their taxes. */
  serviceNet: Fen;
  /** Common-parts income (other_income) net of its taxes: the owners' (Civil Code art. 282). */
  ownersNet: Fen;
}

export interface UnitEvaluation {
  memberIds: string[];
  sites: number;
  serviceLevel: ServiceLevel;
  /** The longest daily round of any role, metres. */
  tourM: number;
  /** False when some member has no location, so travel could not be counted. */
  travelKnown: boolean;
  staff: StaffLine[];
  lines: CostLine[];
  directCost: Fen;
  cost: Fen;
  members: MemberRevenue[];
  gross: Fen;
  taxes: Fen;
  /** Σ of members' fees and subsidy net of taxes: the firm's own revenue. */
  serviceRevenue: Fen;
  /** Σ of members' common-parts income net of taxes: the owners'. */
  ownersIncome: Fen;
  /** The part of the owners' income applied to the service: min(owners' income, cost − service revenue), ≥ 0. */
  ownersContribution: Fen;
  /** What stays with the owners: owners' income − contribution. */
  ownersSurplus: Fen;
  /** Net revenue the service is paid with: service revenue + owners' contribution. */
  revenue: Fen;
  /**
   * How the net revenue was formed when the owners have common-parts income (only when tracing):
   * service revenue + owners' contribution; contribution = min(owners' income, cost − service revenue).
   */
  revenueTerms?: TraceTerm[];
  profit: Fen;
  /** profit ÷ net revenue; null when there is no revenue. */
  margin: number | null;
  viable: boolean;
  subsidyNeeded: Fen;
}

export interface EvaluateOptions {
  /** Keep formulas and per-compound needs for `explain` (slower). */
  trace?: boolean;
  /**
   * false: the cost lines are priced and summed but not kept (`lines` is empty), for outputs that
   * show only the totals (evaluate's lean JSON, CSV and table): a dozen objects less per compound.
   * Ignored when tracing.
   */
  lines?: boolean;
  /** Travel is not counted when false (property tests: sharing alone never costs more). */
  travel?: boolean;
}

const LEVEL_RANK: Record<ServiceLevel, number> = { basic: 0, standard: 1, full: 2 };
const ROLE_INDEX = Object.fromEntries(ROLES.map((r, i) => [r, i])) as Record<Role, number>;
const EPS = 1e-9;

/** A figure as a trace shows it: to 6 decimals (0.35633 rather than 0.35633000000000004). */
function fmt(x: number): number {
  return Number.isInteger(x) ? x : Math.round(x * 1e6) / 1e6;
}

// Builders of trace terms (src/core/trace-term.ts): the presentation words them in either language.
type Op = Extract<TraceTerm, { kind: 'op' }>['op'];
const num = (value: number | string, unit?: TraceUnit): TraceTerm => (unit ? { kind: 'number', value, unit } : { kind: 'number', value });
const qty = (name: TraceQuantity, value?: number | string, unit?: TraceUnit): TraceTerm =>
  value === undefined ? { kind: 'quantity', name } : unit ? { kind: 'quantity', name, value, unit } : { kind: 'quantity', name, value };
const unitOf = (unit: TraceUnit): TraceTerm => ({ kind: 'unit', unit });
const levelOf = (level: ServiceLevel): TraceTerm => ({ kind: 'level', level });
/** Operators, one term each: `ops('×', '(')`. */
const ops = (...o: Op[]): TraceTerm[] => o.map((op) => ({ kind: 'op', op }));
/** A note in brackets: " (patrol)". */
const aside = (...inside: TraceTerm[]): TraceTerm[] => [...ops('('), ...inside, ...ops(')')];

/**
 * Whether a compound has grounds (roads, green) that the household norms assume: a green area of
 * at least greening.absorbed_below_m2. A gate does not make a walk-up an estate (DOMAIN review).
 */
export function hasGrounds(c: Compound, k: Coefficients): boolean {
  return c.green_area_m2 >= k.smallGreenM2 && c.green_area_m2 > 0;
}

/** Whether a compound's buildings carry fixed fire systems (high-rise by storeys, else by lifts). */
export function isHighRise(c: Compound, k: Coefficients): boolean {
  return c.floors !== null ? c.floors >= k.jobs.fireSystemMinFloors : c.elevators > 0;
}

/** FTE of garbage-sorting duty for a unit of `households`: points × open hours × staffed share × days ÷ hours a year. */
export function garbageDutyFte(households: number, k: Coefficients): { points: number; fte: number } {
  const g = k.garbage;
  const points = households > 0 ? Math.ceil(households / g.householdsPerPoint - EPS) : 0;
  return { points, fte: (points * g.openHoursPerDay * g.staffedShare * k.postDaysPerYear) / k.hoursPerYear };
}

/** How a unit buys a role it hires `fte` of, and what one FTE of it costs a year. */
export function engagementOf(role: Role, fte: number, k: Coefficients): { engagement: 'hourly' | 'full_time'; yearlyPerFte: number } {
  return FRONTLINE.has(role) && fte < k.partTimeMaxFte - EPS
    ? { engagement: 'hourly', yearlyPerFte: k.hourlyCost[role] * k.hoursPerYear }
    : { engagement: 'full_time', yearlyPerFte: k.loadedMonthly[role] * 12 };
}

/** The fractional FTE a compound needs of each role, by the norms and its service level. */
export function roleNeeds(c: Compound, k: Coefficients, trace: boolean): Record<Role, { fte: number; terms?: TraceTerm[] }> {
  const s = k.service[c.service_level];
  const n = k.norms;
  const manager = Math.max(c.households / n.managerHouseholds, c.area_m2 / n.managerM2);
  const grounds = hasGrounds(c, k);
  const cleanerBase = grounds ? c.households / n.cleanerHouseholds : c.area_m2 / n.cleanerM2;
  const green = (c.green_area_m2 / n.greeningM2) * s.greening;
  // A small green area is tended by the cleaners on their rounds: their need, no gardener post.
  const cleaner = cleanerBase * s.cleaning + (grounds ? 0 : green);
  const post = (c.gates * s.gatePostHours * k.postDaysPerYear) / k.hoursPerYear;
  const patrolShare = post > 0 ? s.patrolWithPost : s.patrol;
  const guard = post + (c.households / n.guardHouseholds) * patrolShare;
  const maintenance = c.area_m2 / n.maintenanceM2[c.service_level];
  const greening = grounds ? green : 0;
  const out: Record<Role, { fte: number; terms?: TraceTerm[] }> = {
    manager: { fte: manager },
    cleaner: { fte: cleaner },
    guard: { fte: guard },
    maintenance: { fte: maintenance },
    greening: { fte: greening },
  };
  if (trace) {
    const area = num(fmt(c.area_m2), 'm2');
    const hh = num(c.households, 'households');
    out.manager.terms = [...ops('max', '('), hh, ...ops('÷'), num(n.managerHouseholds), ...ops(','), area, ...ops('÷'), num(n.managerM2), ...ops(')')];
    const cleaning = [...ops('×'), num(s.cleaning), ...aside(levelOf(c.service_level), qty('cleaning'))];
    out.cleaner.terms = [
      ...(grounds
        ? [hh, ...ops('÷'), num(n.cleanerHouseholds), ...cleaning]
        : [area, ...ops('÷'), num(n.cleanerM2), ...aside(qty('noGrounds')), ...cleaning]),
      ...(!grounds && green > 0
        ? [...ops('+'), num(fmt(c.green_area_m2), 'smallGreenM2'), ...ops('÷'), num(n.greeningM2), ...ops('×'), num(s.greening), ...aside(qty('tendedByCleaners'))]
        : []),
    ];
    out.guard.terms = [
      num(c.gates, 'gates'),
      ...ops('×'),
      num(s.gatePostHours, 'hoursPerDayPost'),
      ...aside(levelOf(c.service_level)),
      ...ops('×'),
      num(k.postDaysPerYear, 'days'),
      ...ops('÷'),
      num(k.hoursPerYear, 'hours'),
      ...ops('+'),
      hh,
      ...ops('÷'),
      num(n.guardHouseholds),
      ...ops('×'),
      num(patrolShare),
      ...aside(qty(post > 0 ? 'patrolBesidePost' : 'patrol')),
    ];
    out.maintenance.terms = [area, ...ops('÷'), num(n.maintenanceM2[c.service_level])];
    out.greening.terms = grounds
      ? [num(fmt(c.green_area_m2), 'greenM2'), ...ops('÷'), num(n.greeningM2), ...ops('×'), num(s.greening)]
      : [num(fmt(c.green_area_m2), 'greenM2'), ...ops(','), qty('below', k.smallGreenM2, 'm2'), ...ops(':'), qty('smallGreenTended')];
  }
  return out;
}

const NEED_KEYS: Record<Role, readonly string[]> = {
  manager: ['norms.manager_households_per_fte', 'norms.manager_m2_per_fte'],
  cleaner: [
    'norms.cleaner_households_per_fte',
    'norms.cleaner_m2_per_fte',
    'service.*.cleaning',
    'greening.absorbed_below_m2',
    'garbage.households_per_point',
    'garbage.open_hours_per_day',
    'garbage.staffed_share',
    'working_time.post_days_per_year',
    'working_time.hours_per_year',
  ],
  guard: [
    'norms.guard_households_per_fte',
    'service.*.gate_post_hours',
    'service.*.patrol',
    'service.*.patrol_with_post',
    'working_time.post_days_per_year',
    'working_time.hours_per_year',
  ],
  maintenance: ['norms.maintenance_m2_per_fte.*'],
  greening: ['norms.greening_m2_per_fte', 'service.*.greening', 'greening.absorbed_below_m2'],
};

/**
 * The parameter keys behind a staff line, one shared array per combination: building the list
 * with spreads for every role of every compound was a fifth of the model's time at a million
 * compounds. Lines only read `uses`; they are frozen so that stays true.
 */
const STAFF_USES: (readonly string[] | undefined)[] = [];

function staffUses(role: Role, serviceLevel: ServiceLevel, travelled: boolean, hourly: boolean): readonly string[] {
  const slot = ROLE_INDEX[role] * 12 + LEVEL_RANK[serviceLevel] * 4 + (travelled ? 2 : 0) + (hourly ? 1 : 0);
  let uses = STAFF_USES[slot];
  if (uses === undefined) {
    uses = Object.freeze([
      WAGE_KEY[role],
      'wages.minimum_monthly',
      ...(hourly
        ? HOURLY_KEYS
        : [
            'oncosts.social_insurance_rate',
            'oncosts.employee_social_insurance_rate',
            'oncosts.housing_fund_rate',
            'oncosts.base_floor',
            'oncosts.base_ceiling',
            'oncosts.housing_fund_base_floor',
            ...(FRONTLINE.has(role) ? ['oncosts.uninsured_share_frontline'] : []),
          ]),
      ...(FRONTLINE.has(role) ? ['staffing.part_time_max_fte'] : []),
      'staffing.hiring_step_fte',
      role === 'manager' ? `staffing.min_manager_fte.${serviceLevel}` : 'staffing.min_engagement_fte',
      ...NEED_KEYS[role],
      ...(travelled ? ['travel.walking_speed_kmh', 'travel.rounds_per_day', 'working_time.days_per_year', 'working_time.hours_per_year'] : []),
    ]);
    STAFF_USES[slot] = uses;
  }
  return uses;
}

function roundUpToStep(x: number, step: number): number {
  // Steps are decimal fractions (0.05): count whole steps, then rescale, so 0.7 stays 0.7.
  const steps = Math.ceil(x / step - EPS);
  return Math.round(steps * step * 1e9) / 1e9;
}

/** Collection rate of a compound: its own, else the default for its housing type. */
export function collectionRateOf(c: Compound, k: Coefficients): { rate: number; defaulted: boolean } {
  return c.collection_rate !== null ? { rate: c.collection_rate, defaulted: false } : { rate: k.collection[c.housing_type], defaulted: true };
}

/** Revenue of one compound: fees collected, other income, subsidy; VAT and surcharges. */
export function memberRevenue(c: Compound, k: Coefficients): MemberRevenue {
  const { rate, defaulted } = collectionRateOf(c, k);
  const feeIncome = fenOf(c.fee_rate, c.area_m2, 12, rate);
  const otherIncome = fenOf(c.other_income);
  const subsidy = fenOf(c.subsidy);
  const taxable = feeIncome + otherIncome + (k.subsidyTaxable ? subsidy : 0);
  const gross = feeIncome + otherIncome + subsidy;
  // Net revenue is `netRevenue`'s (one rounding of taxable × τ); VAT is the part of it that is VAT.
  const taxes = gross - netRevenue(c.area_m2, c.fee_rate, rate, otherIncome, subsidy, k);
  const vat = Math.min(taxes, fenOf(taxable / 100, k.vatShare));
  // The owners' income bears its own share of the taxes (at most the whole).
  const ownersNet = otherIncome - Math.min(taxes, ownersTaxes(otherIncome, k));
  return {
    id: c.id,
    collectionRate: rate,
    collectionRateDefaulted: defaulted,
    feesReceivable: fenOf(c.fee_rate, c.area_m2, 12),
    feeIncome,
    otherIncome,
    subsidy,
    gross,
    vat,
    surcharges: taxes - vat,
    taxes,
    net: gross - taxes,
    serviceNet: gross - taxes - ownersNet,
    ownersNet,
  };
}

/** Taxes on common-parts income (fen), one rounding: other × τ. */
export function ownersTaxes(otherIncome: Fen, k: Coefficients): Fen {
  return fenOf(otherIncome / 100, k.taxShare);
}

/**
 * The owners' contribution: their common-parts income funds the part of the cost the service
 * revenue does not cover, never more (the rest stays theirs, not the firm's margin).
 */
export function ownersContribution(serviceRevenue: Fen, ownersIncome: Fen, cost: Fen): Fen {
  return Math.max(0, Math.min(ownersIncome, cost - serviceRevenue));
}

/**
 * Evaluates one management unit: a compound alone, a host with guests, or a cluster.
 * Members' staff needs are pooled, travel between their sites is added, and each role is rounded
 * once for the whole unit: that single rounding and the one manager post are where sharing saves.
 * Per-compound jobs stay per compound; office, insurance and equipment are paid once per unit.
 */
export function evaluateUnit(members: readonly Compound[], k: Coefficients, opts: EvaluateOptions = {}): UnitEvaluation {
  if (members.length === 0) throw new Error('evaluateUnit: a unit has at least one member');
  const trace = opts.trace ?? false;
  const lines: CostLine[] = [];
  const keep = trace || opts.lines !== false;
  // What the lines add up to, whether they are kept or not.
  let directCost = 0;
  let serviceLevel: ServiceLevel = 'basic';
  const need: Record<Role, number> = { manager: 0, cleaner: 0, guard: 0, maintenance: 0, greening: 0 };
  const needs: Record<Role, RoleNeed[]> | undefined = trace
    ? { manager: [], cleaner: [], guard: [], maintenance: [], greening: [] }
    : undefined;

  const perMember: Record<Role, number>[] = [];
  for (const c of members) {
    if (LEVEL_RANK[c.service_level] > LEVEL_RANK[serviceLevel]) serviceLevel = c.service_level;
    const r = roleNeeds(c, k, trace);
    const m = { manager: r.manager.fte, cleaner: r.cleaner.fte, guard: r.guard.fte, maintenance: r.maintenance.fte, greening: r.greening.fte };
    perMember.push(m);
    // Field by field: `need[role] += r[role].fte` over ROLES was the unit's heaviest line.
    need.manager += m.manager;
    need.cleaner += m.cleaner;
    need.guard += m.guard;
    need.maintenance += m.maintenance;
    need.greening += m.greening;
    if (needs) {
      for (const role of ROLES) needs[role].push({ compoundId: c.id, fte: r[role].fte, ...(r[role].terms ? { terms: r[role].terms } : {}) });
    }
    directCost += compoundLines(c, k, trace, keep ? lines : null);
  }

  // Travel: each role walks one round a day of the unit's sites that need it (a guest with no
  // gate adds no walk for the guards). Unknown when a member has no location.
  const withLocation = members.every((m) => m.location !== null);
  const travelKnown = members.length === 1 || withLocation;
  const countTravel = members.length > 1 && withLocation && opts.travel !== false;
  // Created only when travel is counted: a compound alone (nearly every unit) never walks.
  let tourCache: Map<string, number> | undefined;
  const tourFor = (role: Role): number => {
    if (!countTravel) return 0;
    tourCache ??= new Map();
    const sites = members.filter((_, i) => perMember[i]![role] > 0);
    if (sites.length < 2) return 0;
    const sig = sites.map((s) => s.id).join('\u0000');
    let t = tourCache.get(sig);
    if (t === undefined) {
      t = tourLengthM(sites.map((s) => s.location!));
      tourCache.set(sig, t);
    }
    return t;
  };
  const fteOfWalk = (k.roundsPerDay * k.daysPerYear) / (k.walkingSpeedMph * k.hoursPerYear);
  let tourM = 0;

  // Garbage-sorting duty: the unit's households share its drop-off points (its members are
  // neighbours); the cleaners man them at the fixed hours.
  let households = 0;
  for (const c of members) households += c.households;
  const duty = garbageDutyFte(households, k);
  need.cleaner += duty.fte;
  if (needs && duty.fte > 0) {
    needs.cleaner.push({
      compoundId: '',
      fte: duty.fte,
      terms: [
        qty('garbageDuty'),
        ...ops(':', '⌈'),
        num(households, 'households'),
        ...ops('÷'),
        num(k.garbage.householdsPerPoint),
        ...ops('⌉', '='),
        num(duty.points, 'points'),
        ...ops('×'),
        num(k.garbage.openHoursPerDay, 'hoursPerDay'),
        ...ops('×'),
        num(k.garbage.staffedShare),
        qty('staffed'),
        ...ops('×'),
        num(k.postDaysPerYear, 'days'),
        ...ops('÷'),
        num(k.hoursPerYear, 'hours'),
      ],
    });
  }

  const staff: StaffLine[] = [];
  for (const role of ROLES) {
    const n = need[role];
    if (n <= 0) continue;
    const walk = tourFor(role);
    tourM = Math.max(tourM, walk);
    const travel = walk * fteOfWalk;
    const minimum = role === 'manager' ? k.minManagerFte[serviceLevel] : k.minEngagementFte;
    const fte = Math.max(minimum, roundUpToStep(n + travel, k.stepFte));
    // One wage per role, however many sites: a manager's FTE already grows with the households
    // and sites managed, so an area manager (片区经理) is priced as the manager posts it replaces.
    const loaded = k.loadedMonthly[role];
    const { engagement, yearlyPerFte } = engagementOf(role, fte, k);
    const amount = engagement === 'hourly' ? fenOf(fte, k.hoursPerYear, k.hourlyCost[role]) : fenOf(fte, loaded, 12);
    const line: StaffLine = {
      role,
      need: n,
      travel,
      walkM: walk,
      fte,
      engagement,
      wageKey: WAGE_KEY[role],
      wageMonthly: k.wageMonthly[role],
      loadedMonthly: loaded,
      yearlyPerFte,
      amount,
    };
    if (role === 'cleaner' && duty.fte > 0) line.garbageDuty = duty.fte;
    if (needs) line.needs = needs[role];
    staff.push(line);
    directCost += amount;
    if (!keep) continue;
    const costLine: CostLine = {
      key: `staff.${role}`,
      category: 'staff',
      amount,
      uses: staffUses(role, serviceLevel, travel > 0, engagement === 'hourly'),
    };
    if (trace) {
      // fte [max(minimum, ⌈need + travel⌉ to step)] × what one FTE costs as engaged
      const hired = [
        num(fmt(fte), 'fte'),
        ...ops('[', 'max', '('),
        num(fmt(minimum)),
        ...ops(',', '⌈'),
        num(fmt(n)),
        qty('need'),
        ...ops('+'),
        num(fmt(travel)),
        qty('travel'),
        ...ops('⌉'),
        qty('roundedTo', k.stepFte),
        ...ops(')', ']', '×'),
      ];
      costLine.terms =
        engagement === 'hourly'
          ? [
              ...hired,
              num(k.hoursPerYear, 'hours'),
              ...ops('×'),
              num(fmt(k.hourlyCost[role]), 'yuanPerHour'),
              ...ops('('),
              qty('partTimeHourly'),
              ...ops(','),
              qty('below', k.partTimeMaxFte, 'fte'),
              ...ops(':', 'max', '('),
              num(k.minimumHourly),
              ...ops(','),
              qty('wage'),
              ...ops('÷'),
              qty('hours'),
              ...ops(')', '×', '(', ),
              num(1),
              ...ops('+'),
              num(k.workInjuryRate),
              qty('workInjury'),
              ...ops(')', ')'),
            ]
          : [...hired, num(fmt(loaded), 'yuanPerMonth'), qty('loaded'), ...ops('×'), num(12), ...aside(qty('fullTime'))];
    }
    lines.push(costLine);
  }

  directCost += unitLines(members, k, trace, keep ? lines : null);

  const revenues = members.map((c) => memberRevenue(c, k));
  let gross = 0;
  let taxes = 0;
  let serviceRevenue = 0;
  let ownersIncome = 0;
  let receivable = 0;
  let area = 0;
  for (const r of revenues) {
    gross += r.gross;
    taxes += r.taxes;
    serviceRevenue += r.serviceNet;
    ownersIncome += r.ownersNet;
    receivable += r.feesReceivable;
  }
  for (const c of members) area += c.area_m2;
  // Head-office overhead, allocated as the 2007 cost-audit rules do: by area or by fees receivable.
  const o = k.overhead;
  const overhead = o.byFeesReceivable ? fenOf(receivable / 100, o.rateOfFeesReceivable) : fenOf(area, o.perM2Year);
  if (keep) {
    const overheadLine: CostLine = { key: 'overhead', category: 'overhead', amount: overhead, uses: o.byFeesReceivable ? USES.overheadByFees : USES.overheadByArea };
    if (trace) {
      overheadLine.terms = o.byFeesReceivable
        ? [num((receivable / 100).toFixed(2)), qty('feesReceivable'), ...ops('×'), num(o.rateOfFeesReceivable)]
        : [num(fmt(area), 'm2'), ...ops('×'), num(o.perM2Year, 'yuanPerM2Year')];
    }
    lines.push(overheadLine);
  }
  const cost = directCost + overhead;
  const contribution = ownersContribution(serviceRevenue, ownersIncome, cost);
  const revenue = serviceRevenue + contribution;
  if (!Number.isSafeInteger(cost) || !Number.isSafeInteger(gross) || !Number.isSafeInteger(revenue)) {
    // Without lines: priced again with them, which throws naming the compound at fault.
    if (!keep) evaluateUnit(members, k, { ...opts, lines: true });
    throw amountsTooLarge(members, revenues, lines);
  }
  // Written out, not spread: spreads in this literal made every unit take V8's slow path.
  const outcome = outcomeOf(revenue, cost);
  const u: UnitEvaluation = {
    memberIds: members.map((m) => m.id),
    sites: members.length,
    serviceLevel,
    tourM,
    travelKnown,
    staff,
    lines,
    directCost,
    cost,
    members: revenues,
    gross,
    taxes,
    serviceRevenue,
    ownersIncome,
    ownersContribution: contribution,
    ownersSurplus: ownersIncome - contribution,
    revenue,
    profit: outcome.profit,
    margin: outcome.margin,
    viable: outcome.viable,
    subsidyNeeded: outcome.subsidyNeeded,
  };
  if (trace && ownersIncome > 0) u.revenueTerms = revenueTerms(serviceRevenue, ownersIncome, contribution, cost);
  return u;
}

/** Yuan with 2 decimals, as a trace shows an amount of fen. */
const yuanText = (fen: Fen): string => (fen / 100).toFixed(2);

/** service revenue + owners' contribution; contribution = min(owners' income, cost − service revenue); the rest left to the owners. */
function revenueTerms(service: Fen, owners: Fen, contribution: Fen, cost: Fen): TraceTerm[] {
  return [
    qty('serviceRevenue', yuanText(service)),
    ...ops('+'),
    qty('ownersContribution', yuanText(contribution)),
    ...ops(';'),
    qty('ownersContribution'),
    ...ops('=', 'max', '('),
    num(0),
    ...ops(',', 'min', '('),
    qty('ownersIncome', yuanText(owners)),
    ...ops(','),
    qty('cost', yuanText(cost)),
    ...ops('−'),
    qty('serviceRevenue'),
    ...ops(')', ')', ';'),
    qty('ownersSurplus', yuanText(owners - contribution)),
  ];
}

/**
 * Amounts are exact integers of fen only below 2^53 fen (≈ 90 trillion yuan); beyond, sums and
 * printing break (an area of 1e20 m² or a wage of 1e300 once ended in exit 3). No compound comes
 * near: such a figure is a data error, reported at the compound whose own figures are too large.
 */
function amountsTooLarge(members: readonly Compound[], revenues: readonly MemberRevenue[], lines: readonly CostLine[]): InputError {
  const own = members.find(
    (m, i) => !Number.isSafeInteger(revenues[i]!.gross) || lines.some((l) => l.compoundId === m.id && !Number.isSafeInteger(l.amount)),
  );
  const at = own ?? members[0]!;
  const who = members.length === 1 ? `compound "${at.id}"` : `the unit of ${members.map((m) => `"${m.id}"`).join(', ')}`;
  return new InputError({
    code: 'AMOUNT_TOO_LARGE',
    message: `the yearly amounts of ${who} exceed 90 trillion yuan, too large to add up exactly`,
    ...(at.source ? { where: { file: at.source.file, line: at.source.line } } : {}),
    hint: own
      ? 'check its area, households, fee, other income and subsidy'
      : 'check households and areas (they set the staff) and the parameters (a wage or rate far too large)',
  });
}

/** Stands for a term not built (no trace). */
const NO_TERM: TraceTerm = { kind: 'op', op: '(' };

/** Parameter keys behind the per-compound and per-unit lines: built once, shared by every line. */
const USES = {
  electricity: Object.freeze(['common_parts.electricity_per_m2_month']),
  elevatorElectricity: Object.freeze(['common_parts.elevator_electricity_per_year']),
  minorRepairs: Object.freeze(['common_parts.minor_repairs_per_m2_month', 'common_parts.minor_repairs_growth_per_year_of_age']),
  minorRepairsAssumedAge: Object.freeze([
    'common_parts.minor_repairs_per_m2_month',
    'common_parts.minor_repairs_growth_per_year_of_age',
    'common_parts.default_age_years',
  ]),
  dredging: Object.freeze(['jobs.dredging_jobs_per_year', 'jobs.dredging_per_trip', 'jobs.dredging_per_site']),
  waterTanks: Object.freeze(['jobs.water_tank_jobs_per_year', 'jobs.water_tank_per_job']),
  fireInspection: Object.freeze(['jobs.fire_inspection_per_site']),
  fireSystems: Object.freeze(['jobs.fire_system_per_m2_year', 'jobs.fire_system_min_floors']),
  elevators: Object.freeze(['jobs.elevator_maintenance_per_year', 'jobs.elevator_inspection_per_year']),
  pestControl: Object.freeze(['jobs.pest_control_per_m2_year', 'jobs.pest_control_min_per_contract']),
  consumables: Object.freeze(['consumables.cleaning_per_m2_month', 'service.*.cleaning']),
  greening: Object.freeze(['consumables.greening_per_green_m2_year', 'service.*.greening']),
  gates: Object.freeze(['consumables.security_per_gate_year']),
  office: Object.freeze(['unit_fixed.office_per_year']),
  depreciation: Object.freeze(['unit_fixed.equipment_value', 'unit_fixed.equipment_residual_rate', 'unit_fixed.equipment_life_years']),
  insurance: Object.freeze(['unit_fixed.insurance_per_contract']),
  overheadByArea: Object.freeze(['overhead.by_fees_receivable', 'overhead.per_m2_year']),
  overheadByFees: Object.freeze(['overhead.by_fees_receivable', 'overhead.rate_of_fees_receivable']),
} as const;

/** Prices a compound's own lines into `out` (null: not kept); returns what they add up to. */
function compoundLines(c: Compound, k: Coefficients, trace: boolean, out: CostLine[] | null): Fen {
  const id = c.id;
  let sum = 0;
  // The terms are built only when tracing: `T && (() => …)` creates no closure otherwise (a dozen
  // closures and two terms per compound were garbage in every evaluate of a million compounds).
  const T = trace;
  const add = (key: LineKey, category: CostCategory, amount: Fen, uses: readonly string[], terms: false | (() => TraceTerm[])) => {
    if (amount === 0) return;
    sum += amount;
    if (out === null) return;
    const line: CostLine = { key, category, amount, compoundId: id, uses };
    if (terms) line.terms = terms();
    out.push(line);
  };
  const cm = k.common;
  const area = T ? num(fmt(c.area_m2), 'm2') : NO_TERM;
  const green = T ? num(fmt(c.green_area_m2), 'greenM2') : NO_TERM;
  add('common.electricity', 'common_parts', fenOf(c.area_m2, cm.electricityPerM2Month, 12), USES.electricity, T && (() => [area, ...ops('×'), num(cm.electricityPerM2Month, 'yuanPerM2Month'), ...ops('×'), num(12)]));
  add('common.elevator_electricity', 'common_parts', fenOf(c.elevators, cm.elevatorElectricity), USES.elevatorElectricity, T && (() => [num(c.elevators, 'elevators'), ...ops('×'), num(cm.elevatorElectricity, 'yuanPerYear')]));
  const ageKnown = c.built_year !== null;
  const age = ageKnown ? Math.max(0, k.asOfYear - (c.built_year as number)) : cm.defaultAge;
  const repairsRate = cm.minorRepairsPerM2Month * (1 + cm.minorRepairsGrowth * age);
  add(
    'common.minor_repairs',
    'common_parts',
    fenOf(c.area_m2, repairsRate, 12),
    ageKnown ? USES.minorRepairs : USES.minorRepairsAssumedAge,
    T && (() => [
      area,
      ...ops('×'),
      num(cm.minorRepairsPerM2Month),
      ...ops('×', '('),
      num(1),
      ...ops('+'),
      num(cm.minorRepairsGrowth),
      ...ops('×'),
      num(age, 'years'),
      ...(ageKnown ? [] : aside(qty('assumed'))),
      ...ops(')'),
      unitOf('yuanPerM2Month'),
      ...ops('×'),
      num(12),
    ]),
  );
  const j = k.jobs;
  add('common.water_tanks', 'common_parts', fenOf(c.water_tanks, j.waterTankPerYear, j.waterTankPerJob), USES.waterTanks, T && (() => [
    num(c.water_tanks, 'tanks'),
    ...ops('×'),
    num(j.waterTankPerYear, 'jobsPerYear'),
    ...ops('×'),
    num(j.waterTankPerJob, 'yuanPerJob'),
  ]));
  add('common.fire_inspection', 'common_parts', fenOf(j.fireInspectionPerSite), USES.fireInspection, T && (() => [num(j.fireInspectionPerSite, 'yuanPerYear'), qty('siteExtinguishers')]));
  if (isHighRise(c, k)) {
    add('common.fire_systems', 'common_parts', fenOf(c.area_m2, j.fireSystemPerM2Year), USES.fireSystems, T && (() => [
      area,
      ...ops('×'),
      num(j.fireSystemPerM2Year, 'yuanPerM2Year'),
      ...aside(
        qty('highRise'),
        ...ops(':'),
        ...(c.floors !== null ? [num(c.floors, 'storeys'), ...ops('≥'), num(j.fireSystemMinFloors)] : [qty('storeysUnknown')]),
      ),
    ]));
  }
  add(
    'common.elevators',
    'common_parts',
    fenOf(c.elevators, j.elevatorMaintenance + j.elevatorInspection),
    USES.elevators,
    T && (() => [
      num(c.elevators, 'elevators'),
      ...ops('×', '('),
      num(j.elevatorMaintenance),
      ...ops('+'),
      num(j.elevatorInspection),
      ...ops(')'),
      unitOf('yuanPerYear'),
    ]),
  );
  const s = k.service[c.service_level];
  const cs = k.consumables;
  add('cleaning.consumables', 'cleaning', fenOf(c.area_m2, cs.cleaningPerM2Month, 12, s.cleaning), USES.consumables, T && (() => [
    area,
    ...ops('×'),
    num(cs.cleaningPerM2Month, 'yuanPerM2Month'),
    ...ops('×'),
    num(12),
    ...ops('×'),
    num(s.cleaning),
    ...aside(levelOf(c.service_level)),
  ]));
  add('greening.materials', 'greening', fenOf(c.green_area_m2, cs.greeningPerGreenM2, s.greening), USES.greening, T && (() => [
    green,
    ...ops('×'),
    num(cs.greeningPerGreenM2, 'yuanPerM2Year'),
    ...ops('×'),
    num(s.greening),
  ]));
  add('security.gates', 'security', fenOf(c.gates, cs.securityPerGate), USES.gates, T && (() => [num(c.gates, 'gates'), ...ops('×'), num(cs.securityPerGate, 'yuanPerYear')]));
  // Each compound signs its own service contract (an attached compound too) and insures its own
  // common parts and public liability.
  add('insurance', 'insurance', fenOf(k.unitFixed.insurance), USES.insurance, T && (() => [num(k.unitFixed.insurance, 'yuanPerYear'), ...ops(','), qty('onePolicyPerCompound')]));
  return sum;
}

/** Prices the unit's own lines into `out` (null: not kept); returns what they add up to. */
function unitLines(members: readonly Compound[], k: Coefficients, trace: boolean, out: CostLine[] | null): Fen {
  // Contracts bought per round or per area: one contract for the unit, a per-site add-on.
  const j = k.jobs;
  const u = k.unitFixed;
  const sites = members.length;
  let area = 0;
  for (const c of members) area += c.area_m2;
  const dredgingAmount = fenOf(j.dredgingPerYear, j.dredgingPerTrip + j.dredgingPerSite * sites);
  const pestAmount = fenOf(Math.max(j.pestControlMin, area * j.pestControlPerM2Year));
  const officeAmount = fenOf(u.office);
  const depreciationAmount = fenOf(u.depreciation);
  const sum = dredgingAmount + pestAmount + officeAmount + depreciationAmount;
  if (out === null) return sum;
  const dredging: CostLine = { key: 'common.dredging', category: 'common_parts', amount: dredgingAmount, uses: USES.dredging };
  const pest: CostLine = { key: 'cleaning.pest_control', category: 'cleaning', amount: pestAmount, uses: USES.pestControl };
  if (trace) {
    dredging.terms = [
      num(j.dredgingPerYear, 'tripsPerYear'),
      ...ops('×', '('),
      num(j.dredgingPerTrip, 'yuanPerTrip'),
      ...ops('+'),
      num(sites, 'sites'),
      ...ops('×'),
      num(j.dredgingPerSite, 'yuanPerSite'),
      ...ops(')', ','),
      qty('oneRoundForUnit'),
    ];
    pest.terms = [
      ...ops('max', '('),
      num(j.pestControlMin, 'yuan'),
      qty('minimumCharge'),
      ...ops(','),
      num(fmt(area), 'm2'),
      ...ops('×'),
      num(j.pestControlPerM2Year, 'yuanPerM2Year'),
      ...ops(')', ','),
      qty('oneContractForUnit'),
    ];
  }
  if (dredging.amount) out.push(dredging);
  if (pest.amount) out.push(pest);
  const office: CostLine = { key: 'office', category: 'office', amount: officeAmount, uses: USES.office };
  const depreciation: CostLine = { key: 'depreciation', category: 'depreciation', amount: depreciationAmount, uses: USES.depreciation };
  if (trace) {
    office.terms = [num(u.office, 'yuanPerYear'), ...ops(','), qty('oncePerUnit')];
    depreciation.terms = [
      qty('equipment'),
      ...ops('×', '('),
      num(1),
      ...ops('−'),
      qty('residual'),
      ...ops(')', '÷'),
      qty('life'),
      ...ops('='),
      num(fmt(u.depreciation), 'yuanPerYear'),
      ...ops(','),
      qty('oncePerUnit'),
    ];
  }
  out.push(office, depreciation);
  return sum;
}
