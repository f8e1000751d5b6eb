/**
 * Validation of compound records: one rule per column (a zod schema plus a fast path for plain
 * cells), then the row rules that turn cells into a Compound. Pure: reused by the CSV reader, by
 * scenario files (`compoundChanges`) and by YAML test cases with inline rows.
 *
 * Speed: a million-row file has ~18 million cells, and a zod parse per cell costs more than
 * csv-parse itself. So each rule has a fast path that accepts only the plain, common spellings
 * (`813`, `0.45`, `commodity`) and checks the same bounds the zod schema was built from; anything
 * else (spaces, exponents, percentages, Chinese labels, every error) goes through zod, which is
 * the authority on what is accepted. Messages are built only on failure, from the zod issue.
 */
import { z } from 'zod';
import { normalizeId, type Compound, type CompoundField, type HousingType, type Location, type ServiceLevel } from '../core/compound.js';
import type { Problem } from '../core/errors.js';
import { COLUMNS, type ColumnName } from './columns.js';

/** What a cell may hold before validation: CSV gives strings, YAML gives numbers too. */
export type RawCell = string | number | null | undefined;

/** Returned by `parseCell` when the cell is not acceptable; `explainCell` says why. */
export const INVALID: unique symbol = Symbol('invalid cell');
/** The type of INVALID. */
export type Invalid = typeof INVALID;

/** A valid cell's value. */
export type CellValue = string | number | null;

interface RuleBase {
  readonly column: ColumnName;
  /** What a valid cell looks like, for messages: "a positive number". */
  readonly expected: string;
  readonly required: boolean;
  /** The authority: accepts a string or number cell, yields the value. */
  readonly schema: z.ZodType<CellValue, RawCell>;
}

/** A numeric column; the bounds are those the zod schema was built from. */
export interface NumberRule extends RuleBase {
  readonly kind: 'number';
  /** The value of an empty cell or absent column. */
  readonly empty: number | null;
  readonly min: number;
  readonly minExclusive: boolean;
  readonly max: number;
  readonly integer: boolean;
}

/** A column of labels (housing_type, service_level), English or Chinese. */
export interface EnumRule extends RuleBase {
  readonly kind: 'enum';
  readonly empty: string;
  /** Exact spellings accepted without normalising. */
  readonly exact: ReadonlyMap<string, string>;
}

/** A text column (id, name); surrounding spaces are dropped. */
export interface TextRule extends RuleBase {
  readonly kind: 'text';
  readonly empty: string | null;
}

/** One column's validation rule. */
export type CellRule = NumberRule | EnumRule | TextRule;

// A decimal number, optionally signed, with an optional exponent; no thousands separators.
const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)\s*%$/;

const decimalString = z.string().trim().regex(DECIMAL_RE).transform(Number);
const percentString = z
  .string()
  .trim()
  .regex(PERCENT_RE)
  .transform((s) => Number(s.slice(0, s.indexOf('%')).trim()) / 100);

interface Bounds {
  gt?: number;
  gte?: number;
  lte?: number;
  integer?: boolean;
}

function numberRange(b: Bounds): z.ZodNumber {
  let n = z.number();
  if (b.integer) n = n.int();
  if (b.gt !== undefined) n = n.gt(b.gt);
  if (b.gte !== undefined) n = n.gte(b.gte);
  if (b.lte !== undefined) n = n.lte(b.lte);
  return n;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The value of `-?digits[.digits]` with at most 15 digits, else NaN. Equal to Number(s): the
 * digits form an exact integer m < 2^53 and 10^k is exact, so m / 10^k is one correctly rounded
 * division, the same rounding Number() does. Anything else (spaces, '+', exponents) is left to zod.
 */
export function plainDecimal(s: string): number {
  const n = s.length;
  if (n === 0 || n > 17) return NaN;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    neg = true;
    i = 1;
  }
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      m = m * 10 + c;
      digits++;
      if (frac >= 0) frac++;
    } else if (c === -2 && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || frac === 0) return NaN;
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg && v !== 0 ? -v : v;
}

function fits(r: NumberRule, n: number): boolean {
  return (
    (r.minExclusive ? n > r.min : n >= r.min) && n <= r.max && (!r.integer || Number.isSafeInteger(n))
  );
}

/** True for characters String.prototype.trim never removes: printable ASCII and CJK ideographs. */
function untrimmable(c: number): boolean {
  return (c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff);
}

function isBlank(raw: string): boolean {
  return raw.length === 0 || raw.trim().length === 0;
}

function numberRule(column: ColumnName, expected: string, b: Bounds, required: boolean, empty: number | null): NumberRule {
  return {
    kind: 'number',
    column,
    expected,
    required,
    empty,
    schema: z.union([z.number(), decimalString]).pipe(numberRange(b)),
    min: b.gt ?? b.gte ?? -Infinity,
    minExclusive: b.gt !== undefined,
    max: b.lte ?? Infinity,
    integer: b.integer ?? false,
  };
}

function rateRule(column: ColumnName): NumberRule {
  const b: Bounds = { gte: 0, lte: 1 };
  return {
    ...numberRule(column, 'a rate between 0 and 1, or a percentage up to 100%', b, false, null),
    schema: z.union([z.number(), percentString, decimalString]).pipe(numberRange(b)),
  };
}

function normalizeLabel(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function enumRule<T extends string>(column: ColumnName, labels: Record<string, T>, empty: T): EnumRule {
  const values = [...new Set(Object.values(labels))] as [T, ...T[]];
  const zh = Object.keys(labels).filter((k) => !/^[a-z_]+$/.test(k));
  return {
    kind: 'enum',
    column,
    expected: `one of ${values.join(', ')} (${zh.join(', ')})`,
    required: false,
    empty,
    schema: z
      .string()
      .transform((s) => labels[normalizeLabel(s)] ?? s.trim())
      .pipe(z.enum(values)),
    exact: new Map<string, string>(Object.entries(labels)),
  };
}

function textRule(column: ColumnName, required: boolean): TextRule {
  return {
    kind: 'text',
    column,
    expected: 'a non-empty text',
    required,
    empty: required ? null : '',
    schema: z.union([z.string(), z.number().transform(String)]).pipe(z.string().trim().min(1)),
  };
}

const HOUSING_LABELS: Record<string, HousingType> = {
  commodity: 'commodity',
  after_sale_public: 'after_sale_public',
  other: 'other',
  商品房: 'commodity',
  售后公房: 'after_sale_public',
  售后房: 'after_sale_public',
  其他: 'other',
};
const SERVICE_LABELS: Record<string, ServiceLevel> = {
  basic: 'basic',
  standard: 'standard',
  full: 'full',
  基础: 'basic',
  标准: 'standard',
  全面: 'full',
};

const WHOLE_GE_0: Bounds = { integer: true, gte: 0 };
const NUMBER_GE_0: Bounds = { gte: 0 };

/** The rule of each canonical column. */
export const CELL_RULES = {
  id: textRule('id', true),
  name: textRule('name', false),
  area_m2: numberRule('area_m2', 'a positive number', { gt: 0 }, true, null),
  households: numberRule('households', 'a whole number ≥ 1', { integer: true, gte: 1 }, true, null),
  fee_rate: numberRule('fee_rate', 'a number ≥ 0', NUMBER_GE_0, true, null),
  housing_type: enumRule('housing_type', HOUSING_LABELS, 'other'),
  service_level: enumRule('service_level', SERVICE_LABELS, 'standard'),
  floors: numberRule('floors', 'a whole number ≥ 1', { integer: true, gte: 1 }, false, null),
  elevators: numberRule('elevators', 'a whole number ≥ 0', WHOLE_GE_0, false, 0),
  built_year: numberRule('built_year', 'a year from 1800 to 2100', { integer: true, gte: 1800, lte: 2100 }, false, null),
  gates: numberRule('gates', 'a whole number ≥ 0', WHOLE_GE_0, false, 0),
  water_tanks: numberRule('water_tanks', 'a whole number ≥ 0', WHOLE_GE_0, false, 0),
  green_area_m2: numberRule('green_area_m2', 'a number ≥ 0', NUMBER_GE_0, false, 0),
  lat: numberRule('lat', 'a latitude from -90 to 90', { gte: -90, lte: 90 }, false, null),
  lon: numberRule('lon', 'a longitude from -180 to 180', { gte: -180, lte: 180 }, false, null),
  x_m: numberRule('x_m', 'a number (metres)', {}, false, null),
  y_m: numberRule('y_m', 'a number (metres)', {}, false, null),
  collection_rate: rateRule('collection_rate'),
  other_income: numberRule('other_income', 'a number ≥ 0', NUMBER_GE_0, false, 0),
  subsidy: numberRule('subsidy', 'a number ≥ 0', NUMBER_GE_0, false, 0),
} as const satisfies Record<ColumnName, CellRule>;

/**
 * The highest fee taken as a per-m² monthly fee, in yuan/m²/month. Xuhui's average residential
 * fees were 1.17–2.71 in 2018–19 (Shanghai price monitoring, see DOMAIN.md) and even luxury
 * compounds stay well below 20 [E]; a value above it is almost always a monthly or yearly total,
 * or a per-household fee, typed into the per-m² column.
 * `--allow-high-fees` lifts the check. Documented in README.md and fixtures/README.md.
 */
export const MAX_PLAUSIBLE_FEE_RATE = 20;

/** True for a character Unicode NFKC may change: full-width forms (８１３, ９５％), ideographic space, ㎡. */
function mayNormalize(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x3000) return true;
  return false;
}

/** Numbers as offices type them: full-width digits and ％ read after Unicode NFKC. */
function numberText(raw: RawCell): RawCell {
  return typeof raw === 'string' && mayNormalize(raw) ? raw.normalize('NFKC') : raw;
}

/**
 * Labels offices put where a compound id or name goes on a totals line. Compared after NFKC,
 * without spaces or a trailing colon, ignoring case.
 */
const TOTALS_LABELS: ReadonlySet<string> = new Set(['合计', '总计', '小计', '共计', '总合计', 'total', 'totals', 'subtotal', 'grandtotal', 'sum']);

/** True if a cell reads as the label of a totals row (合计, 总计, 小计, Total). Cheap for ordinary ids. */
export function isTotalsLabel(raw: RawCell): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 16) return false;
  // This runs on the id and name of every row: most are settled by their first character. Only
  // t(otal), s(ubtotal, sum), g(rand total), 合, 总, 小, 共, white space and full-width forms may
  // start a totals label.
  const c = raw.charCodeAt(0);
  if (c < 0x80) {
    const l = c | 0x20;
    if (l !== 0x74 && l !== 0x73 && l !== 0x67 && c !== 0x20 && c !== 0x09) return false;
  } else if (c !== 0x5408 && c !== 0x603b && c !== 0x5c0f && c !== 0x5171 && c !== 0x3000 && c !== 0xa0 && c < 0xff00) return false;
  const t = raw.normalize('NFKC').replace(/[\s:_-]/g, '').toLowerCase();
  return TOTALS_LABELS.has(t);
}

/**
 * Validate one cell from any source. An empty cell (or null/undefined) is the column's default,
 * or INVALID when the column is required. -0 becomes 0.
 */
export function parseCell(rule: CellRule, raw: RawCell): CellValue | Invalid {
  if (raw === null || raw === undefined || (typeof raw === 'string' && isBlank(raw))) {
    return rule.required ? INVALID : rule.empty;
  }
  if (typeof raw === 'string') {
    if (rule.kind === 'number') {
      const n = plainDecimal(raw);
      if (n === n && fits(rule, n)) return n;
      raw = numberText(raw);
    } else if (rule.kind === 'enum') {
      const v = rule.exact.get(raw);
      if (v !== undefined) return v;
    } else {
      return raw.trim();
    }
  }
  const r = rule.schema.safeParse(raw);
  if (!r.success) return INVALID;
  return r.data === 0 ? 0 : r.data;
}

function show(raw: RawCell): string {
  if (raw === null || raw === undefined) return 'nothing';
  if (typeof raw === 'number') return String(raw);
  if (isBlank(raw)) return 'an empty cell';
  const s = raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
  return JSON.stringify(s);
}

/** Why a cell failed: code, message and hint, from the zod issue and the raw text. */
export function explainCell(
  rule: CellRule,
  raw: RawCell,
  where: { file: string; line?: number; column?: number | undefined },
): Problem {
  const w: { file: string; line?: number; column?: number; field: string } = { file: where.file, field: rule.column };
  if (where.line !== undefined) w.line = where.line;
  if (where.column !== undefined) w.column = where.column;
  const message = `expected ${rule.expected}, got ${show(raw)}`;
  if (raw === null || raw === undefined || (typeof raw === 'string' && isBlank(raw))) {
    return { code: 'CSV_MISSING_VALUE', message, where: w, hint: `"${rule.column}" is required` };
  }
  if (rule.kind === 'enum') return { code: 'CSV_INVALID_ENUM', message, where: w };
  if (rule.kind === 'text') return { code: 'CSV_INVALID_TEXT', message, where: w };
  const r = rule.schema.safeParse(numberText(raw));
  const issue = r.success ? undefined : r.error.issues[0];
  let code = 'CSV_INVALID_NUMBER';
  if (issue?.code === 'too_small' || issue?.code === 'too_big') code = 'CSV_OUT_OF_RANGE';
  else if (issue?.code === 'invalid_type' && issue.expected === 'int') code = 'CSV_NOT_INTEGER';
  const p: Problem = { code, message, where: w };
  const hint = code === 'CSV_NOT_INTEGER' ? undefined : numberHint(rule, raw);
  if (hint) p.hint = hint;
  return p;
}

function numberHint(rule: NumberRule, raw: string | number): string | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? undefined : 'the number must be finite';
  const s = raw.normalize('NFKC').trim();
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return 'write numbers without thousands separators';
  if (/^[+-]?\d+,\d+$/.test(s)) return 'use a dot as decimal separator';
  if (/^[+-]?(nan|inf|infinity)$/i.test(s)) return 'NaN and Infinity are not numbers; leave the cell empty if unknown';
  if (DECIMAL_RE.test(s) && !Number.isFinite(Number(s))) return 'the number is too large to be finite';
  if (s.endsWith('%')) return rule.column === 'collection_rate' ? undefined : 'a percentage is only accepted in collection_rate';
  if (rule.column === 'collection_rate' && DECIMAL_RE.test(s) && Number(s) > 1 && Number(s) <= 100) {
    return `write ${s}% for a percentage`;
  }
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)\s*[^\d\s.,+-]/.test(s)) return 'write the number without a unit';
  return undefined;
}

const R = CELL_RULES;
const NO_COLUMN = -1;

/**
 * Turns rows of raw cells into Compounds: each column's rule, then the row rules (lat with lon,
 * x_m with y_m) and defaults (name = id). Built once per header; `toCompound` is the hot path of
 * the CSV reader, so it is straight-line code over fixed cell positions.
 */
export class RowValidator {
  private readonly at: Record<ColumnName, number>;

  /**
   * @param positions index of each column in a row (absent: the column's default applies)
   * @param columnOf  1-based column of a field, for messages
   */
  constructor(
    positions: Partial<Record<ColumnName, number>>,
    private readonly file: string,
    private readonly columnOf: (field: string) => number | undefined = () => undefined,
    private readonly opts: {
      /** Refuse fee_rate above this (yuan/m²/month); undefined: no ceiling. */
      feeCeiling?: number;
      /** In a workbook: the sheet, added to every problem's place. */
      sheet?: string;
    } = {},
  ) {
    this.at = Object.fromEntries(COLUMNS.map((c) => [c, positions[c] ?? NO_COLUMN])) as Record<ColumnName, number>;
  }

  /** The compound of a row, or undefined after reporting each problem of the row. */
  toCompound(rec: readonly RawCell[], line: number, report: (p: Problem) => void): Compound | undefined {
    const a = this.at;
    const id = this.text(rec, a.id, R.id, line, report);
    const name = this.text(rec, a.name, R.name, line, report);
    const area = this.num(rec, a.area_m2, R.area_m2, line, report);
    const households = this.num(rec, a.households, R.households, line, report);
    const fee = this.num(rec, a.fee_rate, R.fee_rate, line, report);
    const housing = this.label(rec, a.housing_type, R.housing_type, line, report);
    const service = this.label(rec, a.service_level, R.service_level, line, report);
    const floors = this.num(rec, a.floors, R.floors, line, report);
    const elevators = this.num(rec, a.elevators, R.elevators, line, report);
    const built = this.num(rec, a.built_year, R.built_year, line, report);
    const gates = this.num(rec, a.gates, R.gates, line, report);
    const tanks = this.num(rec, a.water_tanks, R.water_tanks, line, report);
    const green = this.num(rec, a.green_area_m2, R.green_area_m2, line, report);
    const lat = this.num(rec, a.lat, R.lat, line, report);
    const lon = this.num(rec, a.lon, R.lon, line, report);
    const x = this.num(rec, a.x_m, R.x_m, line, report);
    const y = this.num(rec, a.y_m, R.y_m, line, report);
    const rate = this.num(rec, a.collection_rate, R.collection_rate, line, report);
    const other = this.num(rec, a.other_income, R.other_income, line, report);
    const subsidy = this.num(rec, a.subsidy, R.subsidy, line, report);
    if (
      id === INVALID || name === INVALID || area === INVALID || households === INVALID || fee === INVALID ||
      housing === INVALID || service === INVALID || floors === INVALID || elevators === INVALID ||
      built === INVALID || gates === INVALID || tanks === INVALID || green === INVALID || lat === INVALID ||
      lon === INVALID || x === INVALID || y === INVALID || rate === INVALID || other === INVALID ||
      subsidy === INVALID
    ) {
      return undefined;
    }
    let location: Location | null = null;
    let pairsOk = true;
    if (lat !== null || lon !== null) {
      if (lat === null || lon === null) {
        pairsOk = false;
        report(this.pairProblem(lat === null ? 'lat' : 'lon', lat === null ? 'lon' : 'lat', line));
      } else location = { kind: 'geo', lat, lon };
    }
    if (x !== null || y !== null) {
      if (x === null || y === null) {
        pairsOk = false;
        report(this.pairProblem(x === null ? 'x_m' : 'y_m', x === null ? 'y_m' : 'x_m', line));
      } else if (location === null) location = { kind: 'xy', x, y };
    }
    if (!pairsOk) return undefined;
    if (this.opts.feeCeiling !== undefined && (fee as number) > this.opts.feeCeiling) {
      report(this.feeProblem(fee as number, area as number, households as number, line));
      return undefined;
    }
    // Required columns cannot yield null: the rule reports an empty cell as INVALID.
    return {
      id: normalizeId(id as string),
      name: name === '' || name === null ? (id as string) : (name as string),
      area_m2: area as number,
      households: households as number,
      fee_rate: fee as number,
      housing_type: housing as HousingType,
      service_level: service as ServiceLevel,
      floors,
      elevators: elevators as number,
      built_year: built,
      gates: gates as number,
      water_tanks: tanks as number,
      green_area_m2: green as number,
      location,
      collection_rate: rate,
      other_income: other as number,
      subsidy: subsidy as number,
      source: { file: this.file, line },
    };
  }

  /** A numeric cell: the fast path inline, else the full rule. */
  private num(rec: readonly RawCell[], i: number, rule: NumberRule, line: number, report: (p: Problem) => void): number | null | Invalid {
    if (i === NO_COLUMN) return rule.empty;
    const raw = rec[i];
    if (typeof raw === 'string') {
      const n = plainDecimal(raw);
      if (n === n && fits(rule, n)) return n;
    }
    return this.slow(raw, rule, line, report) as number | null | Invalid;
  }

  /** A text cell: returned as is unless it may have spaces to trim, or is empty. */
  private text(rec: readonly RawCell[], i: number, rule: TextRule, line: number, report: (p: Problem) => void): CellValue | Invalid {
    if (i === NO_COLUMN) return rule.empty;
    const raw = rec[i];
    if (typeof raw === 'string' && raw.length > 0 && untrimmable(raw.charCodeAt(0)) && untrimmable(raw.charCodeAt(raw.length - 1))) {
      return raw;
    }
    return this.slow(raw, rule, line, report);
  }

  /** A label cell: exact spellings by lookup, else the full rule. */
  private label(rec: readonly RawCell[], i: number, rule: EnumRule, line: number, report: (p: Problem) => void): CellValue | Invalid {
    if (i === NO_COLUMN) return rule.empty;
    const raw = rec[i];
    if (typeof raw === 'string') {
      const v = rule.exact.get(raw);
      if (v !== undefined) return v;
    }
    return this.slow(raw, rule, line, report);
  }

  private slow(raw: RawCell, rule: CellRule, line: number, report: (p: Problem) => void): CellValue | Invalid {
    const v = parseCell(rule, raw);
    if (v === INVALID) {
      const p = explainCell(rule, raw, { file: this.file, line, column: this.columnOf(rule.column) });
      if (this.opts.sheet !== undefined && p.where) p.where.sheet = this.opts.sheet;
      report(p);
    }
    return v;
  }

  private feeProblem(fee: number, area: number, households: number, line: number): Problem {
    const ceiling = this.opts.feeCeiling ?? MAX_PLAUSIBLE_FEE_RATE;
    const r2 = (x: number): string => (Math.round(x * 100) / 100).toFixed(2);
    const readings: string[] = [];
    const plausible = (x: number): boolean => x >= 0.01 && x <= ceiling;
    if (plausible(fee / area / 12)) readings.push(`a yearly total gives ${fee} ÷ ${area} m² ÷ 12 = ${r2(fee / area / 12)}`);
    if (plausible(fee / area)) readings.push(`a monthly total gives ${fee} ÷ ${area} m² = ${r2(fee / area)}`);
    if (plausible((fee * households) / area)) {
      readings.push(`yuan per household a month gives ${fee} × ${households} ÷ ${area} m² = ${r2((fee * households) / area)}`);
    }
    return {
      code: 'CSV_IMPLAUSIBLE_FEE',
      message: `a fee of ${fee} yuan/m²/month is above the plausible ceiling of ${ceiling} yuan/m²/month`,
      where: this.where(line, 'fee_rate'),
      hint: `is it a yearly or monthly total in a per-m² column? ${readings.length > 0 ? `${readings.join('; ')} yuan/m²/month. ` : ''}Write the fee per m² a month, or pass --allow-high-fees if it is right`,
    };
  }

  private where(line: number, field: ColumnName): Problem['where'] & object {
    const w: Problem['where'] & object = { file: this.file, line, field };
    const column = this.columnOf(field);
    if (column !== undefined) w.column = column;
    if (this.opts.sheet !== undefined) w.sheet = this.opts.sheet;
    return w;
  }

  private pairProblem(missing: ColumnName, present: ColumnName, line: number): Problem {
    const where = this.where(line, missing);
    const column = this.columnOf(missing) ?? this.columnOf(present);
    if (column !== undefined) where.column = column;
    return {
      code: 'CSV_INCOMPLETE_LOCATION',
      message: `"${present}" is given but "${missing}" is empty`,
      where,
      hint: `give both ${present} and ${missing}, or neither`,
    };
  }
}

function isColumn(k: string): k is ColumnName {
  return (COLUMNS as readonly string[]).includes(k);
}

const IDENTITY_POSITIONS = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<ColumnName, number>;

/** Validates one raw record (keys already canonical column names; values strings or numbers). */
export function compoundFromRecord(
  rec: Record<string, unknown>,
  where: { file: string; line: number; columnOf?: (field: string) => number | undefined },
): { compound?: Compound; problems: Problem[] } {
  const problems: Problem[] = [];
  for (const key of Object.keys(rec)) if (!isColumn(key)) problems.push(unknownField(key, where));
  const cells: RawCell[] = [];
  for (const col of COLUMNS) {
    const v = rec[col];
    if (isRawCell(v)) cells.push(v);
    else {
      problems.push(notACell(col, v, where));
      cells.push(undefined);
    }
  }
  if (problems.length > 0) return { problems };
  const compound = new RowValidator(IDENTITY_POSITIONS, where.file, where.columnOf).toCompound(cells, where.line, (p) =>
    problems.push(p),
  );
  return compound ? { compound, problems } : { problems };
}

/** Fields a patch may set, i.e. `CompoundField`: every column but the identity and the location. */
const NOT_PATCHABLE: ReadonlySet<string> = new Set(['id', 'lat', 'lon', 'x_m', 'y_m']);
const PATCHABLE = COLUMNS.filter((c) => !NOT_PATCHABLE.has(c)) as readonly string[] as readonly CompoundField[];

/**
 * Validates a partial change to a compound (scenario `compoundChanges: JJY: {fee_rate: 1.49}`).
 * An empty or null value sets an optional field to its default, as an empty CSV cell would.
 */
export function compoundPatchFromRecord(
  rec: Record<string, unknown>,
  where: { file: string; line: number },
): { patch?: Partial<Compound>; problems: Problem[] } {
  const problems: Problem[] = [];
  const patch: Record<string, CellValue> = {};
  for (const [key, raw] of Object.entries(rec)) {
    if (!(PATCHABLE as readonly string[]).includes(key)) {
      problems.push(
        isColumn(key)
          ? {
              code: 'CSV_FIELD_NOT_CHANGEABLE',
              message: `"${key}" cannot be changed by a patch`,
              where: { file: where.file, line: where.line, field: key },
              hint: `changeable fields: ${PATCHABLE.join(', ')}`,
            }
          : unknownField(key, where),
      );
      continue;
    }
    const rule = CELL_RULES[key as CompoundField & ColumnName];
    if (!isRawCell(raw)) {
      problems.push(notACell(key, raw, where));
      continue;
    }
    const v = parseCell(rule, raw);
    if (v === INVALID) problems.push(explainCell(rule, raw, where));
    else patch[key] = v;
  }
  if (problems.length > 0) return { problems };
  return { patch: patch as Partial<Compound>, problems };
}

function isRawCell(v: unknown): v is RawCell {
  return v === null || v === undefined || typeof v === 'string' || typeof v === 'number';
}

function notACell(col: string, raw: unknown, where: { file: string; line: number }): Problem {
  const rule = isColumn(col) ? CELL_RULES[col] : undefined;
  return {
    code: 'CSV_INVALID_VALUE',
    message: `expected ${rule?.expected ?? 'a text or a number'}, got ${Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}`,
    where: { file: where.file, line: where.line, field: col },
  };
}

function unknownField(key: string, where: { file: string; line: number }): Problem {
  return {
    code: 'CSV_UNKNOWN_FIELD',
    message: `unknown field ${JSON.stringify(key)}`,
    where: { file: where.file, line: where.line, field: key },
    hint: `known fields: ${COLUMNS.join(', ')}`,
  };
}
