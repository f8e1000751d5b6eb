import { z } from 'zod';
import type { Compound } from '../core/compound.js';
import { lineLabel } from '../core/categories.js';
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
import { L, MoneySchema, ParametersStampSchema, feeJson, cell, money, ratioJson, verdictCell } from './common.js';
import type { Lang } from '../core/lang.js';

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
      txt(L(lang, `1. ${g.name} alone — ${g.area_m2} m², ${g.households} households, built ${g.built_year ?? '?'}`, `一、${g.name}单独管理 —— ${g.area_m2} ㎡，${g.households} 户，建于 ${g.built_year ?? '?'} 年`), 'strong'),
    ],
  });
  blocks.push({
    kind: 'table',
    table: {
      columns: [
        { key: 'fee', label: L(lang, 'fee', '物业费'), align: 'right' },
        { key: 'level', label: L(lang, 'service', '服务'), align: 'left' },
        { key: 'revenue', label: L(lang, 'net revenue', '净收入'), align: 'right' },
        { key: 'cost', label: L(lang, 'cost', '成本'), align: 'right' },
        { key: 'profit', label: L(lang, 'profit', '利润'), align: 'right' },
        { key: 'verdict', label: L(lang, 'verdict', '结论'), align: 'left' },
        { key: 'be', label: L(lang, 'break-even fee', '保本单价'), align: 'right' },
      ],
      rows: r.alone.map((a) => [
        cell(formatDecimal(a.fee, 2)),
        cell(a.serviceLevel),
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
        L(
          lang,
          `Its biggest costs alone: ${r.aloneTopLines.map((l) => `${lineLabel(l.key, 'en').toLowerCase()} ${m(l.amount)}`).join(', ')} — indivisible posts a 16-household building cannot pay for (the article: not even at 1 yuan).`,
          `单独管理的主要成本：${r.aloneTopLines.map((l) => `${lineLabel(l.key, 'zh')} ${m(l.amount)}`).join('、')} —— 不可分割的岗位，16 户的小楼负担不起（文章：即使每月每平方米 1 元也难以覆盖）。`,
        ),
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
      txt(L(lang, `2. Attached to ${d.host.name} (挂单) at ${formatDecimal(d.guestAttached.fee_rate, 2)} (${formatDecimal(ratio, 1)}× the old fee: +${formatPercent(Number(formatDecimal(ratio, 1)) - 1, 0)})`, `二、挂靠${d.host.name}（挂单），物业费 ${formatDecimal(d.guestAttached.fee_rate, 2)}（原价的 ${formatDecimal(ratio, 1)} 倍：上调 ${formatPercent(Number(formatDecimal(ratio, 1)) - 1, 0)}）`), 'strong'),
      txt(
        L(
          lang,
          `What the firm would avoid without the guest: ${m(a.guestIncrementalCost)} a year (its hours against the host's spare capacity, bought by the hour, one more stop on shared contracts, no overhead); the guest's net revenue: ${m(a.guestNetRevenue)} (collection ${formatPercent(d.guestAttached.collection_rate ?? 0, 0)}). ${ok ? 'The firm earns on it.' : 'The firm loses on it.'} If it pushed a role over a hiring step the unit would cost ${m(a.guestSteppedIncrementalCost)} more (step risk).`,
          `不接挂单小区可省下的成本：每年 ${m(a.guestIncrementalCost)}（按主小区富余人力计算、按小时用工、共用合同只加一个点位、不含企业管理费）；挂单小区净收入：${m(a.guestNetRevenue)}（收缴率 ${formatPercent(d.guestAttached.collection_rate ?? 0, 0)}）。${ok ? '企业有钱赚。' : '企业亏钱。'}若因此跨过用工档，单元成本将增加 ${m(a.guestSteppedIncrementalCost)}（用工档风险）。`,
        ),
        ok ? 'good' : 'bad',
      ),
      txt(
        L(
          lang,
          `Host alone: profit ${m(a.hostAloneProfit)}${a.hostAloneProfit < 0 && a.hostBreakEvenFee !== null ? ` (it breaks even from ${formatFeeToCharge(a.hostBreakEvenFee, 2)}: a staffed gate post at legal working hours costs more than its fee pays for)` : ''}; host and guest together: ${m(a.unitProfit)} (${a.unitViable ? 'viable' : 'not viable'}).`,
          `主小区单独：利润 ${m(a.hostAloneProfit)}${a.hostAloneProfit < 0 && a.hostBreakEvenFee !== null ? `（保本单价 ${formatFeeToCharge(a.hostBreakEvenFee, 2)}：按法定工时配置门岗，现有物业费不足以覆盖）` : ''}；合并管理：${m(a.unitProfit)}（${a.unitViable ? '可持续' : '亏损'}）。`,
        ),
      ),
      txt(
        L(
          lang,
          `At the default after-sale collection rate the guest would bring ${m(a.guestNetRevenueAtDefaultCollection)}: ${a.gainsAtDefaultCollection ? 'the firm would still just gain' : 'the firm would lose on it'}. The arrangement stands or falls with residents paying.`,
          `若按售后公房默认收缴率，挂单小区净收入仅 ${m(a.guestNetRevenueAtDefaultCollection)}：${a.gainsAtDefaultCollection ? '企业仍略有盈余' : '企业将亏钱'}。方案成败取决于居民缴费。`,
        ),
        'warn',
      ),
    ],
  });
  blocks.push({
    kind: 'table',
    table: {
      title: L(lang, 'Who pays what of the shared cost', '共同成本如何分摊'),
      columns: [
        { key: 'method', label: L(lang, 'allocation', '分摊方法'), align: 'left' },
        { key: 'host', label: L(lang, `${d.host.id} share`, `${d.host.id} 分摊`), align: 'right' },
        { key: 'hostAlone', label: L(lang, `${d.host.id} alone`, `${d.host.id} 单独`), align: 'right' },
        { key: 'guest', label: L(lang, `${g.id} share`, `${g.id} 分摊`), align: 'right' },
        { key: 'guestAlone', label: L(lang, `${g.id} alone`, `${g.id} 单独`), align: 'right' },
      ],
      rows: a.shares.map((s) => [cell(s.method), cell(m(s.host), s.host <= s.hostAlone ? 'good' : 'bad'), cell(m(s.hostAlone)), cell(m(s.guest)), cell(m(s.guestAlone))]),
    },
  });
  const u = r.cluster.units[0]!;
  blocks.push({
    kind: 'text',
    lines: [
      txt(''),
      txt(L(lang, `3. One team for the lane's micro compounds (片区式管理): ${u.evaluation.memberIds.join(', ')}`, `三、弄内微型小区片区式管理：${u.evaluation.memberIds.join('、')}`), 'strong'),
      txt(
        L(
          lang,
          `Subsidy needed each alone: ${m(r.cluster.baseline.subsidyNeeded)} a year; as one cluster: ${m(r.cluster.totals.subsidyNeeded)} (saved ${m(r.cluster.subsidySaved)}).`,
          `各自单独管理所需补贴：每年 ${m(r.cluster.baseline.subsidyNeeded)}；组成片区：${m(r.cluster.totals.subsidyNeeded)}（节省 ${m(r.cluster.subsidySaved)}）。`,
        ),
        r.cluster.subsidySaved > 0 ? 'good' : undefined,
      ),
      txt(''),
      txt(
        L(
          lang,
          `Parameters in force on ${stamp.asOf} (digest ${stamp.digest}); figures in yuan a year. Try: breakeven explain fixtures/case-study.csv JJY · breakeven scenario fixtures/case-study-attached.yaml · breakeven plan fixtures/district.csv`,
          `参数按 ${stamp.asOf} 生效值（摘要 ${stamp.digest}）；金额单位：元/年。试试：breakeven explain fixtures/case-study.csv JJY · breakeven scenario fixtures/case-study-attached.yaml · breakeven plan fixtures/district.csv`,
        ),
        'muted',
      ),
    ],
  });
  return { blocks };
}
