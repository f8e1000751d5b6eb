/**
 * Small cost games with known solutions, shared by the arrangement tests. Each returns
 * C(members) in fen; C(∅) = 0.
 */
import type { CoalitionCost } from '../../src/arrangements/cost-game.js';
import type { Player } from '../../src/arrangements/allocation.js';

/** Airport game: a runway long enough for the largest plane in S. C(S) = max_{i∈S} c_i. */
export function airport(costs: readonly number[]): CoalitionCost {
  return (members) => members.reduce((m, i) => Math.max(m, costs[i]!), 0);
}

/** Symmetric game: C(S) depends on |S| only, byPopulation[k] for |S| = k. */
export function symmetric(byPopulation: readonly number[]): CoalitionCost {
  return (members) => byPopulation[members.length]!;
}

/** Every coalition pays `fixed` once (one manager) plus its members' own costs. */
export function fixedPlusOwn(fixed: number, own: readonly number[]): CoalitionCost {
  return (members) => (members.length === 0 ? 0 : fixed + members.reduce((s, i) => s + own[i]!, 0));
}

/** A game given as a table keyed by the sorted members joined with commas ('0,2'). */
export function table(costs: Record<string, number>): CoalitionCost {
  return (members) => {
    const c = costs[members.join(',')];
    if (c === undefined) throw new Error(`no cost for [${members.join(',')}]`);
    return c;
  };
}

/** Players p0, p1, … with the given areas (households default to 1 each). */
export function players(areas: readonly number[], households?: readonly number[]): Player[] {
  return areas.map((a, i) => ({ id: `p${i}`, area_m2: a, households: households?.[i] ?? 1 }));
}

/** Players that differ in nothing the proportional methods read. */
export function anonymous(n: number): Player[] {
  return players(new Array<number>(n).fill(1));
}

/** Counts calls to a cost function. */
export function counted(cost: CoalitionCost): { cost: CoalitionCost; calls: () => number } {
  let k = 0;
  return {
    cost: (m) => {
      k++;
      return cost(m);
    },
    calls: () => k,
  };
}
