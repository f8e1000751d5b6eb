/**
 * Reading compounds from a workbook (.xlsx, as Excel and WPS save it) with exceljs: the first
 * visible sheet or `--sheet NAME`; rows go through the same records → compounds path as CSV lines
 * (header found below title rows, totals rows left out), with places named as Excel shows them
 * (`Sheet1!C7`).
 *
 * Cells: numbers stay numbers (rounded to the 15 significant digits Excel shows), text stays text
 * (so numbers stored as text and full-width digits go through the same rules as in CSV), a formula
 * gives its cached value (the value Excel or WPS saved with the file), a merged range has its value
 * in its top-left cell only, and an error value (#DIV/0!) is a problem at its cell.
 *
 * The workbook is loaded whole (exceljs's reader keeps the sheet in memory): workbooks are office
 * lists, at most Excel's 1,048,576 rows; a district of a million compounds is a CSV.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import type { Compound } from '../core/compound.js';
import { InputError, excelRef, type Problem } from '../core/errors.js';
import { CompoundSink, HeaderUnusable } from './compound-records.js';
import type { RawCell } from '../schema/compound.js';
import type { ReadOptions, ReadSummary } from './read-compounds.js';

/** Problems listed before the rest are summed up in one line (as for CSV). */
const MAX_LISTED_PROBLEMS = 50;

/** Streams the rows of a workbook's sheet as compounds; throws InputError with every problem. */
export async function readWorkbookStream(path: string, opts: ReadOptions, onCompound: (c: Compound) => void): Promise<ReadSummary> {
  const file = path;
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a directory, expected a workbook' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `cannot read the file (${code ?? String(e)})`;
    throw new InputError({ code: 'CSV_CANNOT_READ', message, where: { file } });
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError({
      code: 'CSV_BAD_WORKBOOK',
      message: `not a readable .xlsx workbook (${e instanceof Error ? e.message : String(e)})`,
      where: { file },
      hint: 'open it in Excel or WPS and save it again as an Excel workbook (.xlsx), or as "CSV UTF-8"',
    });
  }
  const ws = pickSheet(wb, opts.sheet, file);
  const sheet = ws.name;

  const problems: Problem[] = [];
  let more = 0;
  const report = (p: Problem): void => {
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push(p);
    else more++;
  };
  const sink = new CompoundSink(
    file,
    {
      sheet,
      ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
      ...(opts.columns !== undefined ? { columns: opts.columns } : {}),
      ...(opts.allowHighFees ? { allowHighFees: true } : {}),
    },
    report,
    onCompound,
  );

  try {
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      if (row === undefined) continue;
      const rec: RawCell[] = [];
      const bad: Problem[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.findCell(c);
        if (cell === undefined || cell.type === ExcelJS.ValueType.Merge) {
          rec.push('');
          continue;
        }
        const v = toRaw(cell.value);
        if (typeof v === 'object' && v !== null) {
          bad.push({ ...v, where: { file, sheet, line: r, column: c } });
          rec.push('');
        } else rec.push(v);
      }
      sink.record(rec, r, bad.length === 0 ? undefined : () => (bad.forEach(report), false));
    }
    sink.end();
  } catch (e) {
    if (!(e instanceof HeaderUnusable)) throw e;
  }

  if (!sink.header && problems.length === 0) {
    report({ code: 'CSV_EMPTY', message: `the sheet ${excelRef(sheet)} is empty: expected a header row and compound rows`, where: { file, sheet } });
  } else if (sink.header && sink.rows === 0 && problems.length === 0) {
    report({ code: 'CSV_NO_ROWS', message: `the sheet ${excelRef(sheet)} has a header but no compound rows`, where: { file, sheet } });
  }
  if (problems.length > 0) {
    if (more > 0) problems.push({ code: 'CSV_MORE_PROBLEMS', message: `${more} more problem${more === 1 ? '' : 's'} not listed`, where: { file } });
    throw new InputError(problems);
  }
  return { file, encoding: 'utf8', rows: sink.rows, warnings: sink.warnings, sheet };
}

/** The sheet named (exactly, else ignoring case and surrounding spaces), or the first visible one. */
function pickSheet(wb: ExcelJS.Workbook, name: string | undefined, file: string): Worksheet {
  const sheets = wb.worksheets;
  const names = sheets.map((s) => JSON.stringify(s.name)).join(', ');
  if (name === undefined) {
    const first = sheets.find((s) => s.state === 'visible') ?? sheets[0];
    if (first === undefined) throw new InputError({ code: 'CSV_EMPTY', message: 'the workbook has no sheets', where: { file } });
    return first;
  }
  const want = name.trim().toLowerCase();
  const found = sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.trim().toLowerCase() === want);
  if (found === undefined) {
    throw new InputError({ code: 'CSV_NO_SHEET', message: `no sheet named ${JSON.stringify(name)}`, where: { file }, hint: `the sheets are ${names}` });
  }
  return found;
}

/** A cell's value as the compound rules take it, or the problem it is. */
function toRaw(v: CellValue): RawCell | Omit<Problem, 'where'> {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(15)) : String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('error' in v) {
    return { code: 'CSV_CELL_ERROR', message: `the cell holds the error ${v.error}`, hint: 'correct the formula, or type the value' };
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: CellValue }).result;
    if (result === undefined || result === null) {
      const f = 'formula' in v ? v.formula : v.sharedFormula;
      return {
        code: 'CSV_FORMULA_NO_VALUE',
        message: `the formula =${f} has no saved value`,
        hint: 'open the file in Excel or WPS and save it, so the values are stored with the formulas',
      };
    }
    return toRaw(result);
  }
  if ('text' in v) return typeof v.text === 'string' ? v.text : toRaw(v.text as CellValue);
  return String(v as unknown);
}
