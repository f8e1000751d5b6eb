import { inputError } from '../../core/errors.js';
import { normalizeId } from '../../core/compound.js';
import { loadInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { SCENARIO_HOLD, emitWithUnit } from './scenario.js';
import { ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({ name: z.string().optional() });

export { schemaVersion, outputSchema } from './scenario.js';

/** `cluster FILE ID ID ...`: the named compounds under one team. */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = requireArg(args, 0, 'file');
  const members = args.slice(1).map(normalizeId);
  if (members.length < 2) throw inputError('USAGE', `a cluster needs at least two compounds, got ${members.length}`);
  const input = await loadInput(file, options, { ...SCENARIO_HOLD, holder: 'cluster' });
  const name = optionsOf(Options, options).name ?? members.join('+');
  await emitWithUnit(input, { kind: 'cluster', name, members }, options);
}
