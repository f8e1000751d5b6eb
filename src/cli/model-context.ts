import { InputError, inputError } from '../core/errors.js';
import { loadParams, overlayFromValue, readDefaultTree, resolveOrThrow, overlayFromFile } from '../io/read-params.js';
import { computeCoefficients, type Coefficients } from '../model/coefficients.js';
import type { ParamTree, ResolvedParams } from '../params/tree.js';
import type { CommandOptions } from './registry.js';
import { ModelOptions, optionsOf } from './options.js';

/** What a model command works with: the parameters in force and the coefficients built from them. */
export interface ModelContext {
  tree: ParamTree;
  params: ResolvedParams;
  k: Coefficients;
  overlays: string[];
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function asOfOption(options: CommandOptions): string | undefined {
  return optionsOf(ModelOptions, options).asOf;
}

export function paramFiles(options: CommandOptions): string[] {
  return optionsOf(ModelOptions, options).params ?? [];
}

/**
 * Defaults, then an optional in-document overlay (a scenario's `parameters:`), then --params files,
 * resolved on --as-of (or the scenario's asOf, or today). Command-line options win over files.
 */
export function loadModel(
  options: CommandOptions,
  scenario?: { asOf?: string; parameters?: unknown; file: string; lineOf: (path: string[]) => number | undefined },
): ModelContext {
  try {
    return loadModelAsOf(options, scenario);
  } catch (e) {
    // A date the scenario chose (and --as-of did not override) is wrong on the scenario's line.
    if (!(e instanceof InputError) || asOfOption(options) !== undefined || scenario?.asOf === undefined) throw e;
    const line = scenario.lineOf(['asOf']);
    throw new InputError(
      e.problems.map((p) =>
        p.code === 'PARAMS_NOT_IN_FORCE' && p.where?.file === 'parameters'
          ? { ...p, where: { file: scenario.file, ...(line !== undefined ? { line } : {}), field: p.where.field ?? 'asOf' }, hint: 'choose a later asOf date' }
          : p,
      ),
    );
  }
}

function loadModelAsOf(
  options: CommandOptions,
  scenario?: { asOf?: string; parameters?: unknown; file: string; lineOf: (path: string[]) => number | undefined },
): ModelContext {
  const files = paramFiles(options);
  const asOf = asOfOption(options) ?? scenario?.asOf ?? today();
  if (!scenario?.parameters) {
    const { tree, params } = loadParams({ overlays: files, asOf });
    return { tree, params, k: computeCoefficients(params), overlays: files };
  }
  let tree: ParamTree = overlayFromValue(readDefaultTree(), scenario.parameters, scenario.file, (p) => scenario.lineOf(['parameters', ...p]));
  for (const f of files) tree = overlayFromFile(tree, f);
  const params = resolveOrThrow(tree, asOf);
  return { tree, params, k: computeCoefficients(params), overlays: [`${scenario.file} (parameters)`, ...files] };
}

/** The one positional argument a command requires, or a usage error. */
export function requireArg(args: readonly string[], i: number, name: string): string {
  const v = args[i];
  if (v === undefined) throw inputError('USAGE', `missing argument <${name}>`);
  return v;
}
