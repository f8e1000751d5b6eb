import { Decimal } from 'decimal.js';

/**
 * Money is held as integer fen (0.01 yuan) in a JS number: exact for sums up to 2^53 fen
 * (≈ 9 × 10^13 yuan), and fast enough to evaluate a million compounds.
 *
 * An amount is formed once, where a cost line or a revenue line is priced, by rounding the exact
 * product of its factors to the fen, half away from zero, as an invoice line is. After that every
 * total is an exact integer sum. Floats only carry the factors; when a product lies so near a
 * half-fen that float error could flip the rounding, it is recomputed exactly with decimal.js.
 */
export type Fen = number;

const TIE_EPS = 1e-6;

/** Round the exact product of the factors (yuan; one to four of them) to fen. */
export function fenOf(a: number, b?: number, c?: number, d?: number): Fen {
  // Fixed parameters, not a rest list: a list allocated at each of the ~20 calls per compound was
  // garbage enough to show (a 100-point sweep of a million compounds makes 400 million calls).
  // Multiplied in the same order as before: 100 × a × b × c × d.
  let p = 100 * a;
  if (b !== undefined) p *= b;
  if (c !== undefined) p *= c;
  if (d !== undefined) p *= d;
  const frac = Math.abs(p) - Math.floor(Math.abs(p));
  if (Math.abs(frac - 0.5) < TIE_EPS * Math.max(1, Math.abs(p) * 1e-9) || !Number.isFinite(p)) {
    return exactFen([a, b, c, d].filter((f): f is number => f !== undefined));
  }
  const r = Math.round(Math.abs(p));
  return p < 0 ? -r : r;
}

function exactFen(factors: number[]): Fen {
  const fast = exactFenByIntegers(factors);
  if (fast !== undefined) return fast;
  let d = new Decimal(100);
  for (const f of factors) d = d.times(new Decimal(f));
  return d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/**
 * exactFen without decimal.js when every factor is a short decimal (542.6, 0.31, 12, 0.8, as data
 * and parameters are): each factor's digits, as String() gives them and decimal.js reads them, as
 * an integer and a count of decimals; the product of the integers and the rounding half away from
 * zero stay exact while the product is below 2^53 and there are at most 15 decimals in all.
 * Undefined otherwise (then decimal.js). Half-fen ties are common (an area to 0.1 m² times a fee
 * to 0.01 yuan), so this ran for every tenth amount.
 */
function exactFenByIntegers(factors: number[]): Fen | undefined {
  let product = 100;
  let decimals = 0;
  for (const f of factors) {
    const t = String(f);
    if (t.includes('e')) return undefined;
    const dot = t.indexOf('.');
    const digits = dot < 0 ? t : t.slice(0, dot) + t.slice(dot + 1);
    const m = Number(digits);
    decimals += dot < 0 ? 0 : t.length - dot - 1;
    product *= m;
    if (!Number.isSafeInteger(product) || decimals > 15) return undefined;
  }
  const scale = 10 ** decimals;
  const a = Math.abs(product);
  const q = Math.floor(a / scale);
  const r = a - q * scale;
  const n = 2 * r >= scale ? q + 1 : q;
  return product < 0 ? -n : n;
}

/** Convert whole or fractional yuan (as given in data) to fen, rounded half away from zero. */
export function yuanToFen(yuan: number): Fen {
  return fenOf(yuan);
}

/** Exact decimal string in yuan with two places: 123456 → "1234.56", -5 → "-0.05". */
export function fenToString(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount out of range: ${fen}`);
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = Math.floor(a / 100);
  const cents = a % 100;
  return `${neg ? '-' : ''}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Yuan as a number, for ratios and charts only (never summed). */
export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

/** Sum of fen amounts (exact). */
export function sumFen(xs: Iterable<Fen>): Fen {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/**
 * Round a non-money quantity (a fee rate, a margin) to `places` decimals for display, half away
 * from zero, exactly (via decimal.js so 1.005 → "1.01"). Returns a string.
 */
export function roundToString(x: number, places: number): string {
  if (!Number.isFinite(x)) return String(x);
  const n = scaledInteger(x, places, false);
  if (n !== undefined) return fixedText(n, places);
  const fast = roundDigits(x, places, false);
  if (fast !== undefined) return fast;
  const s = new Decimal(x).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
  return s === `-${(0).toFixed(places)}` ? (0).toFixed(places) : s;
}

/** Round up (toward +∞) to `places` decimals: a break-even fee that, charged, does break even. */
export function ceilToString(x: number, places: number): string {
  if (!Number.isFinite(x)) return String(x);
  const n = scaledInteger(x, places, true);
  if (n !== undefined) return fixedText(n, places);
  return roundDigits(x, places, true) ?? new Decimal(x).toDecimalPlaces(places, Decimal.ROUND_CEIL).toFixed(places);
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/**
 * `Number(ceilToString(x, places))`, without building the string when arithmetic is certain of it:
 * the solved fees of a million compounds are rounded up several times each (the fee solver checks
 * the fee as shown, the JSON writes it), and the digit strings were a tenth of `evaluate`.
 */
export function ceilToNumber(x: number, places: number): number {
  const n = scaledInteger(x, places, true);
  return n === undefined ? Number(ceilToString(x, places)) : n / POW10[places]!;
}

/** `Number(roundToString(x, places))` (half away from zero), the same way. */
export function roundToNumber(x: number, places: number): number {
  const n = scaledInteger(x, places, false);
  return n === undefined ? Number(roundToString(x, places)) : n / POW10[places]!;
}

/**
 * The JSON text of `ceilToNumber(x, places)` (of `roundToNumber` with `round`), for places ≤ 6:
 * printed from the integer of its 10^-places steps ("12.3401"), which costs a fraction of
 * printing the double. The same text: the decimal has at most 12 significant digits, so it is the
 * shortest form of its double, and at 6 places or fewer never takes the exponent form.
 */
export function scaledJson(x: number, places: number, round = false): string {
  const n = places <= 6 ? scaledInteger(x, places, !round) : undefined;
  if (n === undefined) {
    const v = round ? roundToNumber(x, places) : ceilToNumber(x, places);
    return Number.isFinite(v) ? String(v) : 'null';
  }
  // The fixed text without its trailing zeros (and without the point when nothing follows it).
  const text = fixedText(n, places);
  if (places === 0) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // '0'
  if (text.charCodeAt(end - 1) === 46) end--; // '.'
  return text.slice(0, end);
}

/** An integer of 10^-places steps as a decimal with `places` decimals: (-1234, 2) → "-12.34". */
function fixedText(n: number, places: number): string {
  const a = n < 0 ? -n : n;
  if (places === 0) return n < 0 ? `-${a}` : String(a);
  const p = POW10[places]!;
  const int = Math.floor(a / p);
  const text = `${int}.${String(a - int * p).padStart(places, '0')}`;
  return n < 0 ? `-${text}` : text;
}

/**
 * x × 10^places rounded up (ceil) or half away from zero, as an integer, when the product of
 * floats cannot have crossed the rounding edge; undefined otherwise (then the digits decide).
 *
 * Why this is exact: the decimal the string functions round is String(x), within half an ulp of
 * x, and a = x × 10^places is within half an ulp of x·10^places; together less than `tol` from
 * String(x)·10^places for |a| < 10^12. When a's fraction is more than `tol` from the edge (an
 * integer for ceil, one half for rounding), the exact decimal lies on the same side, so it rounds
 * to the same integer. n ÷ 10^places is then the double nearest that decimal, as Number() of its
 * string is (both are correctly rounded quotients of exact operands). A decimal with at most
 * `places` decimals (0.45 × 10^6) sits on the ceil edge and takes the string path. Zero has no sign.
 */
function scaledInteger(x: number, places: number, ceil: boolean): number | undefined {
  if (places >= POW10.length) return undefined;
  const a = x * POW10[places]!;
  const b = Math.abs(a);
  if (!(b < 1e12)) return undefined;
  const tol = 1e-7 + b * 1e-15;
  if (ceil) {
    const f = a - Math.floor(a);
    if (f < tol || f > 1 - tol) return undefined;
    const n = Math.floor(a) + 1;
    return n === 0 ? 0 : n;
  }
  const f = b - Math.floor(b);
  if (Math.abs(f - 0.5) < tol) return undefined;
  const n = f > 0.5 ? Math.floor(b) + 1 : Math.floor(b);
  return n === 0 ? 0 : a < 0 ? -n : n;
}

/**
 * The two string functions above, done on the digits of `String(x)`, which is the decimal that decimal.js
 * reads a number as: the same result without building a Decimal (three per compound made a tenth
 * of `evaluate`'s time). Half-up looks at the first dropped digit; ceiling rounds a positive
 * number up whenever digits are dropped (the shortest form never ends in 0, so dropped digits are
 * never all zeros). A zero result has no sign, as decimal.js prints it. Undefined for the exponent
 * form (|x| < 1e-6 or ≥ 1e21), which is left to decimal.js.
 */
function roundDigits(x: number, places: number, ceil: boolean): string | undefined {
  let s = String(x);
  if (s.includes('e')) return undefined;
  const neg = s.charCodeAt(0) === 45; // '-'
  if (neg) s = s.slice(1);
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  let digits: string;
  if (frac.length <= places) {
    digits = int + frac.padEnd(places, '0');
  } else {
    digits = int + frac.slice(0, places);
    const up = ceil ? !neg : frac.charCodeAt(places) >= 53; // '5'
    if (up) digits = incrementDigits(digits);
  }
  const cut = digits.length - places;
  const body = places === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return neg && /[1-9]/.test(digits) ? `-${body}` : body;
}

/** "0999" → "1000", "129" → "130": adds one to a string of decimal digits. */
function incrementDigits(d: string): string {
  let i = d.length - 1;
  while (i >= 0 && d.charCodeAt(i) === 57) i--; // '9'
  if (i < 0) return `1${'0'.repeat(d.length)}`;
  return d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1) + '0'.repeat(d.length - 1 - i);
}
