import { describe, expect, it } from 'vitest';
import { classifyUnit, findPlanViolations, prepareRules } from '../../src/plan/constraints.js';
import { UnitCache, unitScore } from '../../src/plan/evaluation.js';
import { compound, options, xy } from './helpers.js';

describe('classifyUnit', () => {
  const c = (households: number) => compound(`h${households}`, xy(0, 0), { households });

  it('one member is standalone', () => {
    expect(classifyUnit([c(10)], [0])).toEqual({ kind: 'standalone' });
  });
  it('a host with more households than all the others together makes the unit attached', () => {
    // 98 > 16 + 20 = 36.
    expect(classifyUnit([c(16), c(98), c(20)], [0, 1, 2])).toEqual({ kind: 'attached', host: 1 });
  });
  it('otherwise a cluster, also when the largest has exactly half', () => {
    // 50 > 30 + 25 = 55 fails.
    expect(classifyUnit([c(50), c(30), c(25)], [0, 1, 2])).toEqual({ kind: 'cluster' });
    // 40 > 40 fails.
    expect(classifyUnit([c(40), c(40)], [0, 1])).toEqual({ kind: 'cluster' });
  });
});

describe('findPlanViolations', () => {
  const compounds = [
    compound('a', xy(0, 0), { households: 100 }),
    compound('b', xy(400, 0), { households: 100 }),
    compound('c', xy(800, 0)),
    compound('d', null),
  ];

  it('accepts a valid plan', () => {
    expect(findPlanViolations(compounds, [{ members: [0, 1] }, { members: [2] }, { members: [3] }], options())).toEqual([]);
  });

  it('names every broken rule', () => {
    const opts = options({ maxHouseholds: 150, neverTogether: [['a', 'b']] });
    const found = findPlanViolations(compounds, [{ members: [0, 1, 2] }, { members: [2, 3] }], opts);
    expect(found).toEqual(
      expect.arrayContaining([
        'unit 0 has 230 households > 150',
        'unit 0: a and b may not share a unit',
        'unit 0: a and c may not share a unit',
        'unit 1: c and d may not share a unit',
        'compound c is in 2 units',
      ]),
    );
  });

  it('lets a compound above the households limit stand alone', () => {
    const opts = options({ maxHouseholds: 50 });
    expect(findPlanViolations(compounds, [[0], [1], [2], [3]].map((members) => ({ members })), opts)).toEqual([]);
  });
});

describe('prepareRules', () => {
  it('warns about unknown ids and unlocated compounds, naming them', () => {
    const rules = prepareRules(
      [compound('a', xy(0, 0)), compound('x', null)],
      options({ keepStandalone: new Set(['zz']), neverTogether: [['a', 'yy']] }),
    );
    expect(rules.warnings).toEqual([
      '1 compound(s) without a location stay standalone: x',
      'planning rules name unknown compound id(s), ignored: zz, yy',
    ]);
    expect(Array.from(rules.alone)).toEqual([0, 1]);
  });
});

describe('UnitCache', () => {
  it('calls the evaluator once per member set and checks what it returns', () => {
    let calls = 0;
    const cache = new UnitCache((m) => {
      calls++;
      return { cost: 0, profit: -m.length, subsidyNeeded: m.length, viable: false };
    }, 2);
    expect(cache.get([1, 2]).subsidyNeeded).toBe(2);
    expect(cache.get([1, 2, 3]).subsidyNeeded).toBe(3);
    expect(cache.get([1, 2]).subsidyNeeded).toBe(2);
    // Past the generation size, old entries are still found (and carried forward).
    expect(cache.get([4]).subsidyNeeded).toBe(1);
    expect(cache.get([1, 2, 3]).subsidyNeeded).toBe(3);
    expect(calls).toBe(3);
    expect(cache.evaluations).toBe(3);
    const bad = new UnitCache(() => ({ cost: 0, profit: 0, subsidyNeeded: 0.5, viable: true }));
    expect(() => bad.get([0])).toThrow(/expected whole fen ≥ 0/);
  });

  it('keeps many similar member sets apart', () => {
    const cache = new UnitCache((m) => ({ cost: 0, profit: 0, subsidyNeeded: m.reduce((s, x, i) => s + x * (i + 7), 0), viable: true }));
    const sets: number[][] = [];
    for (let a = 0; a < 40; a++) for (let b = a + 1; b < 40; b++) for (let c = b + 1; c < 40; c += 3) sets.push([a, b, c]);
    for (const s of sets) cache.get(s);
    for (const s of sets) expect(cache.get(s).subsidyNeeded).toBe(s.reduce((t, x, i) => t + x * (i + 7), 0));
    expect(cache.evaluations).toBe(sets.length);
  });

  it('scores units: viable members only count under the viable objective; moved counts members of shared units', () => {
    const e = { cost: 0, profit: 5, subsidyNeeded: 0, viable: true };
    expect(unitScore('viable', 3, e)).toEqual({ v: -3, s: 0, m: 3 });
    expect(unitScore('subsidy', 3, e)).toEqual({ v: 0, s: 0, m: 3 });
    expect(unitScore('viable', 1, e)).toEqual({ v: -1, s: 0, m: 0 });
  });
});
