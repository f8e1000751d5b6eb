/**
 * The format-neutral view of a report that the table, csv and md renderers draw.
 * Commands build `View`s from their reports; renderers never see the report itself.
 * Cells hold already-formatted text: numbers are rounded once, when the view is built.
 */
export type Align = 'left' | 'right';

/** A semantic tone that the terminal renderer may colour; other formats ignore it. */
export type Tone = 'good' | 'bad' | 'warn' | 'muted' | 'strong';

export interface Cell {
  text: string;
  tone?: Tone;
}

export interface Column {
  key: string;
  label: string;
  align: Align;
}

export interface Table {
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
