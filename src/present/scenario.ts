import { z } from 'zod';
import { COST_CATEGORIES, ROLES } from '../core/categories.js';
import { CostLineSchema } from './evaluate.js';
import type { View, Block } from '../core/table.js';
import { ALLOCATION_METHODS } from '../arrangements/allocation.js';
import type { ScenarioResult, Totals } from '../arrangements/evaluate-scenario.js';
import type { UnitResult } from '../arrangements/units.js';
import { formatFeeToCharge, formatInt, formatMoney, formatPercent } from './format.js';
import { MoneySchema, OutcomeJsonShape, ParametersStampSchema, TotalsSchema, feeJson, cell, money, profitTone, ratioJson, verdictCell } from './common.js';
import type { Lang } from '../core/lang.js';
import { lineLabel, t, unitName, wordOf } from './labels/index.js';

/**
 * `scenario`, `attach`, `cluster` (and `plan`, which adds `plan`): units and compounds under an
 * arrangement, against every compound alone.
 */
export const ShareSchema = z.strictObject({
  id: z.string(),
  cost: MoneySchema.describe('its share of the unit cost'),
  standaloneCost: MoneySchema,
  incrementalCost: MoneySchema.describe('unit cost minus the cost of the unit without it'),
  revenue: MoneySchema.describe('its net revenue'),
  profit: MoneySchema,
  breakEvenFee: z.number().nullable().describe('fee at which its revenue covers its share'),
  stable: z.boolean(),
  walksOut: z.boolean().describe('its share exceeds its standalone cost'),
});

export const UnitJsonSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['standalone', 'attached', 'cluster']),
  members: z.array(z.string()),
  host: z.string().optional(),
  ...OutcomeJsonShape,
  tourM: z.number().describe('longest daily round between the sites, metres'),
  staff: z.array(z.strictObject({ role: z.enum(ROLES), fte: z.number() })),
  allocation: z.enum(ALLOCATION_METHODS),
  exact: z.boolean(),
  notes: z.array(z.string()).optional().describe('what was estimated or checked only in part (sampled Shapley, stability by singletons and pairs), when anything was'),
  shares: z.array(ShareSchema),
  stable: z.boolean(),
  blocking: z.array(z.strictObject({ members: z.array(z.string()), share: MoneySchema, alone: MoneySchema, excess: MoneySchema })),
  costLines: z.array(CostLineSchema).optional().describe("the unit's cost lines in category order (compoundId on per-compound lines): only with --detail"),
});

export const ChangeSchema = z.strictObject({
  id: z.string(),
  unit: z.string(),
  profitBefore: MoneySchema,
  profitAfter: MoneySchema,
  delta: MoneySchema,
  viableBefore: z.boolean(),
});

export const ScenarioJsonSchema = z.strictObject({
  parameters: ParametersStampSchema,
  units: z.array(UnitJsonSchema),
  totals: TotalsSchema,
  baseline: z.strictObject({ totals: TotalsSchema }),
  subsidySaved: MoneySchema,
  changes: z.array(ChangeSchema),
});

export const totalsJson = (t: Totals): z.infer<typeof TotalsSchema> => ({
  units: t.units,
  compounds: t.compounds,
  viableUnits: t.viableUnits,
  viableCompounds: t.viableCompounds,
  revenue: money(t.revenue),
  cost: money(t.cost),
  profit: money(t.profit),
  subsidyNeeded: money(t.subsidyNeeded),
});

/** A unit's cost lines in the official category order (as evaluate's, with the compound of per-compound lines). */
function unitCostLines(u: UnitResult, lang: Lang): z.infer<typeof CostLineSchema>[] {
  const rank = (c: string) => COST_CATEGORIES.indexOf(c as (typeof COST_CATEGORIES)[number]);
  return [...u.evaluation.lines]
    .sort((a, b) => rank(a.category) - rank(b.category))
    .map((l) => ({ key: l.key, category: l.category, label: lineLabel(lang, l.key), amount: money(l.amount), ...(l.compoundId !== undefined ? { compoundId: l.compoundId } : {}) }));
}

export function unitJson(u: UnitResult, detail = false, lang: Lang = 'en'): z.infer<typeof UnitJsonSchema> {
  const e = u.evaluation;
  return {
    id: u.id,
    kind: u.spec.kind,
    members: e.memberIds,
    ...(u.spec.kind === 'attached' ? { host: u.spec.host } : {}),
    revenue: money(e.revenue),
    cost: money(e.cost),
    profit: money(e.profit),
    margin: ratioJson(e.margin),
    viable: e.viable,
    subsidyNeeded: money(e.subsidyNeeded),
    tourM: Math.round(e.tourM),
    staff: e.staff.map((s) => ({ role: s.role, fte: s.fte })),
    allocation: u.allocation,
    exact: u.exact,
    ...(u.notes.length > 0 ? { notes: u.notes } : {}),
    shares: u.shares.map((s) => ({
      id: s.id,
      cost: money(s.cost),
      standaloneCost: money(s.standaloneCost),
      incrementalCost: money(s.incrementalCost),
      revenue: money(s.revenue),
      profit: money(s.profit),
      breakEvenFee: feeJson(s.breakEvenFee),
      stable: s.stable,
      walksOut: s.walksOut,
    })),
    stable: u.stable,
    blocking: u.blocking.map((b) => ({ members: b.members, share: money(b.share), alone: money(b.alone), excess: money(b.excess) })),
    ...(detail ? { costLines: unitCostLines(u, lang) } : {}),
  };
}

/** The scenario report; each unit's cost lines with `detail` (in `lang`). */
export function scenarioJson(r: ScenarioResult, stamp: z.infer<typeof ParametersStampSchema>, detail = false, lang: Lang = 'en'): z.infer<typeof ScenarioJsonSchema> {
  return {
    parameters: stamp,
    units: r.units.map((u) => unitJson(u, detail, lang)),
    totals: totalsJson(r.totals),
    baseline: { totals: totalsJson(r.baseline) },
    subsidySaved: money(r.subsidySaved),
    changes: r.changes.map((c) => ({
      id: c.id,
      unit: c.unit,
      profitBefore: money(c.before.profit),
      profitAfter: money(c.after.profit),
      delta: money(c.delta),
      viableBefore: c.before.viable,
    })),
  };
}

export interface ScenarioViewOptions {
  /** Show standalone units in the unit table (default: only when there are few). */
  showStandalone?: boolean;
  title?: string;
}

export function scenarioView(r: ScenarioResult, stamp: { asOf: string; digest: string }, lang: Lang, opts: ScenarioViewOptions = {}): View {
  const arranged = r.units.filter((u) => u.spec.kind !== 'standalone');
  const showAlone = opts.showStandalone ?? r.units.length <= 30;
  const listed = showAlone ? r.units : arranged;
  const pct = (x: number | null) => (x === null ? '—' : formatPercent(x, 1));
  const blocks: Block[] = [];
  blocks.push({
    kind: 'table',
    table: {
      title: opts.title ?? t(lang, 'scenario.managementUnitsYuanAYear'),
      columns: [
        { key: 'unit', label: t(lang, 'common.unit'), align: 'left' },
        { key: 'kind', label: t(lang, 'common.kind'), align: 'left' },
        { key: 'members', label: t(lang, 'common.members'), align: 'left' },
        { key: 'revenue', label: t(lang, 'common.netRevenue'), align: 'right' },
        { key: 'cost', label: t(lang, 'common.cost'), align: 'right' },
        { key: 'profit', label: t(lang, 'common.profit'), align: 'right' },
        { key: 'margin', label: t(lang, 'common.margin'), align: 'right' },
        { key: 'verdict', label: t(lang, 'common.verdict'), align: 'left' },
        { key: 'subsidy', label: t(lang, 'common.subsidyNeeded'), align: 'right' },
        { key: 'stable', label: t(lang, 'scenario.sharesStable'), align: 'left' },
      ],
      rows: listed.map((u) => {
        const e = u.evaluation;
        return [
          cell(unitName(lang, u.id)),
          cell(t(lang, `unitKind.${u.spec.kind}`)),
          cell(e.memberIds.join(', ')),
          cell(formatMoney(e.revenue)),
          cell(formatMoney(e.cost)),
          cell(formatMoney(e.profit), profitTone(e.profit)),
          cell(pct(e.margin)),
          verdictCell(e.viable, lang),
          cell(formatMoney(e.subsidyNeeded), e.subsidyNeeded ? 'bad' : 'muted'),
          u.spec.kind === 'standalone' ? cell('') : u.stable ? cell(t(lang, 'scenario.yes'), 'good') : cell(t(lang, 'scenario.no'), 'warn'),
        ];
      }),
      footer: [
        [
          cell(t(lang, 'common.total'), 'strong'),
          cell(''),
          cell(`${formatInt(r.totals.compounds)} ${t(lang, 'common.compounds')}`),
          cell(formatMoney(r.totals.revenue), 'strong'),
          cell(formatMoney(r.totals.cost), 'strong'),
          cell(formatMoney(r.totals.profit), profitTone(r.totals.profit) ?? 'strong'),
          cell(''),
          cell(`${formatInt(r.totals.viableUnits)}/${formatInt(r.totals.units)} ${t(lang, 'common.viable')}`),
          cell(formatMoney(r.totals.subsidyNeeded), r.totals.subsidyNeeded ? 'bad' : 'muted'),
          cell(''),
        ],
      ],
    },
  });
  if (arranged.length) {
    blocks.push({
      kind: 'table',
      table: {
        title: t(lang, 'scenario.whoPaysWhat', { allocation: wordOf(lang, 'allocation', arranged[0]!.allocation) }),
        columns: [
          { key: 'unit', label: t(lang, 'common.unit'), align: 'left' },
          { key: 'member', label: t(lang, 'scenario.member'), align: 'left' },
          { key: 'share', label: t(lang, 'scenario.shareOfCost'), align: 'right' },
          { key: 'alone', label: t(lang, 'scenario.costAlone'), align: 'right' },
          { key: 'incremental', label: t(lang, 'scenario.incrementalCost'), align: 'right' },
          { key: 'revenue', label: t(lang, 'common.netRevenue'), align: 'right' },
          { key: 'profit', label: t(lang, 'common.profit'), align: 'right' },
          { key: 'fee', label: t(lang, 'scenario.feeToCoverShare'), align: 'right' },
          { key: 'stable', label: t(lang, 'scenario.staysColumn'), align: 'left' },
        ],
        rows: arranged.flatMap((u) =>
          u.shares.map((s) => [
            cell(unitName(lang, u.id)),
            cell(s.id),
            cell(formatMoney(s.cost)),
            cell(formatMoney(s.standaloneCost)),
            cell(formatMoney(s.incrementalCost)),
            cell(formatMoney(s.revenue)),
            cell(formatMoney(s.profit), profitTone(s.profit)),
            cell(s.breakEvenFee === null ? '—' : formatFeeToCharge(s.breakEvenFee, 2)),
            s.walksOut
              ? cell(t(lang, 'scenario.walksOut'), 'bad')
              : s.stable
                ? cell(t(lang, 'scenario.stays'), 'good')
                : cell(t(lang, 'scenario.aGroupWouldLeave'), 'warn'),
          ]),
        ),
      },
    });
  }
  const winners = r.changes.filter((c) => c.delta > 0).length;
  const losers = r.changes.filter((c) => c.delta < 0).length;
  blocks.push({
    kind: 'text',
    lines: [
      [
        cell(
          t(lang, 'scenario.subsidyNeededWithEveryCompound', { subsidyNeeded: formatMoney(r.baseline.subsidyNeeded), subsidyNeeded2: formatMoney(r.totals.subsidyNeeded), subsidySaved: formatMoney(r.subsidySaved) }),
          r.subsidySaved > 0 ? 'good' : r.subsidySaved < 0 ? 'bad' : undefined,
        ),
      ],
      [
        cell(
          t(lang, 'scenario.compoundsInViableUnitsOf', { viableCompounds: formatInt(r.baseline.viableCompounds), viableCompounds2: formatInt(r.totals.viableCompounds), compounds: formatInt(r.totals.compounds), winners, losers }),
        ),
      ],
      [cell(t(lang, 'common.parametersInForceOnDigest', { asOf: stamp.asOf, digest: stamp.digest }), 'muted')],
    ],
  });
  return { blocks };
}
