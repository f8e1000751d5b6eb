import { beforeAll, describe, expect, it } from 'vitest';
import type { Compound } from '../../src/core/compound.js';
import { evaluateUnit } from '../../src/model/evaluate-unit.js';
import { feeJson } from '../../src/present/common.js';
import { priceBid, type Pricing } from '../../src/analyses/bid.js';
import { feeForNet } from '../../src/model/break-even.js';
import { coefficients } from '../helpers/params.js';
import { JJY, compound } from '../helpers/compounds.js';
import { caseStudy } from './case-study.js';

const k = coefficients('2025-07-01');
let all: Compound[];
const pick = (...ids: string[]) => ids.map((id) => all.find((c) => c.id === id)!);
beforeAll(async () => {
  all = await caseStudy();
});

/** The margin a unit earns when every member is charged `fee`. */
const marginAt = (members: Compound[], fee: number) => evaluateUnit(members.map((c) => ({ ...c, fee_rate: fee })), k).margin!;

describe('the quoted fee, fed back, gives the margin asked for', () => {
  const margins = [0, 0.06, 0.1, -0.05];
  const pricings: Pricing[] = ['lump-sum', 'commission'];
  for (const pricing of pricings) {
    for (const m of margins) {
      it(`${pricing} at ${m * 100}%: the bundle and each compound alone`, () => {
        const members = pick('A12', 'A13', 'A17', 'JJY');
        const r = priceBid(members, k, pricing, { kind: 'margin', margin: m });
        // The fee as JSON prints it, charged to every member.
        const got = marginAt(members, feeJson(r.bundle.fee)!);
        expect(Math.abs(got - m)).toBeLessThan(0.001);
        expect(r.bundle.margin).toBeCloseTo(got, 12);
        for (const s of r.separate) {
          const alone = marginAt(pick(s.memberIds[0]!), feeJson(s.fee)!);
          expect(Math.abs(alone - m)).toBeLessThan(0.001);
        }
      });
    }
  }

  it('quotes the same fee under both pricings at the same margin', () => {
    const members = pick('YYHY', 'JJY');
    const a = priceBid(members, k, 'lump-sum', { kind: 'margin', margin: 0.06 });
    const b = priceBid(members, k, 'commission', { kind: 'margin', margin: 0.06 });
    expect(b.bundle.fee).toBe(a.bundle.fee);
  });
});

/*
 * 京剧院小区 alone, lump-sum at 7 %: cost 80812.62 (worked out in test/model/evaluate-by-hand.test.ts)
 * needs net revenue 80812.62 ÷ 0.93 = 86895.2903; each yuan of fee nets 813 × 12 × 0.6 ×
 * (1 − 0.0633962) = 5482.5038 a year, so the fee is 86895.2903 ÷ 5482.5038 = 15.84956303…,
 * quoted rounded up to 6 decimals: 15.849564.
 */
describe('by hand', () => {
  it('prices 京剧院小区 alone at 7 %', () => {
    const r = priceBid([JJY], k, 'lump-sum', { kind: 'margin', margin: 0.07 });
    expect(r.bundle.cost).toBe(8081262);
    expect(r.bundle.fee).toBe(15.849564);
    expect(r.bundle.margin!).toBeGreaterThanOrEqual(0.07);
  });

  /*
   * Commission at 8 % of expenditure for the same compound: the overhead (by area, 813 m² × 1) is
   * 813.00 of the 80812.62, so the expenditure E = 79999.62 and the commission 0.08 × E = 6399.97;
   * the owners must net E + commission = 86399.59. The firm's profit is 6399.97 − 813.00 = 5586.97,
   * a margin of 5586.97 ÷ 86399.59 = 6.47 %.
   */
  it('prices 京剧院小区 alone at a commission of 8 % of expenditure', () => {
    const r = priceBid([JJY], k, 'commission', { kind: 'commission', rate: 0.08 });
    const u = r.bundle;
    expect(u.overhead).toBe(81300);
    expect(u.expenditure).toBe(7999962);
    // Net revenue at the quoted fee reaches the target 86399.5896 (whole fen: 8639959), and the
    // fee is rounded up by no more than a few fen of revenue; the commission is what is over E.
    expect(u.revenue).toBeGreaterThanOrEqual(8639959);
    expect(u.revenue).toBeLessThanOrEqual(8639959 + 3);
    expect(u.commission).toBe(u.revenue - 7999962);
    expect(u.commissionRate).toBeCloseTo(0.08, 6);
    expect(u.margin).toBeCloseTo(5586.97 / 86399.59, 5);
  });
});

describe('the cost sheet and the quote add up', () => {
  for (const pricing of ['lump-sum', 'commission'] as const) {
    it(`${pricing}: categories to the cost, quote lines to the billed fees`, () => {
      const members = pick('A12', 'A13', 'A17');
      const r = priceBid(members, k, pricing, { kind: 'margin', margin: 0.06 });
      const u = r.bundle;
      expect(u.costSheet.map((l) => l.category)).toEqual([
        'staff',
        'common_parts',
        'cleaning',
        'greening',
        'security',
        'office',
        'depreciation',
        'insurance',
        'other',
        'overhead',
      ]);
      expect(u.costSheet.reduce((s, l) => s + l.amount, 0)).toBe(u.cost);
      const area = 620 + 905 + 1150;
      for (const l of u.costSheet) expect(l.perM2Month).toBeCloseTo(l.amount / 100 / (area * 12), 12);
      const billed = u.quote.at(-1)!;
      expect(billed.item).toBe('billed');
      expect(u.quote.slice(0, -1).reduce((s, l) => s + l.amount, 0)).toBe(billed.amount);
      // Billed fees per m² per month are the fee itself, to the rounding of each member's bill.
      expect(Math.abs(billed.perM2Month - u.fee!)).toBeLessThan(1e-5);
      if (pricing === 'lump-sum') expect(u.quote.map((l) => l.item)).toEqual(['cost', 'taxes', 'profit', 'owners_surplus', 'other_income', 'subsidy', 'uncollected', 'billed']);
      else expect(u.quote.map((l) => l.item)).toEqual(['expenditure', 'commission', 'taxes', 'owners_surplus', 'other_income', 'subsidy', 'uncollected', 'billed']);
    });
  }

  it('subtracts other income (here 1,200 a year)', () => {
    const r = priceBid([{ ...pick('A17')[0]!, other_income: 1200 }], k, 'lump-sum', { kind: 'margin', margin: 0.06 });
    expect(r.bundle.quote.find((l) => l.item === 'other_income')!.amount).toBe(-120000);
    // The owners' income (1,200 less its taxes 1,200 × 0.0633962 = 76.08) funds the service up to
    // its cost, never the margin: at a 6 % margin the fees cover everything, and all 1,123.92 stays theirs.
    expect(r.bundle.quote.find((l) => l.item === 'owners_surplus')!.amount).toBe(112392);
    expect(r.bundle.margin!).toBeGreaterThanOrEqual(0.06);
    expect(r.bundle.margin!).toBeLessThan(0.0601);
  });
});

describe('the saving of bundling', () => {
  it('three lane neighbours together cost less and need a lower fee than each alone', () => {
    const r = priceBid(pick('A12', 'A13', 'A17'), k, 'lump-sum', { kind: 'margin', margin: 0.06 });
    const sum = r.separate.reduce((s, u) => s + u.cost, 0);
    expect(r.separateTotal.cost).toBe(sum);
    expect(r.saving.cost).toBe(sum - r.bundle.cost);
    expect(r.saving.cost).toBeGreaterThan(0);
    expect(r.separateTotal.fee!).toBeGreaterThan(r.bundle.fee!);
    // Each alone, the fee is that compound's own; separately the three would need in all the
    // net revenue of their three targets, which the bundle's members' uniform fee also states.
    for (const s of r.separate) expect(s.fee!).toBeGreaterThan(r.bundle.fee!);
  });
});

describe('edge cases', () => {
  it('a fee of 0 when other income already covers the target, null when nothing is collected', () => {
    const rich = compound({ id: 'R', other_income: 1_000_000 });
    expect(feeForNet([rich], k, 100_000)).toBe(0);
    const none = compound({ id: 'N', collection_rate: 0 });
    expect(feeForNet([none], k, 100_000)).toBeNull();
    const r = priceBid([none], k, 'lump-sum', { kind: 'margin', margin: 0.05 });
    expect(r.bundle.fee).toBeNull();
  });
  it('refuses a margin of 100 % and a commission rate under lump-sum pricing', () => {
    expect(() => priceBid([JJY], k, 'lump-sum', { kind: 'margin', margin: 1 })).toThrow(/--margin/);
    expect(() => priceBid([JJY], k, 'lump-sum', { kind: 'commission', rate: 0.08 })).toThrow(/commission only/);
  });
});
