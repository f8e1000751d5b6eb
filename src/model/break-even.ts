import type { Compound } from '../core/compound.js';
import { ceilToString, fenOf, type Fen } from '../core/money.js';
import type { Coefficients } from './coefficients.js';
import { collectionRateOf } from './evaluate-unit.js';
import { netRevenue } from './outcome.js';

/**
 * The fee rate (yuan/m²/month, VAT included) that, charged to every member, makes their net
 * revenue add up to `targetNet` (fen). The one inverse of revenue: break-even fees, bid fees and
 * the fee that covers a member's share all come from here.
 *
 * Cost does not depend on the fee, and net revenue is linear in it:
 *   net(fee) = Σ fee·Aᵢ·12·cᵢ·(1−τ) + Σ (otherᵢ·(1−τ) + subsidyᵢ·(1 − s·τ))
 * with A the area, c the collection rate, τ the share of VAT and surcharges in VAT-inclusive
 * income, s = 1 when subsidies are taxable. So the fee is solved directly, not searched for.
 * Other income and subsidy are taken as revenue counts them, rounded to the fen: with the raw
 * figure (81717.8949) the fee fell short by the fraction of a fen revenue drops, and charging the
 * printed (rounded-up) fee lost 1 fen.
 * Null when no fee can do it (nothing is collected); 0 when other income already covers it.
 * The exact solution: a fee shown to people is rounded up (`ceilToString`), so charging it reaches
 * the target.
 */
export function feeForNet(members: readonly Compound[], k: Coefficients, targetNet: Fen): number | null {
  let perFee = 0;
  let fixed = 0;
  for (const c of members) {
    perFee += c.area_m2 * 12 * collectionRateOf(c, k).rate * (1 - k.taxShare);
    fixed += (fenOf(c.other_income) / 100) * (1 - k.taxShare) + (fenOf(c.subsidy) / 100) * (1 - (k.subsidyTaxable ? k.taxShare : 0));
  }
  const needed = targetNet / 100 - fixed;
  if (needed <= 0) return 0;
  if (!(perFee > 0)) return null;
  // The linear solution ignores revenue's roundings (each member's fees and taxes to the fen), which
  // can leave charging it a fraction of a fen short on a small compound. Charge the fee as shown
  // (rounded up at 6 decimals; coarser roundings up only add) and step up by what is missing.
  let fee = needed / perFee;
  // Net revenue is whole fen: reaching a fractional target (cost ÷ (1 − margin)) means its ceiling.
  const target = Math.ceil(targetNet - 1e-6);
  for (let step = 0; step < 4; step++) {
    const shown = Number(ceilToString(fee, 6));
    let net = 0;
    for (const c of members) net += netRevenue(c.area_m2, shown, collectionRateOf(c, k).rate, fenOf(c.other_income), fenOf(c.subsidy), k);
    if (net >= target) return fee;
    fee = shown + (target - net + members.length) / 100 / perFee;
  }
  return fee;
}

/** The net revenue (fen) that yields `margin` = profit ÷ net revenue on `cost`: cost ÷ (1 − margin). */
export function netForMargin(cost: Fen, margin: number): Fen {
  return cost / (1 - margin);
}

/** Fee at which a compound alone (or carrying `cost`) breaks even. */
export function breakEvenFee(c: Compound, k: Coefficients, cost: Fen): number | null {
  return feeForNet([c], k, cost);
}

/** Fee at which a compound's net revenue reaches `targetNet` (a member's share of a unit's cost). */
export function feeForNetRevenue(c: Compound, k: Coefficients, targetNet: Fen): number | null {
  return feeForNet([c], k, targetNet);
}

/** Fee that yields `margin` = profit ÷ net revenue. */
export function feeForMargin(c: Compound, k: Coefficients, cost: Fen, margin: number): number | null {
  if (!(margin < 1)) return null;
  return feeForNet([c], k, netForMargin(cost, margin));
}
