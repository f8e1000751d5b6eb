import { z } from 'zod';

/**
 * Pieces every command's output schema is built from. A command's `outputSchema` describes its
 * whole `--format json` output, envelope included, so that `breakeven schema NAME` prints exactly
 * what a consumer receives.
 */

/** `tool` in every JSON report. */
export const toolSchema = z.strictObject({
  name: z.literal('breakeven'),
  version: z.string().describe('version of breakeven that wrote the report'),
});

/** A place in an input file (core `Where`). */
export const whereSchema = z.strictObject({
  file: z.string(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  field: z.string().optional().describe('column name, parameter key or YAML path'),
  sheet: z.string().optional().describe('in a workbook: the sheet; line is then the row and column the column number (Excel shows Sheet1!C7)'),
});

/** A problem found in the input (core `Problem`): an error or a warning. */
export const problemSchema = z.strictObject({
  code: z.string().describe('stable code, e.g. CSV_INVALID_NUMBER'),
  message: z.string(),
  where: whereSchema.optional(),
  hint: z.string().optional().describe('what to do about it'),
});

/**
 * The schema of a report: `schemaVersion` and `tool` first (the shell adds them), then `shape`.
 * `schemaVersion` is a literal, so a consumer can refuse a version it does not know.
 */
export function envelope<S extends z.ZodRawShape>(schemaVersion: number, shape: S) {
  return z.strictObject({
    schemaVersion: z.literal(schemaVersion).describe('version of this output format'),
    tool: toolSchema,
    ...shape,
  });
}
