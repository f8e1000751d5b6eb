import type { Fen } from '../core/money.js';

/** What the cost model says about one candidate management unit. */
export interface UnitEconomics {
  cost: Fen;
  profit: Fen;
  /** max(0, −profit): what the public purse must add for the unit to break even. */
  subsidyNeeded: Fen;
  /** profit ≥ 0. */
  viable: boolean;
}

/**
 * Evaluates a candidate unit given member indices into `compounds` (sorted ascending). Pure and
 * deterministic; may cost ~10–50 µs, so the planners cache it by member set.
 */
export type UnitEvaluator = (members: readonly number[]) => UnitEconomics;

/** What the planner minimises (lexicographically, first criterion first). */
export type PlanObjective =
  /** Σ subsidyNeeded; ties → fewer compounds moved out of standalone. */
  | 'subsidy'
  /** Compounds in viable units (maximised); ties → less subsidy; then fewer moved. */
  | 'viable';

/** Limits and rules a plan must respect, and how to search. */
export interface PlanOptions {
  /** Every PAIR of members of a unit must be within this distance, metres (default 500). */
  maxDistanceM: number;
  /** Members per unit at most (default 8). */
  maxMembers: number;
  /** Σ households of a unit at most; no limit when absent. */
  maxHouseholds?: number;
  /** Compound ids that must stay alone. */
  keepStandalone: ReadonlySet<string>;
  /** Pairs of compound ids that must not share a unit. */
  neverTogether: readonly [string, string][];
  objective: PlanObjective;
  /** Breaks ties and orders the heuristic's search; the same seed gives the same plan. */
  seed: number;
  /**
   * How hard the heuristic works after merging and local search (default 1; 0 skips the region
   * re-partitioning and ruin-and-recreate steps; 2 doubles their budgets). Budgets are counted in
   * evaluator calls, so the result stays deterministic. The exact solver's warm start uses it too.
   */
  effort?: number;
  /**
   * Exact mode: a limit in seconds. With `clock`, a wall-clock limit on the whole exact run after
   * the heuristic's warm start: enumerating candidate units, evaluating them and the solver all
   * check the clock and stop by then with the best plan so far (status `time_limit`, its gap).
   * Without `clock` (pure callers), a budget for the solver's own run time only. No limit when absent.
   */
  timeLimitS?: number;
  /**
   * A monotonic clock in milliseconds (e.g. `performance.now`), given by the shell so that the
   * planner itself reads no clock: with it, `timeLimitS` is kept in wall time (see there).
   */
  clock?: () => number;
  /**
   * With `clock`: when the time limit started, in the clock's milliseconds (the shell gives 0:
   * `performance.now()` counts from the start of the process). Default: when planning starts.
   */
  startedAtMs?: number;
  /**
   * With `clock`: seconds kept back from the limit for the caller's work after the plan
   * (evaluating and writing it). Default 0.
   */
  reserveS?: number;
  /**
   * Exact mode: at most this many candidate units (columns) per connected component (default
   * 200,000). A component that would need more is solved over the units of at most k members
   * for the largest k that fits, plus the heuristic's units; the result is then `capped`.
   */
  maxColumns?: number;
  /** Called now and then with work done out of a total, for a progress bar drawn by the shell. */
  onProgress?: (done: number, total: number) => void;
}

/** The defaults the brief fixes, for callers that only set what they change. */
export const DEFAULT_MAX_COLUMNS = 200_000;

/**
 * One management unit of a plan. `standalone`: one compound. `attached`: the host (the member with
 * the most households) has more households than all the others together. `cluster`: otherwise.
 */
export interface PlannedUnit {
  /** Indices into the input compounds, ascending. */
  members: number[];
  kind: 'standalone' | 'attached' | 'cluster';
  /** Only for `attached`. */
  host?: number;
  economics: UnitEconomics;
  /** Largest distance between two members, metres (0 for a standalone compound). */
  maxPairDistanceM: number;
}

/**
 * How a plan ended. `optimal`: proven optimal. `time_limit`: optimality not proven, because the
 * solver's budget ran out or a component had too many promising units for one MIP (the warning
 * says which); the plan is the best found and `gap` bounds how far it may be from the optimum. `capped`: some
 * component had too many candidate units, so the plan is optimal only over the units that were
 * enumerated (see the warnings); `gap` is null. `heuristic`: from the heuristic, no bound (also
 * from the exact solver when HiGHS failed on some component and the heuristic's units stand there).
 * `infeasible`: no plan satisfies the rules (cannot happen while every compound may stand alone;
 * kept so that a caller's switch is complete).
 */
export type PlanStatus = 'optimal' | 'time_limit' | 'capped' | 'heuristic' | 'infeasible';

/** A partition of the compounds into units, with totals. */
export interface PlanResult {
  /** Sorted by first member. Every compound is in exactly one unit. */
  units: PlannedUnit[];
  method: 'heuristic' | 'exact';
  /** The objective that was optimised, as in {@link PlanOptions.objective}. */
  objective: string;
  status: PlanStatus;
  /**
   * Exact mode: relative optimality gap of the first criterion not proven optimal
   * ((incumbent − bound) / incumbent, 0 when optimal); null for the heuristic or when capped.
   */
  gap: number | null;
  totalSubsidy: Fen;
  /** Compounds in viable units. */
  viableCompounds: number;
  warnings: string[];
}
