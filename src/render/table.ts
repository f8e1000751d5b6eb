import { Chalk, type ChalkInstance } from 'chalk';
import type { Block, Cell, Column, Table, Tone, View } from '../core/table.js';
import { terminalSafeView } from './cell-safety.js';
import { t } from '../present/labels/index.js';
import type { RenderOptions } from './options.js';
import { stringWidth } from './width.js';

const GAP = '  ';

/**
 * The terminal format: box-free columns separated by two spaces, numbers right-aligned, widths
 * measured in terminal columns so Chinese lines up, a dashed rule under the header and above the
 * footer. Tones are coloured only when `color` is on; padding stays outside the colour codes so
 * that alignment does not depend on it. No line ends in spaces.
 */
export function renderTable(view: View, o: RenderOptions): string {
  // A chalk of our own with an explicit level: the renderer must not look at the terminal itself.
  const chalk = new Chalk({ level: o.color ? 1 : 0 });
  // Names come from input files: an ESC or BEL in one must be shown, not obeyed by the terminal.
  const parts = terminalSafeView(view).blocks.map((b) => renderBlock(b, o, chalk));
  return parts.length === 0 ? '' : parts.join('\n\n') + '\n';
}

function renderBlock(b: Block, o: RenderOptions, chalk: ChalkInstance): string {
  if (b.kind === 'text') {
    return b.lines.map((line) => line.map((c) => paint(chalk, c.text, c.tone ?? b.tone)).join('')).join('\n');
  }
  return renderTableBlock(b.table, o, chalk);
}

function renderTableBlock(table: Table, o: RenderOptions, chalk: ChalkInstance): string {
  const { columns } = table;
  const footer = table.footer ?? [];
  const widths = columns.map((col, i) =>
    Math.max(stringWidth(col.label), ...[...table.rows, ...footer].map((r) => stringWidth(r[i]?.text ?? ''))),
  );
  const rule = widths.map((w) => '-'.repeat(w)).join(GAP);
  const lines: string[] = [];
  if (table.title !== undefined) lines.push(paint(chalk, table.title, 'strong'));
  lines.push(drawRow(columns.map((c) => ({ text: c.label, tone: 'strong' as const })), columns, widths, chalk));
  lines.push(rule);
  if (table.rows.length === 0) lines.push(paint(chalk, t(o.lang, 'render.none'), 'muted'));
  for (const r of table.rows) lines.push(drawRow(r, columns, widths, chalk));
  if (footer.length > 0) {
    lines.push(rule);
    for (const r of footer) lines.push(drawRow(r, columns, widths, chalk));
  }
  return lines.join('\n');
}

function drawRow(cells: readonly Cell[], columns: readonly Column[], widths: readonly number[], chalk: ChalkInstance): string {
  const out = columns.map((col, i) => {
    const cell = cells[i] ?? { text: '' };
    const w = widths[i] ?? 0;
    const gap = w - stringWidth(cell.text);
    const painted = paint(chalk, cell.text, cell.tone);
    if (gap <= 0) return painted;
    return col.align === 'right' ? ' '.repeat(gap) + painted : painted + ' '.repeat(gap);
  });
  return out.join(GAP).replace(/ +$/, '');
}

function paint(chalk: ChalkInstance, text: string, tone: Tone | undefined): string {
  if (tone === undefined || text === '') return text;
  switch (tone) {
    case 'good':
      return chalk.green(text);
    case 'bad':
      return chalk.red(text);
    case 'warn':
      return chalk.yellow(text);
    case 'muted':
      return chalk.dim(text);
    case 'strong':
      return chalk.bold(text);
  }
}

// Re-exported for commands that lay out text blocks of their own (a chart, aligned notes).
export { stringWidth };
