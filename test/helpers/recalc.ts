import ExcelJS from 'exceljs';
import { DetailedCellError, HyperFormula, type RawCellContent } from 'hyperformula';

/**
 * Recalculates an .xlsx workbook with a formula engine (HyperFormula, GPL-3.0, a dev-only test
 * dependency): the workbook's cells are read with exceljs, formulas as formulas, the values the
 * tool cached in them thrown away, and every formula is computed afresh.
 */
export interface Recalculated {
  /** The computed value of a cell (`sheet`, A1 address). */
  value(sheet: string, address: string): unknown;
  /** Sets a cell to a number and recomputes. */
  set(sheet: string, address: string, value: number): void;
  /** The A1 address of the first cell of `sheet` whose value is `text`. */
  find(sheet: string, text: string): string;
  /** Whether the cell holds a formula. */
  isFormula(sheet: string, address: string): boolean;
  /** Every formula cell with the value the tool cached in it (null: none cached). */
  formulas: { sheet: string; address: string; cached: unknown }[];
  sheets: string[];
}

export async function recalc(bytes: Uint8Array): Promise<Recalculated> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets: Record<string, RawCellContent[][]> = {};
  const formulas: Recalculated['formulas'] = [];
  for (const ws of wb.worksheets) {
    const rows: RawCellContent[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: RawCellContent[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value;
        let raw: RawCellContent = null;
        if (v !== null && typeof v === 'object' && 'formula' in v) {
          raw = `=${v.formula}`;
          formulas.push({ sheet: ws.name, address: cell.address, cached: 'result' in v ? (v.result ?? null) : null });
        }
        // A leading apostrophe keeps text such as "2.10" text, as it is in the workbook.
        else if (typeof v === 'string') raw = `'${v}`;
        else if (typeof v === 'number' || typeof v === 'boolean') raw = v;
        cells[c - 1] = raw;
      });
      rows[r - 1] = Array.from(cells, (x) => x ?? null);
    });
    sheets[ws.name] = Array.from(rows, (x) => x ?? []);
  }
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
  const at = (sheet: string, address: string) => {
    const id = hf.getSheetId(sheet);
    if (id === undefined) throw new Error(`no sheet ${sheet}`);
    const a = hf.simpleCellAddressFromString(address, id);
    if (a === undefined) throw new Error(`bad address ${address}`);
    return a;
  };
  return {
    value: (sheet, address) => {
      const v = hf.getCellValue(at(sheet, address));
      if (v instanceof DetailedCellError) throw new Error(`${sheet}!${address}: ${v.type} ${v.message} in ${hf.getCellFormula(at(sheet, address))}`);
      return v;
    },
    set: (sheet, address, value) => {
      hf.setCellContents(at(sheet, address), [[value]]);
    },
    find: (sheet, text) => {
      const id = hf.getSheetId(sheet);
      if (id === undefined) throw new Error(`no sheet ${sheet}`);
      const values = hf.getSheetValues(id);
      for (const [r, row] of values.entries()) {
        const c = row.indexOf(text);
        if (c >= 0) return hf.simpleCellAddressToString({ sheet: id, row: r, col: c }, id)!;
      }
      throw new Error(`no cell "${text}" in ${sheet}`);
    },
    isFormula: (sheet, address) => hf.doesCellHaveFormula(at(sheet, address)),
    sheets: Object.keys(sheets),
    formulas,
  };
}
