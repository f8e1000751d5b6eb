import type { OptionSpec } from './registry.js';

/** `--params FILE` (repeatable) and `--as-of DATE`, shared by every command that runs the model. */
export const MODEL_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--params <file>',
    description: 'overlay a partial parameter file (YAML or JSON); repeat to stack',
    parse: (v: string, prev: unknown) => [...((prev as string[] | undefined) ?? []), v],
  },
  {
    flags: '--as-of <date>',
    description: 'use the parameter values in force on this date, YYYY-MM-DD (default: today)',
    parse: (v: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new Error(`expected a date YYYY-MM-DD, got "${v}"`);
      return v;
    },
  },
];

