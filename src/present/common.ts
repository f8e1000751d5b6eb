import { z } from 'zod';
import { ceilToNumber, ceilToString, fenToString, roundToNumber, roundToString, type Fen } from '../core/money.js';
import type { ResolvedParams } from '../params/tree.js';
import type { Cell, NumKind, Tone } from '../core/table.js';
import { formatDecimal, formatFeeToCharge, formatInt, formatMoney, formatPercent } from './format.js';
import { t, wordOf } from './labels/index.js';

import type { Lang } from '../core/lang.js';

/**
 * Shared pieces of the reports commands print: how numbers appear in JSON (rounded once, here),
 * the zod shapes they share, and small helpers for views in two languages.
 */

/** Money in JSON: an exact decimal string of yuan, "1234.56". */
export const money = (fen: Fen): string => fenToString(fen);
/** A fee in JSON: yuan/m²/month, 6 decimals (enough that area × 12 × error < 1 yuan). */
/** A break-even fee rounds UP, so that charging the printed fee does break even. */
/** A solved fee (break-even, bid, covering a share) in JSON: rounded up to 6 decimals, so charging it does what it says. */
export const feeJson = (x: number | null): number | null => (x === null ? null : ceilToNumber(x, 6));
/** A ratio (margin) in JSON, 4 decimals. */
export const ratioJson = (x: number | null): number | null => (x === null ? null : roundToNumber(x, 4));

export const MoneySchema = z.string().regex(/^-?\d+\.\d{2}$/).describe('yuan per year, exact decimal string');
/** The outcome of a unit in JSON (the model's outcome rule, in `src/model/outcome.ts`): net revenue, cost and what follows. */
export const OutcomeJsonShape = {
  revenue: MoneySchema,
  cost: MoneySchema,
  profit: MoneySchema,
  margin: z.number().nullable(),
  viable: z.boolean(),
  subsidyNeeded: MoneySchema,
};

export const FeeSchema = z.number().nullable().describe('yuan per m² per month, VAT included');

export const ParametersStampSchema = z.strictObject({
  asOf: z.string().describe('the date whose parameter values are in force'),
  digest: z.string().describe('short hash of the parameter values used'),
  overlays: z.array(z.string()).describe('parameter files applied over the defaults, in order'),
});

export function parametersStamp(p: ResolvedParams, overlays: readonly string[]): z.infer<typeof ParametersStampSchema> {
  return { asOf: p.asOf, digest: p.digest, overlays: [...overlays] };
}

export const TotalsSchema = z.strictObject({
  units: z.number().int(),
  compounds: z.number().int(),
  viableUnits: z.number().int(),
  viableCompounds: z.number().int(),
  revenue: MoneySchema,
  cost: MoneySchema,
  profit: MoneySchema,
  subsidyNeeded: MoneySchema,
});

export const cell = (text: string, tone?: Tone): Cell => (tone ? { text, tone } : { text });
export const verdictCell = (viable: boolean, lang: Lang): Cell =>
  viable ? cell(t(lang, 'common.viable'), 'good') : cell(t(lang, 'common.notViable'), 'bad');
export const profitTone = (fen: Fen): Tone | undefined => (fen < 0 ? 'bad' : undefined);

/** A cell showing a number, with the number itself for workbooks (see `Cell.value`). */
const numCell = (text: string, value: number, kind: NumKind, places: number, tone?: Tone): Cell =>
  // Written out rather than spread from cell(): the spread was the heaviest function of a table of 100k rows.
  tone ? { text, tone, value, kind, places } : { text, value, kind, places };
/** Money in yuan, two decimals: 123456 fen → "1,234.56" holding 1234.56. */
export const yuanCell = (fen: Fen, tone?: Tone): Cell => numCell(formatMoney(fen), fen / 100, 'yuan', 2, tone);
/** A fee in yuan/m²/month to `places` decimals; "—" when there is none. */
export const feeCell = (x: number | null, places: number, tone?: Tone): Cell =>
  x === null ? cell('—', tone) : numCell(formatDecimal(x, places), Number(roundToString(x, places)), 'fee', places, tone);
/** A fee solved for a target (break-even, bid), rounded UP to `places` as it is charged; "—" when there is none. */
export const chargeCell = (x: number | null, places: number, tone?: Tone): Cell =>
  x === null ? cell('—', tone) : numCell(formatFeeToCharge(x, places), Number(ceilToString(x, places)), 'fee', places, tone);
/** A ratio as a percentage to `places` decimals: 0.8512 → "85.1%" holding 0.851; "—" when there is none. */
export const pctCell = (x: number | null, places: number, tone?: Tone): Cell =>
  x === null ? cell('—', tone) : numCell(formatPercent(x, places), Number(roundToString(x * 100, places)) / 100, 'percent', places, tone);
/** A whole count: 12345 → "12,345". */
export const countCell = (n: number, tone?: Tone): Cell => numCell(formatInt(n), Number(roundToString(n, 0)), 'count', 0, tone);
/** Another quantity (FTE, m², years) to `places` decimals. */
export const decimalCell = (x: number, places: number, tone?: Tone): Cell => numCell(formatDecimal(x, places), Number(roundToString(x, places)), 'number', places, tone);

/** A parameter's unit as the language writes it (`yuan/m2/month` → 元/㎡·月). */
export const paramUnit = (lang: Lang, unit: string): string => wordOf(lang, 'paramUnit', unit);

/** A parameter's source: the data file's English reference, or its Chinese description under zh. */
export function paramReference(lang: Lang, p: { reference: string; descriptionZh?: string | undefined; estimate: boolean; overriddenBy?: string | undefined }): string {
  const text = lang === 'zh' && p.descriptionZh ? p.descriptionZh : p.reference;
  return `${p.estimate ? t(lang, 'common.estimate') : ''}${p.overriddenBy ? `(${t(lang, 'common.setBy')} ${p.overriddenBy}) ` : ''}${text}`;
}
