import { Decimal } from 'decimal.js';
import type { CompoundField } from '../core/compound.js';
import { InputError, inputError, type Problem } from '../core/errors.js';
import { CELL_RULES, INVALID, explainCell, parseCell } from '../schema/compound.js';
import { didYouMean } from '../core/did-you-mean.js';
import type { ParamTree } from '../params/tree.js';

/**
 * What a sweep varies: `KEY=FROM:TO:STEP` or `KEY=V1,V2,…`, where KEY is a numeric compound field
 * (a CSV column: `fee_rate`, `collection_rate`, …) or a parameter key (`wages.cleaner`). Grid
 * values are formed in exact decimals, so 0.1:0.3:0.1 gives 0.1, 0.2, 0.3 and not
 * 0.30000000000000004; a number may be written as a percentage ("4%" = 0.04).
 */

/** Compound fields a sweep may vary: the numeric columns. */
export const SWEEP_FIELDS = [
  'fee_rate',
  'collection_rate',
  'other_income',
  'subsidy',
  'area_m2',
  'households',
  'floors',
  'elevators',
  'built_year',
  'gates',
  'water_tanks',
  'green_area_m2',
] as const satisfies readonly CompoundField[];
export type SweepField = (typeof SWEEP_FIELDS)[number];

/**
 * Fields that change revenue only: no cost line reads them (cost depends on areas, households,
 * gates, service…, never on what is charged or collected). A sweep over them evaluates costs once.
 */
export const REVENUE_FIELDS: ReadonlySet<SweepField> = new Set<SweepField>(['fee_rate', 'collection_rate', 'other_income', 'subsidy']);

/** Most points a sweep computes (all axes together): a guard against a mistyped step. */
export const MAX_SWEEP_POINTS = 100_000;

/** One axis of a sweep, validated: a compound field or a parameter, and its values in order. */
export type SweepAxis = { kind: 'field'; key: SweepField; values: number[] } | { kind: 'param'; key: string; values: number[] };

/** `KEY=…` split and its values computed; the key is not yet checked. */
export interface VarySpec {
  key: string;
  values: number[];
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;

/** A number as written on the command line: "0.45", "-2", "4%" (= 0.04). Exact decimal. */
export function parseDecimal(text: string): Decimal | undefined {
  const s = text.trim();
  if (!NUMBER_RE.test(s)) return undefined;
  const pct = s.endsWith('%');
  const d = new Decimal(pct ? s.slice(0, -1) : s);
  return pct ? d.div(100) : d;
}

/** Parses `KEY=FROM:TO:STEP` or `KEY=V1,V2,…` (as given to `--vary`). Throws an InputError. */
export function parseVary(text: string): VarySpec {
  const usage = 'write --vary KEY=FROM:TO:STEP (e.g. fee_rate=0.5:2:0.1) or KEY=V1,V2,… (e.g. wages.cleaner=3000,3500,4000)';
  const eq = text.indexOf('=');
  if (eq <= 0) throw inputError('VARY_SYNTAX', `--vary "${text}": expected KEY=FROM:TO:STEP`, undefined, usage);
  const key = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1).trim();
  const bad = (why: string) => inputError('VARY_SYNTAX', `--vary ${key}: ${why}`, undefined, usage);
  const num = (s: string, what: string): Decimal => {
    const d = parseDecimal(s);
    if (d === undefined || !d.isFinite()) throw bad(`${what} "${s}" is not a number${s.includes(',') && spec.includes(':') ? ' (use a dot as decimal separator)' : ''}`);
    return d;
  };
  if (spec.includes(':')) {
    const parts = spec.split(':');
    if (parts.length !== 3) throw bad(`expected FROM:TO:STEP, got "${spec}"`);
    const from = num(parts[0]!, 'FROM');
    const to = num(parts[1]!, 'TO');
    const step = num(parts[2]!, 'STEP');
    if (step.lte(0)) throw bad(`STEP must be positive, got ${parts[2]!.trim()}`);
    if (from.gt(to)) throw bad(`FROM (${parts[0]!.trim()}) is above TO (${parts[1]!.trim()})`);
    const count = to.minus(from).div(step).floor().plus(1);
    if (count.gt(MAX_SWEEP_POINTS)) throw bad(`${count.toString()} points is more than ${MAX_SWEEP_POINTS}; use a larger step`);
    const values: number[] = [];
    for (let i = 0; i < count.toNumber(); i++) values.push(from.plus(step.times(i)).toNumber());
    return { key, values };
  }
  const items = spec.split(',').map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === '')) throw bad(`expected FROM:TO:STEP or a list of values, got "${spec}"`);
  return { key, values: items.map((s) => num(s, 'value').toNumber()) };
}

/**
 * Checks a spec's key (a numeric compound field or a parameter of `tree`, with a suggestion when
 * it is neither) and every value (a field's values by its CSV column rule: whole households, a
 * collection rate within 0–1, …). Returns the axis and warnings (a parameter value outside its
 * sourced range).
 */
export function resolveAxis(spec: VarySpec, tree: ParamTree): { axis: SweepAxis; warnings: Problem[] } {
  const where = { file: 'command line', field: spec.key };
  if ((SWEEP_FIELDS as readonly string[]).includes(spec.key)) {
    const field = spec.key as SweepField;
    const rule = CELL_RULES[field];
    const problems: Problem[] = [];
    for (const v of spec.values) {
      if (parseCell(rule, v) === INVALID) problems.push({ ...explainCell(rule, v, { file: 'command line' }), code: 'VARY_INVALID_VALUE' });
    }
    if (problems.length) throw new InputError(problems);
    return { axis: { kind: 'field', key: field, values: spec.values }, warnings: [] };
  }
  const def = tree.get(spec.key);
  if (def) {
    const warnings: Problem[] = [];
    if (def.range) {
      const [lo, hi] = def.range;
      const out = spec.values.filter((v) => v < lo || v > hi);
      if (out.length)
        warnings.push({
          code: 'VARY_OUTSIDE_RANGE',
          message: `${out.length} of ${spec.values.length} values lie outside the sourced range ${lo}–${hi} ${def.unit}`,
          where,
        });
    }
    return { axis: { kind: 'param', key: spec.key, values: spec.values }, warnings };
  }
  if (spec.key === 'name' || spec.key === 'housing_type' || spec.key === 'service_level') {
    throw inputError('VARY_NOT_NUMERIC', `"${spec.key}" is not a number and cannot be swept`, where, `numeric fields: ${SWEEP_FIELDS.join(', ')}`);
  }
  const suggestion = didYouMean(spec.key, [...SWEEP_FIELDS, ...tree.keys()]);
  throw inputError(
    'VARY_UNKNOWN_KEY',
    `unknown key "${spec.key}": neither a compound field nor a parameter`,
    where,
    suggestion ? `did you mean "${suggestion}"?` : `fields: ${SWEEP_FIELDS.join(', ')}; parameters: see \`breakeven params\``,
  );
}

/** Checks `ids` against the compounds' ids; an unknown one is an InputError with a suggestion. */
export function checkIds(ids: readonly string[], known: Iterable<string>, option: string): void {
  const set = new Set(known);
  const problems: Problem[] = [];
  for (const id of ids) {
    if (set.has(id)) continue;
    const s = didYouMean(id, set);
    problems.push({
      code: 'UNKNOWN_COMPOUND',
      message: `${option}: unknown compound "${id}"`,
      where: { file: 'command line', field: option },
      hint: s ? `did you mean "${s}"?` : 'ids are those of the compounds file',
    });
  }
  if (problems.length) throw new InputError(problems);
}

/** A comma-separated list of ids ("A12, A13,A17" → three ids); empty items are dropped. */
export function parseIdList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * A yearly rate or margin as given to an option: "4%" or 0.04. A bare number of 1 or more is
 * refused, since "4" is more likely 4 % than 400 %.
 */
export function parseRate(text: string, option: string): number {
  const s = text.trim();
  const d = parseDecimal(s);
  if (d === undefined) throw inputError('USAGE', `${option}: expected a rate such as 4% or 0.04, got "${text}"`);
  if (!s.endsWith('%') && d.abs().gte(1)) throw inputError('USAGE', `${option}: ${s} would be ${d.times(100).toString()}%`, undefined, `write ${s}% for ${s} percent, or ${d.div(100).toString()}`);
  return d.toNumber();
}
