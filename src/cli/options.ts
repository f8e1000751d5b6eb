import { z } from 'zod';
import { inputError } from '../core/errors.js';
import { ALLOCATION_METHODS } from '../core/allocation-methods.js';
import type { CommandOptions } from './registry.js';

/**
 * Typed command options. Commander parses and converts each option (registry.ts: `intOption`,
 * `numberOption`, `repeatable`); each command then reads its values through a zod schema, so its
 * options have types from `z.infer` instead of casts, and a value of the wrong shape is a usage
 * error (exit 2) rather than a surprise deep inside.
 */

/** Options of every command that runs the model (`MODEL_OPTIONS`), and `--compounds FILE`. */
export const ModelOptions = z.object({
  params: z.array(z.string()).optional(),
  asOf: z.string().optional(),
  /** A compounds file instead of the one a scenario names. */
  compounds: z.string().optional(),
});

/** `--allocation` where a command has it. */
export const AllocationOption = z.enum(ALLOCATION_METHODS).optional();

/** The command's option values, checked against `schema` (unknown keys, the shell's own, pass by). */
export function optionsOf<S extends z.ZodType>(schema: S, options: Pick<CommandOptions, 'values'>): z.infer<S> {
  const r = schema.safeParse(options.values);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const flag = `--${String(issue.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  throw inputError('USAGE', `${flag}: ${issue.message}`);
}
