import { describe, expect, it } from 'vitest';
import { ALLOCATION_METHODS } from '../../src/arrangements/allocation.js';
import { COST_CATEGORIES, LINE_KEYS, ROLES } from '../../src/core/categories.js';
import { HOUSING_TYPES, SERVICE_LEVELS } from '../../src/core/compound.js';
import { readDefaultTree } from '../../src/io/read-params.js';
import { shownFile } from '../../src/analyses/report-data.js';
import { LANGS, isLabelKey, labelKeys, labelTemplate, lineLabel, list, t, wordOf, wordTerms, type TraceTerm } from '../../src/present/labels/index.js';

const names = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();

describe('the label catalogue', () => {
  it('fills placeholders in both languages', () => {
    expect(t('en', 'validate.title', { file: 'a.csv' })).toBe('Compounds read from a.csv');
    expect(t('zh', 'validate.title', { file: 'a.csv' })).toBe('读取 a.csv 中的小区');
  });

  it('throws on a missing placeholder value instead of printing {file}', () => {
    // @ts-expect-error: the compiler already refuses a call without the placeholder's value
    expect(() => t('en', 'validate.title')).toThrow(/\{file\}/);
  });

  it('resolves every key in both languages to a non-empty text that is not the key itself', () => {
    expect(labelKeys().length).toBeGreaterThan(390);
    for (const key of labelKeys()) {
      for (const lang of LANGS) {
        const text = labelTemplate(lang, key);
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(text, `${lang} ${key}`).not.toBe(key);
        // Filled with a value for each of its placeholders, nothing of the template syntax is left.
        const params = Object.fromEntries(names(labelTemplate('en', key)).map((n) => [n, 'X']));
        const filled = (t as (l: typeof lang, k: string, p: object) => string)(lang, key, params);
        expect(filled, `${lang} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('zh uses only placeholders that en has (en may have more: an English plural "s")', () => {
    for (const key of labelKeys()) {
      const en = names(labelTemplate('en', key));
      for (const n of names(labelTemplate('zh', key))) expect(en, `${key} {${n}}`).toContain(n);
      // Only the English plural ending may be dropped in Chinese.
      const dropped = en.filter((n) => !names(labelTemplate('zh', key)).includes(n));
      expect(dropped.filter((n) => n !== 's'), key).toEqual([]);
    }
  });

  it('has a Chinese word for every value the model and the commands print by name', () => {
    const areas: [string, readonly string[]][] = [
      ['category', COST_CATEGORIES],
      ['categoryShort', COST_CATEGORIES],
      ['role', ROLES],
      ['line', LINE_KEYS],
      ['allocation', ALLOCATION_METHODS],
      ['allocationMethod', ALLOCATION_METHODS],
      ['housingCode', HOUSING_TYPES],
      ['service', SERVICE_LEVELS],
      ['housing', HOUSING_TYPES],
      ['unitKind', ['standalone', 'attached', 'cluster']],
      ['planMethod', ['heuristic', 'exact']],
      ['planObjective', ['subsidy', 'viable']],
      ['planStatus', ['optimal', 'time_limit', 'capped', 'heuristic', 'infeasible']],
      ['projectStatus', ['holds', 'fails', 'unviable']],
    ];
    for (const [area, values] of areas) {
      for (const v of values) {
        expect(isLabelKey(`${area}.${v}`), `${area}.${v}`).toBe(true);
        expect(wordOf('zh', area, v).replace('SCRB', '')).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
    expect(wordOf('zh', 'allocationMethod', 'area')).toBe('按建筑面积');
    // In English a table names the method as --allocation takes it.
    expect(wordOf('en', 'allocationMethod', 'shapley')).toBe('shapley');
    expect(wordOf('zh', 'planStatus', 'heuristic')).toBe('启发式');
    expect(wordOf('zh', 'service', 'basic')).toBe('基础');
    // An unknown value prints as it is, never a raw key.
    expect(wordOf('zh', 'planStatus', 'new_status')).toBe('new_status');
    expect(lineLabel('zh', 'staff.manager')).toBe('项目经理');
  });

  it('writes lists as each language does', () => {
    expect(list('en', ['A', 'B'])).toBe('A, B');
    expect(list('zh', ['A', 'B'])).toBe('A、B');
  });

  it('words structured trace terms in either language', () => {
    // The manager's need, as the model is to return it: max(56 households ÷ 300, 3,200 m² ÷ 20,000).
    const terms: TraceTerm[] = [
      { kind: 'op', op: 'max' },
      { kind: 'op', op: '(' },
      { kind: 'number', value: 56, unit: 'households' },
      { kind: 'op', op: '÷' },
      { kind: 'number', value: 300 },
      { kind: 'op', op: ',' },
      { kind: 'number', value: '3,200', unit: 'm2' },
      { kind: 'op', op: '÷' },
      { kind: 'number', value: '20,000' },
      { kind: 'op', op: ')' },
    ];
    expect(wordTerms('en', terms)).toBe('max(56 households ÷ 300, 3,200 m² ÷ 20,000)');
    expect(wordTerms('zh', terms)).toBe('max(56 户 ÷ 300, 3,200 ㎡ ÷ 20,000)');
    const base: TraceTerm[] = [{ kind: 'quantity', name: 'contributionBase', value: 7384 }, { kind: 'op', op: '×' }, { kind: 'param', key: 'oncosts.social_insurance_rate' }];
    expect(wordTerms('zh', base)).toBe('缴费基数 7384 × oncosts.social_insurance_rate');
  });
});

describe('Chinese parameters and file names', () => {
  it('gives every parameter of the shipped file a Chinese description, and every unit a Chinese word', () => {
    for (const def of readDefaultTree().values()) {
      expect(def.description_zh, def.key).toMatch(/[\u4e00-\u9fff]/);
      expect(isLabelKey(`paramUnit.${def.unit}`), `${def.key}: ${def.unit}`).toBe(true);
      expect(wordOf('zh', 'paramUnit', def.unit), def.unit).not.toMatch(/[A-Za-z]{3,}/);
      // In English the file's own unit name is kept, as before.
      expect(wordOf('en', 'paramUnit', def.unit)).toBe(def.unit);
    }
  });

  it('names a file in the report as given when relative, by its base name when absolute', () => {
    expect(shownFile('fixtures/district.csv')).toBe('fixtures/district.csv');
    expect(shownFile('/home/li/数据/district.csv')).toBe('district.csv');
    expect(shownFile('/home/li/wages.yaml:12')).toBe('wages.yaml:12');
    expect(shownFile('C:\\Users\\li\\小区.csv')).toBe('小区.csv');
  });
});
