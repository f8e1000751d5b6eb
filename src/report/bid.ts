import { z } from 'zod';
import { CATEGORY_LABELS, COST_CATEGORIES } from '../core/categories.js';
import { roundToString } from '../core/money.js';
import type { Block, Cell, View } from '../core/table.js';
import { QUOTE_ITEMS, type BidResult, type PricedUnit, type QuoteItem } from '../whatif/bid.js';
import { formatDecimal, formatMoney, formatPercent } from '../render/format.js';
import { list, t, type Lang } from '../present/labels/index.js';
import { FeeSchema, MoneySchema, ParametersStampSchema, cell, feeJson, money, profitTone, ratioJson } from './common.js';

/** `bid`: the cost sheet in the official categories and the fee to quote, bundled and separately. */

/** Labels of the lines under the cost sheet, in both languages. */
export const QUOTE_LABELS: Record<QuoteItem, { en: string; zh: string }> = {
  cost: { en: 'Cost of service (1–10)', zh: '物业服务成本（1–10项）' },
  expenditure: { en: 'Service expenditure (1–9)', zh: '物业服务支出（1–9项）' },
  commission: { en: 'Commission', zh: '酬金' },
  taxes: { en: 'Taxes (VAT and surcharges)', zh: '税金（增值税及附加）' },
  profit: { en: 'Profit', zh: '利润' },
  other_income: { en: 'Less: other income', zh: '减：其他收入' },
  subsidy: { en: 'Less: subsidy', zh: '减：补贴' },
  uncollected: { en: 'Fees not collected', zh: '未收缴物业费' },
  billed: { en: 'Fees billed at the quoted fee', zh: '按报价应收物业费' },
};

const perM2 = (x: number) => Number(roundToString(x, 4));
const PerM2Schema = z.number().describe('yuan per m² of floor area per month');

export const CostSheetLineSchema = z.strictObject({
  category: z.enum(COST_CATEGORIES),
  label: z.string().describe('English label'),
  labelZh: z.string().describe('Chinese label, as on an official cost sheet'),
  amount: MoneySchema,
  perM2Month: PerM2Schema,
});

export const QuoteLineSchema = z.strictObject({
  item: z.enum(QUOTE_ITEMS),
  label: z.string(),
  labelZh: z.string(),
  amount: MoneySchema.describe('yuan a year; other income and subsidy negative'),
  perM2Month: PerM2Schema,
});

export const BidBundleSchema = z.strictObject({
  members: z.array(z.string()),
  area: z.number().describe('m² of floor area'),
  fee: FeeSchema.describe('the fee to quote, one for every member, rounded up to 6 decimals; null if nothing is collected'),
  revenue: MoneySchema.describe('net revenue at the quoted fee'),
  cost: MoneySchema,
  profit: MoneySchema,
  margin: z.number().nullable().describe('profit ÷ net revenue at the quoted fee'),
  expenditure: MoneySchema.describe('categories 1–9: what 酬金制 owners pay for'),
  overhead: MoneySchema.describe('category 10: head-office overhead'),
  commission: MoneySchema.nullable().describe('commission pricing: net revenue − expenditure'),
  commissionRate: z.number().nullable().describe('commission ÷ expenditure'),
  costSheet: z.array(CostSheetLineSchema),
  quote: z.array(QuoteLineSchema).describe('from the cost to the fees billed, adding up to the fen'),
});

export const BidSeparateSchema = z.strictObject({
  id: z.string(),
  fee: FeeSchema,
  revenue: MoneySchema,
  cost: MoneySchema,
  profit: MoneySchema,
  margin: z.number().nullable(),
});

export const BidJsonSchema = z.strictObject({
  parameters: ParametersStampSchema,
  pricing: z.enum(['lump-sum', 'commission']).describe('lump-sum: 包干制; commission: 酬金制'),
  margin: z.number().nullable().describe('the margin asked for (profit ÷ net revenue); null when a commission rate was asked for'),
  commissionRate: z.number().nullable().describe('the commission rate asked for; null when a margin was'),
  bundle: BidBundleSchema,
  separate: z.array(BidSeparateSchema),
  separateTotal: z.strictObject({ cost: MoneySchema, revenue: MoneySchema, fee: FeeSchema.describe('uniform fee that would give the same net revenue as each priced alone') }),
  saving: z.strictObject({ cost: MoneySchema.describe('Σ separate costs − bundle cost, a year'), perM2Month: PerM2Schema }),
});

function bundleJson(u: PricedUnit): z.infer<typeof BidBundleSchema> {
  return {
    members: u.memberIds,
    area: u.area,
    fee: feeJson(u.fee),
    revenue: money(u.revenue),
    cost: money(u.cost),
    profit: money(u.profit),
    margin: ratioJson(u.margin),
    expenditure: money(u.expenditure),
    overhead: money(u.overhead),
    commission: u.commission === null ? null : money(u.commission),
    commissionRate: ratioJson(u.commissionRate),
    costSheet: u.costSheet.map((l) => ({
      category: l.category,
      label: CATEGORY_LABELS[l.category].en,
      labelZh: CATEGORY_LABELS[l.category].zh,
      amount: money(l.amount),
      perM2Month: perM2(l.perM2Month),
    })),
    quote: u.quote.map((l) => ({ item: l.item, label: QUOTE_LABELS[l.item].en, labelZh: QUOTE_LABELS[l.item].zh, amount: money(l.amount), perM2Month: perM2(l.perM2Month) })),
  };
}

export function bidJson(r: BidResult, stamp: z.infer<typeof ParametersStampSchema>): z.infer<typeof BidJsonSchema> {
  return {
    parameters: stamp,
    pricing: r.pricing,
    margin: r.target.kind === 'margin' ? r.target.margin : null,
    commissionRate: r.target.kind === 'commission' ? r.target.rate : null,
    bundle: bundleJson(r.bundle),
    separate: r.separate.map((u) => ({ id: u.memberIds[0]!, fee: feeJson(u.fee), revenue: money(u.revenue), cost: money(u.cost), profit: money(u.profit), margin: ratioJson(u.margin) })),
    separateTotal: { cost: money(r.separateTotal.cost), revenue: money(r.separateTotal.revenue), fee: feeJson(r.separateTotal.fee) },
    saving: { cost: money(r.saving.cost), perM2Month: perM2(r.saving.perM2Month) },
  };
}

/** A quoted fee in a view: 4 decimals, so the margin it gives is the one asked for. */
const fee4 = (x: number | null) => (x === null ? '—' : formatDecimal(x, 4));
const pct = (x: number | null) => (x === null ? '—' : formatPercent(x, 1));

export function bidView(r: BidResult, stamp: { asOf: string; digest: string }, lang: Lang): View {
  const u = r.bundle;
  const commission = r.pricing === 'commission';
  const pricing = commission ? t(lang, 'bid.commission') : t(lang, 'bid.lumpSum');
  const target =
    r.target.kind === 'margin'
      ? t(lang, 'bid.marginOfNetRevenue', { margin: pct(r.target.margin) })
      : t(lang, 'bid.commissionOfExpenditure', { rate: pct(r.target.rate) });
  const sheetRows: Cell[][] = u.costSheet.map((l, i) => {
    // Under 酬金制 the head-office overhead is paid from the commission, not by the owners.
    const fromCommission = commission && l.category === 'overhead';
    const tone = fromCommission ? 'muted' : undefined;
    return [
      cell(String(i + 1), tone),
      cell(CATEGORY_LABELS[l.category].zh + (fromCommission ? '（由酬金支付）' : ''), tone),
      cell(CATEGORY_LABELS[l.category].en + (fromCommission ? ' (paid from the commission)' : ''), tone),
      cell(formatMoney(l.amount), tone),
      cell(formatDecimal(l.perM2Month, 4), tone),
    ];
  });
  const quoteRows: Cell[][] = u.quote.map((l) => {
    const strong = l.item === 'billed' || l.item === 'cost' || l.item === 'expenditure';
    return [
      cell(''),
      cell(QUOTE_LABELS[l.item].zh, strong ? 'strong' : undefined),
      cell(QUOTE_LABELS[l.item].en + (l.item === 'commission' && u.commissionRate !== null ? ` (${pct(u.commissionRate)})` : ''), strong ? 'strong' : undefined),
      cell(formatMoney(l.amount), l.item === 'profit' ? profitTone(l.amount) : strong ? 'strong' : undefined),
      cell(formatDecimal(l.perM2Month, 4), strong ? 'strong' : undefined),
    ];
  });
  const blocks: Block[] = [
    {
      kind: 'table',
      table: {
        title: t(lang, 'bid.costSheetTitle', { members: list(lang, u.memberIds), area: formatDecimal(u.area, 0) }),
        columns: [
          { key: 'no', label: '#', align: 'right' },
          { key: 'zh', label: '项目', align: 'left' },
          { key: 'en', label: 'item', align: 'left' },
          { key: 'year', label: t(lang, 'bid.yuanAYear'), align: 'right' },
          { key: 'm2', label: t(lang, 'common.yuanMMonth'), align: 'right' },
        ],
        rows: sheetRows,
        footer: quoteRows,
      },
    },
    {
      kind: 'text',
      lines: [
        [
          cell(t(lang, 'bid.feeToQuote', { pricing, target })),
          cell(u.fee === null ? t(lang, 'bid.noneNothingIsCollected') : `${fee4(u.fee)} ${t(lang, 'common.yuanMMonth')}`, 'strong'),
          cell(u.fee === null ? '' : t(lang, 'bid.forEveryMemberMarginAt', { margin: pct(u.margin) })),
        ],
        ...(commission && u.commission !== null
          ? [
              [
                cell(
                  t(lang, 'bid.theCommissionPaysTheHead', { commission: formatMoney(u.commission), overhead: formatMoney(u.overhead), profit: formatMoney(u.profit) }),
                  'muted',
                ),
              ],
            ]
          : []),
      ],
    },
    {
      kind: 'table',
      table: {
        title: t(lang, 'bid.bundledOrEachAloneYuan'),
        columns: [
          { key: 'id', label: t(lang, 'bid.pricedAs'), align: 'left' },
          { key: 'fee', label: t(lang, 'bid.fee'), align: 'right' },
          { key: 'revenue', label: t(lang, 'common.netRevenue'), align: 'right' },
          { key: 'cost', label: t(lang, 'common.cost'), align: 'right' },
          { key: 'profit', label: t(lang, 'common.profit'), align: 'right' },
        ],
        rows: r.separate.map((s) => [cell(t(lang, 'bid.alone', { id: s.memberIds[0]! })), cell(fee4(s.fee)), cell(formatMoney(s.revenue)), cell(formatMoney(s.cost)), cell(formatMoney(s.profit), profitTone(s.profit))]),
        footer: [
          [cell(t(lang, 'bid.eachAloneTogether')), cell(fee4(r.separateTotal.fee)), cell(formatMoney(r.separateTotal.revenue)), cell(formatMoney(r.separateTotal.cost)), cell('')],
          [cell(t(lang, 'bid.asOneUnit'), 'strong'), cell(fee4(u.fee), 'strong'), cell(formatMoney(u.revenue)), cell(formatMoney(u.cost), 'strong'), cell(formatMoney(u.profit), profitTone(u.profit))],
        ],
      },
    },
    {
      kind: 'text',
      lines: [
        [
          cell(
            t(lang, 'bid.bundlingSavesYuanAYear', { cost: formatMoney(r.saving.cost), perM2Month: formatDecimal(r.saving.perM2Month, 4) }),
            r.saving.cost > 0 ? 'good' : undefined,
          ),
        ],
        [
          cell(
            t(lang, 'bid.theTogetherFeeIsThe', { asOf: stamp.asOf, digest: stamp.digest }),
            'muted',
          ),
        ],
      ],
    },
  ];
  return { blocks };
}
