import type { Lang } from '../core/lang.js';

/**
 * The message catalogue: every label the shell and the renderers print, in English and Chinese.
 * `en` defines the keys; `zh` must have exactly the same keys (the type checker enforces it), so a
 * label cannot be added in one language only. Commands add their own keys here, prefixed with the
 * command name. Placeholders are `{name}`, filled by `t`.
 */
const en = {
  'render.none': '(none)',
  'render.total': 'Total',

  'housing.commodity': 'commodity housing',
  'housing.after_sale_public': 'after-sale public housing',
  'housing.other': 'other housing',
  'service.basic': 'basic',
  'service.standard': 'standard',
  'service.full': 'full',

  'problem.where': 'Where',
  'problem.code': 'Code',
  'problem.message': 'Message',

  'validate.title': 'Compounds read from {file}',
  'validate.item': 'Item',
  'validate.value': 'Value',
  'validate.encoding': 'Encoding',
  'validate.compounds': 'Compounds',
  'validate.withLocation': 'With coordinates',
  'validate.withoutLocation': 'Without coordinates',
  'validate.warnings': 'Warnings',
  'validate.byHousingType': 'By housing type',
  'validate.byServiceLevel': 'By service level',
  'validate.housingType': 'Housing type',
  'validate.serviceLevel': 'Service level',
  'validate.count': 'Compounds',
  'validate.share': 'Share',
  'validate.ok': 'No problems found.',
} as const;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'render.none': '（无）',
  'render.total': '合计',

  'housing.commodity': '商品房',
  'housing.after_sale_public': '售后公房',
  'housing.other': '其他',
  'service.basic': '基础',
  'service.standard': '标准',
  'service.full': '全面',

  'problem.where': '位置',
  'problem.code': '代码',
  'problem.message': '说明',

  'validate.title': '读取 {file} 中的小区',
  'validate.item': '项目',
  'validate.value': '数值',
  'validate.encoding': '编码',
  'validate.compounds': '小区数',
  'validate.withLocation': '有坐标',
  'validate.withoutLocation': '无坐标',
  'validate.warnings': '警告',
  'validate.byHousingType': '按房屋类型',
  'validate.byServiceLevel': '按服务等级',
  'validate.housingType': '房屋类型',
  'validate.serviceLevel': '服务等级',
  'validate.count': '小区数',
  'validate.share': '占比',
  'validate.ok': '未发现问题。',
};

const CATALOGUE: Record<Lang, Record<MessageKey, string>> = { en, zh };

/**
 * The message `key` in `lang`, with `{name}` placeholders replaced from `params`.
 * A placeholder without a value is a bug in the caller, so it throws rather than print `{name}`.
 */
export function t(lang: Lang, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const template = CATALOGUE[lang][key];
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`message ${key}: no value for {${name}}`);
    return String(v);
  });
}

/** Every key, for tests that check both languages are complete and placeholders agree. */
export function messageKeys(): MessageKey[] {
  return Object.keys(en) as MessageKey[];
}

/** The raw template of a message, placeholders unfilled. */
export function messageTemplate(lang: Lang, key: MessageKey): string {
  return CATALOGUE[lang][key];
}
