import { describe, expect, it } from 'vitest';
import { evaluateArrangement } from '../../src/arrangements/evaluate-scenario.js';
import { evaluateUnit } from '../../src/model/evaluate-unit.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { avoidableCost } from '../../src/model/avoidable.js';
import { coefficients } from '../helpers/params.js';
import { JJY, YYHY } from '../helpers/compounds.js';
import type { AllocationMethod } from '../../src/arrangements/allocation.js';

const k = coefficients('2025-07-01');

describe('calibration target 1: 京剧院小区 cannot break even alone', () => {
  it.each([0.45, 1.0])('is not viable alone at %s yuan/m²/month', (fee) => {
    const e = evaluateCompound({ ...JJY, fee_rate: fee }, k);
    expect(e.viable).toBe(false);
    // Its break-even fee is far above any fee its residents could pay (the article: not even 1 yuan).
    expect(e.breakEvenFee!).toBeGreaterThan(5);
  });
  it('is not viable alone at standard service and the attached fee either', () => {
    const e = evaluateCompound({ ...JJY, fee_rate: 1.49, service_level: 'standard' }, k);
    expect(e.viable).toBe(false);
  });
});

describe('calibration target 2: 京剧院小区 attached to 岳阳花苑 at 1.49 (+230%)', () => {
  // The scenario of the article: fee ×3.3 (0.45 → 1.49), standard service from the host's team,
  // and the residents, whose committee asked for it and signed, pay (collection 90%, an estimate).
  const guest = { ...JJY, fee_rate: 1.49, service_level: 'standard' as const, collection_rate: 0.9 };
  const methods: AllocationMethod[] = ['area', 'households', 'shapley', 'scrb'];

  it("the guest's avoidable cost is below its own net revenue; the stepped increment is shown beside it", () => {
    const host = evaluateUnit([YYHY], k);
    const unit = evaluateUnit([YYHY, guest], k);
    const avoidable = avoidableCost(unit, host, k).amount;
    const guestNet = unit.members[1]!.serviceNet;
    expect(avoidable).toBeGreaterThan(0);
    // The firm gains on the guest (有人管、有钱赚): what it would avoid without it is less than it brings.
    expect(avoidable).toBeLessThan(guestNet);
    // The difference of the rounded totals is larger: taking the guest pushes the cleaners and the
    // guards over a hiring step (the step risk a planner reads beside it).
    expect(unit.cost - host.cost).toBeGreaterThan(avoidable);
    // The host alone does not break even with a daytime gate post at legal hours (issue 13's finding).
    expect(host.viable).toBe(false);
  });

  it.each(methods)("the host's %s share is no higher than its standalone cost", (method) => {
    const r = evaluateArrangement([YYHY, JJY], { units: [{ kind: 'attached', host: 'YYHY', guests: ['JJY'] }], changes: new Map([['JJY', guest]]), allocation: method, seed: 1 }, k);
    const unit = r.units[0]!;
    const host = unit.shares.find((s) => s.id === 'YYHY')!;
    expect(host.cost).toBeLessThanOrEqual(host.standaloneCost);
    expect(unit.shares.reduce((s, x) => s + x.cost, 0)).toBe(unit.evaluation.cost);
    expect(r.subsidySaved).toBeGreaterThan(0);
  });

  it('at the default after-sale collection rate (60%) the arrangement is on a knife edge, and the firm does not gain', () => {
    // Reported, not hidden: the guest's net revenue then falls just short of its avoidable cost.
    const atDefault = { ...guest, collection_rate: null };
    const host = evaluateUnit([YYHY], k);
    const unit = evaluateUnit([YYHY, atDefault], k);
    const ratio = unit.members[1]!.serviceNet / avoidableCost(unit, host, k).amount;
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1);
  });
});

// Targets 3–5 (a typical compound near break-even, a large one at an industry margin, labour
// 60–75% of cost) are pinned, NOT met, in test/cases/calibration.yaml with their figures.
