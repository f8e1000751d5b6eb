import type { Block, Cell, Table, View } from '../core/table.js';
import { neutraliseCell } from './cell-safety.js';
import type { RenderOptions } from './options.js';

const EOL = '\r\n';

/**
 * CSV (RFC 4180: CRLF line ends, fields quoted when they hold `"`, `,`, CR or LF, quotes doubled).
 *
 * Layout, chosen so a spreadsheet opens it as it is: blocks in order, separated by one empty line;
 * a table is its title as a single field on the first row (when it has one), then the header
 * row, the rows and the footer rows; a text block is one single-field row per line. Number-like
 * cells of right-aligned columns ("1,234.56", "-5", "85.0%") lose their thousands separators, so
 * that spreadsheets read them as numbers rather than text. Text that a spreadsheet would run as a
 * formula (`=…`, `+…`, `-…`, `@…`, a leading tab or CR) gets a leading `'` (OWASP); negative
 * numbers stay numbers.
 */
export function renderCsv(view: View, _o: RenderOptions): string {
  const blocks = view.blocks.map(renderBlock);
  return blocks.length === 0 ? '' : blocks.join(EOL + EOL) + EOL;
}

function renderBlock(b: Block): string {
  if (b.kind === 'text') return b.lines.map((line) => safeField(line.map((c) => c.text).join(''))).join(EOL);
  return renderTableBlock(b.table);
}

/** A field a spreadsheet shows as text, never runs as a formula (src/render/cell-safety.ts). */
function safeField(text: string): string {
  return csvField(neutraliseCell(text));
}

function renderTableBlock(table: Table): string {
  const rows: string[] = [];
  if (table.title !== undefined) rows.push(safeField(table.title));
  rows.push(table.columns.map((c) => safeField(c.label)).join(','));
  for (const r of [...table.rows, ...(table.footer ?? [])]) rows.push(csvRow(table, r));
  return rows.join(EOL);
}

/** A table's title and header rows, for writing it a row at a time (see csvRow). */
export function csvTableStart(table: Table): string {
  return (table.title !== undefined ? safeField(table.title) + EOL : '') + table.columns.map((c) => safeField(c.label)).join(',');
}

/**
 * One row of `table`; with `leadingEol`, preceded by the line end that renderCsv puts between
 * rows, so that csvTableStart + rows + footer rows stream the same text as renderCsv.
 */
export function csvRow(table: Table, cells: readonly Cell[], leadingEol = false): string {
  return (leadingEol ? EOL : '') + table.columns
    .map((col, i) => {
      const text = cells[i]?.text ?? '';
      return safeField(col.align === 'right' ? ungroupNumber(text) : text);
    })
    .join(',');
}

const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?%?$/;

/** "1,234.56" → "1234.56"; text that is not a grouped number is returned as it is. */
export function ungroupNumber(text: string): string {
  return GROUPED_NUMBER.test(text) ? text.replace(/,/g, '') : text;
}

/** One RFC 4180 field. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
