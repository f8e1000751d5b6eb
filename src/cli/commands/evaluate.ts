import { CheckFailedError } from '../../core/errors.js';
import { readCompoundStream } from '../../io/read-compounds.js';
import { openAtomicSink } from '../../io/write-atomic.js';
import { evaluateCompound } from '../../model/evaluate-compound.js';
import { parametersStamp } from '../../present/common.js';
import {
  EvaluateJsonSchema,
  addEvaluation,
  compoundResultJsonParts,
  evaluateRow,
  evaluateView,
  newEvaluateTotals,
  totalsJson,
  type EvaluateRow,
} from '../../present/evaluate.js';
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
