import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Compound } from '../core/compound.js';
import { InputError, inputError, type Problem } from '../core/errors.js';
import { addByDraw, drawModel, resolveInputRanges, runDraws, type DrawModel, type DrawTarget, type DrawsResult } from '../analyses/uncertainty.js';
import type { Coefficients } from '../model/coefficients.js';
import type { ResolvedParams } from '../params/tree.js';
import type { CommandOptions } from './registry.js';
import { DrawOptions, optionsOf } from './options.js';

/** `--draws N --seed S [--vary-inputs] [--threads N]` as a command received them. */
export interface DrawRequest {
  draws: number;
  seed: number;
  varyInputs: boolean;
  threads?: number;
}

export function drawRequest(options: CommandOptions): DrawRequest | undefined {
  const v = optionsOf(DrawOptions, options);
  if (v.draws === undefined) {
    if (v.varyInputs) throw inputError('USAGE', '--vary-inputs needs --draws N');
    return undefined;
  }
  let threads: number | undefined;
  if (v.threads !== undefined && v.threads !== 'auto') {
    threads = Number(v.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw inputError('USAGE', `--threads expects auto or a whole number from 1 to 64, got "${String(v.threads)}"`);
  }
  return { draws: v.draws, seed: v.seed ?? 1, varyInputs: Boolean(v.varyInputs), ...(threads !== undefined ? { threads } : {}) };
}

/**
 * The draw model of a loaded input: the parameters' ranges, and with --vary-inputs the compounds'
 * own ranges from a scenario's `inputRanges:` (a warning when none are given).
 */
export function buildDrawModel(
  req: DrawRequest,
  params: ResolvedParams,
  k: Coefficients,
  compounds: readonly Compound[],
  ranges: readonly { id: string; field: 'collection_rate' | 'other_income'; low: number; high: number }[] | undefined,
  warnings: Problem[],
): DrawModel {
  if (req.varyInputs && !ranges?.length)
    warnings.push({ code: 'NO_INPUT_RANGES', message: '--vary-inputs: no input ranges given; only the parameters vary', hint: 'give ranges in a scenario: inputRanges: { "*": { collection_rate: [0.6, 0.9] } }' });
  return drawModel(params, req.varyInputs && ranges ? resolveInputRanges(compounds, ranges, k) : []);
}

/** Below this many member evaluations the draws stay on the main thread: a worker costs more to start. */
const THREAD_THRESHOLD = 20_000;

function weight(t: DrawTarget): number {
  // A unit of n costs one evaluation of n members plus n evaluations of n − 1 (avoidable costs).
  return t.kind === 'compound' ? 1 : t.members.length === 1 ? 1 : t.members.length * t.members.length;
}

/**
 * Every draw of every target, split by targets over worker threads when there is enough work.
 * A target's draws depend on (seed, draw index) only, and per-draw totals are sums of integer fen,
 * so the result is the same for any number of threads.
 */
export async function computeDraws(m: DrawModel, targets: readonly DrawTarget[], req: DrawRequest): Promise<DrawsResult> {
  const work = targets.reduce((s, t) => s + weight(t), 0) * req.draws;
  const threads = Math.max(1, Math.min(req.threads ?? (work >= THREAD_THRESHOLD ? availableParallelism() : 1), targets.length));
  if (threads === 1) return runDraws(m, targets, req.seed, req.draws);
  // Contiguous slices of about equal work, so results come back in target order.
  const total = targets.reduce((s, t) => s + weight(t), 0);
  const slices: DrawTarget[][] = [];
  let cur: DrawTarget[] = [];
  let acc = 0;
  for (const t of targets) {
    cur.push(t);
    acc += weight(t);
    if (acc >= (total * (slices.length + 1)) / threads && slices.length < threads - 1) {
      slices.push(cur);
      cur = [];
    }
  }
  slices.push(cur);
  // The first slice runs here, while worker threads take the others (one fewer thread to start).
  const [own, ...others] = slices.filter((s) => s.length);
  const pending = others.map((s) => inWorker(m, s, req.seed, req.draws));
  // Awaited below; marked handled now so a failure here first does not leave them unhandled.
  for (const p of pending) p.catch(() => undefined);
  const mine = runDraws(m, own!, req.seed, req.draws);
  const parts = [mine, ...(await Promise.all(pending))];
  const subsidyByDraw = new Array<number>(req.draws).fill(0);
  for (const p of parts) addByDraw(subsidyByDraw, p.subsidyByDraw);
  return { targets: parts.flatMap((p) => p.targets), subsidyByDraw };
}

function inWorker(m: DrawModel, targets: DrawTarget[], seed: number, draws: number): Promise<DrawsResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./draw-worker.js', import.meta.url), { workerData: { m, targets, seed, draws } });
    // A bad draw (an amount too large to add exactly) is an InputError: its problems cross over as data.
    w.once('message', (r: DrawsResult | { problems: Problem[] }) => ('problems' in r ? reject(new InputError(r.problems)) : resolve(r)));
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`draw worker stopped with exit code ${code}`));
    });
  });
}

/** The units of an evaluated arrangement as draw targets, members with the scenario's changes. */
export function unitTargets(units: readonly { id: string; evaluation: { memberIds: string[] } }[], changed: readonly Compound[]): DrawTarget[] {
  const byId = new Map(changed.map((c) => [c.id, c]));
  return units.map((u) => ({ kind: 'unit', id: u.id, members: u.evaluation.memberIds.map((id) => byId.get(id)!) }));
}
