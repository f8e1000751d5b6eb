import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

/*
 * Regressions of issue 12: three wrong results that came from copies of model formulas outside
 * src/model, each run through the built binary as a user would.
 */
const dir = mkdtempSync(join(tmpdir(), 'breakeven-fees-'));
const AS_OF = ['--as-of', '2025-07-01'];
const HEADER = 'id,name,area_m2,households,fee_rate,housing_type,service_level,floors,built_year,gates,other_income';

describe('fees printed so they do what they say', () => {
  it('the table prints the break-even fee rounded up, and charging the printed fee breaks even', async () => {
    const json = JSON.parse((await runCli(['evaluate', 'fixtures/case-study.csv', '--format', 'json', ...AS_OF])).stdout) as {
      compounds: { id: string; breakEvenFee: number }[];
    };
    const exact = json.compounds.find((c) => c.id === 'JJY')!.breakEvenFee;
    const up = new Decimal(exact).toDecimalPlaces(2, Decimal.ROUND_UP).toFixed(2);
    const down = new Decimal(exact).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2);
    expect(up).not.toBe(down); // the fee has more than 2 decimals, so the rounding matters
    const table = (await runCli(['evaluate', 'fixtures/case-study.csv', ...AS_OF])).stdout;
    const row = table.split('\n').find((l) => l.startsWith('JJY'))!;
    expect(row.trimEnd().endsWith(` ${up}`) || row.includes(` ${up} `)).toBe(true);
    expect(row).not.toMatch(new RegExp(` ${down.replace('.', '\\.')}( |$)`));

    // Charged at the printed fee it is viable; a fen-per-m² below it is not.
    const csv = readFileSync(join(ROOT, 'fixtures/case-study.csv'), 'utf8');
    for (const [fee, viable] of [[up, true], [down, false]] as const) {
      const file = join(dir, `jjy-${fee}.csv`);
      writeFileSync(file, csv.replace(/^JJY,([^,]*),813,16,0\.45,/m, `JJY,$1,813,16,${fee},`));
      const r = JSON.parse((await runCli(['evaluate', file, '--format', 'json', ...AS_OF])).stdout) as { compounds: { id: string; viable: boolean }[] };
      expect(r.compounds.find((c) => c.id === 'JJY')!.viable).toBe(viable);
    }
  });

  it('bid quotes a fee that reaches the margin to the fen with fractional other income (was one fen short)', async () => {
    const file = join(dir, 'b.csv');
    // Found by a search with the old code, which quoted this bundle a fee whose profit was −0.01.
    writeFileSync(file, `${HEADER}\nA,甲,5000,56,1.00,commodity,standard,6,2000,1,81717.8949\nB,乙,4100,51,1.00,commodity,standard,6,2000,1,5000.0049\n`);
    const r = await runCli(['bid', file, 'A', 'B', '--margin', '0%', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { bundle: { profit: string; fee: number }; separate: { profit: string }[] };
    expect(Number(out.bundle.profit)).toBeGreaterThanOrEqual(0);
    for (const s of out.separate) expect(Number(s.profit)).toBeGreaterThanOrEqual(0);
  });

  it('breakeven test refuses an impossible date, as scenario and --as-of do', async () => {
    const file = join(dir, 'cases.yaml');
    writeFileSync(
      file,
      `asOf: 2025-02-30\ncases:\n  - name: x\n    compounds: [{ id: A, area_m2: 900, households: 20, fee_rate: 1 }]\n    expect: { compounds: { A: { viable: false } } }\n`,
    );
    const r = await runCli(['test', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cases\.yaml:1:\d+: .*expected a date YYYY-MM-DD/);
  });
});
