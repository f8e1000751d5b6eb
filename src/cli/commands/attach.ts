import { normalizeId } from '../../core/compound.js';
import { inputError } from '../../core/errors.js';
import { loadInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { SCENARIO_HOLD, emitWithUnit } from './scenario.js';
import { ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({ to: z.string().optional() });

export { schemaVersion, outputSchema } from './scenario.js';

/** `attach FILE GUEST... --to HOST`: a quick what-if without writing a scenario file. */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const host = optionsOf(Options, options).to;
  if (!host) throw inputError('USAGE', 'missing --to <host>: the compound the guests attach to');
  if (args.length < 2) throw inputError('USAGE', 'name at least one guest compound');
  const input = await loadInput(requireArg(args, 0, 'file'), options, { ...SCENARIO_HOLD, holder: 'attach' });
  await emitWithUnit(input, { kind: 'attached', host: normalizeId(host), guests: args.slice(1).map(normalizeId) }, options);
}
