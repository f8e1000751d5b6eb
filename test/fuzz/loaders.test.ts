import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArrangement } from '../../src/arrangements/evaluate-scenario.js';
import { evaluateArrangedUnit } from '../../src/arrangements/units.js';
import { loadInput } from '../../src/cli/load-input.js';
import type { CommandOptions } from '../../src/cli/registry.js';
import type { Compound } from '../../src/core/compound.js';
import { InputError } from '../../src/core/errors.js';
import { overlayFromFile, readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { readCompounds } from '../../src/io/read-compounds.js';
import { readTestCaseFile } from '../../src/cli/load-test-cases.js';
import { runTestCase } from '../../src/analyses/test-cases.js';
import { computeCoefficients } from '../../src/model/coefficients.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { addEvaluation, newEvaluateTotals } from '../../src/present/evaluate.js';
import { coefficients } from '../helpers/params.js';
import { expectLocated } from '../hostile/harness.js';
import { mutate, mutationsArb, type Mutation } from './mutate.js';

/*
 * Valid files, mutated (byte flips, truncation, inserted quotes/commas/NULs/line breaks,
 * duplicated and swapped lines), fed to the loaders in-process and, when they load, to the model:
 * every failure must be an InputError whose every problem names a file and a line. Seeded and
 * bounded (FUZZ_RUNS / FUZZ_SEED in the environment search longer or elsewhere).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 9);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
/** Cases run per loader, printed with the seed at the end so a failure can be replayed. */
const ran = new Map<string, number>();
const count = (loader: string) => ran.set(loader, (ran.get(loader) ?? 0) + 1);
const AS_OF = '2025-07-01';

const CSV_HEADER =
  'id,name,area_m2,households,fee_rate,housing_type,service_level,floors,elevators,built_year,gates,water_tanks,green_area_m2,lat,lon,collection_rate,other_income,subsidy';
const CSV_ROWS = [
  'JJY,京剧院小区,813,16,0.45,after_sale_public,basic,4,0,1984,0,0,0,31.2045,121.446,,0,0',
  'YYHY,"岳阳花苑, 一期",9000,96,2.2,商品房,标准,6,2,2000,1,1,900,31.2047,121.4463,90%,12000.5,0',
  'A3,永嘉新村,5000,60,1.2,other,full,,0,,2,0,300,31.2050,121.4470,0.85,,5000',
  'B4,"安福""公寓""",2400,30,1.0,其他,基础,,,,0,,0,,,,,',
];
const CSV_BASES: Buffer[] = [
  Buffer.from(`${CSV_HEADER}\n${CSV_ROWS.join('\n')}\n`),
  Buffer.from(`\ufeff${CSV_HEADER}\r\n${CSV_ROWS.join('\r\n')}\r\n`),
  Buffer.from(`编号,小区名称,建筑面积,户数,物业费单价,收缴率\nJJY,京剧院小区,813,16,0.45,60%\nYYHY,岳阳花苑,9000,96,2.2,0.9\n`),
];

const SCENARIO_YAML = `compounds: compounds.csv
asOf: 2025-07-01
parameters:
  wages:
    cleaner: 3600
  staffing:
    hiring_step_fte: 0.05
compoundChanges:
  JJY: {fee_rate: 1.49, service_level: standard}
units:
  - kind: attached
    host: YYHY
    guests: [JJY]
  - kind: cluster
    name: Lane
    members: [A3, B4]
allocation: shapley
seed: 7
feeSteps:
  "*": {"2027-01-01": 1.6}
`;
const SCENARIO_JSON = JSON.stringify(
  {
    compounds: 'compounds.csv',
    asOf: '2025-07-01',
    units: [{ kind: 'cluster', members: ['JJY', 'YYHY', 'A3'] }],
    compoundChanges: { B4: { collection_rate: '80%' } },
    allocation: 'scrb',
  },
  null,
  2,
);

const OVERLAY_YAML = `wages:
  cleaner: 3600
  manager: {value: 9000, unit: yuan/month}
  minimum_monthly:
    values: {2025-07-01: 2740, 2026-07-01: 2800}
oncosts:
  uninsured_share_frontline: "40%"
staffing:
  min_manager_fte:
    basic: 0.3
norms:
  cleaner_m2_per_fte: 11000
`;

const CASES_YAML = `asOf: 2025-07-01
tolerance: {money: 0.01}
cases:
  - name: 京剧院小区 alone
    compounds:
      - {id: JJY, area_m2: 813, households: 16, fee_rate: 0.45, housing_type: after_sale_public, service_level: basic}
      - {id: YYHY, area_m2: 9000, households: 96, fee_rate: 2.2}
    parameters:
      wages: {manager: 9000}
    scenario:
      units: [{kind: attached, host: YYHY, guests: [JJY]}]
      compoundChanges: {JJY: {fee_rate: 1.49}}
      allocation: shapley
    expect:
      compounds: {JJY: {cost: 68050.02, viable: false, staff: {manager: 0.3}}}
      units: {YYHY+JJY: {profit: 1234.56, shares: {JJY: 9000}}}
      totals: {viableCompounds: 1, subsidySaved: {value: 60000, tolerance: 1}}
  - name: from the CSV
    asOf: 2025-07-01
    compounds: compounds.csv
    tolerance: 0.5
    expect:
      totals: {compounds: 4}
`;

let dir: string;
let compounds: Compound[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'breakeven-fuzz-'));
  writeFileSync(join(dir, 'compounds.csv'), CSV_BASES[0]!);
  compounds = (await readCompounds(join(dir, 'compounds.csv'))).compounds;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `load`; a failure must be a located InputError (anything else fails the property). */
async function onlyUserErrors(load: () => Promise<unknown>): Promise<void> {
  try {
    await load();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.problems.length).toBeGreaterThan(0);
    e.problems.forEach(expectLocated);
  }
}

const options = (): CommandOptions => ({
  command: 'scenario',
  format: 'json',
  lang: 'en',
  color: false,
  encoding: 'auto',
  values: {},
  tool: { name: 'breakeven', version: 'fuzz' },
  schemaVersion: 1,
});

describe('fuzzed loaders fail only with located user errors', () => {
  it('compound CSV: readCompounds, then the model on what loads', async () => {
    const k = coefficients(AS_OF);
    const path = join(dir, 'fuzz.csv');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CSV_BASES.keys()), mutationsArb, async (base, muts: Mutation[]) => {
        count('compound CSV');
        writeFileSync(path, mutate(CSV_BASES[base]!, muts));
        await onlyUserErrors(async () => {
          const read = await readCompounds(path);
          const totals = newEvaluateTotals();
          for (const c of read.compounds) addEvaluation(totals, evaluateCompound(c, k));
          const members = read.compounds.slice(0, 4);
          if (members.length >= 2) {
            evaluateArrangedUnit({ kind: 'cluster', name: 'U', members: members.map((m) => m.id) }, members, k, { allocation: 'shapley' });
          }
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('scenario: parse, check against the compounds, load its parameters, evaluate', async () => {
    const bases = [Buffer.from(SCENARIO_YAML), Buffer.from(SCENARIO_JSON)];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1), mutationsArb, async (base, muts: Mutation[]) => {
        const path = join(dir, base === 0 ? 'fuzz.yaml' : 'fuzz.json');
        count('scenario');
        writeFileSync(path, mutate(bases[base]!, muts));
        await onlyUserErrors(async () => {
          const input = await loadInput(path, options());
          const s = input.scenario;
          evaluateArrangement(input.compounds, { units: s.units, changes: s.compoundChanges, allocation: s.allocation, seed: s.seed }, input.model.k);
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('parameter overlay: applyOverlay, resolve, coefficients, evaluate', async () => {
    const path = join(dir, 'fuzz-params.yaml');
    await fc.assert(
      fc.asyncProperty(mutationsArb, async (muts: Mutation[]) => {
        count('parameter overlay');
        writeFileSync(path, mutate(Buffer.from(OVERLAY_YAML), muts));
        await onlyUserErrors(async () => {
          const k = computeCoefficients(resolveOrThrow(overlayFromFile(readDefaultTree(), path), AS_OF));
          for (const c of compounds) evaluateCompound(c, k);
          evaluateArrangedUnit({ kind: 'cluster', name: 'U', members: compounds.map((c) => c.id) }, compounds, k, { allocation: 'scrb' });
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('test-case file: read every case (inline rows, a CSV, parameters, scenario, expectations), run it', async () => {
    const path = join(dir, 'fuzz-cases.yaml');
    await fc.assert(
      fc.asyncProperty(mutationsArb, async (muts: Mutation[]) => {
        count('test cases');
        writeFileSync(path, mutate(Buffer.from(CASES_YAML), muts));
        await onlyUserErrors(async () => {
          for (const c of await readTestCaseFile(path)) runTestCase(c);
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

afterAll(() => {
  // Printed so that a run can be repeated or widened: FUZZ_SEED=… FUZZ_RUNS=… npx vitest run test/fuzz
  const total = [...ran.values()].reduce((a, b) => a + b, 0);
  console.log(`fuzz: seed ${SEED}, ${total} cases (${[...ran].map(([k, v]) => `${k} ${v}`).join(', ')})`);
});
