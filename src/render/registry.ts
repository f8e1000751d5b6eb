import type { View } from '../core/table.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMd } from './md.js';
import { renderNdjson } from './ndjson.js';
import type { Lang } from '../core/lang.js';
import type { Format, RenderOptions } from './options.js';
import { renderTable } from './table.js';

/**
 * What a command hands to the renderers: its JSON report (the versioned contract) and a function
 * that builds the format-neutral view in a language. The view is built only when a view format is
 * asked for.
 */
export interface Renderable {
  json: unknown;
  view: (lang: Lang) => View;
}

/** A renderer draws either the JSON report or the view. */
export type Renderer =
  | { input: 'view'; render: (view: View, o: RenderOptions) => string }
  | { input: 'json'; render: (json: unknown, o: RenderOptions) => string };

/** One renderer per `--format`. Adding a format: a file in src/render and one line here. */
export const RENDERERS: Record<Format, Renderer> = {
  table: { input: 'view', render: renderTable },
  json: { input: 'json', render: renderJson },
  csv: { input: 'view', render: renderCsv },
  md: { input: 'view', render: renderMd },
  ndjson: { input: 'json', render: renderNdjson },
};

/** Render `output` in `format`. Pure. */
export function renderOutput(format: Format, output: Renderable, o: RenderOptions): string {
  const r = RENDERERS[format];
  return r.input === 'json' ? r.render(output.json, o) : r.render(output.view(o.lang), o);
}
