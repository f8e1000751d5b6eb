import type { Compound } from '../core/compound.js';
import { InputError, inputError } from '../core/errors.js';
import { fenOf, type Fen } from '../core/money.js';
import { emptyTotals, type Totals } from '../arrangements/evaluate-scenario.js';
import { computeCoefficients, type Coefficients } from '../model/coefficients.js';
import { evaluateUnit, ownersContribution, ownersTaxes } from '../model/evaluate-unit.js';
import { isViable, netRevenue, subsidyNeededFor } from '../model/outcome.js';
import { applyOverlay, resolveParams, type ParamTree } from '../params/tree.js';
import { evaluateUnits, unitOutcome, totalsOf, type UnitOutcome } from '../arrangements/arrange.js';
import { arrangeUnits, type Arrangement, type ArrangedUnit } from '../arrangements/units.js';
import { MAX_SWEEP_POINTS, REVENUE_FIELDS, type SweepAxis, type SweepField } from './vary.js';

/**
 * The sweep engine: the arrangement's totals at every point of a grid of one or two axes.
 *
 * Cheap where the model is linear. A unit's cost does not depend on fee_rate, collection_rate,
 * other_income or subsidy, so when only those vary, costs are computed once per set of parameter
 * values and each point recomputes only the revenue of the compounds that change
 * (`netRevenue`: memberRevenue's net, without the record); a unit's profit is then Σ of its
 * members' net revenue − its cost. Units with no changing member are summed once. Parameter axes
 * rebuild the coefficients per point from an overlay on the tree (the tree is never changed);
 * other compound fields re-evaluate only the units whose members change.
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
  /** For units with a changed member: service and owners' net revenue of the members that do not change. */
  fixedNet: Fen[];
  fixedOwners: Fen[];
  /** Totals of the units no field axis changes. */
  unchanged: Totals;
}

/** Checks the axes of a sweep (one or two, distinct, a grid within MAX_SWEEP_POINTS) and splits them by kind. */
function checkAxes(axes: readonly SweepAxis[]) {
  if (axes.length < 1 || axes.length > 2) throw inputError('USAGE', `a sweep varies one or two keys, got ${axes.length}`);
  if (axes.length === 2 && axes[0]!.key === axes[1]!.key) throw inputError('USAGE', `--vary ${axes[0]!.key} is given twice`);
  const points = axes.reduce((n, a) => n * a.values.length, 1);
  if (points > MAX_SWEEP_POINTS) throw inputError('USAGE', `the grid has ${points} points, more than ${MAX_SWEEP_POINTS}`, undefined, 'use larger steps');
  return {
    fieldAxes: axes.filter((a): a is Extract<SweepAxis, { kind: 'field' }> => a.kind === 'field'),
    paramAxes: axes.filter((a) => a.kind === 'param'),
  };
}

/** Runs a sweep. Pure; throws an InputError when a parameter value leaves the model undefined. */
export function runSweep(input: SweepInput): SweepResult {
  const { axes } = input;
  const { fieldAxes, paramAxes } = checkAxes(axes);
  if (input.only && fieldAxes.length === 0) {
    throw inputError('USAGE', '--only picks the compounds whose fields change, but no compound field is varied', undefined, 'vary a field such as fee_rate, or drop --only');
  }

  const units = arrangeUnits(input.compounds, input.arrangement ?? { units: [], changes: new Map() });
  const only = input.only ? new Set(input.only) : null;
  const changes = (c: Compound) => fieldAxes.length > 0 && (only === null || only.has(c.id));
  // Per unit: the indices of members the field axes change (empty: the unit never changes).
  const changing = units.map((u) => u.members.flatMap((m, i) => (changes(m) ? [i] : [])));
  const changed = units.flatMap((u, i) => (changing[i]!.length > 0 ? [i] : []));
  // Overhead allocated by fees receivable makes cost follow the fee: then the fee is priced in full.
  const feeInCost = (k: Coefficients) => k.overhead.byFeesReceivable;
  const costChanges = fieldAxes.some((a) => !REVENUE_FIELDS.has(a.key));
  // Copies of the members that change, made once: each point sets their varied fields and
  // evaluates them (the inputs are never changed; a copy per point would cost more than the point).
  const scratch: Compound[][] = units.map((u, i) => (changing[i]!.length > 0 ? u.members.map((m) => (changes(m) ? { ...m } : m)) : u.members));
  // The changing members as flat slots for the revenue path: their own fee, collection rate,
  // other income and subsidy (in fen), which each point overrides with the varied values. No
  // object is written per point: storing a fractional number into an object costs an allocation.
  const slots = changed.flatMap((i) =>
    changing[i]!.map((j) => {
      const m = scratch[i]![j]!;
      return { unit: i, area: m.area_m2, fee: m.fee_rate, rate: m.collection_rate, housing: m.housing_type, other: fenOf(m.other_income), subsidy: fenOf(m.subsidy) };
    }),
  );
  const axisOf = (key: SweepField) => fieldAxes.find((a) => a.key === key)?.key;
  const feeKey = axisOf('fee_rate');
  const rateKey = axisOf('collection_rate');
  const otherKey = axisOf('other_income');
  const subsidyKey = axisOf('subsidy');
  const setters = fieldAxes.map((a) => ({ set: SETTERS[a.key], key: a.key }));
  const unitNet = new Array<number>(units.length).fill(0);
  const unitOwners = new Array<number>(units.length).fill(0);

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
    for (const a of paramAxes) params[a.key] = values[a.key]!;
    const b = baselineFor(params);
    // Units that do not change are summed once per parameter set; only the others are priced.
    const t: Totals = { ...b.unchanged };
    if (costChanges || (feeKey !== undefined && feeInCost(b.k))) {
      for (const { set, key } of setters) {
        const v = values[key]!;
        for (const i of changed) for (const j of changing[i]!) set(scratch[i]![j]!, v);
      }
      for (const i of changed) {
        const e = evaluateUnit(scratch[i]!, b.k);
        addUnit(t, scratch[i]!.length, e.revenue, e.cost);
      }
    } else {
      const fee = feeKey && values[feeKey];
      const rate = rateKey && values[rateKey];
      const other = otherKey && fenOf(values[otherKey]!);
      const subsidy = subsidyKey && fenOf(values[subsidyKey]!);
      for (const i of changed) {
        unitNet[i] = b.fixedNet[i]!;
        unitOwners[i] = b.fixedOwners[i]!;
      }
      for (const s of slots) {
        const owners = ownersNet(other ?? s.other, b.k);
        unitOwners[s.unit]! += owners;
        unitNet[s.unit]! -= owners;
        unitNet[s.unit]! += netRevenue(
          s.area,
          fee ?? s.fee,
          rate ?? s.rate ?? b.k.collection[s.housing],
          other ?? s.other,
          subsidy ?? s.subsidy,
          b.k,
        );
      }
      for (const i of changed) {
        const cost = b.outcomes[i]!.cost;
        addUnit(t, scratch[i]!.length, unitNet[i]! + ownersContribution(unitNet[i]!, unitOwners[i]!, cost), cost);
      }
    }
    assertFinite(t, values);
    rows.push(sweepRow(values, t, rows.length % inner === 0 ? undefined : rows[rows.length - 1]));
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

/** Common-parts income net of its taxes, as memberRevenue takes it (the owners'). */
function ownersNet(otherFen: Fen, k: Coefficients): Fen {
  return otherFen - ownersTaxes(otherFen, k);
}

/**
 * The sweep of every compound alone (a plain CSV, no --only), a compound at a time: `add` each
 * compound as the reader gives it, then `result`. Memory is one Totals per grid point and one
 * coefficient set per parameter value, whatever the number of compounds; the result is the same
 * as `runSweep` over the whole list (totals are sums of whole fen, so the order of additions does
 * not matter; test/whatif/sweep.test.ts holds the two to each other). Each compound is evaluated
 * once per parameter set, as runSweep's baselines do, and priced at every point only when a field
 * axis changes it (every compound, without --only).
 */
export function sweepStream(input: Omit<SweepInput, 'compounds' | 'arrangement' | 'only'>): { add(c: Compound): void; result(): SweepResult } {
  const { axes } = input;
  const { fieldAxes, paramAxes } = checkAxes(axes);
  const costChanges = fieldAxes.some((a) => !REVENUE_FIELDS.has(a.key));
  const axisOf = (key: SweepField) => fieldAxes.find((a) => a.key === key)?.key;
  const feeKey = axisOf('fee_rate');
  const rateKey = axisOf('collection_rate');
  const otherKey = axisOf('other_income');
  const subsidyKey = axisOf('subsidy');
  const setters = fieldAxes.map((a) => ({ set: SETTERS[a.key], key: a.key }));

  // The grid, and for each point the index of its parameter set.
  const points = [...grid(axes)];
  const setIndex = new Map<string, number>();
  const ks: Coefficients[] = [];
  const pointSet = points.map((values) => {
    const params: Record<string, number> = {};
    for (const a of paramAxes) params[a.key] = values[a.key]!;
    const key = paramAxes.map((a) => params[a.key]).join('\u0000');
    let i = setIndex.get(key);
    if (i === undefined) {
      i = ks.length;
      ks.push(coefficientsFor(input.tree, input.asOf, params));
      setIndex.set(key, i);
    }
    return i;
  });
  const kBase = paramAxes.length === 0 ? ks[0]! : coefficientsFor(input.tree, input.asOf, {});
  const totals = points.map(() => emptyTotals());
  const base = emptyTotals();
  let compounds = 0;
  const costs = new Float64Array(ks.length);
  const revenues = new Float64Array(ks.length);

  return {
    add(c: Compound): void {
      compounds++;
      for (let s = 0; s < ks.length; s++) {
        const e = evaluateUnit([c], ks[s]!);
        costs[s] = e.cost;
        revenues[s] = e.revenue;
      }
      if (paramAxes.length === 0) addUnit(base, 1, revenues[0]!, costs[0]!);
      else {
        const e = evaluateUnit([c], kBase);
        addUnit(base, 1, e.revenue, e.cost);
      }
      if (fieldAxes.length === 0) {
        for (let p = 0; p < points.length; p++) addUnit(totals[p]!, 1, revenues[pointSet[p]!]!, costs[pointSet[p]!]!);
      } else if (costChanges || (feeKey !== undefined && ks.some((k) => k.overhead.byFeesReceivable))) {
        // Overhead allocated by fees receivable makes cost follow the fee: then the fee is priced in full.
        const copy = { ...c };
        for (let p = 0; p < points.length; p++) {
          for (const { set, key } of setters) set(copy, points[p]![key]!);
          const e = evaluateUnit([copy], ks[pointSet[p]!]!);
          addUnit(totals[p]!, 1, e.revenue, e.cost);
        }
      } else {
        const other = fenOf(c.other_income);
        const subsidy = fenOf(c.subsidy);
        for (let p = 0; p < points.length; p++) {
          const values = points[p]!;
          const k = ks[pointSet[p]!]!;
          const otherAt = otherKey ? fenOf(values[otherKey]!) : other;
          const net = netRevenue(
            c.area_m2,
            feeKey ? values[feeKey]! : c.fee_rate,
            rateKey ? values[rateKey]! : (c.collection_rate ?? k.collection[c.housing_type]),
            otherAt,
            subsidyKey ? fenOf(values[subsidyKey]!) : subsidy,
            k,
          );
          // Common-parts income is the owners': it funds the part of the cost fees do not cover.
          const owners = ownersNet(otherAt, k);
          const cost = costs[pointSet[p]!]!;
          addUnit(totals[p]!, 1, net - owners + ownersContribution(net - owners, owners, cost), cost);
        }
      }
    },
    result(): SweepResult {
      const rows: SweepRow[] = [];
      const inner = axes[axes.length - 1]!.values.length;
      points.forEach((values, p) => {
        const t = totals[p]!;
        assertFinite(t, values);
        rows.push(sweepRow(values, t, rows.length % inner === 0 ? undefined : rows[rows.length - 1]));
      });
      return { axes: axes.map((a) => ({ ...a, values: [...a.values] })), only: null, units: compounds, compounds, base, rows };
    },
  };
}

/** Adds a unit to totals, as `addToTotals` does (viable ⇔ profit ≥ 0), without building its outcome. */
function addUnit(t: Totals, sites: number, revenue: Fen, cost: Fen): void {
  const profit = revenue - cost;
  t.units++;
  t.compounds += sites;
  if (isViable(profit)) {
    t.viableUnits++;
    t.viableCompounds += sites;
  }
  t.subsidyNeeded += subsidyNeededFor(profit);
  t.revenue += revenue;
  t.cost += cost;
  t.profit += profit;
}

/** One setter per field, so each point's stores are to a named property (fast, and type-checked). */
const SETTERS: Record<SweepField, (c: Compound, v: number) => void> = {
  fee_rate: (c, v) => void (c.fee_rate = v),
  collection_rate: (c, v) => void (c.collection_rate = v),
  other_income: (c, v) => void (c.other_income = v),
  subsidy: (c, v) => void (c.subsidy = v),
  area_m2: (c, v) => void (c.area_m2 = v),
  households: (c, v) => void (c.households = v),
  floors: (c, v) => void (c.floors = v),
  elevators: (c, v) => void (c.elevators = v),
  built_year: (c, v) => void (c.built_year = v),
  gates: (c, v) => void (c.gates = v),
  water_tanks: (c, v) => void (c.water_tanks = v),
  green_area_m2: (c, v) => void (c.green_area_m2 = v),
};

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
  const fixedOwners: Fen[] = [];
  const unchanged = emptyTotals();
  const outcomes = units.map((u, i) => {
    const e = evaluateUnit(u.members, k);
    const idx = changing[i]!;
    let fixed = 0;
    let owners = 0;
    if (idx.length > 0)
      e.members.forEach((m, j) => {
        if (idx.includes(j)) return;
        fixed += m.serviceNet;
        owners += m.ownersNet;
      });
    else addUnit(unchanged, u.members.length, e.revenue, e.cost);
    fixedNet.push(fixed);
    fixedOwners.push(owners);
    return unitOutcome(u.id, e.memberIds, e.revenue, e.cost);
  });
  return { k, outcomes, fixedNet, fixedOwners, unchanged };
}

/** Coefficients with `params` (key → value) overlaid on `tree`, resolved on `asOf`. */
export function coefficientsFor(tree: ParamTree, asOf: string, params: Record<string, number>): Coefficients {
  const over = Object.keys(params).length ? applyOverlay(tree, params, { file: 'command line', lineOf: () => undefined }) : { tree, problems: [] };
  if (over.problems.length) throw new InputError(over.problems);
  const r = resolveParams(over.tree, asOf);
  if (!r.params) throw new InputError(r.problems);
  return computeCoefficients(r.params);
}

/** One point's row; `flip` when the verdict changed since `prev`, the point before on the last axis. */
function sweepRow(values: Record<string, number>, t: Totals, prev: SweepRow | undefined): SweepRow {
  return {
    values,
    revenue: t.revenue,
    cost: t.cost,
    profit: t.profit,
    subsidyNeeded: t.subsidyNeeded,
    viable: t.viableCompounds,
    viableUnits: t.viableUnits,
    flip: prev !== undefined && (prev.viable !== t.viableCompounds || prev.profit >= 0 !== t.profit >= 0),
  };
}

function assertFinite(t: Totals, values: Record<string, number>): void {
  if (Number.isSafeInteger(t.cost) && Number.isSafeInteger(t.revenue)) return;
  const at = Object.entries(values)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  throw inputError('VARY_MODEL_UNDEFINED', `at ${at} the model gives no finite cost or revenue`, { file: 'command line' }, 'choose values the model can use (no zero norms or steps)');
}
