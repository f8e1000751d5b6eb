import type { Highs, ModelData } from 'highs';
import type { Compound } from '../core/compound.js';
import { connectedComponents } from './components.js';
import { prepareRules, type PlanRules } from './constraints.js';
import { UnitCache, compareScores } from './evaluation.js';
import { checkedEffort, searchUnits } from './heuristic.js';
import { buildPlanResult } from './result.js';
import { buildNeighbourGraph, isNeighbour, type NeighbourGraph } from './spatial-index.js';
import { DEFAULT_MAX_COLUMNS, type PlanOptions, type PlanResult, type PlanStatus, type UnitEvaluator } from './types.js';

/**
 * The optimal plan, as a set-partitioning MIP solved by HiGHS, one connected component of the
 * allowed-pairs graph at a time (no unit spans two; components of one need no solver).
 *
 * Columns are every feasible unit of the component: each clique of the graph (all pairs within
 * distance and allowed together) of at most maxMembers compounds and maxHouseholds households,
 * found by clique enumeration and capped at `maxColumns` (see {@link PlanOptions.maxColumns}).
 * Each compound is covered exactly once. A column is dropped when taking one member out and
 * covering the rest at best is no worse (some optimal plan never needs it). The LP relaxation
 * then drops every column whose reduced cost shows it cannot beat the warm start.
 *
 * Objective and tie-break, in integers: objective `subsidy` minimises
 * Σ subsidy·(m+1) + moved, where m is the component's size and moved counts members of units of
 * two or more; since moved ≤ m < m+1, this is exactly "least subsidy, then fewest compounds
 * moved out of standalone". Objective `viable` solves twice: first maximise compounds in viable
 * units, then, keeping at least that many, minimise the same subsidy-then-moved cost. With
 * whole-number costs an absolute gap below 1 proves optimality.
 *
 * The heuristic's plan is the warm start, so a time limit always leaves a plan at least as good
 * as the heuristic's. `timeLimitS` is shared over components, smallest first, each given a share
 * in proportion to its columns, unused time passing on. With `opts.clock` it is wall time from
 * the start: the warm start's improvement steps stop at half of it (its merging and first local
 * search always run: that is the plan returned if nothing else fits), and enumeration,
 * evaluation and pruning of columns read the clock every
 * CLOCK_EVERY steps and give up on the component (its warm-start units stand, unproven) when the
 * deadline passes; HiGHS gets at most the time left. The margin over the limit is then a clock
 * interval of one of those loops, plus HiGHS noticing its own limit (tens of milliseconds), plus
 * building the result. Without a clock it is HiGHS's run time only.
 */
export async function planExact(compounds: Compound[], evaluate: UnitEvaluator, opts: PlanOptions): Promise<PlanResult> {
  const rules = prepareRules(compounds, opts);
  const graph = buildNeighbourGraph(compounds, rules);
  const cache = new UnitCache(evaluate);
  const warnings = [...rules.warnings];
  // Progress: the warm start fills the first part of the bar, components the rest by size.
  const total = PROGRESS_TOTAL;
  const n = Math.max(1, compounds.length);
  let done = 0;
  const report = (): void => opts.onProgress?.(Math.min(total, Math.round(done)), total);
  // The wall-clock deadline (when the shell gave a clock): the warm start's improvement steps may
  // use half of the limit, the rest goes to the columns and the solver.
  const deadline = deadlineOf(opts, 1);
  const warmDeadline = deadlineOf(opts, WARM_TIME_SHARE);
  const warm = searchUnits(rules, graph, cache, {
    objective: opts.objective,
    seed: opts.seed,
    effort: checkedEffort(opts.effort),
    stop: Number.isFinite(warmDeadline.left()) ? () => warmDeadline.passed() : undefined,
    onProgress: opts.onProgress && ((d, t) => opts.onProgress!(Math.round((WARM_SHARE * total * d) / t), total)),
  });
  done = WARM_SHARE * total;
  const perCompound = (total - done) / n;
  const warmOf = new Int32Array(compounds.length);
  warm.forEach((u, k) => u.forEach((i) => (warmOf[i] = k)));

  const components = connectedComponents(graph);
  const models: ComponentModel[] = [];
  const units: number[][] = [];
  report();
  for (const comp of components) {
    if (comp.length === 1) {
      units.push(comp);
      done += perCompound;
      continue;
    }
    const warmUnits = uniqueUnits(comp.map((i) => warmOf[i]!)).map((k) => warm[k]!);
    const model = deadline.passed() ? warmOnlyModel(comp, cache, opts, warmUnits) : buildComponentModel(comp, graph, rules, cache, opts, warmUnits, deadline);
    if (model.capped) warnings.push(model.capped);
    models.push(model);
  }
  report();

  let highs: Highs | undefined;
  const budget = opts.timeLimitS ?? Infinity;
  let used = 0;
  // Smallest first: they finish fast and pass their unused share on to the large ones.
  models.sort((a, b) => a.columns.length - b.columns.length || a.compounds[0]! - b.compounds[0]!);
  let columnsLeft = models.reduce((s, m) => s + m.columns.length, 0);
  const outcomes: ComponentOutcome[] = [];
  for (const m of models) {
    const remaining = Math.max(0, Math.min(budget - used, deadline.left()));
    const share = Number.isFinite(budget)
      ? Math.min(remaining, Math.max(MIN_SHARE_S, remaining * (m.columns.length / Math.max(1, columnsLeft))))
      : Infinity;
    columnsLeft -= m.columns.length;
    let outcome: ComponentOutcome;
    if (m.timedOut || deadline.passed()) {
      // No time left to enumerate or to solve: the warm start's units, with what is known
      // (every compound might be viable; the subsidy might be 0).
      const viableBound = opts.objective === 'viable' ? m.compounds.length : null;
      outcome = { ...outcomeOf(m, m.warm.map((k) => m.columns[k]!), false, 0, viableBound, 0), limitedBy: 'time' };
    } else if (m.columns.every((c) => c.members.length === 1)) {
      outcome = allStandalone(m);
    } else {
      highs ??= await loadHighs();
      try {
        outcome = solveComponent(highs, m, opts, share, deadline);
      } catch (error) {
        // A solver failure (out of WebAssembly memory, say) costs this component its proof, not
        // the plan: keep the heuristic's units there, and start a fresh solver for the next one.
        warnings.push(
          `the MIP solver failed on the component of ${m.compounds.length} compounds starting at index ` +
            `${m.compounds[0]} (${error instanceof Error ? error.message : String(error)}); the heuristic's units are used there`,
        );
        highs = undefined;
        highsLoading = undefined;
        outcome = { ...outcomeOf(m, m.warm.map((k) => m.columns[k]!), false, 0, null, 0), failed: true };
      }
      used += outcome.seconds;
    }
    outcomes.push(outcome);
    units.push(...outcome.units);
    done += perCompound * m.compounds.length;
    report();
  }

  done = total;
  report();
  const summary = summarise(outcomes, models);
  if (summary.status === 'time_limit') {
    const byTime = outcomes.some((o) => o.limitedBy === 'time');
    const why = byTime
      ? `the solver's time limit (${opts.timeLimitS ?? '∞'} s) was reached`
      : `a component had more than ${MIP_COLUMN_LIMIT} promising candidate units for one MIP`;
    warnings.push(
      `${why} before optimality was proven; the plan is the best found, within ${formatGap(summary.gap)} of the optimum`,
    );
  }
  return buildPlanResult(compounds, units, (m) => evaluate(m), {
    method: 'exact',
    objective: opts.objective,
    status: summary.status,
    gap: summary.gap,
    warnings,
  });
}

const PROGRESS_TOTAL = 1000;
/** Share of the progress bar for the heuristic warm start. */
const WARM_SHARE = 0.3;

let highsLoading: Promise<Highs> | undefined;
/** Most columns handed to one MIP (see solveStage). */
const MIP_COLUMN_LIMIT = 25_000;
/** Above this many columns a time-limited MIP runs without presolve probing (see solveStage). */
const PROBING_COLUMN_LIMIT = 20_000;
/** HiGHS presolve_rule_off bit for probing. */
const PRESOLVE_RULE_PROBING = 1 << 15;
/** Every component may use at least this much of the budget, seconds (when that much is left). */
const MIN_SHARE_S = 1;

/** Clock checks in the enumeration and evaluation loops: every this many steps. */
const CLOCK_EVERY = 512;

/** The wall-clock deadline of an exact run (see PlanOptions.timeLimitS); never passes without a clock. */
export interface Deadline {
  passed(): boolean;
  /** Seconds left (Infinity without a limit or a clock). */
  left(): number;
}

/** Share of the time limit the warm start's improvement steps may use. */
const WARM_TIME_SHARE = 0.5;

/** A deadline `share` of the time limit from now. */
function deadlineOf(opts: PlanOptions, share: number): Deadline {
  const { clock, timeLimitS } = opts;
  if (clock === undefined || timeLimitS === undefined || !Number.isFinite(timeLimitS)) return { passed: () => false, left: () => Infinity };
  const start = opts.startedAtMs ?? clock();
  const end = start + Math.max(0, timeLimitS - (opts.reserveS ?? 0)) * 1000 * share;
  return { passed: () => clock() >= end, left: () => Math.max(0, (end - clock()) / 1000) };
}

/** The WebAssembly solver, loaded on first use only: most commands never need it. */
async function loadHighs(): Promise<Highs> {
  highsLoading ??= import('highs').then((mod) => mod.default());
  return highsLoading;
}

/** A candidate unit and its objective coefficients (see {@link planExact}). */
interface Column {
  members: number[];
  /** Minus the compounds the unit makes viable (objective `viable`), else 0. */
  v: number;
  /** subsidy · (m + 1) + moved. */
  s: number;
  subsidy: number;
}

interface ComponentModel {
  compounds: number[];
  columns: Column[];
  /** Indices into `columns` of the heuristic's units: the warm start. */
  warm: number[];
  /** A warning when the enumeration had to be limited, else null. */
  capped: string | null;
  /** The deadline passed while enumerating or evaluating: only the warm start's units are columns. */
  timedOut?: boolean;
}

/** A component whose only columns are the warm start's units (no time left to enumerate). */
function warmOnlyModel(comp: number[], cache: UnitCache, opts: PlanOptions, warmUnits: number[][]): ComponentModel {
  const columns = warmUnits.map((u) => columnOf(u, cache, opts, comp.length + 1));
  return { compounds: comp, columns, warm: columns.map((_, k) => k), capped: null, timedOut: true };
}

function columnOf(members: number[], cache: UnitCache, opts: PlanOptions, scale: number): Column {
  const e = cache.get(members);
  const moved = members.length > 1 ? members.length : 0;
  return {
    members,
    v: opts.objective === 'viable' && e.viable ? -members.length : 0,
    s: e.subsidyNeeded * scale + moved,
    subsidy: e.subsidyNeeded,
  };
}

function uniqueUnits(ks: number[]): number[] {
  return [...new Set(ks)].sort((a, b) => a - b);
}

function buildComponentModel(
  comp: number[],
  graph: NeighbourGraph,
  rules: PlanRules,
  cache: UnitCache,
  opts: PlanOptions,
  warmUnits: number[][],
  deadline: Deadline,
): ComponentModel {
  const cap = opts.maxColumns ?? DEFAULT_MAX_COLUMNS;
  let size = rules.maxMembers;
  let found = enumerateUnits(comp, graph, rules, size, cap, deadline);
  while (found === null) {
    size--;
    found = enumerateUnits(comp, graph, rules, size, cap, deadline);
  }
  if (found === 'timeout') return warmOnlyModel(comp, cache, opts, warmUnits);
  const capped =
    size < rules.maxMembers
      ? `component of ${comp.length} compounds starting at index ${comp[0]}: more than ${cap} candidate units; ` +
        `solved over units of at most ${size} members plus the heuristic's units, so optimality is not proven`
      : null;
  const scale = comp.length + 1;
  const column = (members: number[]): Column => columnOf(members, cache, opts, scale);
  found.sort((a, b) => a.length - b.length);
  // Evaluating a column runs the cost model: hundreds of thousands of them take minutes.
  const all: Column[] = [];
  for (let j = 0; j < found.length; j++) {
    if (j % CLOCK_EVERY === 0 && deadline.passed()) return warmOnlyModel(comp, cache, opts, warmUnits);
    all.push(column(found[j]!));
  }
  const columns = pruneDominated(all, deadline);
  if (columns === null) return warmOnlyModel(comp, cache, opts, warmUnits);
  const index = new Map<string, number>();
  columns.forEach((c, k) => index.set(c.members.join(','), k));
  const warm: number[] = [];
  for (const u of warmUnits) {
    const key = u.join(',');
    let k = index.get(key);
    if (k === undefined) {
      k = columns.length;
      columns.push(column(u));
      index.set(key, k);
    }
    warm.push(k);
  }
  return { compounds: comp, columns, warm, capped };
}

/**
 * Every clique of at most `maxSize` members within the households limit, as ascending member
 * lists; null when there are more than `cap`; 'timeout' when the deadline passed first (the
 * clock is read every CLOCK_EVERY cliques and every CLOCK_EVERY dead ends).
 */
function enumerateUnits(
  comp: readonly number[],
  graph: NeighbourGraph,
  rules: PlanRules,
  maxSize: number,
  cap: number,
  deadline: Deadline,
): number[][] | null | 'timeout' {
  const out: number[][] = [];
  let steps = 0;
  let late = false;
  const extend = (clique: number[], households: number, candidates: number[]): boolean => {
    out.push(clique);
    if (out.length > cap) return false;
    if (++steps % CLOCK_EVERY === 0 && deadline.passed()) {
      late = true;
      return false;
    }
    if (clique.length >= maxSize) return true;
    for (let k = 0; k < candidates.length; k++) {
      const w = candidates[k]!;
      const hh = households + rules.households[w]!;
      if (hh > rules.maxHouseholds) {
        if (++steps % CLOCK_EVERY === 0 && deadline.passed()) {
          late = true;
          return false;
        }
        continue;
      }
      const next: number[] = [];
      for (let l = k + 1; l < candidates.length; l++) {
        if (isNeighbour(graph, w, candidates[l]!)) next.push(candidates[l]!);
      }
      if (!extend([...clique, w], hh, next)) return false;
    }
    return true;
  };
  for (const v of comp) {
    const later: number[] = [];
    for (let e = graph.start[v]!; e < graph.start[v + 1]!; e++) {
      if (graph.adj[e]! > v) later.push(graph.adj[e]!);
    }
    if (!extend([v], rules.households[v]!, later)) return late ? 'timeout' : null;
  }
  return out;
}

/**
 * Drops columns that some split does at least as well as: best(U) is the cheapest way found to
 * cover U (U itself, or best(U − i) plus i alone), and U goes when that is no dearer than U.
 * Sound because every subset of a feasible unit is feasible and already considered (columns come
 * by increasing size), so a plan using U can always swap it for that cover at no loss.
 */
function pruneDominated(sortedBySize: Column[], deadline: Deadline): Column[] | null {
  const best = new Map<string, { v: number; s: number }>();
  const kept: Column[] = [];
  let steps = 0;
  for (const c of sortedBySize) {
    if (++steps % CLOCK_EVERY === 0 && deadline.passed()) return null;
    let bv = c.v;
    let bs = c.s;
    let dominated = false;
    if (c.members.length > 1) {
      for (const i of c.members) {
        const rest = best.get(c.members.filter((x) => x !== i).join(','));
        const alone = best.get(String(i));
        if (rest === undefined || alone === undefined) continue;
        const sv = rest.v + alone.v;
        const ss = rest.s + alone.s;
        if (compareScores(sv, ss, 0, c.v, c.s, 0) <= 0) dominated = true;
        if (compareScores(sv, ss, 0, bv, bs, 0) < 0) {
          bv = sv;
          bs = ss;
        }
      }
    }
    best.set(c.members.join(','), { v: bv, s: bs });
    if (!dominated) kept.push(c);
  }
  return kept;
}

interface ComponentOutcome {
  units: number[][];
  optimal: boolean;
  /** The solver failed; the heuristic's units stand. */
  failed?: boolean;
  limitedBy?: Limit;
  seconds: number;
  /** Compounds in viable units: found, and an upper bound. */
  viable: { found: number; bound: number };
  /** Subsidy in fen: found, and a lower bound. */
  subsidy: { found: number; bound: number };
}

function allStandalone(m: ComponentModel): ComponentOutcome {
  const chosen = m.columns.filter((c) => c.members.length === 1);
  return outcomeOf(m, chosen, true, 0, null, null);
}

/**
 * Solves one component: objective `subsidy` in one stage, `viable` in two (see {@link planExact}).
 * Bounds come from HiGHS's dual bound; the subsidy bound is turned back into fen from the scaled
 * cost s = subsidy·(m+1) + moved, with moved ≤ m.
 */
function solveComponent(highs: Highs, m: ComponentModel, opts: PlanOptions, timeLimitS: number, deadline: Deadline): ComponentOutcome {
  const cols = m.columns;
  const all = cols.map((_, k) => k);
  const twoStage = opts.objective === 'viable' && cols.some((c) => c.v !== 0);
  let seconds = 0;
  let start = m.warm;
  let stage1: StageResult | null = null;
  let floor: ViableFloor | null = null;
  if (twoStage) {
    stage1 = solveStage(highs, m, all, 'v', null, start, opts.seed, timeLimitS, deadline);
    seconds += stage1.seconds;
    start = stage1.chosen;
    floor = { value: start.reduce((s, k) => s + cols[k]!.v, 0) };
  }
  const stage2 = solveStage(highs, m, all, 's', floor, start, opts.seed, Math.max(0, timeLimitS - seconds), deadline);
  seconds += stage2.seconds;
  const chosen = stage2.chosen.map((k) => cols[k]!);
  const optimal = (stage1 === null || stage1.optimal) && stage2.optimal;
  const viableBound =
    stage1 === null || stage1.optimal
      ? null
      : Number.isFinite(stage1.bound)
        ? Math.floor(-stage1.bound + 1e-9)
        : m.compounds.length;
  const scale = m.compounds.length + 1;
  // Without a finite dual bound only "subsidy ≥ 0" is known.
  const subsidyBound = stage2.optimal
    ? null
    : Number.isFinite(stage2.bound)
      ? Math.max(0, Math.ceil((stage2.bound - m.compounds.length) / scale - 1e-9))
      : 0;
  const limitedBy = stage1?.limitedBy ?? stage2.limitedBy;
  return { ...outcomeOf(m, chosen, optimal, seconds, viableBound, subsidyBound), ...(limitedBy ? { limitedBy } : {}) };
}

/** Stage two keeps stage one's result: Σ v ≤ value over the chosen columns. */
interface ViableFloor {
  value: number;
}

interface StageResult {
  /** Indices into the component's columns. */
  chosen: number[];
  optimal: boolean;
  /** HiGHS's dual bound (a lower bound on the minimised cost). */
  bound: number;
  seconds: number;
  /** Why optimality was not proven: the time limit, or the MIP column limit. */
  limitedBy?: Limit;
}

type Limit = 'time' | 'columns';

/**
 * One MIP stage over `candidates` with cost `key`, started from `start` (a feasible plan).
 *
 * First the LP relaxation (no upper bounds: the rows imply x ≤ 1, so every reduced cost is ≥ 0 at
 * the LP optimum): a plan that uses column j costs at least LP bound + reduced cost of j, so a
 * column whose reduced cost exceeds (start's cost − LP bound) cannot improve on the start and is
 * dropped. Usually most columns go. When more than MIP_COLUMN_LIMIT remain (HiGHS then overruns
 * its time limit in presolve), the MIP gets the ones with the smallest reduced costs; its answer
 * is still proven optimal if every column that could beat it was among them, else the stage ends
 * unproven with the LP bound. The start's columns are always kept. Without an LP optimum (no
 * time left) the start stands, unproven.
 */
function solveStage(
  highs: Highs,
  m: ComponentModel,
  candidates: readonly number[],
  key: 'v' | 's',
  floor: ViableFloor | null,
  start: readonly number[],
  seed: number,
  timeLimitS: number,
  deadline: Deadline,
): StageResult {
  const cols = m.columns;
  const costOf = (chosen: readonly number[]): number => chosen.reduce((s, k) => s + cols[k]![key], 0);
  const lp = solveRelaxation(highs, m, candidates, key, floor, costOf(start), Math.min(timeLimitS, deadline.left()));
  let seconds = lp.seconds;
  if (lp.rc === null) return { chosen: [...start], optimal: false, bound: -Infinity, seconds, limitedBy: 'time' };
  const rc = lp.rc;
  let incumbent = [...start];
  for (;;) {
    const limit = costOf(incumbent) - lp.bound;
    // Whole-number costs: within 1 of the LP bound is optimal.
    if (limit < 1) return { chosen: incumbent, optimal: true, bound: costOf(incumbent), seconds };
    const useful = candidates.map((_, j) => j).filter((j) => rc[j]! <= limit);
    // Reduced cost up to which every column is in the MIP (Infinity: all useful ones are).
    let keptUpTo = Infinity;
    if (useful.length > MIP_COLUMN_LIMIT) {
      useful.sort((a, b) => rc[a]! - rc[b]! || a - b);
      useful.length = MIP_COLUMN_LIMIT;
      keptUpTo = rc[useful[useful.length - 1]!]! - lp.slack;
    }
    const kept = [...new Set([...incumbent, ...useful.map((j) => candidates[j]!)])].sort((a, b) => a - b);
    const before = costOf(incumbent);
    const mip = solveMip(highs, m, kept, key, floor, incumbent, seed, Math.min(timeLimitS - seconds, deadline.left()));
    seconds += mip.seconds;
    if (costOf(mip.chosen) <= before) incumbent = mip.chosen;
    // Over a restricted set, optimal is optimal overall only if no left-out column could help.
    if (mip.optimal && costOf(incumbent) - lp.bound <= keptUpTo) {
      return { chosen: incumbent, optimal: true, bound: costOf(incumbent), seconds };
    }
    if (!Number.isFinite(keptUpTo)) {
      return { chosen: incumbent, optimal: false, bound: Math.max(lp.bound, mip.bound), seconds, limitedBy: 'time' };
    }
    // A better plan narrows the columns that could still help: try again while that pays.
    if (!mip.optimal || costOf(incumbent) >= before) {
      return { chosen: incumbent, optimal: false, bound: lp.bound, seconds, limitedBy: mip.optimal ? 'columns' : 'time' };
    }
  }
}

interface Relaxation {
  /** Reduced costs by candidate position, or null when the LP was not solved in time. */
  rc: Float64Array | null;
  /** A lower bound on the stage's optimum (the LP optimum less a tolerance slack). */
  bound: number;
  slack: number;
  seconds: number;
}

/**
 * The LP relaxation without upper bounds (the rows imply x ≤ 1), so that every reduced cost is
 * ≥ 0 at its optimum and any plan using column j costs at least bound + rc[j].
 */
function solveRelaxation(
  highs: Highs,
  m: ComponentModel,
  candidates: readonly number[],
  key: 'v' | 's',
  floor: ViableFloor | null,
  startCost: number,
  timeLimitS: number,
): Relaxation {
  const lp = highs.createModel(stageModel(highs, m, candidates, key, floor, false));
  try {
    lp.options.set({ output_flag: false });
    if (Number.isFinite(timeLimitS)) lp.options.set('time_limit', Math.max(0, timeLimitS));
    const run = lp.run();
    const seconds = lp.getRunTime();
    if (run.modelStatus !== highs.constants.modelStatus.optimal) return { rc: null, bound: -Infinity, slack: 0, seconds };
    const rc = lp.getSolution().colDual;
    let worstNegative = 0;
    for (const r of rc) worstNegative = Math.min(worstNegative, r);
    // Slack for solver tolerances, erring towards keeping columns and a lower bound.
    const slack = (m.compounds.length + 1) * -worstNegative + 1e-6 * Math.max(1, Math.abs(startCost));
    return { rc, bound: lp.getObjectiveValue() - slack, slack, seconds };
  } finally {
    lp.dispose();
  }
}

/** The MIP over `kept` columns from `start`; `bound` is HiGHS's dual bound for that set. */
function solveMip(
  highs: Highs,
  m: ComponentModel,
  kept: readonly number[],
  key: 'v' | 's',
  floor: ViableFloor | null,
  start: readonly number[],
  seed: number,
  timeLimitS: number,
): { chosen: number[]; optimal: boolean; bound: number; seconds: number } {
  const mip = highs.createModel(stageModel(highs, m, kept, key, floor, true));
  try {
    mip.options.set({
      output_flag: false,
      mip_rel_gap: 0,
      // Costs are whole numbers, so a gap under 1 means no better plan exists.
      mip_abs_gap: 0.5,
      random_seed: Math.abs(Math.trunc(seed)) % 2147483647,
    });
    if (Number.isFinite(timeLimitS)) {
      mip.options.set('time_limit', Math.max(0, timeLimitS));
      // Probing in presolve checks the clock rarely and can take minutes on large models,
      // leaving a time-limited run with no bound at all.
      if (kept.length > PROBING_COLUMN_LIMIT) mip.options.set('presolve_rule_off', PRESOLVE_RULE_PROBING);
    }
    const position = new Map(kept.map((k, j) => [k, j]));
    const x0 = new Float64Array(kept.length);
    for (const k of start) x0[position.get(k)!] = 1;
    mip.setSolution({ colValue: x0 });
    const run = mip.run();
    const seconds = mip.getRunTime();
    const st = highs.constants.modelStatus;
    const optimal = run.modelStatus === st.optimal;
    if (!optimal && run.modelStatus !== st.timeLimit && run.modelStatus !== st.interrupted) {
      throw new Error(`the MIP solver stopped with model status ${run.modelStatus}; expected optimal or time limit`);
    }
    const feasible = Number(mip.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    let chosen = [...start];
    if (feasible) {
      const x = mip.getSolution().colValue;
      chosen = kept.filter((_, j) => x[j]! > 0.5);
    }
    const dual = Number(mip.info.get('mip_dual_bound'));
    return { chosen, optimal, bound: Number.isFinite(dual) ? dual : -Infinity, seconds };
  } finally {
    mip.dispose();
  }
}

/** The set-partitioning model over the given columns, as a MIP or as its LP relaxation. */
function stageModel(
  highs: Highs,
  m: ComponentModel,
  columns: readonly number[],
  key: 'v' | 's',
  floor: ViableFloor | null,
  integral: boolean,
): ModelData {
  const rowOf = new Map<number, number>();
  m.compounds.forEach((c, r) => rowOf.set(c, r));
  const floorRow = m.compounds.length;
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const k of columns) {
    const c = m.columns[k]!;
    for (const i of c.members) {
      indices.push(rowOf.get(i)!);
      values.push(1);
    }
    if (floor !== null && c.v !== 0) {
      indices.push(floorRow);
      values.push(c.v);
    }
    starts.push(indices.length);
  }
  const numRows = m.compounds.length + (floor === null ? 0 : 1);
  const rowLower = m.compounds.map(() => 1);
  const rowUpper = m.compounds.map(() => 1);
  if (floor !== null) {
    rowLower.push(-highs.infinity);
    rowUpper.push(floor.value + 0.5);
  }
  const data: ModelData = {
    numCols: columns.length,
    numRows,
    colCost: columns.map((k) => m.columns[k]![key]),
    colLower: columns.map(() => 0),
    colUpper: columns.map(() => (integral ? 1 : highs.infinity)),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols: columns.length, starts, indices, values },
  };
  return integral ? { ...data, integrality: columns.map(() => 1) } : data;
}

function outcomeOf(
  m: ComponentModel,
  chosen: Column[],
  optimal: boolean,
  seconds: number,
  viableBound: number | null,
  subsidyBound: number | null,
): ComponentOutcome {
  const covered = new Map<number, number>();
  for (const c of chosen) for (const i of c.members) covered.set(i, (covered.get(i) ?? 0) + 1);
  if (covered.size !== m.compounds.length || [...covered.values()].some((n) => n !== 1)) {
    throw new Error(
      `the MIP solution does not cover component starting at ${m.compounds[0]} exactly once; this is a bug`,
    );
  }
  let viable = 0;
  let subsidy = 0;
  for (const c of chosen) {
    if (c.v !== 0) viable += c.members.length;
    subsidy += c.subsidy;
  }
  return {
    units: chosen.map((c) => c.members),
    optimal,
    seconds,
    viable: { found: viable, bound: viableBound ?? viable },
    subsidy: { found: subsidy, bound: subsidyBound ?? subsidy },
  };
}

function summarise(outcomes: ComponentOutcome[], models: ComponentModel[]): { status: PlanStatus; gap: number | null } {
  if (outcomes.some((o) => o.failed)) return { status: 'heuristic', gap: null };
  if (models.some((m) => m.capped !== null)) return { status: 'capped', gap: null };
  if (outcomes.every((o) => o.optimal)) return { status: 'optimal', gap: 0 };
  let vFound = 0;
  let vBound = 0;
  let sFound = 0;
  let sBound = 0;
  for (const o of outcomes) {
    vFound += o.viable.found;
    vBound += o.viable.bound;
    sFound += o.subsidy.found;
    sBound += Math.min(o.subsidy.bound, o.subsidy.found);
  }
  // The first criterion not proven decides; relative to the plan found, as HiGHS reports it.
  if (vBound > vFound) return { status: 'time_limit', gap: vFound === 0 ? 1 : (vBound - vFound) / vFound };
  return { status: 'time_limit', gap: sFound === 0 ? 0 : (sFound - sBound) / sFound };
}

function formatGap(gap: number | null): string {
  return gap === null ? 'an unknown margin' : `${(gap * 100).toFixed(2)}%`;
}
