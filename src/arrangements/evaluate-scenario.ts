import type { Compound } from '../core/compound.js';
import { InputError, type Where } from '../core/errors.js';
import type { Fen } from '../core/money.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateUnit } from '../model/evaluate-unit.js';
import type { AllocationMethod } from './allocation.js';
import { arrangeUnits, evaluateArrangedUnit, type UnitResult, type UnitSpec } from './units.js';

export interface Totals {
  units: number;
  compounds: number;
  viableUnits: number;
  /** Compounds in viable units. */
  viableCompounds: number;
  revenue: Fen;
  cost: Fen;
  profit: Fen;
  subsidyNeeded: Fen;
}

/** A compound's position before (alone, baseline data) and after (its share in its unit). */
export interface CompoundChange {
  id: string;
  unit: string;
  before: { revenue: Fen; cost: Fen; profit: Fen; viable: boolean };
  after: { revenue: Fen; cost: Fen; profit: Fen };
  /** after.profit − before.profit: > 0 a winner, < 0 a loser. */
  delta: Fen;
}

export interface ScenarioResult {
  units: UnitResult[];
  totals: Totals;
  baseline: Totals;
  changes: CompoundChange[];
  /** Subsidy the baseline needs minus what the scenario needs. */
  subsidySaved: Fen;
}

export function emptyTotals(): Totals {
  return { units: 0, compounds: 0, viableUnits: 0, viableCompounds: 0, revenue: 0, cost: 0, profit: 0, subsidyNeeded: 0 };
}

export function addToTotals(
  t: Totals,
  u: { sites: number; revenue: Fen; cost: Fen; profit: Fen; viable: boolean; subsidyNeeded: Fen },
  where?: Where,
): void {
  t.units++;
  t.compounds += u.sites;
  if (u.viable) {
    t.viableUnits++;
    t.viableCompounds += u.sites;
  }
  t.revenue += u.revenue;
  t.cost += u.cost;
  t.profit += u.profit;
  t.subsidyNeeded += u.subsidyNeeded;
  // Each unit is checked by the model; a total of many could still pass 2^53 fen, where it stops
  // being exact and cannot be printed (it ended in exit 3).
  if (![t.revenue, t.cost, t.profit, t.subsidyNeeded].every(Number.isSafeInteger)) {
    throw new InputError({
      code: 'AMOUNT_TOO_LARGE',
      message: 'the totals pass 90 trillion yuan a year, too large to add up exactly',
      ...(where ? { where } : {}),
      hint: 'check the areas, fees and incomes of the compounds',
    });
  }
}

function sourceOf(c: Compound | undefined): Where | undefined {
  return c?.source ? { file: c.source.file, line: c.source.line } : undefined;
}

/**
 * Units as specified (compounds in no unit stay standalone, in file order after the arranged
 * units), each evaluated and shared; against the baseline of every compound alone on the
 * unchanged data.
 */
export function evaluateArrangement(
  baseline: readonly Compound[],
  arrangement: { units: readonly UnitSpec[]; changes: ReadonlyMap<string, Partial<Compound>>; allocation: AllocationMethod; seed: number },
  k: Coefficients,
  opts: { travel?: boolean } = {},
): ScenarioResult {
  const arranged = arrangeUnits(baseline, arrangement);
  const unitOpts = { allocation: arrangement.allocation, seed: arrangement.seed, ...(opts.travel === false ? { travel: false } : {}) };
  const units = arranged.map((u) => evaluateArrangedUnit(u.spec, u.members, k, unitOpts));

  const totals = emptyTotals();
  units.forEach((u, i) => addToTotals(totals, u.evaluation, sourceOf(arranged[i]!.members[0])));

  const base = emptyTotals();
  const before = new Map<string, { revenue: Fen; cost: Fen; profit: Fen; viable: boolean }>();
  for (const c of baseline) {
    const e = evaluateUnit([c], k);
    addToTotals(base, e, sourceOf(c));
    before.set(c.id, { revenue: e.revenue, cost: e.cost, profit: e.profit, viable: e.viable });
  }
  const changes: CompoundChange[] = [];
  for (const u of units) {
    for (const s of u.shares) {
      const b = before.get(s.id)!;
      changes.push({ id: s.id, unit: u.id, before: b, after: { revenue: s.revenue, cost: s.cost, profit: s.profit }, delta: s.profit - b.profit });
    }
  }
  return { units, totals, baseline: base, changes, subsidySaved: base.subsidyNeeded - totals.subsidyNeeded };
}
