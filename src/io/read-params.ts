import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.js';
import { readTextInput, registerInput } from './open-input.js';
import { applyOverlay, flattenTree, resolveParams, type ParamTree, type ResolvedParams } from '../params/tree.js';
import { parseYamlDoc } from './yaml-doc.js';

/** The shipped defaults live beside the package (src/params/data), read once per process. */
const DEFAULTS_URL = new URL('../../src/params/data/shanghai.yaml', import.meta.url);
let defaultTree: ParamTree | undefined;

export function readDefaultTree(): ParamTree {
  const file = fileURLToPath(DEFAULTS_URL);
  // The shipped defaults are an input of every run that uses them: no --out may replace them.
  registerInput(file);
  if (defaultTree) return defaultTree;
  const doc = parseYamlDoc(readFileSync(file, 'utf8'), file);
  const { tree, problems } = flattenTree(doc.value, file);
  // The shipped file is ours: a problem in it is a bug, not a user error.
  if (problems.length) throw new Error(`invalid shipped parameters: ${JSON.stringify(problems)}`);
  defaultTree = tree;
  return tree;
}

/**
 * A scenario, parameter or test-case file: a regular file of at most MAX_TEXT_INPUT_BYTES, in
 * UTF-8 or GB18030 (src/io/open-input.ts), recorded as an input so no output replaces it.
 */
export function readTextFile(path: string): string {
  return readTextInput(path);
}

/** Applies an overlay file (YAML or JSON) to a tree. */
export function overlayFromFile(tree: ParamTree, path: string): ParamTree {
  const doc = parseYamlDoc(readTextFile(path), path, { unknownKeyCode: 'PARAMS_UNKNOWN_KEY' });
  return overlayFromValue(tree, doc.value, path, (p) => doc.where(p).line);
}

export function overlayFromValue(
  tree: ParamTree,
  value: unknown,
  file: string,
  lineOf: (path: string[]) => number | undefined,
): ParamTree {
  const r = applyOverlay(tree, value, { file, lineOf });
  if (r.problems.length) throw new InputError(r.problems);
  return r.tree;
}

export function resolveOrThrow(tree: ParamTree, asOf: string): ResolvedParams {
  const r = resolveParams(tree, asOf);
  if (!r.params) throw new InputError(r.problems);
  return r.params;
}

/** Defaults, then each overlay file in order, resolved on `asOf`. */
export function loadParams(opts: { overlays?: string[]; asOf: string }): { tree: ParamTree; params: ResolvedParams } {
  let tree = readDefaultTree();
  for (const f of opts.overlays ?? []) tree = overlayFromFile(tree, f);
  return { tree, params: resolveOrThrow(tree, opts.asOf) };
}
