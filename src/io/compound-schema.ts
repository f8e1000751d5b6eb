/**
 * Validation of compound records: one rule per column (zod schema + a fast path for plain cells),
 * then the row rules that turn cells into a Compound. Pure: reused by the CSV reader, by scenario
 * files (`compoundChanges`) and by YAML test cases with inline rows.
 *
 * Speed: a million-row file has ~15 million cells, and a zod parse per cell costs more than
 * csv-parse itself. So each rule has a fast path that accepts only the plain, common spellings
 * (`813`, `0.45`, `commodity`) and checks the same bounds the zod schema was built from; anything
 * else (spaces, exponents, percentages, Chinese labels, errors) goes through zod, which is the
 * authority on what is accepted. Messages are only built on failure, from the zod issue.
 */
import { z } from 'zod';
import type { Compound, CompoundField, HousingType, Location, ServiceLevel } from '../core/compound.js';
import type { Problem } from '../core/errors.js';
import { COLUMNS, type ColumnName } from './columns.js';

/** What a cell may hold before validation: CSV gives strings, YAML gives numbers too. */
export type RawCell = string | number | null | undefined;

/** Returned by a rule's `parse` when the cell is not acceptable; call `explain` for the problem. */
export const INVALID: unique symbol = Symbol('invalid cell');
type Invalid = typeof INVALID;

type CellOut = string | number | null;

/** One column's validation rule. */
export interface CellRule {
  readonly column: ColumnName;
  /** What a valid cell looks like, for messages: "a positive number". */
  readonly expected: string;
  readonly required: boolean;
  /** The value an empty cell (or an absent column) stands for. */
  readonly empty: CellOut;
  /** The authority: accepts a string or number cell, yields the value. */
  readonly schema: z.ZodType<CellOut>;
  /** Parse a CSV cell: fast path, else zod. Returns INVALID on failure. */
  parse(raw: string): CellOut | Invalid;
}

// A decimal number, optionally signed, with an optional exponent; no thousands separators.
const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)\s*%$/;

const decimalString = z.string().trim().regex(DECIMAL_RE).transform(Number);
const percentString = z
  .string()
  .trim()
  .regex(PERCENT_RE)
  .transform((s) => Number(s.slice(0, s.indexOf('%')).trim()) / 100);

interface NumberBounds {
  /** Exclusive lower bound. */
  gt?: number;
  /** Inclusive lower bound. */
  gte?: number;
  /** Inclusive upper bound. */
  lte?: number;
  integer?: boolean;
}

function numberRange(b: NumberBounds): z.ZodNumber {
  let n = z.number();
  if (b.integer) n = n.int();
  if (b.gt !== undefined) n = n.gt(b.gt);
  if (b.gte !== undefined) n = n.gte(b.gte);
  if (b.lte !== undefined) n = n.lte(b.lte);
  return n;
}

/** Same test as `numberRange(b)`, without zod: for the fast path. */
function inBounds(n: number, b: NumberBounds): boolean {
  if (b.integer && !Number.isSafeInteger(n)) return false;
  if (b.gt !== undefined && !(n > b.gt)) return false;
  if (b.gte !== undefined && !(n >= b.gte)) return false;
  if (b.lte !== undefined && !(n <= b.lte)) return false;
  return true;
}

/**
 * `-?digits[.digits]` only (a subset of DECIMAL_RE), else NaN. Number() alone would also take
 * "", " 1", "0x10", "Infinity", so the characters are checked first.
 */
function plainDecimal(s: string): number {
  const n = s.length;
  if (n === 0 || n > 24) return NaN;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let dot = false;
  let afterDot = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (dot) afterDot++;
    } else if (c === 46 && !dot) dot = true;
    else return NaN;
  }
  if (digits === 0 || (dot && afterDot === 0)) return NaN;
  return +s;
}

function isBlank(raw: string): boolean {
  return raw.length === 0 || raw.trim().length === 0;
}

/** Parse through the zod schema; -0 becomes 0 so "−0" never prints oddly. */
function viaZod(schema: z.ZodType<CellOut>, raw: RawCell): CellOut | Invalid {
  const r = schema.safeParse(raw);
  if (!r.success) return INVALID;
  return r.data === 0 ? 0 : r.data;
}

function numberRule(column: ColumnName, expected: string, b: NumberBounds, required: boolean, empty: number | null): CellRule {
  const schema = z.union([z.number(), decimalString]).pipe(numberRange(b));
  return {
    column,
    expected,
    required,
    empty,
    schema,
    parse(raw) {
      const n = plainDecimal(raw);
      if (n === n && inBounds(n, b)) return n + 0;
      if (isBlank(raw)) return required ? INVALID : empty;
      return viaZod(schema, raw);
    },
  };
}

const RATE_BOUNDS: NumberBounds = { gte: 0, lte: 1 };

function rateRule(column: ColumnName): CellRule {
  const schema = z.union([z.number(), percentString, decimalString]).pipe(numberRange(RATE_BOUNDS));
  return {
    column,
    expected: 'a rate between 0 and 1, or a percentage up to 100%',
    required: false,
    empty: null,
    schema,
    parse(raw) {
      const n = plainDecimal(raw);
      if (n === n && inBounds(n, RATE_BOUNDS)) return n + 0;
      if (isBlank(raw)) return null;
      return viaZod(schema, raw);
    },
  };
}

function normalizeLabel(s: string): string {
  return s.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function enumRule<T extends string>(column: ColumnName, labels: Record<string, T>, empty: T): CellRule {
  const values = [...new Set(Object.values(labels))] as [T, ...T[]];
  const zh = Object.entries(labels)
    .filter(([k]) => !/^[a-z_]+$/.test(k))
    .map(([k]) => k);
  const exact = new Map<string, T>(Object.entries(labels));
  const schema = z
    .string()
    .transform((s) => labels[normalizeLabel(s)] ?? s.trim())
    .pipe(z.enum(values));
  return {
    column,
    expected: `one of ${values.join(', ')} (${zh.join(', ')})`,
    required: false,
    empty,
    schema,
    parse(raw) {
      const v = exact.get(raw);
      if (v !== undefined) return v;
      if (isBlank(raw)) return empty;
      return viaZod(schema, raw);
    },
  };
}

function textRule(column: ColumnName, required: boolean): CellRule {
  const schema = z.union([z.string(), z.number().transform(String)]).pipe(z.string().trim().min(1));
  return {
    column,
    expected: 'a non-empty text',
    required,
    empty: required ? null : '',
    schema,
    parse(raw) {
      const t = raw.trim();
      if (t.length > 0) return t;
      return required ? INVALID : '';
    },
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

const WHOLE_GE_0: NumberBounds = { integer: true, gte: 0 };
const NUMBER_GE_0: NumberBounds = { gte: 0 };

/** The rule of each canonical column. */
export const CELL_RULES: Readonly<Record<ColumnName, CellRule>> = {
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
};

/** Validate one cell from any source (string or number). */
export function parseCell(rule: CellRule, raw: RawCell): CellOut | Invalid {
  if (raw === null || raw === undefined) return rule.required ? INVALID : rule.empty;
  if (typeof raw === 'string') return rule.parse(raw);
  return viaZod(rule.schema, raw);
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
  where: { file: string; line?: number; column?: number },
): Problem {
  const w = { ...where, field: rule.column };
  const empty = raw === null || raw === undefined || (typeof raw === 'string' && isBlank(raw));
  if (empty) {
    return {
      code: 'CSV_MISSING_VALUE',
      message: `expected ${rule.expected}, got ${show(raw)}`,
      where: w,
      hint: `"${rule.column}" is required`,
    };
  }
  const r = rule.schema.safeParse(raw);
  const issue = r.success ? undefined : r.error.issues[0];
  let code = 'CSV_INVALID_NUMBER';
  if (rule.expected.startsWith('one of')) code = 'CSV_INVALID_ENUM';
  else if (rule.column === 'id' || rule.column === 'name') code = 'CSV_INVALID_TEXT';
  else if (issue?.code === 'too_small' || issue?.code === 'too_big') code = 'CSV_OUT_OF_RANGE';
  else if (issue?.code === 'invalid_type' && issue.expected === 'int') code = 'CSV_NOT_INTEGER';
  const p: Problem = { code, message: `expected ${rule.expected}, got ${show(raw)}`, where: w };
  const hint = code === 'CSV_INVALID_NUMBER' || code === 'CSV_OUT_OF_RANGE' ? numberHint(rule, raw) : undefined;
  if (hint) p.hint = hint;
  return p;
}

function numberHint(rule: CellRule, raw: RawCell): string | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? undefined : 'the number must be finite';
  const s = (raw ?? '').trim();
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return 'write numbers without thousands separators';
  if (/^[+-]?\d+,\d+$/.test(s)) return 'use a dot as decimal separator';
  if (/^[+-]?(nan|inf|infinity)$/i.test(s)) return 'NaN and Infinity are not numbers; leave the cell empty if unknown';
  if (DECIMAL_RE.test(s) && !Number.isFinite(Number(s))) return 'the number is too large to be finite';
  if (s.endsWith('%')) {
    return rule.column === 'collection_rate' ? undefined : `a percentage is only accepted in collection_rate`;
  }
  if (rule.column === 'collection_rate' && DECIMAL_RE.test(s) && Number(s) > 1 && Number(s) <= 100) {
    return `write ${s}% for a percentage`;
  }
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)\s*\D+$/.test(s)) return 'write the number without a unit';
  return undefined;
}

/** Slot index of each column in a row of parsed values. */
export const SLOT: Readonly<Record<ColumnName, number>> = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<
  ColumnName,
  number
>;

/** A row of parsed values filled with each column's empty value. */
export function emptySlots(): CellOut[] {
  return COLUMNS.map((c) => CELL_RULES[c].empty);
}

/**
 * Row rules (lat with lon, x_m with y_m) and defaults (name = id). `slots` holds valid cell values;
 * returns undefined and adds problems when the row is not a compound.
 */
export function compoundFromSlots(
  s: readonly CellOut[],
  where: { file: string; line: number; columnOf?: ((field: string) => number | undefined) | undefined },
  problems: Problem[],
): Compound | undefined {
  let location: Location | null = null;
  const lat = s[13] as number | null;
  const lon = s[14] as number | null;
  const x = s[15] as number | null;
  const y = s[16] as number | null;
  let ok = true;
  if (lat !== null || lon !== null) {
    if (lat === null || lon === null) {
      ok = false;
      problems.push(pairProblem(lat === null ? 'lat' : 'lon', lat === null ? 'lon' : 'lat', where));
    } else location = { kind: 'geo', lat, lon };
  }
  if (x !== null || y !== null) {
    if (x === null || y === null) {
      ok = false;
      problems.push(pairProblem(x === null ? 'x_m' : 'y_m', x === null ? 'y_m' : 'x_m', where));
    } else if (location === null) location = { kind: 'xy', x, y };
  }
  if (!ok) return undefined;
  const id = s[0] as string;
  const name = s[1] as string;
  return {
    id,
    name: name === '' ? id : name,
    area_m2: s[2] as number,
    households: s[3] as number,
    fee_rate: s[4] as number,
    housing_type: s[5] as HousingType,
    service_level: s[6] as ServiceLevel,
    floors: s[7] as number | null,
    elevators: s[8] as number,
    built_year: s[9] as number | null,
    gates: s[10] as number,
    water_tanks: s[11] as number,
    green_area_m2: s[12] as number,
    location,
    collection_rate: s[17] as number | null,
    other_income: s[18] as number,
    subsidy: s[19] as number,
    source: { file: where.file, line: where.line },
  };
}

function pairProblem(
  missing: ColumnName,
  present: ColumnName,
  where: { file: string; line: number; columnOf?: ((field: string) => number | undefined) | undefined },
): Problem {
  const p: Problem = {
    code: 'CSV_INCOMPLETE_LOCATION',
    message: `"${present}" is given but "${missing}" is empty`,
    where: { file: where.file, line: where.line, field: missing },
    hint: `give both ${present} and ${missing}, or neither`,
  };
  const col = where.columnOf?.(missing) ?? where.columnOf?.(present);
  if (col !== undefined && p.where) p.where.column = col;
  return p;
}

function isColumn(k: string): k is ColumnName {
  return Object.prototype.hasOwnProperty.call(SLOT, k);
}

/** Validates one raw record (keys already canonical column names; values strings or numbers). */
export function compoundFromRecord(
  rec: Record<string, unknown>,
  where: { file: string; line: number; columnOf?: (field: string) => number | undefined },
): { compound?: Compound; problems: Problem[] } {
  const problems: Problem[] = [];
  const slots = emptySlots();
  for (const key of Object.keys(rec)) {
    if (!isColumn(key)) {
      problems.push(unknownField(key, where));
    }
  }
  for (const col of COLUMNS) {
    const rule = CELL_RULES[col];
    const raw = rec[col];
    const cell = toRawCell(raw);
    const at = { file: where.file, line: where.line, column: where.columnOf?.(col) };
    if (cell === INVALID) {
      problems.push(notACell(col, raw, at));
      continue;
    }
    const v = parseCell(rule, cell);
    if (v === INVALID) problems.push(explainCell(rule, cell, dropUndefined(at)));
    else slots[SLOT[col]] = v;
  }
  if (problems.length > 0) return { problems };
  const compound = compoundFromSlots(slots, where, problems);
  return compound ? { compound, problems } : { problems };
}

/** Fields a patch may set, i.e. `CompoundField`. */
const PATCHABLE: ReadonlySet<string> = new Set<CompoundField>([
  'name',
  'area_m2',
  'households',
  'fee_rate',
  'housing_type',
  'service_level',
  'floors',
  'elevators',
  'built_year',
  'gates',
  'water_tanks',
  'green_area_m2',
  'collection_rate',
  'other_income',
  'subsidy',
]);

/**
 * Validates a partial change to a compound (scenario `compoundChanges: JJY: {fee_rate: 1.49}`).
 * An empty or null value of an optional field sets the column's default, as an empty CSV cell would.
 */
export function compoundPatchFromRecord(
  rec: Record<string, unknown>,
  where: { file: string; line: number },
): { patch?: Partial<Compound>; problems: Problem[] } {
  const problems: Problem[] = [];
  const patch: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(rec)) {
    if (!PATCHABLE.has(key) || !isColumn(key)) {
      problems.push(
        isColumn(key)
          ? {
              code: 'CSV_FIELD_NOT_CHANGEABLE',
              message: `"${key}" cannot be changed by a patch`,
              where: { file: where.file, line: where.line, field: key },
              hint: `changeable fields: ${[...PATCHABLE].join(', ')}`,
            }
          : unknownField(key, where),
      );
      continue;
    }
    const rule = CELL_RULES[key];
    const cell = toRawCell(raw);
    if (cell === INVALID) {
      problems.push(notACell(key, raw, where));
      continue;
    }
    const v = parseCell(rule, cell);
    if (v === INVALID) problems.push(explainCell(rule, cell, where));
    else patch[key] = v;
  }
  if (problems.length > 0) return { problems };
  return { patch: patch as Partial<Compound>, problems };
}

function toRawCell(v: unknown): RawCell | Invalid {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number') return v;
  return INVALID;
}

function notACell(col: string, raw: unknown, where: { file: string; line?: number; column?: number | undefined }): Problem {
  return {
    code: 'CSV_INVALID_VALUE',
    message: `expected ${CELL_RULES[col as ColumnName]?.expected ?? 'a text or a number'}, got a ${Array.isArray(raw) ? 'list' : typeof raw}`,
    where: dropUndefined({ ...where, field: col }),
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

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
