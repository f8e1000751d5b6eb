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


function intIn(min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^[+-]?\d+$/.test(v.trim()) || n < min || n > max) throw new Error(`expected an integer from ${min} to ${max}, got "${v}"`);
    return n;
  };
}

/** `--draws N`, `--vary-inputs`, `--threads N`: how sure the verdict is (issue 14). `--seed` comes with it unless the command has its own. */
export const DRAW_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--draws <n>',
    description: 'also evaluate N draws of the parameters with ranges (triangular, wages correlated) and say how sure each verdict is',
    parse: intIn(1, 1_000_000),
  },
  {
    flags: '--vary-inputs',
    description: "with --draws, also draw the compounds' collection rate and other income over the scenario's inputRanges",
  },
];

/** `--threads N|auto` for the draws; `evaluate` has its own, which the draws share. */
export const THREADS_OPTION: OptionSpec = {
  flags: '--threads <n>',
  description: 'worker threads for the draws, a number or auto (default: every core when there are enough draws); results do not depend on it',
};

export const SEED_OPTION: OptionSpec = {
  flags: '--seed <n>',
  description: 'seed of the draws; the same seed gives the same result',
  default: 1,
  parse: intIn(0, 4294967295),
};
