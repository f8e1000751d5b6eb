import type { Compound } from '../core/compound.js';
import type { Fen } from '../core/money.js';
import { addToTotals, emptyTotals, type Totals } from './evaluate-scenario.js';
import { applyChanges, membersOf, unitId, type UnitSpec } from './units.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateUnit } from '../model/evaluate-unit.js';

/**
 * The what-if commands (sweep, project, check) ask of an arrangement only what each unit earns
 * and costs, many times over. They group compounds exactly as `evaluateArrangement` does (the
 * scenario's units, then every compound in no unit alone, in file order) but skip the cost
 * shares and the core check, which cost up to 2^n unit evaluations per unit and do not change a
 * unit's totals.
 */

/** What an arrangement is made of: the scenario's units and compound changes. */
export interface Arrangement {
  units: readonly UnitSpec[];
  changes: ReadonlyMap<string, Partial<Compound>>;
}

/** A unit ready to evaluate: its id, its spec and its members with the changes applied. */
export interface ArrangedUnit {
  id: string;
  spec: UnitSpec;
  members: Compound[];
}

/** A unit's result: the figures `evaluateUnit` gives, without the cost sheet. */
export interface UnitOutcome {
  id: string;
  memberIds: string[];
  revenue: Fen;
  cost: Fen;
  profit: Fen;
  /** profit ÷ net revenue; null when there is no revenue. */
  margin: number | null;
  viable: boolean;
  subsidyNeeded: Fen;
}

/** The units of `arrangement` over `baseline`, in the order `evaluateArrangement` lists them. */
export function arrangeUnits(baseline: readonly Compound[], arrangement: Arrangement): ArrangedUnit[] {
  const changed = applyChanges(baseline, arrangement.changes);
  const out: ArrangedUnit[] = [];
  // Every compound alone (a plain CSV): no lookup by id needed, and none built for a million ids.
  if (arrangement.units.length === 0) {
    for (const c of changed) out.push({ id: c.id, spec: { kind: 'standalone', id: c.id }, members: [c] });
    return out;
  }
  const byId = new Map(changed.map((c) => [c.id, c]));
  const placed = new Set<string>();
  for (const spec of arrangement.units) {
    const ids = membersOf(spec);
    for (const id of ids) placed.add(id);
    out.push({ id: unitId(spec), spec, members: ids.map((id) => byId.get(id)!) });
  }
  for (const c of changed) if (!placed.has(c.id)) out.push({ id: c.id, spec: { kind: 'standalone', id: c.id }, members: [c] });
  return out;
}

/** A unit's outcome from its net revenue and cost. */
export function outcomeOf(id: string, memberIds: string[], revenue: Fen, cost: Fen): UnitOutcome {
  const profit = revenue - cost;
  return {
    id,
    memberIds,
    revenue,
    cost,
    profit,
    margin: revenue !== 0 ? profit / revenue : null,
    viable: profit >= 0,
    subsidyNeeded: profit < 0 ? -profit : 0,
  };
}

/** Evaluates every unit with `k` (travel between sites counted, as `scenario` does). */
export function evaluateUnits(units: readonly ArrangedUnit[], k: Coefficients): UnitOutcome[] {
  return units.map((u) => {
    const e = evaluateUnit(u.members, k);
    return outcomeOf(u.id, e.memberIds, e.revenue, e.cost);
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
