import { DEFAULT_MAX_DISTANCE_M, DEFAULT_MAX_MEMBERS } from '../../core/plan-defaults.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { applyChanges, type UnitSpec } from '../../arrangements/units.js';
import { inputError, type Problem } from '../../core/errors.js';
import { renderReportHtml } from '../../render/html/render-report.js';
import { buildReport, type UnitsSource, type WhatIfInput } from '../../analyses/report-data.js';
import { parametersStamp } from '../../present/common.js';
import { runProjection } from '../../analyses/project.js';
import { runSweep } from '../../analyses/sweep.js';
import { parseRate, parseVary, resolveAxis } from '../../analyses/vary.js';
import { loadInput, type LoadedInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { emitText, warn } from '../shell.js';
import { evaluateArrangement } from '../../arrangements/evaluate-scenario.js';
import type { Compound } from '../../core/compound.js';
import { subsidyDistribution } from '../../analyses/uncertainty.js';
import { tornado } from '../../analyses/sensitivity.js';
import type { ReportUncertainty } from '../../analyses/report-data.js';
import { buildDrawModel, computeDraws, drawRequest, unitTargets } from '../draws.js';
import { AllocationOption, ModelOptions, optionsOf } from '../options.js';
import { z } from 'zod';

const Options = ModelOptions.extend({
  plan: z.boolean().optional(),
  allocation: AllocationOption,
  sweep: z.string().optional(),
  years: z.number().int().optional(),
  wageGrowth: z.string().optional(),
  feeGrowth: z.string().optional(),
  id: z.string().optional(),
  title: z.string().optional(),
});

/**
 * `breakeven report FILE|SCENARIO --out report.html`: the arrangement (the scenario's units, or
 * every compound alone) drawn as one self-contained HTML file, with a sweep (`--sweep`) or the
 * years ahead (`--years`) over the same units when asked. The HTML renderer is imported here
 * only, so no other command loads it.
 */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = requireArg(args, 0, 'file');
  if (options.out === undefined && process.stdout.isTTY === true) {
    throw inputError('USAGE', 'the report is an HTML file: say where to write it', undefined, `add --out report.html (or redirect: breakeven report ${file} > report.html)`);
  }
  const v = optionsOf(Options, options);
  // The syntax of the chart options first: a typo should not wait for a large file to be read.
  const sweep = v.sweep === undefined ? undefined : parseVary(v.sweep);
  const years = v.years;
  if (years === undefined && (v.wageGrowth !== undefined || v.feeGrowth !== undefined)) {
    throw inputError('USAGE', '--wage-growth and --fee-growth apply to the years ahead', undefined, 'add --years N');
  }
  const wageGrowth = parseRate(v.wageGrowth ?? '0%', '--wage-growth');
  const feeGrowth = parseRate(v.feeGrowth ?? '0%', '--fee-growth');

  // Holds every compound, unit and view: ≈ 160 heap bytes per byte of CSV (measured: 1.5 GB peak
  // for the 10.5 MB of 100k compounds), checked before reading.
  const input = await loadInput(file, options, { heapPerByte: 160, holder: 'report' });
  const warnings: Problem[] = [...input.warnings];
  let units: readonly UnitSpec[] = input.scenario.units;
  let source: UnitsSource = units.length ? 'scenario' : 'standalone';
  if (v.plan) {
    // The planner's units (default limits, as `breakeven plan` with no options), on the data as
    // the scenario changes it. The solver is loaded only when asked.
    const { planUnits } = await import('../../plan/plan-units.js');
    const planned = await planUnits(applyChanges(input.compounds, input.scenario.compoundChanges), input.model.k, {
      maxDistanceM: DEFAULT_MAX_DISTANCE_M,
      maxMembers: DEFAULT_MAX_MEMBERS,
      keepStandalone: new Set(),
      neverTogether: [],
      objective: 'subsidy',
      seed: input.scenario.seed,
    });
    for (const w of planned.result.warnings) warn(w);
    units = planned.specs;
    source = 'plan';
  }
  const arrangement = { units, changes: input.scenario.compoundChanges };
  const base = { compounds: input.compounds, arrangement, tree: input.model.tree, asOf: input.model.params.asOf };
  const whatIf: WhatIfInput[] = [];
  if (sweep) {
    const r = resolveAxis(sweep, input.model.tree);
    warnings.push(...r.warnings);
    whatIf.push({ kind: 'sweep', result: runSweep({ ...base, axes: [r.axis] }) });
  }
  if (years !== undefined) whatIf.push({ kind: 'years', result: runProjection({ ...base, years, wageGrowth, feeGrowth, feeSteps: input.scenario.feeSteps }) });

  const allocation = v.allocation ?? input.scenario.allocation;
  const req = drawRequest(options);
  if (!req && v.id !== undefined) throw inputError('USAGE', '--id chooses the tornado drawn with --draws', undefined, 'add --draws N');
  let uncertainty: ReportUncertainty | undefined;
  if (req) {
    // How sure: draws of every unit of the arrangement, and the tornado of the district (or --id).
    const changed = applyChanges(input.compounds, input.scenario.compoundChanges);
    const arranged = evaluateArrangement(input.compounds, { units, changes: input.scenario.compoundChanges, allocation, seed: input.scenario.seed }, input.model.k);
    const m = buildDrawModel(req, input.model.params, input.model.k, changed, input.scenario.inputRanges, warnings);
    const draws = await computeDraws(m, unitTargets(arranged.units, changed), req);
    const byId = new Map(changed.map((c) => [c.id, c]));
    const groups = new Map<string, Compound[]>(arranged.units.map((u) => [u.id, u.evaluation.memberIds.map((id) => byId.get(id)!)]));
    const id = v.id;
    let chosen: Compound[][];
    if (id === undefined) chosen = [...groups.values()];
    else if (groups.has(id)) chosen = [groups.get(id)!];
    else if (byId.has(id)) chosen = [[byId.get(id)!]];
    else throw inputError('UNKNOWN_COMPOUND', `--id: no unit or compound "${id}"`, { file: input.scenarioFile ?? input.compoundsFile });
    const t = tornado(m, chosen, 'profit');
    uncertainty = {
      draws: req.draws,
      seed: req.seed,
      unitPViable: new Map(arranged.units.map((u, i) => [u.id, draws.targets[i]!.uncertainty.pViable])),
      subsidy: subsidyDistribution(draws.subsidyByDraw),
      tornado: {
        id: id ?? null,
        base: t.base.profit,
        baseViable: t.base.viable,
        rows: t.rows.map((r) => ({ key: r.key, low: r.low, high: r.high, valueLow: r.valueLow!, valueHigh: r.valueHigh!, swing: r.swing, flipsVerdict: r.flipsVerdict })),
      },
    };
  }
  const data = buildReport({
    subject: basename(file),
    ...(v.title !== undefined ? { title: v.title } : {}),
    source,
    compounds: input.compounds,
    ...(uncertainty ? { uncertainty } : {}),
    arrangement: { ...arrangement, allocation, seed: input.scenario.seed },
    k: input.model.k,
    tree: input.model.tree,
    params: input.model.params,
    whatIf,
    stamp: {
      tool: options.tool,
      parameters: parametersStamp(input.model.params, input.model.overlays),
      inputs: input.inputs.map((f, i) => ({ file: shownName(input, f, i, options), sha256: createHash('sha256').update(readFileSync(f)).digest('hex') })),
    },
  });
  const html = renderReportHtml(data, options.lang);
  for (const w of warnings) warn(w, options.lang);
  await emitText(html, options, input.inputs);
}

/**
 * An input's name in the stamp: as the user gave it. A scenario's compounds file is named as the
 * scenario (or --compounds) names it, not by the absolute path it was resolved to: a report is
 * mailed, and the reader needs the digest, not the sender's directories.
 */
function shownName(input: LoadedInput, file: string, i: number, options: CommandOptions): string {
  if (input.scenarioFile === undefined || i === 0) return file;
  return optionsOf(Options, options).compounds ?? input.scenario.compounds ?? basename(file);
}
