import { applyChanges, membersOf, unitId } from '../../arrangements/units.js';
import { inputError } from '../../core/errors.js';
import type { Compound } from '../../core/compound.js';
import { SENSITIVITY_TARGETS, tornado, type SensitivityTarget } from '../../analyses/sensitivity.js';
import { didYouMean } from '../../core/did-you-mean.js';
import { SensitivityJsonSchema, sensitivityJson, sensitivityView } from '../../present/uncertainty.js';
import { buildDrawModel } from '../draws.js';
import { envelope } from '../output-schema.js';
import { emit } from '../shell.js';
import { loadInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({
  id: z.string().optional(),
  top: z.number().int().positive().optional(),
  target: z.enum(SENSITIVITY_TARGETS).optional(),
  varyInputs: z.boolean().optional(),
});

export const schemaVersion = 1;
export const outputSchema = envelope(schemaVersion, SensitivityJsonSchema.shape);

/**
 * `sensitivity FILE|SCENARIO [--id ID] [--top N] [--target profit|subsidy|break-even-fee]`: the
 * tornado. Without --id, every unit of the input (the district); --id names a unit of the scenario
 * (its id as `scenario` prints it), else a compound, taken alone.
 */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const input = await loadInput(requireArg(args, 0, 'file'), options);
  const v = optionsOf(Options, options);
  const target: SensitivityTarget = v.target ?? 'profit';
  const id = v.id ?? null;
  const changed = applyChanges(input.compounds, input.scenario.compoundChanges);
  const byId = new Map(changed.map((c) => [c.id, c]));
  const placed = new Set(input.scenario.units.flatMap(membersOf));
  const units = new Map<string, Compound[]>();
  for (const u of input.scenario.units) units.set(unitId(u), membersOf(u).map((m) => byId.get(m)!));
  for (const c of changed) if (!placed.has(c.id) && !units.has(c.id)) units.set(c.id, [c]);
  let chosen: Compound[][];
  if (id === null) chosen = [...units.values()];
  else if (units.has(id)) chosen = [units.get(id)!];
  else if (byId.has(id)) chosen = [[byId.get(id)!]];
  else {
    const s = didYouMean(id, [...units.keys(), ...byId.keys()]);
    throw inputError('UNKNOWN_COMPOUND', `--id: no unit or compound "${id}"`, { file: input.scenarioFile ?? input.compoundsFile }, s ? `did you mean "${s}"?` : undefined);
  }
  const warnings = [...input.warnings];
  const members = chosen.flat();
  const req = { draws: 1, seed: 1, varyInputs: Boolean(v.varyInputs) };
  const model = buildDrawModel(req, input.model.params, input.model.k, members, input.scenario.inputRanges, warnings);
  const t = tornado(model, chosen, target);
  const top = v.top;
  const shown = top !== undefined ? { ...t, rows: t.rows.slice(0, top) } : t;
  await emit({ json: sensitivityJson(shown, id), view: (lang) => sensitivityView(shown, id, lang), warnings }, options, input.inputs);
}
