import { CheckFailedError, InputError, inputError } from '../../core/errors.js';
import { readTestCasesSettled } from '../load-test-cases.js';
import { writeFilesAtomic } from '../../io/write-atomic.js';
import { renderJunit } from '../../render/junit.js';
import { TestJsonSchema, failureLine, testJson, testJunit, testView } from '../../present/test-cases.js';
import { runTestCase } from '../../analyses/test-cases.js';
import { envelope } from '../output-schema.js';
import { emit } from '../shell.js';
import type { CommandOptions } from '../registry.js';
import { optionsOf } from '../options.js';
import { z } from 'zod';

const Options = z.object({ junit: z.string().optional() });

export const schemaVersion = 1;
export const outputSchema = envelope(schemaVersion, TestJsonSchema.shape);

/** Failures listed under "check failed"; the report has them all. */
const MAX_DETAILS = 50;

/** `test PATH... [--junit FILE]`: exit 1 when a case fails, 2 when a case file is malformed. */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  if (args.length === 0) throw inputError('USAGE', 'missing <paths...>: case files or directories of them');
  const { cases, files, problems } = await readTestCasesSettled(args);
  const junit = optionsOf(Options, options).junit;
  const seconds: number[] = [];
  const results = cases.map((c) => {
    const t0 = process.hrtime.bigint();
    const r = runTestCase(c);
    seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
    return r;
  });
  const also = junit !== undefined ? [{ path: junit, data: renderJunit('breakeven test', testJunit(results, seconds, problems)), label: '--junit' }] : [];
  // A malformed case file: CI has its JUnit (the good files' cases and an <error> case for each bad
  // file), and the exit is 2, as for any input refused.
  if (problems.length) {
    if (also.length) await writeFilesAtomic(also, files);
    throw new InputError(problems.flatMap((p) => p.problems));
  }
  // Otherwise the JUnit file is committed with --out, or not at all; neither may replace a case
  // file or a CSV a case names (every file read is recorded as an input: src/io/open-input.ts).
  await emit({ json: testJson(results, files.length), view: (lang) => testView(results, files.length, lang) }, options, files, also);
  const failed = results.filter((r) => !r.passed);
  if (failed.length) {
    const lines = failed.flatMap((r) => r.failures.map((f) => `${r.name}: ${failureLine(f)}`));
    const shown = lines.slice(0, MAX_DETAILS);
    throw new CheckFailedError(`${failed.length} of ${results.length} cases failed`, [...shown, ...(lines.length > shown.length ? [`… and ${lines.length - shown.length} more`] : [])]);
  }
}
