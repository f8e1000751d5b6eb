import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArrangement } from '../../src/arrangements/evaluate-scenario.js';
import { loadInput } from '../../src/cli/load-input.js';
import type { CommandOptions } from '../../src/cli/registry.js';
import { overlayFromFile, readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { readCompounds } from '../../src/io/read-compounds.js';
import { computeCoefficients } from '../../src/model/coefficients.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { addEvaluation, newEvaluateTotals } from '../../src/present/evaluate.js';
import { coefficients } from '../helpers/params.js';
import {
  expectInputError,
  expectUserErrorOutput,
  expectedFile,
  readManifest,
  runInProcess,
  snapshot,
  thrown,
  type BadCase,
} from './harness.js';

/*
 * Every file of the corpus under fixtures/bad/ (compound CSVs; model/: CSVs whose amounts the
 * model cannot hold; scenarios/; params/), twice: through the loader it is meant for (the error
 * must be an InputError with its code, file, line and message, every problem located), and
 * through the command line (exit 2, `error: file:line: …`, no stack trace; an existing --out file
 * keeps its bytes and no file appears or is left behind).
 */
const AS_OF = '2025-07-01';
const csv = readManifest('.');
const model = readManifest('model');
const scenarios = readManifest('scenarios');
const params = readManifest('params');
const compoundsCsv = join(scenarios.dir, 'compounds.csv');

let out: string;
let existing: string;
let generated: string;
const EXISTING = '{"previous": "run"}\n';

/** Files too big (or too long) to commit, written to a temporary folder. */
const GENERATED: (BadCase & { make: () => string | Buffer })[] = [
  {
    file: 'ten-mb-field.csv',
    code: 'CSV_FIELD_TOO_LARGE',
    line: 2,
    message_includes: 'larger than 1 MiB',
    make: () => `id,name,area_m2,households,fee_rate\nA1,"${'x'.repeat(10 * 1024 * 1024)}",100,1,1\n`,
  },
  {
    file: 'ten-mb-unclosed.csv',
    code: 'CSV_UNCLOSED_QUOTE',
    line: 2,
    message_includes: 'without a closing quote',
    make: () => `id,name,area_m2,households,fee_rate\nA1,"${'x\n'.repeat(5 * 1024 * 1024)},100,1,1\n`,
  },
  {
    file: 'bad-utf8-after-64k.csv',
    code: 'CSV_BAD_ENCODING',
    line: 2002,
    message_includes: 'not valid UTF-8',
    // 2000 valid rows of ≈ 50 bytes (lines 2–2001) fill the first 64 KiB that decide the
    // encoding; line 2002 has a byte (0xFF) that is never valid UTF-8.
    make: () => {
      const rows = Array.from({ length: 2000 }, (_, i) => `R${String(i).padStart(4, '0')},永嘉路${i}弄小区,1200,20,1.2\n`).join('');
      return Buffer.concat([Buffer.from(`id,name,area_m2,households,fee_rate\n${rows}`), Buffer.from('BAD,\xff,1200,20,1.2\n', 'latin1')]);
    },
  },
];

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'breakeven-hostile-out-'));
  existing = join(out, 'existing.json');
  generated = mkdtempSync(join(tmpdir(), 'breakeven-hostile-gen-'));
  for (const g of GENERATED) writeFileSync(join(generated, g.file), g.make());
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(generated, { recursive: true, force: true });
});

/** Runs `args` + `--out existing.json` and checks the user error and that nothing was written. */
async function refusedLeavingOutAlone(args: string[], file: string, c: BadCase): Promise<void> {
  writeFileSync(existing, EXISTING);
  const before = snapshot(out);
  const r = await runInProcess([...args, '--out', existing]);
  expectUserErrorOutput(r, file, c.line);
  expect(r.err).toContain(c.message_includes);
  expect(readFileSync(existing, 'utf8')).toBe(EXISTING);
  expect(snapshot(out)).toEqual(before);
}

/** Runs `args` + `--out new.json` (no such file yet) and checks none appears. */
async function refusedCreatingNothing(args: string[], file: string, c: BadCase): Promise<void> {
  const before = snapshot(out);
  const r = await runInProcess([...args, '--out', join(out, 'new.json')]);
  expectUserErrorOutput(r, file, c.line);
  expect(snapshot(out)).toEqual(before);
}

const title = (c: BadCase) => `${c.file}${c.what ? `: ${c.what}` : ''} → ${c.code} at line ${c.line}`;

/** A compounds file through the reader and, for `evaluate`, the model and its totals. */
async function loadCompoundsCase(path: string, command: 'validate' | 'evaluate'): Promise<void> {
  const read = await readCompounds(path);
  if (command === 'evaluate') {
    const k = coefficients(AS_OF);
    const totals = newEvaluateTotals();
    for (const x of read.compounds) addEvaluation(totals, evaluateCompound(x, k));
  }
}

describe('compound CSV corpus (fixtures/bad, and generated files)', () => {
  it('covers what the issue lists', () => {
    const codes = new Set([...csv.cases, ...GENERATED].map((c) => c.code));
    for (const code of ['CSV_EMPTY', 'CSV_NO_ROWS', 'CSV_MISSING_COLUMN', 'CSV_DUPLICATE_ID', 'CSV_OUT_OF_RANGE', 'CSV_INVALID_NUMBER', 'CSV_RAGGED_ROW', 'CSV_UNCLOSED_QUOTE', 'CSV_NUL_BYTE', 'CSV_BAD_ENCODING', 'CSV_FIELD_TOO_LARGE']) {
      expect(codes).toContain(code);
    }
  });

  const all = [...csv.cases.map((c) => ({ c, dir: () => csv.dir })), ...GENERATED.map((c) => ({ c, dir: () => generated }))];
  for (const { c, dir } of all) {
    it(title(c), async () => {
      const path = join(dir(), c.file);
      const file = expectedFile(path, c);
      expectInputError(await thrown(() => loadCompoundsCase(path, 'validate')), file, c);
      // The streamed JSON of evaluate is the path most likely to leave half a file behind.
      await refusedLeavingOutAlone(['evaluate', path, '--as-of', AS_OF, '--format', 'json'], file, c);
      await refusedCreatingNothing(['validate', path], file, c);
    });
  }
});

describe('valid CSVs the model cannot hold (fixtures/bad/model)', () => {
  for (const c of model.cases) {
    it(title(c), async () => {
      const path = join(model.dir, c.file);
      const file = expectedFile(path, c);
      await loadCompoundsCase(path, 'validate'); // the reader accepts it
      expectInputError(await thrown(() => loadCompoundsCase(path, 'evaluate')), file, c);
      await refusedLeavingOutAlone(['evaluate', path, '--as-of', AS_OF, '--format', 'json'], file, c);
      await refusedCreatingNothing(['evaluate', path, '--as-of', AS_OF], file, c);
      const ids = (await readCompounds(path)).compounds.map((x) => x.id);
      if (ids.length >= 2) await refusedCreatingNothing(['cluster', path, ...ids.slice(0, 2), '--as-of', AS_OF], file, c);
    });
  }
});

function scenarioOptions(): CommandOptions {
  return { command: 'scenario', format: 'json', lang: 'en', color: false, encoding: 'auto', values: {}, tool: { name: 'breakeven', version: 'test' }, schemaVersion: 1 };
}

describe('scenario corpus (fixtures/bad/scenarios)', () => {
  it('covers what the issue lists: unknown keys, wrong types, cycles of references, a compound in two units', () => {
    const codes = new Set(scenarios.cases.map((c) => c.code));
    for (const code of ['SCENARIO_UNKNOWN_KEY', 'SCENARIO_INVALID', 'YAML_ALIAS_CYCLE', 'SCENARIO_COMPOUND_IN_TWO_UNITS']) expect(codes).toContain(code);
  });

  // The other commands that read a scenario, one per case in turn (each case meets one of them).
  const others: ((path: string) => string[])[] = [
    (p) => ['check', p],
    (p) => ['project', p, '--years', '3'],
    (p) => ['sweep', p, '--vary', 'fee_rate=1,2'],
    (p) => ['report', p],
    (p) => ['attach', p, 'JJY', '--to', 'YYHY'],
  ];
  scenarios.cases.forEach((c, i) => {
    it(title(c), async () => {
      const path = join(scenarios.dir, c.file);
      const file = expectedFile(path, c);
      const e = await thrown(async () => {
        const input = await loadInput(path, scenarioOptions());
        const s = input.scenario;
        evaluateArrangement(input.compounds, { units: s.units, changes: s.compoundChanges, allocation: s.allocation, seed: s.seed }, input.model.k);
      });
      expectInputError(e, file, c);
      await refusedLeavingOutAlone(['scenario', path, '--format', 'json'], file, c);
      await refusedCreatingNothing(['scenario', path], file, c);
      await refusedLeavingOutAlone(others[i % others.length]!(path), file, c);
    });
  });
});

describe('parameter overlay corpus (fixtures/bad/params)', () => {
  it('covers unknown keys, wrong types, cycles of references, values the model cannot use', () => {
    const codes = new Set(params.cases.map((c) => c.code));
    for (const code of ['PARAMS_UNKNOWN_KEY', 'PARAMS_WRONG_TYPE', 'YAML_ALIAS_CYCLE', 'PARAMS_OUT_OF_DOMAIN']) expect(codes).toContain(code);
  });

  for (const c of params.cases) {
    it(title(c), async () => {
      const path = join(params.dir, c.file);
      const file = expectedFile(path, c);
      const e = await thrown(async () => {
        const k = computeCoefficients(resolveOrThrow(overlayFromFile(readDefaultTree(), path), AS_OF));
        const read = await readCompounds(compoundsCsv);
        for (const x of read.compounds) evaluateCompound(x, k);
      });
      expectInputError(e, file, c);
      await refusedLeavingOutAlone(['evaluate', compoundsCsv, '--params', path, '--as-of', AS_OF, '--format', 'json'], file, c);
      await refusedCreatingNothing(['evaluate', compoundsCsv, '--params', path, '--as-of', AS_OF], file, c);
    });
  }
});
