import { describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import { readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { computeCoefficients } from '../../src/model/coefficients.js';
import { applyOverlay, type ResolvedParams } from '../../src/params/tree.js';
import { bidWorkbook, type BidWorkbook } from '../../src/present/bid-workbook.js';
import { writeXlsx } from '../../src/render/xlsx.js';
import { bidJson } from '../../src/present/bid.js';
import { priceBid, type BidResult, type BidTarget, type Pricing } from '../../src/analyses/bid.js';
import { readCompounds } from '../../src/io/read-compounds.js';
import { compound, JJY } from '../helpers/compounds.js';
import { recalc, type Recalculated } from '../helpers/recalc.js';

/**
 * The cost sheet of `bid --format xlsx` is live formulas. Recalculated by a formula engine
 * (HyperFormula) with the cached values thrown away, it must give the tool's own figures, to the
 * fen, for every line, post and headcount; and with a wage, a norm, the minimum wage, a hiring step,
 * a job price or the overhead changed on the inputs sheet, the figures the tool gives with that
 * parameter overlaid (what `bid --params` does): the expected side is always the tool's own.
 */
const AS_OF = '2025-07-01';

function params(overlay: unknown = {}): ResolvedParams {
  const r = applyOverlay(readDefaultTree(), overlay, { file: 'test', lineOf: () => undefined });
  if (r.problems.length) throw new Error(JSON.stringify(r.problems));
  return resolveOrThrow(r.tree, AS_OF);
}

/** Every line kind the model has: elevators, gates, tanks, green, other income, subsidy, a known and an unknown age. */
const BIG = compound({
  id: 'BIG',
  name: '大院',
  area_m2: 12345.6,
  households: 150,
  fee_rate: 1.8,
  housing_type: 'commodity',
  service_level: 'full',
  elevators: 3,
  built_year: 1996,
  gates: 2,
  water_tanks: 2,
  green_area_m2: 900,
  collection_rate: 0.85,
  other_income: 12000.5,
  subsidy: 30000,
});
const GREEN = compound({ id: 'GREEN', area_m2: 2100, households: 40, housing_type: 'after_sale_public', service_level: 'standard', green_area_m2: 80, water_tanks: 1 });
const YYHY = compound({
  id: 'YYHY',
  area_m2: 9000,
  households: 96,
  fee_rate: 2.2,
  housing_type: 'commodity',
  gates: 1,
  water_tanks: 2,
  green_area_m2: 600,
  built_year: 1998,
  location: { kind: 'geo', lat: 31.2047, lon: 121.4463 },
});

type Json = ReturnType<typeof bidJson>;
/** How the tool engages each post (hourly or full-time): not in the JSON, so taken from the result. */
type Engagements = Map<string, 'hourly' | 'full_time'>;
const engagementsOf = (r: BidResult): Engagements => new Map(r.bundle.evaluation.staff.map((s) => [s.role, s.engagement]));
/** How the workbook words an engagement, in either language. */
const ENGAGEMENT: Record<'hourly' | 'full_time', string[]> = { hourly: ['hourly', '小时工'], full_time: ['full-time', '全日制'] };
const fen = (yuan: string) => Math.round(Number(yuan) * 100);

async function build(members: Compound[], p: ResolvedParams, pricing: Pricing, target: BidTarget, lang: 'en' | 'zh' = 'zh') {
  const k = computeCoefficients(p);
  const result = priceBid(members, k, pricing, target);
  const book = bidWorkbook({ result, members, params: p, k, lang });
  return { json: bidJson(result, { asOf: p.asOf, digest: p.digest, overlays: [] }), engagements: engagementsOf(result), book, x: await recalc(await writeXlsx(book)) };
}

/** The tool's own figures with a parameter overlaid (what `bid --params` prices), and where the workbook would hold them. */
function priced(members: Compound[], p: ResolvedParams, pricing: Pricing, target: BidTarget, lang: 'en' | 'zh' = 'zh') {
  const k = computeCoefficients(p);
  const result = priceBid(members, k, pricing, target);
  return {
    json: bidJson(result, { asOf: p.asOf, digest: p.digest, overlays: [] }),
    engagements: engagementsOf(result),
    book: bidWorkbook({ result, members, params: p, k, lang }),
  };
}

/** `a.b.c: v` as the overlay `{ a: { b: { c: v } } }`. */
function overlayOf(changes: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const parts = key.split('.');
    let at = out;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts.at(-1)!] = value;
  }
  return out;
}

/** The recalculated workbook against the tool's JSON: every figure, to the fen (ratios to 4–6 decimals). */
function expectSame(x: Recalculated, cells: BidWorkbook['cells'], json: Json, engagements: Engagements): void {
  const v = (r: { sheet: string; address: string }) => x.value(r.sheet, r.address);
  const yuanOf = (r: { sheet: string; address: string }) => Math.round(Number(v(r)) * 100);
  const b = json.bundle;
  // First every line that differs, by key, so a change of the model names what to fix.
  const differ = b.lines.flatMap((l) => {
    const ref = cells.lines.find((r) => r.key === l.key && r.compoundId === l.compoundId);
    return ref && yuanOf(ref.amount) === fen(l.amount) ? [] : [`${l.key}@${l.compoundId ?? ''}: ${ref ? yuanOf(ref.amount) : 'missing'} ≠ ${fen(l.amount)}`];
  });
  expect(differ).toEqual([]);
  const cats = b.costSheet.flatMap((c) => {
    const ref = cells.categories.find((r) => r.category === c.category)!;
    return yuanOf(ref.amount) === fen(c.amount) ? [] : [`${c.category}: ${yuanOf(ref.amount)} ≠ ${fen(c.amount)}`];
  });
  expect(cats).toEqual([]);
  expect(v(cells.fee)).toBeCloseTo(b.fee!, 9);
  expect(yuanOf(cells.cost)).toBe(fen(b.cost));
  expect(yuanOf(cells.revenue)).toBe(fen(b.revenue));
  expect(Number(v(cells.margin))).toBeCloseTo(b.margin!, 4);
  // Every cost line, matched by key and compound; the sheet may also hold a gardener the tool did
  // not hire (a change of greening.absorbed_below_m2 would), at 0.
  const keyOf = (l: { key: string; compoundId?: string | undefined }) => `${l.key}@${l.compoundId ?? ''}`;
  const extra = cells.lines.filter((l) => !b.lines.some((j) => keyOf(j) === keyOf(l)));
  expect(extra.map((l) => [keyOf(l), yuanOf(l.amount)])).toEqual(extra.map((l) => [keyOf(l), 0]));
  expect(extra.every((l) => l.key === 'staff.greening')).toBe(true);
  expect(cells.lines.length - extra.length).toBe(b.lines.length);
  for (const s of cells.staff.filter((r) => !b.staff.some((j) => j.role === r.role))) expect([s.role, v(s.fte)]).toEqual([s.role, 0]);
  for (const l of b.lines) {
    const ref = cells.lines.find((r) => r.key === l.key && r.compoundId === l.compoundId)!;
    expect([l.key, l.compoundId, yuanOf(ref.amount)]).toEqual([l.key, l.compoundId, fen(l.amount)]);
    // Every line is a formula (LINE_FORMULAS, or a post's cost).
    expect([l.key, l.compoundId, x.isFormula(ref.amount.sheet, ref.amount.address)]).toEqual([l.key, l.compoundId, true]);
  }
  for (const s of b.staff) {
    const ref = cells.staff.find((r) => r.role === s.role)!;
    // The headcount is a formula too, and the engagement follows it.
    expect([s.role, Number(v(ref.fte)), x.isFormula(ref.fte.sheet, ref.fte.address)]).toEqual([s.role, s.fte, true]);
    const engagement = engagements.get(s.role)!;
    expect([s.role, engagement, ENGAGEMENT[engagement].includes(String(v(ref.engagement)))]).toEqual([s.role, engagement, true]);
    expect(Number(v(ref.wage))).toBeCloseTo(s.wageMonthly, 6);
    expect(Number(v(ref.loaded))).toBeCloseTo(s.loadedMonthly, 6);
    expect([s.role, yuanOf(ref.amount)]).toEqual([s.role, fen(s.amount)]);
  }
  for (const c of b.costSheet) {
    const ref = cells.categories.find((r) => r.category === c.category)!;
    expect([c.category, yuanOf(ref.amount)]).toEqual([c.category, fen(c.amount)]);
  }
  expect(cells.quote.map((q) => q.item)).toEqual(b.quote.map((q) => q.item));
  for (const q of b.quote) {
    const ref = cells.quote.find((r) => r.item === q.item)!;
    expect([q.item, yuanOf(ref.amount)]).toEqual([q.item, fen(q.amount)]);
    expect(Number(v(ref.perM2Month))).toBeCloseTo(q.perM2Month, 4);
    expect(Number(v(ref.perHouseholdMonth))).toBeCloseTo(q.perHouseholdMonth, 4);
  }
}

describe('bid workbook: live formulas recalculated by a formula engine', () => {
  it('gives the tool figures to the fen for every line, lump-sum at a margin', async () => {
    const p = params();
    const { json, engagements, book, x } = await build([BIG, GREEN, JJY], p, 'lump-sum', { kind: 'margin', margin: 0.08 });
    expect(book.constantLines).toEqual([]);
    expect(json.bundle.lines.length).toBeGreaterThan(20);
    expectSame(x, book.cells, json, engagements);
  });

  it('caches in each formula cell the value the formula gives, so readers that do not recalculate (previews, pandas) see the figures', async () => {
    const { x } = await build([BIG, GREEN, JJY], params(), 'lump-sum', { kind: 'margin', margin: 0.08 });
    const wrong = x.formulas.flatMap((f) => {
      if (typeof f.cached !== 'number') return [];
      const v = Number(x.value(f.sheet, f.address));
      return Math.abs(v - f.cached) <= 1e-6 * Math.max(1, Math.abs(v)) ? [] : [`${f.sheet}!${f.address}: cached ${f.cached}, computes ${v}`];
    });
    expect(wrong).toEqual([]);
    // The cost sheet's per-m² and per-household columns and the staff on-costs are cached (a review
    // found them blank in readers that do not recalculate).
    const costSheet = x.sheets[0]!;
    const uncachedOnCostSheet = x.formulas.filter((f) => f.sheet === costSheet && f.cached === null).map((f) => f.address);
    // (exceljs does not keep a cached 0: a zero line reads back uncached)
    expect(uncachedOnCostSheet.filter((a) => /^[DEF]\d+$/.test(a) && Number(x.value(costSheet, a)) !== 0)).toEqual([]);
  });

  it('marks the parameters no formula reads, and changing one changes nothing', async () => {
    const { book, x } = await build([BIG, GREEN, JJY], params(), 'lump-sum', { kind: 'margin', margin: 0.08 });
    const inputs = book.cells.params.get('wages.manager')!.sheet;
    const noteOf = (key: string) => String(x.value(inputs, `D${book.cells.params.get(key)!.address.slice(1)}`));
    const marked = [...book.cells.params.keys()].filter((k) => /^(\(not used by this bid\)|（本报价未用）)/.test(noteOf(k)));
    expect(marked).toContain('uncertainty.wage_correlation');
    expect(marked.length).toBeGreaterThan(0);
    expect(marked).not.toContain('wages.manager');
    expect(marked).not.toContain('bid.margin');
    // None of the marked cells appears in any formula.
    const { fee } = book.cells;
    const before = Number(x.value(fee.sheet, fee.address));
    for (const key of marked) {
      const at = book.cells.params.get(key)!;
      x.set(at.sheet, at.address, 123456);
    }
    expect(Number(x.value(fee.sheet, fee.address))).toBe(before);
  });

  it('gives the tool figures under commission pricing, with travel between sites', async () => {
    const p = params();
    const { json, engagements, book, x } = await build([YYHY, JJY], p, 'commission', { kind: 'commission', rate: 0.1 }, 'en');
    expect(json.bundle.staff.some((s) => s.travel > 0)).toBe(true);
    expect(book.constantLines).toEqual([]);
    expectSame(x, book.cells, json, engagements);
  });

  it('steps the fee up past revenue roundings as the tool does (a small compound with other income)', async () => {
    // 47 m² collected at 60%: the linear fee, rounded up at 6 decimals, leaves net revenue a
    // fraction of a fen short of cost ÷ 94% (found by search); the fee is then stepped up.
    const small = compound({ id: 'S', area_m2: 47, households: 16, collection_rate: 0.6, other_income: 611.37 });
    const { json, engagements, book, x } = await build([small], params(), 'lump-sum', { kind: 'margin', margin: 0.06 });
    expectSame(x, book.cells, json, engagements);
    const fee0 = Number(x.value('收入测算', 'B4')); // the fee before the step
    expect(fee0).toBeLessThan(json.bundle.fee!);
  });

  it('recomputes the fee when a wage changes on the inputs sheet, as bid --params gives it', async () => {
    const { book, x } = await build([BIG, GREEN, JJY], params(), 'lump-sum', { kind: 'margin', margin: 0.08 });
    const before = Number(x.value(book.cells.fee.sheet, book.cells.fee.address));
    for (const [key, value, overlay] of [
      ['wages.cleaner', 4200, { wages: { cleaner: 4200 } }],
      // Below the minimum wage (2,740 from 2025-07-01), which is paid instead.
      ['wages.guard', 2000, { wages: { guard: 2000 } }],
    ] as const) {
      const at = book.cells.params.get(key)!;
      x.set(at.sheet, at.address, value);
      const again = await build([BIG, GREEN, JJY], params(overlay), 'lump-sum', { kind: 'margin', margin: 0.08 });
      // The layout does not depend on the values: the same cells hold the same figures.
      expect(again.book.cells.lines).toEqual(book.cells.lines);
      expectSame(x, book.cells, again.json, again.engagements);
      const original = params().values[key]!;
      x.set(at.sheet, at.address, original);
    }
    // Cleaners at 4,200 instead of 3,500 cost more: the fee goes up.
    const c = book.cells.params.get('wages.cleaner')!;
    x.set(c.sheet, c.address, 4200);
    expect(Number(x.value(book.cells.fee.sheet, book.cells.fee.address))).toBeGreaterThan(before);
  });

  it("gives the tool's figures for the fixture's bids: each compound alone and bundled, in English and Chinese", async () => {
    const { compounds } = await readCompounds('fixtures/case-study.csv');
    const byId = new Map(compounds.map((c) => [c.id, c]));
    const p = params();
    const bids: [string[], 'en' | 'zh'][] = [
      ...compounds.map((c, i): [string[], 'en' | 'zh'] => [[c.id], i % 2 ? 'en' : 'zh']),
      [['YYHY', 'JJY', 'A13'], 'en'],
      [['YYHY', 'JJY', 'A13'], 'zh'],
      [compounds.map((c) => c.id), 'zh'],
    ];
    for (const [ids, lang] of bids) {
      const { json, engagements, book, x } = await build(ids.map((id) => byId.get(id)!), p, 'lump-sum', { kind: 'margin', margin: 0.06 }, lang);
      expect([ids, book.constantLines]).toEqual([ids, []]);
      expectSame(x, book.cells, json, engagements);
    }
  });

  it('recomputes headcounts, engagements, lines and the fee when a wage, a norm, the minimum wage, a step, a job price or the overhead changes, as bid --params does', async () => {
    const { compounds } = await readCompounds('fixtures/case-study.csv');
    const members = ['YYHY', 'JJY', 'A13'].map((id) => compounds.find((c) => c.id === id)!);
    const margin: BidTarget = { kind: 'margin', margin: 0.06 };
    const { json, engagements: engagements0, book, x } = await build(members, params(), 'lump-sum', margin, 'zh');
    const base = params();
    const staffOf = (j: Json) => new Map(j.bundle.staff.map((s) => [s.role, s.fte]));
    const changes: { why: string; set: Record<string, number>; expect: (changed: ReturnType<typeof priced>) => void }[] = [
      {
        why: 'a wage: cleaners at 4,300 (the fee goes up)',
        set: { 'wages.cleaner': 4300 },
        expect: (c) => expect(c.json.bundle.fee!).toBeGreaterThan(json.bundle.fee!),
      },
      {
        // YYHY's 600 m² of green at 0.5 (standard): 600 ÷ 4,000 × 0.5 = 0.075 FTE → the minimum 0.1, bought by
        // the hour; at 500 m² a gardener, 600 ÷ 500 × 0.5 = 0.6 FTE ≥ 0.5: hired full-time.
        why: 'a norm: a gardener per 500 m² of green, which makes the gardener a full-time post',
        set: { 'norms.greening_m2_per_fte': 500 },
        expect: (c) => {
          expect(staffOf(json).get('greening')).toBe(0.1);
          expect(staffOf(c.json).get('greening')).toBe(0.6);
          expect([engagements0.get('greening'), c.engagements.get('greening')]).toEqual(['hourly', 'full_time']);
        },
      },
      {
        why: 'a norm: a cleaner per 100 households instead of 140 (more cleaners, across hiring steps)',
        set: { 'norms.cleaner_households_per_fte': 100 },
        expect: (c) => expect(staffOf(c.json).get('cleaner')).toBeGreaterThan(staffOf(json).get('cleaner')!),
      },
      {
        why: 'the minimum wage: 3,800 a month, above the cleaners’ wage (it raises the legal gross of every insured post)',
        set: { 'wages.minimum_monthly': 3800 },
        expect: (c) => expect(c.json.bundle.staff.find((s) => s.role === 'cleaner')!.wageMonthly).toBe(3800),
      },
      {
        why: 'the social insurance floor below the minimum wage: the legal gross is solved on another piece',
        set: { 'oncosts.base_floor': 2000 },
        expect: (c) => expect(c.json.bundle.cost).not.toBe(json.bundle.cost),
      },
      {
        why: 'the hiring step: 0.2 FTE instead of 0.05 (every headcount rounds up further)',
        set: { 'staffing.hiring_step_fte': 0.2 },
        expect: (c) => expect([...staffOf(c.json)].filter(([role, fte]) => fte !== staffOf(json).get(role)).length).toBeGreaterThan(1),
      },
      {
        why: 'the part-time limit: posts below 1 FTE by the hour',
        set: { 'staffing.part_time_max_fte': 1 },
        expect: (c) => expect([...c.engagements.values()].filter((e) => e === 'hourly').length).toBeGreaterThan([...engagements0.values()].filter((e) => e === 'hourly').length),
      },
      {
        why: 'job prices: pest control at 0.5 yuan/m² a year (above the minimum charge), dredging at 800 a trip',
        set: { 'jobs.pest_control_per_m2_year': 0.5, 'jobs.dredging_per_trip': 800, 'jobs.fire_inspection_per_site': 1500 },
        expect: (c) => expect(c.json.bundle.lines.find((l) => l.key === 'cleaning.pest_control')!.amount).not.toBe(json.bundle.lines.find((l) => l.key === 'cleaning.pest_control')!.amount),
      },
      {
        why: 'the overhead: by fees receivable, 6% of the fees billed at the quoted fee',
        set: { 'overhead.by_fees_receivable': 1, 'overhead.rate_of_fees_receivable': 0.06 },
        expect: (c) => expect(c.json.bundle.overhead).not.toBe(json.bundle.overhead),
      },
      {
        why: 'the minimum hourly wage: 30 yuan (the gardener bought by the hour costs more)',
        set: { 'wages.minimum_hourly': 30 },
        expect: (c) => expect(c.json.bundle.staff.find((s) => s.role === 'greening')!.amount).not.toBe(json.bundle.staff.find((s) => s.role === 'greening')!.amount),
      },
    ];
    for (const change of changes) {
      const changed = priced(members, params(overlayOf(change.set)), 'lump-sum', margin);
      change.expect(changed);
      // The layout does not depend on the values: the same cells hold the same figures.
      expect(changed.book.cells.lines).toEqual(book.cells.lines);
      for (const [key, value] of Object.entries(change.set)) {
        const at = book.cells.params.get(key)!;
        x.set(at.sheet, at.address, value);
      }
      try {
        expectSame(x, book.cells, changed.json, changed.engagements);
      } catch (e) {
        throw new Error(`${change.why}: ${(e as Error).message}`);
      }
      for (const key of Object.keys(change.set)) {
        const at = book.cells.params.get(key)!;
        x.set(at.sheet, at.address, base.values[key]!);
      }
    }
    // Every input back: the tool's own figures again.
    expectSame(x, book.cells, json, engagements0);
  });

  it('hires a gardener when a lower threshold gives a compound grounds, as the tool does', async () => {
    // A15 has 40 m² of green, below greening.absorbed_below_m2 = 200: the cleaners tend it, no
    // gardener (the sheet holds the post at 0). At a threshold of 30 it has grounds: 40 ÷ 4,000 ×
    // 0.25 (basic) = 0.0025 FTE of gardener → the minimum 0.1, by the hour.
    const { compounds } = await readCompounds('fixtures/case-study.csv');
    const a15 = [compounds.find((c) => c.id === 'A15')!];
    const target: BidTarget = { kind: 'margin', margin: 0.06 };
    const { json, engagements, book, x } = await build(a15, params(), 'lump-sum', target, 'en');
    expect(json.bundle.staff.map((s) => s.role)).not.toContain('greening');
    expectSame(x, book.cells, json, engagements);
    const changed = priced(a15, params({ greening: { absorbed_below_m2: 30 } }), 'lump-sum', target, 'en');
    expect(changed.json.bundle.staff.find((s) => s.role === 'greening')!.fte).toBe(0.1);
    expect(changed.book.cells.lines).toEqual(book.cells.lines);
    const at = book.cells.params.get('greening.absorbed_below_m2')!;
    x.set(at.sheet, at.address, 30);
    expectSame(x, book.cells, changed.json, changed.engagements);
  });
});
