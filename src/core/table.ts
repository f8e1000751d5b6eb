/**
 * The format-neutral view of a report that the table, csv and md renderers draw.
 * Commands build `View`s from their reports; renderers never see the report itself.
 * Cells hold already-formatted text: numbers are rounded once, when the view is built. A cell that
 * shows a number also carries it (`value`, with its `kind`), so that a workbook gets a real number
 * with a number format instead of text; renderers of text ignore both.
 */
export type Align = 'left' | 'right';

/** A semantic tone that the terminal renderer may colour; other formats ignore it. */
export type Tone = 'good' | 'bad' | 'warn' | 'muted' | 'strong';

/**
 * What a number in a cell is, which sets its number format in a workbook: money in yuan
 * (`#,##0.00`), a fee in yuan/m²/month, a ratio shown as a percentage (value 0.851 for 85.1%), a
 * whole count, or another quantity.
 */
export type NumKind = 'yuan' | 'fee' | 'percent' | 'count' | 'number';

export interface Cell {
  text: string;
  tone?: Tone;
  /** The number the text shows, unrounded only as far as the text is (yuan for money, a ratio for a percentage). */
  value?: number;
  kind?: NumKind;
  /** Decimals the text shows (number formats follow it). */
  places?: number;
}

export interface Column {
  key: string;
  label: string;
  align: Align;
}

export interface Table {
  /** A stable English name (`compounds`, `units`, `shares`…) by which `--table` picks it for CSV. */
  name?: string;
  title?: string;
  columns: Column[];
  rows: Cell[][];
  /** Rows drawn after a rule (totals). */
  footer?: Cell[][];
}

/** A block of a report: a table, or lines of text (headings, notes, a chart). */
export type Block = { kind: 'table'; table: Table } | { kind: 'text'; lines: Cell[][]; tone?: Tone };

export interface View {
  blocks: Block[];
}
