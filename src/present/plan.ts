import { z } from 'zod';
import type { Compound } from '../core/compound.js';
import type { View } from '../core/table.js';
import type { ScenarioResult } from '../arrangements/evaluate-scenario.js';
import type { PlanResult } from '../plan/types.js';
import { formatDecimal, formatInt, formatMoney } from './format.js';
import { L, cell, verdictCell } from './common.js';
import type { Lang } from '../core/lang.js';
import { ScenarioJsonSchema, scenarioView } from './scenario.js';

export const PlanMetaSchema = z.strictObject({
  method: z.enum(['heuristic', 'exact']),
  objective: z.string(),
  status: z.string().describe('optimal, time_limit, capped, heuristic or infeasible'),
  gap: z.number().nullable().describe('relative optimality gap reported by the MIP solver'),
  warnings: z.array(z.string()),
});

export const PlanJsonSchema = ScenarioJsonSchema.extend({ plan: PlanMetaSchema });

const KIND: Record<string, { en: string; zh: string }> = {
  attached: { en: 'attached', zh: '挂单' },
  cluster: { en: 'cluster', zh: '片区' },
};

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
              L(
                lang,
                `Plan: ${meta.method}, objective ${meta.objective}, status ${meta.status}${meta.gap !== null ? `, gap ${formatDecimal(meta.gap * 100, 2)}%` : ''}; ${formatInt(arranged.length)} units proposed for ${formatInt(r.totals.compounds)} compounds.`,
                `方案：${meta.method === 'exact' ? '精确求解' : '启发式'}，目标 ${meta.objective}，状态 ${meta.status}${meta.gap !== null ? `，间隙 ${formatDecimal(meta.gap * 100, 2)}%` : ''}；为 ${formatInt(r.totals.compounds)} 个小区建议 ${formatInt(arranged.length)} 个管理单元。`,
              ),
              'strong',
            ),
          ],
        ],
      },
      {
        kind: 'table',
        table: {
          title: L(lang, 'Proposed units', '建议的管理单元'),
          columns: [
            { key: 'unit', label: L(lang, 'unit', '单元'), align: 'left' },
            { key: 'kind', label: L(lang, 'kind', '方式'), align: 'left' },
            { key: 'members', label: L(lang, 'members', '成员'), align: 'left' },
            { key: 'distance', label: L(lang, 'max distance m', '最大间距 m'), align: 'right' },
            { key: 'fee', label: L(lang, 'fee', '物业费'), align: 'right' },
            { key: 'verdict', label: L(lang, 'verdict', '结论'), align: 'left' },
            { key: 'before', label: L(lang, 'subsidy alone', '单独所需补贴'), align: 'right' },
            { key: 'after', label: L(lang, 'subsidy in unit', '合并后补贴'), align: 'right' },
          ],
          rows: arranged.map((u) => {
            const ids = u.evaluation.memberIds;
            const before = ids.reduce((s, id) => s + (subsidyBefore.get(id) ?? 0), 0);
            return [
              cell(u.id),
              cell(KIND[u.spec.kind]![lang]),
              cell(ids.join(', ')),
              cell(formatInt(distance.get(key(ids)) ?? 0)),
              cell(fees(ids)),
              verdictCell(u.evaluation.viable, lang),
              cell(formatMoney(before)),
              cell(formatMoney(u.evaluation.subsidyNeeded), u.evaluation.subsidyNeeded < before ? 'good' : undefined),
            ];
          }),
        },
      },
      ...scenario.blocks.filter((b) => b.kind === 'text'),
    ],
  };
}
