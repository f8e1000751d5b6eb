import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Compound } from '../core/compound.js';
import { inputError } from '../core/errors.js';
import type { Coefficients } from '../model/coefficients.js';
import type { ComponentJob } from '../plan/components.js';
import { assembleHeuristic, componentSettings, planComponent, prepareHeuristic, type ComponentPlan, type ComponentSettings } from '../plan/heuristic.js';
import { unitEvaluator } from '../plan/plan-units.js';
import type { PlanOptions, PlanResult, UnitEvaluator } from '../plan/types.js';

/** Below this many compounds in components, `--threads auto` plans on this thread: a worker costs more to start. */
const THREAD_THRESHOLD = 5_000;

/** What a worker of the planner receives: its components, each with its compounds. */
export interface PlanWorkerData {
  k: Coefficients;
  settings: ComponentSettings;
  jobs: { index: number; job: ComponentJob; compounds: Compound[] }[];
}

/** `--threads N|auto` of `plan`: a number from 1 to 64, `auto`, or absent (auto). */
export function planThreads(value: unknown): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw inputError('USAGE', `--threads expects auto or a whole number from 1 to 64, got "${String(value)}"`);
  return n;
}

/**
 * The heuristic plan, its components split over worker threads. Each component is planned on its
 * own (its cache, seed and budget share: plan/heuristic.ts planComponent) and the plan is put
 * together sorted by first member, so the result is the same for any number of threads. A
 * district dominated by one component is one job (components.ts): it runs here, on one thread.
 * `auto`: every core when there are two jobs or more and at least THREAD_THRESHOLD compounds.
 */
export async function planHeuristicThreaded(compounds: Compound[], k: Coefficients, opts: PlanOptions, threads: number | 'auto'): Promise<PlanResult> {
  const { rules, jobs, alone } = prepareHeuristic(compounds, opts);
  const evaluate = unitEvaluator(compounds, k);
  const settings = componentSettings(opts);
  const work = jobs.reduce((s, j) => s + j.members.length, 0);
  const wanted = threads === 'auto' ? (work >= THREAD_THRESHOLD ? availableParallelism() : 1) : threads;
  const t = Math.max(1, Math.min(wanted, jobs.length));
  // Largest jobs first, each to the least loaded thread (ties: the lower thread); thread 0 is this one.
  const bins: number[][] = Array.from({ length: t }, () => []);
  const load = new Array<number>(t).fill(0);
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.members.length - jobs[a]!.members.length || a - b);
  for (const i of order) {
    let best = 0;
    for (let b = 1; b < t; b++) if (load[b]! < load[best]!) best = b;
    bins[best]!.push(i);
    load[best]! += jobs[i]!.members.length;
  }
  const parts = new Array<ComponentPlan>(jobs.length);
  const pending = bins.slice(1).map((bin) =>
    inWorker({ k, settings, jobs: bin.map((index) => ({ index, job: jobs[index]!, compounds: Array.from(jobs[index]!.members, (i) => compounds[i]!) })) }).then((done) => {
      for (const { index, plan } of done) parts[index] = plan;
    }),
  );
  // Awaited below; marked handled now so a failure here first does not leave them unhandled.
  for (const p of pending) p.catch(() => undefined);
  let planned = 0;
  const own = bins[0]!.slice().sort((a, b) => a - b);
  for (const index of own) {
    const job = jobs[index]!;
    const members = job.members;
    const size = members.length;
    const local: UnitEvaluator = size === compounds.length ? evaluate : (m) => evaluate(m.map((i) => members[i]!));
    const onProgress = opts.onProgress && ((d: number, tot: number) => opts.onProgress!(Math.round((1000 * (planned + (size * d) / tot)) / Math.max(1, load[0]!)), 1000));
    parts[index] = planComponent(job, local, { ...settings, onProgress });
    planned += size;
  }
  await Promise.all(pending);
  return assembleHeuristic(compounds, rules, alone, parts, evaluate, opts.objective);
}

function inWorker(data: PlanWorkerData): Promise<{ index: number; plan: ComponentPlan }[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./plan-worker.js', import.meta.url), { workerData: data });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`plan worker stopped with exit code ${code}`));
    });
  });
}
