import type { Compound } from '../core/compound.js';
import { prepareRules, type PlanRules } from './constraints.js';
import { componentJobs, type ComponentJob } from './components.js';
import { UnitCache, cacheGeneration, compareScores, unitScore } from './evaluation.js';
import { buildPlanResult } from './result.js';
import { bestRegionPartition, regionUnits } from './region-search.js';
import { mixHash, seededRandom, shuffleInPlace } from './seeded.js';
import { buildNeighbourGraph, isNeighbour, type NeighbourGraph } from './spatial-index.js';
import type { PlanObjective, PlanOptions, PlanResult, UnitEconomics, UnitEvaluator } from './types.js';

/**
 * Plans units in four steps, each only ever improving the plan:
 *
 * 1. Savings merging: a priority queue of candidate merges of two units (every member of one
 *    allowed with every member of the other, limits respected), best saving first; an entry whose
 *    units changed since it was queued is dropped when it surfaces (lazy invalidation), and only
 *    pairs touching the merged unit are re-evaluated.
 * 2. Local search: move one compound to a neighbouring unit, swap two compounds between units, or
 *    split one out, best improving move per compound; a worklist revisits only compounds near a
 *    change, and merging resumes among the units it changed.
 * 3. Region re-partitioning: a unit and its most linked neighbours (≤ 12 compounds) are cut
 *    again optimally by a subset DP, which finds chains of moves no single move can.
 * 4. Ruin and recreate: dissolve a unit and its neighbours (≤ 16 compounds), rebuild them with
 *    merges in a randomised (seeded) order, local search and small-region DP, and keep the result
 *    unless worse. This closes most of what steps 1–3 leave (on the benchmark: from 1–3% above
 *    the optimum to a few tenths of a percent).
 *
 * Candidates come from the spatial grid, never from all pairs. Steps 3 and 4 run on budgets of
 * evaluator calls (a floor for small districts, then a share per compound, times
 * PlanOptions.effort), so large districts stay near-linear and the result is deterministic for a
 * given seed; the seed orders the search and breaks ties. The objective is lexicographic: viable
 * compounds when that is the objective, then subsidy, then fewer compounds moved out of
 * standalone; since nothing is accepted that worsens it, the plan never needs more subsidy than
 * all-standalone (objective `subsidy`).
 *
 * A district that splits into connected components, none over half of it, is searched component
 * by component (components.ts componentJobs; planComponent), each with its own cache, seed and
 * share of the budgets, so that the shell may plan them on worker threads with the same result.
 */
export function planHeuristic(compounds: Compound[], evaluate: UnitEvaluator, opts: PlanOptions): PlanResult {
  const { rules, jobs, alone } = prepareHeuristic(compounds, opts);
  const settings = componentSettings(opts);
  const total = jobs.reduce((s, j) => s + j.members.length, 0);
  let done = 0;
  const parts = jobs.map((job) => {
    const k = job.members.length;
    const onProgress = opts.onProgress && ((d: number, t: number) => opts.onProgress!(Math.round((PROGRESS_TOTAL * (done + (k * d) / t)) / total), PROGRESS_TOTAL));
    const members = job.members;
    const local: UnitEvaluator = k === compounds.length ? evaluate : (m) => evaluate(m.map((i) => members[i]!));
    const part = planComponent(job, local, { ...settings, onProgress });
    done += k;
    return part;
  });
  return assembleHeuristic(compounds, rules, alone, parts, evaluate, opts.objective);
}

/**
 * The heuristic's preparation, for callers that plan components elsewhere (worker threads): the
 * rules, the components of two or more compounds as jobs, and the compounds that stay alone.
 */
export function prepareHeuristic(compounds: readonly Compound[], opts: PlanOptions): { rules: PlanRules; jobs: ComponentJob[]; alone: number[] } {
  const rules = prepareRules(compounds, opts);
  const graph = buildNeighbourGraph(compounds, rules);
  return { rules, ...componentJobs(graph, rules.households) };
}

/** What every component's search shares (plain data, so that it can cross to a worker thread). */
export interface ComponentSettings {
  objective: PlanObjective;
  seed: number;
  effort: number;
  maxMembers: number;
  maxHouseholds: number;
}

export function componentSettings(opts: PlanOptions): ComponentSettings {
  return { objective: opts.objective, seed: opts.seed, effort: checkedEffort(opts.effort), maxMembers: opts.maxMembers, maxHouseholds: opts.maxHouseholds ?? Infinity };
}

/** One component's units (global indices, ascending) and their economics. */
export interface ComponentPlan {
  units: number[][];
  economics: UnitEconomics[];
}

/**
 * Plans one connected component on its own: `evaluate` takes local indices (0..k−1). Depends on
 * the job and the settings only (its own cache, seed and budget share), so components may be
 * planned in any order, in any thread, with the same result.
 */
export function planComponent(job: ComponentJob, evaluate: UnitEvaluator, settings: ComponentSettings & { onProgress?: ((done: number, total: number) => void) | undefined }): ComponentPlan {
  const cache = new UnitCache(evaluate, cacheGeneration(job.members.length));
  const rules: SearchRules = { households: job.households, maxMembers: settings.maxMembers, maxHouseholds: settings.maxHouseholds };
  const local = searchUnits(rules, job.graph, cache, {
    objective: settings.objective,
    seed: settings.seed,
    effort: settings.effort,
    districtSize: job.districtSize,
    onProgress: settings.onProgress,
  });
  return {
    units: local.map((m) => m.map((i) => job.members[i]!)),
    // The cache keeps only what the search reads: the final units are evaluated again (pure).
    economics: local.map((m) => evaluate(m)),
  };
}

/** The plan of the whole district from its components' plans (in any order) and the compounds alone. */
export function assembleHeuristic(
  compounds: readonly Compound[],
  rules: PlanRules,
  alone: readonly number[],
  parts: readonly ComponentPlan[],
  evaluate: UnitEvaluator,
  objective: PlanObjective,
): PlanResult {
  const economics = new Map<number, UnitEconomics>();
  const lists: number[][] = [];
  for (const p of parts) {
    p.units.forEach((u, k) => {
      lists.push(u);
      economics.set(u[0]!, p.economics[k]!);
    });
  }
  for (const i of alone) {
    lists.push([i]);
    economics.set(i, evaluate([i]));
  }
  return buildPlanResult(compounds, lists, (m) => economics.get(m[0]!)!, {
    method: 'heuristic',
    objective,
    status: 'heuristic',
    gap: null,
    warnings: rules.warnings,
  });
}

/** The effort multiplier, checked: a finite number ≥ 0 (default 1). */
export function checkedEffort(effort: number | undefined): number {
  const e = effort ?? 1;
  if (!(Number.isFinite(e) && e >= 0)) throw new RangeError(`effort must be a finite number ≥ 0, got ${effort}`);
  return e;
}

interface Unit {
  members: number[];
  alive: boolean;
  version: number;
  households: number;
  v: number;
  s: number;
  m: number;
}

interface Journal {
  before: Map<number, { members: number[]; alive: boolean }>;
  ops: { kind: 'pop' | 'push' | 'append'; id: number }[];
}

/** What the search needs of the rules (the graph carries distances and forbidden pairs). */
export type SearchRules = Pick<PlanRules, 'households' | 'maxMembers' | 'maxHouseholds'>;

/** How the search is steered; see {@link searchUnits}. */
export interface SearchSettings {
  objective: PlanObjective;
  seed: number;
  /** Multiplies the improvement budgets (0: merging and local search only). */
  effort: number;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Compounds of the district this graph is part of (default: all of it): budgets are shared by size. */
  districtSize?: number | undefined;
  /**
   * Read between improvement steps (region search, ruin and recreate): true ends them early, with
   * the plan so far. The exact solver's time limit uses it; merging and the first local search
   * always run. The plan then depends on the clock, so only a time-limited run passes it.
   */
  stop?: (() => boolean) | undefined;
}

/** The heuristic's partition, as member lists (ascending). Exported for the exact solver's warm start. */
export function searchUnits(rules: SearchRules, graph: NeighbourGraph, cache: UnitCache, settings: SearchSettings): number[][] {
  const search = new Search(rules, graph, cache, settings);
  search.run();
  return search.partition();
}

const PROGRESS_TOTAL = 1000;
/** Compounds re-partitioned together by the region search (a subset DP over 2^k member sets: keep it at 14 or fewer). */
const REGION_SIZE = 12;
/** Candidate units a region may have; denser regions are cut down to fit (evaluations cost). */
const REGION_UNIT_CAP = 1000;
/**
 * Effort, counted in calls to the evaluator (deterministic, unlike a clock) and scaled by
 * PlanOptions.effort: a floor that lets small districts run to convergence, then a share per
 * compound so that large ones stay near-linear. Region passes stop at their budget; ruin and
 * recreate runs until its budget or its iteration count is used up.
 */
const REGION_EVALS_MIN = 50_000;
const REGION_EVALS_PER_COMPOUND = 8;
const RUIN_EVALS_MIN = 20_000;
const RUIN_EVALS_PER_COMPOUND = 2;
const RUIN_ITERATIONS_PER_COMPOUND = 30;
/** Compounds dissolved together by one ruin-and-recreate step. */
const RUIN_SIZE = 16;
/** Region size for polishing a rebuilt area: small, so that many rebuilds can be tried. */
const POLISH_SIZE = 8;
/** Relative noise on savings while rebuilding, so that each rebuild tries another order. */
const RUIN_NOISE = 0.5;

class Search {
  private readonly units: Unit[] = [];
  private readonly free: number[] = [];
  private readonly unitOf: Int32Array;
  private cnt: Int32Array;
  private readonly heap = new MergeHeap();
  private readonly dirty = new Set<number>();
  /** While a trial runs: each changed unit's state before it, and the id allocations made. */
  private journal: Journal | null = null;
  /** Relative noise on merge savings while recreating (0 = pure savings order). */
  private noise = 0;
  private readonly rand: () => number;
  private reported = -1;

  private readonly objective: PlanObjective;
  private readonly seed: number;
  private readonly effort: number;
  private readonly onProgress: ((done: number, total: number) => void) | undefined;
  private readonly districtSize: number;

  constructor(
    private readonly rules: SearchRules,
    private readonly g: NeighbourGraph,
    private readonly cache: UnitCache,
    settings: SearchSettings,
  ) {
    this.objective = settings.objective;
    this.seed = settings.seed;
    this.effort = settings.effort;
    this.onProgress = settings.onProgress;
    this.stop = settings.stop;
    this.districtSize = settings.districtSize ?? g.n;
    const n = g.n;
    this.unitOf = new Int32Array(n);
    this.cnt = new Int32Array(n + 1);
    this.rand = seededRandom(settings.seed);
    for (let i = 0; i < n; i++) this.unitOf[i] = this.newUnit([i]);
  }

  run(): void {
    const n = this.g.n;
    this.progress(0);
    // First merge round: every pair once, from its lower-numbered unit.
    for (let u = 0; u < n; u++) {
      this.seedMerges(u, (other) => other > u);
      if ((u & 1023) === 0) this.progress((u / Math.max(1, n)) * 0.15);
    }
    this.runMerges();
    this.progress(0.25);
    this.dirty.clear();
    let queue = this.shuffled(this.compoundsNear(this.units.keys()));
    let regions = this.shuffled([...this.units.keys()].filter((u) => this.units[u]!.alive));
    const regionStop = this.cache.evaluations + this.budget(REGION_EVALS_MIN, REGION_EVALS_PER_COMPOUND);
    for (let pass = 0; ; pass++) {
      this.descend(queue);
      if (this.cache.evaluations >= regionStop || this.stopped()) break;
      const improved = this.regionSearch(regions, regionStop, pass);
      if (improved === 0) break;
      const changed = this.takeDirty();
      queue = this.shuffled(this.compoundsNear(changed));
      regions = this.shuffled(this.unitsNear(changed));
    }
    this.progress(0.7);
    this.ruinAndRecreate(
      Math.round(RUIN_ITERATIONS_PER_COMPOUND * this.effort * n),
      this.budget(RUIN_EVALS_MIN, RUIN_EVALS_PER_COMPOUND),
    );
    this.progress(1);
  }

  private readonly stop: (() => boolean) | undefined;

  private stopped(): boolean {
    return this.stop?.() === true;
  }

  /**
   * An evaluation budget: a floor for small districts, then proportional to their size. A
   * component planned on its own gets its share (by size) of the district's budget; in a small
   * district (where the floor decides) a component may have up to four times its share, up to the
   * floor, so that a few dozen compounds still get the search a small district gets (issue 17:
   * with the bare share, fixtures/district.csv at 250 and 300 m came out slightly worse than one
   * search over the whole district). Never more than four times one search's work in all.
   */
  private budget(min: number, perCompound: number): number {
    const N = this.districtSize;
    const share = this.effort * Math.max(min, perCompound * N) * (this.g.n / N);
    if (perCompound * N >= min || this.g.n === N) return Math.round(share);
    return Math.round(Math.max(share, Math.min(this.effort * min, 4 * share)));
  }

  /**
   * Local search to a local optimum, then merges among the units it changed (pairs of unchanged
   * units were already found not to help), until a round changes nothing.
   */
  private descend(initial: number[]): void {
    let queue = initial;
    for (let round = 0; ; round++) {
      const moves = this.localSearch(queue, round);
      if (moves === 0) break;
      const changed = this.takeDirty();
      const inChanged = new Set(changed);
      for (const u of changed) this.seedMerges(u, (other) => !inChanged.has(other) || other > u);
      const merges = this.runMerges();
      if (merges === 0) break;
      queue = this.shuffled(this.compoundsNear(this.takeDirty()));
    }
  }

  private takeDirty(): number[] {
    const alive = [...this.dirty].filter((u) => this.units[u]!.alive).sort((a, b) => a - b);
    this.dirty.clear();
    return alive;
  }

  partition(): number[][] {
    return this.units.filter((u) => u.alive).map((u) => u.members);
  }

  private progress(fraction: number): void {
    if (!this.onProgress) return;
    const done = Math.min(PROGRESS_TOTAL, Math.max(this.reported, Math.round(fraction * PROGRESS_TOTAL)));
    if (done === this.reported) return;
    this.reported = done;
    this.onProgress(done, PROGRESS_TOTAL);
  }

  private newUnit(members: number[]): number {
    let id = this.free.pop();
    if (id !== undefined) {
      this.journal?.ops.push({ kind: 'pop', id });
    } else {
      id = this.units.length;
      this.units.push({ members: [], alive: false, version: 0, households: 0, v: 0, s: 0, m: 0 });
      this.journal?.ops.push({ kind: 'append', id });
      if (this.units.length >= this.cnt.length) {
        const grown = new Int32Array(this.cnt.length * 2);
        grown.set(this.cnt);
        this.cnt = grown;
      }
    }
    this.setMembers(id, members);
    return id;
  }

  /** Gives unit `id` these members (ascending); none kills it and frees the id. */
  private setMembers(id: number, members: number[]): void {
    const u = this.units[id]!;
    if (this.journal !== null && !this.journal.before.has(id)) {
      this.journal.before.set(id, { members: u.members, alive: u.alive });
    }
    u.version++;
    if (members.length === 0) {
      if (u.alive) {
        this.free.push(id);
        this.journal?.ops.push({ kind: 'push', id });
      }
      u.alive = false;
      u.members = [];
      return;
    }
    const sc = unitScore(this.objective, members.length, this.cache.get(members));
    let hh = 0;
    for (const i of members) {
      hh += this.rules.households[i]!;
      this.unitOf[i] = id;
    }
    u.members = members;
    u.alive = true;
    u.households = hh;
    u.v = sc.v;
    u.s = sc.s;
    u.m = sc.m;
  }

  /** The changed units' total score before the trial and now. */
  private trialScores(): { ov: number; os: number; om: number; nv: number; ns: number; nm: number } {
    const j = this.journal!;
    let ov = 0;
    let os = 0;
    let om = 0;
    let nv = 0;
    let ns = 0;
    let nm = 0;
    for (const [id, was] of j.before) {
      if (was.alive) {
        const sc = unitScore(this.objective, was.members.length, this.cache.get(was.members));
        ov += sc.v;
        os += sc.s;
        om += sc.m;
      }
      const u = this.units[id]!;
      if (u.alive) {
        nv += u.v;
        ns += u.s;
        nm += u.m;
      }
    }
    return { ov, os, om, nv, ns, nm };
  }

  /** Starts recording changes so that they can be undone. */
  private beginTrial(): void {
    this.journal = { before: new Map(), ops: [] };
  }

  /**
   * Keeps the changes if they do not worsen the plan, else undoes them. Returns −1 when they
   * improved it, 0 when kept as equal, 1 when undone.
   */
  private endTrial(): number {
    const j = this.journal!;
    const { ov, os, om, nv, ns, nm } = this.trialScores();
    this.journal = null;
    const verdict = Math.sign(compareScores(nv, ns, nm, ov, os, om));
    if (verdict <= 0) {
      for (const [id] of j.before) if (this.units[id]!.alive) this.dirty.add(id);
      return verdict;
    }
    for (let k = j.ops.length - 1; k >= 0; k--) {
      const op = j.ops[k]!;
      if (op.kind === 'pop') this.free.push(op.id);
      else if (op.kind === 'push') this.free.pop();
      else this.units.pop();
    }
    for (const [id, was] of j.before) {
      if (id >= this.units.length) continue;
      const u = this.units[id]!;
      u.version++;
      if (!was.alive) {
        u.alive = false;
        u.members = [];
        continue;
      }
      const sc = unitScore(this.objective, was.members.length, this.cache.get(was.members));
      let hh = 0;
      for (const i of was.members) {
        hh += this.rules.households[i]!;
        this.unitOf[i] = id;
      }
      Object.assign(u, { members: was.members, alive: true, households: hh, ...sc });
    }
    return 1;
  }

  /**
   * Ruin and recreate: dissolve a unit and the units around it into single compounds, rebuild
   * them by merging, local search and region re-partitioning, and keep the result unless it is
   * worse (equal plans are kept, so the search can drift across plateaus). Returns improvements.
   */
  private ruinAndRecreate(iterations: number, evaluationBudget: number): number {
    const stopAt = this.cache.evaluations + evaluationBudget;
    const movable: number[] = [];
    for (let i = 0; i < this.g.n; i++) if (this.g.start[i + 1]! > this.g.start[i]!) movable.push(i);
    if (movable.length === 0) return 0;
    let improvements = 0;
    const startedAt = this.cache.evaluations;
    for (let it = 0; it < iterations && this.cache.evaluations < stopAt && !this.stopped(); it++) {
      if ((it & 15) === 0) {
        const used = Math.max(it / iterations, (this.cache.evaluations - startedAt) / Math.max(1, evaluationBudget));
        this.progress(0.7 + 0.3 * used);
      }
      const c = movable[Math.floor(this.rand() * movable.length)]!;
      const a = this.unitOf[c]!;
      const touched = this.touchNeighbours(this.units[a]!.members, a);
      for (const u of touched) this.cnt[u] = 0;
      const region = [a];
      let size = this.units[a]!.members.length;
      for (const u of this.shuffled(touched)) {
        const len = this.units[u]!.members.length;
        if (size + len > RUIN_SIZE) continue;
        region.push(u);
        size += len;
      }
      this.beginTrial();
      const freed: number[] = [];
      for (const u of region) {
        freed.push(...this.units[u]!.members);
        this.setMembers(u, []);
      }
      const singles = freed.sort((x, y) => x - y).map((i) => this.newUnit([i]));
      const fresh = new Set(singles);
      this.noise = RUIN_NOISE;
      for (const u of singles) this.seedMerges(u, (other) => !fresh.has(other) || other > u);
      this.runMerges();
      this.noise = 0;
      this.localSearch(this.compoundsNear(freed.map((i) => this.unitOf[i]!)), 1);
      const rebuilt = [...new Set(freed.map((i) => this.unitOf[i]!))].sort((x, y) => x - y);
      for (const u of rebuilt) if (this.units[u]!.alive) this.improveRegion(u, POLISH_SIZE);
      if (this.endTrial() < 0) improvements++;
    }
    return improvements;
  }

  /**
   * Units next to the given members, with how many (member, neighbour) pairs link them: a unit
   * may join whole when that count is |members| × |unit|. Leaves counts in `cnt`; caller resets.
   */
  private touchNeighbours(members: readonly number[], self: number): number[] {
    const touched: number[] = [];
    for (const c of members) {
      for (let e = this.g.start[c]!; e < this.g.start[c + 1]!; e++) {
        const u = this.unitOf[this.g.adj[e]!]!;
        if (u === self) continue;
        if (this.cnt[u] === 0) touched.push(u);
        this.cnt[u]!++;
      }
    }
    return touched;
  }

  private seedMerges(a: number, consider: (other: number) => boolean): void {
    const ua = this.units[a]!;
    if (!ua.alive) return;
    const touched = this.touchNeighbours(ua.members, a);
    for (const b of touched) {
      const ub = this.units[b]!;
      const full = this.cnt[b] === ua.members.length * ub.members.length;
      this.cnt[b] = 0;
      if (!full || !consider(b)) continue;
      if (ua.members.length + ub.members.length > this.rules.maxMembers) continue;
      if (ua.households + ub.households > this.rules.maxHouseholds) continue;
      const union = mergeSorted(ua.members, ub.members);
      const sc = unitScore(this.objective, union.length, this.cache.get(union));
      const gv = ua.v + ub.v - sc.v;
      const gs = ua.s + ub.s - sc.s;
      const gm = ua.m + ub.m - sc.m;
      if (compareScores(gv, gs, gm, 0, 0, 0) <= 0) continue;
      const lo = Math.min(ua.members[0]!, ub.members[0]!);
      const hi = Math.max(ua.members[0]!, ub.members[0]!);
      // Noise (only while recreating) randomises the order of merges, not whether they help.
      const order = this.noise === 0 ? gs : gs * (1 + this.noise * this.rand());
      this.heap.push(gv, order, gm, mixHash(this.seed, lo, hi), a, b, ua.version, ub.version);
    }
  }

  private runMerges(): number {
    let merges = 0;
    const heap = this.heap;
    const valid = (a: number, b: number, va: number, vb: number): boolean => {
      const ua = this.units[a]!;
      const ub = this.units[b]!;
      return ua.alive && ub.alive && ua.version === va && ub.version === vb;
    };
    for (;;) {
      if (heap.size === 0) break;
      // Entries of units changed since they were queued are skipped when they surface; when they
      // outnumber the live ones, drop them all at once (the order of the live ones is unchanged).
      if (heap.size > 1 << 16 && heap.pushedSinceCompact > heap.size) heap.compact(valid);
      const slot = heap.popSlot();
      const a = heap.a[slot]!;
      const b = heap.b[slot]!;
      if (!valid(a, b, heap.va[slot]!, heap.vb[slot]!)) continue;
      const ua = this.units[a]!;
      const ub = this.units[b]!;
      const union = mergeSorted(ua.members, ub.members);
      this.setMembers(b, []);
      this.setMembers(a, union);
      this.dirty.add(a);
      merges++;
      if ((merges & 255) === 0) this.progress(0.15 + 0.1 * Math.min(1, merges / Math.max(1, this.g.n / 2)));
      this.seedMerges(a, () => true);
    }
    heap.shrinkIfEmpty();
    return merges;
  }

  /** Compounds in the given units and their neighbours: the ones whose options have changed. */
  private compoundsNear(unitIds: Iterable<number>): number[] {
    const seen = new Uint8Array(this.g.n);
    const out: number[] = [];
    const add = (i: number): void => {
      if (!seen[i] && this.g.start[i + 1]! > this.g.start[i]!) {
        seen[i] = 1;
        out.push(i);
      }
    };
    for (const u of unitIds) {
      const unit = this.units[u]!;
      if (!unit.alive) continue;
      for (const c of unit.members) {
        add(c);
        for (let e = this.g.start[c]!; e < this.g.start[c + 1]!; e++) add(this.g.adj[e]!);
      }
    }
    return out.sort((a, b) => a - b);
  }

  private shuffled(xs: number[]): number[] {
    return shuffleInPlace(xs, this.rand);
  }

  /** The given units and the units next to them. */
  private unitsNear(unitIds: readonly number[]): number[] {
    const out = new Set<number>();
    for (const u of unitIds) {
      const unit = this.units[u]!;
      if (!unit.alive) continue;
      out.add(u);
      for (const c of unit.members) {
        for (let e = this.g.start[c]!; e < this.g.start[c + 1]!; e++) out.add(this.unitOf[this.g.adj[e]!]!);
      }
    }
    return [...out].sort((a, b) => a - b);
  }

  /**
   * Large-neighbourhood search: around each unit, take it and the neighbouring units most linked
   * to it (whole units, at most REGION_SIZE compounds) and re-partition them optimally by a subset
   * DP. This finds what single moves cannot: chains of displacements, a unit dissolved into its
   * neighbours, two units re-cut. Returns the number of improvements made.
   */
  private regionSearch(initial: number[], stopAt: number, pass: number): number {
    const queued = new Set<number>(initial);
    const queue = [...initial];
    let improvements = 0;
    for (let head = 0; head < queue.length && this.cache.evaluations < stopAt && ((head & 7) !== 7 || !this.stopped()); head++) {
      if (pass === 0 && (head & 63) === 0) this.progress(0.4 + 0.3 * (head / queue.length));
      const a = queue[head]!;
      queued.delete(a);
      if (!this.units[a]!.alive) continue;
      const changed = this.improveRegion(a);
      if (changed === null) continue;
      improvements++;
      for (const u of this.unitsNear(changed)) {
        if (!queued.has(u)) {
          queued.add(u);
          queue.push(u);
        }
      }
    }
    return improvements;
  }

  private improveRegion(a: number, maxSize = REGION_SIZE): number[] | null {
    const ua = this.units[a]!;
    const touched = this.touchNeighbours(ua.members, a);
    const links = touched.map((u) => this.cnt[u]!);
    for (const u of touched) this.cnt[u] = 0;
    const order = touched
      .map((u, k) => ({ u, links: links[k]!, first: this.units[u]!.members[0]! }))
      .sort((p, q) => q.links - p.links || p.first - q.first);
    const regionUnitIds = [a];
    let size = ua.members.length;
    for (const { u } of order) {
      const len = this.units[u]!.members.length;
      if (size + len > maxSize) continue;
      regionUnitIds.push(u);
      size += len;
    }
    // Dense places have too many candidate units to evaluate: drop the least linked units
    // until the region's candidates fit the cap (unit evaluations are what costs time).
    for (;;) {
      if (regionUnitIds.length < 2) return null;
      const attempt = this.regionOf(regionUnitIds);
      if (attempt !== null) return this.reoptimise(regionUnitIds, attempt.members, attempt.adj, attempt.byLow);
      regionUnitIds.pop();
    }
  }

  private regionOf(unitIds: readonly number[]): { members: number[]; adj: number[]; byLow: number[][] } | null {
    const members: number[] = [];
    for (const u of unitIds) members.push(...this.units[u]!.members);
    members.sort((x, y) => x - y);
    const adj = members.map((x) =>
      members.reduce((mask, y, j) => (x !== y && isNeighbour(this.g, x, y) ? mask | (1 << j) : mask), 0),
    );
    const region = {
      k: members.length,
      adj,
      households: members.map((x) => this.rules.households[x]!),
      maxMembers: this.rules.maxMembers,
      maxHouseholds: this.rules.maxHouseholds,
    };
    const byLow = regionUnits(region, REGION_UNIT_CAP);
    return byLow === null ? null : { members, adj, byLow };
  }

  /** Replaces the region's units by their best re-partition, if strictly better. */
  private reoptimise(regionUnitIds: readonly number[], members: number[], adj: number[], byLow: number[][]): number[] | null {
    let cv = 0;
    let cs = 0;
    let cm = 0;
    for (const u of regionUnitIds) {
      const unit = this.units[u]!;
      cv += unit.v;
      cs += unit.s;
      cm += unit.m;
    }
    const toMembers = (mask: number): number[] => members.filter((_, j) => mask & (1 << j));
    const best = bestRegionPartition(members.length, adj, byLow, (mask) => this.score(toMembers(mask)));
    if (compareScores(best.score.v, best.score.s, best.score.m, cv, cs, cm) >= 0) return null;
    const parts = best.parts.map(toMembers);
    const ids = [...regionUnitIds];
    const out: number[] = [];
    parts.forEach((p, k) => {
      if (k < ids.length) {
        this.setMembers(ids[k]!, p);
        out.push(ids[k]!);
      } else {
        out.push(this.newUnit(p));
      }
    });
    for (let k = parts.length; k < ids.length; k++) this.setMembers(ids[k]!, []);
    for (const u of out) this.dirty.add(u);
    return out;
  }

  /** Best-improvement moves per compound from a worklist until none improves. Returns moves made. */
  private localSearch(initial: number[], round: number): number {
    const n = this.g.n;
    const queued = new Uint8Array(n);
    const queue: number[] = [];
    for (const c of initial) {
      queued[c] = 1;
      queue.push(c);
    }
    let head = 0;
    let moves = 0;
    const base = round === 0 ? 0.25 : 0.4;
    while (head < queue.length) {
      const c = queue[head++]!;
      queued[c] = 0;
      if ((head & 255) === 0) this.progress(base + (round === 0 ? 0.15 : 0) * Math.min(1, head / queue.length));
      const changed = this.improve(c);
      if (changed === null) continue;
      moves++;
      for (const u of changed) {
        this.dirty.add(u);
        const unit = this.units[u]!;
        if (!unit.alive) continue;
        for (const x of unit.members) {
          const push = (y: number): void => {
            if (!queued[y]) {
              queued[y] = 1;
              queue.push(y);
            }
          };
          push(x);
          for (let e = this.g.start[x]!; e < this.g.start[x + 1]!; e++) push(this.g.adj[e]!);
        }
      }
      // Compact the queue now and then so memory stays proportional to pending work.
      if (head > 65536 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
    }
    return moves;
  }

  /** Applies the best improving move for compound c, if any; returns the units it changed. */
  private improve(c: number): number[] | null {
    const A = this.unitOf[c]!;
    const ua = this.units[A]!;
    const sA = ua.members.length;
    const hhC = this.rules.households[c]!;
    const aMinus = ua.members.filter((x) => x !== c);
    const am = aMinus.length > 0 ? this.score(aMinus) : ZERO;
    let bestV = 0;
    let bestS = 0;
    let bestM = 0;
    let best: (() => number[]) | null = null;
    const consider = (dv: number, ds: number, dm: number, apply: () => number[]): void => {
      if (compareScores(dv, ds, dm, bestV, bestS, bestM) < 0) {
        bestV = dv;
        bestS = ds;
        bestM = dm;
        best = apply;
      }
    };
    if (sA > 1) {
      const alone = this.score([c]);
      consider(am.v + alone.v - ua.v, am.s + alone.s - ua.s, am.m + alone.m - ua.m, () => {
        this.setMembers(A, aMinus);
        return [A, this.newUnit([c])];
      });
    }
    const touched = this.touchNeighbours([c], A);
    const counts = touched.map((u) => this.cnt[u]!);
    for (const u of touched) this.cnt[u] = 0;
    touched.forEach((B, k) => {
      const ub = this.units[B]!;
      const sB = ub.members.length;
      const linked = counts[k]!;
      if (linked === sB && sB + 1 <= this.rules.maxMembers && ub.households + hhC <= this.rules.maxHouseholds) {
        const bPlus = insertSorted(ub.members, c);
        const bp = this.score(bPlus);
        consider(am.v + bp.v - ua.v - ub.v, am.s + bp.s - ua.s - ub.s, am.m + bp.m - ua.m - ub.m, () => {
          this.setMembers(A, aMinus);
          this.setMembers(B, bPlus);
          return [A, B];
        });
      }
      if (linked < sB - 1 || (sA === 1 && sB === 1)) return;
      for (const d of ub.members) {
        // c must reach all of B but d; d must reach all of A but c.
        if (linked === sB - 1 && isNeighbour(this.g, c, d)) continue;
        const hhD = this.rules.households[d]!;
        if (ua.households - hhC + hhD > this.rules.maxHouseholds) continue;
        if (ub.households - hhD + hhC > this.rules.maxHouseholds) continue;
        if (!aMinus.every((x) => isNeighbour(this.g, d, x))) continue;
        const aSwap = insertSorted(aMinus, d);
        const bSwap = insertSorted(
          ub.members.filter((x) => x !== d),
          c,
        );
        const as = this.score(aSwap);
        const bs = this.score(bSwap);
        consider(
          as.v + bs.v - ua.v - ub.v,
          as.s + bs.s - ua.s - ub.s,
          as.m + bs.m - ua.m - ub.m,
          () => {
            this.setMembers(A, aSwap);
            this.setMembers(B, bSwap);
            return [A, B];
          },
        );
      }
    });
    const apply = best as (() => number[]) | null;
    return apply === null ? null : apply();
  }

  private score(members: readonly number[]): { v: number; s: number; m: number } {
    return unitScore(this.objective, members.length, this.cache.get(members));
  }
}

const ZERO = { v: 0, s: 0, m: 0 } as const;

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function insertSorted(a: readonly number[], x: number): number[] {
  const out: number[] = [];
  let placed = false;
  for (const v of a) {
    if (!placed && x < v) {
      out.push(x);
      placed = true;
    }
    out.push(v);
  }
  if (!placed) out.push(x);
  return out;
}

/**
 * The queue of candidate merges, best first: larger gain (v, then s, then m), then smaller tie
 * key, then smaller unit ids. Held in typed arrays (one slot per entry, the heap orders slot
 * numbers), since the first merge round queues one entry per allowed pair: millions of objects
 * on a city-size district. Freed slots are reused.
 */
class MergeHeap {
  /** Gains in viable compounds and in compounds moved: whole numbers. */
  gv: Int32Array = new Int32Array(1024);
  gs: Float64Array = new Float64Array(1024);
  gm: Int32Array = new Int32Array(1024);
  tie: Uint32Array = new Uint32Array(1024);
  a: Int32Array = new Int32Array(1024);
  b: Int32Array = new Int32Array(1024);
  va: Int32Array = new Int32Array(1024);
  vb: Int32Array = new Int32Array(1024);
  private heap: Int32Array = new Int32Array(1024);
  private free: Int32Array = new Int32Array(1024);
  private freeCount = 0;
  private slots = 0;
  size = 0;
  /** Entries pushed since the last compaction (a bound on the stale ones). */
  pushedSinceCompact = 0;

  push(gv: number, gs: number, gm: number, tie: number, a: number, b: number, va: number, vb: number): void {
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount]!;
    else {
      if (this.slots === this.a.length) this.growSlots();
      slot = this.slots++;
    }
    this.gv[slot] = gv;
    this.gs[slot] = gs;
    this.gm[slot] = gm;
    this.tie[slot] = tie;
    this.a[slot] = a;
    this.b[slot] = b;
    this.va[slot] = va;
    this.vb[slot] = vb;
    if (this.size === this.heap.length) {
      const grown = new Int32Array(this.heap.length * 2);
      grown.set(this.heap);
      this.heap = grown;
    }
    this.heap[this.size] = slot;
    this.siftUp(this.size++);
    this.pushedSinceCompact++;
  }

  /**
   * When empty, gives back the arrays if they have grown large: the first merge round queues one
   * entry per allowed pair (millions on a city), later rounds far fewer, and the unit cache grows
   * while they run.
   */
  shrinkIfEmpty(): void {
    if (this.size !== 0 || this.a.length <= 1 << 16) return;
    const fresh = new MergeHeap();
    Object.assign(this, fresh);
  }

  /** Removes the best entry and returns its slot, readable until the next push. */
  popSlot(): number {
    const h = this.heap;
    const top = h[0]!;
    this.size--;
    if (this.size > 0) {
      h[0] = h[this.size]!;
      this.siftDown(0);
    }
    this.release(top);
    return top;
  }

  /** Keeps only the entries `keep` accepts, and re-heaps them. */
  compact(keep: (a: number, b: number, va: number, vb: number) => boolean): void {
    const h = this.heap;
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const s = h[i]!;
      if (keep(this.a[s]!, this.b[s]!, this.va[s]!, this.vb[s]!)) h[n++] = s;
      else this.release(s);
    }
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
    this.pushedSinceCompact = 0;
  }

  private release(slot: number): void {
    if (this.freeCount === this.free.length) {
      const grown = new Int32Array(this.free.length * 2);
      grown.set(this.free);
      this.free = grown;
    }
    this.free[this.freeCount++] = slot;
  }

  /** Whether slot p comes out before slot q. */
  private before(p: number, q: number): boolean {
    if (this.gv[p] !== this.gv[q]) return this.gv[p]! > this.gv[q]!;
    if (this.gs[p] !== this.gs[q]) return this.gs[p]! > this.gs[q]!;
    if (this.gm[p] !== this.gm[q]) return this.gm[p]! > this.gm[q]!;
    if (this.tie[p] !== this.tie[q]) return this.tie[p]! < this.tie[q]!;
    if (this.a[p] !== this.a[q]) return this.a[p]! < this.a[q]!;
    return this.b[p]! < this.b[q]!;
  }

  private siftUp(i: number): void {
    const h = this.heap;
    const x = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(x, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = x;
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const n = this.size;
    const x = h[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.before(h[r]!, h[l]!) ? r : l;
      if (!this.before(h[c]!, x)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = x;
  }

  private growSlots(): void {
    const cap = Math.ceil(this.a.length * 1.5);
    const grow = <T extends Int32Array | Uint32Array | Float64Array>(x: T, make: (n: number) => T): T => {
      const y = make(cap);
      y.set(x);
      return y;
    };
    const i32 = (n: number): Int32Array => new Int32Array(n);
    this.gv = grow(this.gv, i32);
    this.gs = grow(this.gs, (n) => new Float64Array(n));
    this.gm = grow(this.gm, i32);
    this.tie = grow(this.tie, (n) => new Uint32Array(n));
    this.a = grow(this.a, i32);
    this.b = grow(this.b, i32);
    this.va = grow(this.va, i32);
    this.vb = grow(this.vb, i32);
  }

}
