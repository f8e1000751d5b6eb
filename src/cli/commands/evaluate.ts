import { CheckFailedError } from '../../core/errors.js';
import { readCompoundStream } from '../../io/read-compounds.js';
import { openAtomicSink, type AtomicSink } from '../../io/write-atomic.js';
import { evaluateCompound, type CompoundEvaluation } from '../../model/evaluate-compound.js';
import { parametersStamp } from '../../report/common.js';
import {
  EvaluateJsonSchema,
  addEvaluation,
  compoundResultJsonParts,
  evaluateFooterCells,
  evaluateNote,
  evaluateRow,
  evaluateRowCells,
  evaluateTable,
  evaluateView,
  newEvaluateTotals,
  totalsJson,
  type EvaluateRow,
} from '../../report/evaluate.js';
import { csvRow, csvTableStart, renderCsv } from '../../render/csv.js';
import { envelope } from '../output-schema.js';
import { emit, warn, withEnvelope } from '../shell.js';
import { loadModel, requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';

/** 2: cost lines only with --detail (they were 2 KB of every compound's 2.2). */
export const schemaVersion = 2;
export const outputSchema = envelope(schemaVersion, EvaluateJsonSchema.shape);

/** Most unviable ids kept for the --fail-if-any-unviable summary (the count is always exact). */
const MAX_UNVIABLE_LISTED = 50;

/**
 * Every compound managed alone. JSON, NDJSON and CSV are streamed: each compound is written as it
 * is evaluated, so memory does not grow with the file (the command holds one compound, the
 * totals and at most 50 unviable ids); the output appears atomically only once the whole file
 * has validated (a bad row anywhere means nothing is written). Table and Markdown hold one small
 * row per compound: their column widths need every row.
 */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = requireArg(args, 0, 'file');
  const model = loadModel(options);
  const { k } = model;
  const stamp = parametersStamp(model.params, model.overlays);
  const totals = newEvaluateTotals();
  const unviable: string[] = [];
  let unviableCount = 0;
  const readOpts = { encoding: options.encoding, ...(options.delimiter ? { delimiter: options.delimiter } : {}) };
  const detail = options.values.detail === true;
  const lang = options.lang;
  const count = (e: CompoundEvaluation) => {
    addEvaluation(totals, e);
    if (!e.viable) {
      unviableCount++;
      if (unviable.length < MAX_UNVIABLE_LISTED) unviable.push(e.compound.id);
    }
  };

  const streamed = options.format === 'json' || options.format === 'ndjson' || options.format === 'csv';
  if (streamed) {
    const sink = await openAtomicSink(options.out, { refuse: [file], bom: options.format === 'csv' && options.out !== undefined });
    try {
      const writer = streamWriter(options, sink, detail, stamp);
      const summary = await readCompoundStream(file, readOpts, (c) => {
        const e = evaluateCompound(c, k);
        count(e);
        writer.compound(e);
      });
      writer.end(totals);
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
      count(e);
      rows.push(evaluateRow(e));
    });
    await emit({ json: {}, view: (l) => evaluateView(rows, totals, stamp, l), warnings: summary.warnings }, options, [file]);
  }
  if (options.values.failIfAnyUnviable && unviableCount) {
    throw new CheckFailedError(`${unviableCount} of ${totals.compounds} compounds cannot break even alone`, [
      ...unviable,
      ...(unviableCount > unviable.length ? [`… and ${unviableCount - unviable.length} more`] : []),
    ]);
  }

  function streamWriter(o: CommandOptions, sink: AtomicSink, withLines: boolean, parameters: typeof stamp) {
    if (o.format === 'csv') {
      // The same text as renderCsv(evaluateView(...)), a row at a time (a test holds it to that).
      const table = evaluateTable(lang);
      sink.write(csvTableStart(table));
      return {
        compound: (e: CompoundEvaluation) => sink.write(csvRow(table, evaluateRowCells(evaluateRow(e), lang), true)),
        end: (t: typeof totals) => {
          sink.write(csvRow(table, evaluateFooterCells(t, lang), true));
          sink.write(`\r\n\r\n${renderCsv({ blocks: [evaluateNote(parameters, lang)] }, { lang, color: false })}`);
        },
      };
    }
    if (o.format === 'ndjson') {
      // One envelope line, one line per compound, one totals line (see src/render/ndjson.ts).
      sink.write(`${JSON.stringify({ record: 'envelope', ...withEnvelope({ parameters }, o) })}\n`);
      return {
        compound: (e: CompoundEvaluation) => {
          const [head, name, tail] = compoundResultJsonParts(e, lang, withLines);
          sink.write(`{"record":"compound",${head.slice(1)}`);
          sink.write(name);
          sink.write(`${tail}\n`);
        },
        end: (t: typeof totals) => sink.write(`${JSON.stringify({ record: 'totals', totals: totalsJson(t) })}\n`),
      };
    }
    // JSON: one compound per line between a pretty head and tail.
    const head = JSON.stringify(withEnvelope({ parameters }, o), null, 2);
    sink.write(`${head.slice(0, -2)},\n  "compounds": [`);
    let first = true;
    return {
      compound: (e: CompoundEvaluation) => {
        const [h, name, tail] = compoundResultJsonParts(e, lang, withLines);
        sink.write(first ? `\n    ${h}` : `,\n    ${h}`);
        sink.write(name);
        sink.write(tail);
        first = false;
      },
      end: (t: typeof totals) =>
        sink.write(`${first ? '' : '\n  '}],\n  "totals": ${JSON.stringify(totalsJson(t), null, 2).replace(/\n/g, '\n  ')}\n}\n`),
    };
  }
}
