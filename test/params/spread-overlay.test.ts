import { describe, expect, it } from 'vitest';
import { readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { applyOverlay, flattenTree } from '../../src/params/tree.js';
import { drawModel } from '../../src/analyses/uncertainty.js';

const over = (o: unknown) => applyOverlay(readDefaultTree(), o, { file: 'o.yaml', lineOf: () => 3 });

describe('the spread of a parameter (issue 14)', () => {
  it('an overlay may set range and distribution, with or without a value', () => {
    const r = over({ wages: { cleaner: { range: [3200, 3900], distribution: 'uniform' }, guard: { value: 4800, range: null } } });
    expect(r.problems).toEqual([]);
    expect(r.tree.get('wages.cleaner')).toMatchObject({ value: 3500, range: [3200, 3900], distribution: 'uniform', overriddenBy: { file: 'o.yaml', line: 3 } });
    expect(r.tree.get('wages.guard')!.value).toBe(4800);
    expect(r.tree.get('wages.guard')!.range).toBeUndefined();
    const p = resolveOrThrow(r.tree, '2025-07-01');
    expect(p.info.get('wages.cleaner')!.distribution).toBe('uniform');
    // A value alone keeps the documented range.
    expect(over({ wages: { maintenance: 7000 } }).tree.get('wages.maintenance')!.range).toEqual([5500, 8000]);
  });

  it('refuses a range the wrong way round, a bad distribution and other fields', () => {
    expect(over({ wages: { cleaner: { range: [4000, 3000] } } }).problems[0]).toMatchObject({ code: 'PARAMS_INVALID', where: { field: 'wages.cleaner.range', line: 3 } });
    expect(over({ wages: { cleaner: { distribution: 'normal' } } }).problems[0]).toMatchObject({ code: 'PARAMS_INVALID', where: { field: 'wages.cleaner.distribution' } });
    expect(over({ wages: { cleaner: { spread: 1 } } }).problems[0]!.code).toBe('PARAMS_UNKNOWN_KEY');
    const flat = flattenTree({ a: { unit: 'yuan', value: 1, range: [2, 1], reference: 'x' } }, 'f.yaml');
    expect(flat.problems[0]!.where?.field).toBe('a.range');
  });

  it('a value set outside its range widens the range to include it; the wage correlation must be 0 to 1', () => {
    const p = resolveOrThrow(over({ wages: { cleaner: 4500 } }).tree, '2025-07-01');
    expect(drawModel(p).ranged.find((r) => r.key === 'wages.cleaner')).toMatchObject({ low: 3000, mode: 4500, high: 4500 });
    const bad = resolveOrThrow(over({ uncertainty: { wage_correlation: 1.5 } }).tree, '2025-07-01');
    expect(() => drawModel(bad)).toThrow(/wage_correlation/);
  });
});
