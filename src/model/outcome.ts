import { fenOf, type Fen } from '../core/money.js';

/**
 * The outcome rule, in one place: profit = net revenue − cost; viable ⇔ profit ≥ 0; the subsidy
 * needed is what makes profit zero; margin = profit ÷ net revenue. Every command that judges a
 * compound or a unit (evaluate, scenario, sweep, project, check, plan) calls these.
 */
export interface Outcome {
  profit: Fen;
  /** profit ÷ net revenue; null when there is no revenue. */
  margin: number | null;
  viable: boolean;
  subsidyNeeded: Fen;
}

export const isViable = (profit: Fen): boolean => profit >= 0;

export const subsidyNeededFor = (profit: Fen): Fen => (profit < 0 ? -profit : 0);

export function outcomeOf(revenue: Fen, cost: Fen): Outcome {
  const profit = revenue - cost;
  return { profit, margin: revenue !== 0 ? profit / revenue : null, viable: isViable(profit), subsidyNeeded: subsidyNeededFor(profit) };
}

/**
 * A member's net revenue from its area, fee, collection rate, and other income and subsidy already
 * in fen: fees collected, plus other income and subsidy, less VAT and surcharges as one rounding of
 * taxable × τ (so net revenue never falls when fees rise). `memberRevenue` builds the same figure
 * with its parts; this one builds no record, for the sweep's hot loop.
 */
export function netRevenue(area: number, fee: number, rate: number, otherFen: Fen, subsidyFen: Fen, k: { taxShare: number; subsidyTaxable: boolean }): Fen {
  const feeIncome = fenOf(fee, area, 12, rate);
  const taxable = feeIncome + otherFen + (k.subsidyTaxable ? subsidyFen : 0);
  return feeIncome + otherFen + subsidyFen - fenOf(taxable / 100, k.taxShare);
}
