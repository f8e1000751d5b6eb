import { beforeAll, describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import { resolveOrThrow } from '../../src/io/read-params.js';
import { evaluateUnit } from '../../src/model/evaluate-unit.js';
import { addYears, feeOn, growWages, runProjection, yearsBetween, type ProjectInput } from '../../src/analyses/project.js';
import { coefficients } from '../helpers/params.js';
import { YYHY } from '../helpers/compounds.js';
import { caseStudy, tree } from './case-study.js';

const AS_OF = '2025-07-01';
let compounds: Compound[];
beforeAll(async () => {
  compounds = await caseStudy();
});
const project = (over: Partial<ProjectInput>) =>
  runProjection({ compounds, tree: tree(), asOf: AS_OF, years: 10, wageGrowth: 0.04, feeGrowth: 0, ...over });

describe('dates', () => {
  it('adds years, 29 February becoming 28 February in a common year', () => {
    expect(addYears('2025-07-01', 3)).toBe('2028-07-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
  it('counts anniversaries as whole years and the rest as a share of the next year', () => {
    expect(yearsBetween('2025-07-01', '2026-07-01')).toBe(1);
    expect(yearsBetween('2025-07-01', '2035-07-01')).toBe(10);
    expect(yearsBetween('2025-07-01', '2025-06-01')).toBe(0);
    // 2026-01-01 is 184 days into the 365-day year from 2025-07-01.
    expect(yearsBetween('2025-07-01', '2026-01-01')).toBeCloseTo(184 / 365, 12);
  });
});

/*
 * 岳阳花苑 alone (test/helpers/compounds.ts YYHY = fixtures/case-study.csv: 9,000 m², 96 households,
 * standard, one gate, 600 m² green, no roof tank, built 1998) at 4.00 yuan (at 2.20 it does not
 * break even under cost model v2: a daytime gate post at legal hours), wages +4 % a year, fees
 * flat. From the shipped parameters on 2025-07-01 (worked in test/model/evaluate-by-hand.test.ts):
 *   staff      manager 57024.00; cleaners 0.85 FTE 47982.71; guards 2.2 FTE 148357.44;
 *              maintenance 26517.60; gardener 0.1 FTE by the hour 5020.00; S = 284901.75. Every
 *              wage, the minimum monthly and hourly wages and the contribution floors grow by
 *              4 %, so every loaded wage and hourly cost, and S, grow by 1.04^i.
 *   other      electricity 2160, fire 1000, cleaning materials 810, greening materials 600, gate
 *              1200, insurance 1000, dredging 2800, pest control 1350, office 3000, depreciation
 *              1520, overhead by area 9000 = 24440; minor repairs 9000 × 0.03 × 12 × (1 + 0.02 ×
 *              (27 + i)) = 4989.6 + 64.8 i.
 *   cost       S × 1.04^i + 29429.6 + 64.8 i
 *   revenue    4.00 × 9000 × 12 × 0.9 = 388800 collected, less 6.3396 % taxes (24648.45) = 364151.55, flat.
 * It breaks even while S × 1.04^i + 29429.6 + 64.8 i ≤ 364151.55:
 *   i = 4: 284901.75 × 1.169859 = 333294.9; + 29429.6 + 259.2 = 362983.7 ≤ 364151.55 (viable)
 *   i = 5: 284901.75 × 1.216653 = 346626.7; + 29429.6 + 324.0 = 376380.3 > 364151.55 (not viable)
 * So it first fails in year 5, on 2030-07-01.
 */
const HOST = { ...YYHY, fee_rate: 4 };
describe('a failure year worked out by hand', () => {
  it('岳阳花苑 alone at 4.00 stops breaking even in year 5 with wages +4 % and flat fees', () => {
    const r = runProjection({ compounds: [HOST], tree: tree(), asOf: AS_OF, years: 10, wageGrowth: 0.04, feeGrowth: 0 });
    const u = r.units[0]!;
    expect(u.status).toBe('fails');
    expect(u.failYear).toBe(5);
    expect(u.failDate).toBe('2030-07-01');
    expect(u.viable).toEqual([true, true, true, true, true, false, false, false, false, false, false]);
    expect(r.years[5]!.failing).toEqual(['YYHY']);
    // The hand figures, to within the rounding of each line to the fen (a few fen at most).
    const cost = (i: number) => 284901.75 * 1.04 ** i + 29429.6 + 64.8 * i;
    for (const i of [0, 4, 5]) {
      expect(Math.abs(r.units[0]!.profits[i]! / 100 - (364151.55 - cost(i)))).toBeLessThan(0.1);
    }
  });

  it('with flat wages it holds all ten years: only the ageing buildings cost more', () => {
    const r = runProjection({ compounds: [HOST], tree: tree(), asOf: AS_OF, years: 10, wageGrowth: 0, feeGrowth: 0 });
    expect(r.units[0]!.status).toBe('holds');
    expect(r.units[0]!.failYear).toBeNull();
    // Each year minor repairs rise by 64.80 (overhead is by area: unchanged).
    expect(r.units[0]!.profits[0]! - r.units[0]!.profits[1]!).toBe(6480);
  });

  it('fees that rise as fast as wages keep it viable longer', () => {
    const r = runProjection({ compounds: [HOST], tree: tree(), asOf: AS_OF, years: 10, wageGrowth: 0.04, feeGrowth: 0.04 });
    expect(r.units[0]!.status).toBe('holds');
  });
});

describe('units of a scenario, years and totals', () => {
  it('says which units are not viable even now, and totals each year', () => {
    const r = project({ arrangement: { units: [{ kind: 'attached', host: 'YYHY', guests: ['JJY'] }], changes: new Map() } });
    expect(r.years).toHaveLength(11);
    expect(r.years.map((y) => y.date).slice(0, 3)).toEqual(['2025-07-01', '2026-07-01', '2027-07-01']);
    expect(r.units.map((u) => u.id)).toEqual(['YYHY+JJY', 'A12', 'A13', 'A15', 'A17']);
    for (const u of r.units.slice(1)) {
      expect(u.status).toBe('unviable');
      expect(u.failYear).toBe(0);
      expect(u.failDate).toBe(AS_OF);
    }
    for (const y of r.years) {
      expect(y.totals.profit).toBe(r.units.reduce((s, u) => s + u.profits[y.year]!, 0));
      expect(y.wageIndex).toBeCloseTo(1.04 ** y.year, 12);
    }
    // Year 0 is the evaluation on the as-of date.
    const k = coefficients(AS_OF);
    const host = evaluateUnit([compounds.find((c) => c.id === 'YYHY')!, compounds.find((c) => c.id === 'JJY')!], k);
    expect(r.units[0]!.profits[0]).toBe(host.profit);
  });
});

describe('dated fee steps', () => {
  const steps = (o: Record<string, Record<string, number>>) => new Map(Object.entries(o).map(([id, s]) => [id, new Map(Object.entries(s))]));

  it('a step takes effect on its date, own before "*", and grows from there', () => {
    const s = steps({ '*': { '2027-01-01': 1.0, '2029-07-01': 1.5 }, YYHY: { '2029-07-01': 3.0 } });
    const yyhy = { ...YYHY };
    const jjy = compounds.find((c) => c.id === 'JJY')!;
    expect(feeOn(yyhy, '2026-07-01', AS_OF, s, 0)).toBe(2.2);
    expect(feeOn(yyhy, '2027-07-01', AS_OF, s, 0)).toBe(1.0);
    expect(feeOn(yyhy, '2029-07-01', AS_OF, s, 0)).toBe(3.0);
    expect(feeOn(jjy, '2029-07-01', AS_OF, s, 0)).toBe(1.5);
    // Fee growth 10 %: the data fee grows from the as-of date, a step from its own date.
    expect(feeOn(yyhy, '2026-07-01', AS_OF, s, 0.1)).toBeCloseTo(2.42, 12);
    expect(feeOn(jjy, '2031-07-01', AS_OF, s, 0.1)).toBeCloseTo(1.5 * 1.21, 12);
  });

  it('a step raising 岳阳花苑 from 4.00 to 4.60 in 2030 pushes its failure year back', () => {
    const r = runProjection({
      compounds: [HOST],
      tree: tree(),
      asOf: AS_OF,
      years: 15,
      wageGrowth: 0.04,
      feeGrowth: 0,
      feeSteps: steps({ YYHY: { '2030-01-01': 4.6 } }),
    });
    expect(r.units[0]!.failYear).toBeGreaterThan(5);
  });
});

describe('wages grow from the date their value is in force', () => {
  it('a scheduled minimum wage rise takes effect when due and grows only after it', () => {
    const t = tree({ wages: { minimum_monthly: { values: { '2025-07-01': 2740, '2027-07-01': 3000 } } } });
    const on = (date: string) => growWages(resolveOrThrow(t, date), AS_OF, 0.04).values['wages.minimum_monthly'];
    expect(on('2026-07-01')).toBeCloseTo(2740 * 1.04, 9);
    expect(on('2027-07-01')).toBeCloseTo(3000, 9);
    expect(on('2028-07-01')).toBeCloseTo(3000 * 1.04, 9);
    // The contribution base floor grows with wages; a non-wage parameter does not.
    const p = growWages(resolveOrThrow(t, '2027-07-01'), AS_OF, 0.04);
    expect(p.values['oncosts.base_floor']).toBeCloseTo(7460 * 1.04 ** 2, 9);
    expect(p.values['jobs.dredging_per_trip']).toBe(500);
  });

  it('refuses a horizon or a rate it cannot use', () => {
    expect(() => project({ years: 0 })).toThrow(/--years/);
    expect(() => project({ years: 51 })).toThrow(/--years/);
    expect(() => project({ wageGrowth: -1 })).toThrow(/--wage-growth/);
  });
});
