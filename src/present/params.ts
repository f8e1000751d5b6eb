import { z } from 'zod';
import type { View } from '../core/table.js';
import type { ResolvedParams } from '../params/tree.js';
import { ParamRowSchema, type ParamRow } from '../params/rows.js';

import { cell, paramReference, paramUnit } from './common.js';
import type { Lang } from '../core/lang.js';
import { t } from './labels/index.js';

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
