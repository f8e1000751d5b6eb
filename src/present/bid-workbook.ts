import { COST_CATEGORIES, type CostCategory, type Role } from '../core/categories.js';
import type { Compound } from '../core/compound.js';
import type { BookCell, BookSheet, Workbook } from '../core/workbook.js';
import { FRONTLINE, WAGE_KEY, type Coefficients } from '../model/coefficients.js';
import type { CostLine, StaffLine } from '../model/evaluate-unit.js';
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
 * - staff: one line per post (岗位, 用工方式, 人数 FTE, 月薪, 月应发, 社保/公积金, 年成本): what a post
 *   costs is live, its headcount is the tool's (norms, travel, hiring step);
 * - revenue: per member, the fees billed and collected at the quoted fee, other income, subsidy,
 *   VAT and surcharges, net revenue;
 * - inputs: every parameter in force (wages, on-cost rates and bases, norms, prices, tax rates),
 *   the bid's target (margin or commission rate) and the compounds' own figures.
 *
 * Figures are formulas over the inputs that do what the model does (src/model), rounding
 * each line to the fen as the model does (ROUND(…, 2), half away from zero); each formula cell
 * also holds the value the tool computed, for readers that do not recalculate. How each cost line
 * is formed is described once per line key in `LINE_FORMULAS`: a line whose key has no formula
 * there (or whose parameters are gone) is written as the tool's number and listed in
 * `constantLines`; the test requires none among the posts and names every line that differs.
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
    staff: { role: Role; fte: CellRef; wage: CellRef; loaded: CellRef; amount: CellRef }[];
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
  /** The sum of the direct cost (categories 1–9), for the overhead. */
  direct: string;
}

type CompoundCell = 'area' | 'households' | 'elevators' | 'gates' | 'water_tanks' | 'green' | 'age' | 'collection' | 'other' | 'subsidy';

const R2 = (x: string) => `ROUND(${x},2)`;
/** Parameter key of a service-level multiplier of the line's compound. */
const svc = (x: LineContext, what: string) => x.p(`service.${x.compound!.service_level}.${what}`);

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
  'common.dredging': (x) => R2(`${x.p('jobs.dredging_jobs_per_year')}*${x.p('jobs.dredging_per_job')}`),
  'common.water_tanks': (x) => R2(`${x.c('water_tanks')}*${x.p('jobs.water_tank_jobs_per_year')}*${x.p('jobs.water_tank_per_job')}`),
  'common.fire_inspection': (x) => R2(x.p('jobs.fire_inspection_per_year')),
  'common.elevators': (x) => R2(`${x.c('elevators')}*(${x.p('jobs.elevator_maintenance_per_year')}+${x.p('jobs.elevator_inspection_per_year')})`),
  'cleaning.pest_control': (x) => R2(x.p('jobs.pest_control_per_year')),
  'cleaning.consumables': (x) => R2(`${x.c('area')}*${x.p('consumables.cleaning_per_m2_month')}*12*${svc(x, 'cleaning')}`),
  'greening.materials': (x) => R2(`${x.c('green')}*${x.p('consumables.greening_per_green_m2_year')}*${svc(x, 'greening')}`),
  'security.gates': (x) => R2(`${x.c('gates')}*${x.p('consumables.security_per_gate_year')}`),
  office: (x) => R2(x.p('unit_fixed.office_per_year')),
  insurance: (x) => R2(x.p('unit_fixed.insurance_per_contract')),
  depreciation: (x) => R2(`${x.p('unit_fixed.equipment_value')}*(1-${x.p('unit_fixed.equipment_residual_rate')})/${x.p('unit_fixed.equipment_life_years')}`),
  overhead: (x) => R2(`${x.direct}*${x.p('overhead.rate_of_direct_cost')}`),
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
const fx = (formula: string, value: number | null, kind: BookCell['kind'], places?: number, extra: Partial<BookCell> = {}): BookCell => ({
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
    revenue: T(lang, 'Revenue', '收入测算'),
    inputs: T(lang, 'Inputs', '参数'),
  };

  // ---- Inputs: the parameters in force, the bid's target, the compounds. ----
  const inputs: (BookCell | undefined)[][] = [];
  inputs.push([text(T(lang, 'Inputs: change a value and every sheet recomputes', '参数：修改数值，各表自动重算'), { bold: true })]);
  inputs.push([T(lang, 'parameter', '参数'), T(lang, 'value', '数值'), T(lang, 'unit', '单位'), T(lang, 'source', '依据')].map((h) => text(h, { bold: true })));
  const paramCell = new Map<string, CellRef>();
  const pAddr = new Map<string, string>();
  const addParam = (key: string, value: number, unit: string, note: string) => {
    const row = inputs.length + 1;
    // A year is shown as it is written (2025, not 2,025).
    inputs.push([text(key), Number.isInteger(value) && value >= 1900 && value <= 2100 ? { value } : num(value, 'number', decimalsOf(value)), text(unit), text(note)]);
    pAddr.set(key, abs(names.inputs, row, 2));
    paramCell.set(key, { sheet: names.inputs, address: `B${row}` });
  };
  for (const [key, info] of params.info) {
    addParam(key, info.value, paramUnit(lang, info.unit), paramReference(lang, { reference: info.reference, descriptionZh: info.descriptionZh, estimate: info.estimate }));
  }
  const asOfYear = Number(params.asOf.slice(0, 4));
  addParam('bid.as_of_year', asOfYear, 'year', T(lang, `year of the as-of date ${params.asOf}: the age of buildings`, `参数生效日期 ${params.asOf} 的年份，用于房龄`));
  const target = result.target;
  if (target.kind === 'margin') addParam('bid.margin', target.margin, 'fraction', T(lang, 'margin asked for: profit ÷ net revenue', '目标利润率：利润 ÷ 净收入'));
  else addParam('bid.commission_rate', target.rate, 'fraction', T(lang, 'commission asked for, share of the expenditure (categories 1–9)', '酬金比例：占物业服务支出（1–9项）'));
  const p = (key: string): string => {
    const a = pAddr.get(key);
    if (a === undefined) throw new NoFormula(`bid workbook: no parameter ${key}`);
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
      age: at('age'),
      collection: at('collection'),
      other: at('other'),
      subsidy: at('subsidy'),
    });
  }
  const lastCompoundRow = inputs.length;
  const range = (k: string) => `'${names.inputs}'!$${colName(col[k]!)}$${firstCompoundRow}:$${colName(col[k]!)}$${lastCompoundRow}`;
  const totalArea = `SUM(${range('area')})`;
  const totalHouseholds = `SUM(${range('households')})`;

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
    ...extra,
  });

  // ---- Staff: one line per post (cost model v2: src/model/coefficients.ts, evaluate-unit.ts). ----
  // The headcount is the tool's (its norms, travel and hiring step); what a post costs is live:
  // the wage (at least the minimum), the gross a full-time post must pay (at least the legal
  // gross that leaves the minimum wage after the employee's contributions, a figure of the
  // parameters, given), the employer's social insurance and housing fund on their bases, the
  // uninsured share of frontline staff, and for a part-time frontline post the hourly rate
  // (at least the minimum hourly wage) with work-injury insurance.
  const staff: (BookCell | undefined)[][] = [];
  staff.push([text(T(lang, 'Staff costs: posts, headcount and wages (yuan)', '人员费用明细：岗位、人数与工资（元）'), { bold: true })]);
  const legalRow = 2;
  staff.push([
    text(T(lang, 'legal gross: the monthly gross that leaves the minimum wage after the employee contributions', '法定应发工资：扣除个人缴费后不低于最低工资的月应发')),
    num(k.legalGross, 'yuan'),
  ]);
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
  for (const s of e.staff as StaffLine[]) {
    const row = staff.length + 1;
    const wageKey = WAGE_KEY[s.role];
    const frontline = FRONTLINE.has(s.role);
    const hourly = s.engagement === 'hourly';
    const gross = k.insuredGrossMonthly[s.role];
    const uninsured = frontline ? params.values['oncosts.uninsured_share_frontline']! : 0;
    const clampF = (x: string, floor: string) => `MIN(MAX(${x},${p(floor)}),${p('oncosts.base_ceiling')})`;
    staff.push([
      text(t(lang, `role.${s.role}`)),
      text(hourly ? T(lang, 'hourly', '小时工') : T(lang, 'full-time', '全日制')),
      num(s.fte, 'number', 2),
      fx(`MAX(${p(wageKey)},${p('wages.minimum_monthly')})`, s.wageMonthly, 'yuan'),
      fx(`MAX(D${row},${legal})`, gross, 'yuan'),
      fx(`${p('oncosts.social_insurance_rate')}*${clampF(`E${row}`, 'oncosts.base_floor')}+${p('oncosts.housing_fund_rate')}*${clampF(`E${row}`, 'oncosts.housing_fund_base_floor')}`, null, 'yuan'),
      frontline ? fx(p('oncosts.uninsured_share_frontline'), uninsured, 'percent', 0) : num(0, 'percent', 0),
      fx(`(1-G${row})*(E${row}+F${row})+G${row}*D${row}`, s.loadedMonthly, 'yuan'),
      fx(`MAX(${p('wages.minimum_hourly')},D${row}*12/${p('working_time.hours_per_year')})*(1+${p('oncosts.work_injury_rate')})`, k.hourlyCost[s.role], 'yuan'),
      fx(hourly ? R2(`C${row}*${p('working_time.hours_per_year')}*I${row}`) : R2(`C${row}*H${row}*12`), yuan(s.amount), 'yuan'),
    ]);
    staffAddr.set(s.role, abs(names.staff, row, 10));
    const ref = (c: string) => ({ sheet: names.staff, address: `${c}${row}` });
    staffRefs.push({ role: s.role, fte: ref('C'), wage: ref('D'), loaded: ref('H'), amount: ref('J') });
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

  // ---- Cost sheet: categories, their lines, the cost. ----
  const sheet: (BookCell | undefined)[][] = [];
  const title = T(lang, `Cost sheet of ${u.memberIds.join(', ')} as one unit`, `${members.map((m) => m.name || m.id).join('、')} 物业服务成本测算表`);
  sheet.push([text(title, { bold: true })]);
  const perHeader = [T(lang, 'No.', '序号'), T(lang, 'item', '项目'), T(lang, 'compound', '小区'), T(lang, 'yuan a year', '元/年'), T(lang, 'yuan/m²/month', '元/㎡·月'), T(lang, 'yuan/household/month', '元/户·月')];
  sheet.push(perHeader.map((h) => text(h, { bold: true })));
  const perCols = (row: number, bold = false): BookCell[] => [
    fx(`IF(${totalArea}>0,D${row}/${totalArea}/12,0)`, null, 'fee', 4, bold ? { bold } : {}),
    fx(`IF(${totalHouseholds}>0,D${row}/${totalHouseholds}/12,0)`, null, 'number', 4, bold ? { bold } : {}),
  ];
  const lineRefs: BidWorkbook['cells']['lines'] = [];
  const constantLines: string[] = [];
  const categoryRefs: BidWorkbook['cells']['categories'] = [];
  const subtotalRow = new Map<CostCategory, number>();
  const byId = new Map(members.map((m) => [m.id, m]));
  let directRows: number[] = [];
  COST_CATEGORIES.forEach((category, ci) => {
    const lines = e.lines.filter((l) => l.category === category);
    const headRow = sheet.length + 1;
    const amount = u.costSheet.find((l) => l.category === category)?.amount ?? 0;
    const first = headRow + 1;
    const last = headRow + lines.length;
    sheet.push([
      text(CN_NUMERALS[ci] ?? String(ci + 1), { bold: true }),
      text(t(lang, `category.${category}`), { bold: true }),
      undefined,
      fx(lines.length > 0 ? `SUM(D${first}:D${last})` : '0', yuan(amount), 'yuan', undefined, { bold: true }),
      ...perCols(headRow, true),
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
        ...perCols(row),
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
    ...perCols(costRow, true),
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
    fx(`${p('tax.vat_rate')}/(1+${p('tax.vat_rate')})*(1+${p('tax.surcharge_rate')})`, null, 'percent', 4),
  ]);
  const tau = abs(names.revenue, tauRow, 2);
  // The fee (src/model/break-even.ts `feeForNet`): the one fee for every member at which
  // Σ fee·Aᵢ·12·cᵢ·(1−τ) + Σ (otherᵢ·(1−τ) + subsidyᵢ·(1 − s·τ)) is the net revenue asked for, rounded
  // up to 6 decimals; if revenue's roundings (each member's fees and taxes to the fen) leave it short
  // of that net revenue (in whole fen), it is stepped up once by what is missing.
  const costAbs = abs(names.sheet, costRow, 4);
  const overheadAbs = abs(names.sheet, subtotalRow.get('overhead')!, 4);
  const targetRow = 3;
  const fee0Row = 4;
  const net0Row = 5;
  const n = members.length;
  const revFirst = 8;
  const revLast = revFirst + n - 1;
  const revCol = (c: string) => `$${c}$${revFirst}:$${c}$${revLast}`;
  const perFee = `(SUMPRODUCT(${range('area')},${range('collection')})*12*(1-${tau}))`;
  const fixed = `(SUM(${revCol('D')})*(1-${tau})+SUM(${revCol('E')})*(1-${p('tax.subsidy_taxable')}*${tau}))`;
  const baseTarget =
    target.kind === 'margin'
      ? `(ROUND(${costAbs}*100,0)/(1-${p('bid.margin')}))`
      : `(ROUND((${costAbs}-${overheadAbs})*100,0)*(1+${p('bid.commission_rate')}))`;
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
    ]);
  });
  if (revenue.length !== revLast) throw new Error('bid workbook: the revenue rows moved');
  const totRow = revenue.length + 1;
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
    sheet.push([undefined, text(t(lang, `quote.${item}`), strong ? { bold: true } : {}), undefined, fx(QUOTE_FORMULAS[item], yuan(q.amount), 'yuan', undefined, strong ? { bold: true } : {}), ...perCols(row, strong)]);
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

  return {
    sheets: [
      { name: names.sheet, rows: sheet, freezeRows: 2, widths: [8, 44, 12, 16, 14, 14] },
      { name: names.staff, rows: staff, freezeRows: 1 },
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
