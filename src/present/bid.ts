import { z } from 'zod';
import { COST_CATEGORIES, ROLES } from '../core/categories.js';
import { roundToString, type Fen } from '../core/money.js';
import type { Block, Cell, View } from '../core/table.js';
import { QUOTE_ITEMS, type BidResult, type PricedUnit } from '../analyses/bid.js';
import { formatDecimal, formatFeeToCharge, formatMoney, formatPercent } from './format.js';
import { FeeSchema, MoneySchema, ParametersStampSchema, cell, feeJson, money, profitTone, ratioJson } from './common.js';
import type { Lang } from '../core/lang.js';
import { lineLabel, list, t } from './labels/index.js';
import { chargeCell, countCell, decimalCell, feeCell, yuanCell } from './common.js';

/** `bid`: the cost sheet in the official categories and the fee to quote, bundled and separately. */

const perM2 = (x: number) => Number(roundToString(x, 4));
const PerM2Schema = z.number().describe('yuan per m² of floor area per month');
const PerHouseholdSchema = z.number().describe('yuan per household per month, 4 decimals');
/** Yuan a year per household per month, 4 decimals. */
const perHousehold = (amount: Fen, households: number) => (households > 0 ? Number(roundToString(amount / 100 / (households * 12), 4)) : 0);

export const StaffPostSchema = z.strictObject({
  role: z.enum(ROLES),
  label: z.string(),
  labelZh: z.string().describe('岗位'),
  need: z.number().describe('FTE the members need by the norms, before rounding'),
  travel: z.number().describe('FTE spent walking between the sites'),
  fte: z.number().describe('人数: FTE hired, rounded up to the hiring step'),
  wageMonthly: z.number().describe('月薪: monthly wage, at least the minimum wage'),
  oncostsMonthly: z.number().describe('社保/公积金: employer social insurance and housing fund a month'),
  loadedMonthly: z.number().describe('monthly wage plus on-costs'),
  amount: MoneySchema.describe('年成本: FTE × loaded monthly wage × 12'),
});

export const BidCostLineSchema = z.strictObject({
  key: z.string(),
  category: z.enum(COST_CATEGORIES),
  label: z.string(),
  labelZh: z.string(),
  compoundId: z.string().optional(),
  amount: MoneySchema,
});

export const CostSheetLineSchema = z.strictObject({
  category: z.enum(COST_CATEGORIES),
  label: z.string().describe('English label'),
  labelZh: z.string().describe('Chinese label, as on an official cost sheet'),
  amount: MoneySchema,
  perM2Month: PerM2Schema,
  perHouseholdMonth: PerHouseholdSchema,
});

export const QuoteLineSchema = z.strictObject({
  item: z.enum(QUOTE_ITEMS),
  label: z.string(),
  labelZh: z.string(),
  amount: MoneySchema.describe('yuan a year; other income and subsidy negative'),
  perM2Month: PerM2Schema,
  perHouseholdMonth: PerHouseholdSchema,
});

export const BidBundleSchema = z.strictObject({
  members: z.array(z.string()),
  area: z.number().describe('m² of floor area'),
  households: z.number().int(),
  fee: FeeSchema.describe('the fee to quote, one for every member, rounded up to 6 decimals; null if nothing is collected'),
  revenue: MoneySchema.describe('net revenue at the quoted fee'),
  cost: MoneySchema,
  profit: MoneySchema,
  margin: z.number().nullable().describe('profit ÷ net revenue at the quoted fee'),
  expenditure: MoneySchema.describe('categories 1–9: what 酬金制 owners pay for'),
  overhead: MoneySchema.describe('category 10: head-office overhead'),
  commission: MoneySchema.nullable().describe('commission pricing: net revenue − expenditure'),
  commissionRate: z.number().nullable().describe('commission ÷ expenditure'),
  staff: z.array(StaffPostSchema).describe('the posts of category 1, 人员费用'),
  lines: z.array(BidCostLineSchema).describe('every line of the cost sheet, adding up to the categories'),
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
  const hh = u.households;
  return {
    members: u.memberIds,
    area: u.area,
    households: hh,
    fee: feeJson(u.fee),
    revenue: money(u.revenue),
    cost: money(u.cost),
    profit: money(u.profit),
    margin: ratioJson(u.margin),
    expenditure: money(u.expenditure),
    overhead: money(u.overhead),
    commission: u.commission === null ? null : money(u.commission),
    commissionRate: ratioJson(u.commissionRate),
    staff: u.evaluation.staff.map((s) => ({
      role: s.role,
      label: t('en', `role.${s.role}`),
      labelZh: t('zh', `role.${s.role}`),
      need: Number(roundToString(s.need, 6)),
      travel: Number(roundToString(s.travel, 6)),
      fte: s.fte,
      wageMonthly: s.wageMonthly,
      oncostsMonthly: Number(roundToString(s.loadedMonthly - s.wageMonthly, 6)),
      loadedMonthly: Number(roundToString(s.loadedMonthly, 6)),
      amount: money(s.amount),
    })),
    lines: u.evaluation.lines.map((l) => ({
      key: l.key,
      category: l.category,
      label: lineLabel('en', l.key),
      labelZh: lineLabel('zh', l.key),
      ...(l.compoundId !== undefined ? { compoundId: l.compoundId } : {}),
      amount: money(l.amount),
    })),
    costSheet: u.costSheet.map((l) => ({
      category: l.category,
      label: t('en', `category.${l.category}`),
      labelZh: t('zh', `category.${l.category}`),
      amount: money(l.amount),
      perM2Month: perM2(l.perM2Month),
      perHouseholdMonth: perHousehold(l.amount, hh),
    })),
    quote: u.quote.map((l) => ({
      item: l.item,
      label: t('en', `quote.${l.item}`),
      labelZh: t('zh', `quote.${l.item}`),
      amount: money(l.amount),
      perM2Month: perM2(l.perM2Month),
      perHouseholdMonth: perHousehold(l.amount, hh),
    })),
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
const fee4 = (x: number | null) => (x === null ? '—' : formatFeeToCharge(x, 4));
const pct = (x: number | null) => (x === null ? '—' : formatPercent(x, 1));

export function bidView(r: BidResult, stamp: { asOf: string; digest: string }, lang: Lang): View {
  const u = r.bundle;
  const perHouseholdMonth = (amount: Fen) => (u.households > 0 ? amount / 100 / (u.households * 12) : 0);
  const commission = r.pricing === 'commission';
  const pricing = commission ? t(lang, 'bid.commission') : t(lang, 'bid.lumpSum');
  const target =
    r.target.kind === 'margin'
      ? t(lang, 'bid.marginOfNetRevenue', { margin: pct(r.target.margin) })
      : t(lang, 'bid.commissionOfExpenditure', { rate: pct(r.target.rate) });
  // The official item names are Chinese: in English the sheet shows them beside the English ones.
  const bilingual = lang === 'en';
  const sheetRows: Cell[][] = u.costSheet.map((l, i) => {
    // Under 酬金制 the head-office overhead is paid from the commission, not by the owners.
    const fromCommission = commission && l.category === 'overhead';
    const tone = fromCommission ? 'muted' : undefined;
    const item = (in_: Lang) => t(in_, `category.${l.category}`) + (fromCommission ? t(in_, 'bid.paidFromCommission') : '');
    return [
      countCell(i + 1, tone),
      cell(item('zh'), tone),
      ...(bilingual ? [cell(item('en'), tone)] : []),
      yuanCell(l.amount, tone),
      feeCell(l.perM2Month, 4, tone),
      decimalCell(perHouseholdMonth(l.amount), 4, tone),
    ];
  });
  const quoteRows: Cell[][] = u.quote.map((l) => {
    const strong = l.item === 'billed' || l.item === 'cost' || l.item === 'expenditure';
    const rate = l.item === 'commission' && u.commissionRate !== null ? ` (${pct(u.commissionRate)})` : '';
    return [
      cell(''),
      cell(t('zh', `quote.${l.item}`) + (bilingual ? '' : rate), strong ? 'strong' : undefined),
      ...(bilingual ? [cell(t('en', `quote.${l.item}`) + rate, strong ? 'strong' : undefined)] : []),
      yuanCell(l.amount, l.item === 'profit' ? profitTone(l.amount) : strong ? 'strong' : undefined),
      feeCell(l.perM2Month, 4, strong ? 'strong' : undefined),
      decimalCell(perHouseholdMonth(l.amount), 4, strong ? 'strong' : undefined),
    ];
  });
  const blocks: Block[] = [
    {
      kind: 'table',
      table: {
        name: 'cost-sheet',
        title: t(lang, 'bid.costSheetTitle', { members: list(lang, u.memberIds), area: formatDecimal(u.area, 0) }),
        columns: [
          { key: 'no', label: '#', align: 'right' },
          { key: 'zh', label: t('zh', 'bid.item'), align: 'left' },
          ...(bilingual ? [{ key: 'en', label: t('en', 'bid.item'), align: 'left' as const }] : []),
          { key: 'year', label: t(lang, 'bid.yuanAYear'), align: 'right' },
          { key: 'm2', label: t(lang, 'unit.yuanPerM2Month'), align: 'right' },
          { key: 'household', label: t(lang, 'unit.yuanPerHouseholdMonth'), align: 'right' },
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
          cell(u.fee === null ? t(lang, 'bid.noneNothingIsCollected') : `${fee4(u.fee)} ${t(lang, 'unit.yuanPerM2Month')}`, 'strong'),
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
        name: 'separate',
        title: t(lang, 'bid.bundledOrEachAloneYuan'),
        columns: [
          { key: 'id', label: t(lang, 'bid.pricedAs'), align: 'left' },
          { key: 'fee', label: t(lang, 'bid.fee'), align: 'right' },
          { key: 'revenue', label: t(lang, 'common.netRevenue'), align: 'right' },
          { key: 'cost', label: t(lang, 'common.cost'), align: 'right' },
          { key: 'profit', label: t(lang, 'common.profit'), align: 'right' },
        ],
        rows: r.separate.map((s) => [cell(t(lang, 'bid.alone', { id: s.memberIds[0]! })), chargeCell(s.fee, 4), yuanCell(s.revenue), yuanCell(s.cost), yuanCell(s.profit, profitTone(s.profit))]),
        footer: [
          [cell(t(lang, 'bid.eachAloneTogether')), chargeCell(r.separateTotal.fee, 4), yuanCell(r.separateTotal.revenue), yuanCell(r.separateTotal.cost), cell('')],
          [cell(t(lang, 'bid.asOneUnit'), 'strong'), chargeCell(u.fee, 4, 'strong'), yuanCell(u.revenue), yuanCell(u.cost, 'strong'), yuanCell(u.profit, profitTone(u.profit))],
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
