import { CheckFailedError } from '../../core/errors.js';
import { readCompoundStream } from '../../io/read-compounds.js';
import { openAtomicSink } from '../../io/write-atomic.js';
import { evaluateCompound } from '../../model/evaluate-compound.js';
import { parametersStamp } from '../../present/common.js';
import {
  EvaluateJsonSchema,
  addEvaluation,
  compoundResultJson,
  compoundResultJsonParts,
  evaluateRow,
  evaluateView,
  newEvaluateTotals,
  totalsJson,
  type EvaluateRow,
} from '../../present/evaluate.js';
import type { Compound } from '../../core/compound.js';
import type { DrawsResult } from '../../analyses/uncertainty.js';
import { addColumn, appendLines, howSureCell, subsidyLine, totalsUncertaintyJson, uncertaintyJson } from '../../present/uncertainty.js';
import { subsidyDistribution } from '../../analyses/uncertainty.js';
import { t } from '../../present/labels/index.js';
import { buildDrawModel, computeDraws, drawRequest } from '../draws.js';
import { envelope } from '../output-schema.js';
import { emit, warn, withEnvelope } from '../shell.js';
import { loadModel, requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({ failIfAnyUnviable: z.boolean().optional() });

export const schemaVersion = 1;
export const outputSchema = envelope(schemaVersion, EvaluateJsonSchema.shape);

/**
 * Every compound managed alone. JSON is streamed: one compound per line between a pretty head and
 * tail, so a million compounds never sit in memory, and written atomically only once the whole
 * file has validated (a bad row anywhere means nothing is written).
 */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = requireArg(args, 0, 'file');
  const model = loadModel(options);
  const { k } = model;
  const stamp = parametersStamp(model.params, model.overlays);
  const totals = newEvaluateTotals();
  const unviable: string[] = [];
  const readOpts = { encoding: options.encoding, ...(options.delimiter ? { delimiter: options.delimiter } : {}) };
  const req = drawRequest(options);
  if (req) {
    await runWithDraws(file, options, model, readOpts, req);
    return;
  }

  if (options.format === 'json') {
    const sink = await openAtomicSink(options.out, { refuse: [file] });
    try {
      const head = JSON.stringify(withEnvelope({ parameters: stamp }, options), null, 2);
      sink.write(`${head.slice(0, -2)},\n  "compounds": [`);
      let first = true;
      const summary = await readCompoundStream(file, readOpts, (c) => {
        const e = evaluateCompound(c, k);
        addEvaluation(totals, e);
        if (!e.viable) unviable.push(c.id);
        const [head, name, tail] = compoundResultJsonParts(e, options.lang);
        sink.write(first ? `\n    ${head}` : `,\n    ${head}`);
        sink.write(name);
        sink.write(tail);
        first = false;
      });
      sink.write(`${first ? '' : '\n  '}],\n  "totals": ${JSON.stringify(totalsJson(totals), null, 2).replace(/\n/g, '\n  ')}\n}\n`);
      for (const w of summary.warnings) warn(w);
      await sink.commit();
    } catch (e) {
      await sink.abort();
      throw e;
    }
  } else {
    const rows: EvaluateRow[] = [];
    const summary = await readCompoundStream(file, readOpts, (c) => {
      const e = evaluateCompound(c, k);
      addEvaluation(totals, e);
      if (!e.viable) unviable.push(c.id);
      rows.push(evaluateRow(e));
    });
    await emit(
      {
        json: {},
        view: (lang) => evaluateView(rows, totals, stamp, lang),
        warnings: summary.warnings,
      },
      options,
      [file],
    );
  }
  if (optionsOf(Options, options).failIfAnyUnviable && unviable.length) {
    const shown = unviable.slice(0, 50);
    throw new CheckFailedError(
      `${unviable.length} of ${totals.compounds} compounds cannot break even alone`,
      [...shown, ...(unviable.length > shown.length ? [`… and ${unviable.length - shown.length} more`] : [])],
    );
  }
}

/**
 * `evaluate --draws N`: the compounds are read once and held (the draws need every compound), each
 * evaluated at the values in force and over the draws; `uncertainty` is added to each compound and
 * to the totals, a "how sure" column to the table. A CSV gives no input ranges: --vary-inputs warns.
 */
async function runWithDraws(
  file: string,
  options: CommandOptions,
  model: ReturnType<typeof loadModel>,
  readOpts: { encoding: CommandOptions['encoding']; delimiter?: string },
  req: NonNullable<ReturnType<typeof drawRequest>>,
): Promise<void> {
  const { k } = model;
  const stamp = parametersStamp(model.params, model.overlays);
  const compounds: Compound[] = [];
  const summary = await readCompoundStream(file, readOpts, (c) => void compounds.push(c));
  const warnings = [...summary.warnings];
  const draws: DrawsResult = await computeDraws(
    buildDrawModel(req, model.params, k, compounds, undefined, warnings),
    compounds.map((c) => ({ kind: 'compound', compound: c })),
    req,
  );
  const totals = newEvaluateTotals();
  const unviable: string[] = [];
  const evaluations = compounds.map((c) => {
    const e = evaluateCompound(c, k);
    addEvaluation(totals, e);
    if (!e.viable) unviable.push(c.id);
    return e;
  });
  const dist = subsidyDistribution(draws.subsidyByDraw);
  if (options.format === 'json') {
    const json = {
      parameters: stamp,
      compounds: evaluations.map((e, i) => ({ ...(JSON.parse(compoundResultJson(e, options.lang)) as object), uncertainty: uncertaintyJson(draws.targets[i]!.uncertainty) })),
      totals: { ...totalsJson(totals), uncertainty: totalsUncertaintyJson(req.draws, req.seed, dist) },
    };
    await emit({ json, view: () => ({ blocks: [] }), warnings }, options, [file]);
  } else {
    const rows: EvaluateRow[] = evaluations.map(evaluateRow);
    const byId = new Map(compounds.map((c, i) => [c.id, draws.targets[i]!.uncertainty]));
    await emit(
      {
        json: {},
        view: (lang) =>
          appendLines(
            addColumn(evaluateView(rows, totals, stamp, lang), { firstKey: 'id', secondKey: 'name' }, { key: 'howSure', label: t(lang, 'uncertainty.howSure') }, ([id]) => {
              const u = byId.get(id!);
              return u ? howSureCell(u, lang) : undefined;
            }),
            [subsidyLine(req.draws, dist, lang)],
          ),
        warnings,
      },
      options,
      [file],
    );
  }
  if (options.values.failIfAnyUnviable && unviable.length) {
    throw new CheckFailedError(`${unviable.length} of ${totals.compounds} compounds cannot break even alone`, unviable.slice(0, 50));
  }
}
