import { fileURLToPath } from 'node:url';
import { inputError } from '../../core/errors.js';
import { applyChanges } from '../../arrangements/units.js';
import { parametersStamp } from '../../present/common.js';
import { DemoJsonSchema, demoJson, demoView } from '../../present/demo.js';
import { computeDemo } from '../../analyses/demo.js';
import { envelope } from '../output-schema.js';
import { emit } from '../shell.js';
import { loadInput } from '../load-input.js';
import type { CommandOptions } from '../registry.js';
import { DrawOptions, optionsOf } from '../options.js';

export const schemaVersion = 1;
export const outputSchema = envelope(schemaVersion, DemoJsonSchema.shape);

/** The bundled case study, shipped with the package. */
export const CASE_STUDY_SCENARIO = fileURLToPath(new URL('../../../fixtures/case-study-attached.yaml', import.meta.url));

/** `demo`: the article's case in numbers, from the bundled fixtures, with no arguments. */
export async function run(_args: string[], options: CommandOptions): Promise<void> {
  const input = await loadInput(CASE_STUDY_SCENARIO, options);
  const unit = input.scenario.units.find((u) => u.kind === 'attached');
  if (!unit || unit.kind !== 'attached') throw inputError('DEMO_FIXTURE', 'the bundled case-study scenario has no attached unit', { file: CASE_STUDY_SCENARIO });
  const byId = new Map(input.compounds.map((c) => [c.id, c]));
  const changed = new Map(applyChanges(input.compounds, input.scenario.compoundChanges).map((c) => [c.id, c]));
  const guestId = unit.guests[0]!;
  const d = {
    guest: byId.get(guestId)!,
    host: byId.get(unit.host)!,
    guestAttached: changed.get(guestId)!,
    clusterMembers: input.compounds.filter((c) => c.id !== unit.host && c.id !== guestId),
  };
  // The attach story's odds: 1,000 draws of the parameter ranges (--draws/--seed change them).
  const v = optionsOf(DrawOptions, options);
  const r = computeDemo(d, input.model.k, { params: input.model.params, draws: v.draws ?? 1000, seed: v.seed ?? 1 });
  const stamp = parametersStamp(input.model.params, input.model.overlays);
  await emit({ json: demoJson(r, stamp), view: (lang) => demoView(r, d, stamp, lang) }, options, input.inputs);
}
