import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import { InputError } from '../../src/core/errors.js';
import { ceilToString } from '../../src/core/money.js';
import { evaluateArrangement } from '../../src/arrangements/evaluate-scenario.js';
import type { UnitSpec } from '../../src/arrangements/units.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { fenOf } from '../../src/core/money.js';
import { memberRevenue } from '../../src/model/evaluate-unit.js';
import { runSweep, sweepStream, type SweepInput } from '../../src/analyses/sweep.js';
import { netRevenue } from '../../src/model/outcome.js';
import { compound } from '../helpers/compounds.js';
import { parseVary, resolveAxis, type SweepAxis } from '../../src/analyses/vary.js';
import { coefficients } from '../helpers/params.js';
import { caseStudy, tree } from './case-study.js';

const AS_OF = '2025-07-01';
const k = coefficients(AS_OF);
let compounds: Compound[];
beforeAll(async () => {
  compounds = await caseStudy();
});

const axis = (text: string): SweepAxis => resolveAxis(parseVary(text), tree()).axis;
const sweep = (over: Partial<SweepInput> & Pick<SweepInput, 'axes'>) => runSweep({ compounds, tree: tree(), asOf: AS_OF, ...over });

/** The arrangement's totals the slow way, with every compound's field set by a scenario change. */
function slowTotals(units: UnitSpec[], changes: Map<string, Partial<Compound>>, kk = k) {
  return evaluateArrangement(compounds, { units, changes, allocation: 'area', seed: 1 }, kk).totals;
}

describe('parseVary', () => {
  it('forms the grid in exact decimals', () => {
    expect(parseVary('fee_rate=0.1:0.3:0.1')).toEqual({ key: 'fee_rate', values: [0.1, 0.2, 0.3] });
    expect(parseVary('fee_rate=1:2:0.25').values).toEqual([1, 1.25, 1.5, 1.75, 2]);
    // TO off the grid: the last point is the last step below it.
    expect(parseVary('gates=0:5:2').values).toEqual([0, 2, 4]);
  });
  it('reads percentages and lists', () => {
    expect(parseVary('collection_rate=50%:70%:10%').values).toEqual([0.5, 0.6, 0.7]);
    expect(parseVary('wages.cleaner=3000, 3500,4000').values).toEqual([3000, 3500, 4000]);
  });
  it.each([
    ['fee_rate', /expected KEY=FROM:TO:STEP/],
    ['fee_rate=1:2', /expected FROM:TO:STEP/],
    ['fee_rate=1:2:0', /STEP must be positive/],
    ['fee_rate=2:1:0.1', /FROM \(2\) is above TO \(1\)/],
    ['fee_rate=1:x:0.1', /TO "x" is not a number/],
    ['fee_rate=0:1000000:1', /more than 100000/],
    ['fee_rate=1,,2', /a list of values/],
  ])('refuses %s', (text, message) => {
    expect(() => parseVary(text)).toThrow(message);
  });
});

describe('resolveAxis', () => {
  it('knows compound fields and parameter keys', () => {
    expect(axis('fee_rate=1,2')).toEqual({ kind: 'field', key: 'fee_rate', values: [1, 2] });
    expect(axis('wages.cleaner=3000')).toEqual({ kind: 'param', key: 'wages.cleaner', values: [3000] });
  });
  it('suggests a key for a typo', () => {
    const err = (() => {
      try {
        axis('fee_rat=1');
      } catch (e) {
        return e as InputError;
      }
    })()!;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problems[0]!.code).toBe('VARY_UNKNOWN_KEY');
    expect(err.problems[0]!.hint).toBe('did you mean "fee_rate"?');
    expect(() => axis('wages.claener=1')).toThrow(/unknown key "wages.claener"/);
  });
  it('checks field values by the column rule', () => {
    expect(() => axis('households=10,10.5')).toThrow(/expected a whole number ≥ 1, got 10.5/);
    expect(() => axis('collection_rate=0.5:1.2:0.1')).toThrow(InputError);
    expect(() => axis('service_level=1')).toThrow(/not a number and cannot be swept/);
  });
  it('warns about a parameter value outside its sourced range', () => {
    const r = resolveAxis(parseVary('wages.cleaner=2500:4500:1000'), tree());
    expect(r.warnings.map((w) => w.message)).toEqual(['2 of 3 values lie outside the sourced range 3000–4000 yuan/month']);
  });
});

describe('a fee sweep finds the break-even fee evaluate finds', () => {
  it('flips 岳阳花苑 to viable at its break-even fee rounded up to the step', () => {
    const yyhy = compounds.find((c) => c.id === 'YYHY')!;
    const be = evaluateCompound(yyhy, k).breakEvenFee!;
    const r = sweep({ axes: [axis('fee_rate=1.00:2.50:0.01')], only: ['YYHY'] });
    const flips = r.rows.filter((row) => row.flip);
    expect(flips).toHaveLength(1);
    // The first viable point is the break-even fee rounded up to the step (0.01).
    expect(flips[0]!.values.fee_rate).toBe(Number(ceilToString(be, 2)));
    expect(flips[0]!.viable).toBe(1);
    const before = r.rows[r.rows.indexOf(flips[0]!) - 1]!;
    expect(before.viable).toBe(0);
    expect(before.values.fee_rate).toBeLessThan(be);
  });
  it('flips 京剧院小区 alone at its break-even fee too', () => {
    const jjy = compounds.find((c) => c.id === 'JJY')!;
    const be = evaluateCompound(jjy, k).breakEvenFee!;
    const r = sweep({ axes: [axis('fee_rate=10:15:0.05')], only: ['JJY'] });
    const flip = r.rows.find((row) => row.flip)!;
    // 12.41222… (by hand, test/model/evaluate-by-hand.test.ts) → the next step of 0.05 is 12.45.
    expect(be).toBeCloseTo(12.41222, 5);
    expect(flip.values.fee_rate).toBe(12.45);
  });
});

describe('each point equals a full evaluation of the changed data', () => {
  const attached: UnitSpec[] = [{ kind: 'attached', host: 'YYHY', guests: ['JJY'] }];
  const cluster: UnitSpec[] = [{ kind: 'cluster', name: 'lane', members: ['A12', 'A13', 'A17'] }];
  const setAll = (ids: string[], patch: Partial<Compound>) => new Map(ids.map((id) => [id, patch]));

  it.each([
    ['fee_rate', 'fee_rate=0.4:2.4:0.5'],
    ['collection_rate', 'collection_rate=0.5:1:0.25'],
    ['other_income', 'other_income=0:60000:20000'],
    ['subsidy', 'subsidy=0:90000:30000'],
    ['households (a cost field)', 'households=10:40:15'],
    ['gates (a cost field)', 'gates=0:2:1'],
  ])('%s, for all compounds, every compound alone and attached', (_what, text) => {
    const a = axis(text);
    for (const units of [[], attached, [...attached, ...cluster]]) {
      const r = sweep({ axes: [a], arrangement: { units, changes: new Map() } });
      expect(r.rows).toHaveLength(a.values.length);
      for (const row of r.rows) {
        const t = slowTotals(units, setAll(compounds.map((c) => c.id), { [a.key]: row.values[a.key] }));
        expect([row.revenue, row.cost, row.profit, row.subsidyNeeded, row.viable, row.viableUnits]).toEqual([
          t.revenue,
          t.cost,
          t.profit,
          t.subsidyNeeded,
          t.viableCompounds,
          t.viableUnits,
        ]);
      }
    }
  });

  it('changes only the --only compounds, on top of the scenario changes', () => {
    const changes = new Map<string, Partial<Compound>>([['JJY', { fee_rate: 1.49, service_level: 'standard' }]]);
    const r = sweep({ axes: [axis('fee_rate=1:2:0.5')], only: ['A12', 'JJY'], arrangement: { units: [...attached, ...cluster], changes } });
    for (const row of r.rows) {
      const fee = row.values.fee_rate!;
      const t = slowTotals([...attached, ...cluster], new Map([...changes, ['JJY', { service_level: 'standard' as const, fee_rate: fee }], ['A12', { fee_rate: fee }]]));
      expect([row.revenue, row.cost, row.profit]).toEqual([t.revenue, t.cost, t.profit]);
    }
  });

  it('a parameter axis rebuilds the coefficients per point', () => {
    const r = sweep({ axes: [axis('wages.cleaner=3000:4000:500')], arrangement: { units: attached, changes: new Map() } });
    for (const row of r.rows) {
      const t = slowTotals(attached, new Map(), coefficients(AS_OF, { wages: { cleaner: row.values['wages.cleaner'] } }));
      expect([row.revenue, row.cost, row.profit, row.viable]).toEqual([t.revenue, t.cost, t.profit, t.viableCompounds]);
    }
    // Dearer cleaners cost more, fees unchanged.
    expect(r.rows[2]!.cost).toBeGreaterThan(r.rows[0]!.cost);
    expect(r.rows[2]!.revenue).toBe(r.rows[0]!.revenue);
  });

  it('reports the arrangement as given as its base', () => {
    const r = sweep({ axes: [axis('wages.cleaner=3000,4000')] });
    expect(r.base).toEqual(slowTotals([], new Map()));
  });
});

describe('a grid of two keys', () => {
  it('runs the second axis within the first and marks flips along the second', () => {
    const r = sweep({ axes: [axis('wages.manager=8000:12000:4000'), axis('fee_rate=1.5:2.1:0.05')], only: ['YYHY'] });
    const fees = [1.5, 1.55, 1.6, 1.65, 1.7, 1.75, 1.8, 1.85, 1.9, 1.95, 2, 2.05, 2.1];
    expect(r.rows.map((x) => [x.values['wages.manager'], x.values.fee_rate])).toEqual([...fees.map((f) => [8000, f]), ...fees.map((f) => [12000, f])]);
    // The first row of each block is never a flip: it has no neighbour on the fee axis.
    expect(r.rows[0]!.flip).toBe(false);
    expect(r.rows[13]!.flip).toBe(false);
    // A dearer manager moves the break-even fee up: YYHY flips later in the second block.
    const flipAt = (from: number) => r.rows.slice(from, from + 13).findIndex((x) => x.flip);
    expect(flipAt(0)).toBeGreaterThan(0);
    expect(flipAt(13)).toBeGreaterThan(flipAt(0));
    for (const row of r.rows) {
      const kk = coefficients(AS_OF, { wages: { manager: row.values['wages.manager'] } });
      const t = slowTotals([], new Map([['YYHY', { fee_rate: row.values.fee_rate }]]), kk);
      expect(row.profit).toBe(t.profit);
    }
  });
});

describe('refuses what it cannot sweep', () => {
  it('--only without a field axis', () => {
    expect(() => sweep({ axes: [axis('wages.cleaner=3000')], only: ['JJY'] })).toThrow(/no compound field is varied/);
  });
  it('the same key twice', () => {
    expect(() => sweep({ axes: [axis('fee_rate=1'), axis('fee_rate=2')] })).toThrow(/given twice/);
  });
  it('a parameter value that leaves the model undefined', () => {
    // Refused by the coefficients (a zero divisor) before any cost is computed.
    expect(() => sweep({ axes: [axis('staffing.hiring_step_fte=0')] })).toThrow(/must be a number greater than 0/);
  });
});

describe('netRevenue', () => {
  it('is memberRevenue(c, k).net for any compound, subsidies taxed or not', () => {
    const ks = [k, coefficients(AS_OF, { tax: { subsidy_taxable: 1 } })];
    fc.assert(
      fc.property(
        fc.record({
          area_m2: fc.double({ min: 1, max: 200_000, noNaN: true }),
          fee_rate: fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constantFrom(0.45, 1.49, 2.2, 1.005)),
          collection_rate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
          housing_type: fc.constantFrom('commodity' as const, 'after_sale_public' as const, 'other' as const),
          other_income: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })),
          subsidy: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })),
        }),
        fc.constantFrom(0, 1),
        (over, ki) => {
          const c = compound({ id: 'X', ...over });
          const kk = ks[ki]!;
          const rate = c.collection_rate ?? kk.collection[c.housing_type];
          expect(netRevenue(c.area_m2, c.fee_rate, rate, fenOf(c.other_income), fenOf(c.subsidy), kk)).toBe(memberRevenue(c, kk).net);
        },
      ),
      { numRuns: 2000, seed: 6 },
    );
  });
});

describe('sweepStream: a compound at a time, the same result as runSweep', () => {
  let district: Compound[];
  beforeAll(async () => {
    const { readCompounds } = await import('../../src/io/read-compounds.js');
    district = (await readCompounds('fixtures/district.csv')).compounds;
  });
  // Revenue-only fields (priced per point without the model), a cost field (each compound
  // re-evaluated per point), a parameter (coefficients per point), and two axes mixing them.
  for (const texts of [
    ['fee_rate=0.5:2.5:0.25'],
    ['collection_rate=0.5:1:0.1', 'other_income=0:20000:10000'],
    ['households=10:60:25'],
    ['wages.cleaner=3000:4000:500'],
    ['wages.manager=7000:9000:1000', 'fee_rate=1:2:0.5'],
    ['subsidy=0:50000:25000'],
  ]) {
    it(`--vary ${texts.join(' --vary ')}`, () => {
      const axes = texts.map(axis);
      for (const cs of [compounds, district]) {
        const acc = sweepStream({ tree: tree(), asOf: AS_OF, axes });
        for (const c of cs) acc.add(c);
        expect(acc.result()).toEqual(runSweep({ compounds: cs, tree: tree(), asOf: AS_OF, axes }));
      }
    });
  }

  it('refuses the same grids runSweep refuses', () => {
    const same = [axis('fee_rate=1:2:0.5'), axis('fee_rate=1:2:0.5')];
    expect(() => sweepStream({ tree: tree(), asOf: AS_OF, axes: same })).toThrow('--vary fee_rate is given twice');
  });
});
