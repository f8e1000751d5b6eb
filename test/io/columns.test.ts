import { describe, expect, it } from 'vitest';
import { COLUMNS, COLUMN_ALIASES, columnOf, resolveHeader } from '../../src/schema/columns.js';

describe('columnOf: canonical names and Chinese aliases', () => {
  it('matches every canonical name and alias, ignoring case and surrounding spaces', () => {
    for (const c of COLUMNS) {
      expect(columnOf(c)).toBe(c);
      expect(columnOf(`  ${c.toUpperCase()} `)).toBe(c);
      for (const a of COLUMN_ALIASES[c]) expect(columnOf(` ${a}\u3000`)).toBe(c);
    }
  });

  it('knows the aliases the issue lists', () => {
    expect(columnOf('编号')).toBe('id');
    expect(columnOf('小区名称')).toBe('name');
    expect(columnOf('名称')).toBe('name');
    expect(columnOf('建筑面积')).toBe('area_m2');
    expect(columnOf('面积')).toBe('area_m2');
    expect(columnOf('户数')).toBe('households');
    expect(columnOf('物业费单价')).toBe('fee_rate');
    expect(columnOf('物业费')).toBe('fee_rate');
    expect(columnOf('收缴率')).toBe('collection_rate');
    expect(columnOf('纬度')).toBe('lat');
    expect(columnOf('经度')).toBe('lon');
    expect(columnOf('Area_M2')).toBe('area_m2');
    expect(columnOf('area')).toBeNull();
  });
});

describe('resolveHeader', () => {
  it('maps positions, warns once per unknown column with a suggestion, and is otherwise clean', () => {
    const r = resolveHeader(['编号', 'Fee_Rate', 'notes', 'househlds', '户数', '面积', ''], 'c.csv');
    expect(r.fields).toEqual(['id', 'fee_rate', null, null, 'households', 'area_m2', null]);
    expect(r.problems).toEqual([]);
    expect(r.warnings.map((w) => [w.code, w.where?.column, w.hint])).toEqual([
      ['CSV_IGNORED_COLUMN', 3, undefined],
      ['CSV_UNKNOWN_COLUMN', 4, 'did you mean "households"?'],
      ['CSV_UNKNOWN_COLUMN', 7, undefined],
    ]);
    expect(r.warnings[0]!.message).toBe('column "notes" is ignored (row numbers and remarks are not used)');
    expect(r.warnings[1]!.message).toBe('unknown column "househlds" is ignored');
  });

  it('names each missing required column and lists the header found', () => {
    const r = resolveHeader(['id', 'name', 'households'], 'c.csv');
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p.code).toBe('CSV_MISSING_COLUMN');
    expect(p.where).toEqual({ file: 'c.csv', line: 1 });
    expect(p.message).toContain('"area_m2" (or 建筑面积, 面积, 总建筑面积)');
    expect(p.message).toContain('"fee_rate" (or 物业费单价, 物业费, 物业费标准, 物业服务费, 物业管理费)');
    expect(p.message).toContain('the header has "id", "name", "households"');
  });

  it('refuses a column given twice, under two spellings', () => {
    const r = resolveHeader(['id', 'area_m2', 'households', 'fee_rate', '物业费'], 'c.csv');
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'CSV_DUPLICATE_COLUMN', where: { file: 'c.csv', line: 1, column: 5, field: 'fee_rate' } }),
    ]);
  });

  it('suggests the delimiter when the whole header is one cell', () => {
    const r = resolveHeader(['id\tarea_m2\thouseholds\tfee_rate'], 'c.tsv');
    expect(r.problems[0]!.hint).toContain('tab-separated');
  });
});
