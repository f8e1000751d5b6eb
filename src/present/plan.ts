import { z } from 'zod';
import type { Compound } from '../core/compound.js';
import type { View } from '../core/table.js';
import type { ScenarioResult } from '../arrangements/evaluate-scenario.js';
import type { PlanResult } from '../plan/types.js';
import { formatDecimal, formatInt } from './format.js';
import { cell, verdictCell } from './common.js';
import type { Lang } from '../core/lang.js';
import { t, unitName, wordOf } from './labels/index.js';
import { ScenarioJsonSchema, scenarioView } from './scenario.js';
import { countCell, yuanCell } from './common.js';

export const PlanMetaSchema = z.strictObject({
  method: z.enum(['heuristic', 'exact']),
  objective: z.string(),
  status: z.string().describe('optimal, time_limit, capped, heuristic or infeasible'),
  gap: z.number().nullable().describe('relative optimality gap reported by the MIP solver'),
  warnings: z.array(z.string()),
});

export const PlanJsonSchema = ScenarioJsonSchema.extend({ plan: PlanMetaSchema });

/** The proposed units (distances, fees, verdicts, subsidy before/after), then the scenario view. */
export function planView(
  r: ScenarioResult,
  plan: PlanResult,
  compounds: readonly Compound[],
  meta: z.infer<typeof PlanMetaSchema>,
  stamp: { asOf: string; digest: string },
  lang: Lang,
): View {
  const byId = new Map(compounds.map((c) => [c.id, c]));
  const subsidyBefore = new Map(r.changes.map((c) => [c.id, c.before.profit < 0 ? -c.before.profit : 0]));
  const key = (ids: readonly string[]) => [...ids].sort().join('\u0000');
  const distance = new Map(plan.units.map((u) => [key(u.members.map((i) => compounds[i]!.id)), u.maxPairDistanceM]));
  const arranged = r.units.filter((u) => u.spec.kind !== 'standalone');
  const fees = (ids: string[]) => {
    const f = ids.map((id) => byId.get(id)!.fee_rate);
    const lo = Math.min(...f);
    const hi = Math.max(...f);
    return lo === hi ? formatDecimal(lo, 2) : `${formatDecimal(lo, 2)}–${formatDecimal(hi, 2)}`;
  };
  const scenario = scenarioView(r, stamp, lang, { showStandalone: false });
  return {
    blocks: [
      {
        kind: 'text',
        lines: [
          [
            cell(
              t(lang, 'plan.summary', {
                method: t(lang, `planMethod.${meta.method}`),
                objective: wordOf(lang, 'planObjective', meta.objective),
                status: wordOf(lang, 'planStatus', meta.status),
                gap: meta.gap !== null ? t(lang, 'plan.gap', { gap: formatDecimal(meta.gap * 100, 2) }) : '',
                units: formatInt(arranged.length),
                compounds: formatInt(r.totals.compounds),
              }),
              'strong',
            ),
          ],
        ],
      },
      {
        kind: 'table',
        table: {
          name: 'units',
          title: t(lang, 'plan.proposedUnits'),
          columns: [
            { key: 'unit', label: t(lang, 'common.unit'), align: 'left' },
            { key: 'kind', label: t(lang, 'common.kind'), align: 'left' },
            { key: 'members', label: t(lang, 'common.members'), align: 'left' },
            { key: 'distance', label: t(lang, 'plan.maxDistanceM'), align: 'right' },
            { key: 'fee', label: t(lang, 'common.fee'), align: 'right' },
            { key: 'verdict', label: t(lang, 'common.verdict'), align: 'left' },
            { key: 'before', label: t(lang, 'plan.subsidyAlone'), align: 'right' },
            { key: 'after', label: t(lang, 'plan.subsidyInUnit'), align: 'right' },
          ],
          rows: arranged.map((u) => {
            const ids = u.evaluation.memberIds;
            const before = ids.reduce((s, id) => s + (subsidyBefore.get(id) ?? 0), 0);
            return [
              cell(unitName(lang, u.id)),
              cell(t(lang, `unitKind.${u.spec.kind}`)),
              cell(ids.join(', ')),
              countCell(distance.get(key(ids)) ?? 0),
              cell(fees(ids)),
              verdictCell(u.evaluation.viable, lang),
              yuanCell(before),
              yuanCell(u.evaluation.subsidyNeeded, u.evaluation.subsidyNeeded < before ? 'good' : undefined),
            ];
          }),
        },
      },
      ...scenario.blocks.filter((b) => b.kind === 'text'),
    ],
  };
}
