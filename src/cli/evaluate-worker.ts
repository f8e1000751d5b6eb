/**
 * The worker thread of `evaluate --threads N` (N ≥ 2): the main thread reads and validates the
 * compounds file and posts batches of compounds; each worker evaluates a batch and formats it
 * (the same text as one thread writes), and posts back the text and each compound's figures, so
 * that the main thread adds the totals in file order (with the same overflow check) and writes
 * the batches in order. `inflight[0]` counts batches posted and not yet done: the main thread
 * waits on it (Atomics.wait) so that a slow worker bounds the memory, whatever the file size.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Compound } from '../core/compound.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateCompound } from '../model/evaluate-compound.js';
import { compoundResultJsonParts } from '../present/evaluate.js';
import { evaluateCsvRow } from '../render/evaluate-csv.js';
import type { Lang } from '../core/lang.js';

export interface WorkerSetup {
  k: Coefficients;
  lang: Lang;
  detail: boolean;
  format: 'json' | 'ndjson' | 'csv';
  inflight: Int32Array;
}

export interface BatchResult {
  seq: number;
  /** JSON: compounds joined by ",\n    "; NDJSON: lines, each ending in "\n"; CSV: rows, each after "\r\n". */
  text: string;
  revenue: Float64Array;
  cost: Float64Array;
  profit: Float64Array;
  subsidyNeeded: Float64Array;
  viable: Uint8Array;
}

/** Formats one batch: the text the one-thread writer writes for these compounds (see evaluate.ts). */
export function formatBatch(compounds: readonly Compound[], s: Omit<WorkerSetup, 'inflight'>, seq: number): BatchResult {
  const n = compounds.length;
  const r: BatchResult = {
    seq,
    text: '',
    revenue: new Float64Array(n),
    cost: new Float64Array(n),
    profit: new Float64Array(n),
    subsidyNeeded: new Float64Array(n),
    viable: new Uint8Array(n),
  };
  const csv = s.format === 'csv';
  const modelOpts = { lines: s.detail && !csv };
  let text = '';
  for (let i = 0; i < n; i++) {
    const e = evaluateCompound(compounds[i]!, s.k, modelOpts);
    r.revenue[i] = e.revenue;
    r.cost[i] = e.cost;
    r.profit[i] = e.profit;
    r.subsidyNeeded[i] = e.subsidyNeeded;
    r.viable[i] = e.viable ? 1 : 0;
    if (csv) {
      text += evaluateCsvRow(e, s.lang);
      continue;
    }
    const [head, name, tail] = compoundResultJsonParts(e, s.lang, s.detail);
    if (s.format === 'ndjson') text += `{"record":"compound",${head.slice(1)}${name}${tail}\n`;
    else text += `${i === 0 ? '' : ',\n    '}${head}${name}${tail}`;
  }
  r.text = text;
  return r;
}

if (parentPort) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  port.on('message', (m: { seq: number; compounds: Compound[] }) => {
    let out: BatchResult | { seq: number; error: string };
    try {
      out = formatBatch(m.compounds, setup, m.seq);
    } catch (e) {
      out = { seq: m.seq, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(out);
    Atomics.sub(setup.inflight, 0, 1);
    Atomics.notify(setup.inflight, 0);
  });
}
