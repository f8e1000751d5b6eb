/**
 * Small plans worked out by hand, run through both planners. Economics come from tables, so
 * every expected total below is plain arithmetic over the table.
 */
import { describe, expect, it } from 'vitest';
import { planExact } from '../../src/plan/exact.js';
import { planHeuristic } from '../../src/plan/heuristic.js';
import type { PlanOptions, PlanResult, UnitEvaluator } from '../../src/plan/types.js';
import type { Compound } from '../../src/core/compound.js';
import { compound, options, tableEvaluator, violations, xy } from './helpers.js';

type Planner = (c: Compound[], e: UnitEvaluator, o: PlanOptions) => PlanResult | Promise<PlanResult>;
const planners: [string, Planner][] = [
  ['heuristic', planHeuristic],
  ['exact', planExact],
];

const members = (p: PlanResult): number[][] => p.units.map((u) => u.members);

describe.each(planners)('%s planner on worked examples', (method, plan) => {
  it('three in a row: joins the pair that saves most, the far one stays alone', async () => {
    // a at 0 m, b at 300 m, c at 700 m; limit 500 m, so a–c (700 m) may not share a unit.
    const compounds = [
      compound('a', xy(0, 0), { households: 50 }),
      compound('b', xy(300, 0), { households: 20 }),
      compound('c', xy(700, 0), { households: 30 }),
    ];
    // Subsidy = −profit: alone 800 + 900 + 500 = 2200; {a,b}+{c} = 1000 + 500 = 1500;
    // {b,c}+{a} = 800 + 800 = 1600. Best: {a,b}, {c} at 1500.
    const evaluate = tableEvaluator({ '0': -800, '1': -900, '2': -500, '0,1': -1000, '1,2': -800 });
    const opts = options();
    const p = await plan(compounds, evaluate, opts);
    expect(violations(compounds, p, opts)).toEqual([]);
    expect(members(p)).toEqual([[0, 1], [2]]);
    expect(p.totalSubsidy).toBe(1500);
    expect(p.viableCompounds).toBe(0);
    // a has 50 households, more than b's 20: a hosts b.
    expect(p.units[0]).toMatchObject({ kind: 'attached', host: 0, maxPairDistanceM: 300 });
    expect(p.units[1]).toMatchObject({ kind: 'standalone', maxPairDistanceM: 0 });
    expect(p.method).toBe(method);
    expect(p.status).toBe(method === 'exact' ? 'optimal' : 'heuristic');
    expect(p.gap).toBe(method === 'exact' ? 0 : null);
  });

  const triangle = [
    compound('a', xy(0, 0)),
    compound('b', xy(60, 0)),
    compound('c', xy(0, 80)),
  ];
  // Subsidy: alone 400+300+1000 = 1700; {a,b}+{c} = 0+1000 = 1000 (a,b viable, profit 50);
  // {a,c}+{b} = 900+300 = 1200; {b,c}+{a} = 900+400 = 1300; {a,b,c} = 500, none viable.
  const triangleTable = tableEvaluator({
    '0': -400,
    '1': -300,
    '2': -1000,
    '0,1': 50,
    '0,2': -900,
    '1,2': -900,
    '0,1,2': -500,
  });

  it('objective subsidy: all three together (500) beats the viable pair (1000)', async () => {
    const opts = options();
    const p = await plan(triangle, triangleTable, opts);
    expect(members(p)).toEqual([[0, 1, 2]]);
    expect(p.totalSubsidy).toBe(500);
    expect(p.viableCompounds).toBe(0);
    // Equal households (30 each): nobody has more than the others together.
    expect(p.units[0]).toMatchObject({ kind: 'cluster', maxPairDistanceM: 100 });
    expect(p.units[0]!.host).toBeUndefined();
  });

  it('objective viable: the viable pair (2 compounds viable) beats less subsidy', async () => {
    const opts = options({ objective: 'viable' });
    const p = await plan(triangle, triangleTable, opts);
    expect(members(p)).toEqual([[0, 1], [2]]);
    expect(p.viableCompounds).toBe(2);
    expect(p.totalSubsidy).toBe(1000);
    expect(p.objective).toBe('viable');
  });

  it('a merge that saves nothing is not made: fewer compounds moved breaks the tie', async () => {
    const compounds = [compound('a', xy(0, 0)), compound('b', xy(10, 0))];
    // 100 + 100 alone = 200 together: equal, so both stay standalone.
    const p = await plan(compounds, tableEvaluator({ '0': -100, '1': -100, '0,1': -200 }), options());
    expect(members(p)).toEqual([[0], [1]]);
  });

  it('keeps listed compounds alone, never puts forbidden pairs together, and respects the limits', async () => {
    const compounds = [
      compound('a', xy(0, 0), { households: 40 }),
      compound('b', xy(10, 0), { households: 40 }),
      compound('c', xy(20, 0), { households: 40 }),
      compound('d', xy(30, 0), { households: 40 }),
    ];
    // Every merge saves 100 per compound joined, so without rules all four would join.
    const table: Record<string, number> = {};
    for (let mask = 1; mask < 16; mask++) {
      const m = [0, 1, 2, 3].filter((i) => mask & (1 << i));
      table[m.join(',')] = -(1000 - 100 * (m.length - 1) * m.length);
    }
    const evaluate = tableEvaluator(table);
    const free = await plan(compounds, evaluate, options());
    expect(members(free)).toEqual([[0, 1, 2, 3]]);

    const opts = options({ keepStandalone: new Set(['d']), neverTogether: [['a', 'b']] });
    const p = await plan(compounds, evaluate, opts);
    expect(violations(compounds, p, opts)).toEqual([]);
    expect(p.units.find((u) => u.members.includes(3))!.members).toEqual([3]);
    expect(p.units.some((u) => u.members.includes(0) && u.members.includes(1))).toBe(false);

    const small = options({ maxMembers: 2 });
    expect(Math.max(...(await plan(compounds, evaluate, small)).units.map((u) => u.members.length))).toBe(2);
    const fewHouseholds = options({ maxHouseholds: 100 });
    const ph = await plan(compounds, evaluate, fewHouseholds);
    expect(violations(compounds, ph, fewHouseholds)).toEqual([]);
    expect(Math.max(...ph.units.map((u) => u.members.length))).toBe(2);
  });

  it('plans an empty district and a single compound', async () => {
    const none = await plan([], tableEvaluator({}), options());
    expect(none).toMatchObject({ units: [], totalSubsidy: 0, viableCompounds: 0 });
    const one = await plan([compound('a', xy(0, 0))], tableEvaluator({ '0': 25 }), options());
    expect(members(one)).toEqual([[0]]);
    expect(one).toMatchObject({ totalSubsidy: 0, viableCompounds: 1 });
  });

  it('keeps compounds without a location standalone and names them in a warning', async () => {
    const compounds = [compound('a', xy(0, 0)), compound('lost', null), compound('b', xy(10, 0))];
    const evaluate = tableEvaluator({ '0': -100, '1': -100, '2': -100, '0,2': -50 });
    const p = await plan(compounds, evaluate, options({ keepStandalone: new Set(['ghost']) }));
    expect(members(p)).toEqual([[0, 2], [1]]);
    expect(p.warnings.join('\n')).toMatch(/without a location.*lost/);
    expect(p.warnings.join('\n')).toMatch(/unknown compound id.*ghost/);
  });
});
