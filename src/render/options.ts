import type { Lang } from '../core/lang.js';

/**
 * The output formats and languages, and the options every renderer takes. Kept free of imports so
 * that the CLI entry can list the choices without loading the renderers.
 */
export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
/**
 * Every format: the default four; `ndjson` (one JSON record a line: envelope, records, totals)
 * for the commands that list it (evaluate and the scenario family); `xlsx` (a workbook, written
 * only to `--out`) for the commands that list it.
 */
export const ALL_FORMATS = [...FORMATS, 'ndjson', 'xlsx'] as const;
/** An output format, chosen with `--format`. */
export type Format = (typeof ALL_FORMATS)[number];
/** The formats written as text. */
export type TextFormat = Exclude<Format, 'xlsx'>;
/** The default formats and a workbook. */
export const WORKBOOK_FORMATS: readonly Format[] = [...FORMATS, 'xlsx'];

/** What a renderer needs besides the data. Renderers are pure: no environment lookups inside. */
export interface RenderOptions {
  lang: Lang;
  /** Colour tones with ANSI escapes (the table renderer only). */
  color: boolean;
  /** `--table NAME`: which of the view's tables `--format csv` writes (default: the first). */
  table?: string;
}
