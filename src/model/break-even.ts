import type { Compound } from '../core/compound.js';
import { fenOf, type Fen } from '../core/money.js';
import type { Coefficients } from './coefficients.js';
import { collectionRateOf } from './evaluate-unit.js';

/**
 * The fee rate (yuan/m²/month, VAT included) at which a compound's net revenue equals `targetNet`.
 *
 * Cost does not depend on the fee, and net revenue is linear in it:
 *   net(fee) = fee·A·12·c·(1−τ) + other·(1−τ) + subsidy·(1 − s·τ)
 * with A the area, c the collection rate, τ the share of VAT and surcharges in VAT-inclusive
 * income, s = 1 when subsidies are taxable. So the fee is solved directly, not searched for.
 * Other income and subsidy are taken as revenue counts them, rounded to the fen: with the raw
 * figure (81717.8905) the fee fell short by the fraction of a fen revenue drops, and charging the
 * printed (rounded-up) fee lost 1 fen.
 * Null when no fee can do it (nothing is collected); 0 when other income already covers it.
 */
export function feeForNetRevenue(c: Compound, k: Coefficients, targetNet: Fen): number | null {
  const { rate } = collectionRateOf(c, k);
  const perFee = c.area_m2 * 12 * rate * (1 - k.taxShare);
  const other = fenOf(c.other_income) / 100;
  const subsidy = fenOf(c.subsidy) / 100;
  const fixed = other * (1 - k.taxShare) + subsidy * (1 - (k.subsidyTaxable ? k.taxShare : 0));
  const needed = targetNet / 100 - fixed;
  if (needed <= 0) return 0;
  if (!(perFee > 0)) return null;
  return needed / perFee;
}

/** Fee at which a compound alone (or carrying `cost`) breaks even. */
export function breakEvenFee(c: Compound, k: Coefficients, cost: Fen): number | null {
  return feeForNetRevenue(c, k, cost);
}

/** Fee that yields `margin` = profit ÷ net revenue, i.e. net revenue = cost ÷ (1 − margin). */
export function feeForMargin(c: Compound, k: Coefficients, cost: Fen, margin: number): number | null {
  if (!(margin < 1)) return null;
  return feeForNetRevenue(c, k, cost / (1 - margin));
}
