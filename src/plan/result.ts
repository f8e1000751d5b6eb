import type { Compound } from '../core/compound.js';
import { makePlannedUnit } from './constraints.js';
import type { PlanResult, UnitEconomics } from './types.js';

/** The parts of a result that depend on how it was found. */
export type PlanMeta = Pick<PlanResult, 'method' | 'objective' | 'status' | 'gap' | 'warnings'>;

/** Turns member lists into the reported plan: units sorted by first member, with totals. */
export function buildPlanResult(
  compounds: readonly Compound[],
  memberLists: readonly (readonly number[])[],
  economicsOf: (members: readonly number[]) => UnitEconomics,
  meta: PlanMeta,
): PlanResult {
  const units = memberLists
    .map((m) => {
      const sorted = [...m].sort((a, b) => a - b);
      return makePlannedUnit(compounds, sorted, economicsOf(sorted));
    })
    .sort((a, b) => a.members[0]! - b.members[0]!);
  let totalSubsidy = 0;
  let viableCompounds = 0;
  for (const u of units) {
    totalSubsidy += u.economics.subsidyNeeded;
    if (u.economics.viable) viableCompounds += u.members.length;
  }
  return { units, ...meta, totalSubsidy, viableCompounds, warnings: [...meta.warnings] };
}
