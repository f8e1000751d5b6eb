/**
 * Cells that are safe where they land: in a spreadsheet (CSV, XLSX) and on a terminal.
 * One place for both, so every renderer (src/render/csv.ts, table.ts, md.ts, xlsx.ts) uses the
 * same rules.
 */
import type { Block, Cell, View } from '../core/table.js';

/** A number as the renderers write it: -5, 1234.56, -1,234.56, 85.0%, 1e-7. */
const NUMBER = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?%?$/;

/** First characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`,
 * `@SUM(…)`, or one starting with a tab or CR) gets a leading single quote, as OWASP recommends,
 * so it is shown as the text it is. Numbers stay numbers: `-5` and `-1,234.56` are left alone.
 */
export function neutraliseCell(text: string): string {
  if (!FORMULA_START.test(text) || NUMBER.test(text)) return text;
  return `'${text}`;
}

/** Is this a cell `neutraliseCell` changes? */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !NUMBER.test(text);
}

// C0 controls (tab and line breaks included: a cell is one line), DEL and C1 controls (0x9b is a
// one-byte CSI on some terminals), and the bidirectional overrides that reorder what is shown.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text safe to print on a terminal: control characters (ESC of `ESC]0;…BEL` or `ESC[2J`, a
 * BEL, a NUL, a line break) are shown as escapes (`\x1b`, `\n`) instead of being obeyed, as
 * error messages show them.
 */
export function escapeControls(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `view` with every text (titles, labels, cells) passed through `f`. */
export function mapViewText(view: View, f: (text: string) => string): View {
  const cell = (c: Cell): Cell => ({ ...c, text: f(c.text) });
  const block = (b: Block): Block => {
    if (b.kind === 'text') return { ...b, lines: b.lines.map((l) => l.map(cell)) };
    const t = b.table;
    return {
      ...b,
      table: {
        ...t,
        ...(t.title !== undefined ? { title: f(t.title) } : {}),
        columns: t.columns.map((c) => ({ ...c, label: f(c.label) })),
        rows: t.rows.map((r) => r.map(cell)),
        ...(t.footer !== undefined ? { footer: t.footer.map((r) => r.map(cell)) } : {}),
      },
    };
  };
  return { ...view, blocks: view.blocks.map(block) };
}

/** The view with terminal control characters escaped everywhere (the table and Markdown renderers). */
export function terminalSafeView(view: View): View {
  return mapViewText(view, escapeControls);
}
