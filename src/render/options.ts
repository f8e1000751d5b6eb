/**
 * The output formats and languages, and the options every renderer takes. Kept light (only the
 * catalogue's type module) so that the CLI entry can list the choices without loading the renderers.
 */
export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
/** An output format, chosen with `--format`. */
export type Format = (typeof FORMATS)[number];

/** The languages live with the label catalogue; re-exported here for the CLI's option list. */
export { LANGS, type Lang } from '../present/labels/types.js';
import type { Lang } from '../present/labels/types.js';

/** What a renderer needs besides the data. Renderers are pure: no environment lookups inside. */
export interface RenderOptions {
  lang: Lang;
  /** Colour tones with ANSI escapes (the table renderer only). */
  color: boolean;
}
