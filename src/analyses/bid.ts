import type { Compound } from '../core/compound.js';
import { COST_CATEGORIES, type CostCategory } from '../core/categories.js';
import { inputError } from '../core/errors.js';
import { ceilToString, fenOf, type Fen } from '../core/money.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateUnit, type UnitEvaluation } from '../model/evaluate-unit.js';
import { feeForNet, netForMargin } from '../model/break-even.js';

/**
 * Pricing a bid: the fee a firm quotes for a bundle of compounds run as one unit, and for each
 * compound on its own, so the saving of bundling shows.
 *
 * Margin means what it means everywhere else: profit ÷ net revenue (revenue after VAT and
 * surcharges). The two ways of pricing of 物业服务收费管理办法 (2003) Art. 9 differ in what the
 * owners pay for:
 *
 * - 包干制, lump-sum: owners pay a fixed fee; the firm keeps the surplus and bears the loss. The fee
 *   covers the cost (the ten official categories, head-office overhead included), the taxes and
 *   the profit: net revenue N = C ÷ (1 − m) for a margin m.
 *
 * - 酬金制, commission: owners pay the service expenditure E (Art. 11: categories 1–9, what is
 *   spent on the site) plus a commission K = c × E (Art. 12); the surplus or deficit is theirs.
 *   Head-office overhead O is not an expenditure of the owners: the firm pays it out of its
 *   commission, so its profit is K − O and its margin m = (c·E − O) ÷ ((1 + c)·E). Given a margin,
 *   c = (m·E + O) ÷ ((1 − m)·E); given a commission rate, the margin follows. With O = 0 this is
 *   m = c ÷ (1 + c). At the same margin both pricings need the same net revenue C ÷ (1 − m) and so
 *   the same fee: what differs is who bears the risk and how the quote is laid out.
 *
 * The fee is one uniform fee (yuan/m²/month, VAT included) for every member of the bundle, solved
 * directly: net revenue is linear in it (see src/model/break-even.ts), summed over the members,
 * each with its own area and collection rate.
 */
export type Pricing = 'lump-sum' | 'commission';

/** What the bid is priced to: a margin (either pricing) or a commission rate (commission only). */
export type BidTarget = { kind: 'margin'; margin: number } | { kind: 'commission'; rate: number };

/** The lines under the cost sheet that lead from the cost to the billed fees. */
export const QUOTE_ITEMS = ['cost', 'expenditure', 'commission', 'taxes', 'profit', 'owners_surplus', 'other_income', 'subsidy', 'uncollected', 'billed'] as const;
export type QuoteItem = (typeof QUOTE_ITEMS)[number];

/** One official cost category of the sheet: a year's amount and the same per m² per month. */
export interface CostSheetLine {
  category: CostCategory;
  amount: Fen;
  /** yuan per m² of floor area per month. */
  perM2Month: number;
}

export interface QuoteLine {
  item: QuoteItem;
  /** Added to reach the billed fees; other income and subsidy are subtracted (negative). */
  amount: Fen;
  perM2Month: number;
}

/** A unit priced to the target. Money is yuan a year, at the quoted fee. */
export interface PricedUnit {
  memberIds: string[];
  area: number;
  households: number;
  /** The fee to quote, rounded up to 6 decimals so charging it reaches the target; null when no fee can (nothing is collected). */
  fee: number | null;
  revenue: Fen;
  cost: Fen;
  profit: Fen;
  margin: number | null;
  /** Commission pricing: categories 1–9; the overhead the commission must cover; the rate. */
  expenditure: Fen;
  overhead: Fen;
  commissionRate: number | null;
  commission: Fen | null;
  costSheet: CostSheetLine[];
  quote: QuoteLine[];
  evaluation: UnitEvaluation;
}

export interface BidResult {
  pricing: Pricing;
  target: BidTarget;
  bundle: PricedUnit;
  separate: PricedUnit[];
  /** Each compound priced alone, together: their costs, and the uniform fee giving the same net revenue. */
  separateTotal: { cost: Fen; revenue: Fen; fee: number | null };
  /** What bundling saves: Σ separate costs − bundle cost, a year and per m² per month. */
  saving: { cost: Fen; perM2Month: number };
}

/** Prices `members` as one unit and each alone. Pure; throws an InputError on an impossible target. */
export function priceBid(members: readonly Compound[], k: Coefficients, pricing: Pricing, target: BidTarget): BidResult {
  if (members.length === 0) throw inputError('USAGE', 'a bid needs at least one compound');
  if (target.kind === 'margin' && !(target.margin > -1 && target.margin < 1)) {
    throw inputError('USAGE', `--margin: expected a margin above -100% and below 100%, got ${target.margin}`);
  }
  if (target.kind === 'commission') {
    if (pricing !== 'commission') throw inputError('USAGE', '--commission-rate applies to --pricing commission only');
    if (!(target.rate >= 0 && Number.isFinite(target.rate))) throw inputError('USAGE', `--commission-rate: expected a rate ≥ 0, got ${target.rate}`);
  }
  const bundle = priceUnit(members, k, pricing, target);
  const separate = members.map((c) => priceUnit([c], k, pricing, target));
  const sepCost = separate.reduce((s, u) => s + u.cost, 0);
  const sepNet = separate.reduce((s, u) => s + netTarget(u.evaluation, pricing, target), 0);
  const sepFee = feeForNet(members, k, sepNet);
  const saving = sepCost - bundle.cost;
  return {
    pricing,
    target,
    bundle,
    separate,
    separateTotal: { cost: sepCost, revenue: separate.reduce((s, u) => s + u.revenue, 0), fee: sepFee === null ? null : quoted(sepFee) },
    saving: { cost: saving, perM2Month: perM2Month(saving, bundle.area) },
  };
}

/**
 * The net revenue (fen) the target needs from a unit with evaluation `e`, counted as revenue counts
 * it (fees, subsidy and common-parts income, less taxes). The owners' common-parts income funds
 * the service up to its cost, never the firm's margin: a target above the cost must come from fees
 * alone, so the owners' income is added to it (and then stays theirs).
 */
function netTarget(e: UnitEvaluation, pricing: Pricing, target: BidTarget): Fen {
  const t = target.kind === 'margin' ? netForMargin(e.cost, target.margin) : (e.cost - overheadOf(e)) * (1 + target.rate);
  return t > e.cost ? t + e.ownersIncome : t;
}

function overheadOf(e: UnitEvaluation): Fen {
  return e.lines.filter((l) => l.category === 'overhead').reduce((s, l) => s + l.amount, 0);
}

/** A fee as quoted: rounded up to 6 decimals, so that charging it reaches the target. */
function quoted(fee: number): number {
  return Number(ceilToString(fee, 6));
}

function perM2Month(amount: Fen, area: number): number {
  return area > 0 ? amount / 100 / (area * 12) : 0;
}

function priceUnit(members: readonly Compound[], k: Coefficients, pricing: Pricing, target: BidTarget): PricedUnit {
  const atCurrent = evaluateUnit(members, k);
  const solved = feeForNet(members, k, netTarget(atCurrent, pricing, target));
  const fee = solved === null ? null : quoted(solved);
  const priced = fee === null ? members : members.map((c) => ({ ...c, fee_rate: fee }));
  // Costs do not depend on the fee, so this differs from `atCurrent` in revenue only.
  const e = fee === null ? atCurrent : evaluateUnit(priced, k);
  const area = members.reduce((s, c) => s + c.area_m2, 0);
  const overhead = overheadOf(e);
  const expenditure = e.cost - overhead;
  const per = (amount: Fen) => perM2Month(amount, area);

  const byCategory = new Map<CostCategory, Fen>(COST_CATEGORIES.map((c) => [c, 0]));
  for (const l of e.lines) byCategory.set(l.category, byCategory.get(l.category)! + l.amount);
  const costSheet = COST_CATEGORIES.map((category) => ({ category, amount: byCategory.get(category)!, perM2Month: per(byCategory.get(category)!) }));

  let other = 0;
  let subsidy = 0;
  let collected = 0;
  let billed = 0;
  for (const [i, m] of e.members.entries()) {
    other += m.otherIncome;
    subsidy += m.subsidy;
    collected += m.feeIncome;
    billed += fenOf(priced[i]!.fee_rate, priced[i]!.area_m2, 12);
  }
  const line = (item: QuoteItem, amount: Fen): QuoteLine => ({ item, amount, perM2Month: per(amount) });
  const commission = pricing === 'commission' ? e.revenue - expenditure : null;
  // Cost (or expenditure + commission) + taxes + profit + what of the common-parts income stays
  // the owners' − other income − subsidy = fees collected; + uncollected = fees billed, to the fen.
  const quote: QuoteLine[] =
    pricing === 'lump-sum'
      ? [line('cost', e.cost), line('taxes', e.taxes), line('profit', e.profit), line('owners_surplus', e.ownersSurplus)]
      : [line('expenditure', expenditure), line('commission', commission!), line('taxes', e.taxes), line('owners_surplus', e.ownersSurplus)];
  quote.push(line('other_income', -other), line('subsidy', -subsidy), line('uncollected', billed - collected), line('billed', billed));

  return {
    memberIds: e.memberIds,
    area,
    households: members.reduce((s, c) => s + c.households, 0),
    fee,
    revenue: e.revenue,
    cost: e.cost,
    profit: e.profit,
    margin: e.margin,
    expenditure,
    overhead,
    commissionRate: pricing === 'commission' && expenditure > 0 ? commission! / expenditure : null,
    commission,
    costSheet,
    quote,
    evaluation: e,
  };
}
