import { describe, expect, it } from 'vitest';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import type { TraceTerm } from '../../src/core/trace-term.js';
import { labelKeys, labelTemplate, wordTerms } from '../../src/present/labels/index.js';
import { coefficients } from '../helpers/params.js';
import { JJY, compound } from '../helpers/compounds.js';

/*
 * The model's formulas are trace terms (issue 12 item 5); the presentation words them. Figures by
 * hand from src/params/data/shanghai.yaml on 2025-07-01 (see test/model/evaluate-by-hand.test.ts):
 *
 * 京剧院小区: 813 m², 16 households, basic service, no gate, no green, built 1984 (41 years old).
 *   manager need  max(16 households ÷ 300, 813 m² ÷ 30000) = 0.0533
 *   cleaners      need 813/11000 × 0.5 = 0.036955 + garbage duty 0.319375 = 0.35633 → 0.40 FTE,
 *                 below 0.5 FTE so by the hour: 0.40 × 2000 h × 25.10 yuan/h = 20080.00
 *   garbage duty  ⌈16 ÷ 400⌉ = 1 point × 3.5 h/day × 0.5 staffed × 365 days ÷ 2000 h = 0.319375
 *   minor repairs 813 × 0.03 × (1 + 0.02 × 41) × 12 = 532.68
 *   pest control  max(1200, 813 × 0.15 = 121.95) = 1200, one contract for the unit
 *   depreciation  8000 × (1 − 0.05) ÷ 5 = 1520
 *
 * A high-rise of 18 storeys, 20000 m², 200 households, full service, 100 m² of green (below the
 * 200 m² a gardener tends, so the cleaners tend it): fire systems 20000 × 1 yuan/m²/year = 20000;
 * cleaners' need 20000 ÷ 11000 × 1 + 100 ÷ 4000 × 1 = 1.843182 (+ garbage duty).
 */
const k = coefficients('2025-07-01');
const jjy = evaluateCompound(JJY, k, { trace: true });
const tower = evaluateCompound(
  compound({ id: 'T', area_m2: 20000, households: 200, service_level: 'full', floors: 18, elevators: 4, green_area_m2: 100 }),
  k,
  { trace: true },
);
const termsOf = (e: typeof jjy, key: string): TraceTerm[] => e.lines.find((l) => l.key === key)!.terms!;
const needOf = (e: typeof jjy, role: string, compoundId: string): TraceTerm[] =>
  e.staff.find((s) => s.role === role)!.needs!.find((n) => n.compoundId === compoundId)!.terms!;

describe('the cost model’s formulas as trace terms, worded in either language', () => {
  it('words a staff need', () => {
    const terms = needOf(jjy, 'manager', 'JJY');
    expect(wordTerms('en', terms)).toBe('max(16 households ÷ 300, 813 m² ÷ 30000)');
    expect(wordTerms('zh', terms)).toBe('max(16 户 ÷ 300, 813 ㎡ ÷ 30000)');
    const duty = needOf(jjy, 'cleaner', '');
    expect(wordTerms('en', duty)).toBe('garbage-sorting duty: ⌈16 households ÷ 400⌉ = 1 point(s) × 3.5 h/day × 0.5 staffed × 365 days ÷ 2000 h');
    expect(wordTerms('zh', duty)).toBe('垃圾分类值守：⌈16 户 ÷ 400⌉ = 1 个投放点 × 3.5 小时/天 × 0.5 值守比例 × 365 天 ÷ 2000 小时');
  });

  it('words an hourly engagement with its numbers', () => {
    const terms = termsOf(jjy, 'staff.cleaner');
    expect(wordTerms('en', terms)).toBe(
      '0.4 FTE [max(0.1, ⌈0.35633 need + 0 travel⌉ to 0.05)] × 2000 h × 25.1 yuan/hour (part-time hourly, below 0.5 FTE: max(25, wage ÷ hours) × (1 + 0.004 work injury))',
    );
    expect(wordTerms('zh', terms)).toBe(
      '0.4 人 [max(0.1, ⌈0.35633 需求 + 0 往返⌉ 按步长 0.05)] × 2000 小时 × 25.1 元/小时 (非全日制小时工，低于 0.5 人：max(25, 工资 ÷ 工时) × (1 + 0.004 工伤保险))',
    );
    // The worded figures give the amount: 0.4 × 2000 × 25.1 = 20080.00 yuan.
    expect(jjy.lines.find((l) => l.key === 'staff.cleaner')!.amount).toBe(2008000);
  });

  it('words per-compound and per-unit lines', () => {
    expect(wordTerms('en', termsOf(jjy, 'common.minor_repairs'))).toBe('813 m² × 0.03 × (1 + 0.02 × 41 years) yuan/m²/month × 12');
    expect(wordTerms('zh', termsOf(jjy, 'common.minor_repairs'))).toBe('813 ㎡ × 0.03 × (1 + 0.02 × 41 年) 元/㎡·月 × 12');
    expect(wordTerms('en', termsOf(jjy, 'cleaning.pest_control'))).toBe('max(1200 yuan minimum, 813 m² × 0.15 yuan/m²/year), one contract for the unit');
    expect(wordTerms('zh', termsOf(jjy, 'cleaning.pest_control'))).toBe('max(1200 元起, 813 ㎡ × 0.15 元/㎡·年)，单元一份合同');
    expect(wordTerms('zh', termsOf(jjy, 'depreciation'))).toBe('设备原值 × (1 − 残值率) ÷ 使用年限 = 1520 元/年，每个管理单元一份');
    expect(wordTerms('en', termsOf(tower, 'common.fire_systems'))).toBe('20000 m² × 1 yuan/m²/year (high-rise: 18 storeys ≥ 10)');
    expect(wordTerms('zh', termsOf(tower, 'common.fire_systems'))).toBe('20000 ㎡ × 1 元/㎡·年 (高层：18 层 ≥ 10)');
  });

  it('words the service level and a small green the cleaners tend', () => {
    const terms = needOf(tower, 'cleaner', 'T');
    expect(wordTerms('en', terms)).toBe('20000 m² ÷ 11000 (no grounds: area norm) × 1 (full cleaning) + 100 m² small green ÷ 4000 × 1 (tended by cleaners)');
    expect(wordTerms('zh', terms)).toBe('20000 ㎡ ÷ 11000 (无室外场地：按面积定额) × 1 (全面保洁) + 100 ㎡小块绿地 ÷ 4000 × 1 (由保洁员养护)');
    // 20000 ÷ 11000 + 100 ÷ 4000 = 1.818182 + 0.025 = 1.843182
    expect(tower.staff.find((s) => s.role === 'cleaner')!.needs!.find((n) => n.compoundId === 'T')!.fte).toBeCloseTo(1.843182, 6);
  });

  it('words how the owners’ common-parts income pays for the service, and what is left to them', () => {
    // 813 m² at 0.45 with 500,000 yuan of common-parts income (commodity housing: 90 % collected):
    //   fees 0.45 × 813 × 12 × 0.9 = 3951.18; τ = 0.06/1.06 × 1.12 = 0.0633962
    //   owners' income net 500000 − 500000 × τ = 500000 − 31698.11 = 468301.89
    //   service revenue: net revenue (503951.18 − 31948.60 = 472002.58) − 468301.89 = 3700.69
    //   cost: JJY's 80812.62 with minor repairs for a building of 1990 (35 years old on 2025-07-01)
    //   instead of 1984 (41): 813 × 0.03 × 12 × 0.02 × 6 = 35.12 less → 80777.50; so the owners
    //   contribute 80777.50 − 3700.69 = 77076.81 and keep 468301.89 − 77076.81 = 391225.08.
    const e = evaluateCompound({ ...JJY, id: 'OI', housing_type: 'commodity', built_year: 1990, other_income: 500000 }, k, { trace: true });
    expect(e.cost).toBe(8077750);
    expect(wordTerms('en', e.revenueTerms!)).toBe(
      "service revenue 3700.69 + owners' contribution 77076.81; owners' contribution = max(0, min(owners' income 468301.89, cost 80777.50 − service revenue)); left to the owners 391225.08",
    );
    expect(wordTerms('zh', e.revenueTerms!)).toBe(
      '服务收入净额 3700.69 + 业主收益补足 77076.81；业主收益补足 = max(0, min(业主共有部分收益净额 468301.89, 成本 80777.50 − 服务收入净额))；留归业主 391225.08',
    );
    expect(evaluateCompound(JJY, k, { trace: true }).revenueTerms).toBeUndefined();
  });

  it('leaves no English word in the Chinese units and quantities, nor in any formula of the model', () => {
    for (const key of labelKeys().filter((x) => x.startsWith('unit.') || x.startsWith('term.'))) {
      expect(labelTemplate('zh', key), key).not.toMatch(/[A-Za-z]{3,}/);
    }
    for (const e of [jjy, tower]) {
      const all = [...e.lines.map((l) => l.terms!), ...e.staff.flatMap((s) => s.needs!.map((n) => n.terms!))];
      for (const terms of all) expect(wordTerms('zh', terms).replace(/max/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});
