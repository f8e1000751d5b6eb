import { z } from 'zod';
import { CATEGORY_LABELS, COST_CATEGORIES } from '../core/categories.js';
import { roundToString } from '../core/money.js';
import type { Block, Cell, View } from '../core/table.js';
import { QUOTE_ITEMS, type BidResult, type PricedUnit, type QuoteItem } from '../analyses/bid.js';
import { formatDecimal, formatFeeToCharge, formatMoney, formatPercent } from './format.js';
import { FeeSchema, L, MoneySchema, ParametersStampSchema, cell, feeJson, money, profitTone, ratioJson } from './common.js';
import type { Lang } from '../core/lang.js';

/** `bid`: the cost sheet in the official categories and the fee to quote, bundled and separately. */

/** Labels of the lines under the cost sheet, in both languages. */
export const QUOTE_LABELS: Record<QuoteItem, { en: string; zh: string }> = {
  cost: { en: 'Cost of service (1–10)', zh: '物业服务成本（1–10项）' },
  expenditure: { en: 'Service expenditure (1–9)', zh: '物业服务支出（1–9项）' },
  commission: { en: 'Commission', zh: '酬金' },
  taxes: { en: 'Taxes (VAT and surcharges)', zh: '税金（增值税及附加）' },
  profit: { en: 'Profit', zh: '利润' },
  other_income: { en: 'Less: other income', zh: '减：其他收入' },
  owners_surplus: { en: "Common-parts income left to the owners", zh: '公共收益结余（归业主）' },
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
const fee4 = (x: number | null) => (x === null ? '—' : formatFeeToCharge(x, 4));
const pct = (x: number | null) => (x === null ? '—' : formatPercent(x, 1));

export function bidView(r: BidResult, stamp: { asOf: string; digest: string }, lang: Lang): View {
  const u = r.bundle;
  const commission = r.pricing === 'commission';
  const pricing = commission ? L(lang, 'commission (酬金制)', '酬金制') : L(lang, 'lump-sum (包干制)', '包干制');
  const target =
    r.target.kind === 'margin'
      ? L(lang, `margin ${pct(r.target.margin)} of net revenue`, `利润率 ${pct(r.target.margin)}（占净收入）`)
      : L(lang, `commission ${pct(r.target.rate)} of expenditure`, `酬金 ${pct(r.target.rate)}（占支出）`);
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
        title: L(lang, `Cost sheet of ${u.memberIds.join(', ')} as one unit (${formatDecimal(u.area, 0)} m²)`, `${u.memberIds.join('、')} 合并管理成本测算表（${formatDecimal(u.area, 0)} ㎡）`),
        columns: [
          { key: 'no', label: '#', align: 'right' },
          { key: 'zh', label: '项目', align: 'left' },
          { key: 'en', label: 'item', align: 'left' },
          { key: 'year', label: L(lang, 'yuan a year', '元/年'), align: 'right' },
          { key: 'm2', label: L(lang, 'yuan/m²/month', '元/㎡·月'), align: 'right' },
        ],
        rows: sheetRows,
        footer: quoteRows,
      },
    },
    {
      kind: 'text',
      lines: [
        [
          cell(L(lang, `Fee to quote, ${pricing}, ${target}: `, `报价（${pricing}，${target}）：`)),
          cell(u.fee === null ? L(lang, 'none (nothing is collected)', '无（无收缴）') : `${fee4(u.fee)} ${L(lang, 'yuan/m²/month', '元/㎡·月')}`, 'strong'),
          cell(u.fee === null ? '' : L(lang, ` for every member (margin at this fee: ${pct(u.margin)}).`, `，各成员统一（该价下利润率 ${pct(u.margin)}）。`)),
        ],
        ...(commission && u.commission !== null
          ? [
              [
                cell(
                  L(
                    lang,
                    `The commission ${formatMoney(u.commission)} pays the head-office overhead ${formatMoney(u.overhead)}; the firm keeps ${formatMoney(u.profit)}.`,
                    `酬金 ${formatMoney(u.commission)} 中含企业管理费 ${formatMoney(u.overhead)}，企业利润 ${formatMoney(u.profit)}。`,
                  ),
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
        title: L(lang, 'Bundled or each alone (yuan a year)', '合并与单独报价比较（元/年）'),
        columns: [
          { key: 'id', label: L(lang, 'priced as', '报价对象'), align: 'left' },
          { key: 'fee', label: L(lang, 'fee', '单价'), align: 'right' },
          { key: 'revenue', label: L(lang, 'net revenue', '净收入'), align: 'right' },
          { key: 'cost', label: L(lang, 'cost', '成本'), align: 'right' },
          { key: 'profit', label: L(lang, 'profit', '利润'), align: 'right' },
        ],
        rows: r.separate.map((s) => [cell(L(lang, `${s.memberIds[0]} alone`, `${s.memberIds[0]} 单独`)), cell(fee4(s.fee)), cell(formatMoney(s.revenue)), cell(formatMoney(s.cost)), cell(formatMoney(s.profit), profitTone(s.profit))]),
        footer: [
          [cell(L(lang, 'each alone, together', '单独报价合计')), cell(fee4(r.separateTotal.fee)), cell(formatMoney(r.separateTotal.revenue)), cell(formatMoney(r.separateTotal.cost)), cell('')],
          [cell(L(lang, 'as one unit', '合并报价'), 'strong'), cell(fee4(u.fee), 'strong'), cell(formatMoney(u.revenue)), cell(formatMoney(u.cost), 'strong'), cell(formatMoney(u.profit), profitTone(u.profit))],
        ],
      },
    },
    {
      kind: 'text',
      lines: [
        [
          cell(
            L(
              lang,
              `Bundling saves ${formatMoney(r.saving.cost)} yuan a year (${formatDecimal(r.saving.perM2Month, 4)} yuan/m²/month).`,
              `合并管理每年节省 ${formatMoney(r.saving.cost)} 元（${formatDecimal(r.saving.perM2Month, 4)} 元/㎡·月）。`,
            ),
            r.saving.cost > 0 ? 'good' : undefined,
          ),
        ],
        [
          cell(
            L(
              lang,
              `The "together" fee is the one fee that would bring in what the compounds priced alone need. Parameters in force on ${stamp.asOf} (digest ${stamp.digest}).`,
              `“单独报价合计”单价为使各成员收入达到单独报价所需总额的统一单价。参数按 ${stamp.asOf} 生效值（摘要 ${stamp.digest}）。`,
            ),
            'muted',
          ),
        ],
      ],
    },
  ];
  return { blocks };
}
