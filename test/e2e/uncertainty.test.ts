import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outputSchema as evaluateSchema } from '../../src/cli/commands/evaluate.js';
import { outputSchema as scenarioSchema } from '../../src/cli/commands/scenario.js';
import { outputSchema as bidSchema } from '../../src/cli/commands/bid.js';
import { outputSchema as sensitivitySchema } from '../../src/cli/commands/sensitivity.js';
import { outputSchema as demoSchema } from '../../src/cli/commands/demo.js';
import { runCli } from './run-cli.js';

/**
 * `--draws` and `sensitivity` end to end (issue 14): determinism across seeds and thread counts,
 * the JSON contracts, and the tornado against `evaluate` run with the parameter overlaid.
 */
const dir = mkdtempSync(join(tmpdir(), 'breakeven-uncertainty-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const AS_OF = ['--as-of', '2025-07-01'];
const fen = (s: string) => Math.round(Number(s) * 100);

describe('--draws', () => {
  it('the same seed gives the same bytes on one thread and on two; another seed differs', async () => {
    const base = ['scenario', 'fixtures/case-study-attached.yaml', '--draws', '300', '--format', 'json', ...AS_OF];
    const [one, two, again, other] = await Promise.all([
      runCli([...base, '--seed', '7', '--threads', '1']),
      runCli([...base, '--seed', '7', '--threads', '2']),
      runCli([...base, '--seed', '7']),
      runCli([...base, '--seed', '8']),
    ]);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(again.stdout).toBe(one.stdout);
    expect(other.stdout).not.toBe(one.stdout);
    const json = scenarioSchema.parse(JSON.parse(one.stdout));
    const unit = json.units[0]!;
    expect(unit.uncertainty).toMatchObject({ draws: 300, seed: 7 });
    const u = unit.uncertainty!;
    expect(fen(u.profit.p5)).toBeLessThanOrEqual(fen(u.profit.p50));
    expect(fen(u.profit.p50)).toBeLessThanOrEqual(fen(u.profit.p95));
    for (const s of unit.shares) {
      expect(s.pGains).toBeGreaterThanOrEqual(0);
      expect(s.pGains).toBeLessThanOrEqual(1);
    }
    expect(json.totals.uncertainty).toMatchObject({ draws: 300, seed: 7 });
  });

  it('evaluate: uncertainty on every compound and the totals; the table says how sure', async () => {
    const j = await runCli(['evaluate', 'fixtures/case-study.csv', '--draws', '200', '--format', 'json', ...AS_OF]);
    expect(j.code).toBe(0);
    const json = evaluateSchema.parse(JSON.parse(j.stdout));
    for (const c of json.compounds) expect(c.uncertainty?.draws).toBe(200);
    // The micro compounds lose at every draw: no range makes 300 m² pay for a manager.
    expect(json.compounds.find((c) => c.id === 'A15')!.uncertainty!.pViable).toBe(0);
    expect(json.totals.uncertainty!.subsidyNeeded.p50).toMatch(/^\d+\.\d{2}$/);
    const t = await runCli(['evaluate', 'fixtures/case-study.csv', '--draws', '200', ...AS_OF]);
    expect(t.stdout).toContain('how sure');
    expect(t.stdout).toMatch(/viable in \d+% of draws/);
    // Without --draws nothing changes.
    const plain = await runCli(['evaluate', 'fixtures/case-study.csv', '--format', 'json', ...AS_OF]);
    expect(plain.stdout).not.toContain('uncertainty');
  });

  it('--vary-inputs draws the collection rates a scenario gives ranges for, and warns when none are given', async () => {
    const scenario = join(dir, 'ranges.yaml');
    writeFileSync(
      scenario,
      `compounds: ${join(process.cwd(), 'fixtures/case-study.csv')}\ncompoundChanges:\n  JJY: { fee_rate: 1.49, service_level: standard, collection_rate: 0.9 }\nunits:\n  - { kind: attached, host: YYHY, guests: [JJY] }\ninputRanges:\n  JJY: { collection_rate: [0.5, 0.95] }\n`,
    );
    const fixed = await runCli(['scenario', scenario, '--draws', '300', '--format', 'json', ...AS_OF]);
    const varied = await runCli(['scenario', scenario, '--draws', '300', '--vary-inputs', '--format', 'json', ...AS_OF]);
    expect(varied.code).toBe(0);
    const g = (r: typeof fixed) => scenarioSchema.parse(JSON.parse(r.stdout)).units[0]!.shares[1]!.pGains!;
    // Collection drawn down from 0.9 (mode) towards 0.5: the guest pays its way less often.
    expect(g(varied)).toBeLessThan(g(fixed));
    const csv = await runCli(['evaluate', 'fixtures/case-study.csv', '--draws', '10', '--vary-inputs', ...AS_OF]);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toContain('no input ranges given');
  });

  it('bid: how sure the quote covers its cost', async () => {
    const r = await runCli(['bid', 'fixtures/case-study.csv', 'A12', 'A13', 'A17', '--margin', '6%', '--draws', '200', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    const json = bidSchema.parse(JSON.parse(r.stdout));
    expect(json.bundle.uncertainty!.draws).toBe(200);
    expect(json.separate.every((s) => s.uncertainty!.draws === 200)).toBe(true);
  });

  it('demo: the attach story gives the odds at 90% and 60% collection and what decides them', async () => {
    const r = await runCli(['demo', '--format', 'json', ...AS_OF]);
    const json = demoSchema.parse(JSON.parse(r.stdout));
    const odds = json.attached.odds!;
    expect(odds.map((o) => o.collection)).toEqual([0.9, 0.6]);
    // The guest brings less at 60% collection: the firm gains less often.
    expect(odds[1]!.pGains).toBeLessThan(odds[0]!.pGains);
    expect(odds[0]!.decidedBy!.key).toMatch(/\./);
    const t = await runCli(['demo', ...AS_OF]);
    expect(t.stdout).toMatch(/at 90% collection the host firm gains by serving the guest in \d+% of 1000 draws/);
    expect(t.stdout).toMatch(/at 60% collection/);
  });
});

describe('sensitivity', () => {
  it("a row's values are evaluate's profits with the parameter overlaid at its low and its high", async () => {
    const r = await runCli(['sensitivity', 'fixtures/case-study.csv', '--id', 'YYHY', '--top', '3', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    const json = sensitivitySchema.parse(JSON.parse(r.stdout));
    expect(json.target).toBe('profit');
    expect(json.rows).toHaveLength(3);
    const top = json.rows[0]!;
    const at = async (x: number) => {
      const overlay = join(dir, `o-${x}.yaml`);
      const parts = top.key.split('.');
      writeFileSync(overlay, parts.map((p, i) => `${'  '.repeat(i)}${p}:${i === parts.length - 1 ? ` ${x}` : ''}`).join('\n') + '\n');
      const e = await runCli(['evaluate', 'fixtures/case-study.csv', '--params', overlay, '--format', 'json', ...AS_OF]);
      return evaluateSchema.parse(JSON.parse(e.stdout)).compounds.find((c) => c.id === 'YYHY')!.profit;
    };
    expect(top.valueLow).toBe(await at(top.low));
    expect(top.valueHigh).toBe(await at(top.high));
    expect(fen(top.swing as string)).toBe(Math.abs(fen(top.valueHigh as string) - fen(top.valueLow as string)));
  });

  it('a unit of a scenario, by its id; an unknown id is an input error', async () => {
    const r = await runCli(['sensitivity', 'fixtures/case-study-attached.yaml', '--id', 'YYHY+JJY', '--target', 'break-even-fee', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('break-even fee');
    const bad = await runCli(['sensitivity', 'fixtures/case-study-attached.yaml', '--id', 'YYHY+JJX', ...AS_OF]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean "YYHY+JJY"');
  });

  it('report: the how-sure column and the tornado appear with --draws only', async () => {
    const out = join(dir, 'r.html');
    const r = await runCli(['report', 'fixtures/case-study-attached.yaml', '--draws', '100', '--out', out, ...AS_OF]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('id="tornado"');
    expect(html).toMatch(/viable in \d+% of draws/);
    const plain = join(dir, 'p.html');
    await runCli(['report', 'fixtures/case-study-attached.yaml', '--out', plain, ...AS_OF]);
    expect(readFileSync(plain, 'utf8')).not.toContain('tornado');
  });
});
