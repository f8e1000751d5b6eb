import type { Compound } from '../core/compound.js';
import type { Coefficients } from '../model/coefficients.js';
import { evaluateCompound } from '../model/evaluate-compound.js';
import { evaluateUnit } from '../model/evaluate-unit.js';
import { breakEvenFee } from '../model/break-even.js';
import { avoidableCost } from '../model/avoidable.js';
import { evaluateArrangement, type ScenarioResult } from '../arrangements/evaluate-scenario.js';
import { ALLOCATION_METHODS, type AllocationMethod } from '../arrangements/allocation.js';
import type { UnitSpec } from '../arrangements/units.js';
import type { ResolvedParams } from '../params/tree.js';
import { drawModel, runDraws } from './uncertainty.js';
import { gainTornado } from './sensitivity.js';

/**
 * `demo`: the article's case told in numbers. 京剧院小区 alone (at its old fee, at the 1 yuan firms
 * were asked about, at the attached fee), then attached to 岳阳花苑 at 1.49 (+230%), then the
 * micro compounds of the lane clustered under one team.
 */
export interface DemoInput {
  guest: Compound;
  host: Compound;
  /** The guest as attached: fee 1.49, standard service, collection as the scenario says. */
  guestAttached: Compound;
  /** Micro compounds for the cluster story. */
  clusterMembers: Compound[];
}

export interface DemoResult {
  alone: { fee: number; serviceLevel: string; revenue: number; cost: number; profit: number; viable: boolean; breakEvenFee: number | null }[];
  aloneTopLines: { key: string; amount: number }[];
  attached: {
    hostAloneProfit: number;
    /** The host's own break-even fee alone, yuan/m²/month. */
    hostBreakEvenFee: number | null;
    unitProfit: number;
    unitViable: boolean;
    /** What the firm would avoid without the guest (spare capacity, per-site add-ons, no overhead). */
    guestIncrementalCost: number;
    /** The difference of the rounded unit totals: the step risk. */
    guestSteppedIncrementalCost: number;
    guestNetRevenue: number;
    /** The avoidable cost at the default after-sale collection rate is the same; does the firm still gain? */
    gainsAtDefaultCollection: boolean;
    guestNetRevenueAtDefaultCollection: number;
    shares: { method: AllocationMethod; host: number; hostAlone: number; guest: number; guestAlone: number }[];
    /** How sure the host firm is to gain by serving the guest, at two collection rates (issue 14). */
    odds?: GainOdds[];
  };
  cluster: ScenarioResult;
  clusterSpec: UnitSpec;
}

/** The share of draws in which the host firm gains by serving the guest, and the parameter that moves that gain most. */
export interface GainOdds {
  collection: number;
  draws: number;
  seed: number;
  pGains: number;
  /** The gain at the values in force (guest's net revenue − its avoidable cost), fen. */
  gain: number;
  decidedBy: { key: string; low: number; high: number; gainLow: number; gainHigh: number; flips: boolean } | null;
}

/** The odds at each collection rate: draws of the unit host + guest, and the tornado of the guest's gain. */
export function gainOdds(d: DemoInput, params: ResolvedParams, collections: readonly number[], draws: number, seed: number): GainOdds[] {
  const m = drawModel(params);
  return collections.map((collection) => {
    const members = [d.host, { ...d.guestAttached, collection_rate: collection }];
    const r = runDraws(m, [{ kind: 'unit', id: 'attached', members }], seed, draws);
    const t = gainTornado(m, members, 1);
    const top = t.rows[0];
    return {
      collection,
      draws,
      seed,
      pGains: r.targets[0]!.pGains![1]!,
      gain: t.base,
      decidedBy: top ? { key: top.key, low: top.low, high: top.high, gainLow: top.valueLow!, gainHigh: top.valueHigh!, flips: top.flipsVerdict } : null,
    };
  });
}

export function computeDemo(d: DemoInput, k: Coefficients, odds?: { params: ResolvedParams; draws: number; seed: number }): DemoResult {
  const fees = [d.guest.fee_rate, 1.0, d.guestAttached.fee_rate];
  const alone = fees.map((fee, i) => {
    const c = i < 2 ? { ...d.guest, fee_rate: fee } : { ...d.guestAttached, collection_rate: d.guest.collection_rate };
    const e = evaluateCompound(c, k);
    return { fee, serviceLevel: c.service_level, revenue: e.revenue, cost: e.cost, profit: e.profit, viable: e.viable, breakEvenFee: e.breakEvenFee };
  });
  const e0 = evaluateCompound(d.guest, k);
  const aloneTopLines = [...e0.lines].sort((a, b) => b.amount - a.amount || a.key.localeCompare(b.key)).slice(0, 4).map((l) => ({ key: l.key, amount: l.amount }));

  const hostAlone = evaluateUnit([d.host], k);
  const unit = evaluateUnit([d.host, d.guestAttached], k);
  const atDefault = evaluateUnit([d.host, { ...d.guestAttached, collection_rate: null }], k);
  const avoidable = avoidableCost(unit, hostAlone, k).amount;
  const spec: UnitSpec = { kind: 'attached', host: d.host.id, guests: [d.guest.id] };
  const changes = new Map([[d.guest.id, d.guestAttached]]);
  const shares = ALLOCATION_METHODS.map((method) => {
    const r = evaluateArrangement([d.host, d.guest], { units: [spec], changes, allocation: method, seed: 1 }, k);
    const u = r.units[0]!;
    const h = u.shares[0]!;
    const g = u.shares[1]!;
    return { method, host: h.cost, hostAlone: h.standaloneCost, guest: g.cost, guestAlone: g.standaloneCost };
  });
  const clusterSpec: UnitSpec = { kind: 'cluster', name: 'lane cluster', members: d.clusterMembers.map((c) => c.id) };
  const cluster = evaluateArrangement(d.clusterMembers, { units: [clusterSpec], changes: new Map(), allocation: 'shapley', seed: 1 }, k);
  return {
    alone,
    aloneTopLines,
    attached: {
      hostAloneProfit: hostAlone.profit,
      hostBreakEvenFee: breakEvenFee(d.host, k, hostAlone.cost),
      unitProfit: unit.profit,
      unitViable: unit.viable,
      guestIncrementalCost: avoidable,
      guestSteppedIncrementalCost: unit.cost - hostAlone.cost,
      guestNetRevenue: unit.members[1]!.serviceNet,
      gainsAtDefaultCollection: atDefault.members[1]!.serviceNet > avoidable,
      guestNetRevenueAtDefaultCollection: atDefault.members[1]!.serviceNet,
      shares,
      ...(odds ? { odds: gainOdds(d, odds.params, [0.9, 0.6], odds.draws, odds.seed) } : {}),
    },
    cluster,
    clusterSpec,
  };
}

