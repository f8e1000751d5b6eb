import type { Lang } from '../core/lang.js';

/**
 * The output formats and languages, and the options every renderer takes. Kept free of imports so
 * that the CLI entry can list the choices without loading the renderers.
 */
export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
/**
 * Every format: the default four, and `ndjson` (one JSON record a line: envelope, records,
 * totals) for the commands that list it (evaluate and the scenario family).
 */
export const ALL_FORMATS = [...FORMATS, 'ndjson'] as const;
/** An output format, chosen with `--format`. */
export type Format = (typeof ALL_FORMATS)[number];


/** What a renderer needs besides the data. Renderers are pure: no environment lookups inside. */
export interface RenderOptions {
  lang: Lang;
  /** Colour tones with ANSI escapes (the table renderer only). */
  color: boolean;
}
