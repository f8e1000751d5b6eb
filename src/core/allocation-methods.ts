/**
 * How a unit's cost is split among its members (`allocation:` and `--allocation`). Free of imports: the CLI lists them at start-up.
 * - `area`: in proportion to floor area (how fees are set);
 * - `households`: in proportion to households;
 * - `shapley`: each member's average incremental cost over all orders of joining;
 * - `scrb`: separable cost − remaining benefit (each pays its incremental cost, the rest is split
 *   by what each would save compared with standing alone).
 */
export const ALLOCATION_METHODS = ['area', 'households', 'shapley', 'scrb'] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];
