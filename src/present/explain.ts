import { z } from 'zod';
import { COST_CATEGORIES, ROLES, type Role } from '../core/categories.js';
import type { Fen } from '../core/money.js';
import type { Cell, View } from '../core/table.js';
import type { Coefficients } from '../model/coefficients.js';
import type { CompoundEvaluation } from '../model/evaluate-compound.js';
import type { ResolvedParams } from '../params/tree.js';
import { formatDecimal, formatFeeToCharge, formatMoney, formatPercent } from './format.js';
import { ParametersStampSchema, cell, feeJson, money, paramReference, paramUnit, ratioJson } from './common.js';
import type { Lang } from '../core/lang.js';
import { lineLabel, t, wordOf, wordTerms, type TraceTerm } from './labels/index.js';

/**
 * `explain`: one compound's calculation as a tree, every figure traced to the parameter values
 * (with unit, date and reference) that produced it.
 */
export interface TraceNode {
  label: string;
  amount?: Fen;
  /** A non-money figure (FTE, a fee), already formatted. */
  value?: string;
  /** How the figure was formed, worded in the output language. */
  formula?: string;
  /** The same formula as the model's structured terms, when it comes from the model (JSON only). */
  terms?: readonly TraceTerm[];
  uses?: string[];
  children?: TraceNode[];
}

/** A trace term in explain's JSON: as src/core/trace-term.ts defines it (its words are the `unit.*`/`term.*` names). */
const TraceTermSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('number'), value: z.union([z.number(), z.string()]), unit: z.string().optional() }),
  z.strictObject({ kind: z.literal('quantity'), name: z.string(), value: z.union([z.number(), z.string()]).optional(), unit: z.string().optional() }),
  z.strictObject({ kind: z.literal('unit'), unit: z.string() }),
  z.strictObject({ kind: z.literal('level'), level: z.string() }),
  z.strictObject({ kind: z.literal('op'), op: z.string() }),
  z.strictObject({ kind: z.literal('param'), key: z.string() }),
  z.strictObject({ kind: z.literal('text'), text: z.string() }),
]);

const TraceNodeSchema: z.ZodType<TraceNode> = z.lazy(() =>
  z.strictObject({
    label: z.string(),
    amount: z.string().optional() as unknown as z.ZodType<number | undefined>,
    value: z.string().optional(),
    formula: z.string().optional(),
    terms: z.array(TraceTermSchema).optional() as unknown as z.ZodType<readonly TraceTerm[] | undefined>,
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
  descriptionZh: z.string().optional(),
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
  const vat = t(lang, 'term.vat');
  const revenue: TraceNode = {
    label: t(lang, 'common.netRevenue'),
    amount: e.revenue,
    ...(e.revenueTerms ? { formula: wordTerms(lang, e.revenueTerms), terms: e.revenueTerms } : { formula: t(lang, 'explain.grossTaxes') }),
    children: [
      {
        label: t(lang, 'explain.feesCollected'),
        amount: m.feeIncome,
        formula: `${c.fee_rate} × ${c.area_m2} ${t(lang, 'unit.m2')} × 12 × ${pct(m.collectionRate)}${m.collectionRateDefaulted ? t(lang, 'explain.defaultFor', { housing: wordOf(lang, 'housingCode', c.housing_type) }) : ''}`,
        uses: m.collectionRateDefaulted ? [`collection.${c.housing_type}`] : [],
      },
      ...(m.otherIncome ? [{ label: t(lang, 'explain.otherIncome'), amount: m.otherIncome }] : []),
      ...(m.subsidy ? [{ label: t(lang, 'explain.subsidyGranted'), amount: m.subsidy }] : []),
      {
        label: t(lang, 'explain.vatAndSurcharges'),
        amount: -m.taxes,
        formula: `${formatMoney(m.feeIncome + m.otherIncome + (k.subsidyTaxable ? m.subsidy : 0))} × ${vat}/(1+${vat}) × (1 + ${t(lang, 'term.surcharges')}) = ${pct(k.taxShare)} (${vat} ${formatMoney(m.vat)}, ${t(lang, 'term.surcharges')} ${formatMoney(m.surcharges)})`,
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
      label: `${i + 1}. ${t(lang, `category.${cat}`)}`,
      amount: total,
      children: lines.map((l) => {
        const node: TraceNode = { label: lineLabel(lang, l.key), amount: l.amount, uses: expandUses(l.uses, level) };
        if (l.terms) {
          node.formula = wordTerms(lang, l.terms);
          node.terms = l.terms;
        }
        const role = l.key.startsWith('staff.') ? ROLES.find((r): r is Role => r === l.key.slice(6)) : undefined;
        const s = role ? staffByRole.get(role) : undefined;
        if (s) {
          node.value = `${s.fte} ${t(lang, 'unit.fte')}`;
          node.children = [
            ...(s.needs ?? []).map((n) => ({
              label: n.compoundId === '' ? t(lang, 'explain.garbageDuty') : t(lang, 'explain.need', { role: lang === 'en' ? t(lang, `role.${s.role}`).toLowerCase() : t(lang, `role.${s.role}`) }),
              value: `${formatDecimal(n.fte, 4)} ${t(lang, 'unit.fte')}`,
              ...(n.terms ? { formula: wordTerms(lang, n.terms), terms: n.terms } : {}),
            })),
            s.engagement === 'hourly'
              ? {
                  label: t(lang, 'explain.hourlyCost'),
                  value: `${formatDecimal(k.hourlyCost[s.role], 3)} ${t(lang, 'unit.yuanPerHour')}`,
                  formula: `max(${k.minimumHourly}, ${s.wageMonthly} × 12 ÷ ${k.hoursPerYear}) × (1 + ${pct(k.workInjuryRate)})`,
                  uses: [s.wageKey, 'wages.minimum_hourly', 'oncosts.work_injury_rate', 'working_time.hours_per_year', 'staffing.part_time_max_fte'],
                }
              : {
                  label: t(lang, 'explain.loadedWage'),
                  value: `${formatDecimal(s.loadedMonthly, 2)} ${t(lang, 'unit.yuanPerMonth')}`,
                  formula: `${t(lang, 'term.insured')} ${formatDecimal(k.insuredGrossMonthly[s.role], 2)} + ${pct(k.socialInsuranceRate)} × ${Math.min(Math.max(k.insuredGrossMonthly[s.role], k.baseFloor), k.baseCeiling)} + ${pct(k.housingFundRate)} × ${formatDecimal(Math.min(Math.max(k.insuredGrossMonthly[s.role], k.housingFundFloor), k.baseCeiling), 2)}${s.role === 'cleaner' || s.role === 'guard' || s.role === 'greening' ? ` ; × (1 − ${pct(k.uninsuredShare)}) + ${s.wageMonthly} × ${pct(k.uninsuredShare)} ${t(lang, 'term.uninsured')}` : ''} (${t(lang, 'term.legalGross')} ${formatDecimal(k.legalGross, 2)})`,
                  uses: [s.wageKey, 'wages.minimum_monthly', 'oncosts.social_insurance_rate', 'oncosts.employee_social_insurance_rate', 'oncosts.housing_fund_rate', 'oncosts.base_floor', 'oncosts.housing_fund_base_floor'],
                },
          ];
        }
        return node;
      }),
    });
  });
  const cost: TraceNode = { label: t(lang, 'common.cost'), amount: e.cost, children: categories };
  const solve = `(${t(lang, 'common.cost')} − ${t(lang, 'explain.otherIncomeAndSubsidyNet')}) ÷ (${c.area_m2} ${t(lang, 'unit.m2')} × 12 × ${pct(m.collectionRate)} × (1 − ${pct(k.taxShare)}))`;
  return {
    label: `${c.name} (${c.id})`,
    amount: e.profit,
    formula: t(lang, 'explain.profitNetRevenueCost'),
    children: [
      revenue,
      cost,
      {
        label: t(lang, 'common.breakEvenFee'),
        value: e.breakEvenFee === null ? '—' : `${formatFeeToCharge(e.breakEvenFee, 4)} ${t(lang, 'unit.yuanPerM2Month')}`,
        formula: solve,
        uses: ['tax.vat_rate', 'tax.surcharge_rate'],
      },
      {
        label: t(lang, 'explain.bidFeeAtTargetMargin'),
        value: e.bidFee === null ? '—' : `${formatFeeToCharge(e.bidFee, 4)} ${t(lang, 'unit.yuanPerM2Month')}`,
        formula: `${t(lang, 'common.netRevenue')} = ${t(lang, 'common.cost')} ÷ (1 − ${pct(k.targetMargin)})`,
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
        ...(i.descriptionZh ? { descriptionZh: i.descriptionZh } : {}),
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
    ...(n.terms !== undefined ? { terms: n.terms } : {}),
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
  lines.push([cell(e.viable ? t(lang, 'explain.viableAlone') : t(lang, 'explain.notViableAlone'), e.viable ? 'good' : 'bad')]);
  return {
    blocks: [
      { kind: 'text', lines },
      {
        kind: 'table',
        table: {
          title: t(lang, 'explain.parametersUsed'),
          columns: [
            { key: 'key', label: t(lang, 'common.parameter'), align: 'left' },
            { key: 'value', label: t(lang, 'common.value'), align: 'right' },
            { key: 'unit', label: t(lang, 'common.unitOfMeasure'), align: 'left' },
            { key: 'from', label: t(lang, 'explain.inForceFrom'), align: 'left' },
            { key: 'reference', label: t(lang, 'common.reference'), align: 'left' },
          ],
          rows: used.map((u) => [
            cell(u.key),
            cell(String(u.value)),
            cell(paramUnit(lang, u.unit)),
            cell(u.from ?? '—'),
            cell(paramReference(lang, u), u.estimate ? 'muted' : undefined),
          ]),
        },
      },
    ],
  };
}
