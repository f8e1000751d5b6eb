import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Compound } from '../../core/compound.js';
import { CheckFailedError, inputError } from '../../core/errors.js';
import { readCompoundStream } from '../../io/read-compounds.js';
import { openAtomicSink, type AtomicSink } from '../../io/write-atomic.js';
import { evaluateCompound, type CompoundEvaluation } from '../../model/evaluate-compound.js';
import { parametersStamp } from '../../present/common.js';
import {
  EvaluateJsonSchema,
  addEvaluation,
  compoundResultJson,
  compoundResultJsonParts,
  evaluateRow,
  evaluateTable,
  evaluateView,
  newEvaluateTotals,
  totalsJson,
  type EvaluateRow,
} from '../../present/evaluate.js';
import type { DrawsResult } from '../../analyses/uncertainty.js';
import { addColumn, appendLines, howSureCell, subsidyLine, totalsUncertaintyJson, uncertaintyJson } from '../../present/uncertainty.js';
import { subsidyDistribution } from '../../analyses/uncertainty.js';
import { t } from '../../present/labels/index.js';
import { buildDrawModel, computeDraws, drawRequest } from '../draws.js';
import { checkTableName, csvTableStart } from '../../render/csv.js';
import { evaluateCsvRow } from '../../render/evaluate-csv.js';
import { envelope } from '../output-schema.js';
import { emit, warn, withEnvelope } from '../shell.js';
import { loadModel, requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import type { BatchResult, WorkerSetup } from '../evaluate-worker.js';
import { inputFiles, readOptionsOf } from '../read-options.js';
import { ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({ failIfAnyUnviable: z.boolean().optional(), detail: z.boolean().optional(), threads: z.string().optional() });

/** 2: cost lines only with --detail (they were 2 KB of every compound's 2.2). */
export const schemaVersion = 2;

/** Heap bytes per byte of CSV that a table or Markdown report of `evaluate` holds. */
export const TABLE_HEAP_PER_BYTE = 24;
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
  const readOpts = readOptionsOf(options);
  const v = optionsOf(Options, options);
  const detail = v.detail ?? false;
  const lang = options.lang;
  const count = (e: CompoundEvaluation) => {
    addEvaluation(totals, e);
    if (!e.viable) {
      unviableCount++;
      if (unviable.length < MAX_UNVIABLE_LISTED) unviable.push(e.compound.id);
    }
  };
  const req = drawRequest(options);
  if (req) {
    await runWithDraws(file, options, model, readOpts, req);
    return;
  }

  const streamed = options.format === 'json' || options.format === 'ndjson' || options.format === 'csv';
  const threads = threadCount(v.threads, file);
  // The cost lines are kept only for the JSON and NDJSON of --detail; every other output shows sums.
  const modelOpts = { lines: detail && options.format !== 'csv' };
  if (streamed) {
    const sink = await openAtomicSink(options.out, { refuse: inputFiles(file), bom: options.format === 'csv' && options.out !== undefined });
    try {
      const writer = streamWriter(options, sink, detail, stamp);
      const summary =
        threads > 1
          ? await evaluateThreaded(file, readOpts, threads, { k, lang, detail, format: options.format as WorkerSetup['format'] }, writer, count)
          : await readCompoundStream(file, readOpts, (c) => {
              const e = evaluateCompound(c, k, modelOpts);
              count(e);
              writer.compound(e);
            });
      writer.end(totals);
      for (const w of summary.warnings) warn(w, options.lang);
      await sink.commit();
    } catch (e) {
      await sink.abort();
      throw e;
    }
  } else {
    const rows: EvaluateRow[] = [];
    // The table holds a row per compound and renders them all: ≈ 24 heap bytes per byte of CSV
    // (measured: 10.5 MB needed between 160 and 256 MB).
    const summary = await readCompoundStream(file, { ...readOpts, heapPerByte: TABLE_HEAP_PER_BYTE, holder: `evaluate --format ${options.format}` }, (c) => {
      const e = evaluateCompound(c, k, { lines: false });
      count(e);
      rows.push(evaluateRow(e));
    });
    await emit({ json: {}, view: (l) => evaluateView(rows, totals, stamp, l), warnings: summary.warnings }, options, inputFiles(file));
  }
  if (v.failIfAnyUnviable && unviableCount) {
    throw new CheckFailedError(`${unviableCount} of ${totals.compounds} compounds cannot break even alone`, [
      ...unviable,
      ...(unviableCount > unviable.length ? [`… and ${unviableCount - unviable.length} more`] : []),
    ]);
  }

  function streamWriter(o: CommandOptions, sink: AtomicSink, withLines: boolean, parameters: typeof stamp) {
    if (o.format === 'csv') {
      // The same text as renderCsv(evaluateView(...)), a row at a time (a test holds it to that):
      // the header and one row per compound, no totals or notes.
      const table = evaluateTable(lang);
      checkTableName([table.name ?? '1'], o.table);
      sink.write(csvTableStart(table));
      return {
        compound: (e: CompoundEvaluation) => sink.write(evaluateCsvRow(e, lang)),
        batch: (text: string) => sink.write(text),
        end: () => sink.write('\r\n'),
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
        batch: (text: string) => sink.write(text),
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
      batch: (text: string) => {
        if (text === '') return;
        sink.write(first ? `\n    ` : `,\n    `);
        sink.write(text);
        first = false;
      },
      end: (t: typeof totals) =>
        sink.write(`${first ? '' : '\n  '}],\n  "totals": ${JSON.stringify(totalsJson(t), null, 2).replace(/\n/g, '\n  ')}\n}\n`),
    };
  }
}

/** Compounds a batch sent to a worker. */
const BATCH = 1000;

/** Inputs from this size up are evaluated on two threads by `--threads auto` (about 80,000 compounds). */
const AUTO_THREADS_BYTES = 8 * 1024 * 1024;

/**
 * `--threads N|auto`. auto is two threads (a reader and one worker) for a compounds file of 8 MB or
 * more on a machine with two cores or more, else one: reading and validating stays the bottleneck,
 * so more workers add nothing, and a small file does not pay for a worker's start-up. In npm run
 * bench (idle 2-core machine, 1M compounds) two threads took 0.80× the wall time of one (1.25×
 * faster) for 1.41× its CPU (test/bench/RESULTS.md).
 */
function threadCount(value: unknown, file: string): number {
  if (value === undefined || value === 'auto') {
    if (file === '-' || availableParallelism() < 2) return 1;
    try {
      return statSync(file).size >= AUTO_THREADS_BYTES ? 2 : 1;
    } catch {
      return 1; // the reader reports a missing file as it always does
    }
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw inputError('USAGE', `--threads expects auto or a whole number from 1 to 64, got "${String(value)}"`);
  return n;
}

/**
 * evaluate on `threads` threads: this one reads and validates, `threads − 1` workers evaluate and
 * format batches (src/cli/evaluate-worker.ts). Batches are written and added up in file order, so
 * the output is the same, byte for byte, as on one thread (a test holds it to that); a bad row or
 * too large a total ends the run as on one thread.
 */
async function evaluateThreaded(
  file: string,
  readOpts: Parameters<typeof readCompoundStream>[1],
  threads: number,
  setup: Omit<WorkerSetup, 'inflight'>,
  writer: { batch: (text: string) => void },
  count: (e: CompoundEvaluation) => void,
): Promise<Awaited<ReturnType<typeof readCompoundStream>>> {
  const inflight = new Int32Array(new SharedArrayBuffer(4));
  const workerCount = threads - 1;
  const maxInflight = 4 * workerCount;
  const workers = Array.from({ length: workerCount }, () => new Worker(new URL('../evaluate-worker.js', import.meta.url), { workerData: { ...setup, inflight } }));
  const sent = new Map<number, Compound[]>();
  const pending = new Map<number, BatchResult>();
  let seq = 0;
  let next = 0;
  let failure: unknown;
  let settle: (() => void) | undefined;
  const drain = () => {
    try {
      for (let r = pending.get(next); r !== undefined; r = pending.get(next)) {
        const cs = sent.get(next)!;
        for (let i = 0; i < cs.length; i++) {
          // Only the fields count() reads: the totals, the verdict and the compound for messages.
          count({ compound: cs[i]!, viable: r.viable[i] === 1, revenue: r.revenue[i]!, cost: r.cost[i]!, profit: r.profit[i]!, subsidyNeeded: r.subsidyNeeded[i]! } as unknown as CompoundEvaluation);
        }
        writer.batch(r.text);
        pending.delete(next);
        sent.delete(next);
        next++;
      }
    } catch (e) {
      failure ??= e;
    }
    if (settle && (next === seq || failure !== undefined)) settle();
  };
  for (const w of workers) {
    w.on('message', (m: BatchResult | { seq: number; error: string }) => {
      if ('error' in m) failure ??= new Error(`evaluate worker: ${m.error}`);
      else pending.set(m.seq, m);
      drain();
    });
    w.on('error', (e) => {
      failure ??= e;
      drain();
    });
  }
  let batch: Compound[] = [];
  const post = () => {
    sent.set(seq, batch);
    Atomics.add(inflight, 0, 1);
    workers[seq % workerCount]!.postMessage({ seq, compounds: batch });
    seq++;
    batch = [];
    // Back-pressure: a slow worker makes the reader wait, so memory stays bounded. A worker that
    // died never lowers the count: give up after a minute without progress.
    let waited = 0;
    for (let v = Atomics.load(inflight, 0); v >= maxInflight; v = Atomics.load(inflight, 0)) {
      if (Atomics.wait(inflight, 0, v, 1000) === 'timed-out' && ++waited >= 60) throw new Error('evaluate: a worker thread stopped answering');
    }
  };
  try {
    const summary = await readCompoundStream(file, readOpts, (c) => {
      batch.push(c);
      if (batch.length >= BATCH) post();
    });
    if (batch.length) post();
    if (next !== seq && failure === undefined) await new Promise<void>((res) => ((settle = res), drain()));
    if (failure !== undefined) throw failure;
    return summary;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
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
  readOpts: Parameters<typeof readCompoundStream>[1],
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
  if (options.format === 'json' || options.format === 'ndjson') {
    const json = {
      parameters: stamp,
      compounds: evaluations.map((e, i) => ({ ...(JSON.parse(compoundResultJson(e, options.lang, optionsOf(Options, options).detail ?? false)) as object), uncertainty: uncertaintyJson(draws.targets[i]!.uncertainty) })),
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
