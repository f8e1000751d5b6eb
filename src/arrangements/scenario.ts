import { normalizeId, type Compound } from '../core/compound.js';
import type { Problem } from '../core/errors.js';
import { compoundPatchFromRecord } from '../schema/compound.js';
import { didYouMean } from '../core/did-you-mean.js';
import { isCalendarDate } from '../schema/date.js';
import { ScenarioFileSchema } from '../schema/scenario.js';
import type { AllocationMethod } from '../core/allocation-methods.js';
import { membersOf, type UnitSpec } from './units.js';

export interface Scenario {
  compounds?: string;
  asOf?: string;
  parameters?: Record<string, unknown>;
  compoundChanges: Map<string, Partial<Compound>>;
  units: UnitSpec[];
  allocation: AllocationMethod;
  seed: number;
  feeSteps: Map<string, Map<string, number>>;
}

type WhereFn = (path: readonly (string | number)[]) => { file: string; line: number; column: number };

/** Validates the shape of a scenario document (no compound data needed). */
export function parseScenario(value: unknown, where: WhereFn): { scenario?: Scenario; problems: Problem[] } {
  const r = ScenarioFileSchema.safeParse(value ?? {});
  if (!r.success) {
    return {
      problems: r.error.issues.map((i) => {
        const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
        const unknownKey = i.code === 'unrecognized_keys' ? i.keys[0] : undefined;
        // An unknown key is shown on its own line, not on the line of the map holding it.
        const w = where(unknownKey !== undefined ? [...path, unknownKey] : path);
        const field = path.join('.') || undefined;
        const suggestion = unknownKey ? didYouMean(unknownKey, Object.keys(ScenarioFileSchema.shape)) : undefined;
        return {
          code: unknownKey ? 'SCENARIO_UNKNOWN_KEY' : 'SCENARIO_INVALID',
          message: unknownKey ? `unknown key "${unknownKey}"` : i.message,
          where: { ...w, ...(field ? { field } : {}) },
          ...(suggestion && path.length === 0 ? { hint: `did you mean "${suggestion}"?` } : {}),
        } satisfies Problem;
      }),
    };
  }
  const d = r.data;
  const problems: Problem[] = [];
  const changes = new Map<string, Partial<Compound>>();
  for (const [id, rec] of Object.entries(d.compoundChanges ?? {})) {
    const w = where(['compoundChanges', id]);
    const p = compoundPatchFromRecord(rec, { file: w.file, line: w.line });
    problems.push(...p.problems);
    if (p.patch) changes.set(normalizeId(id), p.patch);
  }
  let clusterNo = 0;
  const units: UnitSpec[] = (d.units ?? []).map((u) => {
    if (u.kind === 'attached') return { kind: 'attached', host: u.host, guests: u.guests, ...(u.name ? { name: u.name } : {}) };
    clusterNo++;
    return { kind: 'cluster', name: u.name ?? `cluster ${clusterNo}`, members: u.members };
  });
  const feeSteps = new Map<string, Map<string, number>>();
  for (const [id, steps] of Object.entries(d.feeSteps ?? {})) {
    for (const date of Object.keys(steps)) {
      if (!isCalendarDate(date))
        problems.push({ code: 'SCENARIO_INVALID', message: `expected a date YYYY-MM-DD, got "${date}"`, where: { ...where(['feeSteps', id, date]), field: `feeSteps.${id}` } });
    }
    feeSteps.set(id, new Map(Object.entries(steps)));
  }
  const scenario: Scenario = {
    compoundChanges: changes,
    units,
    allocation: d.allocation ?? 'area',
    seed: d.seed ?? 1,
    feeSteps,
    ...(d.compounds !== undefined ? { compounds: d.compounds } : {}),
    ...(d.asOf !== undefined ? { asOf: d.asOf } : {}),
    ...(d.parameters !== undefined ? { parameters: d.parameters } : {}),
  };
  return problems.length ? { problems } : { scenario, problems };
}

/**
 * Checks a scenario against the compounds it applies to: every id known, no compound in two
 * units, no host among its own guests. Returns the problems, each at the scenario's line.
 */
export function checkScenarioIds(s: Scenario, ids: ReadonlySet<string>, where: WhereFn): Problem[] {
  const problems: Problem[] = [];
  const unknown = (id: string, path: (string | number)[]) => {
    const suggestion = didYouMean(id, ids);
    problems.push({
      code: 'SCENARIO_UNKNOWN_COMPOUND',
      message: `unknown compound "${id}"`,
      where: { ...where(path), field: path.filter((p) => typeof p === 'string').join('.') },
      ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : { hint: 'ids are those of the compounds file' }),
    });
  };
  for (const id of s.compoundChanges.keys()) if (!ids.has(id)) unknown(id, ['compoundChanges', id]);
  for (const id of s.feeSteps.keys()) if (id !== '*' && !ids.has(id)) unknown(id, ['feeSteps', id]);
  const seen = new Map<string, number>();
  s.units.forEach((u, ui) => {
    const listKey = u.kind === 'attached' ? 'guests' : 'members';
    const all = membersOf(u);
    all.forEach((id, mi) => {
      const path: (string | number)[] = u.kind === 'attached' ? (mi === 0 ? ['units', ui, 'host'] : ['units', ui, 'guests', mi - 1]) : ['units', ui, 'members', mi];
      if (!ids.has(id)) unknown(id, path);
      const before = seen.get(id);
      if (before !== undefined) {
        problems.push({
          code: before === ui ? 'SCENARIO_DUPLICATE_MEMBER' : 'SCENARIO_COMPOUND_IN_TWO_UNITS',
          message: before === ui ? `compound "${id}" is listed twice in this unit` : `compound "${id}" is already in unit ${before + 1}; a compound belongs to one unit`,
          where: { ...where(path), field: `units.${ui}.${listKey}` },
        });
      } else seen.set(id, ui);
    });
  });
  return problems;
}
