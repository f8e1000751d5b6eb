/**
 * Reading calculation tests as data: YAML files of cases, each validated with strict keys and
 * every problem reported with its file:line, then turned into `TestCase`s for the pure runner
 * (src/analyses/test-cases.ts).
 *
 *   asOf: 2025-07-01              # default date for the cases below (a case may set its own)
 *   tolerance: { money: 0.01 }    # default tolerance (a number: one absolute tolerance for all)
 *   cases:
 *     - name: 京剧院小区 alone at 0.45
 *       compounds:                # inline rows (CSV column names), or a CSV file relative to this file
 *         - { id: JJY, area_m2: 813, households: 16, fee_rate: 0.45 }
 *       parameters: { wages: { manager: 10000 } }    # optional overlay, as --params
 *       scenario: { units: [...], compoundChanges: {...}, allocation: area }   # optional
 *       expect:
 *         compounds: { JJY: { cost: 68050.02, viable: false, staff: { manager: 0.3 }, lines: { office: 3000 } } }
 *         units: { YYHY+JJY: { profit: 1234.56, shares: { JJY: 9000 } } }
 *         totals: { viableCompounds: 2, subsidySaved: { value: 60000, tolerance: 1 } }
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import type { Compound } from '../core/compound.js';
import { LINE_KEYS, ROLES } from '../core/categories.js';
import { InputError, type Problem } from '../core/errors.js';
import { checkScenarioIds, parseScenario } from '../arrangements/scenario.js';
import { membersOf, unitId } from '../arrangements/units.js';
import { computeCoefficients } from '../model/coefficients.js';
import { didYouMean } from '../core/did-you-mean.js';
import { applyOverlay, resolveParams } from '../params/tree.js';
import {
  COMPOUND_FIELDS,
  DEFAULT_TOLERANCE,
  NESTED_FIELDS,
  TOTALS_FIELDS,
  UNIT_FIELDS,
  type Expectation,
  type TestCase,
  type Tolerance,
  type ValueKind,
} from '../analyses/test-cases.js';
import { compoundFromRecord } from '../schema/compound.js';
import { CaseFileSchema, CaseSchema, type ToleranceSchema } from '../schema/test-case.js';
import { readCompounds } from '../io/read-compounds.js';
import { readDefaultTree, readTextFile } from '../io/read-params.js';
import { parseYamlDoc, type YamlDoc } from '../io/yaml-doc.js';

/** Keys a case's `scenario:` may have; the others belong to the case itself. */
const SCENARIO_KEYS = ['compoundChanges', 'units', 'allocation', 'seed'];

type Path = (string | number)[];

/** Every case of every file (directories searched for *.yaml and *.yml); all problems of all files at once. */
export async function readTestCases(paths: readonly string[]): Promise<{ cases: TestCase[]; files: string[] }> {
  const { cases, files, problems } = await readTestCasesSettled(paths);
  if (problems.length) throw new InputError(problems.flatMap((p) => p.problems));
  return { cases, files };
}

/** Every case that could be read, and the problems of each file that could not (for JUnit's <error>). */
export async function readTestCasesSettled(
  paths: readonly string[],
): Promise<{ cases: TestCase[]; files: string[]; problems: { file: string; problems: Problem[] }[] }> {
  const files: string[] = [];
  const cases: TestCase[] = [];
  const problems: { file: string; problems: Problem[] }[] = [];
  const settle = async <T>(file: string, f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push({ file, problems: e.problems });
      return undefined;
    }
  };
  for (const p of paths) files.push(...((await settle(p, () => caseFilesUnder(p))) ?? []));
  for (const f of files) cases.push(...((await settle(f, () => readTestCaseFile(f))) ?? []));
  return { cases, files, problems };
}

async function caseFilesUnder(path: string): Promise<string[]> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new InputError({ code: 'FILE_UNREADABLE', message: 'file not found', where: { file: path } });
  }
  if (!isDir) return [path];
  const out = await yamlFilesIn(path);
  if (out.length === 0) throw new InputError({ code: 'NO_TEST_CASES', message: 'no *.yaml or *.yml file in this directory', where: { file: path } });
  return out;
}

/** The YAML files under a directory, in name order, subdirectories included. */
async function yamlFilesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await yamlFilesIn(full)));
    else if (/^\.ya?ml$/i.test(extname(e.name))) out.push(full);
  }
  return out;
}

/** The cases of one file. Throws an InputError listing every problem, each with file:line. */
export async function readTestCaseFile(file: string): Promise<TestCase[]> {
  const doc = parseYamlDoc(readTextFile(file), file, { unknownKeyCode: 'TEST_CASE_UNKNOWN_KEY' });
  const problems: Problem[] = [];
  const at = (path: Path, message: string, code = 'TEST_CASE_INVALID', hint?: string): Problem => ({
    code,
    message,
    where: { ...doc.where(path), field: path.join('.') || '(top)' },
    ...(hint ? { hint } : {}),
  });
  const head = CaseFileSchema.safeParse(doc.value ?? {});
  if (!head.success) throw new InputError(zodProblems(head.error, [], doc, CaseFileSchema.shape));
  const fileAsOf = head.data.asOf;
  const fileTolerance = head.data.tolerance;

  const cases: TestCase[] = [];
  for (const [i, raw] of head.data.cases.entries()) {
    const base: Path = ['cases', i];
    const r = CaseSchema.safeParse(raw);
    if (!r.success) {
      problems.push(...zodProblems(r.error, base, doc, CaseSchema.shape));
      continue;
    }
    const c = r.data;
    const before = problems.length;
    const line = doc.where(base).line;
    const asOf = c.asOf ?? fileAsOf;
    if (asOf === undefined) problems.push(at(base, `case "${c.name}" has no asOf date`, 'TEST_CASE_NO_DATE', 'give asOf: YYYY-MM-DD in the case or at the top of the file, so that the test does not depend on the day it runs'));

    const compounds = await caseCompounds(c.compounds, file, doc, [...base, 'compounds'], problems, at);
    const ids = new Set(compounds.map((x) => x.id));

    // The scenario: validated as a scenario file's keys would be, positions in this file.
    const scenarioRaw = c.scenario ?? {};
    for (const key of Object.keys(scenarioRaw)) {
      if (!SCENARIO_KEYS.includes(key)) {
        const caseLevel = ['compounds', 'asOf', 'parameters'].includes(key);
        problems.push(
          at([...base, 'scenario', key], caseLevel ? `"${key}" belongs to the case, not to its scenario` : `unknown key "${key}" in a case's scenario`, 'TEST_CASE_UNKNOWN_KEY', caseLevel ? undefined : `a case's scenario may have ${SCENARIO_KEYS.join(', ')}`),
        );
      }
    }
    const whereIn = (p: readonly (string | number)[]) => doc.where([...base, 'scenario', ...p]);
    const parsed = parseScenario(scenarioRaw, whereIn);
    problems.push(...parsed.problems);
    if (parsed.scenario && compounds.length) problems.push(...checkScenarioIds(parsed.scenario, ids, whereIn));

    // Parameters: the shipped defaults, the case's overlay, resolved on asOf.
    const overlay = applyOverlay(readDefaultTree(), c.parameters ?? {}, {
      file,
      lineOf: (p) => doc.where([...base, 'parameters', ...p]).line,
    });
    problems.push(...overlay.problems);
    const resolved = asOf !== undefined && overlay.problems.length === 0 ? resolveParams(overlay.tree, asOf) : undefined;
    if (resolved && !resolved.params) {
      const w = doc.where(c.asOf !== undefined ? [...base, 'asOf'] : ['asOf']);
      problems.push(...resolved.problems.map((p) => ({ ...p, where: { ...w, ...(p.where?.field ? { field: p.where.field } : {}) } })));
    }

    // Expectations: known sections, ids and fields; values of the right kind.
    const unitIds = new Map<string, string[]>();
    if (parsed.scenario) {
      const placed = new Set<string>();
      for (const u of parsed.scenario.units) {
        unitIds.set(unitId(u), membersOf(u));
        for (const m of membersOf(u)) placed.add(m);
      }
      for (const x of compounds) if (!placed.has(x.id)) unitIds.set(x.id, [x.id]);
    }
    const expectations = readExpectations(c.expect, [...base, 'expect'], ids, unitIds, doc, at, problems);
    if (expectations.length === 0 && problems.length === before) problems.push(at([...base, 'expect'], `case "${c.name}" expects nothing`, 'TEST_CASE_EMPTY', 'add at least one expected value'));

    if (problems.length > before || !parsed.scenario || !resolved?.params) continue;
    cases.push({
      name: c.name,
      file,
      line,
      compounds,
      k: computeCoefficients(resolved.params),
      scenario: { units: parsed.scenario.units, changes: parsed.scenario.compoundChanges, allocation: parsed.scenario.allocation, seed: parsed.scenario.seed },
      tolerance: toleranceOf(fileTolerance, c.tolerance),
      expectations,
    });
  }
  if (problems.length) throw new InputError(problems);
  return cases;
}

async function caseCompounds(
  spec: string | Record<string, unknown>[],
  file: string,
  doc: YamlDoc,
  path: Path,
  problems: Problem[],
  at: (path: Path, message: string, code?: string, hint?: string) => Problem,
): Promise<Compound[]> {
  if (typeof spec === 'string') {
    const csv = isAbsolute(spec) ? spec : resolve(dirname(file), spec);
    try {
      return (await readCompounds(csv)).compounds;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // A file that cannot be opened has no line of its own: say why at the case's `compounds:`.
      const whole = e.problems.filter((p) => p.where?.line === undefined && p.code !== 'CSV_MORE_PROBLEMS');
      const why = whole.length ? `: ${whole.map((p) => p.message).join('; ')}` : '';
      problems.push(at(path, `cannot use the compounds file ${JSON.stringify(spec)}${why}`, 'TEST_CASE_COMPOUNDS'), ...e.problems.filter((p) => !whole.includes(p)));
      return [];
    }
  }
  const out: Compound[] = [];
  const seen = new Set<string>();
  spec.forEach((rec, j) => {
    const w = doc.where([...path, j]);
    const r = compoundFromRecord(rec, { file, line: w.line });
    // Each problem at its own field's line and column (a row may span several lines).
    problems.push(...r.problems.map((p) => (p.where?.field && p.where.field in rec ? { ...p, where: { ...p.where, ...doc.where([...path, j, p.where.field]) } } : p)));
    if (!r.compound) return;
    if (seen.has(r.compound.id)) problems.push(at([...path, j], `compound "${r.compound.id}" is given twice`, 'TEST_CASE_DUPLICATE_ID'));
    seen.add(r.compound.id);
    out.push(r.compound);
  });
  return out;
}

function readExpectations(
  expect: z.infer<typeof CaseSchema>['expect'],
  base: Path,
  ids: ReadonlySet<string>,
  units: ReadonlyMap<string, string[]>,
  doc: YamlDoc,
  at: (path: Path, message: string, code?: string, hint?: string) => Problem,
  problems: Problem[],
): Expectation[] {
  const out: Expectation[] = [];
  const unknown = (path: Path, what: string, word: string, candidates: Iterable<string>) => {
    const known = [...candidates];
    const s = didYouMean(word, known);
    problems.push(at(path, `unknown ${what} "${word}"`, 'TEST_CASE_UNKNOWN_KEY', s ? `did you mean "${s}"?` : known.length ? `known: ${known.join(', ')}` : undefined));
  };
  const value = (path: Path, kind: ValueKind, raw: unknown) => {
    const v = expectedValue(kind, raw);
    if (typeof v === 'string') problems.push(at(path, v, 'TEST_CASE_INVALID_VALUE'));
    else out.push({ path: path.slice(base.length).map(String), kind, expected: v.value, ...(v.tolerance !== undefined ? { tolerance: v.tolerance } : {}), line: doc.where(path).line });
  };
  const fields = (path: Path, rec: Record<string, unknown>, known: Readonly<Record<string, ValueKind>>, nested: Record<string, readonly string[]>) => {
    for (const [field, raw] of Object.entries(rec)) {
      const p = [...path, field];
      const kind = known[field];
      if (kind) {
        value(p, kind, raw);
        continue;
      }
      const keys = nested[field];
      if (!keys) {
        unknown(p, 'output', field, [...Object.keys(known), ...Object.keys(nested)]);
        continue;
      }
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        problems.push(at(p, `"${field}" expects a mapping (key: value), got ${JSON.stringify(raw)}`, 'TEST_CASE_INVALID_VALUE'));
        continue;
      }
      for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
        if (!keys.includes(key)) unknown([...p, key], field === 'shares' ? 'member' : field === 'staff' ? 'role' : 'cost line', key, keys);
        else value([...p, key], NESTED_FIELDS[field]!, v);
      }
    }
  };
  for (const [id, rec] of Object.entries(expect.compounds ?? {})) {
    const p = [...base, 'compounds', id];
    if (!ids.has(id)) unknown(p, 'compound', id, ids);
    else fields(p, rec, COMPOUND_FIELDS, { staff: ROLES, lines: LINE_KEYS });
  }
  for (const [id, rec] of Object.entries(expect.units ?? {})) {
    const p = [...base, 'units', id];
    const members = units.get(id);
    if (!members) unknown(p, 'unit', id, units.keys());
    else fields(p, rec, UNIT_FIELDS, { staff: ROLES, shares: members });
  }
  if (expect.totals) fields([...base, 'totals'], expect.totals, TOTALS_FIELDS, {});
  return out;
}

const PERCENT = /^\s*(-?\d+(\.\d+)?)\s*%\s*$/;
const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

/** An expected value of `kind`, or a message saying why it is not one. */
export function expectedValue(kind: ValueKind, raw: unknown): { value: number | boolean | null; tolerance?: number } | string {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    const extra = Object.keys(o).filter((k) => k !== 'value' && k !== 'tolerance');
    if (extra.length) return `unknown key "${extra[0]}" (an expected value is a value, or {value, tolerance})`;
    if (!('value' in o)) return 'missing "value"';
    const v = expectedValue(kind, o.value);
    if (typeof v === 'string') return v;
    if (o.tolerance !== undefined && !(typeof o.tolerance === 'number' && o.tolerance >= 0 && Number.isFinite(o.tolerance))) {
      return `tolerance: expected a number ≥ 0, got ${JSON.stringify(o.tolerance)}`;
    }
    if (o.tolerance !== undefined && (kind === 'bool' || kind === 'count')) return `a ${kind === 'bool' ? 'true/false' : 'count'} is compared exactly and takes no tolerance`;
    return o.tolerance === undefined ? v : { value: v.value, tolerance: o.tolerance as number };
  }
  const got = JSON.stringify(raw);
  switch (kind) {
    case 'bool':
      return typeof raw === 'boolean' ? { value: raw } : `expected true or false, got ${got}`;
    case 'count':
      return typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? { value: raw } : `expected a whole number ≥ 0, got ${got}`;
    case 'money':
      if (typeof raw === 'number' && Number.isFinite(raw)) return { value: raw };
      if (typeof raw === 'string' && DECIMAL.test(raw)) return { value: Number(raw) };
      return `expected an amount in yuan (e.g. 68050.02), got ${got}${typeof raw === 'string' && raw.includes(',') ? ' (write it without thousands separators)' : ''}`;
    case 'ratio':
      if (raw === null || (typeof raw === 'number' && Number.isFinite(raw))) return { value: raw };
      if (typeof raw === 'string' && PERCENT.test(raw)) return { value: Number(PERCENT.exec(raw)![1]) / 100 };
      return `expected a ratio (0.07 or "7%") or null, got ${got}`;
    case 'fee':
      if (raw === null || (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0)) return { value: raw };
      return `expected a fee ≥ 0 in yuan/m²/month, or null, got ${got}`;
    case 'fte':
      return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? { value: raw } : `expected FTE ≥ 0, got ${got}`;
  }
}

function toleranceOf(...layers: (z.infer<typeof ToleranceSchema> | undefined)[]): Tolerance {
  let t: Tolerance = { ...DEFAULT_TOLERANCE };
  for (const l of layers) {
    if (l === undefined) continue;
    if (typeof l === 'number') t = { money: l, fee: l, ratio: l, fte: l, relative: t.relative };
    else t = { ...t, ...Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)) };
  }
  return t;
}

function zodProblems(error: z.ZodError, base: Path, doc: YamlDoc, shape: Record<string, unknown>): Problem[] {
  return error.issues.map((i) => {
    const path = [...base, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const unknownKey = i.code === 'unrecognized_keys' ? i.keys[0] : undefined;
    const suggestion = unknownKey && i.path.length === 0 ? didYouMean(unknownKey, Object.keys(shape)) : undefined;
    const full = unknownKey ? [...path, unknownKey] : path;
    const field = full.join('.');
    // A required key left out: say so, rather than zod's "expected object, received undefined".
    const missing = i.code === 'invalid_type' && /received undefined/.test(i.message) && path.length > 0;
    return {
      code: unknownKey ? 'TEST_CASE_UNKNOWN_KEY' : missing ? 'TEST_CASE_MISSING_KEY' : 'TEST_CASE_INVALID',
      message: unknownKey ? `unknown key "${unknownKey}"` : missing ? `missing "${String(path.at(-1))}"` : i.message,
      where: { ...doc.where(full), ...(field ? { field } : {}) },
      ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
    } satisfies Problem;
  });
}
