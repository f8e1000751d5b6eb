import { inputError } from '../core/errors.js';
import type { Cell, NumKind, Table, View } from '../core/table.js';
import type { BookCell, BookSheet, Workbook } from '../core/workbook.js';
import { neutraliseCell } from './cell-safety.js';
import { groupDigits } from '../present/format.js';
import type { Lang } from '../core/lang.js';
import { stringWidth } from './width.js';

/**
 * Excel workbooks (.xlsx, Office Open XML), written with exceljs.
 *
 * A view becomes one sheet per table: the title in the first row, the header in the second, both
 * frozen; the rows; the footer rows (totals) in bold. Cells that carry a number (`Cell.value`) are
 * numbers with the number format of their kind (yuan `#,##0.00`, fees `0.00`/`0.0000`,
 * percentages `0.0%`, counts `#,##0`); other cells are text, neutralised like CSV cells (see
 * cell-safety.ts). The text blocks (notes, the parameters' stamp) go to a last sheet. Column widths
 * fit the longest text, counting Chinese characters twice (src/render/width.ts).
 *
 * The bytes are the same for the same input: the workbook's created and modified dates are fixed
 * (1980-01-01, the first date a zip file can hold) and so are the zip entries' dates, which exceljs
 * (through JSZip) would set to the time of writing.
 */
export const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

const SHEET_NAMES: Record<Lang, { notes: string; table: string }> = {
  en: { notes: 'Notes', table: 'Table' },
  zh: { notes: '说明', table: '表' },
};

/** The view as a workbook model: one sheet per table, then one for the text. */
export function viewToWorkbook(view: View, lang: Lang): Workbook {
  const sheets: BookSheet[] = [];
  const notes: BookCell[][] = [];
  const names = new Set<string>();
  for (const b of view.blocks) {
    if (b.kind === 'table') {
      const name = uniqueSheetName(b.table.title ?? `${SHEET_NAMES[lang].table} ${sheets.length + 1}`, names);
      sheets.push(tableSheet(b.table, name));
    } else {
      for (const line of b.lines) notes.push([{ value: line.map((c) => c.text).join(''), ...(b.tone === 'strong' ? { bold: true } : {}) }]);
      notes.push([]);
    }
  }
  while (notes.length > 0 && notes[notes.length - 1]!.length === 0) notes.pop();
  if (notes.length > 0) sheets.push({ name: uniqueSheetName(SHEET_NAMES[lang].notes, names), rows: notes, widths: [100] });
  return { sheets };
}

function tableSheet(table: Table, name: string): BookSheet {
  const rows: BookCell[][] = [];
  if (table.title !== undefined) rows.push([{ value: table.title, bold: true }]);
  rows.push(table.columns.map((c) => ({ value: c.label, bold: true })));
  const freezeRows = rows.length;
  const cells = (r: readonly Cell[], bold: boolean): BookCell[] => table.columns.map((_c, i) => bookCell(r[i], bold));
  for (const r of table.rows) rows.push(cells(r, false));
  for (const r of table.footer ?? []) rows.push(cells(r, true));
  return { name, rows, freezeRows };
}

function bookCell(c: Cell | undefined, bold: boolean): BookCell {
  const extra = { ...(bold || c?.tone === 'strong' ? { bold: true } : {}), ...(c?.tone === 'muted' ? { muted: true } : {}) };
  if (c === undefined) return extra;
  if (c.value !== undefined && Number.isFinite(c.value)) {
    return { value: c.value, kind: c.kind ?? 'number', ...(c.places !== undefined ? { places: c.places } : {}), ...extra };
  }
  return { value: c.text, ...extra };
}

/**
 * A sheet name from a table's title: without a closing remark in brackets ("(yuan a year)", the
 * header says it), a long one cut at its first colon or comma, by Excel's rules: 1–31 characters, none of []:*?/\, not starting or ending
 * with ', unique regardless of case.
 */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  let short = wanted.replace(/\s*[(（][^()（）]*[)）]\s*$/u, '') || wanted;
  // A long title is cut at its first colon or comma ("Projection over 3 years: wages …").
  if ([...short].length > 31) short = /^[^:：,，]+/.exec(short)?.[0]?.trim() || short;
  const clean = short.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Sheet';
  const chars = [...clean];
  let name = chars.slice(0, 31).join('').trim();
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const tail = ` (${n})`;
    name = chars.slice(0, 31 - tail.length).join('').trim() + tail;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Number format of a kind shown with `places` decimals. */
export function numberFormat(kind: NumKind, places: number | undefined): string {
  const dec = (p: number) => (p > 0 ? `.${'0'.repeat(p)}` : '');
  switch (kind) {
    case 'yuan':
      return `#,##0${dec(places ?? 2)}`;
    case 'fee':
      return `0${dec(places ?? 2)}`;
    case 'percent':
      return `0${dec(places ?? 1)}%`;
    case 'count':
      return '#,##0';
    case 'number':
      return `#,##0${dec(places ?? 2)}`;
  }
}

/** The text a cell shows, for fitting the column's width. */
function shownText(c: BookCell): string {
  const v = c.value;
  if (typeof v === 'number') {
    const places = c.kind === 'count' ? 0 : (c.places ?? 2);
    return c.kind === 'percent' ? `${(v * 100).toFixed(places)}%` : groupDigits(v.toFixed(places));
  }
  return v ?? '';
}

/** Rows of a worksheet (Excel 2007 and later). */
const MAX_ROWS = 1_048_576;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Column widths that fit each column's text (a one-cell title row does not widen its column). */
function fitWidths(sheet: BookSheet): number[] {
  const widths: number[] = [];
  for (const row of sheet.rows) {
    if (row.length === 1 && row[0]?.bold && typeof row[0].value === 'string' && sheet.rows.length > 1) continue;
    row.forEach((c, i) => {
      if (c === undefined) return;
      const w = stringWidth(shownText(c)) + 2 + (c.indent ?? 0) * 2;
      widths[i] = Math.min(MAX_WIDTH, Math.max(widths[i] ?? MIN_WIDTH, w));
    });
  }
  return widths;
}

/** Writes the workbook as .xlsx bytes. Deterministic: the same book gives the same bytes. */
export async function writeXlsx(book: Workbook): Promise<Uint8Array> {
  // Loaded only when a workbook is written: exceljs takes a while to load, and most runs print text.
  const mod = await import('exceljs');
  // A CommonJS module: Node gives its exports as `default` (and maybe as named exports too).
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'breakeven';
  wb.lastModifiedBy = 'breakeven';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  // Formulas carry the values the tool computed; Excel and WPS recalculate them on opening.
  wb.calcProperties.fullCalcOnLoad = true;
  for (const s of book.sheets) {
    if (s.rows.length > MAX_ROWS) {
      throw inputError('USAGE', `the sheet "${s.name}" would have ${s.rows.length} rows, more than the ${MAX_ROWS} a worksheet holds`, undefined, 'use --format csv for outputs this large');
    }
    const ws = wb.addWorksheet(s.name, s.freezeRows ? { views: [{ state: 'frozen', ySplit: s.freezeRows, xSplit: 0 }] } : {});
    s.rows.forEach((row, r) => {
      row.forEach((c, i) => {
        if (c === undefined) return;
        const cell = ws.getCell(r + 1, i + 1);
        if (c.formula !== undefined) {
          cell.value = c.value === undefined || c.value === null ? { formula: c.formula } : { formula: c.formula, result: c.value };
        } else if (typeof c.value === 'string') {
          cell.value = neutraliseCell(c.value);
        } else if (typeof c.value === 'number') {
          cell.value = c.value;
        }
        if (c.kind !== undefined) cell.numFmt = numberFormat(c.kind, c.places);
        if (c.bold || c.muted) cell.font = { ...(c.bold ? { bold: true } : {}), ...(c.muted ? { color: { argb: 'FF808080' } } : {}) };
        if (c.indent) cell.alignment = { indent: c.indent };
      });
    });
    const widths = s.widths ?? fitWidths(s);
    widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
  }
  const buffer = await wb.xlsx.writeBuffer();
  return fixZipDates(new Uint8Array(buffer as ArrayBuffer));
}

/**
 * Sets the date of every entry of a zip archive to 1980-01-01 00:00 (the DOS epoch), in the local
 * headers and the central directory, so that the archive's bytes do not depend on when it was
 * written. Works in place on an archive as JSZip writes it (no zip64, no archive comment).
 */
export function fixZipDates(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('fixZipDates: not a zip archive');
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('fixZipDates: bad central directory');
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, DOS_DATE, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('fixZipDates: bad local header');
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, DOS_DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}
