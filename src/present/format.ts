import { ceilToString, fenToString, roundToString, type Fen } from '../core/money.js';
import type { Lang } from '../core/lang.js';
import { t } from './labels/index.js';

/**
 * Number formatting for views. Chinese financial tables use the same digits, decimal point and
 * comma grouping as English ones (1,234.56), so the languages differ only in the unit words.
 * Every function rounds exactly (half away from zero, via decimal.js) and only once.
 */

/** Insert thousands separators in the integer part of a plain decimal string ("-1234.5" → "-1,234.5"). */
export function groupDigits(plain: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(plain);
  if (!m) return plain;
  const [, sign = '', int = '', frac = ''] = m;
  return sign + int.replace(/\B(?=(\d{3})+$)/g, ',') + frac;
}

/** An integer count: 12345 → "12,345". */
export function formatInt(n: number): string {
  return groupDigits(roundToString(n, 0));
}

/** A quantity rounded to `places` decimals, grouped: (1234.5678, 2) → "1,234.57". */
export function formatDecimal(x: number, places: number): string {
  return groupDigits(roundToString(x, places));
}

/**
 * A fee someone would charge, solved by the model (break-even, bid, the fee that covers a share):
 * rounded UP to `places`, so that charging the printed fee does what it says (breaks even, reaches
 * the margin). (12.412216, 2) → "12.42".
 */
export function formatFeeToCharge(x: number, places: number): string {
  return groupDigits(ceilToString(x, places));
}

/** An amount of money in yuan with two decimals, no unit: 123456 fen → "1,234.56". */
export function formatMoney(fen: Fen): string {
  return groupDigits(fenToString(fen));
}

/** A ratio as a percentage: (0.8512, 1) → "85.1%". */
export function formatPercent(ratio: number, places: number): string {
  return `${roundToString(ratio * 100, places)}%`;
}


/** Money with its unit: 123456 fen → "1,234.56 yuan" / "1,234.56 元". */
export function formatYuan(fen: Fen, lang: Lang): string {
  return formatMoney(fen) + ` ${t(lang, 'unit.yuan')}`;
}

/** Money per year with its unit: "12,000.00 yuan/year" / "12,000.00 元/年". */
export function formatYuanPerYear(fen: Fen, lang: Lang): string {
  return formatMoney(fen) + ` ${t(lang, 'unit.yuanPerYear')}`;
}

/** A fee rate (yuan/m²/month, two decimals): 1.485 → "1.49 yuan/m²/month" / "1.49 元/㎡·月". */
export function formatFeeRate(rate: number, lang: Lang): string {
  return roundToString(rate, 2) + ` ${t(lang, 'unit.yuanPerM2Month')}`;
}

/** A floor area in whole m²: 9000 → "9,000 m²" / "9,000 ㎡". */
export function formatArea(m2: number, lang: Lang): string {
  return formatInt(m2) + ` ${t(lang, 'unit.m2')}`;
}
