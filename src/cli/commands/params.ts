import { ParamsJsonSchema, paramsView } from '../../present/params.js';
import { paramRows } from '../../params/rows.js';
import { envelope } from '../output-schema.js';
import { emit } from '../shell.js';
import { loadModel } from '../model-context.js';
import type { CommandOptions } from '../registry.js';

export const schemaVersion = 1;
export const outputSchema = envelope(schemaVersion, ParamsJsonSchema.shape);

/** Every parameter: key, value in force, unit, date, range and reference. */
export async function run(_args: string[], options: CommandOptions): Promise<void> {
  const model = loadModel(options);
  const rows = paramRows(model.tree, model.params);
  await emit(
    {
      json: { asOf: model.params.asOf, digest: model.params.digest, overlays: model.overlays, parameters: rows },
      view: (lang) => paramsView(rows, model.params, lang),
    },
    options,
    model.overlays,
  );
}
