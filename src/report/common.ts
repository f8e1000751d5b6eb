import { z } from 'zod';
import { ceilToString, fenToString, roundToString, type Fen } from '../core/money.js';
import type { ResolvedParams } from '../params/tree.js';
import type { Cell, Tone } from '../core/table.js';

/**
 * Shared pieces of the reports commands print: how numbers appear in JSON (rounded once, here),
 * the zod shapes they share, and small helpers for views in two languages.
 */
export type Lang = 'en' | 'zh';

/** Pick the label of the language. */
export function L(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}

/** Money in JSON: an exact decimal string of yuan, "1234.56". */
export const money = (fen: Fen): string => fenToString(fen);
/** A fee in JSON: yuan/m²/month, 6 decimals (enough that area × 12 × error < 1 yuan). */
export const feeJson = (x: number | null): number | null => (x === null ? null : Number(roundToString(x, 6)));
/** A break-even fee rounds UP, so that charging the printed fee does break even. */
export const breakEvenJson = (x: number | null): number | null => (x === null ? null : Number(ceilToString(x, 6)));
/** A ratio (margin) in JSON, 4 decimals. */
export const ratioJson = (x: number | null): number | null => (x === null ? null : Number(roundToString(x, 4)));

export const MoneySchema = z.string().regex(/^-?\d+\.\d{2}$/).describe('yuan per year, exact decimal string');
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
  viable ? cell(L(lang, 'viable', '可持续'), 'good') : cell(L(lang, 'not viable', '亏损'), 'bad');
export const profitTone = (fen: Fen): Tone | undefined => (fen < 0 ? 'bad' : undefined);
