import { z } from 'zod';
import { CATEGORY_LABELS, COST_CATEGORIES, ROLE_LABELS, lineLabel } from '../core/categories.js';
import type { Fen } from '../core/money.js';
import type { Cell, View } from '../core/table.js';
import type { Coefficients } from '../model/coefficients.js';
import type { CompoundEvaluation } from '../model/evaluate-compound.js';
import type { ResolvedParams } from '../params/tree.js';
import { formatDecimal, formatFeeToCharge, formatMoney, formatPercent } from './format.js';
import { L, ParametersStampSchema, cell, feeJson, money, ratioJson } from './common.js';
import type { Lang } from '../core/lang.js';

/**
 * `explain`: one compound's calculation as a tree, every figure traced to the parameter values
 * (with unit, date and reference) that produced it.
 */
export interface TraceNode {
  label: string;
  amount?: Fen;
  /** A non-money figure (FTE, a fee), already formatted. */
  value?: string;
  formula?: string;
  uses?: string[];
  children?: TraceNode[];
}

const TraceNodeSchema: z.ZodType<TraceNode> = z.lazy(() =>
  z.strictObject({
    label: z.string(),
    amount: z.string().optional() as unknown as z.ZodType<number | undefined>,
    value: z.string().optional(),
    formula: z.string().optional(),
    uses: z.array(z.string()).optional(),
    children: z.array(TraceNodeSchema).optional(),
  }),
);

export const ParamUsedSchema = z.strictObject({
  key: z.string(),
  value: z.number(),
  unit: z.string(),
  from: z.string().nullable(),
  reference: z.string(),
  estimate: z.boolean(),
  overriddenBy: z.string().optional(),
});

export const ExplainJsonSchema = z.strictObject({
  parameters: ParametersStampSchema,
  compound: z.strictObject({ id: z.string(), name: z.string() }),
  viable: z.boolean(),
  profit: z.string(),
  margin: z.number().nullable(),
  breakEvenFee: z.number().nullable(),
  bidFee: z.number().nullable(),
  trace: TraceNodeSchema,
  parametersUsed: z.array(ParamUsedSchema),
});

/** Expands "service.*.cleaning" style keys to the compound's own service level. */
function expandUses(uses: readonly string[], level: string): string[] {
  return uses.map((u) => u.replace('*', level));
}

export function buildTrace(e: CompoundEvaluation, k: Coefficients, lang: Lang): TraceNode {
  const c = e.compound;
  const m = e.members[0]!;
  const level = c.service_level;
  const pct = (x: number) => formatPercent(x, 2);
  const revenue: TraceNode = {
    label: L(lang, 'net revenue', '净收入'),
    amount: e.revenue,
    formula: L(lang, 'gross − taxes', '总收入 − 税费'),
    children: [
      {
        label: L(lang, 'fees collected', '实收物业费'),
        amount: m.feeIncome,
        formula: `${c.fee_rate} × ${c.area_m2} m² × 12 × ${pct(m.collectionRate)}${m.collectionRateDefaulted ? L(lang, ` (default for ${c.housing_type})`, `（${c.housing_type} 默认值）`) : ''}`,
        uses: m.collectionRateDefaulted ? [`collection.${c.housing_type}`] : [],
      },
      ...(m.otherIncome ? [{ label: L(lang, 'other income', '其他收入'), amount: m.otherIncome }] : []),
      ...(m.subsidy ? [{ label: L(lang, 'subsidy granted', '已有补贴'), amount: m.subsidy }] : []),
      {
        label: L(lang, 'VAT and surcharges', '增值税及附加'),
        amount: -m.taxes,
        formula: `${formatMoney(m.feeIncome + m.otherIncome + (k.subsidyTaxable ? m.subsidy : 0))} × VAT/(1+VAT) × (1 + surcharges) = ${pct(k.taxShare)} (VAT ${formatMoney(m.vat)}, ${L(lang, 'surcharges', '附加')} ${formatMoney(m.surcharges)})`,
        uses: ['tax.vat_rate', 'tax.surcharge_rate', 'tax.subsidy_taxable'],
      },
    ],
  };
  const staffByRole = new Map(e.staff.map((s) => [s.role, s]));
  const categories: TraceNode[] = [];
  COST_CATEGORIES.forEach((cat, i) => {
    const lines = e.lines.filter((l) => l.category === cat);
    if (!lines.length) return;
    const total = lines.reduce((s, l) => s + l.amount, 0);
    categories.push({
      label: `${i + 1}. ${CATEGORY_LABELS[cat][lang]}`,
      amount: total,
      children: lines.map((l) => {
        const node: TraceNode = { label: lineLabel(l.key, lang), amount: l.amount, uses: expandUses(l.uses, level) };
        if (l.formula) node.formula = l.formula;
        const role = l.key.startsWith('staff.') ? (l.key.slice(6) as keyof typeof ROLE_LABELS) : undefined;
        const s = role ? staffByRole.get(role) : undefined;
        if (s) {
          node.value = `${s.fte} FTE`;
          node.children = [
            ...(s.needs ?? []).map((n) => ({
              label: n.compoundId === '' ? L(lang, 'need (garbage-sorting duty, shared in the unit)', '需求（垃圾分类值守，单元共用）') : L(lang, `need (${ROLE_LABELS[s.role].en.toLowerCase()})`, `需求（${ROLE_LABELS[s.role].zh}）`),
              value: `${formatDecimal(n.fte, 4)} FTE`,
              ...(n.formula ? { formula: n.formula } : {}),
            })),
            s.engagement === 'hourly'
              ? {
                  label: L(lang, 'hourly cost (part-time, work-injury insurance only)', '小时工成本（非全日制，仅缴工伤保险）'),
                  value: `${formatDecimal(k.hourlyCost[s.role], 3)} ${L(lang, 'yuan/hour', '元/小时')}`,
                  formula: `max(${k.minimumHourly}, ${s.wageMonthly} × 12 ÷ ${k.hoursPerYear}) × (1 + ${pct(k.workInjuryRate)})`,
                  uses: [s.wageKey, 'wages.minimum_hourly', 'oncosts.work_injury_rate', 'working_time.hours_per_year', 'staffing.part_time_max_fte'],
                }
              : {
                  label: L(lang, 'loaded wage (full-time)', '含社保工资（全日制）'),
                  value: `${formatDecimal(s.loadedMonthly, 2)} ${L(lang, 'yuan/month', '元/月')}`,
                  formula: `${L(lang, 'insured', '参保')} ${formatDecimal(k.insuredGrossMonthly[s.role], 2)} + ${pct(k.socialInsuranceRate)} × ${Math.min(Math.max(k.insuredGrossMonthly[s.role], k.baseFloor), k.baseCeiling)} + ${pct(k.housingFundRate)} × ${formatDecimal(Math.min(Math.max(k.insuredGrossMonthly[s.role], k.housingFundFloor), k.baseCeiling), 2)}${s.role === 'cleaner' || s.role === 'guard' || s.role === 'greening' ? ` ; × (1 − ${pct(k.uninsuredShare)}) + ${s.wageMonthly} × ${pct(k.uninsuredShare)} ${L(lang, 'uninsured', '退休返聘无社保')}` : ''} (${L(lang, 'legal gross', '法定最低应发')} ${formatDecimal(k.legalGross, 2)})`,
                  uses: [s.wageKey, 'wages.minimum_monthly', 'oncosts.social_insurance_rate', 'oncosts.employee_social_insurance_rate', 'oncosts.housing_fund_rate', 'oncosts.base_floor', 'oncosts.housing_fund_base_floor'],
                },
          ];
        }
        return node;
      }),
    });
  });
  const cost: TraceNode = { label: L(lang, 'cost', '成本'), amount: e.cost, children: categories };
  const solve = `(${L(lang, 'cost', '成本')} − ${L(lang, 'other income and subsidy, net', '其他收入及补贴净额')}) ÷ (${c.area_m2} m² × 12 × ${pct(m.collectionRate)} × (1 − ${pct(k.taxShare)}))`;
  return {
    label: `${c.name} (${c.id})`,
    amount: e.profit,
    formula: L(lang, 'profit = net revenue − cost', '利润 = 净收入 − 成本'),
    children: [
      revenue,
      cost,
      {
        label: L(lang, 'break-even fee', '保本单价'),
        value: e.breakEvenFee === null ? '—' : `${formatFeeToCharge(e.breakEvenFee, 4)} ${L(lang, 'yuan/m²/month', '元/㎡·月')}`,
        formula: solve,
        uses: ['tax.vat_rate', 'tax.surcharge_rate'],
      },
      {
        label: L(lang, 'bid fee at target margin', '目标利润率报价'),
        value: e.bidFee === null ? '—' : `${formatFeeToCharge(e.bidFee, 4)} ${L(lang, 'yuan/m²/month', '元/㎡·月')}`,
        formula: `${L(lang, 'net revenue', '净收入')} = ${L(lang, 'cost', '成本')} ÷ (1 − ${pct(k.targetMargin)})`,
        uses: ['pricing.target_margin'],
      },
    ],
  };
}

/** Every parameter key the trace cites, in key order, with its value, unit, date and source. */
export function parametersUsed(trace: TraceNode, p: ResolvedParams): z.infer<typeof ParamUsedSchema>[] {
  const keys = new Set<string>();
  const walk = (n: TraceNode) => {
    for (const u of n.uses ?? []) keys.add(u);
    n.children?.forEach(walk);
  };
  walk(trace);
  return [...keys]
    .filter((k) => p.info.has(k))
    .sort()
    .map((k) => {
      const i = p.info.get(k)!;
      return {
        key: k,
        value: i.value,
        unit: i.unit,
        from: i.from,
        reference: i.reference,
        estimate: i.estimate,
        ...(i.overriddenBy ? { overriddenBy: `${i.overriddenBy.file}${i.overriddenBy.line ? `:${i.overriddenBy.line}` : ''}` } : {}),
      };
    });
}

export function explainJson(e: CompoundEvaluation, trace: TraceNode, used: ReturnType<typeof parametersUsed>, stamp: z.infer<typeof ParametersStampSchema>) {
  const conv = (n: TraceNode): Record<string, unknown> => ({
    label: n.label,
    ...(n.amount !== undefined ? { amount: money(n.amount) } : {}),
    ...(n.value !== undefined ? { value: n.value } : {}),
    ...(n.formula !== undefined ? { formula: n.formula } : {}),
    ...(n.uses?.length ? { uses: n.uses } : {}),
    ...(n.children?.length ? { children: n.children.map(conv) } : {}),
  });
  return {
    parameters: stamp,
    compound: { id: e.compound.id, name: e.compound.name },
    viable: e.viable,
    profit: money(e.profit),
    margin: ratioJson(e.margin),
    breakEvenFee: feeJson(e.breakEvenFee),
    bidFee: feeJson(e.bidFee),
    trace: conv(trace),
    parametersUsed: used,
  };
}

export function explainView(e: CompoundEvaluation, trace: TraceNode, used: ReturnType<typeof parametersUsed>, lang: Lang): View {
  const lines: Cell[][] = [];
  const walk = (n: TraceNode, prefix: string, last: boolean, root: boolean) => {
    const branch = root ? '' : last ? '└─ ' : '├─ ';
    const figure = n.amount !== undefined ? formatMoney(n.amount) : (n.value ?? '');
    const tone = n.amount !== undefined && n.amount < 0 && root ? 'bad' : root ? 'strong' : undefined;
    lines.push([cell(`${prefix}${branch}${n.label}${figure ? `  ${figure}` : ''}`, tone)]);
    const childPrefix = root ? '' : prefix + (last ? '   ' : '│  ');
    if (n.formula) lines.push([cell(`${childPrefix}${n.children?.length ? '│  ' : '   '}= ${n.formula}`, 'muted')]);
    if (n.uses?.length) lines.push([cell(`${childPrefix}${n.children?.length ? '│  ' : '   '}[${n.uses.join(', ')}]`, 'muted')]);
    n.children?.forEach((ch, i) => walk(ch, childPrefix, i === n.children!.length - 1, false));
  };
  walk(trace, '', true, true);
  lines.push([cell(e.viable ? L(lang, '→ viable alone', '→ 单独管理可持续') : L(lang, '→ not viable alone', '→ 单独管理亏损'), e.viable ? 'good' : 'bad')]);
  return {
    blocks: [
      { kind: 'text', lines },
      {
        kind: 'table',
        table: {
          title: L(lang, 'Parameters used', '所用参数'),
          columns: [
            { key: 'key', label: L(lang, 'parameter', '参数'), align: 'left' },
            { key: 'value', label: L(lang, 'value', '取值'), align: 'right' },
            { key: 'unit', label: L(lang, 'unit', '单位'), align: 'left' },
            { key: 'from', label: L(lang, 'in force from', '生效日期'), align: 'left' },
            { key: 'reference', label: L(lang, 'reference', '来源'), align: 'left' },
          ],
          rows: used.map((u) => [
            cell(u.key),
            cell(String(u.value)),
            cell(u.unit),
            cell(u.from ?? '—'),
            cell(`${u.estimate ? L(lang, '[estimate] ', '【估计】') : ''}${u.overriddenBy ? `(${L(lang, 'set by', '来自')} ${u.overriddenBy}) ` : ''}${u.reference}`, u.estimate ? 'muted' : undefined),
          ]),
        },
      },
    ],
  };
}
