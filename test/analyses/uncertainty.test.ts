import { describe, expect, it } from 'vitest';
import { readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { applyOverlay, type ParamTree } from '../../src/params/tree.js';
import { computeCoefficients } from '../../src/model/coefficients.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { evaluateUnit } from '../../src/model/evaluate-unit.js';
import { evaluateArrangedUnit } from '../../src/arrangements/units.js';
import { drawModel, drawSeed, drawValues, normalCdf, percentile, quantile, rangedParams, resolveInputRanges, runDraws, type DrawTarget } from '../../src/analyses/uncertainty.js';
import { tornado, outcomeOf } from '../../src/analyses/sensitivity.js';
import { compound, JJY } from '../helpers/compounds.js';

const AS_OF = '2025-07-01';
const overlay = (tree: ParamTree, o: unknown): ParamTree => {
  const r = applyOverlay(tree, o, { file: 'test', lineOf: () => undefined });
  if (r.problems.length) throw new Error(JSON.stringify(r.problems));
  return r.tree;
};
const params = resolveOrThrow(readDefaultTree(), AS_OF);
const k = computeCoefficients(params);

/**
 * A large full-service commodity compound (H039 of fixtures/district.csv): elevators, gates, green,
 * tanks, so every kind of cost line is in play. Most shipped ranges have their value in force below
 * their midpoint (the manager's wage at the bottom of 8,000–15,000), so a compound priced at its
 * point break-even fee is viable in few draws: 2–22% for the first compounds of the district under
 * cost model v2, about 18% for this one (so the check's lower bound of 15% is near).
 */
const MID = compound({ id: 'MID', area_m2: 18390.1, households: 256, fee_rate: 2.42, housing_type: 'commodity', service_level: 'full', floors: 7, elevators: 4, built_year: 2016, gates: 3, water_tanks: 4, green_area_m2: 2372, other_income: 142000 });
const HOST = compound({ id: 'HOST', area_m2: 20000, households: 200, fee_rate: 1.8, housing_type: 'commodity', gates: 1, location: { kind: 'xy', x: 0, y: 0 } });
const GUEST = compound({ id: 'GUEST', area_m2: 800, households: 16, fee_rate: 1.49, housing_type: 'after_sale_public', collection_rate: 0.9, location: { kind: 'xy', x: 80, y: 0 } });

describe('drawing the parameters', () => {
  it('the triangular quantile hits low, mode and high where it should', () => {
    // low 0, mode 2, high 10: F(mode) = (2 − 0)/(10 − 0) = 0.2, so u = 0.2 gives the mode.
    const r = { key: 'x', low: 0, mode: 2, high: 10, distribution: 'triangular' as const };
    expect(quantile(r, 0)).toBe(0);
    expect(quantile(r, 0.2)).toBeCloseTo(2, 12);
    // u = 0.6 > 0.2: 10 − √((1 − 0.6)·10·8) = 10 − √32 = 4.343146
    expect(quantile(r, 0.6)).toBeCloseTo(10 - Math.sqrt(32), 12);
    expect(quantile({ ...r, distribution: 'uniform' }, 0.25)).toBe(2.5);
    expect(quantile({ ...r, low: 3, high: 3, mode: 3 }, 0.7)).toBe(3);
  });

  it('Φ is the standard normal distribution', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });

  it('draws every parameter with a range, within it; the wage correlation itself is not drawn', () => {
    const ranged = rangedParams(params);
    expect(ranged.map((p) => p.key)).toContain('wages.manager');
    expect(ranged.map((p) => p.key)).not.toContain('uncertainty.wage_correlation');
    expect(ranged.find((p) => p.key === 'wages.manager')).toMatchObject({ low: 8000, mode: 8000, high: 15000, wage: true });
    const m = drawModel(params);
    for (let i = 0; i < 50; i++) {
      const { values } = drawValues(m, 7, i);
      for (const p of ranged) {
        expect(values[p.key]).toBeGreaterThanOrEqual(p.low);
        expect(values[p.key]).toBeLessThanOrEqual(p.high);
      }
    }
  });

  it('at correlation 1 every wage sits at the same quantile of its range', () => {
    const m = drawModel(resolveOrThrow(overlay(readDefaultTree(), { uncertainty: { wage_correlation: 1 } }), AS_OF));
    const wages = m.ranged.filter((p) => p.wage);
    expect(wages.length).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < 20; i++) {
      const { values } = drawValues(m, 3, i);
      // Invert each wage's triangular CDF: F(x) = (x−a)²/((b−a)(c−a)) below the mode, 1 − (b−x)²/((b−a)(b−c)) above.
      const F = (p: (typeof wages)[number], x: number) =>
        x <= p.mode ? (p.mode === p.low ? 0 : (x - p.low) ** 2 / ((p.high - p.low) * (p.mode - p.low))) : 1 - (p.high - x) ** 2 / ((p.high - p.low) * (p.high - p.mode));
      const qs = wages.map((p) => F(p, values[p.key]!));
      for (const q of qs) expect(q).toBeCloseTo(qs[1]!, 9);
    }
  });

  it('draw seeds differ between neighbouring draws and seeds', () => {
    const seeds = new Set<number>();
    for (let s = 1; s <= 3; s++) for (let i = 0; i < 100; i++) seeds.add(drawSeed(s, i));
    expect(seeds.size).toBe(300);
  });
});

describe('draws of compounds and units', () => {
  const targets: DrawTarget[] = [
    { kind: 'compound', compound: MID },
    { kind: 'unit', id: 'HOST+GUEST', members: [HOST, GUEST] },
  ];

  it('determinism: the same seed gives the same result, another seed a different one', () => {
    const a = runDraws(drawModel(params), targets, 11, 200);
    const b = runDraws(drawModel(params), targets, 11, 200);
    const c = runDraws(drawModel(params), targets, 12, 200);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('a target does not depend on the other targets drawn with it (threads split by targets)', () => {
    const both = runDraws(drawModel(params), targets, 5, 100);
    const alone = runDraws(drawModel(params), [targets[1]!], 5, 100);
    expect(alone.targets[0]).toEqual(both.targets[1]);
  });

  it('with every range collapsed to its value, every draw equals the point result', () => {
    // Overlay each ranged parameter with range [v, v] (v = the value in force).
    let tree = readDefaultTree();
    for (const p of rangedParams(params)) {
      const parts = p.key.split('.');
      const o: Record<string, unknown> = {};
      let node = o;
      for (const part of parts.slice(0, -1)) node = (node[part] = {}) as Record<string, unknown>;
      node[parts[parts.length - 1]!] = { range: [p.mode, p.mode] };
      tree = overlay(tree, o);
    }
    const collapsed = resolveOrThrow(tree, AS_OF);
    const r = runDraws(drawModel(collapsed), targets, 9, 30);
    const e = evaluateCompound(MID, k);
    const u = r.targets[0]!.uncertainty;
    expect(u.profit).toEqual({ p5: e.profit, p50: e.profit, p95: e.profit });
    expect(u.subsidyNeeded).toEqual({ p50: e.subsidyNeeded, p95: e.subsidyNeeded });
    expect(u.breakEvenFee.p50).toBe(e.breakEvenFee);
    expect(u.pViable).toBe(e.viable ? 1 : 0);
    const unit = evaluateUnit([HOST, GUEST], k);
    expect(r.targets[1]!.uncertainty.profit).toEqual({ p5: unit.profit, p50: unit.profit, p95: unit.profit });
    // pGains at the point is the scenario share's own verdict, `gains`, in every draw.
    const arranged = evaluateArrangedUnit({ kind: 'attached', host: 'HOST', guests: ['GUEST'] }, [HOST, GUEST], k, { allocation: 'area' });
    expect(r.targets[1]!.pGains).toEqual(arranged.shares.map((sh) => (sh.gains ? 1 : 0)));
    // Total subsidy per draw: the same every draw.
    expect(new Set(r.subsidyByDraw).size).toBe(1);
  });

  it('priced at exactly its break-even fee: viable in some draws, not in others; at three times it, nearly always', () => {
    const be = evaluateCompound(MID, k).breakEvenFee!;
    const at = (fee: number) => runDraws(drawModel(params), [{ kind: 'compound', compound: { ...MID, fee_rate: fee } }], 1, 1000).targets[0]!.uncertainty.pViable;
    const p1 = at(Math.ceil(be * 1e6) / 1e6);
    expect(p1).toBeGreaterThan(0.15);
    expect(p1).toBeLessThan(0.85);
    expect(at(3 * be)).toBeGreaterThan(0.95);
  });

  it('percentiles are nearest-rank draws, exact fen', () => {
    // 20 values 1..20: P5 = 1st (⌈0.05·20⌉ = 1), P50 = 10th, P95 = 19th.
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect([percentile(xs, 5), percentile(xs, 50), percentile(xs, 95)]).toEqual([1, 10, 19]);
    const r = runDraws(drawModel(params), targets, 2, 64).targets[0]!.uncertainty;
    for (const x of [r.profit.p5, r.profit.p50, r.profit.p95, r.subsidyNeeded.p50]) expect(Number.isSafeInteger(x)).toBe(true);
    expect(r.profit.p5).toBeLessThanOrEqual(r.profit.p50);
    expect(r.profit.p50).toBeLessThanOrEqual(r.profit.p95);
  });

  it('input ranges: a scenario range moves the collection rate within it', () => {
    const inputs = resolveInputRanges([GUEST], [{ id: '*', field: 'collection_rate', low: 0.5, high: 0.95 }], k);
    expect(inputs).toEqual([{ key: 'GUEST.collection_rate', id: 'GUEST', field: 'collection_rate', low: 0.5, mode: 0.9, high: 0.95, distribution: 'triangular' }]);
    const m = drawModel(params, inputs);
    const rates = Array.from({ length: 40 }, (_, i) => drawValues(m, 4, i).inputs.get('GUEST')!.collection_rate!);
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...rates)).toBeLessThanOrEqual(0.95);
    expect(new Set(rates).size).toBe(40);
  });
});

describe('the tornado', () => {
  it("each row's values are the direct evaluations with the parameter at its low and at its high", () => {
    const t = tornado(drawModel(params), [[MID]], 'profit');
    expect(t.rows.length).toBe(rangedParams(params).length);
    const direct = (key: string, x: number) => evaluateCompound(MID, computeCoefficients({ ...params, values: { ...params.values, [key]: x } })).profit;
    for (const r of t.rows) {
      expect(r.valueLow).toBe(direct(r.key, r.low));
      expect(r.valueHigh).toBe(direct(r.key, r.high));
      expect(r.swing).toBe(Math.abs(direct(r.key, r.high) - direct(r.key, r.low)));
    }
    // Ranked by swing.
    for (let i = 1; i < t.rows.length; i++) expect(t.rows[i - 1]!.swing).toBeGreaterThanOrEqual(t.rows[i]!.swing);
    expect(t.base.profit).toBe(evaluateCompound(MID, k).profit);
  });

  it('flags the parameters that alone flip the verdict', () => {
    // Priced at its break-even fee, the manager's wage at the top of its range makes it unviable.
    const be = Math.ceil(evaluateCompound(MID, k).breakEvenFee! * 1e6) / 1e6;
    const atBe = { ...MID, fee_rate: be };
    const t = tornado(drawModel(params), [[atBe]], 'subsidy');
    expect(t.base.viable).toBe(true);
    const manager = t.rows.find((r) => r.key === 'wages.manager')!;
    expect(manager.flipsVerdict).toBe(true);
    expect(manager.valueHigh).toBeGreaterThan(0);
    for (const r of t.rows) {
      const lo = outcomeOf([[atBe]], computeCoefficients({ ...params, values: { ...params.values, [r.key]: r.low } })).viable;
      const hi = outcomeOf([[atBe]], computeCoefficients({ ...params, values: { ...params.values, [r.key]: r.high } })).viable;
      expect(r.flipsVerdict).toBe(!lo || !hi);
    }
  });

  it('the joint bounds start from each end that was better (worse) alone and flip ends while that helps', () => {
    // The one-at-a-time ends, worked out here, not by the tornado: for each parameter compare the
    // profit at its low and at its high, take the better (worse) end for all of them together.
    const naive = (c: typeof MID, favour: boolean) => {
      const ranged = rangedParams(params);
      const profitAt = (values: Record<string, number>) => evaluateCompound(c, computeCoefficients({ ...params, values })).profit;
      const values: Record<string, number> = { ...params.values };
      for (const p of ranged) {
        const lo = profitAt({ ...params.values, [p.key]: p.low });
        const hi = profitAt({ ...params.values, [p.key]: p.high });
        values[p.key] = hi > lo === favour ? p.high : p.low;
      }
      return { profit: profitAt(values), values };
    };
    const t = tornado(drawModel(params), [[MID]], 'profit');
    expect(t.favourable.profit).toBeGreaterThanOrEqual(naive(MID, true).profit);
    expect(t.unfavourable.profit).toBeLessThanOrEqual(naive(MID, false).profit);
    // Together they move further than any one alone.
    for (const r of t.rows) {
      expect(t.favourable.profit).toBeGreaterThanOrEqual(Math.max(r.valueLow!, r.valueHigh!));
      expect(t.unfavourable.profit).toBeLessThanOrEqual(Math.min(r.valueLow!, r.valueHigh!));
    }
    // JJY alone: the area cleaning norm changes nothing alone (the household norm binds at the
    // values in force), so the one-at-a-time pick takes its low, 10,000 m²; with every other value
    // at its favourable end the area norm binds, and its high, 12,000 m², is better: the search
    // finds it (a review found this tie).
    const jjy = naive(JJY, true);
    const withHigh = evaluateCompound(JJY, computeCoefficients({ ...params, values: { ...jjy.values, 'norms.cleaner_m2_per_fte': 12000 } })).profit;
    expect(withHigh).toBeGreaterThan(jjy.profit);
    expect(tornado(drawModel(params), [[JJY]], 'profit').favourable.profit).toBeGreaterThanOrEqual(withHigh);
  });

  it('the break-even fee of a unit is the one fee at which it breaks even', () => {
    const t = tornado(drawModel(params), [[HOST, GUEST]], 'break-even-fee');
    const fee = t.base.breakEvenFee!;
    const e = evaluateUnit([HOST, GUEST].map((c) => ({ ...c, fee_rate: Math.ceil(fee * 1e6) / 1e6 })), k);
    expect(e.profit).toBeGreaterThanOrEqual(0);
    expect(e.profit).toBeLessThan(100 * 100); // within 100 yuan a year: the fee is rounded up to 1e-6
  });
});

describe('JJY', () => {
  it('is drawn like any compound', () => {
    const r = runDraws(drawModel(params), [{ kind: 'compound', compound: JJY }], 1, 50);
    expect(r.targets[0]!.uncertainty.draws).toBe(50);
  });
});
