import type { View } from '../core/table.js';
import type { Workbook } from '../core/workbook.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMd } from './md.js';
import { renderNdjson } from './ndjson.js';
import type { Lang } from '../core/lang.js';
import type { Format, RenderOptions, TextFormat } from './options.js';
import { renderTable } from './table.js';
import { viewToWorkbook, writeXlsx } from './xlsx.js';

/**
 * What a command hands to the renderers: its JSON report (the versioned contract) and a function
 * that builds the format-neutral view in a language. The view is built only when a view format is
 * asked for. A command may also build its own workbook (bid: a cost sheet with live formulas);
 * otherwise `--format xlsx` writes one sheet per table of the view.
 */
export interface Renderable {
  json: unknown;
  view: (lang: Lang) => View;
  workbook?: (lang: Lang) => Workbook;
}

/** A renderer draws either the JSON report, the view as text, or a workbook as bytes. */
export type Renderer =
  | { input: 'view'; render: (view: View, o: RenderOptions) => string }
  | { input: 'json'; render: (json: unknown, o: RenderOptions) => string }
  | { input: 'workbook'; render: (book: Workbook, o: RenderOptions) => Promise<Uint8Array> };

/** One renderer per `--format`. Adding a format: a file in src/render and one line here. */
export const RENDERERS: Record<Format, Renderer> = {
  table: { input: 'view', render: renderTable },
  json: { input: 'json', render: renderJson },
  csv: { input: 'view', render: renderCsv },
  md: { input: 'view', render: renderMd },
  ndjson: { input: 'json', render: renderNdjson },
  xlsx: { input: 'workbook', render: writeXlsx },
};

/** Render `output` in a text `format`. Pure. */
export function renderOutput(format: TextFormat, output: Renderable, o: RenderOptions): string {
  const r = RENDERERS[format];
  if (r.input === 'workbook') throw new Error(`format ${format} is not text`);
  return r.input === 'json' ? r.render(output.json, o) : r.render(output.view(o.lang), o);
}

/** The workbook of `output`: the command's own, or one sheet per table of its view. */
export function workbookOf(output: Renderable, lang: Lang): Workbook {
  return output.workbook ? output.workbook(lang) : viewToWorkbook(output.view(lang), lang);
}

/** Render `output` in any format: text, or the bytes of a workbook. */
export async function renderAny(format: Format, output: Renderable, o: RenderOptions): Promise<string | Uint8Array> {
  return format === 'xlsx' ? writeXlsx(workbookOf(output, o.lang)) : renderOutput(format, output, o);
}
