import type { Compound } from '../core/compound.js';
import type { Fen } from '../core/money.js';
import { computeCoefficients, type Coefficients } from '../model/coefficients.js';
import { evaluateUnit } from '../model/evaluate-unit.js';
import { feeForNet } from '../model/break-even.js';
import { memberGains, type DrawModel, type RangedValue } from './uncertainty.js';

/**
 * One-at-a-time sensitivity (a tornado, issue 14): each parameter with a range is set to its low
 * and to its high with everything else at the value in force, and the target re-evaluated. Rows
 * are ranked by the swing they cause; a row flips the verdict when the verdict at its low or its
 * high differs from the verdict at the values in force.
 *
 * The target is a group of units (compound lists): one compound, one unit of a scenario, or every
 * unit of the district. Its profit and subsidy needed are the sums over its units, its verdict is
 * "profit ≥ 0", its break-even fee the one fee for every member at which its net revenue covers
 * its cost.
 */

export const SENSITIVITY_TARGETS = ['profit', 'subsidy', 'break-even-fee'] as const;
export type SensitivityTarget = (typeof SENSITIVITY_TARGETS)[number];

export interface Outcome {
  profit: Fen;
  subsidyNeeded: Fen;
  breakEvenFee: number | null;
  viable: boolean;
}

export function outcomeOf(units: readonly (readonly Compound[])[], k: Coefficients): Outcome {
  let profit = 0;
  let subsidyNeeded = 0;
  let cost = 0;
  for (const members of units) {
    const e = evaluateUnit(members, k);
    profit += e.profit;
    subsidyNeeded += e.subsidyNeeded;
    cost += e.cost;
  }
  const all = units.length === 1 ? units[0]! : units.flat();
  return { profit, subsidyNeeded, breakEvenFee: feeForNet(all, k, cost), viable: profit >= 0 };
}

/** The target's number: fen for profit and subsidy, yuan/m²/month for the fee (null: no fee can). */
export function targetValue(o: Outcome, target: SensitivityTarget): number | null {
  return target === 'profit' ? o.profit : target === 'subsidy' ? o.subsidyNeeded : o.breakEvenFee;
}

export interface TornadoRow {
  key: string;
  low: number;
  high: number;
  valueLow: number | null;
  valueHigh: number | null;
  /** |valueHigh − valueLow| (infinite when only one side has a break-even fee). */
  swing: number;
  flipsVerdict: boolean;
}

export interface Tornado {
  target: SensitivityTarget;
  base: Outcome;
  rows: TornadoRow[];
  /**
   * Every ranged value at once at the end that favours the target (higher profit, lower subsidy,
   * lower fee), and every one at the other end: how far the documented ranges can move the
   * answer together. A search over the ends (each starts where it was better alone, then flips one
   * at a time while the joint result improves), not a proof: where hiring steps bite, a value
   * inside a range can do a little better than either end.
   */
  favourable: Outcome;
  unfavourable: Outcome;
}

/** How many times the joint bounds go over the ranged values flipping one end at a time. */
const BOUND_PASSES = 3;

/** Whether `a` is better for the target than `b` (null fee: no fee breaks even, the worst). */
function better(target: SensitivityTarget, a: number | null, b: number | null): boolean {
  if (a === null) return false;
  if (b === null) return true;
  return target === 'profit' ? a > b : a < b;
}

/** Applies one input to the units' compounds (`ID.collection_rate`, `ID.other_income`). */
function withInput(units: readonly (readonly Compound[])[], r: RangedValue & { id: string; field: string }, x: number): Compound[][] {
  return units.map((ms) => ms.map((c) => (c.id === r.id ? { ...c, [r.field]: r.field === 'other_income' ? Math.round(x * 100) / 100 : x } : c)));
}

export function tornado(m: DrawModel, units: readonly (readonly Compound[])[], target: SensitivityTarget): Tornado {
  const base = outcomeOf(units, computeCoefficients(m.params));
  const at = (key: string, x: number): Outcome => outcomeOf(units, computeCoefficients({ ...m.params, values: { ...m.params.values, [key]: x } }));
  const row = (r: RangedValue, lo: Outcome, hi: Outcome): TornadoRow => {
    const vl = targetValue(lo, target);
    const vh = targetValue(hi, target);
    const swing = vl === null && vh === null ? 0 : vl === null || vh === null ? Infinity : Math.abs(vh - vl);
    return { key: r.key, low: r.low, high: r.high, valueLow: vl, valueHigh: vh, swing, flipsVerdict: lo.viable !== base.viable || hi.viable !== base.viable };
  };
  const rows: TornadoRow[] = [];
  for (const p of m.ranged) rows.push(row(p, at(p.key, p.low), at(p.key, p.high)));
  const k = computeCoefficients(m.params);
  for (const r of m.inputs) rows.push(row(r, outcomeOf(withInput(units, r, r.low), k), outcomeOf(withInput(units, r, r.high), k)));
  // The joint bounds: every ranged value at one of its ends. Start from the end that was better
  // (worse) for the target alone, then flip one value at a time while that improves (worsens) the
  // joint result: ties alone and ends that turn round together (hiring steps) are settled by the
  // joint evaluation. At most BOUND_PASSES passes. The rows are still in input order here.
  const ends = (favour: boolean): Outcome => {
    const ranged: RangedValue[] = [...m.ranged, ...m.inputs];
    const atHigh = ranged.map((r, i) => better(target, rows[i]!.valueHigh, rows[i]!.valueLow) === favour);
    const evaluate = (): Outcome => {
      const values = { ...m.params.values };
      let us: readonly (readonly Compound[])[] = units;
      m.ranged.forEach((p, i) => (values[p.key] = atHigh[i] ? p.high : p.low));
      m.inputs.forEach((r, i) => (us = withInput(us, r, atHigh[m.ranged.length + i] ? r.high : r.low)));
      return outcomeOf(us, computeCoefficients({ ...m.params, values }));
    };
    let best = evaluate();
    const improves = (o: Outcome): boolean => {
      const a = targetValue(o, target);
      const b = targetValue(best, target);
      return favour ? better(target, a, b) : better(target, b, a);
    };
    for (let pass = 0; pass < BOUND_PASSES; pass++) {
      let changed = false;
      for (let i = 0; i < ranged.length; i++) {
        if (ranged[i]!.low === ranged[i]!.high) continue;
        atHigh[i] = !atHigh[i];
        const o = evaluate();
        if (improves(o)) {
          best = o;
          changed = true;
        } else atHigh[i] = !atHigh[i];
      }
      if (!changed) break;
    }
    return best;
  };
  const favourable = ends(true);
  const unfavourable = ends(false);
  rows.sort((a, b) => b.swing - a.swing || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { target, base, rows, favourable, unfavourable };
}

/** What the firm gains by serving member `i` of a unit (fen): see `memberGains`. */
export function memberGain(members: readonly Compound[], i: number, k: Coefficients): Fen {
  return memberGains(members, k)[i]!.gain;
}

/** The tornado of a member's gain (fen): the verdict is "the firm gains" (gain > 0). */
export function gainTornado(m: DrawModel, members: readonly Compound[], i: number): { base: Fen; rows: TornadoRow[] } {
  const base = memberGain(members, i, computeCoefficients(m.params));
  const at = (key: string, x: number) => memberGain(members, i, computeCoefficients({ ...m.params, values: { ...m.params.values, [key]: x } }));
  const rows = m.ranged.map((p) => {
    const lo = at(p.key, p.low);
    const hi = at(p.key, p.high);
    return { key: p.key, low: p.low, high: p.high, valueLow: lo, valueHigh: hi, swing: Math.abs(hi - lo), flipsVerdict: lo > 0 !== base > 0 || hi > 0 !== base > 0 };
  });
  rows.sort((a, b) => b.swing - a.swing || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { base, rows };
}
