import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recalc } from '../helpers/recalc.js';
import { runCli, STACK_LINE } from './run-cli.js';

/**
 * `--format xlsx` on the built binary: the bid workbook recalculated by a formula engine equals the
 * tool's JSON, and changing a wage on its inputs sheet gives the fee `bid --params` gives with that
 * wage; the same input gives the same bytes; a workbook is refused without --out.
 */
const CSV = 'fixtures/case-study.csv';
const AS_OF = ['--as-of', '2025-07-01'];
const dir = mkdtempSync(join(tmpdir(), 'breakeven-xlsx-'));
const BID = ['bid', CSV, 'YYHY', 'JJY', 'A13', '--margin', '6%', ...AS_OF];

async function ok(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('bid --format xlsx', () => {
  it('recalculates to the JSON fee and cost; a wage and a norm changed in the inputs give the fee of bid --params', async () => {
    const out = join(dir, 'bid.xlsx');
    await ok([...BID, '--format', 'xlsx', '--out', out, '--lang', 'zh']);
    const bytes = readFileSync(out);
    await ok([...BID, '--format', 'xlsx', '--out', join(dir, 'again.xlsx'), '--lang', 'zh']);
    expect(readFileSync(join(dir, 'again.xlsx')).equals(bytes)).toBe(true);

    const x = await recalc(bytes);
    // The cost sheet with its staff, revenue and inputs, then the comparison and the notes of the view.
    expect(x.sheets).toEqual(['物业服务成本测算表', '人员费用明细', '定员测算', '收入测算', '参数', '合并与单独报价比较', '说明']);
    const sheet = '物业服务成本测算表';
    const feeAt = x.find(sheet, '报价物业费（元/㎡·月，含税）').replace(/^B/, 'D');
    const costAt = x.find(sheet, '物业服务成本（1–10项）').replace(/^B/, 'D');
    const wageAt = x.find('参数', 'wages.cleaner').replace(/^A/, 'B');
    const normAt = x.find('参数', 'norms.greening_m2_per_fte').replace(/^A/, 'B');
    const gardenerAt = x.find('人员费用明细', '绿化工');
    expect(x.isFormula(sheet, feeAt)).toBe(true);

    const json = JSON.parse(await ok([...BID, '--format', 'json'])) as { bundle: { fee: number; cost: string } };
    expect(x.value(sheet, feeAt)).toBeCloseTo(json.bundle.fee, 9);
    expect(Math.round(Number(x.value(sheet, costAt)) * 100)).toBe(Math.round(Number(json.bundle.cost) * 100));

    const over = join(dir, 'wages.yaml');
    // A wage and a norm: a gardener per 500 m² of green makes YYHY's gardener 600 ÷ 500 × 0.5 = 0.6
    // FTE, a full-time post instead of 0.1 bought by the hour.
    writeFileSync(over, 'wages:\n  cleaner: 4300\nnorms:\n  greening_m2_per_fte: 500\n');
    const raised = JSON.parse(await ok([...BID, '--params', over, '--format', 'json'])) as { bundle: { fee: number; cost: string } };
    expect(raised.bundle.fee).toBeGreaterThan(json.bundle.fee);
    expect(x.value('人员费用明细', gardenerAt.replace(/^A/, 'B'))).toBe('小时工');
    x.set('参数', wageAt, 4300);
    x.set('参数', normAt, 500);
    expect(x.value('人员费用明细', gardenerAt.replace(/^A/, 'C'))).toBe(0.6);
    expect(x.value('人员费用明细', gardenerAt.replace(/^A/, 'B'))).toBe('全日制');
    expect(x.value(sheet, feeAt)).toBeCloseTo(raised.bundle.fee, 9);
    expect(Math.round(Number(x.value(sheet, costAt)) * 100)).toBe(Math.round(Number(raised.bundle.cost) * 100));
  });
});

describe('--format xlsx for the tables of a command', () => {
  it('writes evaluate as numbers with number formats under a frozen header, the same bytes each time', async () => {
    const out = join(dir, 'evaluate.xlsx');
    await ok(['evaluate', CSV, ...AS_OF, '--format', 'xlsx', '--out', out]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Each compound managed alone'); // the title without its unit
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getRow(2).values).toContain('cost');
    const json = JSON.parse(await ok(['evaluate', CSV, ...AS_OF, '--format', 'json'])) as { compounds: { id: string; cost: string; margin: number }[] };
    const costCol = (ws.getRow(2).values as unknown[]).indexOf('cost');
    const marginCol = (ws.getRow(2).values as unknown[]).indexOf('margin');
    json.compounds.forEach((c, i) => {
      const row = ws.getRow(3 + i);
      expect(row.getCell(1).value).toBe(c.id);
      expect(row.getCell(costCol).value).toBe(Number(c.cost));
      expect(row.getCell(costCol).numFmt).toBe('#,##0.00');
      // The margin as shown (one decimal of a percentage), as a ratio, formatted as a percentage.
      expect(row.getCell(marginCol).value).toBeCloseTo(Math.round(c.margin * 1000) / 1000, 12);
      expect(row.getCell(marginCol).numFmt).toBe('0.0%');
    });
    await ok(['evaluate', CSV, ...AS_OF, '--format', 'xlsx', '--out', join(dir, 'evaluate2.xlsx')]);
    expect(readFileSync(join(dir, 'evaluate2.xlsx')).equals(readFileSync(out))).toBe(true);
  });

  it('refuses --format xlsx without --out, with exit 2', async () => {
    const r = await runCli(['evaluate', CSV, ...AS_OF, '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format xlsx writes a workbook.*give --out FILE\.xlsx/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });
});
