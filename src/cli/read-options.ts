/** The reader options of commands that read compounds, from their command-line values. */
import { readColumnMap } from '../io/column-map.js';
import { STDIN_NAME, type ReadOptions } from '../io/read-compounds.js';
import { z } from 'zod';
import { optionsOf } from './options.js';
import type { CommandOptions } from './registry.js';

/** The values of COMPOUND_READ_OPTIONS (registry.ts). */
const ReadOptionValues = z.object({
  sheet: z.string().optional(),
  headerRow: z.number().int().positive().optional(),
  columns: z.string().optional(),
  allowHighFees: z.boolean().optional(),
});

/**
 * How to read the compounds file, from the options every command that reads one has: --encoding,
 * --delimiter, --sheet, --header-row, --columns (the map file is read here), --allow-high-fees.
 */
export function readOptionsOf(options: CommandOptions): ReadOptions {
  const v = optionsOf(ReadOptionValues, options);
  const o: ReadOptions = { encoding: options.encoding };
  if (options.delimiter) o.delimiter = options.delimiter;
  if (v.sheet !== undefined) o.sheet = v.sheet;
  if (v.headerRow !== undefined) o.headerRow = v.headerRow;
  if (v.columns !== undefined) o.columns = readColumnMap(v.columns);
  if (v.allowHighFees === true) o.allowHighFees = true;
  return o;
}

/** The files a command read, as `--out` must not overwrite them (standard input is no file). */
export function inputFiles(...paths: (string | undefined)[]): string[] {
  return paths.filter((p): p is string => p !== undefined && p !== '-' && p !== STDIN_NAME);
}

