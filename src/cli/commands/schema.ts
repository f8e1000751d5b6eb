import { z } from 'zod';
import { inputError } from '../../core/errors.js';
import { COMMANDS, findCommand, type CommandOptions } from '../registry.js';
import { emitText } from '../shell.js';

/** `breakeven schema COMMAND`: the JSON Schema (draft 2020-12) of COMMAND's `--format json` output. */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const name = args[0] ?? '';
  const entry = findCommand(name);
  const mod = entry ? await entry.load() : undefined;
  if (!mod?.outputSchema) {
    const withJson: string[] = [];
    for (const c of COMMANDS) if ((await c.load()).outputSchema) withJson.push(c.name);
    throw inputError(
      'UNKNOWN_SCHEMA',
      entry ? `command "${name}" has no JSON output` : `unknown command "${name}"`,
      undefined,
      `commands with a JSON Schema: ${withJson.join(', ')}`,
    );
  }
  await emitText(JSON.stringify(jsonSchemaOf(mod.outputSchema), null, 2) + '\n', options);
}

/** The JSON Schema of a zod schema, as `breakeven schema` prints it (the output, not the input, side). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
}
