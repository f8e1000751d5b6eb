import { describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import { readDefaultTree, resolveOrThrow } from '../../src/io/read-params.js';
import { computeCoefficients } from '../../src/model/coefficients.js';
import { applyOverlay, type ResolvedParams } from '../../src/params/tree.js';
import { bidWorkbook, type BidWorkbook } from '../../src/present/bid-workbook.js';
import { writeXlsx } from '../../src/render/xlsx.js';
import { bidJson } from '../../src/present/bid.js';
import { priceBid, type BidTarget, type Pricing } from '../../src/analyses/bid.js';
import { compound, JJY } from '../helpers/compounds.js';
import { recalc, type Recalculated } from '../helpers/recalc.js';

/**
 * The cost sheet of `bid --format xlsx` is live formulas. Recalculated by a formula engine
 * (HyperFormula) with the cached values thrown away, it must give the tool's own figures, to the
 * fen, for every line; and with a wage (or a norm) changed on the inputs sheet, the figures the
 * tool gives with that parameter overlaid (what `bid --params` does).
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
const fen = (yuan: string) => Math.round(Number(yuan) * 100);

async function build(members: Compound[], p: ResolvedParams, pricing: Pricing, target: BidTarget, lang: 'en' | 'zh' = 'zh') {
  const k = computeCoefficients(p);
  const result = priceBid(members, k, pricing, target);
  const book = bidWorkbook({ result, members, params: p, k, lang });
  return { json: bidJson(result, { asOf: p.asOf, digest: p.digest, overlays: [] }), book, x: await recalc(await writeXlsx(book)) };
}

/** The recalculated workbook against the tool's JSON: every figure, to the fen (ratios to 4–6 decimals). */
function expectSame(x: Recalculated, cells: BidWorkbook['cells'], json: Json): void {
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
  // Every cost line, matched by key and compound.
  expect(cells.lines.map((l) => `${l.key}@${l.compoundId ?? ''}`).sort()).toEqual(b.lines.map((l) => `${l.key}@${l.compoundId ?? ''}`).sort());
  for (const l of b.lines) {
    const ref = cells.lines.find((r) => r.key === l.key && r.compoundId === l.compoundId)!;
    expect([l.key, l.compoundId, yuanOf(ref.amount)]).toEqual([l.key, l.compoundId, fen(l.amount)]);
    // Every post's cost is live; other lines are formulas where LINE_FORMULAS describes them.
    if (l.key.startsWith('staff.')) expect(x.isFormula(ref.amount.sheet, ref.amount.address)).toBe(true);
  }
  for (const s of b.staff) {
    const ref = cells.staff.find((r) => r.role === s.role)!;
    expect([s.role, Number(v(ref.fte))]).toEqual([s.role, s.fte]);
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
    const { json, book, x } = await build([BIG, GREEN, JJY], p, 'lump-sum', { kind: 'margin', margin: 0.08 });
    expect(book.constantLines.filter((key) => key.startsWith('staff.'))).toEqual([]);
    expect(json.bundle.lines.length).toBeGreaterThan(20);
    expectSame(x, book.cells, json);
  });

  it('gives the tool figures under commission pricing, with travel between sites', async () => {
    const p = params();
    const { json, book, x } = await build([YYHY, JJY], p, 'commission', { kind: 'commission', rate: 0.1 }, 'en');
    expect(json.bundle.staff.some((s) => s.travel > 0)).toBe(true);
    expect(book.constantLines.filter((key) => key.startsWith('staff.'))).toEqual([]);
    expectSame(x, book.cells, json);
  });

  it('steps the fee up past revenue roundings as the tool does (a small compound with other income)', async () => {
    // 47 m² collected at 60%: the linear fee, rounded up at 6 decimals, leaves net revenue a
    // fraction of a fen short of cost ÷ 94% (found by search); the fee is then stepped up.
    const small = compound({ id: 'S', area_m2: 47, households: 16, collection_rate: 0.6, other_income: 611.37 });
    const { json, book, x } = await build([small], params(), 'lump-sum', { kind: 'margin', margin: 0.06 });
    expectSame(x, book.cells, json);
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
      expectSame(x, book.cells, again.json);
      const original = params().values[key]!;
      x.set(at.sheet, at.address, original);
    }
    // Cleaners at 4,200 instead of 3,500 cost more: the fee goes up.
    const c = book.cells.params.get('wages.cleaner')!;
    x.set(c.sheet, c.address, 4200);
    expect(Number(x.value(book.cells.fee.sheet, book.cells.fee.address))).toBeGreaterThan(before);
  });
});
