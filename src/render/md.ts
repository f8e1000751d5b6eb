import type { Block, Cell, Table, Tone, View } from '../core/table.js';
import { t } from '../present/labels/index.js';
import type { RenderOptions } from './options.js';
import { terminalSafeView } from './cell-safety.js';

/**
 * Markdown (GitHub flavour): a table's title as a `###` heading, then a pipe table aligned as the
 * columns are; footer rows follow the rows in bold, since GitHub tables have no footer. Text
 * blocks are lines joined by hard breaks (a trailing backslash); `strong` text is bold. Text is
 * escaped so data never turns into markup: `|` in a cell is `\|`, line breaks in a cell are `<br>`.
 */
export function renderMd(view: View, o: RenderOptions): string {
  // Markdown is read on terminals too: control characters shown, not obeyed (cell-safety.ts).
  const parts = terminalSafeView(view).blocks.map((b) => renderBlock(b, o));
  return parts.length === 0 ? '' : parts.join('\n\n') + '\n';
}

function renderBlock(b: Block, o: RenderOptions): string {
  if (b.kind === 'text') {
    const lines = b.lines.map((line) => line.map((c, i) => inline(c, b.tone, i === 0)).join(''));
    return lines.map((l, i) => (i < lines.length - 1 && l !== '' ? `${l}\\` : l)).join('\n');
  }
  return renderTableBlock(b.table, o);
}

function renderTableBlock(table: Table, o: RenderOptions): string {
  const lines: string[] = [];
  if (table.title !== undefined) lines.push(`### ${escapeMd(table.title)}`, '');
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  lines.push(row(table.columns.map((c) => escapeMd(c.label))));
  lines.push(row(table.columns.map((c) => (c.align === 'right' ? '---:' : '---'))));
  const width = table.columns.length;
  const cells = (r: readonly Cell[], bold: boolean): string[] =>
    table.columns.map((_c, i) => {
      const text = escapeMd(r[i]?.text ?? '');
      return bold && text !== '' ? `**${text}**` : text;
    });
  if (table.rows.length === 0) lines.push(row([escapeMd(t(o.lang, 'render.none')), ...Array<string>(width - 1).fill('')]));
  for (const r of table.rows) lines.push(row(cells(r, false)));
  for (const r of table.footer ?? []) lines.push(row(cells(r, true)));
  return lines.join('\n');
}

function inline(c: Cell, blockTone: Tone | undefined, startsLine: boolean): string {
  const text = startsLine ? escapeMdLine(c.text) : escapeMd(c.text);
  return (c.tone ?? blockTone) === 'strong' && text.trim() !== '' ? `**${text}**` : text;
}

/**
 * Escape text so Markdown shows it literally, in a table cell or a heading: backslash-escape the
 * punctuation that starts markup anywhere in a line (including `|`, which would end a table cell)
 * and turn line breaks into `<br>`.
 */
export function escapeMd(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`).replace(/\r\n|\r|\n/g, '<br>');
}

/** Escape a line of a text block: also a `#`, `-`, `+`, `=` that would start a heading or a list. */
function escapeMdLine(text: string): string {
  return escapeMd(text).replace(/^(\s*)([#+\-=])/, '$1\\$2');
}
