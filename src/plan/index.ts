/** The planner's public API: partition compounds into management units. */
export type {
  PlanObjective,
  PlanOptions,
  PlanResult,
  PlanStatus,
  PlannedUnit,
  UnitEconomics,
  UnitEvaluator,
} from './types.js';
export { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_DISTANCE_M, DEFAULT_MAX_MEMBERS } from './types.js';
export { planHeuristic } from './heuristic.js';
export { planExact } from './exact.js';
export { findPlanViolations, classifyUnit } from './constraints.js';
