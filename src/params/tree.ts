import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Problem } from '../core/errors.js';
import { didYouMean } from '../core/did-you-mean.js';
import { CalendarDateText, isCalendarDate } from '../schema/date.js';

/**
 * Parameters as dated data (after OpenFisca): a tree whose leaves carry a unit, a source and a
 * value in force from given dates. The model reads a flat, resolved map (key → number) built
 * once per run; overlays (--params, scenarios) produce a new tree and never mutate the baseline.
 */

/** One parameter as the shipped data file states it. */
export const ParamLeafSchema = z
  .strictObject({
    unit: z.string().min(1),
    value: z.number().finite().optional(),
    values: z.record(CalendarDateText, z.number().finite()).optional(),
    range: z.tuple([z.number(), z.number()]).optional(),
    estimate: z.boolean().optional(),
    reference: z.string().min(1),
    description: z.string().optional(),
    /** What the parameter is and where its value comes from, in Chinese (shown under `--lang zh`). */
    description_zh: z.string().min(1).optional(),
  })
  .refine((l) => (l.value === undefined) !== (l.values === undefined), {
    message: 'a parameter has either `value` or `values`, not both or neither',
  });

export type ParamLeaf = z.infer<typeof ParamLeafSchema>;

/** Where an overlay came from: shown next to a changed value in `params` and `explain`. */
export interface Origin {
  file: string;
  line?: number;
}

export interface ParamDef extends ParamLeaf {
  key: string;
  /** Set when an overlay changed this parameter. */
  overriddenBy?: Origin;
}

/** The tree flattened by dotted key, in file order. */
export type ParamTree = ReadonlyMap<string, ParamDef>;

/** A resolved parameter: the value in force on the as-of date and where it came from. */
export interface ParamValue {
  key: string;
  value: number;
  unit: string;
  /** The date from which the value is in force, or null when it has no date. */
  from: string | null;
  reference: string;
  /** The Chinese description of the data file (`description_zh`). */
  descriptionZh?: string;
  estimate: boolean;
  range?: [number, number];
  overriddenBy?: Origin;
}

export interface ResolvedParams {
  asOf: string;
  values: Readonly<Record<string, number>>;
  info: ReadonlyMap<string, ParamValue>;
  /** Short content hash of the values in force: a stamp to compare runs by. */
  digest: string;
}

function isLeafLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'reference' in v && 'unit' in v;
}

/** Flattens the shipped tree, validating every leaf. Problems carry the dotted key. */
export function flattenTree(raw: unknown, file: string): { tree: Map<string, ParamDef>; problems: Problem[] } {
  const tree = new Map<string, ParamDef>();
  const problems: Problem[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (isLeafLike(node)) {
      const key = path.join('.');
      const r = ParamLeafSchema.safeParse(node);
      if (r.success) tree.set(key, { key, ...r.data });
      else
        for (const issue of r.error.issues)
          problems.push({ code: 'PARAMS_INVALID', message: issue.message, where: { file, field: [key, ...issue.path].join('.') } });
      return;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      problems.push({ code: 'PARAMS_INVALID', message: 'expected a group of parameters or a parameter', where: { file, field: path.join('.') } });
      return;
    }
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(raw, []);
  return { tree, problems };
}

/** The value of a leaf in force on `asOf`, or undefined when none is in force yet. */
function valueOn(def: ParamDef, asOf: string): { value: number; from: string | null } | undefined {
  if (def.value !== undefined) return { value: def.value, from: null };
  let best: { value: number; from: string } | undefined;
  for (const [from, value] of Object.entries(def.values ?? {})) {
    if (from <= asOf && (!best || from > best.from)) best = { value, from };
  }
  return best;
}

export function resolveParams(tree: ParamTree, asOf: string): { params?: ResolvedParams; problems: Problem[] } {
  const values: Record<string, number> = {};
  const info = new Map<string, ParamValue>();
  const problems: Problem[] = [];
  for (const def of tree.values()) {
    const v = valueOn(def, asOf);
    if (!v) {
      // An overlay that replaced the dates is named where it did it, so the user finds the line.
      const first = Object.keys(def.values ?? {}).sort()[0];
      const by = def.overriddenBy;
      problems.push({
        code: 'PARAMS_NOT_IN_FORCE',
        message: `no value in force on ${asOf} (the first is from ${first})`,
        where: by ? { file: by.file, ...(by.line !== undefined ? { line: by.line } : {}), field: def.key } : { file: 'parameters', field: def.key },
        hint: 'choose a later --as-of date or give a value for that date',
      });
      continue;
    }
    values[def.key] = v.value;
    const pv: ParamValue = {
      key: def.key,
      value: v.value,
      unit: def.unit,
      from: v.from,
      reference: def.reference,
      estimate: def.estimate ?? false,
    };
    if (def.range) pv.range = def.range;
    if (def.description_zh) pv.descriptionZh = def.description_zh;
    if (def.overriddenBy) pv.overriddenBy = def.overriddenBy;
    info.set(def.key, pv);
  }
  if (problems.length) return { problems };
  const digest = createHash('sha256')
    .update(JSON.stringify(Object.keys(values).sort().map((k) => [k, values[k]])))
    .digest('hex')
    .slice(0, 12);
  return { params: { asOf, values, info, digest }, problems };
}

/** Parses "27%" as 0.27 for fraction parameters; plain numbers as themselves. */
function numberOf(v: unknown, unit: string): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && unit === 'fraction') {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
    if (m) return Number(m[1]) / 100;
  }
  return undefined;
}

/**
 * Applies a partial overlay (from --params or a scenario's `parameters:`) to a tree and returns a
 * new tree. A leaf may be given as a number (or "27%" for fractions), `{value}`, `{values: {date:
 * n}}`, optionally with `unit`, which must match. Unknown keys are errors with a suggestion.
 */
export function applyOverlay(
  tree: ParamTree,
  overlay: unknown,
  origin: { file: string; lineOf: (path: string[]) => number | undefined },
): { tree: Map<string, ParamDef>; problems: Problem[] } {
  const out = new Map(tree);
  const problems: Problem[] = [];
  const groups = new Set<string>();
  for (const key of tree.keys()) {
    const parts = key.split('.');
    for (let i = 1; i < parts.length; i++) groups.add(parts.slice(0, i).join('.'));
  }
  const where = (path: string[]) => {
    const line = origin.lineOf(path);
    return { file: origin.file, ...(line !== undefined ? { line } : {}), field: path.join('.') };
  };
  const walk = (node: unknown, path: string[]) => {
    const key = path.join('.');
    const def = tree.get(key);
    if (def) {
      setLeaf(def, node, path);
      return;
    }
    if (path.length && !groups.has(key)) {
      const suggestion = didYouMean(key, [...tree.keys(), ...groups]);
      problems.push({
        code: 'PARAMS_UNKNOWN_KEY',
        message: `unknown parameter "${key}"`,
        where: where(path),
        ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : { hint: 'see `breakeven params` for every key' }),
      });
      return;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      problems.push({
        code: 'PARAMS_INVALID',
        message: `"${key || '(top)'}" is a group of parameters, expected a mapping, got ${JSON.stringify(node)}`,
        where: where(path),
      });
      return;
    }
    for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  const setLeaf = (def: ParamDef, node: unknown, path: string[]) => {
    const line = origin.lineOf(path);
    const by: Origin = line !== undefined ? { file: origin.file, line } : { file: origin.file };
    const direct = numberOf(node, def.unit);
    if (direct !== undefined) {
      out.set(def.key, withValue(def, { value: direct }, by));
      return;
    }
    if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      const obj = node as Record<string, unknown>;
      const extra = Object.keys(obj).filter((k) => !['value', 'values', 'unit'].includes(k));
      if (extra.length) {
        problems.push({
          code: 'PARAMS_UNKNOWN_KEY',
          message: `unknown field "${extra[0]}" for parameter "${def.key}" (expected value, values or unit)`,
          where: where([...path, extra[0]!]),
        });
        return;
      }
      if (obj.unit !== undefined && obj.unit !== def.unit) {
        problems.push({
          code: 'PARAMS_WRONG_UNIT',
          message: `parameter "${def.key}" is in ${def.unit}, got unit "${String(obj.unit)}"`,
          where: where([...path, 'unit']),
        });
        return;
      }
      if (obj.value !== undefined && obj.values === undefined) {
        const v = numberOf(obj.value, def.unit);
        if (v === undefined) problems.push(typeProblem(def, obj.value, [...path, 'value']));
        else out.set(def.key, withValue(def, { value: v }, by));
        return;
      }
      if (obj.values !== undefined && obj.value === undefined && typeof obj.values === 'object' && obj.values) {
        const values: Record<string, number> = {};
        const dated = Object.entries(obj.values as Record<string, unknown>);
        if (dated.length === 0) {
          problems.push({ code: 'PARAMS_INVALID', message: `"values" of parameter "${def.key}" lists no date`, where: where([...path, 'values']), hint: 'give { YYYY-MM-DD: number, … } or a plain value' });
          return;
        }
        for (const [d, raw] of dated) {
          if (!isCalendarDate(d)) {
            problems.push({ code: 'PARAMS_INVALID', message: `expected a date YYYY-MM-DD, got "${d}"`, where: where([...path, 'values', d]) });
            continue;
          }
          const v = numberOf(raw, def.unit);
          if (v === undefined) problems.push(typeProblem(def, raw, [...path, 'values', d]));
          else values[d] = v;
        }
        out.set(def.key, withValue(def, { values }, by));
        return;
      }
    }
    problems.push(typeProblem(def, node, path));
  };
  const typeProblem = (def: ParamDef, got: unknown, path: string[]): Problem => ({
    code: 'PARAMS_WRONG_TYPE',
    message: `parameter "${def.key}" expects a number in ${def.unit}${def.unit === 'fraction' ? ' (or a percentage like "27%")' : ''}, got ${JSON.stringify(got)}`,
    where: where(path),
  });
  walk(overlay ?? {}, []);
  return { tree: out, problems };
}

function withValue(def: ParamDef, v: { value: number } | { values: Record<string, number> }, by: Origin): ParamDef {
  const { value: _v, values: _vs, ...rest } = def;
  return { ...rest, ...v, overriddenBy: by };
}
