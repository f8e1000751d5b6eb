import type { Compound } from '../core/compound.js';
import { InputError, inputError } from '../core/errors.js';
import type { Fen } from '../core/money.js';
import type { Totals } from '../arrangements/evaluate-scenario.js';
import { computeCoefficients, type Coefficients } from '../model/coefficients.js';
import { evaluateUnit, memberRevenue } from '../model/evaluate-unit.js';
import { applyOverlay, resolveParams, type ParamTree } from '../params/tree.js';
import { arrangeUnits, evaluateUnits, outcomeOf, totalsOf, type Arrangement, type ArrangedUnit, type UnitOutcome } from './arrangement.js';
import { MAX_SWEEP_POINTS, REVENUE_FIELDS, type SweepAxis } from './vary.js';

/**
 * The sweep engine: the arrangement's totals at every point of a grid of one or two axes.
 *
 * Cheap where the model is linear. A unit's cost does not depend on fee_rate, collection_rate,
 * other_income or subsidy, so when only those vary, costs are computed once per set of parameter
 * values and each point recomputes only the revenue of the compounds that change
 * (`memberRevenue`); a unit's profit is then Σ of its members' net revenue − its cost. Parameter
 * axes rebuild the coefficients per point from an overlay on the tree (the tree is never
 * changed); other compound fields re-evaluate only the units whose members change.
 */

export interface SweepInput {
  /** The compounds as read (the baseline). */
  compounds: readonly Compound[];
  /** The scenario's units and changes; none means every compound alone. */
  arrangement?: Arrangement;
  /** The parameter tree in force (defaults and overlays) and the date to resolve it on. */
  tree: ParamTree;
  asOf: string;
  /** One or two axes; rows run over the first axis, then the second within it. */
  axes: readonly SweepAxis[];
  /** Compound ids whose fields the field axes change; all compounds when absent. */
  only?: readonly string[];
}

/** One point of the grid, over the whole arrangement. */
export interface SweepRow {
  values: Record<string, number>;
  revenue: Fen;
  cost: Fen;
  profit: Fen;
  subsidyNeeded: Fen;
  /** Compounds in viable units. */
  viable: number;
  viableUnits: number;
  /** The verdict changed from the previous point along the last axis: viable count or profit sign. */
  flip: boolean;
}

export interface SweepResult {
  axes: SweepAxis[];
  only: string[] | null;
  units: number;
  compounds: number;
  /** The arrangement at the data and parameters as given. */
  base: Totals;
  rows: SweepRow[];
}

/** Internal: what a set of parameter values gives before any field changes. */
interface Baseline {
  k: Coefficients;
  outcomes: UnitOutcome[];
  /** For units with a changed member: net revenue of the members that do not change. */
  fixedNet: Fen[];
}

/** Runs a sweep. Pure; throws an InputError when a parameter value leaves the model undefined. */
export function runSweep(input: SweepInput): SweepResult {
  const { axes } = input;
  if (axes.length < 1 || axes.length > 2) throw inputError('USAGE', `a sweep varies one or two keys, got ${axes.length}`);
  if (axes.length === 2 && axes[0]!.key === axes[1]!.key) throw inputError('USAGE', `--vary ${axes[0]!.key} is given twice`);
  const points = axes.reduce((n, a) => n * a.values.length, 1);
  if (points > MAX_SWEEP_POINTS) throw inputError('USAGE', `the grid has ${points} points, more than ${MAX_SWEEP_POINTS}`, undefined, 'use larger steps');
  const fieldAxes = axes.filter((a): a is Extract<SweepAxis, { kind: 'field' }> => a.kind === 'field');
  const paramAxes = axes.filter((a) => a.kind === 'param');
  if (input.only && fieldAxes.length === 0) {
    throw inputError('USAGE', '--only picks the compounds whose fields change, but no compound field is varied', undefined, 'vary a field such as fee_rate, or drop --only');
  }

  const units = arrangeUnits(input.compounds, input.arrangement ?? { units: [], changes: new Map() });
  const only = input.only ? new Set(input.only) : null;
  const changes = (c: Compound) => fieldAxes.length > 0 && (only === null || only.has(c.id));
  // Per unit: the indices of members the field axes change (empty: the unit never changes).
  const changing = units.map((u) => u.members.flatMap((m, i) => (changes(m) ? [i] : [])));
  const costChanges = fieldAxes.some((a) => !REVENUE_FIELDS.has(a.key));

  const baselines = new Map<string, Baseline>();
  const baselineFor = (params: Record<string, number>): Baseline => {
    const key = paramAxes.map((a) => params[a.key]).join('\u0000');
    let b = baselines.get(key);
    if (!b) {
      b = makeBaseline(units, changing, coefficientsFor(input.tree, input.asOf, params));
      baselines.set(key, b);
    }
    return b;
  };

  const rows: SweepRow[] = [];
  const inner = axes[axes.length - 1]!.values.length;
  for (const values of grid(axes)) {
    const params: Record<string, number> = {};
    const fields: Partial<Compound> = {};
    for (const a of axes) {
      if (a.kind === 'param') params[a.key] = values[a.key]!;
      else (fields as Record<string, number>)[a.key] = values[a.key]!;
    }
    const b = baselineFor(params);
    const outcomes = units.map((u, i) => {
      const idx = changing[i]!;
      if (idx.length === 0) return b.outcomes[i]!;
      const members = u.members.map((m) => (changes(m) ? { ...m, ...fields } : m));
      if (costChanges) {
        const e = evaluateUnit(members, b.k);
        return outcomeOf(u.id, e.memberIds, e.revenue, e.cost);
      }
      let net = b.fixedNet[i]!;
      for (const j of idx) net += memberRevenue(members[j]!, b.k).net;
      return outcomeOf(u.id, b.outcomes[i]!.memberIds, net, b.outcomes[i]!.cost);
    });
    const t = totalsOf(outcomes);
    assertFinite(t, values);
    const prev = rows.length % inner === 0 ? undefined : rows[rows.length - 1];
    rows.push({
      values,
      revenue: t.revenue,
      cost: t.cost,
      profit: t.profit,
      subsidyNeeded: t.subsidyNeeded,
      viable: t.viableCompounds,
      viableUnits: t.viableUnits,
      flip: prev !== undefined && (prev.viable !== t.viableCompounds || prev.profit >= 0 !== t.profit >= 0),
    });
  }

  // Without parameter axes the baseline already is the arrangement as given.
  const base = totalsOf(paramAxes.length === 0 ? baselineFor({}).outcomes : evaluateUnits(units, coefficientsFor(input.tree, input.asOf, {})));
  return {
    axes: axes.map((a) => ({ ...a, values: [...a.values] })),
    only: input.only ? [...input.only] : null,
    units: units.length,
    compounds: input.compounds.length,
    base,
    rows,
  };
}

/** Every point of the grid, first axis outermost. */
function* grid(axes: readonly SweepAxis[]): Generator<Record<string, number>> {
  const [a, b] = axes;
  for (const va of a!.values) {
    if (!b) yield { [a!.key]: va };
    else for (const vb of b.values) yield { [a!.key]: va, [b.key]: vb };
  }
}

function makeBaseline(units: readonly ArrangedUnit[], changing: readonly number[][], k: Coefficients): Baseline {
  const fixedNet: Fen[] = [];
  const outcomes = units.map((u, i) => {
    const e = evaluateUnit(u.members, k);
    const idx = changing[i]!;
    let fixed = 0;
    if (idx.length > 0) e.members.forEach((m, j) => (fixed += idx.includes(j) ? 0 : m.net)); // once per parameter set
    fixedNet.push(fixed);
    return outcomeOf(u.id, e.memberIds, e.revenue, e.cost);
  });
  return { k, outcomes, fixedNet };
}

/** Coefficients with `params` (key → value) overlaid on `tree`, resolved on `asOf`. */
export function coefficientsFor(tree: ParamTree, asOf: string, params: Record<string, number>): Coefficients {
  const over = Object.keys(params).length ? applyOverlay(tree, params, { file: 'command line', lineOf: () => undefined }) : { tree, problems: [] };
  if (over.problems.length) throw new InputError(over.problems);
  const r = resolveParams(over.tree, asOf);
  if (!r.params) throw new InputError(r.problems);
  return computeCoefficients(r.params);
}

function assertFinite(t: Totals, values: Record<string, number>): void {
  if (Number.isSafeInteger(t.cost) && Number.isSafeInteger(t.revenue)) return;
  const at = Object.entries(values)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  throw inputError('VARY_MODEL_UNDEFINED', `at ${at} the model gives no finite cost or revenue`, { file: 'command line' }, 'choose values the model can use (no zero norms or steps)');
}
