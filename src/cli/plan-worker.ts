import { parentPort, workerData } from 'node:worker_threads';
import { planComponent } from '../plan/heuristic.js';
import { unitEvaluator } from '../plan/plan-units.js';
import type { PlanWorkerData } from './plan-threads.js';

/** A worker thread of `plan`: plans its components, each on its own (see plan-threads.ts). */
const { k, settings, jobs } = workerData as PlanWorkerData;
parentPort!.postMessage(jobs.map(({ index, job, compounds }) => ({ index, plan: planComponent(job, unitEvaluator(compounds, k), settings) })));
