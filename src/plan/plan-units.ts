import type { Compound } from '../core/compound.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateUnit } from '../model/evaluate-unit.js';
import type { UnitSpec } from '../arrangements/units.js';
import type { PlanOptions, PlanResult, UnitEvaluator } from './types.js';
import { planHeuristic } from './heuristic.js';

/** The planner's view of the cost model: a unit's economics by member indices, with travel. */
export function unitEvaluator(compounds: readonly Compound[], k: Coefficients): UnitEvaluator {
  return (members) => {
    const e = evaluateUnit(
      members.map((i) => compounds[i]!),
      k,
    );
    return { cost: e.cost, profit: e.profit, subsidyNeeded: e.subsidyNeeded, viable: e.viable };
  };
}

/**
 * The plan's units as scenario units (standalone compounds are left out: a scenario keeps every
 * compound in no unit alone). Clusters are numbered in plan order; attached units are named by
 * host and guests.
 */
export function planToUnitSpecs(compounds: readonly Compound[], plan: PlanResult): UnitSpec[] {
  const specs: UnitSpec[] = [];
  let n = 0;
  for (const u of plan.units) {
    if (u.members.length < 2) continue;
    const ids = u.members.map((i) => compounds[i]!.id);
    if (u.kind === 'attached' && u.host !== undefined) {
      const host = compounds[u.host]!.id;
      specs.push({ kind: 'attached', host, guests: ids.filter((id) => id !== host) });
    } else {
      n++;
      specs.push({ kind: 'cluster', name: `cluster ${n}`, members: ids });
    }
  }
  return specs;
}

/** Plans units over `compounds` with the cost model: heuristic, or exact (MIP) when asked. */
export async function planUnits(
  compounds: Compound[],
  k: Coefficients,
  opts: PlanOptions & { exact?: boolean },
): Promise<{ specs: UnitSpec[]; result: PlanResult }> {
  const evaluate = unitEvaluator(compounds, k);
  // The MIP solver is WebAssembly: load it only when the exact mode runs.
  const result = opts.exact ? await (await import('./exact.js')).planExact(compounds, evaluate, opts) : planHeuristic(compounds, evaluate, opts);
  return { specs: planToUnitSpecs(compounds, result), result };
}
