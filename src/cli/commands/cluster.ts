import { inputError } from '../../core/errors.js';
import { loadInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { emitWithUnit } from './scenario.js';
import { ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({ name: z.string().optional() });

export { schemaVersion, outputSchema } from './scenario.js';

/** `cluster FILE ID ID ...`: the named compounds under one team. */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = requireArg(args, 0, 'file');
  const members = args.slice(1);
  if (members.length < 2) throw inputError('USAGE', `a cluster needs at least two compounds, got ${members.length}`);
  const input = await loadInput(file, options);
  const name = optionsOf(Options, options).name ?? members.join('+');
  await emitWithUnit(input, { kind: 'cluster', name, members }, options);
}
