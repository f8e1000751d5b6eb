import { InputError, type Problem } from '../core/errors.js';
import type { Fen } from '../core/money.js';
import type { Totals } from '../arrangements/evaluate-scenario.js';
import { didYouMean } from '../core/did-you-mean.js';
import { totalsOf, type UnitOutcome } from '../arrangements/arrange.js';
import { type ArrangedUnit } from '../arrangements/units.js';

/**
 * Gates for CI: does an arrangement still do what it must? Each gate passes or fails on its own;
 * the check fails when any gate does.
 *
 * - min-margin M: every unit earns at least margin M (profit ÷ net revenue); a unit with no
 *   revenue has no margin and fails.
 * - max-subsidy S: the subsidy the whole arrangement needs (Σ over units of −profit where
 *   negative, yuan a year) is at most S.
 * - require-viable IDs: each id (a compound, or a unit of the scenario) is in a unit that breaks
 *   even.
 *
 * With no gate given, the check is min-margin 0: every unit breaks even.
 */
export interface Gates {
  minMargin?: number;
  /** Fen. */
  maxSubsidy?: Fen;
  requireViable?: readonly string[];
}


/** One failure of a gate: the unit (or compound) and what it has. */
export interface GateFailure {
  /** A unit id, or the compound id asked for in require-viable. */
  id: string;
  /** The unit the failure is about (the compound's unit, for require-viable). */
  unit: string;
  margin: number | null;
  profit: Fen;
}

export type GateResult =
  | { gate: 'min-margin'; threshold: number; passed: boolean; defaulted: boolean; failures: GateFailure[] }
  | { gate: 'max-subsidy'; threshold: Fen; passed: boolean; actual: Fen }
  | { gate: 'require-viable'; threshold: string[]; passed: boolean; failures: GateFailure[] };

export interface CheckResult {
  passed: boolean;
  gates: GateResult[];
  outcomes: UnitOutcome[];
  totals: Totals;
}

/** Runs the gates over evaluated units (outcomes in the order of `units`). Pure. */
export function runChecks(units: readonly ArrangedUnit[], outcomes: readonly UnitOutcome[], gates: Gates): CheckResult {
  const results: GateResult[] = [];
  const totals = totalsOf(outcomes);
  const none = gates.minMargin === undefined && gates.maxSubsidy === undefined && gates.requireViable === undefined;
  const failure = (id: string, o: UnitOutcome): GateFailure => ({ id, unit: o.id, margin: o.margin, profit: o.profit });

  if (gates.minMargin !== undefined || none) {
    const m = gates.minMargin ?? 0;
    const failures = outcomes.filter((o) => o.margin === null || o.margin < m).map((o) => failure(o.id, o));
    results.push({ gate: 'min-margin', threshold: m, passed: failures.length === 0, defaulted: none, failures });
  }
  if (gates.maxSubsidy !== undefined) {
    results.push({ gate: 'max-subsidy', threshold: gates.maxSubsidy, passed: totals.subsidyNeeded <= gates.maxSubsidy, actual: totals.subsidyNeeded });
  }
  if (gates.requireViable !== undefined) {
    const unitOf = new Map<string, number>();
    units.forEach((u, i) => {
      unitOf.set(u.id, i);
      for (const m of u.members) unitOf.set(m.id, i);
    });
    const problems: Problem[] = [];
    const failures: GateFailure[] = [];
    for (const id of gates.requireViable) {
      const i = unitOf.get(id);
      if (i === undefined) {
        const s = didYouMean(id, unitOf.keys());
        problems.push({
          code: 'UNKNOWN_COMPOUND',
          message: `--require-viable: no compound or unit "${id}"`,
          where: { file: 'command line', field: 'require-viable' },
          hint: s ? `did you mean "${s}"?` : 'give compound ids or the names of the scenario units',
        });
        continue;
      }
      const o = outcomes[i]!;
      if (!o.viable) failures.push(failure(id, o));
    }
    if (problems.length) throw new InputError(problems);
    results.push({ gate: 'require-viable', threshold: [...gates.requireViable], passed: failures.length === 0, failures });
  }
  return { passed: results.every((g) => g.passed), gates: results, outcomes: [...outcomes], totals };
}
