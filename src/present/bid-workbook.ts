import type { Fen } from '../core/money.js';
import { COST_CATEGORIES, ROLES, type CostCategory, type Role } from '../core/categories.js';
import type { Compound } from '../core/compound.js';
import type { BookCell, BookSheet, Workbook } from '../core/workbook.js';
import { FRONTLINE, WAGE_KEY, type Coefficients } from '../model/coefficients.js';
import { engagementOf, garbageDutyFte, roleNeeds, type CostLine, type StaffLine } from '../model/evaluate-unit.js';
import type { ResolvedParams } from '../params/tree.js';
import { lineLabel, t } from './labels/index.js';
import { paramReference, paramUnit } from './common.js';
import type { BidResult, QuoteItem } from '../analyses/bid.js';

/**
 * The workbook of `bid --format xlsx`: the cost sheet a firm hands in (物业服务成本测算表) as live
 * formulas, so that a firm can change a wage, a rate or a norm and see the fee recompute.
 *
 * Sheets, in the output language:
 * - the cost sheet: the ten official categories, each with its subtotal and its lines, the cost,
 *   the lines from the cost to the fees billed (taxes, profit, other income, subsidy, fees not
 *   collected), and the fee to quote; yuan a year, yuan per m² a month and per household a month;
 * - staff: one line per post (岗位, 用工方式, 人数 FTE, 月薪, 月应发, 社保/公积金, 年成本), the
 *   engagement (by the hour below the part-time limit, else full-time) following the headcount, and
 *   the legal gross solved piece by piece between the contribution bases;
 * - headcount: each compound's need of each post by the norms (`NEED_FORMULAS`), the unit's
 *   garbage-sorting duty and walking between its sites, rounded once for the unit up to the hiring
 *   step, at least the unit's minimum;
 * - revenue: per member, the fees billed and collected at the quoted fee, other income, subsidy,
 *   VAT and surcharges, net revenue;
 * - inputs: every parameter in force (wages, on-cost rates and bases, norms, prices, tax rates)
 *   with its unit and description in the output language, the bid's target (margin or commission
 *   rate) and the compounds' own figures.
 *
 * Figures are formulas over the inputs that do what the model does (src/model), rounding
 * each line to the fen as the model does (ROUND(…, 2), half away from zero); each formula cell
 * also holds the value the tool computed, for readers that do not recalculate. How each cost line
 * is formed is described once per line key in `LINE_FORMULAS`: a line whose key has no formula
 * there (or whose parameters are gone) is written as the tool's number and listed in
 * `constantLines`; the test requires none and names every line that differs.
 *
 * What stays a figure: each post's daily round between the sites (metres, from the compounds'
 * locations) and the layout — the lines and posts are the ones the tool priced (and a gardener at 0
 * where a member has some green), so a change that would add one (a compound turning high-rise)
 * does not; one that removes one leaves it at 0.
 */

export interface BidWorkbookInput {
  result: BidResult;
  /** The bundle's members as priced (scenario changes applied), in the bid's order. */
  members: readonly Compound[];
  params: ResolvedParams;
  /** The coefficients the bid was priced with (the legal gross, hourly costs and gross a post pays). */
  k: Coefficients;
  lang: 'en' | 'zh';
}

export interface BidWorkbook extends Workbook {
  /** Where the test finds each figure: sheet name and A1 address. */
  cells: {
    fee: CellRef;
    cost: CellRef;
    revenue: CellRef;
    margin: CellRef;
    lines: { key: string; compoundId?: string; amount: CellRef }[];
    staff: { role: Role; engagement: CellRef; fte: CellRef; wage: CellRef; loaded: CellRef; amount: CellRef }[];
    categories: { category: CostCategory; amount: CellRef }[];
    quote: { item: QuoteItem; amount: CellRef; perM2Month: CellRef; perHouseholdMonth: CellRef }[];
    params: Map<string, CellRef>;
  };
  /** Keys of the cost lines written as numbers, for want of a formula in LINE_FORMULAS. */
  constantLines: string[];
}

export interface CellRef {
  sheet: string;
  /** A1 address, e.g. D7. */
  address: string;
}

/** What a line's formula may refer to. All references are absolute and name their sheet. */
export interface LineContext {
  /** The cell of a parameter in force. */
  p(key: string): string;
  /** The cell of a field of the line's compound (for per-compound lines). */
  c(field: CompoundCell): string;
  /** The compound of the line, if any. */
  compound: Compound | undefined;
  /** The yearly cost of a post (staff lines). */
  staff(role: Role): string;
  /** The sum of the direct cost (categories 1–9). */
  direct: string;
  /** The unit's floor area (Σ of the members'), its number of sites, and its fees billed at the quoted fee (yuan a year). */
  unit: { area: string; sites: string; billed: string };
}

/** What a compound's need for a post may refer to: the parameters and the compound's own figures. */
export type NeedContext = Pick<LineContext, 'p' | 'c' | 'compound'>;

type CompoundCell =
  | 'area'
  | 'households'
  | 'elevators'
  | 'gates'
  | 'water_tanks'
  | 'green'
  | 'floors'
  | 'age'
  | 'collection'
  | 'other'
  | 'subsidy'
  | 'fee';

const R2 = (x: string) => `ROUND(${x},2)`;
/** The model's tolerance of float error at a rounding or a threshold (EPS of src/model/evaluate-unit.ts), written without an exponent. */
const EPS = '0.000000001';
/** Parameter key of a service-level multiplier of the line's compound. */
const svc = (x: NeedContext, what: string) => x.p(`service.${x.compound!.service_level}.${what}`);
/** Whether the compound has grounds (src/model/evaluate-unit.ts `hasGrounds`): green area ≥ greening.absorbed_below_m2 and > 0. */
const grounds = (x: NeedContext) => `AND(${x.c('green')}>=${x.p('greening.absorbed_below_m2')},${x.c('green')}>0)`;
/** Whether the compound is high-rise (`isHighRise`): by its storeys when known, else by its lifts. */
const highRise = (x: LineContext) => `IF(ISNUMBER(${x.c('floors')}),${x.c('floors')}>=${x.p('jobs.fire_system_min_floors')},${x.c('elevators')}>0)`;

/**
 * How each cost line of the model is formed, as an Excel formula (src/model/evaluate-unit.ts:
 * `compoundLines`, `unitLines`, the staff lines and the overhead). When the model gains or changes
 * a line, change it here; the workbook test compares every line with the tool, to the fen.
 */
export const LINE_FORMULAS: Record<string, (x: LineContext) => string> = {
  'common.electricity': (x) => R2(`${x.c('area')}*${x.p('common_parts.electricity_per_m2_month')}*12`),
  'common.elevator_electricity': (x) => R2(`${x.c('elevators')}*${x.p('common_parts.elevator_electricity_per_year')}`),
  'common.minor_repairs': (x) =>
    R2(`${x.c('area')}*(${x.p('common_parts.minor_repairs_per_m2_month')}*(1+${x.p('common_parts.minor_repairs_growth_per_year_of_age')}*${x.c('age')}))*12`),
  // One round of the unit's manholes a trip: a price per trip and an add-on per site.
  'common.dredging': (x) => R2(`${x.p('jobs.dredging_jobs_per_year')}*(${x.p('jobs.dredging_per_trip')}+${x.p('jobs.dredging_per_site')}*${x.unit.sites})`),
  'common.water_tanks': (x) => R2(`${x.c('water_tanks')}*${x.p('jobs.water_tank_jobs_per_year')}*${x.p('jobs.water_tank_per_job')}`),
  'common.fire_inspection': (x) => R2(x.p('jobs.fire_inspection_per_site')),
  // Fixed fire systems only in a high-rise compound: 0 when a change of the threshold makes it low-rise.
  'common.fire_systems': (x) => `IF(${highRise(x)},${R2(`${x.c('area')}*${x.p('jobs.fire_system_per_m2_year')}`)},0)`,
  'common.elevators': (x) => R2(`${x.c('elevators')}*(${x.p('jobs.elevator_maintenance_per_year')}+${x.p('jobs.elevator_inspection_per_year')})`),
  // One contract for the unit, with a minimum charge.
  'cleaning.pest_control': (x) => R2(`MAX(${x.p('jobs.pest_control_min_per_contract')},${x.unit.area}*${x.p('jobs.pest_control_per_m2_year')})`),
  'cleaning.consumables': (x) => R2(`${x.c('area')}*${x.p('consumables.cleaning_per_m2_month')}*12*${svc(x, 'cleaning')}`),
  'greening.materials': (x) => R2(`${x.c('green')}*${x.p('consumables.greening_per_green_m2_year')}*${svc(x, 'greening')}`),
  'security.gates': (x) => R2(`${x.c('gates')}*${x.p('consumables.security_per_gate_year')}`),
  office: (x) => R2(x.p('unit_fixed.office_per_year')),
  insurance: (x) => R2(x.p('unit_fixed.insurance_per_contract')),
  depreciation: (x) => R2(`${x.p('unit_fixed.equipment_value')}*(1-${x.p('unit_fixed.equipment_residual_rate')})/${x.p('unit_fixed.equipment_life_years')}`),
  // Head-office overhead by floor area, or (overhead.by_fees_receivable = 1) a share of the fees billed at the quoted fee.
  overhead: (x) =>
    `IF(${x.p('overhead.by_fees_receivable')}<>0,${R2(`${x.unit.billed}*${x.p('overhead.rate_of_fees_receivable')}`)},${R2(`${x.unit.area}*${x.p('overhead.per_m2_year')}`)})`,
};

/**
 * A compound's fractional need for each post, FTE, by the norms and its service level
 * (src/model/evaluate-unit.ts `roleNeeds`), written in the same order of operations so that the
 * unit's rounding up to the hiring step falls where the tool's does.
 */
export const NEED_FORMULAS: Record<Role, (x: NeedContext) => string> = {
  manager: (x) => `MAX(${x.c('households')}/${x.p('norms.manager_households_per_fte')},${x.c('area')}/${x.p('norms.manager_m2_per_fte')})`,
  // By households with grounds, by floor area without; a small green area is the cleaners' too.
  cleaner: (x) =>
    `IF(${grounds(x)},${x.c('households')}/${x.p('norms.cleaner_households_per_fte')},${x.c('area')}/${x.p('norms.cleaner_m2_per_fte')})*${svc(x, 'cleaning')}` +
    `+IF(${grounds(x)},0,(${x.c('green')}/${x.p('norms.greening_m2_per_fte')})*${svc(x, 'greening')})`,
  // Gate posts manned every day, and patrol (a smaller share beside a post).
  guard: (x) => {
    const post = `(${x.c('gates')}*${svc(x, 'gate_post_hours')}*${x.p('working_time.post_days_per_year')})/${x.p('working_time.hours_per_year')}`;
    return `${post}+(${x.c('households')}/${x.p('norms.guard_households_per_fte')})*IF(${post}>0,${svc(x, 'patrol_with_post')},${svc(x, 'patrol')})`;
  },
  maintenance: (x) => `${x.c('area')}/${x.p(`norms.maintenance_m2_per_fte.${x.compound!.service_level}`)}`,
  greening: (x) => `IF(${grounds(x)},(${x.c('green')}/${x.p('norms.greening_m2_per_fte')})*${svc(x, 'greening')},0)`,
};

const T = (lang: 'en' | 'zh', en: string, zh: string) => (lang === 'zh' ? zh : en);
const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const abs = (sheet: string, row: number, col: number) => `'${sheet}'!$${colName(col)}$${row}`;
const num = (value: number, kind: BookCell['kind'] = 'number', places?: number): BookCell => ({ value, kind, ...(places !== undefined ? { places } : {}) });
const fx = (formula: string, value: number | string | null, kind: BookCell['kind'], places?: number, extra: Partial<BookCell> = {}): BookCell => ({
  formula,
  value,
  ...(kind !== undefined ? { kind } : {}),
  ...(places !== undefined ? { places } : {}),
  ...extra,
});
const text = (value: string, extra: Partial<BookCell> = {}): BookCell => ({ value, ...extra });
const yuan = (fen: number) => fen / 100;

export function bidWorkbook(input: BidWorkbookInput): BidWorkbook {
  const { result, members, params, k, lang } = input;
  const u = result.bundle;
  const e = u.evaluation;
  const names = {
    sheet: T(lang, 'Cost sheet', '物业服务成本测算表'),
    staff: T(lang, 'Staff', '人员费用明细'),
    headcount: T(lang, 'Headcount', '定员测算'),
    revenue: T(lang, 'Revenue', '收入测算'),
    inputs: T(lang, 'Inputs', '参数'),
  };

  // ---- Inputs: the parameters in force, the bid's target, the compounds. ----
  const inputs: (BookCell | undefined)[][] = [];
  inputs.push([
    text(
      T(
        lang,
        "Inputs: change a value and the sheets recompute (a parameter marked \"not used by this bid\" changes nothing here; each compound's housing type and service level choose the rows that apply to it)",
        '参数：修改数值，各表自动重算（标注“本报价未用”的参数在此不起作用；各小区的房屋类型和服务等级决定适用哪些参数）',
      ),
      { bold: true },
    ),
  ]);
  inputs.push([T(lang, 'parameter', '参数'), T(lang, 'value', '数值'), T(lang, 'unit', '单位'), T(lang, 'description and source', '说明及来源')].map((h) => text(h, { bold: true })));
  const paramCell = new Map<string, CellRef>();
  const pAddr = new Map<string, string>();
  const pRow = new Map<string, number>();
  const usedKeys = new Set<string>();
  const addParam = (key: string, value: number, unit: string, note: string) => {
    const row = inputs.length + 1;
    pRow.set(key, row);
    // A year is shown as it is written (2025, not 2,025).
    inputs.push([text(key), Number.isInteger(value) && value >= 1900 && value <= 2100 ? { value } : num(value, 'number', decimalsOf(value)), text(unit), text(note)]);
    pAddr.set(key, abs(names.inputs, row, 2));
    paramCell.set(key, { sheet: names.inputs, address: `B${row}` });
  };
  for (const [key, info] of params.info) {
    addParam(key, info.value, paramUnit(lang, info.unit), paramReference(lang, { reference: info.reference, descriptionZh: info.descriptionZh, estimate: info.estimate }));
  }
  const asOfYear = Number(params.asOf.slice(0, 4));
  addParam('bid.as_of_year', asOfYear, paramUnit(lang, 'year'), T(lang, `year of the as-of date ${params.asOf}: the age of buildings`, `参数生效日期 ${params.asOf} 的年份，用于房龄`));
  const target = result.target;
  if (target.kind === 'margin') addParam('bid.margin', target.margin, paramUnit(lang, 'fraction'), T(lang, 'margin asked for: profit ÷ net revenue', '目标利润率：利润 ÷ 净收入'));
  else addParam('bid.commission_rate', target.rate, paramUnit(lang, 'fraction'), T(lang, 'commission asked for, share of the expenditure (categories 1–9)', '酬金比例：占物业服务支出（1–9项）'));
  const p = (key: string): string => {
    const a = pAddr.get(key);
    if (a === undefined) throw new NoFormula(`bid workbook: no parameter ${key}`);
    usedKeys.add(key);
    return a;
  };

  inputs.push([]);
  const compoundHeader: [CompoundCell | 'id' | 'name' | 'housing' | 'level' | 'built' | 'fee', string, string][] = [
    ['id', 'id', '编号'],
    ['name', 'name', '名称'],
    ['area', 'floor area m²', '建筑面积（㎡）'],
    ['households', 'households', '户数'],
    ['housing', 'housing type', '房屋类型'],
    ['level', 'service level', '服务等级'],
    ['collection', 'collection rate', '收缴率'],
    ['other', 'other income, yuan a year', '其他收入（元/年）'],
    ['subsidy', 'subsidy, yuan a year', '补贴（元/年）'],
    ['elevators', 'elevators', '电梯（部）'],
    ['gates', 'gates', '门岗（个）'],
    ['water_tanks', 'water tanks', '水箱（个）'],
    ['green', 'green area m²', '绿化面积（㎡）'],
    ['floors', 'storeys', '层数'],
    ['built', 'built (year)', '建成年份'],
    ['age', 'age (years)', '房龄（年）'],
    ['fee', 'fee now, yuan/m²/month', '现行物业费（元/㎡·月）'],
  ];
  inputs.push(compoundHeader.map(([, en, zh]) => text(T(lang, en, zh), { bold: true })));
  const col = Object.fromEntries(compoundHeader.map(([k], i) => [k, i + 1])) as Record<string, number>;
  const cAddr = new Map<string, Record<CompoundCell, string>>();
  const firstCompoundRow = inputs.length + 1;
  for (const c of members) {
    const row = inputs.length + 1;
    const at = (k: string) => abs(names.inputs, row, col[k]!);
    const age = c.built_year !== null ? Math.max(0, asOfYear - c.built_year) : params.values['common_parts.default_age_years']!;
    inputs.push([
      text(c.id),
      text(c.name),
      num(c.area_m2, 'number', decimalsOf(c.area_m2)),
      num(c.households, 'count'),
      text(t(lang, `housing.${c.housing_type}`)),
      text(t(lang, `service.${c.service_level}`)),
      c.collection_rate !== null ? num(c.collection_rate, 'percent', 1) : fx(p(`collection.${c.housing_type}`), params.values[`collection.${c.housing_type}`]!, 'percent', 1),
      num(c.other_income, 'yuan'),
      num(c.subsidy, 'yuan'),
      num(c.elevators, 'count'),
      num(c.gates, 'count'),
      num(c.water_tanks, 'count'),
      num(c.green_area_m2, 'number', decimalsOf(c.green_area_m2)),
      c.floors !== null ? num(c.floors, 'count') : text(''),
      c.built_year !== null ? { value: c.built_year } : text(''),
      c.built_year !== null ? fx(`MAX(0,${p('bid.as_of_year')}-${at('built')})`, age, 'count') : fx(p('common_parts.default_age_years'), age, 'count'),
      num(c.fee_rate, 'fee', 2),
    ]);
    cAddr.set(c.id, {
      area: at('area'),
      households: at('households'),
      elevators: at('elevators'),
      gates: at('gates'),
      water_tanks: at('water_tanks'),
      green: at('green'),
      floors: at('floors'),
      age: at('age'),
      collection: at('collection'),
      other: at('other'),
      subsidy: at('subsidy'),
      fee: at('fee'),
    });
  }
  const lastCompoundRow = inputs.length;
  const range = (k: string) => `'${names.inputs}'!$${colName(col[k]!)}$${firstCompoundRow}:$${colName(col[k]!)}$${lastCompoundRow}`;
  const totalArea = `SUM(${range('area')})`;
  const totalHouseholds = `SUM(${range('households')})`;

  // The revenue sheet's rows (placed below): its title and five figures, two on the current fees,
  // a blank row and the header, then one row per member and the total.
  const revFirst = 10;
  const revLast = revFirst + members.length - 1;
  const revTotRow = revLast + 1;
  const unit: LineContext['unit'] = { area: totalArea, sites: `COUNT(${range('area')})`, billed: abs(names.revenue, revTotRow, 2) };
  const ctxFor = (compound: Compound | undefined, extra: Partial<LineContext> = {}): LineContext => ({
    p,
    c: (field) => {
      if (compound === undefined) throw new Error(`bid workbook: a unit line refers to the compound field ${field}`);
      return cAddr.get(compound.id)![field];
    },
    compound,
    staff: () => {
      throw new Error('bid workbook: not a staff line');
    },
    direct: '',
    unit,
    ...extra,
  });

  // ---- Headcount: each compound's need by the norms (NEED_FORMULAS), the unit's garbage-sorting
  // duty and walking between sites, rounded once for the unit up to the hiring step, at least the
  // unit's minimum (src/model/evaluate-unit.ts `evaluateUnit`). ----
  const heads: (BookCell | undefined)[][] = [];
  heads.push([
    text(T(lang, 'Headcount: need by the norms, rounded once for the unit up to the hiring step (FTE)', '定员测算：按定员标准测算需求，全项目统一向上取整到用工步长（人）'), { bold: true }),
  ]);
  heads.push([T(lang, 'item', '项目'), T(lang, 'compound', '小区'), ...ROLES.map((r) => t(lang, `role.${r}`))].map((h) => text(h, { bold: true })));
  const roleLetter = (r: Role) => colName(3 + ROLES.indexOf(r));
  const roleRow = (label: string, cell: (r: Role) => BookCell | undefined, extra: Partial<BookCell> = {}): number => {
    heads.push([text(label, extra), undefined, ...ROLES.map(cell)]);
    return heads.length;
  };
  const staffOf = new Map((e.staff as StaffLine[]).map((s) => [s.role, s]));
  const needFirst = heads.length + 1;
  for (const c of members) {
    const x = ctxFor(c);
    const own = roleNeeds(c, k, false);
    heads.push([text(T(lang, 'need by the norms and service level', '按定员标准与服务等级的需求')), text(c.id), ...ROLES.map((r) => fx(NEED_FORMULAS[r](x), own[r].fte, 'number', 4))]);
  }
  const needLast = heads.length;
  const households = `SUM(${range('households')})`;
  const duty = garbageDutyFte(members.reduce((s, c) => s + c.households, 0), k);
  const cleanerOnly = (cell: BookCell) => (r: Role) => (r === 'cleaner' ? cell : undefined);
  const pointsRow = roleRow(
    T(lang, "garbage drop-off points of the unit (households ÷ households a point, rounded up)", '垃圾分类投放点（户数 ÷ 每点户数，向上取整）'),
    cleanerOnly(fx(`IF(${households}>0,MAX(0,ROUNDUP(${households}/${p('garbage.households_per_point')}-${EPS},0)),0)`, duty.points, 'count')),
  );
  const cleanerL = roleLetter('cleaner');
  const dutyRow = roleRow(
    T(lang, 'garbage-sorting duty at the points (cleaners)', '垃圾分类值守（保洁）'),
    cleanerOnly(
      fx(
        `(${cleanerL}${pointsRow}*${p('garbage.open_hours_per_day')}*${p('garbage.staffed_share')}*${p('working_time.post_days_per_year')})/${p('working_time.hours_per_year')}`,
        duty.fte,
        'number',
        4,
      ),
    ),
  );
  const sumRow = roleRow(
    T(lang, 'need of the unit', '项目合计需求'),
    (r) => fx(`SUM(${roleLetter(r)}${needFirst}:${roleLetter(r)}${needLast})${r === 'cleaner' ? `+${cleanerL}${dutyRow}` : ''}`, staffOf.get(r)?.need ?? 0, 'number', 4),
  );
  // The daily round of the sites that need the post comes from the compounds' locations: a figure, not an input.
  const walkRow = roleRow(T(lang, 'daily round between the sites, m (from the locations)', '各小区间每日巡回路程（米，按位置计算）'), (r) => num(staffOf.get(r)?.walkM ?? 0, 'number', 0));
  const travelRow = roleRow(
    T(lang, 'walking between the sites', '往返各小区的步行用工'),
    (r) =>
      fx(
        `${roleLetter(r)}${walkRow}*((${p('travel.rounds_per_day')}*${p('working_time.days_per_year')})/((${p('travel.walking_speed_kmh')}*1000)*${p('working_time.hours_per_year')}))`,
        staffOf.get(r)?.travel ?? 0,
        'number',
        4,
      ),
  );
  const minRow = roleRow(T(lang, 'minimum for the unit', '项目最低配置'), (r) => {
    const key = r === 'manager' ? `staffing.min_manager_fte.${e.serviceLevel}` : 'staffing.min_engagement_fte';
    return fx(p(key), params.values[key]!, 'number', 2);
  });
  const step = p('staffing.hiring_step_fte');
  const hiredRow = roleRow(
    T(lang, 'hired: need + walking, rounded up to the hiring step, at least the minimum', '配置人数：需求 + 步行，向上取整到用工步长，不低于最低配置'),
    (r) => {
      const L = roleLetter(r);
      return fx(
        `IF(${L}${sumRow}>0,MAX(${L}${minRow},ROUND(MAX(0,ROUNDUP((${L}${sumRow}+${L}${travelRow})/${step}-${EPS},0))*${step},9)),0)`,
        staffOf.get(r)?.fte ?? 0,
        'number',
        2,
      );
    },
    { bold: true },
  );
  const hiredAddr = (r: Role) => abs(names.headcount, hiredRow, 3 + ROLES.indexOf(r));

  // ---- Staff: one line per post (cost model v2: src/model/coefficients.ts, evaluate-unit.ts). ----
  // The headcount is the one hired on the headcount sheet; the engagement follows it (a frontline
  // post below staffing.part_time_max_fte is bought by the hour); what a post costs is live: the
  // wage (at least the minimum), the gross a full-time post must pay (at least the legal gross that
  // leaves the minimum wage after the employee's contributions, solved below), the employer's
  // social insurance and housing fund on their bases, the uninsured share of frontline staff, and
  // for a part-time frontline post the hourly rate (at least the minimum hourly wage) with
  // work-injury insurance.
  const staff: (BookCell | undefined)[][] = [];
  staff.push([text(T(lang, 'Staff costs: posts, headcount and wages (yuan)', '人员费用明细：岗位、人数与工资（元）'), { bold: true })]);
  const legalRow = 2;
  const legalCell = (formula: string) =>
    fx(formula, k.legalGross, 'yuan');
  const legalLabel = text(T(lang, 'legal gross: the monthly gross that leaves the minimum wage after the employee contributions', '法定应发工资：扣除个人缴费后不低于最低工资的月应发'));
  staff.push([legalLabel]); // its formula is set below, once the rows that solve it are placed
  const legal = `$B$${legalRow}`;
  staff.push([]);
  const postHeader = [
    T(lang, 'post', '岗位'),
    T(lang, 'engagement', '用工方式'),
    T(lang, 'headcount FTE', '人数（人）'),
    T(lang, 'monthly wage', '月薪'),
    T(lang, 'monthly gross', '月应发'),
    T(lang, 'employer social insurance and housing fund a month', '单位社保/公积金（月）'),
    T(lang, 'uninsured share', '未参保比例'),
    T(lang, 'loaded monthly wage', '月人工成本'),
    T(lang, 'hourly cost', '小时人工成本'),
    T(lang, 'yuan a year', '年成本'),
  ];
  staff.push(postHeader.map((h) => text(h, { bold: true })));
  const staffRefs: BidWorkbook['cells']['staff'] = [];
  const staffAddr = new Map<Role, string>();
  const postFirst = staff.length + 1;
  const hourlyWord = T(lang, 'hourly', '小时工');
  const fullTimeWord = T(lang, 'full-time', '全日制');
  // The posts the tool hired, and a gardener at 0 where a member has some green but none has
  // grounds: greening.absorbed_below_m2 (a parameter) decides whether it is the cleaners' or a
  // gardener's, so the post must be there for a change of it to show.
  const gardenerPossible = !staffOf.has('greening') && members.some((c) => c.green_area_m2 > 0);
  const posts: StaffLine[] = ROLES.flatMap((role) => {
    const s = staffOf.get(role);
    if (s) return [s];
    if (role !== 'greening' || !gardenerPossible) return [];
    const { engagement, yearlyPerFte } = engagementOf(role, 0, k);
    return [{ role, need: 0, travel: 0, walkM: 0, fte: 0, engagement, wageKey: WAGE_KEY[role], wageMonthly: k.wageMonthly[role], loadedMonthly: k.loadedMonthly[role], yearlyPerFte, amount: 0 }];
  });
  // The employer's on-costs of an insured gross (cached value of column F; the formula is the source).
  const pv = (key: string) => params.values[key]!;
  const clampV = (x: number, floor: string) => Math.min(Math.max(x, pv(floor)), pv('oncosts.base_ceiling'));
  const employerOnCosts = (gross: number) => pv('oncosts.social_insurance_rate') * clampV(gross, 'oncosts.base_floor') + pv('oncosts.housing_fund_rate') * clampV(gross, 'oncosts.housing_fund_base_floor');
  for (const s of posts) {
    const row = staff.length + 1;
    const wageKey = WAGE_KEY[s.role];
    const frontline = FRONTLINE.has(s.role);
    const hourly = s.engagement === 'hourly';
    const gross = k.insuredGrossMonthly[s.role];
    const uninsured = frontline ? params.values['oncosts.uninsured_share_frontline']! : 0;
    const clampF = (x: string, floor: string) => `MIN(MAX(${x},${p(floor)}),${p('oncosts.base_ceiling')})`;
    // src/model/evaluate-unit.ts `engagementOf`: by the hour below the part-time limit (frontline posts).
    const byTheHour = `C${row}<${p('staffing.part_time_max_fte')}-${EPS}`;
    const hourlyAmount = R2(`C${row}*${p('working_time.hours_per_year')}*I${row}`);
    const fullAmount = R2(`C${row}*H${row}*12`);
    staff.push([
      text(t(lang, `role.${s.role}`)),
      frontline ? fx(`IF(${byTheHour},"${hourlyWord}","${fullTimeWord}")`, hourly ? hourlyWord : fullTimeWord, undefined) : text(fullTimeWord),
      fx(hiredAddr(s.role), s.fte, 'number', 2),
      fx(`MAX(${p(wageKey)},${p('wages.minimum_monthly')})`, s.wageMonthly, 'yuan'),
      fx(`MAX(D${row},${legal})`, gross, 'yuan'),
      fx(`${p('oncosts.social_insurance_rate')}*${clampF(`E${row}`, 'oncosts.base_floor')}+${p('oncosts.housing_fund_rate')}*${clampF(`E${row}`, 'oncosts.housing_fund_base_floor')}`, employerOnCosts(gross), 'yuan'),
      frontline ? fx(p('oncosts.uninsured_share_frontline'), uninsured, 'percent', 0) : num(0, 'percent', 0),
      fx(`(1-G${row})*(E${row}+F${row})+G${row}*D${row}`, s.loadedMonthly, 'yuan'),
      fx(`MAX(${p('wages.minimum_hourly')},D${row}*12/${p('working_time.hours_per_year')})*(1+${p('oncosts.work_injury_rate')})`, k.hourlyCost[s.role], 'yuan'),
      fx(frontline ? `IF(${byTheHour},${hourlyAmount},${fullAmount})` : fullAmount, yuan(s.amount), 'yuan'),
    ]);
    staffAddr.set(s.role, abs(names.staff, row, 10));
    const ref = (c: string) => ({ sheet: names.staff, address: `${c}${row}` });
    staffRefs.push({ role: s.role, engagement: ref('B'), fte: ref('C'), wage: ref('D'), loaded: ref('H'), amount: ref('J') });
  }
  const postLast = staff.length;
  staff.push([
    text(T(lang, 'total', '合计'), { bold: true }),
    undefined,
    fx(`SUM(C${postFirst}:C${postLast})`, e.staff.reduce((s, l) => s + l.fte, 0), 'number', 2, { bold: true }),
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    fx(`SUM(J${postFirst}:J${postLast})`, yuan(e.staff.reduce((s, l) => s + l.amount, 0)), 'yuan', undefined, { bold: true }),
  ]);

  // The legal gross g (src/model/coefficients.ts `legalGrossOf`): g − e·clamp(g, floor, ceiling) −
  // h·clamp(g, fund floor, ceiling) = minimum wage. Piecewise linear and increasing: each piece
  // between the clamps' breakpoints is tried in order, and the first whose solution lies on it is g.
  staff.push([]);
  staff.push([text(T(lang, 'Legal gross, solved piece by piece between the contribution bases', '法定应发工资：按缴费基数分段求解'), { bold: true })]);
  staff.push(
    [
      T(lang, 'piece', '分段'),
      T(lang, 'from (yuan a month)', '起点（元/月）'),
      T(lang, 'a piece (1) or a repeated point (0)', '有效分段（1）或重复点（0）'),
      T(lang, 'to', '终点'),
      T(lang, 'take-home at its start', '起点实发'),
      T(lang, 'take-home per yuan of gross', '每元应发的实发'),
      T(lang, 'gross leaving the minimum wage', '实发等于最低工资的应发'),
      T(lang, 'on this piece (1) or not (0)', '落在本段（1）或否（0）'),
    ].map((h) => text(h, { bold: true })),
  );
  const m = p('wages.minimum_monthly');
  const ee = p('oncosts.employee_social_insurance_rate');
  const hf = p('oncosts.housing_fund_rate');
  const floor = p('oncosts.base_floor');
  const fundFloor = p('oncosts.housing_fund_base_floor');
  const ceiling = p('oncosts.base_ceiling');
  const pieceFirst = staff.length + 1;
  const starts = ['0', `MIN(${floor},${fundFloor})`, `MAX(${floor},${fundFloor})`, ceiling];
  starts.forEach((start, i) => {
    const row = pieceFirst + i;
    const later = [...starts.keys()].filter((j) => j > i).map((j) => pieceFirst + j);
    const to = later.reduceRight((rest, r) => `IF(C${r}=1,B${r},${rest})`, '""');
    staff.push([
      num(i + 1, 'count'),
      i === 0 ? num(0, 'yuan') : fx(start, null, 'yuan'),
      i === 0 ? num(1, 'count') : fx(`IF(B${row}>B${row - 1},1,0)`, null, 'count'),
      fx(to, null, 'yuan'),
      fx(`B${row}-${ee}*MIN(MAX(B${row},${floor}),${ceiling})-${hf}*MIN(MAX(B${row},${fundFloor}),${ceiling})`, null, 'yuan'),
      fx(`1-IF(AND(B${row}>=${floor},B${row}<${ceiling}),${ee},0)-IF(AND(B${row}>=${fundFloor},B${row}<${ceiling}),${hf},0)`, null, 'number', 4),
      fx(`IF(F${row}>0,B${row}+(${m}-E${row})/F${row},0)`, null, 'yuan'),
      fx(`IF(AND(C${row}=1,F${row}>0,OR(D${row}="",G${row}<=D${row}+${EPS})),1,0)`, null, 'count'),
    ]);
  });
  const legalFormula = starts.reduceRight((rest, _s, i) => `IF(H${pieceFirst + i}=1,MAX(G${pieceFirst + i},${m}),${rest})`, m);
  staff[legalRow - 1] = [legalLabel, legalCell(legalFormula)];

  // ---- Cost sheet: categories, their lines, the cost. ----
  const sheet: (BookCell | undefined)[][] = [];
  const title = T(lang, `Cost sheet of ${u.memberIds.join(', ')} as one unit`, `${members.map((m) => m.name || m.id).join('、')} 物业服务成本测算表`);
  sheet.push([text(title, { bold: true })]);
  const perHeader = [T(lang, 'No.', '序号'), T(lang, 'item', '项目'), T(lang, 'compound', '小区'), T(lang, 'yuan a year', '元/年'), T(lang, 'yuan/m²/month', '元/㎡·月'), T(lang, 'yuan/household/month', '元/户·月')];
  sheet.push(perHeader.map((h) => text(h, { bold: true })));
  // The cached values (what a reader that does not recalculate shows) from the row's amount in fen.
  const areaSum = members.reduce((a, m) => a + m.area_m2, 0);
  const householdSum = members.reduce((a, m) => a + m.households, 0);
  const perCols = (row: number, amount: Fen, bold = false): BookCell[] => [
    fx(`IF(${totalArea}>0,D${row}/${totalArea}/12,0)`, areaSum > 0 ? amount / 100 / areaSum / 12 : 0, 'fee', 4, bold ? { bold } : {}),
    fx(`IF(${totalHouseholds}>0,D${row}/${totalHouseholds}/12,0)`, householdSum > 0 ? amount / 100 / householdSum / 12 : 0, 'number', 4, bold ? { bold } : {}),
  ];
  const lineRefs: BidWorkbook['cells']['lines'] = [];
  const constantLines: string[] = [];
  const categoryRefs: BidWorkbook['cells']['categories'] = [];
  const subtotalRow = new Map<CostCategory, number>();
  const byId = new Map(members.map((m) => [m.id, m]));
  let directRows: number[] = [];
  COST_CATEGORIES.forEach((category, ci) => {
    const lines = [...e.lines, ...(gardenerPossible ? [{ key: 'staff.greening', category: 'staff', amount: 0, uses: [] } satisfies CostLine] : [])].filter((l) => l.category === category);
    const headRow = sheet.length + 1;
    const amount = u.costSheet.find((l) => l.category === category)?.amount ?? 0;
    const first = headRow + 1;
    const last = headRow + lines.length;
    sheet.push([
      text(CN_NUMERALS[ci] ?? String(ci + 1), { bold: true }),
      text(t(lang, `category.${category}`), { bold: true }),
      undefined,
      fx(lines.length > 0 ? `SUM(D${first}:D${last})` : '0', yuan(amount), 'yuan', undefined, { bold: true }),
      ...perCols(headRow, amount, true),
    ]);
    subtotalRow.set(category, headRow);
    categoryRefs.push({ category, amount: { sheet: names.sheet, address: `D${headRow}` } });
    if (category === 'overhead') directRows = COST_CATEGORIES.filter((c) => c !== 'overhead').map((c) => subtotalRow.get(c)!);
    lines.forEach((l: CostLine, li) => {
      const row = sheet.length + 1;
      const compound = l.compoundId !== undefined ? byId.get(l.compoundId) : undefined;
      const x = ctxFor(compound, {
        staff: (r) => {
          const a = staffAddr.get(r);
          if (a === undefined) throw new NoFormula();
          return a;
        },
        direct: `(${directRows.map((r) => `D${r}`).join('+')})`,
      });
      const formula = formulaOf(l, x);
      if (formula === undefined) constantLines.push(l.key);
      sheet.push([
        text(`${ci + 1}.${li + 1}`, { indent: 1 }),
        text(lineLabel(lang, l.key), { indent: 1 }),
        text(compound ? compound.id : ''),
        formula === undefined ? num(yuan(l.amount), 'yuan') : fx(formula, yuan(l.amount), 'yuan'),
        ...perCols(row, l.amount),
      ]);
      lineRefs.push({ key: l.key, ...(l.compoundId !== undefined ? { compoundId: l.compoundId } : {}), amount: { sheet: names.sheet, address: `D${row}` } });
    });
  });
  const costRow = sheet.length + 1;
  sheet.push([
    undefined,
    text(t(lang, 'quote.cost'), { bold: true }),
    undefined,
    fx(COST_CATEGORIES.map((c) => `D${subtotalRow.get(c)!}`).join('+'), yuan(u.cost), 'yuan', undefined, { bold: true }),
    ...perCols(costRow, u.cost, true),
  ]);

  // ---- Revenue per member at the quoted fee (the fee cell is placed on the cost sheet below). ----
  const quoteStart = costRow + 2; // a blank row, then the quote lines
  const quoteItems = u.quote.map((q) => q.item).filter((i) => i !== 'cost');
  const feeRow = quoteStart + quoteItems.length;
  const feeAddr = abs(names.sheet, feeRow, 4);
  const revenue: (BookCell | undefined)[][] = [];
  revenue.push([text(T(lang, 'Revenue at the quoted fee (yuan a year)', '按报价测算的收入（元/年）'), { bold: true })]);
  const tauRow = 2;
  revenue.push([
    text(T(lang, 'VAT and surcharges, share of VAT-inclusive revenue', '增值税及附加占含税收入比例')),
    fx(`${p('tax.vat_rate')}/(1+${p('tax.vat_rate')})*(1+${p('tax.surcharge_rate')})`, (params.values['tax.vat_rate']! / (1 + params.values['tax.vat_rate']!)) * (1 + params.values['tax.surcharge_rate']!), 'percent', 4),
  ]);
  const tau = abs(names.revenue, tauRow, 2);
  // The fee (src/model/break-even.ts `feeForNet`): the one fee for every member at which
  // Σ fee·Aᵢ·12·cᵢ·(1−τ) + Σ (otherᵢ·(1−τ) + subsidyᵢ·(1 − s·τ)) is the net revenue asked for, rounded
  // up to 6 decimals; if revenue's roundings (each member's fees and taxes to the fen) leave it short
  // of that net revenue (in whole fen), it is stepped up once by what is missing.
  // The target is set on the cost at the members' current fees (src/analyses/bid.ts priceUnit):
  // the same cost, but for an overhead allocated by fees receivable, which the sheet's own overhead
  // line takes at the quoted fee. Referring to that line here would make the fee depend on itself.
  const directAbs = `(${directRows.map((r) => abs(names.sheet, r, 4)).join('+')})`;
  const targetRow = 3;
  const fee0Row = 4;
  const net0Row = 5;
  const overheadNowRow = 6;
  const costNowRow = 7;
  const costAbs = `$B$${costNowRow}`;
  const n = members.length;
  const revCol = (c: string) => `$${c}$${revFirst}:$${c}$${revLast}`;
  const perFee = `(SUMPRODUCT(${range('area')},${range('collection')})*12*(1-${tau}))`;
  const fixed = `(SUM(${revCol('D')})*(1-${tau})+SUM(${revCol('E')})*(1-${p('tax.subsidy_taxable')}*${tau}))`;
  const baseTarget =
    target.kind === 'margin'
      ? `(ROUND(${costAbs}*100,0)/(1-${p('bid.margin')}))`
      : `(ROUND(${directAbs}*100,0)*(1+${p('bid.commission_rate')}))`;
  // The owners' income net of its taxes, fen: Σ otherᵢ − round(otherᵢ·τ) (model: ownersTaxes).
  // (each member's tax on it in column L, so that no formula needs an array of roundings)
  const ownersFen = `ROUND((SUM(${revCol('D')})-SUM(${revCol('L')}))*100,0)`;
  revenue.push([
    text(T(lang, 'net revenue asked for, fen', '目标净收入（分）')),
    fx(
      // Above the cost, the owners' common-parts income stays theirs: the fees must bring the
      // target on top of it (src/analyses/bid.ts netTarget).
      `IF(${baseTarget}>ROUND(${costAbs}*100,0),${baseTarget}+${ownersFen},${baseTarget})`,
      null,
      'number',
      2,
    ),
  ]);
  revenue.push([
    text(T(lang, 'fee reaching it before roundings, yuan/m²/month', '不计取整的单价（元/㎡·月）')),
    fx(`IF(B${targetRow}/100-${fixed}<=0,0,IF(${perFee}>0,ROUNDUP((B${targetRow}/100-${fixed})/${perFee},6),""))`, null, 'fee', 6),
  ]);
  revenue.push([text(T(lang, 'net revenue at that fee, fen', '该单价下净收入（分）')), fx(`ROUND(SUM(${revCol('K')})*100,0)`, null, 'count')]);
  revenue.push([
    text(T(lang, "head-office overhead at the members' current fees", '按现行物业费计的企业管理费')),
    fx(
      `IF(${p('overhead.by_fees_receivable')}<>0,${R2(`SUM(${revCol('M')})*${p('overhead.rate_of_fees_receivable')}`)},${R2(`${totalArea}*${p('overhead.per_m2_year')}`)})`,
      null,
      'yuan',
    ),
  ]);
  revenue.push([text(T(lang, "cost at the members' current fees, on which the target is set", '按现行物业费计的成本（目标据此确定）')), fx(`${directAbs}+B${overheadNowRow}`, null, 'yuan')]);
  const need = `ROUNDUP(B${targetRow}-0.000001,0)`;
  const feeFormula = `IF('${names.revenue}'!B${fee0Row}="","",IF(OR('${names.revenue}'!B${fee0Row}=0,'${names.revenue}'!B${net0Row}>=${need.replace(`B${targetRow}`, `'${names.revenue}'!B${targetRow}`)}),'${names.revenue}'!B${fee0Row},ROUNDUP('${names.revenue}'!B${fee0Row}+(${need.replace(`B${targetRow}`, `'${names.revenue}'!B${targetRow}`)}-'${names.revenue}'!B${net0Row}+${n})/100/${perFee},6)))`;
  revenue.push([]);
  const revHeader = [
    T(lang, 'compound', '小区'),
    T(lang, 'fees billed', '应收物业费'),
    T(lang, 'fees collected', '实收物业费'),
    T(lang, 'other income', '其他收入'),
    T(lang, 'subsidy', '补贴'),
    T(lang, 'taxable', '计税收入'),
    T(lang, 'VAT and surcharges', '增值税及附加'),
    T(lang, 'gross revenue', '总收入'),
    T(lang, 'net revenue', '净收入'),
    T(lang, 'fees collected at the fee before roundings', '不计取整单价下实收物业费'),
    T(lang, 'net revenue at the fee before roundings', '不计取整单价下净收入'),
    T(lang, 'taxes on the other income', '其他收入应缴税金'),
    T(lang, 'fees billed at the current fee', '按现行物业费的应收物业费'),
  ];
  revenue.push(revHeader.map((h) => text(h, { bold: true })));
  if (revenue.length + 1 !== revFirst) throw new Error('bid workbook: the revenue rows moved');
  members.forEach((c, i) => {
    const row = revenue.length + 1;
    const a = cAddr.get(c.id)!;
    const m = e.members[i]!;
    revenue.push([
      text(c.id),
      fx(R2(`${feeAddr}*${a.area}*12`), null, 'yuan'),
      fx(R2(`${feeAddr}*${a.area}*12*${a.collection}`), yuan(m.feeIncome), 'yuan'),
      fx(R2(a.other), yuan(m.otherIncome), 'yuan'),
      fx(R2(a.subsidy), yuan(m.subsidy), 'yuan'),
      fx(`C${row}+D${row}+E${row}*${p('tax.subsidy_taxable')}`, null, 'yuan'),
      fx(R2(`F${row}*${tau}`), yuan(m.taxes), 'yuan'),
      fx(`C${row}+D${row}+E${row}`, yuan(m.gross), 'yuan'),
      fx(`H${row}-G${row}`, yuan(m.net), 'yuan'),
      fx(R2(`$B$${fee0Row}*${a.area}*12*${a.collection}`), null, 'yuan', undefined, { muted: true }),
      fx(`J${row}+D${row}+E${row}-${R2(`(J${row}+D${row}+E${row}*${p('tax.subsidy_taxable')})*${tau}`)}`, null, 'yuan', undefined, { muted: true }),
      fx(R2(`D${row}*${tau}`), null, 'yuan', undefined, { muted: true }),
      fx(R2(`${a.fee}*${a.area}*12`), null, 'yuan', undefined, { muted: true }),
    ]);
  });
  if (revenue.length !== revLast) throw new Error('bid workbook: the revenue rows moved');
  const totRow = revenue.length + 1;
  if (totRow !== revTotRow) throw new Error('bid workbook: the revenue rows moved');
  revenue.push([
    text(T(lang, 'total', '合计'), { bold: true }),
    ...['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((c) => fx(`SUM(${c}${revFirst}:${c}${revLast})`, null, 'yuan', undefined, { bold: true })),
  ]);
  const rev = (c: string) => abs(names.revenue, totRow, c.charCodeAt(0) - 64);

  // ---- The quote: from the cost to the fees billed, then the fee. ----
  const cost = `D${costRow}`;
  const overhead = `D${subtotalRow.get('overhead')!}`;
  const expenditure = `(${cost}-${overhead})`;
  // The owners' income beyond what the service needs stays theirs (model: ownersContribution).
  const otherRange = `'${names.revenue}'!${revCol('D')}`;
  const ownersYuan = `(SUM(${otherRange})-SUM('${names.revenue}'!${revCol('L')}))`;
  const ownersSurplus = `(${ownersYuan}-MAX(0,MIN(${ownersYuan},${cost}-(${rev('I')}-${ownersYuan}))))`;
  const QUOTE_FORMULAS: Record<QuoteItem, string> = {
    cost,
    expenditure,
    commission: `${rev('I')}-${expenditure}`,
    taxes: rev('G'),
    profit: `${rev('I')}-${cost}-(${ownersSurplus})`,
    owners_surplus: ownersSurplus,
    other_income: `-${rev('D')}`,
    subsidy: `-${rev('E')}`,
    uncollected: `${rev('B')}-${rev('C')}`,
    billed: rev('B'),
  };
  sheet.push([]);
  const quoteRefs: BidWorkbook['cells']['quote'] = [];
  const costQuote = u.quote.find((q) => q.item === 'cost');
  if (costQuote) quoteRefs.push({ item: 'cost', amount: { sheet: names.sheet, address: `D${costRow}` }, perM2Month: { sheet: names.sheet, address: `E${costRow}` }, perHouseholdMonth: { sheet: names.sheet, address: `F${costRow}` } });
  for (const item of quoteItems) {
    const row = sheet.length + 1;
    const q = u.quote.find((x) => x.item === item)!;
    const strong = item === 'billed' || item === 'expenditure';
    sheet.push([undefined, text(t(lang, `quote.${item}`), strong ? { bold: true } : {}), undefined, fx(QUOTE_FORMULAS[item], yuan(q.amount), 'yuan', undefined, strong ? { bold: true } : {}), ...perCols(row, q.amount, strong)]);
    quoteRefs.push({ item, amount: { sheet: names.sheet, address: `D${row}` }, perM2Month: { sheet: names.sheet, address: `E${row}` }, perHouseholdMonth: { sheet: names.sheet, address: `F${row}` } });
  }
  if (sheet.length + 1 !== feeRow) throw new Error('bid workbook: the fee row moved');
  sheet.push([
    undefined,
    text(T(lang, 'Fee to quote, yuan/m²/month (VAT included)', '报价物业费（元/㎡·月，含税）'), { bold: true }),
    undefined,
    fx(feeFormula, u.fee, 'fee', 6, { bold: true }),
  ]);
  // The firm's net revenue: all net revenue but the owners' income that stays theirs.
  const firmRow = sheet.length + 1;
  sheet.push([undefined, text(T(lang, "the firm's net revenue at this fee", '该价下企业净收入')), undefined, fx(`${rev('I')}-(${ownersSurplus})`, yuan(u.revenue), 'yuan')]);
  const marginRow = sheet.length + 1;
  sheet.push([undefined, text(T(lang, 'margin at this fee (profit ÷ net revenue)', '该价下利润率（利润 ÷ 净收入）')), undefined, fx(`IF(D${firmRow}<>0,(D${firmRow}-${cost})/D${firmRow},"")`, u.margin, 'percent', 1)]);
  sheet.push([]);
  sheet.push([
    undefined,
    text(
      T(
        lang,
        `Parameters in force on ${params.asOf} (digest ${params.digest}); change them on the sheet "${names.inputs}". Each line is rounded to the fen.`,
        `参数按 ${params.asOf} 生效值（摘要 ${params.digest}），可在“${names.inputs}”表中修改；各项金额取整到分。`,
      ),
      { muted: true },
    ),
  ]);

  // Parameters no formula reads (another service level's factors, a housing type not in the bid…):
  // said so beside them, so that nobody edits them and waits for a change.
  for (const [key, row] of pRow) {
    if (usedKeys.has(key)) continue;
    const r = inputs[row - 1]!;
    const note = r[3]?.value;
    r[3] = text(`${T(lang, '(not used by this bid) ', '（本报价未用）')}${typeof note === 'string' ? note : ''}`, { muted: true });
  }

  return {
    sheets: [
      { name: names.sheet, rows: sheet, freezeRows: 2, widths: [8, 44, 12, 16, 14, 14] },
      { name: names.staff, rows: staff, freezeRows: 1 },
      { name: names.headcount, rows: heads, freezeRows: 2 },
      { name: names.revenue, rows: revenue, freezeRows: 1 },
      { name: names.inputs, rows: inputs, freezeRows: 2, widths: [44, 14, 16, 60] },
    ] satisfies BookSheet[],
    cells: {
      fee: { sheet: names.sheet, address: `D${feeRow}` },
      cost: { sheet: names.sheet, address: `D${costRow}` },
      revenue: { sheet: names.sheet, address: `D${firmRow}` },
      margin: { sheet: names.sheet, address: `D${marginRow}` },
      lines: lineRefs,
      staff: staffRefs,
      categories: categoryRefs,
      quote: quoteRefs,
      params: paramCell,
    },
    constantLines,
  };
}

/** The formula of a cost line: staff lines refer to their post, the others to LINE_FORMULAS. */
function formulaOf(l: CostLine, x: LineContext): string | undefined {
  try {
    if (l.key.startsWith('staff.')) return x.staff(l.key.slice('staff.'.length) as Role);
    return LINE_FORMULAS[l.key]?.(x);
  } catch (e) {
    // A line the description cannot form (a post with no staff line): written as the tool's number.
    if (e instanceof NoFormula) return undefined;
    throw e;
  }
}

class NoFormula extends Error {}

/** Decimals to show a value with: as many as it has, at most 6. */
function decimalsOf(x: number): number {
  const s = String(x);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 0 : Math.min(6, s.length - dot - 1);
}
