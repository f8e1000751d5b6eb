import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AllocationMethod } from '../../arrangements/allocation.js';
import type { UnitSpec } from '../../arrangements/units.js';
import { inputError } from '../../core/errors.js';
import { renderReportHtml } from '../../render/html/render-report.js';
import { buildReport, type UnitsSource } from '../../report/report.js';
import { parametersStamp } from '../../report/common.js';
import { loadInput, type LoadedInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { emitText, warn } from '../shell.js';

/**
 * `breakeven report FILE|SCENARIO --out report.html`: the arrangement (the scenario's units, or
 * every compound alone) drawn as one self-contained HTML file. The HTML renderer is imported
 * here only, so no other command loads it.
 */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = requireArg(args, 0, 'file');
  if (options.out === undefined && process.stdout.isTTY === true) {
    throw inputError('USAGE', 'the report is an HTML file: say where to write it', undefined, `add --out report.html (or redirect: breakeven report ${file} > report.html)`);
  }
  const input = await loadInput(file, options);
  const units: readonly UnitSpec[] = input.scenario.units;
  const source: UnitsSource = units.length ? 'scenario' : 'standalone';
  const data = buildReport({
    subject: basename(file),
    source,
    compounds: input.compounds,
    arrangement: { units, changes: input.scenario.compoundChanges, allocation: (options.values.allocation as AllocationMethod | undefined) ?? input.scenario.allocation, seed: input.scenario.seed },
    k: input.model.k,
    tree: input.model.tree,
    params: input.model.params,
    stamp: {
      tool: options.tool,
      parameters: parametersStamp(input.model.params, input.model.overlays),
      inputs: input.inputs.map((f, i) => ({ file: shownName(input, f, i, options), sha256: createHash('sha256').update(readFileSync(f)).digest('hex') })),
    },
  });
  const html = renderReportHtml(data, options.lang);
  for (const w of input.warnings) warn(w);
  await emitText(html, options, input.inputs);
}

/**
 * An input's name in the stamp: as the user gave it. A scenario's compounds file is named as the
 * scenario (or --compounds) names it, not by the absolute path it was resolved to: a report is
 * mailed, and the reader needs the digest, not the sender's directories.
 */
function shownName(input: LoadedInput, file: string, i: number, options: CommandOptions): string {
  if (input.scenarioFile === undefined || i === 0) return file;
  return (options.values.compounds as string | undefined) ?? input.scenario.compounds ?? basename(file);
}
