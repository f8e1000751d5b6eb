import { CheckFailedError, InputError, inputError } from '../../core/errors.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import { yuanToFen } from '../../core/money.js';
import { CheckJsonSchema, checkJson, checkJunit, checkJunitError, checkView, failureLines } from '../../present/check.js';
import { parametersStamp } from '../../present/common.js';
import { evaluateUnits } from '../../arrangements/arrange.js';
import { arrangeUnits } from '../../arrangements/units.js';
import { runChecks, type Gates } from '../../analyses/check.js';
import { parseIdList, parseRate } from '../../analyses/vary.js';
import { renderJunit } from '../../render/junit.js';
import { envelope } from '../output-schema.js';
import { emit } from '../shell.js';
import { loadInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({
  junit: z.string().optional(),
  minMargin: z.string().optional(),
  maxSubsidy: z.number().optional(),
  requireViable: z.string().optional(),
});

export const schemaVersion = 1;
export const outputSchema = envelope(schemaVersion, CheckJsonSchema.shape);

/** Details listed under "check failed"; the report has them all. */
const MAX_DETAILS = 50;

/** `check FILE|SCENARIO [--min-margin R] [--max-subsidy YUAN] [--require-viable IDS]`: exit 1 when a gate fails. */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = requireArg(args, 0, 'file');
  const junit = optionsOf(Options, options).junit;
  try {
    await runChecked(file, junit, options);
  } catch (e) {
    // Input refused: CI still gets a JUnit file with an <error> case saying why; exit 2.
    if (junit !== undefined && e instanceof InputError) await writeFileAtomic(junit, renderJunit('breakeven check', checkJunitError(file, e.problems)), { refuse: [file], label: '--junit' });
    throw e;
  }
}

async function runChecked(file: string, junit: string | undefined, options: CommandOptions): Promise<void> {
  const t0 = process.hrtime.bigint();
  const gates: Gates = {};
  const v = optionsOf(Options, options);
  if (v.minMargin !== undefined) gates.minMargin = parseRate(v.minMargin, '--min-margin');
  if (v.maxSubsidy !== undefined) gates.maxSubsidy = yuanToFen(v.maxSubsidy);
  if (v.requireViable !== undefined) {
    const ids = parseIdList(v.requireViable);
    if (ids.length === 0) throw inputError('USAGE', '--require-viable: expected ids, comma-separated');
    gates.requireViable = ids;
  }
  // Holds every compound, unit and view: ≈ 40 heap bytes per byte of CSV (measured: 351 MB peak
  // for the 10.5 MB of 100k compounds), checked before reading.
  const input = await loadInput(file, options, { heapPerByte: 40, holder: 'check' });
  const units = arrangeUnits(input.compounds, { units: input.scenario.units, changes: input.scenario.compoundChanges });
  const result = runChecks(units, evaluateUnits(units, input.model.k), gates);
  const stamp = parametersStamp(input.model.params, input.model.overlays);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // The report and the JUnit file are written whatever the outcome, so CI keeps them, and together
  // (both or neither); then the exit code says it.
  const also = junit !== undefined ? [{ path: junit, data: renderJunit('breakeven check', checkJunit(file, result, stamp, seconds)), label: '--junit' }] : [];
  await emit({ json: checkJson(result, stamp), view: (lang) => checkView(result, stamp, lang), warnings: input.warnings }, options, input.inputs, also);
  if (!result.passed) {
    const failed = result.gates.filter((g) => !g.passed);
    const lines = failureLines(result);
    const shown = lines.slice(0, MAX_DETAILS);
    throw new CheckFailedError(
      `${failed.length} of ${result.gates.length} gates failed (${failed.map((g) => g.gate).join(', ')})`,
      [...shown, ...(lines.length > shown.length ? [`… and ${lines.length - shown.length} more`] : [])],
    );
  }
}
