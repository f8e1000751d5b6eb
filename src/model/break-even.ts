import type { Compound } from '../core/compound.js';
import { ceilToNumber, fenOf, type Fen } from '../core/money.js';
import type { Coefficients } from './coefficients.js';
import { collectionRateOf, ownersTaxes } from './evaluate-unit.js';
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
    const shown = ceilToNumber(fee, 6);
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

/**
 * Fee at which a compound alone (carrying `cost`, its cost at its current fee) earns `margin` =
 * profit ÷ net revenue; margin 0 is break-even.
 *
 * Two things make the target depend on more than the cost. Overhead allocated by fees receivable
 * (overhead.by_fees_receivable) grows with the fee: cost(f) = cost₀ + r·f·A·12, still linear, so
 * the fee is still solved directly. And common-parts income is the owners': it funds the part of
 * the cost fees do not cover, so it lowers the break-even fee, but a margin above 0 must come from
 * fees alone (net revenue must reach cost ÷ (1 − margin) plus the owners' income, all of which then
 * stays theirs).
 */
function feeForMarginOf(c: Compound, k: Coefficients, cost: Fen, margin: number): number | null {
  if (!(margin < 1)) return null;
  const a12 = c.area_m2 * 12;
  const r = k.overhead.byFeesReceivable ? k.overhead.rateOfFeesReceivable : 0;
  const cost0 = cost / 100 - r * c.fee_rate * a12;
  const d = 1 / (1 - margin);
  if (r === 0) {
    const owners = margin > 0 ? ownersNetOf(c, k) : 0;
    return feeForNet([c], k, netForMargin(cost, margin) + owners);
  }
  const { rate } = collectionRateOf(c, k);
  const perFee = a12 * rate * (1 - k.taxShare);
  const other = fenOf(c.other_income) / 100;
  const subsidy = fenOf(c.subsidy) / 100;
  const fixed = other * (1 - k.taxShare) + subsidy * (1 - (k.subsidyTaxable ? k.taxShare : 0));
  const owners = margin > 0 ? ownersNetOf(c, k) / 100 : 0;
  const needed = cost0 * d + owners - fixed;
  if (needed <= 0) return 0;
  const per = perFee - r * a12 * d;
  if (!(per > 0)) return null;
  return needed / per;
}

/** The compound's common-parts income net of its taxes, fen (as memberRevenue takes it). */
function ownersNetOf(c: Compound, k: Coefficients): Fen {
  const o = fenOf(c.other_income);
  return o - ownersTaxes(o, k);
}

/** Fee at which a compound alone (or carrying `cost`) breaks even. */
export function breakEvenFee(c: Compound, k: Coefficients, cost: Fen): number | null {
  return feeForMarginOf(c, k, cost, 0);
}

/** Fee at which a compound's net revenue reaches `targetNet` (a member's share of a unit's cost). */
export function feeForNetRevenue(c: Compound, k: Coefficients, targetNet: Fen): number | null {
  return feeForNet([c], k, targetNet);
}

/** Fee that yields `margin` = profit ÷ net revenue. */
export function feeForMargin(c: Compound, k: Coefficients, cost: Fen, margin: number): number | null {
  return feeForMarginOf(c, k, cost, margin);
}
