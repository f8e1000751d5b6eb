import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { runCli, STACK_LINE } from './run-cli.js';
import { outputSchema as sweepSchema } from '../../src/cli/commands/sweep.js';
import { outputSchema as projectSchema } from '../../src/cli/commands/project.js';
import { outputSchema as bidSchema } from '../../src/cli/commands/bid.js';
import { outputSchema as checkSchema } from '../../src/cli/commands/check.js';
import { outputSchema as testSchema } from '../../src/cli/commands/test.js';

/**
 * sweep, project, bid, check and test on the built binary, over the case study of
 * fixtures/case-study.csv (京剧院小区 JJY, its host 岳阳花苑 YYHY, lane neighbours A12, A13, A15, A17).
 */
const CSV = 'fixtures/case-study.csv';
const AS_OF = ['--as-of', '2025-07-01'];
const dir = mkdtempSync(join(tmpdir(), 'breakeven-whatif-'));

/**
 * Validates a JUnit file against the rules of the Jenkins xunit plugin's junit-10.xsd
 * (test/junit/junit-10.xsd) with xmllint (Debian's libxml2-utils; .ci/run installs it). Returns
 * xmllint's verdict line, e.g. "FILE validates".
 */
function xsdValidate(file: string): string {
  try {
    return execFileSync('xmllint', ['--noout', '--schema', 'test/junit/junit-10.xsd', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) || `${file} validates`;
  } catch (e) {
    const err = e as { stderr?: string; status?: number };
    return `${err.stderr ?? ''} (xmllint exit ${err.status})`;
  }
}

async function json(args: string[], schema: ZodType, code = 0): Promise<Record<string, unknown>> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr.replace(/^check failed[\s\S]*/m, '')).toBe('');
  expect(r.code).toBe(code);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  // The output is what `breakeven schema` promises.
  expect(() => schema.parse(out)).not.toThrow();
  return out;
}

function scenario(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `compounds: ${join(process.cwd(), CSV)}\nasOf: 2025-07-01\n${body}`);
  return p;
}

type Row = { values: Record<string, number>; viable: number; flip: boolean; profit: string };

describe('breakeven sweep', () => {
  it('finds the break-even fee evaluate finds, to the step', async () => {
    const ev = await runCli(['evaluate', CSV, ...AS_OF, '--format', 'json']);
    const yyhy = (JSON.parse(ev.stdout) as { compounds: { id: string; breakEvenFee: number }[] }).compounds.find((c) => c.id === 'YYHY')!;
    const out = await json(['sweep', CSV, '--vary', 'fee_rate=1.00:2.50:0.01', '--only', 'YYHY', ...AS_OF], sweepSchema);
    expect(out.vary).toEqual(['fee_rate']);
    const rows = out.rows as Row[];
    expect(rows).toHaveLength(151);
    const flips = rows.filter((r) => r.flip);
    expect(flips).toHaveLength(1);
    // evaluate's break-even fee (rounded up to 6 decimals) rounded up to the step of 0.01.
    expect(flips[0]!.values.fee_rate).toBe(Math.ceil(yyhy.breakEvenFee * 100 - 1e-9) / 100);
    expect(flips[0]!.viable).toBe(1);
  });

  it('prints a table with the flip marked and a plot of the profit', async () => {
    const r = await runCli(['sweep', CSV, '--vary', 'fee_rate=1.5:1.8:0.05', '--only', 'YYHY', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+1\.65\s.*1\/6\s+← flips$/m);
    expect(r.stdout).toContain('Profit (yuan a year) by fee_rate; ^ where the verdict flips');
    expect(r.stdout).toMatch(/^\s+└─+$/m);
  });

  it('sweeps a parameter, and two keys as a grid, in CSV', async () => {
    const r = await runCli(['sweep', CSV, '--vary', 'wages.cleaner=3000:4000:500', '--vary', 'collection_rate=60%,90%', ...AS_OF, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[1]).toBe('wages.cleaner,collection_rate,net revenue,cost,profit,margin,subsidy needed,viable compounds,verdict');
    expect(lines.slice(2, 8).map((l) => l.split(',').slice(0, 2).join(' '))).toEqual(['3000 0.6', '3000 0.9', '3500 0.6', '3500 0.9', '4000 0.6', '4000 0.9']);
    // No drawing in a CSV file.
    expect(r.stdout).not.toContain('┤');
  });

  it.each([
    [['--vary', 'fee_rat=1:2:0.1'], /unknown key "fee_rat": neither a compound field nor a parameter \(did you mean "fee_rate"\?\)/],
    [['--vary', 'fee_rate=1:2'], /expected FROM:TO:STEP/],
    [['--vary', 'households=1.5'], /households: expected a whole number ≥ 1, got 1.5/],
    [['--vary', 'fee_rate=1:2:0.5', '--only', 'YYHX'], /--only: unknown compound "YYHX" \(did you mean "YYHY"\?\)/],
    [[], /missing --vary/],
  ])('refuses %j with exit 2', async (extra, message) => {
    const r = await runCli(['sweep', CSV, ...AS_OF, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });
});

describe('breakeven project', () => {
  it('reports the failure year worked out by hand (岳阳花苑 alone, wages +4 %: year 9)', async () => {
    const out = await json(['project', CSV, '--years', '10', '--wage-growth', '4%', '--fee-growth', '0%', ...AS_OF], projectSchema);
    const units = out.units as { id: string; status: string; failYear: number | null; failDate: string | null }[];
    expect(units.find((u) => u.id === 'YYHY')).toMatchObject({ status: 'fails', failYear: 9, failDate: '2034-07-01' });
    expect(units.find((u) => u.id === 'JJY')).toMatchObject({ status: 'unviable', failYear: 0 });
    expect((out.rows as { failing: string[] }[])[9]!.failing).toEqual(['YYHY']);
    expect(out.wageGrowth).toBe(0.04);
  });

  it("applies a scenario's dated fee steps", async () => {
    const s = scenario('steps.yaml', 'feeSteps: { YYHY: { 2030-01-01: 2.6 } }\n');
    const out = await json(['project', s, '--years', '10', '--wage-growth', '4%'], projectSchema);
    const yyhy = (out.units as { id: string; status: string }[]).find((u) => u.id === 'YYHY')!;
    expect(yyhy.status).toBe('holds');
    expect(out.feeSteps).toEqual({ YYHY: { '2030-01-01': 2.6 } });
  });

  it('prints the years, a plot and the units', async () => {
    const r = await runCli(['project', CSV, '--years', '10', '--wage-growth', '4%', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Projection over 10 years: wages 4.0% a year, fees 0.0% a year');
    expect(r.stdout).toMatch(/^YYHY\s+YYHY\s.*stops breaking even\s+9 \(2034-07-01\)$/m);
  });

  it('refuses a growth written as a bare number', async () => {
    const r = await runCli(['project', CSV, '--wage-growth', '4', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: --wage-growth: 4 would be 400% (write 4% for 4 percent, or 0.04)');
  });
});

describe('breakeven bid', () => {
  it('quotes a fee that, fed back as the fee, gives the margin asked for (to 0.1 %)', async () => {
    const out = await json(['bid', CSV, 'A12', 'A13', 'A17', '--margin', '6%', ...AS_OF], bidSchema);
    const bundle = out.bundle as { fee: number; members: string[]; costSheet: { category: string; label: string; labelZh: string; perM2Month: number }[] };
    expect(out.pricing).toBe('lump-sum');
    expect(bundle.members).toEqual(['A12', 'A13', 'A17']);
    expect(bundle.costSheet).toHaveLength(10);
    expect(bundle.costSheet[0]).toMatchObject({ category: 'staff', labelZh: '人员费用（工资、社保、福利）' });
    // Charge the quoted fee to the three as a cluster, through `scenario`.
    const s = scenario(
      'quoted.yaml',
      `units: [{ kind: cluster, name: lane, members: [A12, A13, A17] }]\ncompoundChanges: { A12: { fee_rate: ${bundle.fee} }, A13: { fee_rate: ${bundle.fee} }, A17: { fee_rate: ${bundle.fee} } }\n`,
    );
    const sc = await runCli(['scenario', s, '--format', 'json']);
    const lane = (JSON.parse(sc.stdout) as { units: { id: string; margin: number }[] }).units.find((u) => u.id === 'lane')!;
    expect(Math.abs(lane.margin - 0.06)).toBeLessThan(0.001);
    // And each compound priced alone, through `evaluate`.
    const separate = out.separate as { id: string; fee: number }[];
    const rows = readFileSync(CSV, 'utf8').split('\n');
    const fed = [rows[0], ...rows.slice(1).filter((l) => l !== '').map((l) => {
      const cells = l.split(',');
      const s = separate.find((x) => x.id === cells[0]);
      if (s) cells[4] = String(s.fee);
      return cells.join(',');
    })].join('\n');
    writeFileSync(join(dir, 'fed.csv'), fed);
    const ev = await runCli(['evaluate', join(dir, 'fed.csv'), ...AS_OF, '--format', 'json']);
    for (const c of (JSON.parse(ev.stdout) as { compounds: { id: string; margin: number }[] }).compounds.filter((x) => separate.some((s) => s.id === x.id))) {
      expect(Math.abs(c.margin - 0.06)).toBeLessThan(0.001);
    }
  });

  it('prints the bilingual cost sheet and the saving of bundling', async () => {
    const r = await runCli(['bid', CSV, 'YYHY', 'JJY', '--pricing', 'commission', '--commission-rate', '8%', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ 1 {2}人员费用（工资、社保、福利）\s+Staff wages, social insurance and welfare\s+[\d,.]+\s+[\d.]+$/m);
    expect(r.stdout).toContain('分摊的企业管理费（由酬金支付）');
    expect(r.stdout).toMatch(/Fee to quote, commission \(酬金制\), commission 8\.0% of expenditure: \d+\.\d{4} yuan\/m²\/month/);
    expect(r.stdout).toMatch(/Bundling saves [\d,]+\.\d\d yuan a year/);
  });

  it.each([
    [[], /missing required argument 'ids'/],
    [['A12', 'A12'], /"A12" is listed twice/],
    [['A12', '--margin', '6%', '--commission-rate', '8%'], /not both/],
    [['A12', '--commission-rate', '8%'], /commission pricing only|--pricing commission only/],
    [['A99'], /unknown compound "A99"/],
  ])('refuses %j with exit 2', async (extra, message) => {
    const r = await runCli(['bid', CSV, ...AS_OF, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('breakeven check', () => {
  const attached = () => scenario('attached.yaml', "units: [{ kind: attached, host: YYHY, guests: [JJY] }]\ncompoundChanges: { JJY: { fee_rate: 1.49, service_level: standard, collection_rate: 0.9 } }\n");

  it('passes: exit 0 and JSON saying so', async () => {
    const out = await json(['check', attached(), '--require-viable', 'JJY,YYHY'], checkSchema);
    expect(out.passed).toBe(true);
    expect((out.gates as { gate: string; passed: boolean }[]).map((g) => [g.gate, g.passed])).toEqual([['require-viable', true]]);
  });

  it('fails: the JSON report, then exit 1 with a summary of what failed', async () => {
    const r = await runCli(['check', attached(), '--min-margin', '0', '--max-subsidy', '50000', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { passed: boolean };
    expect(() => checkSchema.parse(out)).not.toThrow();
    expect(out.passed).toBe(false);
    expect(r.stderr).toBe(
      [
        'check failed: 2 of 2 gates failed (min-margin, max-subsidy)',
        // The lane compounds alone, as `evaluate` has them; the subsidy is the sum of their losses.
        '  min-margin 0.0%: unit A12 has margin -3964.7% (profit -66,305.91)',
        '  min-margin 0.0%: unit A13 has margin -2188.2% (profit -66,770.83)',
        '  min-margin 0.0%: unit A15 has margin -6062.0% (profit -72,492.70)',
        '  min-margin 0.0%: unit A17 has margin -1573.3% (profit -67,106.19)',
        '  max-subsidy 50,000.00: the arrangement needs 272,675.63 a year',
        '',
      ].join('\n'),
    );
  });

  it('refuses an unknown id with exit 2', async () => {
    const r = await runCli(['check', attached(), '--require-viable', 'JJX']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: command line: require-viable: --require-viable: no compound or unit "JJX" (did you mean "JJY"?)');
  });
});

describe('breakeven test', () => {
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const JJY_ROW = '{ id: JJY, area_m2: 813, households: 16, fee_rate: 0.45, housing_type: after_sale_public, service_level: basic, built_year: 1984 }';

  it("runs the project's own cases: exit 0", async () => {
    const out = await json(['test', 'test/cases'], testSchema);
    const summary = out.summary as { cases: number; failed: number };
    expect(summary.failed).toBe(0);
    expect(summary.cases).toBeGreaterThan(0);
  });

  it('a failing case exits 1 and shows expected against actual', async () => {
    const f = write('failing.yaml', `asOf: 2025-07-01\ncases:\n  - name: wrong on purpose\n    compounds: [${JJY_ROW}]\n    expect:\n      compounds:\n        JJY: { cost: 68000, viable: false }\n`);
    const junit = join(dir, 'junit.xml');
    const r = await runCli(['test', f, '--junit', junit]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL\s+wrong on purpose\s+.*failing\.yaml:3\s+1\/2 wrong$/m);
    expect(r.stdout).toMatch(/^compounds\.JJY\.cost\s+7\s+68000\.00\s+68050\.02\s+\+50\.02\s+±0$/m);
    expect(r.stderr).toBe(`check failed: 1 of 1 cases failed\n  wrong on purpose: ${f}:7: compounds.JJY.cost: expected 68000.00, got 68050.02 (+50.02)\n`);
    const xml = readFileSync(junit, 'utf8');
    expect(xsdValidate(junit)).toBe(`${junit} validates`);
    expect(xml).toMatch(/<testsuites name="breakeven test" tests="1" failures="1" errors="0" time="\d+\.\d{3}">/);
    expect(xml).toMatch(/<testsuite name="[^"]*failing\.yaml" tests="1" failures="1" errors="0" skipped="0" time="\d+\.\d{3}">/);
    // Where the case was written: properties of the suite (the schema has no file or line on <testcase>).
    expect(xml).toContain(`<property name="file" value="${f}"/>`);
    expect(xml).toContain('<property name="line: wrong on purpose" value="3"/>');
    // The classname is the path without separators or dots: no "yaml" class in CI.
    const classname = /classname="([^"]*)"/.exec(xml)![1]!;
    expect(classname).not.toMatch(/[./\\]/);
    expect(classname.endsWith('_failing')).toBe(true);
    expect(xml).toMatch(/<testcase name="wrong on purpose" classname="[^"]*" time="\d+\.\d{3}">/);
    expect(xml).toContain('<failure message="1 value wrong; first: compounds.JJY.cost expected 68000.00, got 68050.02" type="ValueMismatch">');
  });

  it('a passing case exits 0, and its JUnit file has no failure', async () => {
    const f = write('passing.yaml', `asOf: 2025-07-01\ncases:\n  - name: right\n    compounds: [${JJY_ROW}]\n    expect: { compounds: { JJY: { cost: 68050.02 } } }\n`);
    const junit = join(dir, 'junit-pass.xml');
    const r = await runCli(['test', f, '--junit', junit]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 cases passed (1 values, 1 file).');
    expect(readFileSync(junit, 'utf8')).not.toContain('<failure');
    expect(xsdValidate(junit)).toBe(`${junit} validates`);
  });

  it('a malformed case file exits 2 with file:line, and its JUnit file has an <error> case beside the good files\' cases', async () => {
    const f = write('malformed.yaml', `asOf: 2025-07-01\ncases:\n  - name: typo\n    compounds: [${JJY_ROW}]\n    expect: { compounds: { JJY: { cots: 1 } } }\n`);
    const good = write('good.yaml', `asOf: 2025-07-01\ncases:\n  - name: right\n    compounds: [${JJY_ROW}]\n    expect: { compounds: { JJY: { cost: 68050.02 } } }\n`);
    const junit = join(dir, 'malformed.xml');
    const r = await runCli(['test', good, f, '--junit', junit]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${f}:5:35: cases.0.expect.compounds.JJY.cots: unknown output "cots" (did you mean "cost"?)\n`);
    expect(xsdValidate(junit)).toBe(`${junit} validates`);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="breakeven test" tests="2" failures="0" errors="1" time="[\d.]+">/);
    expect(xml).toContain('<testcase name="right"');
    expect(xml).toContain('<property name="line" value="5"/>');
    expect(xml).toContain(
      `<error message="1 problem; first: ${f}:5:35: cases.0.expect.compounds.JJY.cots: unknown output &quot;cots&quot; (did you mean &quot;cost&quot;?)" type="MalformedCaseFile">TEST_CASE_UNKNOWN_KEY: `,
    );
  });

  it('a file that is not there still gives a JUnit file with an <error> case, and exit 2', async () => {
    const junit = join(dir, 'missing.xml');
    const r = await runCli(['test', join(dir, 'nope.yaml'), '--junit', junit]);
    expect(r.code).toBe(2);
    expect(xsdValidate(junit)).toBe(`${junit} validates`);
    expect(readFileSync(junit, 'utf8')).toContain('type="MalformedCaseFile">FILE_UNREADABLE: ');
  });
});

describe('check --junit', () => {
  it('one case per gate, a failure for the gate that misses; valid against the xunit schema', async () => {
    const junit = join(dir, 'check.xml');
    // The case study's small compounds alone lose tens of thousands a year each: min-margin 0 fails
    // (A12, A13, A15, A17 stand alone); the whole needs far less than a billion of subsidy.
    const r = await runCli(['check', 'fixtures/case-study-attached.yaml', '--min-margin', '0', '--max-subsidy', '1000000000', '--junit', junit]);
    expect(r.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xsdValidate(junit)).toBe(`${junit} validates`);
    expect(xml).toMatch(/<testsuites name="breakeven check" tests="2" failures="1" errors="0" time="\d+\.\d{3}">/);
    expect(xml).toMatch(/<testcase name="min-margin" classname="fixtures_case-study-attached" time="\d+\.\d{3}">\n {6}<failure message="4 failures; first: min-margin 0\.0%: unit A12 /);
    expect(xml).toMatch(/<testcase name="max-subsidy" classname="fixtures_case-study-attached" time="\d+\.\d{3}"\/>/);
    expect(xml).toContain('<property name="file" value="fixtures/case-study-attached.yaml"/>');
  });

  it('a refused input gives a JUnit file with an <error> case, and exit 2', async () => {
    const bad = join(dir, 'bad-check.csv');
    writeFileSync(bad, 'id,area_m2,households,fee_rate\nA,-5,3,0.5\n');
    const junit = join(dir, 'check-error.xml');
    const r = await runCli(['check', bad, '--junit', junit]);
    expect(r.code).toBe(2);
    expect(xsdValidate(junit)).toBe(`${junit} validates`);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites name="breakeven check" tests="1" failures="0" errors="1" time="0\.000">/);
  });
});

describe('help and schemas', () => {
  for (const name of ['sweep', 'project', 'bid', 'check', 'test']) {
    it(`${name}: help with examples, and a JSON Schema`, async () => {
      const h = await runCli([name, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain(`Examples:\n  $ breakeven ${name}`);
      const s = await runCli(['schema', name]);
      expect(s.code).toBe(0);
      const schema = JSON.parse(s.stdout) as { properties: Record<string, unknown> };
      expect(Object.keys(schema.properties).slice(0, 2)).toEqual(['schemaVersion', 'tool']);
    });
  }
});

describe('the library', () => {
  it('exports the what-if API from dist/index.js', async () => {
    const lib = (await import(new URL('../../dist/index.js', import.meta.url).href)) as Record<string, unknown>;
    for (const name of ['runSweep', 'parseVary', 'resolveAxis', 'runProjection', 'priceBid', 'runChecks', 'runTestCase', 'readTestCases', 'arrangeUnits']) {
      expect(typeof lib[name], name).toBe('function');
    }
  });
});
