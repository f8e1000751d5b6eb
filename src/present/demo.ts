import { z } from 'zod';
import type { Cell, View, Block } from '../core/table.js';
import type { DemoInput, DemoResult } from '../analyses/demo.js';
import { formatDecimal, formatFeeToCharge, formatMoney, formatPercent } from './format.js';
import { MoneySchema, ParametersStampSchema, feeJson, cell, money, ratioJson, verdictCell } from './common.js';
import type { Lang } from '../core/lang.js';
import { lineLabel, list, t, wordOf } from './labels/index.js';

export const DemoJsonSchema = z.strictObject({
  parameters: ParametersStampSchema,
  alone: z.array(
    z.strictObject({ fee: z.number(), serviceLevel: z.string(), revenue: MoneySchema, cost: MoneySchema, profit: MoneySchema, viable: z.boolean(), breakEvenFee: z.number().nullable() }),
  ),
  attached: z.strictObject({
    hostAloneProfit: MoneySchema,
    hostBreakEvenFee: z.number().nullable(),
    unitProfit: MoneySchema,
    unitViable: z.boolean(),
    guestIncrementalCost: MoneySchema.describe('avoidable cost of the guest: what the firm would not pay without it'),
    guestSteppedIncrementalCost: MoneySchema.describe('unit cost minus host alone, both rounded to hiring steps: the step risk'),
    guestNetRevenue: MoneySchema,
    gainsAtDefaultCollection: z.boolean(),
    guestNetRevenueAtDefaultCollection: MoneySchema,
    shares: z.array(z.strictObject({ method: z.string(), host: MoneySchema, hostAlone: MoneySchema, guest: MoneySchema, guestAlone: MoneySchema })),
    odds: z
      .array(
        z.strictObject({
          collection: z.number(),
          draws: z.number().int(),
          seed: z.number().int(),
          pGains: z.number().describe('share of the draws in which the host firm gains by serving the guest'),
          gain: MoneySchema.describe("the guest's net revenue − its avoidable cost, at the values in force"),
          decidedBy: z
            .strictObject({ key: z.string(), low: z.number(), high: z.number(), gainLow: MoneySchema, gainHigh: MoneySchema, flips: z.boolean() })
            .nullable()
            .describe('the parameter whose range moves the gain most'),
        }),
      )
      .optional(),
  }),
  cluster: z.strictObject({
    members: z.array(z.string()),
    subsidyAlone: MoneySchema,
    subsidyClustered: MoneySchema,
    viable: z.boolean(),
    margin: z.number().nullable(),
  }),
});

export function demoJson(r: DemoResult, stamp: z.infer<typeof ParametersStampSchema>): z.infer<typeof DemoJsonSchema> {
  const u = r.cluster.units[0]!;
  const { odds: _odds, ...attached } = r.attached;
  return {
    parameters: stamp,
    alone: r.alone.map((a) => ({ ...a, revenue: money(a.revenue), cost: money(a.cost), profit: money(a.profit), breakEvenFee: feeJson(a.breakEvenFee) })),
    attached: {
      ...attached,
      hostAloneProfit: money(r.attached.hostAloneProfit),
      hostBreakEvenFee: feeJson(r.attached.hostBreakEvenFee),
      unitProfit: money(r.attached.unitProfit),
      guestIncrementalCost: money(r.attached.guestIncrementalCost),
      guestSteppedIncrementalCost: money(r.attached.guestSteppedIncrementalCost),
      guestNetRevenue: money(r.attached.guestNetRevenue),
      guestNetRevenueAtDefaultCollection: money(r.attached.guestNetRevenueAtDefaultCollection),
      shares: r.attached.shares.map((s) => ({ method: s.method, host: money(s.host), hostAlone: money(s.hostAlone), guest: money(s.guest), guestAlone: money(s.guestAlone) })),
      ...(r.attached.odds
        ? {
            odds: r.attached.odds.map((o) => ({
              ...o,
              pGains: Math.round(o.pGains * 1e4) / 1e4,
              gain: money(o.gain),
              decidedBy: o.decidedBy ? { ...o.decidedBy, gainLow: money(o.decidedBy.gainLow), gainHigh: money(o.decidedBy.gainHigh) } : null,
            })),
          }
        : {}),
    },
    cluster: {
      members: u.evaluation.memberIds,
      subsidyAlone: money(r.cluster.baseline.subsidyNeeded),
      subsidyClustered: money(r.cluster.totals.subsidyNeeded),
      viable: u.evaluation.viable,
      margin: ratioJson(u.evaluation.margin),
    },
  };
}

export function demoView(r: DemoResult, d: DemoInput, stamp: { asOf: string; digest: string }, lang: Lang): View {
  const m = (f: number) => formatMoney(f);
  const txt = (s: string, tone?: Cell['tone']): Cell[] => [cell(s, tone)];
  const blocks: Block[] = [];
  const g = d.guest;
  blocks.push({
    kind: 'text',
    lines: [
      txt(t(lang, 'demo.step1', { name: g.name, area_m2: g.area_m2, households: g.households, built_year: g.built_year ?? '?' }), 'strong'),
    ],
  });
  blocks.push({
    kind: 'table',
    table: {
      name: 'alone',
      columns: [
        { key: 'fee', label: t(lang, 'common.fee'), align: 'right' },
        { key: 'level', label: t(lang, 'demo.service'), align: 'left' },
        { key: 'revenue', label: t(lang, 'common.netRevenue'), align: 'right' },
        { key: 'cost', label: t(lang, 'common.cost'), align: 'right' },
        { key: 'profit', label: t(lang, 'common.profit'), align: 'right' },
        { key: 'verdict', label: t(lang, 'common.verdict'), align: 'left' },
        { key: 'be', label: t(lang, 'common.breakEvenFee'), align: 'right' },
      ],
      rows: r.alone.map((a) => [
        cell(formatDecimal(a.fee, 2)),
        cell(wordOf(lang, 'service', a.serviceLevel)),
        cell(m(a.revenue)),
        cell(m(a.cost)),
        cell(m(a.profit), a.profit < 0 ? 'bad' : undefined),
        verdictCell(a.viable, lang),
        cell(a.breakEvenFee === null ? '—' : formatFeeToCharge(a.breakEvenFee, 2)),
      ]),
    },
  });
  blocks.push({
    kind: 'text',
    lines: [
      txt(
        t(lang, 'demo.biggestCosts', { lines: list(lang, r.aloneTopLines.map((l) => `${lang === 'en' ? lineLabel(lang, l.key).toLowerCase() : lineLabel(lang, l.key)} ${m(l.amount)}`)) }),
      ),
      txt(''),
    ],
  });
  const a = r.attached;
  const ratio = d.guestAttached.fee_rate / g.fee_rate;
  const ok = a.guestIncrementalCost < a.guestNetRevenue;
  blocks.push({
    kind: 'text',
    lines: [
      txt(t(lang, 'demo.step2', { name: d.host.name, fee_rate: formatDecimal(d.guestAttached.fee_rate, 2), ratio: formatDecimal(ratio, 1), rise: formatPercent(Number(formatDecimal(ratio, 1)) - 1, 0) }), 'strong'),
      txt(
        t(lang, 'demo.guestCost', {
          guestIncrementalCost: m(a.guestIncrementalCost),
          guestNetRevenue: m(a.guestNetRevenue),
          collection_rate: formatPercent(d.guestAttached.collection_rate ?? 0, 0),
          verdict: t(lang, ok ? 'demo.firmEarns' : 'demo.firmLoses'),
          stepped: m(a.guestSteppedIncrementalCost),
        }),
        ok ? 'good' : 'bad',
      ),
      txt(
        t(lang, 'demo.hostAndGuest', {
          hostAloneProfit: m(a.hostAloneProfit),
          why: a.hostAloneProfit < 0 && a.hostBreakEvenFee !== null ? t(lang, 'demo.hostBreaksEvenFrom', { fee: formatFeeToCharge(a.hostBreakEvenFee, 2) }) : '',
          unitProfit: m(a.unitProfit),
          verdict: t(lang, a.unitViable ? 'common.viable' : 'common.notViable'),
        }),
      ),
      txt(
        t(lang, 'demo.atTheDefaultAfterSale', {
          guestNetRevenueAtDefaultCollection: m(a.guestNetRevenueAtDefaultCollection),
          verdict: t(lang, a.gainsAtDefaultCollection ? 'demo.stillJustGains' : 'demo.wouldLose'),
        }),
        'warn',
      ),
      ...(a.odds ?? []).map((o) => {
        const by = o.decidedBy;
        const decided = by
          ? t(lang, by.flips ? 'demo.oddsDecidedByFlips' : 'demo.oddsDecidedBy', { key: by.key, low: by.low, high: by.high, gainLow: m(by.gainLow), gainHigh: m(by.gainHigh) })
          : '';
        return txt(
          t(lang, 'demo.odds', { collection: formatPercent(o.collection, 0), pct: formatPercent(o.pGains, 0), draws: o.draws, gain: m(o.gain) }) + decided,
          o.pGains >= 0.9 ? 'good' : o.pGains <= 0.1 ? 'bad' : 'warn',
        );
      }),
    ],
  });
  blocks.push({
    kind: 'table',
    table: {
      name: 'shares',
      title: t(lang, 'demo.whoPaysWhatOfThe'),
      columns: [
        { key: 'method', label: t(lang, 'demo.allocation'), align: 'left' },
        { key: 'host', label: t(lang, 'demo.share', { id: d.host.id }), align: 'right' },
        { key: 'hostAlone', label: t(lang, 'demo.alone', { id: d.host.id }), align: 'right' },
        { key: 'guest', label: t(lang, 'demo.share', { id: g.id }), align: 'right' },
        { key: 'guestAlone', label: t(lang, 'demo.alone', { id: g.id }), align: 'right' },
      ],
      rows: a.shares.map((s) => [cell(wordOf(lang, 'allocationMethod', s.method)), cell(m(s.host), s.host <= s.hostAlone ? 'good' : 'bad'), cell(m(s.hostAlone)), cell(m(s.guest)), cell(m(s.guestAlone))]),
    },
  });
  const u = r.cluster.units[0]!;
  blocks.push({
    kind: 'text',
    lines: [
      txt(''),
      txt(t(lang, 'demo.step3', { members: list(lang, u.evaluation.memberIds) }), 'strong'),
      txt(
        t(lang, 'demo.subsidyNeededEachAloneA', { subsidyNeeded: m(r.cluster.baseline.subsidyNeeded), subsidyNeeded2: m(r.cluster.totals.subsidyNeeded), subsidySaved: m(r.cluster.subsidySaved) }),
        r.cluster.subsidySaved > 0 ? 'good' : undefined,
      ),
      txt(''),
      txt(
        t(lang, 'demo.parametersInForceOnDigest', { asOf: stamp.asOf, digest: stamp.digest }),
        'muted',
      ),
    ],
  });
  return { blocks };
}
