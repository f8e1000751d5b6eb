import type { Lang } from '../core/lang.js';

/**
 * The output formats and languages, and the options every renderer takes. Kept free of imports so
 * that the CLI entry can list the choices without loading the renderers.
 */
export const FORMATS = ['table', 'json', 'csv', 'md', 'xlsx'] as const;
/** An output format, chosen with `--format`. */
export type Format = (typeof FORMATS)[number];
/** The formats written as text; every command with a report has them. `xlsx` is binary and needs `--out`. */
export const TEXT_FORMATS = ['table', 'json', 'csv', 'md'] as const satisfies readonly Format[];
export type TextFormat = (typeof TEXT_FORMATS)[number];
/** The formats of the commands that also write a workbook. */
export const WORKBOOK_FORMATS: readonly Format[] = [...TEXT_FORMATS, 'xlsx'];

/** What a renderer needs besides the data. Renderers are pure: no environment lookups inside. */
export interface RenderOptions {
  lang: Lang;
  /** Colour tones with ANSI escapes (the table renderer only). */
  color: boolean;
  /** `--table NAME`: which of the view's tables `--format csv` writes (default: the first). */
  table?: string;
}
