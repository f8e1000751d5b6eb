import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { View } from '../../src/core/table.js';
import { fixZipDates, numberFormat, uniqueSheetName, viewToWorkbook, writeXlsx } from '../../src/render/xlsx.js';

const view: View = {
  blocks: [
    {
      kind: 'table',
      table: {
        title: 'Management units (yuan a year)',
        columns: [
          { key: 'unit', label: 'unit', align: 'left' },
          { key: 'cost', label: 'cost', align: 'right' },
          { key: 'margin', label: 'margin', align: 'right' },
        ],
        rows: [
          [{ text: '京剧院小区' }, { text: '68,056.16', value: 68056.16, kind: 'yuan', places: 2 }, { text: '-26.6%', value: -0.266, kind: 'percent', places: 1 }],
          [{ text: '=cmd|calc' }, { text: '—' }, { text: '' }],
        ],
        footer: [[{ text: 'total' }, { text: '68,056.16', value: 68056.16, kind: 'yuan', places: 2 }, { text: '' }]],
      },
    },
    { kind: 'text', lines: [[{ text: 'Parameters in force on 2025-07-01.' }]] },
  ],
};

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('xlsx from a view', () => {
  it('writes one sheet per table with its title, a frozen header, numbers with formats, then the notes', async () => {
    const wb = await load(await writeXlsx(viewToWorkbook(view, 'en')));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Management units', 'Notes']);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getCell('A1').value).toBe('Management units (yuan a year)');
    expect(ws.getRow(2).values).toEqual([undefined, 'unit', 'cost', 'margin']);
    expect(ws.getCell('B3').value).toBe(68056.16);
    expect(ws.getCell('B3').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C3').value).toBe(-0.266);
    expect(ws.getCell('C3').numFmt).toBe('0.0%');
    // Text that would start a formula is neutralised; a dash stays text.
    expect(ws.getCell('A4').value).toBe("'=cmd|calc");
    expect(ws.getCell('B4').value).toBe('—');
    expect(ws.getCell('A5').font?.bold).toBe(true);
    // 京剧院小区: five wide characters, 10 columns, + 2 of margin.
    expect(ws.getColumn(1).width).toBe(12);
    expect(wb.worksheets[1]!.getCell('A1').value).toBe('Parameters in force on 2025-07-01.');
  });

  it('gives the same bytes for the same view, with fixed dates', async () => {
    const a = await writeXlsx(viewToWorkbook(view, 'zh'));
    const b = await writeXlsx(viewToWorkbook(view, 'zh'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // Every zip entry dated 1980-01-01 00:00 (DOS date 0x0021, time 0), in the central directory.
    const buf = Buffer.from(a);
    const dates: number[] = [];
    for (let i = buf.indexOf('PK\x01\x02', 0, 'latin1'); i >= 0; i = buf.indexOf('PK\x01\x02', i + 4, 'latin1')) dates.push(buf.readUInt32LE(i + 12));
    expect(dates.length).toBeGreaterThan(5);
    expect(new Set(dates)).toEqual(new Set([0x0021 << 16]));
    const wb = await load(a);
    expect(wb.created.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(wb.worksheets.at(-1)!.name).toBe('说明');
  });

  it('names sheets by Excel rules: 31 characters, no []:*?/\\, unique', () => {
    const taken = new Set<string>();
    expect(uniqueSheetName('Costs [a/b]: what?', taken)).toBe('Costs a b what');
    expect(uniqueSheetName('costs a b what', taken)).toBe('costs a b what (2)');
    expect([...uniqueSheetName('x'.repeat(40), taken)]).toHaveLength(31);
    expect([...uniqueSheetName('x'.repeat(40), taken)]).toHaveLength(31); // "xxx… (2)"
    expect(uniqueSheetName('各小区单独管理（元/年）', taken)).toBe('各小区单独管理');
    expect(uniqueSheetName('Projection over 3 years: wages 0.0% a year, fees 0.0% a year (yuan a year)', taken)).toBe('Projection over 3 years');
  });

  it('formats each kind of number', () => {
    expect(['yuan', 'fee', 'percent', 'count', 'number'].map((k) => numberFormat(k as 'yuan', k === 'fee' ? 4 : undefined))).toEqual(['#,##0.00', '0.0000', '0.0%', '#,##0', '#,##0.00']);
  });

  it('refuses what is not a zip archive', () => {
    expect(() => fixZipDates(new Uint8Array(30))).toThrow(/not a zip/);
  });
});
