import { inputError } from '../../core/errors.js';
import { readCompounds } from '../../io/read-compounds.js';
import { evaluateCompound } from '../../model/evaluate-compound.js';
import { didYouMean } from '../../core/did-you-mean.js';
import { parametersStamp } from '../../present/common.js';
import { ExplainJsonSchema, buildTrace, explainJson, explainView, parametersUsed } from '../../present/explain.js';
import { envelope } from '../output-schema.js';
import { emit } from '../shell.js';
import { loadModel, requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { inputFiles, readOptionsOf } from '../read-options.js';

export const schemaVersion = 1;
export const outputSchema = envelope(schemaVersion, ExplainJsonSchema.shape);

export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = requireArg(args, 0, 'file');
  const id = requireArg(args, 1, 'id');
  const model = loadModel(options);
  const read = await readCompounds(file, readOptionsOf(options));
  const c = read.compounds.find((x) => x.id === id);
  if (!c) {
    const s = didYouMean(id, read.compounds.map((x) => x.id));
    throw inputError('UNKNOWN_COMPOUND', `no compound with id "${id}" in ${file}`, { file }, s ? `did you mean "${s}"?` : 'see `breakeven validate` for the ids');
  }
  const e = evaluateCompound(c, model.k, { trace: true });
  const stamp = parametersStamp(model.params, model.overlays);
  // Labels of the trace follow the output language; build one per language asked.
  const forLang = (lang: typeof options.lang) => {
    const trace = buildTrace(e, model.k, lang);
    return { trace, used: parametersUsed(trace, model.params) };
  };
  const mine = forLang(options.lang);
  await emit(
    {
      json: explainJson(e, mine.trace, mine.used, stamp),
      view: (lang) => {
        const t = lang === options.lang ? mine : forLang(lang);
        return explainView(e, t.trace, t.used, lang);
      },
      warnings: read.warnings,
    },
    options,
    inputFiles(file),
  );
}
