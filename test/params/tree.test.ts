import { describe, expect, it } from 'vitest';
import { readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { applyOverlay, resolveParams } from '../../src/params/tree.js';

const tree = readDefaultTree();
const origin = { file: 'over.yaml', lineOf: (p: string[]) => p.length };

describe('the shipped parameters', () => {
  it('give every leaf a unit and a reference, and mark estimates', () => {
    expect(tree.size).toBeGreaterThan(60);
    for (const d of tree.values()) {
      expect(d.unit.length).toBeGreaterThan(0);
      expect(d.reference.length).toBeGreaterThan(10);
      if (d.estimate) expect(d.reference.toLowerCase()).toContain('estimate');
    }
  });
  it('keep every value inside its stated range', () => {
    for (const d of tree.values()) {
      if (!d.range) continue;
      for (const v of d.value !== undefined ? [d.value] : Object.values(d.values ?? {})) {
        expect(v, d.key).toBeGreaterThanOrEqual(d.range[0]);
        expect(v, d.key).toBeLessThanOrEqual(d.range[1]);
      }
    }
  });
  it('pick the minimum wage in force on the as-of date', () => {
    expect(resolveOrThrow(tree, '2025-06-30').values['wages.minimum_monthly']).toBe(2690);
    expect(resolveOrThrow(tree, '2025-07-01').values['wages.minimum_monthly']).toBe(2740);
    const r = resolveParams(tree, '2020-01-01');
    expect(r.problems[0]?.code).toBe('PARAMS_NOT_IN_FORCE');
  });
  it('stamp runs with a digest that changes with the values', () => {
    const a = resolveOrThrow(tree, '2025-07-01').digest;
    const b = resolveOrThrow(tree, '2025-06-30').digest;
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});

describe('overlays', () => {
  it('change values without touching the baseline', () => {
    const r = applyOverlay(tree, { wages: { cleaner: 3800 }, oncosts: { housing_fund_rate: '7%' } }, origin);
    expect(r.problems).toEqual([]);
    expect(r.tree.get('wages.cleaner')!.value).toBe(3800);
    expect(r.tree.get('oncosts.housing_fund_rate')!.value).toBeCloseTo(0.07, 12);
    expect(r.tree.get('wages.cleaner')!.overriddenBy).toEqual({ file: 'over.yaml', line: 2 });
    expect(tree.get('wages.cleaner')!.value).toBe(3500);
  });
  it('accept dated values', () => {
    const r = applyOverlay(tree, { wages: { cleaner: { values: { '2025-01-01': 3600, '2026-01-01': 3800 } } } }, origin);
    expect(resolveOrThrow(r.tree, '2025-12-31').values['wages.cleaner']).toBe(3600);
    expect(resolveOrThrow(r.tree, '2026-01-01').values['wages.cleaner']).toBe(3800);
  });
  it('refuse an unknown key with a suggestion and the line', () => {
    const r = applyOverlay(tree, { wages: { claener: 3800 } }, origin);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'PARAMS_UNKNOWN_KEY', hint: 'did you mean "wages.cleaner"?', where: { file: 'over.yaml', line: 2 } });
  });
  it('refuse a wrong unit or type, naming the key', () => {
    const unit = applyOverlay(tree, { wages: { cleaner: { value: 3800, unit: 'yuan/year' } } }, origin);
    expect(unit.problems[0]!.code).toBe('PARAMS_WRONG_UNIT');
    expect(unit.problems[0]!.message).toContain('wages.cleaner');
    const type = applyOverlay(tree, { wages: { cleaner: 'lots' } }, origin);
    expect(type.problems[0]!.code).toBe('PARAMS_WRONG_TYPE');
    expect(type.problems[0]!.message).toContain('wages.cleaner');
    const group = applyOverlay(tree, { wages: 5 }, origin);
    expect(group.problems[0]!.code).toBe('PARAMS_INVALID');
  });
});
