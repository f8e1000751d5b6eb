/**
 * The planner's default limits (`plan`, `report --plan`). Free of imports: the CLI shows them in
 * `--help` at start-up without loading the planner.
 */
/** Every pair of members of a unit within this distance, metres. */
export const DEFAULT_MAX_DISTANCE_M = 500;
/** Members per unit at most. */
export const DEFAULT_MAX_MEMBERS = 8;
