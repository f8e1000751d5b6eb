import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/schema/columns.js';
import {
  CELL_RULES,
  INVALID,
  RowValidator,
  compoundFromRecord,
  compoundPatchFromRecord,
  explainCell,
  parseCell,
  plainDecimal,
} from '../../src/schema/compound.js';

const WHERE = { file: 'inline.yaml', line: 7 };
const MINIMAL = { id: 'JJY', area_m2: '813', households: '16', fee_rate: '0.45' };

describe('number cells', () => {
  it('plainDecimal equals Number() whenever it accepts, and accepts plain decimals', () => {
    const plain = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,9}$/), fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
    fc.assert(fc.property(plain, (s) => Object.is(plainDecimal(s), Number(s) === 0 ? 0 : Number(s))));
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const v = plainDecimal(s);
        return Number.isNaN(v) || v === Number(s);
      }),
    );
    expect(plainDecimal('0.1')).toBe(0.1);
    expect(plainDecimal('2.675')).toBe(2.675);
    expect(plainDecimal('-0')).toBe(0);
    expect(Object.is(plainDecimal('-0'), -0)).toBe(false);
    for (const s of ['', '-', '.', '1.', '+1', '1e3', ' 1', '0x10', '12,5', '1234567890123456']) {
      expect(plainDecimal(s), s).toBeNaN();
    }
  });

  it('the fast path and zod agree on every string, for every numeric column', () => {
    const numeric = COLUMNS.map((c) => CELL_RULES[c]).filter((r) => r.kind === 'number');
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.double({ noNaN: false }).map(String),
      fc.integer({ min: -5000, max: 5000 }).map(String),
      fc.constantFrom('0', '-0', '1', '1.', '.5', ' 2 ', '85%', '100%', '1e3', 'NaN', 'Infinity', '1e309', '2.5', '1800', '2101'),
    );
    fc.assert(
      fc.property(cell, fc.constantFrom(...numeric), (raw, rule) => {
        const fast = parseCell(rule, raw);
        const r = rule.schema.safeParse(raw.trim() === '' ? null : raw);
        if (raw.trim() === '') return fast === (rule.required ? INVALID : rule.empty);
        return r.success ? fast === (r.data === 0 ? 0 : r.data) : fast === INVALID;
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts spaces, exponents and a leading plus through zod', () => {
    expect(parseCell(CELL_RULES.area_m2, ' 813 ')).toBe(813);
    expect(parseCell(CELL_RULES.area_m2, '8.13e2')).toBe(813);
    expect(parseCell(CELL_RULES.fee_rate, '+0.45')).toBe(0.45);
    expect(parseCell(CELL_RULES.fee_rate, '-0')).toBe(0);
    expect(parseCell(CELL_RULES.households, 16)).toBe(16);
  });

  it('explains each refusal with its code and hint', () => {
    const ex = (col: keyof typeof CELL_RULES, raw: string | number) => explainCell(CELL_RULES[col], raw, { file: 'c.csv', line: 14, column: 3 });
    expect(ex('area_m2', '12,5')).toEqual({
      code: 'CSV_INVALID_NUMBER',
      message: 'expected a positive number, got "12,5"',
      where: { file: 'c.csv', line: 14, column: 3, field: 'area_m2' },
      hint: 'use a dot as decimal separator',
    });
    expect(ex('area_m2', '1,234.5').hint).toBe('write numbers without thousands separators');
    expect(ex('area_m2', '813m²').hint).toBe('write the number without a unit');
    expect(ex('area_m2', '1e309').hint).toBe('the number is too large to be finite');
    expect(ex('area_m2', Infinity)).toMatchObject({ code: 'CSV_INVALID_NUMBER', hint: 'the number must be finite' });
    expect(ex('fee_rate', '-inf').hint).toContain('NaN and Infinity');
    expect(ex('fee_rate', '-0.1').code).toBe('CSV_OUT_OF_RANGE');
    expect(ex('households', '2.5').code).toBe('CSV_NOT_INTEGER');
    expect(ex('built_year', '1700').code).toBe('CSV_OUT_OF_RANGE');
    expect(ex('lon', '181').code).toBe('CSV_OUT_OF_RANGE');
    expect(ex('area_m2', '  ')).toMatchObject({ code: 'CSV_MISSING_VALUE', message: 'expected a positive number, got an empty cell' });
    expect(ex('gates', '50%').hint).toBe('a percentage is only accepted in collection_rate');
  });
});

describe('collection_rate: a share or a percentage', () => {
  const rate = CELL_RULES.collection_rate;
  it('reads 0–1 and percentages up to 100%', () => {
    expect(parseCell(rate, '0.85')).toBe(0.85);
    expect(parseCell(rate, '85%')).toBe(0.85);
    expect(parseCell(rate, ' 85 % ')).toBe(0.85);
    expect(parseCell(rate, '100%')).toBe(1);
    expect(parseCell(rate, '0%')).toBe(0);
    expect(parseCell(rate, '92.5%')).toBe(0.925);
    expect(parseCell(rate, '')).toBeNull();
  });
  it('refuses more than 100%, and a bare 85 with a hint', () => {
    expect(parseCell(rate, '120%')).toBe(INVALID);
    expect(explainCell(rate, '120%', { file: 'c.csv' }).code).toBe('CSV_OUT_OF_RANGE');
    expect(parseCell(rate, '85')).toBe(INVALID);
    expect(explainCell(rate, '85', { file: 'c.csv' }).hint).toBe('write 85% for a percentage');
    expect(parseCell(rate, '-5%')).toBe(INVALID);
  });
});

describe('labels', () => {
  it('reads English and Chinese housing types and service levels, loosely spelled', () => {
    expect(parseCell(CELL_RULES.housing_type, '售后公房')).toBe('after_sale_public');
    expect(parseCell(CELL_RULES.housing_type, 'After-Sale Public')).toBe('after_sale_public');
    expect(parseCell(CELL_RULES.housing_type, ' 商品房 ')).toBe('commodity');
    expect(parseCell(CELL_RULES.housing_type, '其他')).toBe('other');
    expect(parseCell(CELL_RULES.service_level, '基础')).toBe('basic');
    expect(parseCell(CELL_RULES.service_level, 'FULL')).toBe('full');
    expect(parseCell(CELL_RULES.service_level, '')).toBe('standard');
    expect(parseCell(CELL_RULES.service_level, 'gold')).toBe(INVALID);
  });
});

describe('compoundFromRecord', () => {
  it('applies the defaults of the issue to absent and empty fields', () => {
    const r = compoundFromRecord({ ...MINIMAL, name: '', floors: '' }, WHERE);
    expect(r.problems).toEqual([]);
    expect(r.compound).toEqual({
      id: 'JJY',
      name: 'JJY',
      area_m2: 813,
      households: 16,
      fee_rate: 0.45,
      housing_type: 'other',
      service_level: 'standard',
      floors: null,
      elevators: 0,
      built_year: null,
      gates: 0,
      water_tanks: 0,
      green_area_m2: 0,
      location: null,
      collection_rate: null,
      other_income: 0,
      subsidy: 0,
      source: WHERE,
    });
  });

  it('takes numbers as YAML gives them, and builds the location', () => {
    const r = compoundFromRecord({ id: 'A', area_m2: 100, households: 2, fee_rate: 1, lat: 31.2, lon: 121.4 }, WHERE);
    expect(r.compound?.location).toEqual({ kind: 'geo', lat: 31.2, lon: 121.4 });
    const xy = compoundFromRecord({ id: 'A', area_m2: 100, households: 2, fee_rate: 1, x_m: 10, y_m: '-20.5' }, WHERE);
    expect(xy.compound?.location).toEqual({ kind: 'xy', x: 10, y: -20.5 });
    const both = compoundFromRecord({ id: 'A', area_m2: 100, households: 2, fee_rate: 1, lat: 31.2, lon: 121.4, x_m: 1, y_m: 2 }, WHERE);
    expect(both.compound?.location).toEqual({ kind: 'geo', lat: 31.2, lon: 121.4 });
  });

  it('reports every problem, with the column when the caller knows it', () => {
    const r = compoundFromRecord(
      { id: 'A', area_m2: -1, households: 2.5, fee_rate: 'NaN', lon: 121, colour: 'red', floors: [3] },
      { ...WHERE, columnOf: (f) => (f === 'area_m2' ? 3 : undefined) },
    );
    expect(r.compound).toBeUndefined();
    expect(r.problems.map((p) => p.code).sort()).toEqual(['CSV_INVALID_VALUE', 'CSV_UNKNOWN_FIELD']);
    const cells = compoundFromRecord({ id: 'A', area_m2: -1, households: 2.5, fee_rate: 'NaN', lon: 121 }, {
      ...WHERE,
      columnOf: (f) => (f === 'area_m2' ? 3 : undefined),
    });
    expect(cells.problems.map((p) => [p.code, p.where?.field, p.where?.column])).toEqual([
      ['CSV_OUT_OF_RANGE', 'area_m2', 3],
      ['CSV_NOT_INTEGER', 'households', undefined],
      ['CSV_INVALID_NUMBER', 'fee_rate', undefined],
    ]);
    const pair = compoundFromRecord({ ...MINIMAL, lon: 121 }, WHERE);
    expect(pair.problems).toEqual([expect.objectContaining({ code: 'CSV_INCOMPLETE_LOCATION', where: { file: 'inline.yaml', line: 7, field: 'lat' } })]);
  });

  it('requires id, area_m2, households and fee_rate', () => {
    const r = compoundFromRecord({}, WHERE);
    expect(r.problems.map((p) => [p.code, p.where?.field])).toEqual([
      ['CSV_MISSING_VALUE', 'id'],
      ['CSV_MISSING_VALUE', 'area_m2'],
      ['CSV_MISSING_VALUE', 'households'],
      ['CSV_MISSING_VALUE', 'fee_rate'],
    ]);
  });
});

describe('compoundPatchFromRecord', () => {
  it('validates only the fields given', () => {
    expect(compoundPatchFromRecord({ fee_rate: 1.49 }, WHERE)).toEqual({ patch: { fee_rate: 1.49 }, problems: [] });
    expect(compoundPatchFromRecord({ collection_rate: '90%', housing_type: '商品房', floors: null }, WHERE).patch).toEqual({
      collection_rate: 0.9,
      housing_type: 'commodity',
      floors: null,
    });
  });

  it('refuses identity, location, unknown fields and bad values', () => {
    const r = compoundPatchFromRecord({ id: 'X', lat: 1, fee: 2, fee_rate: -1, households: null }, WHERE);
    expect(r.patch).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.where?.field])).toEqual([
      ['CSV_FIELD_NOT_CHANGEABLE', 'id'],
      ['CSV_FIELD_NOT_CHANGEABLE', 'lat'],
      ['CSV_UNKNOWN_FIELD', 'fee'],
      ['CSV_OUT_OF_RANGE', 'fee_rate'],
      ['CSV_MISSING_VALUE', 'households'],
    ]);
  });
});

describe('RowValidator', () => {
  it('reads cells by position and reports 1-based columns', () => {
    const v = new RowValidator({ fee_rate: 0, id: 2, households: 1, area_m2: 3 }, 'c.csv', (f) =>
      ({ fee_rate: 1, households: 2, id: 3, area_m2: 4 })[f],
    );
    const problems: unknown[] = [];
    expect(v.toCompound(['0.45', '16', 'JJY', '813'], 2, (p) => problems.push(p))).toMatchObject({
      id: 'JJY',
      fee_rate: 0.45,
      households: 16,
      area_m2: 813,
      source: { file: 'c.csv', line: 2 },
    });
    expect(v.toCompound(['0.45', 'x', 'JJY', '813'], 3, (p) => problems.push(p))).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ where: { file: 'c.csv', line: 3, column: 2, field: 'households' } })]);
  });
});
