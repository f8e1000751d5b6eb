import type { NumKind } from './table.js';

/**
 * The format-neutral model of a workbook that the xlsx renderer writes: sheets of cells, each a
 * text, a number (with its kind, which sets the number format) or a live formula with the value
 * the tool computed for it (so a reader that does not recalculate still sees the figures).
 * Commands get one sheet per table of their view by default (src/render/xlsx.ts); `bid` builds
 * its own, with formulas (src/present/bid-workbook.ts).
 */
export interface BookCell {
  /** Text, a number, or, for a formula, the value the tool computed. */
  value?: string | number | null;
  /** An Excel formula without the leading `=`, e.g. `ROUND(B4*C4*12,2)`. */
  formula?: string;
  kind?: NumKind;
  /** Decimals shown (number formats follow it). */
  places?: number;
  bold?: boolean;
  /** Muted text (grey). */
  muted?: boolean;
  /** Indent level of a line under a heading. */
  indent?: number;
}

export interface BookSheet {
  /** At most 31 characters, none of []:*?/\ (Excel's rule); unique in the book. */
  name: string;
  /** Row by row from A1; a missing cell is empty. */
  rows: (BookCell | undefined)[][];
  /** Rows (from the top) kept in view when scrolling: the title and header rows. */
  freezeRows?: number;
  /** Columns widths in characters; otherwise fitted to the text (East Asian wide characters count two). */
  widths?: number[];
}

export interface Workbook {
  sheets: BookSheet[];
}
