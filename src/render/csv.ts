import { inputError } from '../core/errors.js';
import type { Cell, Table, View } from '../core/table.js';
import { neutraliseCell } from './cell-safety.js';
import type { RenderOptions } from './options.js';

const EOL = '\r\n';

/**
 * CSV: ONE rectangular table, the header row and the rows, for Excel, WPS, pandas or csvkit.
 * Titles, totals (footer rows) and prose stay in the table and md formats.
 *
 * The table is the view's first (the one a command is about: evaluate's compounds, scenario's
 * units, bid's cost sheet…), or the one `--table NAME` names (a table's `name`, or its number
 * from 1). RFC 4180: CRLF line ends, fields quoted when they hold `"`, `,`, CR or LF, quotes
 * doubled. Excel-safe: numbers are written without thousands separators (1234.56, 85.1%) so that
 * spreadsheets read them as numbers; text that a spreadsheet would run as a formula (`=…`, `+…`,
 * `-…`, `@…`, a leading tab or CR) gets a leading `'` (OWASP, src/render/cell-safety.ts), while
 * negative numbers stay numbers. The shell adds a byte-order mark when it writes a file.
 */
export function renderCsv(view: View, o: RenderOptions): string {
  const table = pickTable(view, o.table);
  const rows = [csvTableStart(table)];
  for (const r of table.rows) rows.push(csvRow(table, r));
  return rows.join(EOL) + EOL;
}

/**
 * The header row of a table, for writing it a row at a time: csvTableStart, then csvRow with
 * `leadingEol` for each row, then one line end, stream the same text as renderCsv.
 */
export function csvTableStart(table: Table): string {
  return table.columns.map((c) => csvField(neutraliseCell(c.label))).join(',');
}

/** The table `--table NAME` names among `names` (the view's tables, in order); throws a usage error listing them. */
export function checkTableName(names: readonly string[], wanted: string | undefined): void {
  if (wanted === undefined || names.some((n, i) => n === wanted || String(i + 1) === wanted)) return;
  throw inputError('USAGE', `--table: no table "${wanted}" in this output`, undefined, `the tables are: ${names.join(', ')}`);
}

/** The name `--table` knows a table by: its `name`, else its number from 1. */
function tableName(t: Table, i: number): string {
  return t.name ?? String(i + 1);
}

function pickTable(view: View, wanted: string | undefined): Table {
  const tables = view.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
  if (wanted === undefined) {
    if (tables[0] === undefined) throw inputError('USAGE', 'this output has no table to write as CSV', undefined, 'use --format table or md');
    return tables[0];
  }
  checkTableName(tables.map(tableName), wanted);
  return tables.find((t, i) => tableName(t, i) === wanted || String(i + 1) === wanted)!;
}

/** One row of `table`; with `leadingEol`, preceded by the line end renderCsv puts between rows. */
export function csvRow(table: Table, cells: readonly Cell[], leadingEol = false): string {
  return (leadingEol ? EOL : '') + table.columns.map((col, i) => csvField(csvText(cells[i], col.align === 'right'))).join(',');
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?%?$/;

/** A cell's text in CSV: a number ungrouped; other text neutralised. */
function csvText(c: Cell | undefined, right: boolean): string {
  const text = c?.text ?? '';
  const ungrouped = c?.value !== undefined || right ? ungroupNumber(text) : text;
  return PLAIN_NUMBER.test(ungrouped) && (c?.value !== undefined || right) ? ungrouped : neutraliseCell(text);
}

const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?%?$/;

/** "1,234.56" → "1234.56"; text that is not a grouped number is returned as it is. */
export function ungroupNumber(text: string): string {
  return GROUPED_NUMBER.test(text) ? text.replace(/,/g, '') : text;
}

/**
 * The field of a number cell whose text is already ungrouped ("1234.56", "85.1%"): what csvRow
 * writes for it, without building the cell. Text that is no plain number is neutralised as csvRow
 * does.
 */
export function csvNumberField(plain: string): string {
  return PLAIN_NUMBER.test(plain) ? plain : csvField(neutraliseCell(plain));
}

/** One RFC 4180 field. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
