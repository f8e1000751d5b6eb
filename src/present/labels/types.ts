import type { en } from './en.js';

/** The languages of the catalogue: defined once, in core (the CLI lists them without loading this). */
export { LANGS, type Lang } from '../../core/lang.js';

/** A key of the label catalogue. */
export type LabelKey = keyof typeof en;

/** The shape every language's catalogue must have: every key of `en`, each a string. */
export type Catalogue = { readonly [K in LabelKey]: string };

/** The placeholder names `{name}` in a template literal type. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The values a label's placeholders take. */
export type LabelParams<K extends LabelKey> = { readonly [P in Placeholders<(typeof en)[K]>]: string | number };

/** The rest arguments of `t` for `key`: none when the label has no placeholder, else its values. */
export type LabelArgs<K extends LabelKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [] : [params: LabelParams<K>];

/** A key whose label has no placeholder (a column heading, a word): `t(lang, key)` needs nothing else. */
export type PlainLabelKey = { [K in LabelKey]: [Placeholders<(typeof en)[K]>] extends [never] ? K : never }[LabelKey];
