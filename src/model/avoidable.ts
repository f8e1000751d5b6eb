import type { Role } from '../core/categories.js';
import { fenOf, type Fen } from '../core/money.js';
import type { Coefficients } from './coefficients.js';
import type { UnitEvaluation } from './evaluate-unit.js';

/**
 * What a firm would avoid without one member of a unit (its avoidable, or incremental, cost):
 *
 * - staff: for each role, the unit's continuous need (members' needs, garbage duty and travel)
 *   beyond what the unit without the member already hires, max(0, need(U) − hired(U∖i)), i.e. the
 *   member's need against the spare capacity the firm pays for anyway; priced at the engagement it
 *   would really be bought in: frontline hours below staffing.part_time_max_fte by the hour
 *   (work-injury insurance only), the rest (and manager and maintenance hours) at the loaded
 *   full-time wage;
 * - jobs and contracts: the difference of the non-staff direct lines, i.e. the member's own site
 *   lines plus the per-site add-on of shared contracts (one more stop on the dredging round, its
 *   area of pest control), never a second contract;
 * - no allocated overhead: it does not disappear without the member.
 *
 * The difference of the two rounded unit totals is the step risk (`stepped`): a member can push a
 * role over a hiring step. The verdict uses the avoidable cost; a planner reads both.
 */
export interface AvoidableCost {
  amount: Fen;
  staff: { role: Role; extraFte: number; engagement: 'hourly' | 'full_time'; amount: Fen }[];
  /** Non-staff direct cost with the member minus without it. */
  jobs: Fen;
}

function staffTotal(e: UnitEvaluation): Fen {
  let s = 0;
  for (const l of e.staff) s += l.amount;
  return s;
}

/**
 * `unit` is the whole unit, `without` the same unit without the member (undefined: the member is
 * the unit, and everything direct is avoidable).
 */
export function avoidableCost(unit: UnitEvaluation, without: UnitEvaluation | undefined, k: Coefficients): AvoidableCost {
  if (!without) return { amount: unit.directCost, staff: unit.staff.map((s) => ({ role: s.role, extraFte: s.fte, engagement: s.engagement, amount: s.amount })), jobs: unit.directCost - staffTotal(unit) };
  const staff: AvoidableCost['staff'] = [];
  let amount = 0;
  for (const s of unit.staff) {
    const hired = without.staff.find((x) => x.role === s.role)?.fte ?? 0;
    const extra = Math.max(0, s.need + s.travel - hired);
    if (extra <= 1e-12) continue;
    const hourly = (s.role === 'cleaner' || s.role === 'guard' || s.role === 'greening') && extra < k.partTimeMaxFte;
    const fen = hourly ? fenOf(extra, k.hoursPerYear, k.hourlyCost[s.role]) : fenOf(extra, k.loadedMonthly[s.role], 12);
    staff.push({ role: s.role, extraFte: extra, engagement: hourly ? 'hourly' : 'full_time', amount: fen });
    amount += fen;
  }
  const jobs = unit.directCost - staffTotal(unit) - (without.directCost - staffTotal(without));
  return { amount: amount + jobs, staff, jobs };
}
