import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError, inputError } from '../core/errors.js';
import type { Compound } from '../core/compound.js';
import type { Problem } from '../core/errors.js';
import { checkScenarioIds, parseScenario, type Scenario } from '../arrangements/scenario.js';
import { readCompounds } from '../io/read-compounds.js';
import { inputFiles, readOptionsOf } from './read-options.js';
import { readTextFile } from '../io/read-params.js';
import { parseYamlDoc } from '../io/yaml-doc.js';
import { loadModel, type ModelContext } from './model-context.js';
import type { CommandOptions } from './registry.js';
import { ModelOptions, optionsOf } from './options.js';

/** What a command that takes `FILE|SCENARIO` works on. */
export interface LoadedInput {
  /** The compounds as read (the baseline; a scenario's changes are not applied here). */
  compounds: Compound[];
  compoundsFile: string;
  /** The scenario, or an empty one (every compound alone) for a plain CSV. */
  scenario: Scenario;
  scenarioFile?: string;
  model: ModelContext;
  /** Every file read, so `--out` can refuse to overwrite any of them. */
  inputs: string[];
  warnings: Problem[];
}

export function isScenarioPath(p: string): boolean {
  return /\.(ya?ml|json)$/i.test(p);
}

export function emptyScenario(): Scenario {
  return { compoundChanges: new Map(), units: [], allocation: 'area', seed: 1, feeSteps: new Map() };
}

/**
 * Reads a compounds CSV, or a scenario file and the compounds it names (relative to the scenario,
 * unless `--compounds` overrides), checks the scenario against the compound ids, and loads the
 * parameters with the scenario's overlay.
 */
export async function loadInput(path: string, options: CommandOptions, hold: { heapPerByte?: number; holder?: string } = {}): Promise<LoadedInput> {
  const readOpts = { ...readOptionsOf(options), ...hold };
  const override = optionsOf(ModelOptions, options).compounds;
  if (!isScenarioPath(path)) {
    const read = await readCompounds(override ?? path, readOpts);
    return {
      compounds: read.compounds,
      compoundsFile: read.file,
      scenario: emptyScenario(),
      model: loadModel(options),
      inputs: inputFiles(path, override),
      warnings: read.warnings,
    };
  }
  const doc = parseYamlDoc(readTextFile(path), path, { unknownKeyCode: 'SCENARIO_UNKNOWN_KEY' });
  const parsed = parseScenario(doc.value, doc.where);
  if (!parsed.scenario) throw new InputError(parsed.problems);
  const scenario = parsed.scenario;
  let compoundsFile = override;
  if (!compoundsFile) {
    if (!scenario.compounds)
      throw inputError('SCENARIO_NO_COMPOUNDS', 'the scenario names no compounds file', doc.where([]), 'add `compounds: FILE.csv` or pass --compounds FILE');
    compoundsFile = isAbsolute(scenario.compounds) ? scenario.compounds : resolve(dirname(path), scenario.compounds);
  }
  const named = scenario.compounds;
  const read = await readCompounds(compoundsFile, readOpts).catch((e: unknown) => {
    // A compounds file the scenario names but that cannot be opened is a mistake on the scenario's
    // `compounds:` line: say so there, with the path it was looked for at.
    if (!override && named !== undefined && e instanceof InputError && (e.problems[0]?.code === 'CSV_CANNOT_READ' || e.problems[0]?.code === 'INPUT_NOT_A_FILE')) {
      const w = doc.where(['compounds']);
      throw new InputError({
        ...e.problems[0],
        // JSON quoting shows control bytes (a NUL) instead of writing them to the terminal.
        message: `the compounds file ${JSON.stringify(named)} (${JSON.stringify(compoundsFile)}): ${e.problems[0].message}`,
        where: { file: w.file, line: w.line, column: w.column, field: 'compounds' },
      });
    }
    throw e;
  });
  const problems = checkScenarioIds(scenario, new Set(read.compounds.map((c) => c.id)), doc.where);
  if (problems.length) throw new InputError(problems);
  const model = loadModel(options, {
    ...(scenario.asOf ? { asOf: scenario.asOf } : {}),
    ...(scenario.parameters ? { parameters: scenario.parameters } : {}),
    file: path,
    lineOf: (p) => doc.where(p).line,
  });
  return { compounds: read.compounds, compoundsFile, scenario, scenarioFile: path, model, inputs: [path, compoundsFile], warnings: read.warnings };
}
