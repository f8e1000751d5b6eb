import type { Compound } from '../core/compound.js';
import type { Fen } from '../core/money.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateUnit, ownersContribution, type EvaluateOptions, type UnitEvaluation } from '../model/evaluate-unit.js';
import { feeForNetRevenue } from '../model/break-even.js';
import { avoidableCost } from '../model/avoidable.js';
import { allocate, type Allocation, type AllocationMethod } from './allocation.js';
import { EXACT_CORE_MAX_PLAYERS, checkStability } from './stability.js';
import { MAX_PLAYERS, incrementalCosts, memoCost } from './cost-game.js';

/** How compounds are grouped: the same shapes a scenario file and the planner use. */
export type UnitSpec =
  | { kind: 'standalone'; id: string }
  | { kind: 'attached'; name?: string; host: string; guests: string[] }
  | { kind: 'cluster'; name: string; members: string[] };

export function membersOf(spec: UnitSpec): string[] {
  switch (spec.kind) {
    case 'standalone':
      return [spec.id];
    case 'attached':
      return [spec.host, ...spec.guests];
    case 'cluster':
      return spec.members;
  }
}

export function unitId(spec: UnitSpec): string {
  switch (spec.kind) {
    case 'standalone':
      return spec.id;
    case 'attached':
      return spec.name ?? `${spec.host}+${spec.guests.join('+')}`;
    case 'cluster':
      return spec.name;
  }
}

/** One member's part of a unit. */
export interface MemberShare {
  id: string;
  /** Its share of the unit cost under the allocation method. */
  cost: Fen;
  /** What it would cost managed alone. */
  standaloneCost: Fen;
  /**
   * What the firm would avoid without it (src/model/avoidable.ts): its continuous staff need
   * against the spare capacity of the unit without it, priced as it would be bought, plus the
   * per-site increment of jobs and contracts; no overhead. The verdict (`gains`) uses it.
   */
  incrementalCost: Fen;
  /** Cost of the unit minus cost of the unit without it, both rounded: the step risk. */
  steppedIncrementalCost: Fen;
  /**
   * Its net revenue: fees collected and subsidy less taxes, plus as much of its owners'
   * common-parts income as its share of cost needs beyond that.
   */
  revenue: Fen;
  /** What the firm gains by serving it: its revenue (owners' income funding at most the shortfall) − its avoidable cost. */
  gain: Fen;
  /** The firm gains by serving it: avoidable cost < its revenue. */
  gains: boolean;
  /** revenue − share. */
  profit: Fen;
  /** No coalition containing it pays less on its own. */
  stable: boolean;
  /** Its share exceeds its standalone cost: it would rather leave. */
  walksOut: boolean;
  /** The fee at which its revenue covers its share, yuan/m²/month. */
  breakEvenFee: number | null;
}

export interface UnitResult {
  id: string;
  spec: UnitSpec;
  evaluation: UnitEvaluation;
  allocation: AllocationMethod;
  /** Shapley beyond 15 members is sampled; the core is checked exactly up to 15 members. */
  exact: boolean;
  /** What was estimated or checked only in part, and why (sampled Shapley, partial core check). */
  notes: string[];
  shares: MemberShare[];
  stable: boolean;
  blocking: { members: string[]; share: Fen; alone: Fen; excess: Fen }[];
}

export interface UnitOptions extends EvaluateOptions {
  allocation: AllocationMethod;
  seed?: number;
}

/**
 * Evaluates a unit and splits its cost among its members. The cost game is C(S) = the cost of a
 * unit formed by S alone (same travel rule), memoised, so Shapley, SCRB, incremental costs and the
 * core check all price each coalition once.
 */
export function evaluateArrangedUnit(spec: UnitSpec, members: readonly Compound[], k: Coefficients, opts: UnitOptions): UnitResult {
  const evalOpts: EvaluateOptions = opts.travel === false ? { travel: false } : {};
  const evaluation = evaluateUnit(members, k, { ...evalOpts, ...(opts.trace ? { trace: true } : {}) });
  const n = members.length;
  const cost = memoCost(n, (idx) => (idx.length === n ? evaluation.cost : evaluateUnit(idx.map((i) => members[i]!), k, evalOpts).cost));
  const players = members.map((m) => ({ id: m.id, area_m2: m.area_m2, households: m.households }));
  const alloc: Allocation = n === 1 ? { shares: [evaluation.cost], exact: true } : allocate(opts.allocation, players, cost, { seed: opts.seed ?? 1 });
  const { shares, exact: allocExact } = alloc;
  const stability = n === 1 ? undefined : checkStability(players, cost, shares);
  const notes: string[] = [];
  if (n > MAX_PLAYERS) {
    notes.push(`a unit of ${n} members is too large for methods over all coalitions: costs are split and checked by methods that scale`);
  }
  if (!allocExact && alloc.note) notes.push(alloc.note);
  if (stability && !stability.exact) {
    notes.push(`stability checked against each member alone, every pair and the whole unit only (all coalitions are checked up to ${EXACT_CORE_MAX_PLAYERS} members)`);
  }
  const incremental = n === 1 ? [evaluation.cost] : incrementalCosts(n, cost);
  // The unit's owners' contribution, split by each member's common-parts income (each member's
  // owners fund the unit in proportion to what they bring), to the fen, so revenues add up.
  const contributions = splitByWeight(evaluation.ownersContribution, evaluation.members.map((r) => r.ownersNet));
  const result: MemberShare[] = members.map((m, i) => {
    const share = shares[i]!;
    const r = evaluation.members[i]!;
    // The owners' income funds at most the part of a cost the fees do not cover.
    const revenueFor = (c: Fen) => r.serviceNet + ownersContribution(r.serviceNet, r.ownersNet, c);
    const revenue = r.serviceNet + contributions[i]!;
    const standaloneCost = n === 1 ? evaluation.cost : cost([i]);
    const without = n === 1 ? undefined : evaluateUnit(members.filter((_, j) => j !== i), k, evalOpts);
    const avoidable = avoidableCost(evaluation, without, k).amount;
    const gain = revenueFor(avoidable) - avoidable;
    return {
      id: m.id,
      cost: share,
      standaloneCost,
      incrementalCost: avoidable,
      steppedIncrementalCost: incremental[i]!,
      revenue,
      gain,
      gains: gain > 0,
      profit: revenue - share,
      stable: stability ? stability.members[i]!.stable : true,
      walksOut: share > standaloneCost,
      breakEvenFee: feeForNetRevenue(m, k, share),
    };
  });
  return {
    id: unitId(spec),
    spec,
    evaluation,
    allocation: opts.allocation,
    exact: allocExact && (stability?.exact ?? true),
    notes,
    shares: result,
    stable: stability ? stability.stable : true,
    blocking: (stability?.blocking ?? []).map((b) => ({ ...b, members: b.members.map((i) => members[i]!.id) })),
  };
}

/** The compounds with the scenario's changes applied (new objects; the baseline is untouched). */
export function applyChanges(compounds: readonly Compound[], changes: ReadonlyMap<string, Partial<Compound>>): Compound[] {
  if (changes.size === 0) return [...compounds];
  return compounds.map((c) => {
    const p = changes.get(c.id);
    return p ? { ...c, ...p } : c;
  });
}

/** What an arrangement is made of: the scenario's units and compound changes. */
export interface Arrangement {
  units: readonly UnitSpec[];
  changes: ReadonlyMap<string, Partial<Compound>>;
}

/** A unit ready to evaluate: its id, its spec and its members with the changes applied. */
export interface ArrangedUnit {
  id: string;
  spec: UnitSpec;
  members: Compound[];
}

/** The units of `arrangement` over `baseline`, in the order `evaluateArrangement` lists them. */
export function arrangeUnits(baseline: readonly Compound[], arrangement: Arrangement): ArrangedUnit[] {
  const changed = applyChanges(baseline, arrangement.changes);
  const out: ArrangedUnit[] = [];
  // Every compound alone (a plain CSV): no lookup by id needed, and none built for a million ids.
  if (arrangement.units.length === 0) {
    for (const c of changed) out.push({ id: c.id, spec: { kind: 'standalone', id: c.id }, members: [c] });
    return out;
  }
  const byId = new Map(changed.map((c) => [c.id, c]));
  const placed = new Set<string>();
  for (const spec of arrangement.units) {
    const ids = membersOf(spec);
    for (const id of ids) placed.add(id);
    out.push({ id: unitId(spec), spec, members: ids.map((id) => byId.get(id)!) });
  }
  for (const c of changed) if (!placed.has(c.id)) out.push({ id: c.id, spec: { kind: 'standalone', id: c.id }, members: [c] });
  return out;
}

/** `total` fen split in proportion to `weights` (largest remainder, ties to the lower index). */
function splitByWeight(total: Fen, weights: readonly Fen[]): Fen[] {
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (total === 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * Math.max(0, w)) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) out[order[j]!.i]! += 1;
  return out;
}
