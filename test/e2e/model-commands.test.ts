import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outputSchema as evaluateSchema } from '../../src/cli/commands/evaluate.js';
import { outputSchema as explainSchema } from '../../src/cli/commands/explain.js';
import { outputSchema as paramsSchema } from '../../src/cli/commands/params.js';
import { outputSchema as scenarioSchema } from '../../src/cli/commands/scenario.js';
import { outputSchema as demoSchema } from '../../src/cli/commands/demo.js';
import { readDefaultTree } from '../../src/io/read-params.js';
import { ROOT, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'breakeven-model-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const AS_OF = ['--as-of', '2025-07-01'];
const fen = (s: string) => Math.round(Number(s) * 100);

describe('evaluate: lean JSON, NDJSON and streamed CSV', () => {
  it('JSON has no cost lines by default; NDJSON is an envelope, one line per compound, a totals line, with the same records', async () => {
    const lean = await runCli(['evaluate', 'fixtures/case-study.csv', '--format', 'json', ...AS_OF]);
    const full = await runCli(['evaluate', 'fixtures/case-study.csv', '--format', 'json', '--detail', ...AS_OF]);
    const nd = await runCli(['evaluate', 'fixtures/case-study.csv', '--format', 'ndjson', ...AS_OF]);
    const leanJson = evaluateSchema.parse(JSON.parse(lean.stdout));
    const fullJson = evaluateSchema.parse(JSON.parse(full.stdout));
    expect(leanJson.schemaVersion).toBe(2);
    expect(leanJson.compounds.every((c) => c.costLines === undefined)).toBe(true);
    // Dropping the lines is all --detail changes.
    expect(fullJson.compounds.map(({ costLines: _, ...c }) => c)).toEqual(leanJson.compounds);
    const lines = nd.stdout.split('\n');
    expect(lines.pop()).toBe('');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.record)).toEqual(['envelope', ...leanJson.compounds.map(() => 'compound'), 'totals']);
    expect(records[0]).toEqual({ record: 'envelope', schemaVersion: 2, tool: leanJson.tool, parameters: leanJson.parameters });
    expect(records.slice(1, -1).map(({ record: _, ...c }) => c)).toEqual(leanJson.compounds);
    expect(records.at(-1)).toEqual({ record: 'totals', totals: leanJson.totals });
  });

  it('streamed CSV is the text the renderer writes for the whole view; with --out it starts with a BOM', async () => {
    const csv = await runCli(['evaluate', 'fixtures/district.csv', '--format', 'csv', ...AS_OF]);
    const { evaluateView, evaluateRow, newEvaluateTotals, addEvaluation } = await import('../../src/present/evaluate.js');
    const { renderCsv } = await import('../../src/render/csv.js');
    const { readCompounds } = await import('../../src/io/read-compounds.js');
    const { loadParams } = await import('../../src/io/read-params.js');
    const { computeCoefficients } = await import('../../src/model/coefficients.js');
    const { evaluateCompound } = await import('../../src/model/evaluate-compound.js');
    const { parametersStamp } = await import('../../src/present/common.js');
    const model = loadParams({ asOf: '2025-07-01' });
    const k = computeCoefficients(model.params);
    const { compounds } = await readCompounds('fixtures/district.csv');
    const t = newEvaluateTotals();
    const rows = compounds.map((c) => {
      const e = evaluateCompound(c, k);
      addEvaluation(t, e);
      return evaluateRow(e);
    });
    expect(csv.stdout).toBe(renderCsv(evaluateView(rows, t, parametersStamp(model.params, []), 'en'), { lang: 'en', color: false }));
    const out = join(dir, 'district-evaluate.csv');
    expect((await runCli(['evaluate', 'fixtures/district.csv', '--format', 'csv', '--out', out, ...AS_OF])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`\ufeff${csv.stdout}`);
  });

  it('scenario --format ndjson: envelope, units, changes, totals; --detail adds each unit\'s cost lines', async () => {
    const json = scenarioSchema.parse(JSON.parse((await runCli(['scenario', 'fixtures/case-study-attached.yaml', '--format', 'json', ...AS_OF])).stdout));
    const nd = (await runCli(['scenario', 'fixtures/case-study-attached.yaml', '--format', 'ndjson', ...AS_OF])).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(nd.map((r) => r.record)).toEqual(['envelope', ...json.units.map(() => 'unit'), ...json.changes.map(() => 'change'), 'totals']);
    expect(nd.at(-1)).toEqual({ record: 'totals', totals: json.totals, baseline: json.baseline, subsidySaved: json.subsidySaved });
    const detail = scenarioSchema.parse(JSON.parse((await runCli(['scenario', 'fixtures/case-study-attached.yaml', '--format', 'json', '--detail', ...AS_OF])).stdout));
    for (const u of detail.units) expect(u.costLines!.reduce((s, l) => s + fen(l.amount), 0)).toBe(fen(u.cost));
    expect(json.units.every((u) => u.costLines === undefined)).toBe(true);
  });
});

describe('evaluate --threads', () => {
  it('two and three threads write the same bytes as one, in every streamed format', async () => {
    // 2,500 compounds: three batches of at most 1,000, so order across batches and workers counts.
    const file = join(dir, 'threads.csv');
    execFileSync(process.execPath, ['fixtures/generate.mjs', '--count', '2500', '--seed', '11', '--out', file]);
    for (const format of ['json', 'ndjson', 'csv']) {
      const one = await runCli(['evaluate', file, '--format', format, '--threads', '1', '--detail', ...AS_OF]);
      expect(one.code).toBe(0);
      for (const t of format === 'json' ? ['2', '3'] : ['2']) {
        const many = await runCli(['evaluate', file, '--format', format, '--threads', t, '--detail', ...AS_OF]);
        expect(many.code).toBe(0);
        expect(many.stdout === one.stdout, `${format}, ${t} threads`).toBe(true);
      }
    }
  }, 120_000);

  it('refuses bad input as one thread does: a late bad row, totals too large to add exactly', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `C${i},${1000 + i},20,1.5\n`).join('');
    const late = join(dir, 'late-bad.csv');
    writeFileSync(late, `id,area_m2,households,fee_rate\n${rows}BAD,-1,20,1.5\n`);
    for (const file of [late, 'fixtures/bad/model/huge-totals.csv']) {
      const one = await runCli(['evaluate', file, '--format', 'csv', '--threads', '1', ...AS_OF]);
      const two = await runCli(['evaluate', file, '--format', 'csv', '--threads', '2', ...AS_OF]);
      expect(one.code).toBe(2);
      expect(two).toEqual(one);
    }
  });

  it('--threads takes auto or 1 to 64', async () => {
    const r = await runCli(['evaluate', 'fixtures/case-study.csv', '--threads', '0', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--threads expects auto or a whole number from 1 to 64, got "0"');
    expect((await runCli(['evaluate', 'fixtures/case-study.csv', '--threads', 'auto', '--format', 'csv', ...AS_OF])).code).toBe(0);
  });
});

describe('evaluate', () => {
  it('prints JSON that fits its schema, with totals that are the sum of the compounds', async () => {
    const r = await runCli(['evaluate', 'fixtures/case-study.csv', '--format', 'json', '--detail', ...AS_OF]);
    expect(r.code).toBe(0);
    const json = evaluateSchema.parse(JSON.parse(r.stdout));
    expect(json.compounds.map((c) => c.id)).toEqual(['JJY', 'YYHY', 'A12', 'A13', 'A15', 'A17']);
    const sum = (k: 'profit' | 'cost' | 'revenue' | 'subsidyNeeded') => json.compounds.reduce((s, c) => s + fen(c[k]), 0);
    for (const k of ['profit', 'cost', 'revenue', 'subsidyNeeded'] as const) expect(fen(json.totals[k])).toBe(sum(k));
    for (const c of json.compounds) {
      // The cost lines add up to the cost, to the fen.
      expect(c.costLines!.reduce((s, l) => s + fen(l.amount), 0)).toBe(fen(c.cost));
      expect(fen(c.profit)).toBe(fen(c.revenue) - fen(c.cost));
    }
    const jjy = json.compounds[0]!;
    expect(jjy.viable).toBe(false);
    expect(jjy.breakEvenFee!).toBeGreaterThan(1);
    expect(json.totals.viable).toBe(json.compounds.filter((c) => c.viable).length);
  });

  it('gives identical JSON for UTF-8, UTF-8 with BOM, CRLF and GB18030 with Chinese headers', async () => {
    const gen = (name: string, ...args: string[]) => {
      const out = join(dir, name);
      execFileSync(process.execPath, [join(ROOT, 'fixtures/generate.mjs'), '--count', '60', '--seed', '7', '--out', out, ...args]);
      return out;
    };
    const files = [gen('plain.csv'), gen('bom.csv', '--bom'), gen('crlf.csv', '--crlf'), gen('zh.csv', '--zh', '--encoding', 'gb18030', '--crlf')];
    const outs = await Promise.all(files.map((f) => runCli(['evaluate', f, '--format', 'json', ...AS_OF])));
    for (const o of outs) expect(o.code).toBe(0);
    for (const o of outs.slice(1)) expect(o.stdout).toBe(outs[0]!.stdout);
  });

  it('--fail-if-any-unviable exits 1 naming the compounds, after writing the report', async () => {
    const out = join(dir, 'eval.json');
    const r = await runCli(['evaluate', 'fixtures/case-study.csv', '--fail-if-any-unviable', '--format', 'json', '--out', out, ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('JJY');
    expect(r.stderr).not.toContain('YYHY');
    expect(existsSync(out)).toBe(true);
  });

  it('a bad row anywhere writes nothing and leaves an existing --out untouched', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${readFileSync(join(ROOT, 'fixtures/case-study.csv'), 'utf8')}Z9,bad,12a5,3,1${",".repeat(13)}\n`);
    const out = join(dir, 'keep.json');
    writeFileSync(out, 'precious');
    const r = await runCli(['evaluate', bad, '--format', 'json', '--out', out, ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:8:\d+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    const fresh = join(dir, 'fresh.json');
    await runCli(['evaluate', bad, '--format', 'json', '--out', fresh, ...AS_OF]);
    expect(existsSync(fresh)).toBe(false);
  });

  it('refuses to write its output over its input', async () => {
    const copy = join(dir, 'copy.csv');
    writeFileSync(copy, readFileSync(join(ROOT, 'fixtures/case-study.csv')));
    const before = readFileSync(copy, 'utf8');
    const r = await runCli(['evaluate', copy, '--format', 'json', '--out', copy, ...AS_OF]);
    expect(r.code).toBe(2);
    expect(readFileSync(copy, 'utf8')).toBe(before);
  });
});

describe('explain and params', () => {
  it('explain traces every figure to parameters with a reference', async () => {
    const r = await runCli(['explain', 'fixtures/case-study.csv', 'JJY', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    const json = explainSchema.parse(JSON.parse(r.stdout));
    const keys = json.parametersUsed.map((p) => p.key);
    for (const k of ['wages.manager', 'oncosts.base_floor', 'staffing.min_manager_fte.basic', 'jobs.dredging_per_job', 'tax.vat_rate', 'collection.after_sale_public']) {
      expect(keys).toContain(k);
    }
    for (const p of json.parametersUsed) expect(p.reference.length).toBeGreaterThan(10);
    expect(json.trace.amount).toBe(json.profit);
    const table = await runCli(['explain', 'fixtures/case-study.csv', 'JJY', ...AS_OF]);
    expect(table.stdout).toContain('京剧院小区 (JJY)');
    expect(table.stdout).toContain('Parameters used');
  });

  it('explain names an unknown id with a suggestion', async () => {
    const r = await runCli(['explain', 'fixtures/case-study.csv', 'JYY', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "JJY"');
  });

  it('params covers every parameter, each with unit and reference', async () => {
    const r = await runCli(['params', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    const json = paramsSchema.parse(JSON.parse(r.stdout));
    expect(json.parameters.map((p) => p.key)).toEqual([...readDefaultTree().keys()]);
    expect(json.parameters.find((p) => p.key === 'wages.minimum_monthly')).toMatchObject({ value: 2740, from: '2025-07-01' });
  });

  it('--params overlays a file and the change shows, with its origin', async () => {
    const over = join(dir, 'wages.yaml');
    writeFileSync(over, 'wages:\n  cleaner: 3800\n');
    const r = await runCli(['params', '--params', over, '--format', 'json', ...AS_OF]);
    const p = JSON.parse(r.stdout).parameters.find((x: { key: string }) => x.key === 'wages.cleaner');
    expect(p).toMatchObject({ value: 3800, overriddenBy: `${over}:2` });
    const bad = join(dir, 'typo.yaml');
    writeFileSync(bad, 'wages:\n  claener: 3800\n');
    const e = await runCli(['params', '--params', bad, ...AS_OF]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(`${bad}:2`);
    expect(e.stderr).toContain('did you mean "wages.cleaner"');
  });
});

describe('scenario, attach, cluster, demo', () => {
  it('the case-study scenario: a viable attached unit whose shares add up to its cost', async () => {
    const r = await runCli(['scenario', 'fixtures/case-study-attached.yaml', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    const json = scenarioSchema.parse(JSON.parse(r.stdout));
    const unit = json.units[0]!;
    expect(unit).toMatchObject({ id: 'YYHY+JJY', kind: 'attached', host: 'YYHY', viable: true, stable: true });
    expect(unit.shares.reduce((s, x) => s + fen(x.cost), 0)).toBe(fen(unit.cost));
    const guest = unit.shares.find((s) => s.id === 'JJY')!;
    expect(fen(guest.incrementalCost)).toBeLessThan(fen(guest.revenue));
    expect(fen(json.subsidySaved)).toBe(fen(json.baseline.totals.subsidyNeeded) - fen(json.totals.subsidyNeeded));
    expect(json.totals.compounds).toBe(6);
  });

  it('attach and cluster give the same as the equivalent scenario', async () => {
    const a = await runCli(['attach', 'fixtures/case-study.csv', 'A12', '--to', 'YYHY', '--format', 'json', ...AS_OF]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).units[0]).toMatchObject({ kind: 'attached', members: ['YYHY', 'A12'] });
    const c = await runCli(['cluster', 'fixtures/case-study.csv', 'A12', 'A13', 'A17', '--allocation', 'shapley', '--format', 'json', ...AS_OF]);
    expect(c.code).toBe(0);
    const unit = JSON.parse(c.stdout).units[0];
    expect(unit).toMatchObject({ kind: 'cluster', members: ['A12', 'A13', 'A17'], allocation: 'shapley' });
    const sc = join(dir, 'cluster.yaml');
    writeFileSync(sc, `compounds: ${join(ROOT, 'fixtures/case-study.csv')}\nallocation: shapley\nunits:\n  - kind: cluster\n    name: A12+A13+A17\n    members: [A12, A13, A17]\n`);
    const s = await runCli(['scenario', sc, '--format', 'json', ...AS_OF]);
    expect(JSON.parse(s.stdout).units).toEqual(JSON.parse(c.stdout).units);
  });

  it('a scenario error names the scenario file and line', async () => {
    const sc = join(dir, 'bad-scenario.yaml');
    writeFileSync(sc, `compounds: ${join(ROOT, 'fixtures/case-study.csv')}\nunits:\n  - kind: attached\n    host: YYHY\n    guests: [JJY, JYY]\n  - kind: cluster\n    members: [A12, JJY]\n`);
    const r = await runCli(['scenario', sc, ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${sc}:5`);
    expect(r.stderr).toContain('unknown compound "JYY"');
    expect(r.stderr).toContain(`${sc}:7`);
    expect(r.stderr).toContain('already in unit 1');
  });

  it('attach without --to is a usage error', async () => {
    const r = await runCli(['attach', 'fixtures/case-study.csv', 'JJY']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to');
  });

  it('demo tells the case study and fits its schema', async () => {
    const r = await runCli(['demo', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('京剧院小区 alone');
    expect(r.stdout).toContain('The firm earns on it.');
    const j = await runCli(['demo', '--format', 'json', ...AS_OF]);
    const json = demoSchema.parse(JSON.parse(j.stdout));
    expect(json.alone.every((a) => !a.viable)).toBe(true);
    expect(json.attached.unitViable).toBe(true);
    const zh = await runCli(['demo', '--lang', 'zh', ...AS_OF]);
    expect(zh.stdout).toContain('挂单');
  });
});
