import { readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { applyOverlay } from '../../src/params/tree.js';
import { computeCoefficients, type Coefficients } from '../../src/model/coefficients.js';

/** Coefficients from the shipped defaults on `asOf`, with an optional overlay. */
export function coefficients(asOf = '2025-07-01', overlay: unknown = {}): Coefficients {
  const r = applyOverlay(readDefaultTree(), overlay, { file: 'test', lineOf: () => undefined });
  if (r.problems.length) throw new Error(JSON.stringify(r.problems));
  return computeCoefficients(resolveOrThrow(r.tree, asOf));
}
