import { en } from './en.js';
import type { Catalogue, LabelArgs, LabelKey, Lang } from './types.js';
import { zh } from './zh.js';

/**
 * The one label catalogue. Every word a command, a renderer or the HTML report prints goes through
 * `t(lang, key, params)`: `en.ts` defines the keys, `zh.ts` mirrors them (checked by the compiler),
 * and a label's `{placeholders}` are checked too: `t` wants exactly the names its English text has.
 */
export { LANGS, type LabelKey, type Lang, type PlainLabelKey } from './types.js';
export { wordTerms, type TraceTerm } from './terms.js';

const CATALOGUE: Readonly<Record<Lang, Catalogue>> = { en, zh };

/** Fill `{name}` placeholders; a placeholder without a value is a bug in the caller, so it throws. */
function fill(key: string, template: string, params: Readonly<Record<string, string | number>> | undefined): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`label ${key}: no value for {${name}}`);
    return String(v);
  });
}

/** The label `key` in `lang`, its `{name}` placeholders filled from `params`. */
export function t<K extends LabelKey>(lang: Lang, key: K, ...args: LabelArgs<K>): string {
  return fill(key, CATALOGUE[lang][key], args[0] as Readonly<Record<string, string | number>> | undefined);
}

/** Whether `key` is a label (for keys built at run time, e.g. a cost line's key from the model). */
export function isLabelKey(key: string): key is LabelKey {
  return Object.hasOwn(en, key);
}

/**
 * The word for a value known only at run time (a plan status, an allocation method, a service
 * level, a cost line's key): the label `area.value`, or the value itself when the catalogue has
 * none (so an unexpected value still prints, as it is, rather than a raw key).
 */
export function wordOf(lang: Lang, area: string, value: string): string {
  const k = `${area}.${value}`;
  return isLabelKey(k) ? fill(k, CATALOGUE[lang][k], undefined) : value;
}

/** The label of a cost line of the model (`staff.manager`, `common.electricity` …). */
export function lineLabel(lang: Lang, key: string): string {
  return wordOf(lang, 'line', key);
}

/**
 * A unit's name as shown: the name the scenario gives it, except the planner's own "cluster N",
 * which is worded in the language ("片区 N").
 */
export function unitName(lang: Lang, id: string): string {
  const m = /^cluster (\d+)$/.exec(id);
  return m ? t(lang, 'unitKind.clusterNumbered', { n: m[1]! }) : id;
}

/** A list as the language writes it: "A, B, C" in English, "A、B、C" in Chinese. */
export function list(lang: Lang, items: readonly string[]): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** Every key, for the tests that check both languages are complete and their placeholders agree. */
export function labelKeys(): LabelKey[] {
  return Object.keys(en) as LabelKey[];
}

/** The raw template of a label, placeholders unfilled. */
export function labelTemplate(lang: Lang, key: LabelKey): string {
  return CATALOGUE[lang][key];
}
