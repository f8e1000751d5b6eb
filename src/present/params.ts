import { z } from 'zod';
import type { View } from '../core/table.js';
import type { ResolvedParams } from '../params/tree.js';
import { ParamRowSchema, type ParamRow } from '../params/rows.js';

import { L, cell } from './common.js';
import type { Lang } from '../core/lang.js';

export const ParamsJsonSchema = z.strictObject({
  asOf: z.string(),
  digest: z.string(),
  overlays: z.array(z.string()),
  parameters: z.array(ParamRowSchema),
});

export function paramsView(rows: readonly ParamRow[], p: ResolvedParams, lang: Lang): View {
  return {
    blocks: [
      {
        kind: 'table',
        table: {
          title: L(lang, `Parameters in force on ${p.asOf} (digest ${p.digest})`, `${p.asOf} 生效参数（摘要 ${p.digest}）`),
          columns: [
            { key: 'key', label: L(lang, 'parameter', '参数'), align: 'left' },
            { key: 'value', label: L(lang, 'value', '取值'), align: 'right' },
            { key: 'unit', label: L(lang, 'unit', '单位'), align: 'left' },
            { key: 'from', label: L(lang, 'from', '生效'), align: 'left' },
            { key: 'range', label: L(lang, 'range', '范围'), align: 'left' },
            { key: 'reference', label: L(lang, 'reference', '来源'), align: 'left' },
          ],
          rows: rows.map((r) => [
            cell(r.key, r.overriddenBy ? 'strong' : undefined),
            cell(String(r.value), r.overriddenBy ? 'strong' : undefined),
            cell(r.unit),
            cell(r.from ?? '—'),
            cell(r.range ? `${r.range[0]}–${r.range[1]}` : ''),
            cell(`${r.estimate ? L(lang, '[estimate] ', '【估计】') : ''}${r.overriddenBy ? `(${L(lang, 'set by', '来自')} ${r.overriddenBy}) ` : ''}${r.reference}`, r.estimate ? 'muted' : undefined),
          ]),
        },
      },
    ],
  };
}
