import { fileURLToPath } from 'node:url';
import type { Compound } from '../../src/core/compound.js';
import { readCompounds } from '../../src/io/read-compounds.js';
import { readDefaultTree } from '../../src/io/read-params.js';
import { applyOverlay, type ParamTree } from '../../src/params/tree.js';

/** The case study the what-if tests share (fixtures/case-study.csv): 京剧院小区, its host 岳阳花苑 and four lane neighbours. */
export const CASE_STUDY_CSV = fileURLToPath(new URL('../../fixtures/case-study.csv', import.meta.url));

export async function caseStudy(): Promise<Compound[]> {
  return (await readCompounds(CASE_STUDY_CSV)).compounds;
}

/** The shipped parameter tree with an optional overlay (never mutated). */
export function tree(overlay: unknown = {}): ParamTree {
  const r = applyOverlay(readDefaultTree(), overlay, { file: 'test', lineOf: () => undefined });
  if (r.problems.length) throw new Error(JSON.stringify(r.problems));
  return r.tree;
}
