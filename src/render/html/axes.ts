import { esc, n1 } from './escape.js';

/** Pieces every chart of the report draws the same way. */

/** Horizontal grid lines from x0 to x1 at `values`, each labelled at the left by `text`. */
export function yGrid(values: readonly number[], y: (v: number) => number, text: (v: number) => string, x0: number, x1: number): string {
  return values
    .map((v) => `<line class="grid" x1="${x0}" x2="${x1}" y1="${n1(y(v))}" y2="${n1(y(v))}"/><text class="tick" x="${x0 - 6}" y="${n1(y(v) + 4)}" text-anchor="end">${esc(text(v))}</text>`)
    .join('');
}

/** The x axis: a line from x0 to x1 at height y. */
export function xAxis(y: number, x0: number, x1: number): string {
  return `<line class="axis" x1="${x0}" x2="${x1}" y1="${n1(y)}" y2="${n1(y)}"/>`;
}

/** A label under a column, turned 60° so that long names fit under narrow columns. */
export function columnLabel(x: number, y: number, text: string): string {
  return `<text class="xlabel" transform="translate(${n1(x + 3)} ${n1(y + 8)}) rotate(-60)" text-anchor="end">${esc(text)}</text>`;
}

/** An axis title: at (x, y), anchored at its start unless told otherwise. */
export function axisTitle(x: number, y: number, text: string, anchor: 'start' | 'middle' = 'start'): string {
  return `<text class="axis-title" x="${n1(x)}" y="${n1(y)}"${anchor === 'middle' ? ' text-anchor="middle"' : ''}>${esc(text)}</text>`;
}

/** The drawn width of a text in px: CJK and full-width characters are square, the rest about 0.6 em. */
export function textWidth(text: string, px: number): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? px : px * 0.6;
  return w;
}

/** The room under a chart for column labels turned 60° (11 px text): the longest one's height, at least `min`. */
export function columnLabelRoom(texts: readonly string[], min: number): number {
  const longest = texts.reduce((m, s) => Math.max(m, textWidth(s, 11)), 0);
  return Math.max(min, Math.ceil(longest * Math.sin(Math.PI / 3)) + 16);
}
