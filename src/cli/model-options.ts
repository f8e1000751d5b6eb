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
      // A real day: Date.parse takes 2025-02-30 (as March 2), so the date must read back the same.
      const d = new Date(`${v}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
        throw new Error(`expected a date YYYY-MM-DD, got "${v}"`);
      }
      return v;
    },
  },
];

