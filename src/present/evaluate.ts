import type { Outcome } from '../model/outcome.js';
import { z } from 'zod';
import { TotalsUncertaintySchema, UncertaintySchema } from './uncertainty.js';
import { COST_CATEGORIES, ROLES } from '../core/categories.js';
import { InputError } from '../core/errors.js';
import { scaledJson, type Fen } from '../core/money.js';
import { rememberFew } from '../core/few-values.js';
import type { Block, Cell, Table, View } from '../core/table.js';
import type { CompoundEvaluation } from '../model/evaluate-compound.js';
import { formatInt } from './format.js';
import {
  MoneySchema,
  FeeSchema,
  ParametersStampSchema,
  cell,
  feeJson,
  money,
  profitTone,
  ratioJson,
  verdictCell,
} from './common.js';
import type { Lang } from '../core/lang.js';
import { lineLabel, t, type PlainLabelKey } from './labels/index.js';
import { chargeCell, pctCell, yuanCell } from './common.js';

export const CostLineSchema = z.strictObject({
  key: z.string(),
  category: z.enum(COST_CATEGORIES),
  label: z.string(),
  amount: MoneySchema,
  compoundId: z.string().optional(),
});

export const StaffSchema = z.strictObject({ role: z.enum(ROLES), fte: z.number() });

export const CompoundResultSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  feeRate: z.number(),
  collectionRate: z.number(),
  grossRevenue: MoneySchema,
  taxes: MoneySchema,
  revenue: MoneySchema.describe('net revenue: gross − VAT and surcharges'),
  cost: MoneySchema,
  profit: MoneySchema,
  margin: z.number().nullable().describe('profit ÷ net revenue'),
  viable: z.boolean(),
  breakEvenFee: FeeSchema.describe('fee at which the compound alone breaks even (rounded up)'),
  bidFee: FeeSchema.describe('fee that yields the target margin'),
  subsidyNeeded: MoneySchema,
  staff: z.array(StaffSchema),
  costLines: z.array(CostLineSchema).optional().describe('every cost line, in category order: only with --detail'),
  uncertainty: UncertaintySchema.optional(),
});

export const EvaluateTotalsSchema = z.strictObject({
  compounds: z.number().int(),
  viable: z.number().int(),
  revenue: MoneySchema,
  cost: MoneySchema,
  profit: MoneySchema,
  subsidyNeeded: MoneySchema,
  uncertainty: TotalsUncertaintySchema.optional(),
});

export const EvaluateJsonSchema = z.strictObject({
  parameters: ParametersStampSchema,
  compounds: z.array(CompoundResultSchema),
  totals: EvaluateTotalsSchema,
});

export type CompoundResult = z.infer<typeof CompoundResultSchema>;

export interface EvaluateTotals {
  compounds: number;
  viable: number;
  revenue: Fen;
  cost: Fen;
  profit: Fen;
  subsidyNeeded: Fen;
}

export function newEvaluateTotals(): EvaluateTotals {
  return { compounds: 0, viable: 0, revenue: 0, cost: 0, profit: 0, subsidyNeeded: 0 };
}

export function addEvaluation(t: EvaluateTotals, e: CompoundEvaluation): void {
  t.compounds++;
  if (e.viable) t.viable++;
  t.revenue += e.revenue;
  t.cost += e.cost;
  t.profit += e.profit;
  t.subsidyNeeded += e.subsidyNeeded;
  // Each compound is checked by the model; a total of many could still pass 2^53 fen, where it
  // stops being exact and cannot be printed (it ended in exit 3).
  if (!(Number.isSafeInteger(t.revenue) && Number.isSafeInteger(t.cost) && Number.isSafeInteger(t.profit) && Number.isSafeInteger(t.subsidyNeeded))) {
    const src = e.compound.source;
    throw new InputError({
      code: 'AMOUNT_TOO_LARGE',
      message: `the totals pass 90 trillion yuan a year at compound "${e.compound.id}", too large to add up exactly`,
      ...(src ? { where: { file: src.file, line: src.line } } : {}),
      hint: 'check the areas, fees and incomes of the compounds',
    });
  }
}

export function totalsJson(t: EvaluateTotals): z.infer<typeof EvaluateTotalsSchema> {
  return { compounds: t.compounds, viable: t.viable, revenue: money(t.revenue), cost: money(t.cost), profit: money(t.profit), subsidyNeeded: money(t.subsidyNeeded) };
}

/** One compound's JSON record; its cost lines (in the official category order) with `detail`. */
export function compoundResult(e: CompoundEvaluation, lang: Lang, detail = false): CompoundResult {
  const order = (c: string) => COST_CATEGORIES.indexOf(c as (typeof COST_CATEGORIES)[number]);
  const lines = [...e.lines].sort((a, b) => order(a.category) - order(b.category));
  return {
    id: e.compound.id,
    name: e.compound.name,
    feeRate: e.compound.fee_rate,
    collectionRate: e.members[0]!.collectionRate,
    grossRevenue: money(e.gross),
    taxes: money(e.taxes),
    revenue: money(e.revenue),
    cost: money(e.cost),
    profit: money(e.profit),
    margin: ratioJson(e.margin),
    viable: e.viable,
    breakEvenFee: feeJson(e.breakEvenFee),
    bidFee: feeJson(e.bidFee),
    subsidyNeeded: money(e.subsidyNeeded),
    staff: e.staff.map((s) => ({ role: s.role, fte: s.fte })),
    ...(detail ? { costLines: lines.map((l) => ({ key: l.key, category: l.category, label: lineLabel(lang, l.key), amount: money(l.amount) })) } : {}),
  };
}

const CATEGORY_RANK: Readonly<Record<string, number>> = Object.fromEntries(COST_CATEGORIES.map((c, i) => [c, i]));
const rankOf = (category: string): number => CATEGORY_RANK[category] ?? -1;

/** A number as JSON writes it (non-finite numbers become null). */
const jsonNumber = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'null' : String(x));

/** JSON text of numbers that take few distinct values in a file (FTEs, fee and collection rates). */
const fewJson = rememberFew(jsonNumber);

/** `jsonNumber(feeJson(x))` and `jsonNumber(ratioJson(x))` as text. */
const feeText = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'null' : scaledJson(x, 6));
const ratioText = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'null' : scaledJson(x, 4, true));

/** `{"key":…,"category":…,"label":…,"amount":` of each cost line, by language and key. */
const LINE_HEADS: Record<Lang, Map<string, { category: string; head: string }>> = { en: new Map(), zh: new Map() };

function lineHead(key: string, category: string, lang: Lang): string {
  const cached = LINE_HEADS[lang].get(key);
  if (cached !== undefined && cached.category === category) return cached.head;
  const head = `{"key":${JSON.stringify(key)},"category":${JSON.stringify(category)},"label":${JSON.stringify(lineLabel(lang, key))},"amount":`;
  if (cached === undefined) LINE_HEADS[lang].set(key, { category, head });
  return head;
}

/**
 * `JSON.stringify(compoundResult(e, lang))`, written directly: the same text, character for
 * character (a test holds it to that), without building the record and its ~20 line objects for
 * each of a million compounds. Building and stringifying them was half of `evaluate --format json`.
 * A field added to `CompoundResultSchema` must be added here too; the test then fails until it is.
 *
 * In three pieces: the text before the name, the name, the text after it. A Chinese name makes a
 * joined string two-byte throughout; kept apart, the rest stays one-byte and encodes to UTF-8
 * about twice as fast.
 */
export function compoundResultJsonParts(e: CompoundEvaluation, lang: Lang, detail = false): [head: string, name: string, tail: string] {
  let staff = '';
  for (const s of e.staff) staff += `${staff ? ',' : ''}{"role":"${s.role}","fte":${fewJson(s.fte)}}`;
  let costLines = '';
  if (detail) {
    const lines = e.lines.slice().sort((a, b) => rankOf(a.category) - rankOf(b.category));
    for (const l of lines) costLines += `${costLines ? ',' : ''}${lineHead(l.key, l.category, lang)}"${money(l.amount)}"}`;
  }
  return [
    `{"id":${JSON.stringify(e.compound.id)},"name":`,
    JSON.stringify(e.compound.name),
    `,"feeRate":${fewJson(e.compound.fee_rate)},"collectionRate":${fewJson(e.members[0]!.collectionRate)}` +
      `,"grossRevenue":"${money(e.gross)}","taxes":"${money(e.taxes)}","revenue":"${money(e.revenue)}"` +
      `,"cost":"${money(e.cost)}","profit":"${money(e.profit)}","margin":${ratioText(e.margin)}` +
      `,"viable":${e.viable ? 'true' : 'false'},"breakEvenFee":${feeText(e.breakEvenFee)}` +
      `,"bidFee":${feeText(e.bidFee)},"subsidyNeeded":"${money(e.subsidyNeeded)}"` +
      `,"staff":[${staff}]${detail ? `,"costLines":[${costLines}]` : ''}}`,
  ];
}

/** `JSON.stringify(compoundResult(e, lang, detail))`: compoundResultJsonParts joined. */
export function compoundResultJson(e: CompoundEvaluation, lang: Lang, detail = false): string {
  return compoundResultJsonParts(e, lang, detail).join('');
}

/** What the table view keeps of each compound (small, so large files stay cheap). */
export interface EvaluateRow extends Outcome {
  id: string;
  name: string;
  feeRate: number;
  breakEvenFee: number | null;
  revenue: Fen;
  cost: Fen;
}

export function evaluateRow(e: CompoundEvaluation): EvaluateRow {
  return {
    id: e.compound.id,
    name: e.compound.name,
    feeRate: e.compound.fee_rate,
    breakEvenFee: e.breakEvenFee,
    revenue: e.revenue,
    cost: e.cost,
    profit: e.profit,
    margin: e.margin,
    viable: e.viable,
    subsidyNeeded: e.subsidyNeeded,
  };
}

export function evaluateView(rows: readonly EvaluateRow[], totals: EvaluateTotals, stamp: { asOf: string; digest: string }, lang: Lang): View {
  return {
    blocks: [{ kind: 'table', table: { ...evaluateTable(lang), rows: rows.map((r) => evaluateRowCells(r, lang)), footer: [evaluateFooterCells(totals, lang)] } }, evaluateNote(stamp, lang)],
  };
}

/** The evaluate table without rows: title and columns (for streaming, rows come one at a time). */
export function evaluateTable(lang: Lang): Table {
  const col = (key: string, label: PlainLabelKey, align: 'left' | 'right' = 'right') => ({ key, label: t(lang, label), align });
  return {
    name: 'compounds',
    title: t(lang, 'evaluate.eachCompoundManagedAloneYuan'),
    columns: [
      col('id', 'common.id', 'left'),
      col('name', 'common.name', 'left'),
      col('fee', 'common.fee', 'right'),
      col('breakEven', 'common.breakEvenFee'),
      col('revenue', 'common.netRevenue'),
      col('cost', 'common.cost'),
      col('profit', 'common.profit'),
      col('margin', 'common.margin'),
      col('verdict', 'common.verdict', 'left'),
      col('subsidy', 'common.subsidyNeeded'),
    ],
    rows: [],
  };
}

/** One compound's row of the evaluate table. */
export function evaluateRowCells(r: EvaluateRow, lang: Lang): Cell[] {
  return [
    cell(r.id),
    cell(r.name),
    chargeCell(r.feeRate, 2),
    chargeCell(r.breakEvenFee, 2, r.breakEvenFee !== null && r.breakEvenFee > r.feeRate ? 'warn' : undefined),
    yuanCell(r.revenue),
    yuanCell(r.cost),
    yuanCell(r.profit, profitTone(r.profit)),
    pctCell(r.margin, 1),
    verdictCell(r.viable, lang),
    yuanCell(r.subsidyNeeded, r.subsidyNeeded ? 'bad' : 'muted'),
  ];
}

/** The totals row of the evaluate table. */
export function evaluateFooterCells(totals: EvaluateTotals, lang: Lang): Cell[] {
  return [
    cell(t(lang, 'common.total'), 'strong'),
    cell(`${formatInt(totals.compounds)} ${t(lang, 'common.compounds')}`),
    cell(''),
    cell(''),
    yuanCell(totals.revenue, 'strong'),
    yuanCell(totals.cost, 'strong'),
    yuanCell(totals.profit, profitTone(totals.profit) ?? 'strong'),
    pctCell(totals.revenue ? totals.profit / totals.revenue : null, 1),
    cell(`${formatInt(totals.viable)} ${t(lang, 'common.viable')}`),
    yuanCell(totals.subsidyNeeded, totals.subsidyNeeded ? 'bad' : 'muted'),
  ];
}

/** The note under the evaluate table. */
export function evaluateNote(stamp: { asOf: string; digest: string }, lang: Lang): Block {
  return { kind: 'text', tone: 'muted', lines: [[cell(t(lang, 'evaluate.parametersInForceOnDigest', { asOf: stamp.asOf, digest: stamp.digest }))]] };
}
