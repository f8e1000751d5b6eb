/**
 * Compound lists as offices keep them (issue 16, items 1–3): workbooks from Excel and WPS, a
 * GB18030 CSV with a title line, unit headers, full-width digits and a totals row. Each must give
 * the compounds of the clean fixtures/case-study.csv. The evaluate JSON of all of them is compared
 * end to end in test/e2e/office-inputs.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import { InputError, formatProblem, type Problem } from '../../src/core/errors.js';
import { readColumnMap } from '../../src/io/column-map.js';
import { columnOf, normalizeHeaderName, resolveHeader } from '../../src/schema/columns.js';
import { CELL_RULES, MAX_PLAUSIBLE_FEE_RATE, isTotalsLabel, parseCell } from '../../src/schema/compound.js';
import { readCompounds, type ReadOptions } from '../../src/io/read-compounds.js';
import { isLabelKey, t, type LabelKey } from '../../src/present/labels/index.js';

/** `t` with a key and values known only at run time. */
const label = t as (lang: 'en' | 'zh', key: LabelKey, params?: Readonly<Record<string, string | number>>) => string;

const FIX = join(import.meta.dirname, '../../fixtures');
const OFFICE = join(FIX, 'office');
const dir = mkdtempSync(join(tmpdir(), 'breakeven-office-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The compounds without where they were read from. */
const bare = (cs: readonly Compound[]) => cs.map(({ source: _source, ...c }) => c);

async function problemsOf(path: string, opts: ReadOptions = {}): Promise<Problem[]> {
  try {
    await readCompounds(path, opts);
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error(`${path} was accepted`);
}

describe('office fixtures read as the clean case study', async () => {
  const clean = await readCompounds(join(FIX, 'case-study.csv'));

  it.each([
    // file, sheet read, title rows, header row, totals row (a note row follows it)
    ['excel.xlsx', 'Sheet1', [1, 2], 3, 10],
    ['wps.xlsx', '工作表1', [1, 3], 4, 11],
    ['gb18030.csv', undefined, [1, 1], 2, 9],
  ] as const)('%s: the same six compounds, and warnings naming what was left out', async (file, sheet, title, headerRow, totalsRow) => {
    const read = await readCompounds(join(OFFICE, file));
    expect(bare(read.compounds)).toEqual(bare(clean.compounds));
    expect(read.sheet).toBe(sheet);
    // Source lines are the rows of the sheet (the header's row + 1 for the first compound).
    expect(read.compounds.map((c) => c.source?.line)).toEqual([1, 2, 3, 4, 5, 6].map((i) => headerRow + i));
    expect(read.warnings.map((w) => [w.code, w.where?.line, w.where?.column])).toEqual([
      ['CSV_TITLE_ROWS', title[0], undefined],
      ['CSV_IGNORED_COLUMN', headerRow, 1], // 序号
      ['CSV_IGNORED_COLUMN', headerRow, 20], // 备注
      ['CSV_TOTALS_ROW', totalsRow, undefined],
      ['CSV_NOTE_ROW', totalsRow + 1, undefined],
    ]);
    expect(read.warnings.every((w) => w.where?.sheet === sheet)).toBe(true);
    if (file === 'gb18030.csv') expect(read.encoding).toBe('gb18030');
  });

  it('says each warning in the catalogue: the English text is the catalogue’s, and there is a Chinese one', async () => {
    const read = await readCompounds(join(OFFICE, 'excel.xlsx'));
    const other = join(dir, 'every-warning.csv');
    writeFileSync(other, '小区一览\n编号,建筑面积,户数,物业费,小区名字,\n,㎡,户,元/㎡·月,,\nA,100,2,1,x,\n');
    const more = await readCompounds(other);
    expect(more.warnings.map((w) => w.code)).toEqual(['CSV_TITLE_ROWS', 'CSV_UNKNOWN_COLUMN', 'CSV_UNKNOWN_COLUMN', 'CSV_UNITS_ROW']);
    for (const w of [...read.warnings, ...more.warnings]) {
      if (w.text?.hint) expect(label('en', w.text.hint.key as LabelKey, w.text.hint.params)).toBe(w.hint);
      const key = w.text!.message.key;
      expect(isLabelKey(key)).toBe(true);
      if (!isLabelKey(key)) continue;
      expect(label('en', key, w.text!.message.params)).toBe(w.message);
      expect(label('zh', key, w.text!.message.params)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(read.warnings.map(formatProblem)).toEqual([
      `${join(OFFICE, 'excel.xlsx')}:Sheet1!1:1: rows 1–2 above the header are skipped (title: "徐汇区湖南路街道岳阳路微型小区物业费测算表")`,
      `${join(OFFICE, 'excel.xlsx')}:Sheet1!A3: column "序号" is ignored (row numbers and remarks are not used)`,
      `${join(OFFICE, 'excel.xlsx')}:Sheet1!T3: column "备注" is ignored (row numbers and remarks are not used)`,
      `${join(OFFICE, 'excel.xlsx')}:Sheet1!10:10: the totals row "合计" (row 10) is left out`,
      `${join(OFFICE, 'excel.xlsx')}:Sheet1!11:11: row 11 holds only a note or heading ("注：标 [E] 的数据为示意估计，见 fixtures/README.md") and is left out`,
    ]);
  });

  it('--header-row: the header given by number; a wrong one is refused at that line', async () => {
    const ok = await readCompounds(join(OFFICE, 'gb18030.csv'), { headerRow: 2 });
    expect(bare(ok.compounds)).toEqual(bare(clean.compounds));
    // No title warning: the user said where the header is.
    expect(ok.warnings.map((w) => w.code)).not.toContain('CSV_TITLE_ROWS');
    const bad = await problemsOf(join(OFFICE, 'excel.xlsx'), { headerRow: 1 });
    expect(bad[0]).toMatchObject({ code: 'CSV_MISSING_COLUMN', where: { sheet: 'Sheet1', line: 1 } });
  });

  it('--sheet: by name (case and spaces ignored); an unknown name lists the sheets', async () => {
    const notes = await problemsOf(join(OFFICE, 'wps.xlsx'), { sheet: ' 说明 ' });
    // The notes sheet has one line of text and no header.
    expect(notes[0]!.code).toBe('CSV_MISSING_COLUMN');
    expect(formatProblem(notes[0]!)).toContain('wps.xlsx:说明!1:1');
    const none = await problemsOf(join(OFFICE, 'wps.xlsx'), { sheet: 'Sheet1' });
    expect(none[0]).toMatchObject({ code: 'CSV_NO_SHEET', hint: 'the sheets are "工作表1", "说明"' });
    const csv = await problemsOf(join(OFFICE, 'gb18030.csv'), { sheet: 'Sheet1' });
    expect(csv[0]!.code).toBe('CSV_BAD_OPTION');
  });
});

describe('headers as offices write them', () => {
  it('matches aliases after units in brackets, numbering and spaces are removed (NFKC first)', () => {
    const cases: [string, string][] = [
      ['建筑面积（㎡）', 'area_m2'],
      ['建筑面积(m²)', 'area_m2'],
      ['建筑面积㎡', 'area_m2'],
      ['面积/平方米', 'area_m2'],
      ['户数（户）', 'households'],
      ['户 数', 'households'],
      ['物业费（元/㎡·月）', 'fee_rate'],
      ['物业费单价[元/平方米/月]', 'fee_rate'],
      ['1. 编号', 'id'],
      ['二、小区名称', 'name'],
      ['３）收缴率（％）', 'collection_rate'],
      ['【补贴】财政补贴', 'subsidy'],
      ['Fee rate', 'fee_rate'],
      ['AREA-M2', 'area_m2'],
      ['ｉｄ', 'id'],
    ];
    for (const [h, col] of cases) expect([h, columnOf(h)]).toEqual([h, col]);
    // English names stay exact apart from case, spaces and separators: "area" is not area_m2.
    expect(columnOf('area')).toBeNull();
    expect(normalizeHeaderName(' 物业费 （元/㎡·月） ')).toBe('物业费');
  });

  it('a fee header whose unit is not per m² a month is refused, not read as one', () => {
    for (const [h, said] of [
      ['物业费（元/户·月）', 'per household'],
      ['物业费(元/年)', 'a year'],
      ['物业费（元/月）', 'not per m²'],
      ['物业费（元/㎡·年）', 'a year'],
    ]) {
      const r = resolveHeader(['id', 'area_m2', 'households', h!], 'c.csv');
      expect(r.problems.map((p) => p.code)).toEqual(['CSV_WRONG_UNIT']);
      expect(r.problems.find((p) => p.code === 'CSV_WRONG_UNIT')!.message).toContain(said!);
    }
    for (const h of ['物业费（元/㎡·月）', '物业费(元/平方米/月)', '物业费', '物业费（含税）']) {
      expect(resolveHeader(['id', 'area_m2', 'households', h], 'c.csv').problems).toEqual([]);
    }
  });

  it('序号 and 备注 are recognised and ignored; did-you-mean looks at Chinese names too', () => {
    const r = resolveHeader(['序号', '小区编号', '小区名字', '建筑面积数', '户数', '物业费', '备注'], 'c.csv');
    expect(r.fields).toEqual([null, 'id', null, null, 'households', 'fee_rate', null]);
    expect(r.warnings.map((w) => [w.code, w.hint])).toEqual([
      ['CSV_IGNORED_COLUMN', undefined],
      ['CSV_UNKNOWN_COLUMN', 'did you mean "小区名称"?'],
      ['CSV_UNKNOWN_COLUMN', 'did you mean "建筑面积"?'],
      ['CSV_IGNORED_COLUMN', undefined],
    ]);
    // area_m2 is missing: the error says which header was probably meant, and of --columns.
    expect(r.problems[0]!.code).toBe('CSV_MISSING_COLUMN');
    expect(r.problems[0]!.hint).toBe('did you mean "建筑面积" for "建筑面积数"? Or name the columns in a file given with --columns');
  });

  it('--columns map.yaml names what no alias covers, and `ignore` drops a column silently', async () => {
    const map = join(dir, 'map.yaml');
    writeFileSync(map, '小区代码: id\n总建面（㎡）: area_m2\n住户: households\n月收费标准: fee_rate\n联系人: ignore\n');
    const csv = join(dir, 'mapped.csv');
    writeFileSync(csv, '小区代码,总建面（㎡）,住户,月收费标准,联系人\nJJY,813,16,0.45,王\n');
    const read = await readCompounds(csv, { columns: readColumnMap(map) });
    expect(read.compounds[0]).toMatchObject({ id: 'JJY', area_m2: 813, households: 16, fee_rate: 0.45 });
    expect(read.warnings).toEqual([]);

    writeFileSync(map, '小区代码: id\n住户: household\n');
    let err: unknown;
    try {
      readColumnMap(map);
    } catch (e) {
      err = e;
    }
    expect((err as InputError).problems[0]).toMatchObject({ code: 'COLUMNS_UNKNOWN_COLUMN', where: { file: map, line: 2 } });
  });
});

describe('rows as offices write them', () => {
  it('full-width digits and ％ are read after NFKC', () => {
    expect(parseCell(CELL_RULES.area_m2, '８１３')).toBe(813);
    expect(parseCell(CELL_RULES.fee_rate, '０．４５')).toBe(0.45);
    expect(parseCell(CELL_RULES.collection_rate, '９５％')).toBe(0.95);
    expect(parseCell(CELL_RULES.households, '\u3000１６\u3000')).toBe(16);
  });

  it('a row of one note or heading cell is left out; a lone id is still an error', async () => {
    const csv = join(dir, 'notes.csv');
    writeFileSync(csv, 'id,area_m2,households,fee_rate\n一、售后公房,,,\nA,100,2,1\n,,制表：某街道,\nNote: illustrative\nB\n');
    const problems = await problemsOf(csv);
    // Only B, a compound with no area, is refused; the heading and notes are warnings.
    expect(problems.map((p) => [p.code, p.where?.line])).toEqual([['CSV_RAGGED_ROW', 6]]);
    writeFileSync(csv, 'id,area_m2,households,fee_rate\n一、售后公房,,,\nA,100,2,1\n,,制表：某街道,\nNote: illustrative\n');
    const read = await readCompounds(csv);
    expect(read.compounds.map((c) => c.id)).toEqual(['A']);
    expect(read.warnings.map((w) => [w.code, w.where?.line])).toEqual([
      ['CSV_NOTE_ROW', 2],
      ['CSV_NOTE_ROW', 4],
      ['CSV_NOTE_ROW', 5],
    ]);
  });

  it('a row of units under the header is left out, and its fee unit checked', async () => {
    const csv = join(dir, 'units.csv');
    writeFileSync(csv, '编号,建筑面积,户数,物业费\n,㎡,户,元/㎡·月\nA,100,2,1\n');
    const read = await readCompounds(csv);
    expect(read.compounds.map((c) => c.id)).toEqual(['A']);
    expect(read.warnings.map((w) => [w.code, w.where?.line])).toEqual([['CSV_UNITS_ROW', 2]]);
    writeFileSync(csv, '编号,建筑面积,户数,物业费\n,（㎡）,（户）,（元/户·月）\nA,100,2,24\n');
    const problems = await problemsOf(csv);
    expect(problems.map((p) => [p.code, p.where?.line, p.where?.column])).toEqual([['CSV_WRONG_UNIT', 2, 4]]);
  });

  it('totals labels: 合计, 总计, 小计, Total (spaces and colons ignored); ordinary ids are not', () => {
    for (const s of ['合计', '总计', '小计', '合　计', '合计：', 'Total', 'TOTAL', 'Grand total', ' total ']) expect([s, isTotalsLabel(s)]).toEqual([s, true]);
    for (const s of ['JJY', 'T1', 'Totals Lane 3', '合计小区', '', 'S12']) expect([s, isTotalsLabel(s)]).toEqual([s, false]);
  });

  it(`a fee above ${MAX_PLAUSIBLE_FEE_RATE} yuan/m²/month is refused with the readings that would fit, unless allowed`, async () => {
    const csv = join(dir, 'fees.csv');
    // JJY: 0.45 × 813 m² = 365.85 a month, × 12 = 4,390.20 a year; 24 yuan a household a month × 16 ÷ 813 = 0.47.
    writeFileSync(csv, 'id,area_m2,households,fee_rate\nY,813,16,4390.2\nM,813,16,365.85\nH,813,16,24\nOK,813,16,20\n');
    const problems = await problemsOf(csv);
    expect(problems.map((p) => [p.code, p.where?.line, p.where?.column])).toEqual([
      ['CSV_IMPLAUSIBLE_FEE', 2, 4],
      ['CSV_IMPLAUSIBLE_FEE', 3, 4],
      ['CSV_IMPLAUSIBLE_FEE', 4, 4],
    ]);
    expect(problems[0]!.hint).toContain('a yearly total gives 4390.2 ÷ 813 m² ÷ 12 = 0.45');
    expect(problems[1]!.hint).toContain('a monthly total gives 365.85 ÷ 813 m² = 0.45');
    expect(problems[2]!.hint).toContain('yuan per household a month gives 24 × 16 ÷ 813 m² = 0.47');
    expect(problems[0]!.hint).toContain('--allow-high-fees');
    const allowed = await readCompounds(csv, { allowHighFees: true });
    expect(allowed.compounds.map((c) => c.fee_rate)).toEqual([4390.2, 365.85, 24, 20]);
  });
});

describe('workbook cells and places', () => {
  /** A workbook whose Sheet1 has the clean header in row 1 and these rows below. */
  async function workbook(name: string, rows: unknown[][], build?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['id', 'name', 'area_m2', 'households', 'fee_rate']);
    for (const r of rows) ws.addRow(r);
    build?.(ws);
    const path = join(dir, name);
    await wb.xlsx.writeFile(path);
    return path;
  }

  it('names the sheet, row and column as Excel shows them', async () => {
    const path = await workbook('bad.xlsx', [
      ['A', 'a', 100, 2, 1],
      ['B', 'b', 100, 2, 1],
      ['C', 'c', 100, 2, 1],
      ['D', 'd', 100, 2, 1],
      ['E', 'e', 100, 2, 1],
      ['F', 'f', '十', 2, 1],
    ]);
    const problems = await problemsOf(path);
    expect(problems.map(formatProblem)).toEqual([`${path}:Sheet1!C7: area_m2: expected a positive number, got "十"`]);
  });

  it('an error value or a formula saved without its value is a problem at its cell', async () => {
    const path = await workbook('formulas.xlsx', [['A', 'a', 100, 2, 1], ['B', 'b', 100, 2, 1]], (ws) => {
      ws.getCell('C2').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
      ws.getCell('E3').value = { formula: 'D3*2', date1904: false } as ExcelJS.CellFormulaValue;
    });
    const problems = await problemsOf(path);
    expect(problems.map((p) => [p.code, formatProblem(p).split(': ')[0]])).toEqual([
      ['CSV_CELL_ERROR', `${path}:Sheet1!C2`],
      ['CSV_FORMULA_NO_VALUE', `${path}:Sheet1!E3`],
    ]);
  });

  it('an old .xls workbook is refused with what to do', async () => {
    const path = join(dir, 'old.xls');
    writeFileSync(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const problems = await problemsOf(path);
    expect(problems[0]).toMatchObject({ code: 'CSV_OLD_WORKBOOK' });
    expect(problems[0]!.hint).toContain('.xlsx');
  });
});
