import type { Fen } from '../core/money.js';
import { addToTotals, emptyTotals, type Totals } from './evaluate-scenario.js';
import type { ArrangedUnit } from './units.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateUnit } from '../model/evaluate-unit.js';
import { outcomeOf, type Outcome } from '../model/outcome.js';

/**
 * The what-if commands (sweep, project, check) ask of an arrangement only what each unit earns
 * and costs, many times over. They group compounds exactly as `evaluateArrangement` does (the
 * scenario's units, then every compound in no unit alone, in file order) but skip the cost
 * shares and the core check, which cost up to 2^n unit evaluations per unit and do not change a
 * unit's totals.
 */

/** A unit's result: the figures `evaluateUnit` gives, without the cost sheet. */
export interface UnitOutcome extends Outcome {
  id: string;
  memberIds: string[];
  revenue: Fen;
  cost: Fen;
}

/** A unit's outcome from its net revenue and cost (the model's outcome rule). */
export function unitOutcome(id: string, memberIds: string[], revenue: Fen, cost: Fen): UnitOutcome {
  return { id, memberIds, revenue, cost, ...outcomeOf(revenue, cost) };
}

/** Evaluates every unit with `k` (travel between sites counted, as `scenario` does). */
export function evaluateUnits(units: readonly ArrangedUnit[], k: Coefficients): UnitOutcome[] {
  return units.map((u) => {
    const e = evaluateUnit(u.members, k);
    return unitOutcome(u.id, e.memberIds, e.revenue, e.cost);
  });
}

/** Totals over unit outcomes (`viableCompounds` counts the compounds in viable units). */
export function totalsOf(outcomes: readonly UnitOutcome[]): Totals {
  const t = emptyTotals();
  // Named fields: a copy of each outcome (`{ ...o, sites }`) cost more than the additions.
  for (const o of outcomes) {
    addToTotals(t, { sites: o.memberIds.length, revenue: o.revenue, cost: o.cost, profit: o.profit, viable: o.viable, subsidyNeeded: o.subsidyNeeded });
  }
  return t;
}
