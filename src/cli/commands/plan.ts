import { performance } from 'node:perf_hooks';
import { dirname, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { evaluateArrangement } from '../../arrangements/evaluate-scenario.js';
import { applyChanges, membersOf, type UnitSpec } from '../../arrangements/units.js';
import { inputError } from '../../core/errors.js';
import type { OutputFile } from '../../io/write-atomic.js';
import { readDefaultTree } from '../../io/read-params.js';
import type { ParamTree } from '../../params/tree.js';
import { planToUnitSpecs, planUnits } from '../../plan/plan-units.js';
import { planHeuristicThreaded, planThreads } from '../plan-threads.js';
import type { PlanResult } from '../../plan/types.js';
import { parametersStamp } from '../../present/common.js';
import { PlanJsonSchema, planView } from '../../present/plan.js';
import { scenarioJsonLazy } from '../../present/scenario.js';
import { envelope } from '../output-schema.js';
import { emitStreamed, warn } from '../shell.js';
import { withUnitHowSure, withUnitUncertainty } from '../../present/uncertainty.js';
import { buildDrawModel, computeDraws, drawRequest, unitTargets } from '../draws.js';
import { loadInput } from '../load-input.js';
import { requireArg } from '../model-context.js';
import type { CommandOptions } from '../registry.js';
import { AllocationOption, ModelOptions, optionsOf } from '../options.js';
import type { AllocationMethod } from '../../core/allocation-methods.js';

const Options = ModelOptions.extend({
  maxDistance: z.number().nonnegative(),
  maxMembers: z.number().int().positive(),
  maxHouseholds: z.number().int().positive().optional(),
  keepStandalone: z.string().optional(),
  neverTogether: z.array(z.string()).optional(),
  objective: z.enum(['subsidy', 'viable']),
  seed: z.number().int(),
  exact: z.boolean().optional(),
  timeLimit: z.number().nonnegative().optional(),
  writeScenario: z.string().optional(),
  allocation: AllocationOption,
  detail: z.boolean().optional(),
  threads: z.union([z.string(), z.number()]).optional(),
});

/** 2: units carry their cost lines with --detail; --format ndjson. */
export const schemaVersion = 2;

/** Heap bytes per byte of CSV that `plan` needs. */
export const PLAN_HEAP_PER_BYTE = 64;
export const outputSchema = envelope(schemaVersion, PlanJsonSchema.shape);

export async function run(args: string[], options: CommandOptions): Promise<void> {
  const path = requireArg(args, 0, 'file');
  const v = optionsOf(Options, options);
  // The planner holds the graph of allowed pairs, candidate merges and a cache of evaluated units:
  // 64 bytes per byte of CSV (measured after issue 17: 596 MB peak for the 10.5 MB of 100k
  // compounds, much of it typed arrays outside the heap), checked before it starts.
  const input = await loadInput(path, options, { heapPerByte: PLAN_HEAP_PER_BYTE, holder: 'plan' });
  const changed = applyChanges(input.compounds, input.scenario.compoundChanges);
  const ids = new Set(changed.map((c) => c.id));
  const keep = (v.keepStandalone ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const never = (v.neverTogether ?? []).map((pair) => {
    const parts = pair.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw inputError('USAGE', `--never-together expects A:B, got "${pair}"`);
    return [parts[0], parts[1]] as [string, string];
  });
  for (const id of [...keep, ...never.flat()]) if (!ids.has(id)) throw inputError('UNKNOWN_COMPOUND', `unknown compound "${id}" in --keep-standalone/--never-together`, { file: input.compoundsFile });

  const progress = process.stderr.isTTY && options.format !== 'json' ? progressBar() : undefined;
  const planOpts = {
    maxDistanceM: v.maxDistance,
    maxMembers: v.maxMembers,
    ...(v.maxHouseholds !== undefined ? { maxHouseholds: v.maxHouseholds } : {}),
    keepStandalone: new Set(keep),
    neverTogether: never,
    objective: v.objective,
    seed: v.seed,
    ...(v.timeLimit !== undefined ? { timeLimitS: v.timeLimit, ...timeLimitClock(v.timeLimit) } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
  };
  // The heuristic splits a district's components over worker threads (--threads); the plan does not depend on how many.
  const threads = planThreads(v.threads);
  const { specs, result } = v.exact
    ? await planUnits(changed, input.model.k, { ...planOpts, exact: true })
    : await planHeuristicThreaded(changed, input.model.k, planOpts, threads).then((r) => ({ specs: planToUnitSpecs(changed, r), result: r }));
  progress?.done();
  for (const w of result.warnings) warn(w);

  const allocation = v.allocation ?? input.scenario.allocation;
  const arranged = evaluateArrangement(input.compounds, { units: specs, changes: input.scenario.compoundChanges, allocation, seed: input.scenario.seed }, input.model.k);
  const stamp = parametersStamp(input.model.params, input.model.overlays);
  const plan = planMeta(result);

  // The scenario is committed with --out, or not at all (shell.ts emit).
  const also: OutputFile[] = [];
  if (v.writeScenario) {
    const out = v.writeScenario;
    const text = scenarioYaml(out, input.compoundsFile, input.model.params.asOf, input.model.tree, input.scenario.compoundChanges, specs, allocation, input.scenario.seed, plan);
    also.push({ path: out, data: text, label: '--write-scenario' });
  }
  const req = drawRequest(options);
  const warnings = [...input.warnings];
  const draws = req ? await computeDraws(buildDrawModel(req, input.model.params, input.model.k, changed, input.scenario.inputRanges, warnings), unitTargets(arranged.units, changed), req) : undefined;
  const json = { ...scenarioJsonLazy(arranged, stamp, v.detail ?? false, options.lang), plan };
  await emitStreamed(
    draws ? withUnitUncertainty(json, draws) : json,
    {
      json: {},
      view: (lang) => (draws ? withUnitHowSure(planView(arranged, result, changed, plan, stamp, lang), arranged.units, draws, lang) : planView(arranged, result, changed, plan, stamp, lang)),
      warnings,
    },
    options,
    input.inputs,
    also,
  );
}

/**
 * `--time-limit S` is kept in wall time from the start of the process (performance.now() counts
 * from there), with a tenth of S (at most 1 s) kept back to evaluate and write the plan.
 */
function timeLimitClock(s: number): { clock: () => number; startedAtMs: number; reserveS: number } {
  return { clock: () => performance.now(), startedAtMs: 0, reserveS: Math.min(1, s / 10) };
}

function planMeta(r: PlanResult): z.infer<typeof PlanJsonSchema>['plan'] {
  return { method: r.method, objective: r.objective, status: r.status, gap: r.gap, warnings: r.warnings };
}

/** The overlay that reproduces `tree`'s changed leaves, nested by key. */
function overriddenParameters(tree: ParamTree): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const def of tree.values()) {
    if (!def.overriddenBy) continue;
    any = true;
    const parts = def.key.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    const value = def.values ? { values: def.values } : def.value;
    // The spread of --draws, when an overlay changed it, goes with the value.
    const shipped = readDefaultTree().get(def.key);
    const spread = {
      ...(JSON.stringify(def.range) !== JSON.stringify(shipped?.range) ? { range: def.range ?? null } : {}),
      ...(def.distribution !== shipped?.distribution ? { distribution: def.distribution ?? 'triangular' } : {}),
    };
    node[parts[parts.length - 1]!] = Object.keys(spread).length ? { ...(def.values ? { values: def.values } : { value: def.value }), ...spread } : value;
  }
  return any ? out : undefined;
}

/** The plan as an editable scenario: running `breakeven scenario` on it gives the same totals. */
function scenarioYaml(
  out: string,
  compoundsFile: string,
  asOf: string,
  tree: ParamTree,
  changes: ReadonlyMap<string, object>,
  specs: UnitSpec[],
  allocation: AllocationMethod,
  seed: number,
  plan: z.infer<typeof PlanJsonSchema>['plan'],
): string {
  const parameters = overriddenParameters(tree);
  const doc: Record<string, unknown> = {
    compounds: relative(dirname(resolve(out)), resolve(compoundsFile)) || compoundsFile,
    asOf,
    ...(parameters ? { parameters } : {}),
    ...(changes.size ? { compoundChanges: Object.fromEntries(changes) } : {}),
    units: specs.map((s) => (s.kind === 'attached' ? { kind: s.kind, host: s.host, guests: s.guests } : { kind: 'cluster', name: unitName(s), members: membersOf(s) })),
    allocation,
    seed,
  };
  const head = [
    '# Written by `breakeven plan`: an editable scenario. Move compounds between units, then run',
    '# `breakeven scenario` on this file. Compounds in no unit stay alone.',
    `# Plan: ${plan.method}, objective ${plan.objective}, status ${plan.status}${plan.gap !== null ? `, gap ${plan.gap}` : ''}.`,
  ].join('\n');
  return `${head}\n${stringify(doc, { lineWidth: 0 })}`;
}

function unitName(s: UnitSpec): string {
  return s.kind === 'cluster' ? s.name : membersOf(s).join('+');
}

function progressBar() {
  let last = -1;
  return {
    update(done: number, total: number) {
      const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
      if (pct === last) return;
      last = pct;
      const width = 30;
      const fill = Math.round((width * pct) / 100);
      process.stderr.write(`\rplanning [${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${pct}%`);
    },
    done() {
      if (last >= 0) process.stderr.write('\r\x1b[K');
    },
  };
}
