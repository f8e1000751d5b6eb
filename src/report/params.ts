import { z } from 'zod';
import type { View } from '../core/table.js';
import type { ParamTree, ResolvedParams } from '../params/tree.js';
import { t, type Lang } from '../present/labels/index.js';
import { cell, paramReference, paramUnit } from './common.js';

/** `params`: every parameter with its value in force, unit, date, range and source. */
export const ParamRowSchema = z.strictObject({
  key: z.string(),
  value: z.number(),
  unit: z.string(),
  from: z.string().nullable().describe('date the value is in force from; null when undated'),
  schedule: z.record(z.string(), z.number()).optional().describe('every dated value'),
  range: z.tuple([z.number(), z.number()]).optional(),
  estimate: z.boolean(),
  reference: z.string(),
  descriptionZh: z.string().optional().describe('what the parameter is and its source, in Chinese'),
  overriddenBy: z.string().optional(),
});

export const ParamsJsonSchema = z.strictObject({
  asOf: z.string(),
  digest: z.string(),
  overlays: z.array(z.string()),
  parameters: z.array(ParamRowSchema),
});

export type ParamRow = z.infer<typeof ParamRowSchema>;

export function paramRows(tree: ParamTree, p: ResolvedParams): ParamRow[] {
  return [...tree.values()].map((def) => {
    const v = p.info.get(def.key)!;
    return {
      key: def.key,
      value: v.value,
      unit: v.unit,
      from: v.from,
      ...(def.values ? { schedule: { ...def.values } } : {}),
      ...(def.range ? { range: def.range } : {}),
      estimate: v.estimate,
      reference: v.reference,
      ...(v.descriptionZh ? { descriptionZh: v.descriptionZh } : {}),
      ...(v.overriddenBy ? { overriddenBy: `${v.overriddenBy.file}${v.overriddenBy.line ? `:${v.overriddenBy.line}` : ''}` } : {}),
    };
  });
}

export function paramsView(rows: readonly ParamRow[], p: ResolvedParams, lang: Lang): View {
  return {
    blocks: [
      {
        kind: 'table',
        table: {
          title: t(lang, 'params.parametersInForceOnDigest', { asOf: p.asOf, digest: p.digest }),
          columns: [
            { key: 'key', label: t(lang, 'common.parameter'), align: 'left' },
            { key: 'value', label: t(lang, 'common.value'), align: 'right' },
            { key: 'unit', label: t(lang, 'common.unitOfMeasure'), align: 'left' },
            { key: 'from', label: t(lang, 'params.from'), align: 'left' },
            { key: 'range', label: t(lang, 'params.range'), align: 'left' },
            { key: 'reference', label: t(lang, 'common.reference'), align: 'left' },
          ],
          rows: rows.map((r) => [
            cell(r.key, r.overriddenBy ? 'strong' : undefined),
            cell(String(r.value), r.overriddenBy ? 'strong' : undefined),
            cell(paramUnit(lang, r.unit)),
            cell(r.from ?? '—'),
            cell(r.range ? `${r.range[0]}–${r.range[1]}` : ''),
            cell(paramReference(lang, r), r.estimate ? 'muted' : undefined),
          ]),
        },
      },
    ],
  };
}
