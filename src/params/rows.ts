import { z } from 'zod';
import type { ParamTree, ResolvedParams } from './tree.js';

/** One row of `params` (and of the report's parameter table): a parameter with its value in force, unit, date, range and source. */
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

