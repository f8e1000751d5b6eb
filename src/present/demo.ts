import { z } from 'zod';
import type { Compound } from '../core/compound.js';
import type { Cell, View, Block } from '../core/table.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateCompound } from '../model/evaluate-compound.js';
import { evaluateUnit } from '../model/evaluate-unit.js';
import { breakEvenFee } from '../model/break-even.js';
import { avoidableCost } from '../model/avoidable.js';
import { evaluateArrangement, type ScenarioResult } from '../arrangements/evaluate-scenario.js';
import { ALLOCATION_METHODS, type AllocationMethod } from '../arrangements/allocation.js';
import type { UnitSpec } from '../arrangements/units.js';
import { formatDecimal, formatFeeToCharge, formatMoney, formatPercent } from './format.js';
import { MoneySchema, ParametersStampSchema, feeJson, cell, money, ratioJson, verdictCell } from './common.js';
import type { Lang } from '../core/lang.js';
import { lineLabel, list, t, wordOf } from './labels/index.js';

/**
 * `demo`: the article's case told in numbers. 京剧院小区 alone (at its old fee, at the 1 yuan firms
 * were asked about, at the attached fee), then attached to 岳阳花苑 at 1.49 (+230%), then the
 * micro compounds of the lane clustered under one team.
 */
export interface DemoInput {
  guest: Compound;
  host: Compound;
  /** The guest as attached: fee 1.49, standard service, collection as the scenario says. */
  guestAttached: Compound;
  /** Micro compounds for the cluster story. */
  clusterMembers: Compound[];
}

export interface DemoResult {
  alone: { fee: number; serviceLevel: string; revenue: number; cost: number; profit: number; viable: boolean; breakEvenFee: number | null }[];
  aloneTopLines: { key: string; amount: number }[];
  attached: {
    hostAloneProfit: number;
    /** The host's own break-even fee alone, yuan/m²/month. */
    hostBreakEvenFee: number | null;
    unitProfit: number;
    unitViable: boolean;
    /** What the firm would avoid without the guest (spare capacity, per-site add-ons, no overhead). */
    guestIncrementalCost: number;
    /** The difference of the rounded unit totals: the step risk. */
    guestSteppedIncrementalCost: number;
    guestNetRevenue: number;
    /** The avoidable cost at the default after-sale collection rate is the same; does the firm still gain? */
    gainsAtDefaultCollection: boolean;
    guestNetRevenueAtDefaultCollection: number;
    shares: { method: AllocationMethod; host: number; hostAlone: number; guest: number; guestAlone: number }[];
  };
  cluster: ScenarioResult;
  clusterSpec: UnitSpec;
}

export function computeDemo(d: DemoInput, k: Coefficients): DemoResult {
  const fees = [d.guest.fee_rate, 1.0, d.guestAttached.fee_rate];
  const alone = fees.map((fee, i) => {
    const c = i < 2 ? { ...d.guest, fee_rate: fee } : { ...d.guestAttached, collection_rate: d.guest.collection_rate };
    const e = evaluateCompound(c, k);
    return { fee, serviceLevel: c.service_level, revenue: e.revenue, cost: e.cost, profit: e.profit, viable: e.viable, breakEvenFee: e.breakEvenFee };
  });
  const e0 = evaluateCompound(d.guest, k);
  const aloneTopLines = [...e0.lines].sort((a, b) => b.amount - a.amount || a.key.localeCompare(b.key)).slice(0, 4).map((l) => ({ key: l.key, amount: l.amount }));

  const hostAlone = evaluateUnit([d.host], k);
  const unit = evaluateUnit([d.host, d.guestAttached], k);
  const atDefault = evaluateUnit([d.host, { ...d.guestAttached, collection_rate: null }], k);
  const avoidable = avoidableCost(unit, hostAlone, k).amount;
  const spec: UnitSpec = { kind: 'attached', host: d.host.id, guests: [d.guest.id] };
  const changes = new Map([[d.guest.id, d.guestAttached]]);
  const shares = ALLOCATION_METHODS.map((method) => {
    const r = evaluateArrangement([d.host, d.guest], { units: [spec], changes, allocation: method, seed: 1 }, k);
    const u = r.units[0]!;
    const h = u.shares[0]!;
    const g = u.shares[1]!;
    return { method, host: h.cost, hostAlone: h.standaloneCost, guest: g.cost, guestAlone: g.standaloneCost };
  });
  const clusterSpec: UnitSpec = { kind: 'cluster', name: 'lane cluster', members: d.clusterMembers.map((c) => c.id) };
  const cluster = evaluateArrangement(d.clusterMembers, { units: [clusterSpec], changes: new Map(), allocation: 'shapley', seed: 1 }, k);
  return {
    alone,
    aloneTopLines,
    attached: {
      hostAloneProfit: hostAlone.profit,
      hostBreakEvenFee: breakEvenFee(d.host, k, hostAlone.cost),
      unitProfit: unit.profit,
      unitViable: unit.viable,
      guestIncrementalCost: avoidable,
      guestSteppedIncrementalCost: unit.cost - hostAlone.cost,
      guestNetRevenue: unit.members[1]!.serviceNet,
      gainsAtDefaultCollection: atDefault.members[1]!.serviceNet > avoidable,
      guestNetRevenueAtDefaultCollection: atDefault.members[1]!.serviceNet,
      shares,
    },
    cluster,
    clusterSpec,
  };
}

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
  return {
    parameters: stamp,
    alone: r.alone.map((a) => ({ ...a, revenue: money(a.revenue), cost: money(a.cost), profit: money(a.profit), breakEvenFee: feeJson(a.breakEvenFee) })),
    attached: {
      ...r.attached,
      hostAloneProfit: money(r.attached.hostAloneProfit),
      hostBreakEvenFee: feeJson(r.attached.hostBreakEvenFee),
      unitProfit: money(r.attached.unitProfit),
      guestIncrementalCost: money(r.attached.guestIncrementalCost),
      guestSteppedIncrementalCost: money(r.attached.guestSteppedIncrementalCost),
      guestNetRevenue: money(r.attached.guestNetRevenue),
      guestNetRevenueAtDefaultCollection: money(r.attached.guestNetRevenueAtDefaultCollection),
      shares: r.attached.shares.map((s) => ({ method: s.method, host: money(s.host), hostAlone: money(s.hostAlone), guest: money(s.guest), guestAlone: money(s.guestAlone) })),
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
