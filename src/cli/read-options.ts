/** The reader options of commands that read compounds, from their command-line values. */
import { readColumnMap } from '../io/column-map.js';
import { STDIN_NAME, type ReadOptions } from '../io/read-compounds.js';
import type { CommandOptions } from './registry.js';

/**
 * How to read the compounds file, from the options every command that reads one has: --encoding,
 * --delimiter, --sheet, --header-row, --columns (the map file is read here), --allow-high-fees.
 */
export function readOptionsOf(options: CommandOptions): ReadOptions {
  const v = options.values;
  const o: ReadOptions = { encoding: options.encoding };
  if (options.delimiter) o.delimiter = options.delimiter;
  if (typeof v.sheet === 'string') o.sheet = v.sheet;
  if (typeof v.headerRow === 'number') o.headerRow = v.headerRow;
  if (typeof v.columns === 'string') o.columns = readColumnMap(v.columns);
  if (v.allowHighFees === true) o.allowHighFees = true;
  return o;
}

/** The files a command read, as `--out` must not overwrite them (standard input is no file). */
export function inputFiles(...paths: (string | undefined)[]): string[] {
  return paths.filter((p): p is string => p !== undefined && p !== '-' && p !== STDIN_NAME);
}

