import { evaluateArrangement } from '../../arrangements/evaluate-scenario.js';
import { membersOf, type UnitSpec } from '../../arrangements/units.js';
import { checkScenarioIds } from '../../arrangements/scenario.js';
import { InputError } from '../../core/errors.js';
import { parametersStamp } from '../../present/common.js';
import { ScenarioJsonSchema, scenarioJson, scenarioView } from '../../present/scenario.js';
import { envelope } from '../output-schema.js';
import { emit } from '../shell.js';
import { loadInput, type LoadedInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { AllocationOption, ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({ allocation: AllocationOption, detail: z.boolean().optional() });

/** 2: units carry their cost lines with --detail; --format ndjson. */
export const schemaVersion = 2;

/**
 * Heap bytes per byte of CSV that `scenario`, `attach` and `cluster` hold: every unit evaluated,
 * its view rendered (measured: 100k compounds, 10.5 MB, needed between 384 and 640 MB).
 */
export const SCENARIO_HOLD = { heapPerByte: 64 } as const;
export const outputSchema = envelope(schemaVersion, ScenarioJsonSchema.shape);

export async function run(args: string[], options: CommandOptions): Promise<void> {
  const input = await loadInput(requireArg(args, 0, 'scenario'), options, { ...SCENARIO_HOLD, holder: 'scenario' });
  await emitArrangement(input, input.scenario.units, options);
}

/** Evaluates `units` over the loaded input (shared by `scenario`, `attach` and `cluster`). */
export async function emitArrangement(input: LoadedInput, units: UnitSpec[], options: CommandOptions): Promise<void> {
  const allocation = optionsOf(Options, options).allocation ?? input.scenario.allocation;
  const result = evaluateArrangement(
    input.compounds,
    { units, changes: input.scenario.compoundChanges, allocation, seed: input.scenario.seed },
    input.model.k,
  );
  const stamp = parametersStamp(input.model.params, input.model.overlays);
  // A unit split or checked by an estimate says so on stderr too (and in its JSON `notes`).
  const notes = result.units.flatMap((u) => u.notes.map((n) => ({ code: 'UNIT_ESTIMATED', message: `unit ${u.id}: ${n}` })));
  await emit(
    {
      json: scenarioJson(result, stamp, optionsOf(Options, options).detail ?? false, options.lang),
      view: (lang) => scenarioView(result, stamp, lang),
      warnings: [...input.warnings, ...notes],
    },
    options,
    input.inputs,
  );
}

/**
 * A quick what-if from the command line (`attach`, `cluster`): the input's units, less any that
 * share a compound with `unit`, plus `unit`; ids checked as a scenario file's would be.
 */
export async function emitWithUnit(input: LoadedInput, unit: UnitSpec, options: CommandOptions): Promise<void> {
  const ids = membersOf(unit);
  const units = [...input.scenario.units.filter((u) => !membersOf(u).some((id) => ids.includes(id))), unit];
  const problems = checkScenarioIds({ ...input.scenario, units }, new Set(input.compounds.map((c) => c.id)), () => ({ file: 'command line', line: 0, column: 0 }));
  if (problems.length) throw new InputError(problems.map((p) => ({ ...p, where: { file: 'command line' } })));
  await emitArrangement(input, units, options);
}
