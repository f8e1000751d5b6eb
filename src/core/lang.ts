/** The languages of labels and messages, chosen with `--lang`. Free of imports: the CLI entry lists them. */
export const LANGS = ['en', 'zh'] as const;
/** A language for labels and messages. */
export type Lang = (typeof LANGS)[number];
