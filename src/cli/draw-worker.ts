import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import { runDraws, type DrawModel, type DrawTarget } from '../analyses/uncertainty.js';

/** A worker thread of `--draws`: every draw of its slice of the targets (see draws.ts). */
const { m, targets, seed, draws } = workerData as { m: DrawModel; targets: DrawTarget[]; seed: number; draws: number };
try {
  parentPort!.postMessage(runDraws(m, targets, seed, draws));
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  parentPort!.postMessage({ problems: e.problems });
}
