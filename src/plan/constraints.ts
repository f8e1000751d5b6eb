import type { Compound } from '../core/compound.js';
import { distanceM } from '../core/geo.js';
import type { PlanOptions, PlannedUnit, UnitEconomics } from './types.js';

/**
 * The rules of a plan, prepared once: which compounds may join others at all, which pairs are
 * forbidden, and the size limits. Shared by the heuristic, the exact solver and the plan checker.
 */
export interface PlanRules {
  readonly n: number;
  readonly maxDistanceM: number;
  readonly maxMembers: number;
  readonly maxHouseholds: number;
  /** 1 where the compound must stay alone (no location, or listed in keepStandalone). */
  readonly alone: Uint8Array;
  readonly households: Float64Array;
  /** Forbidden pairs, keyed by {@link pairKey}. */
  readonly forbidden: ReadonlySet<number>;
  readonly warnings: string[];
}

/** A key for an unordered pair of compound indices. */
export function pairKey(a: number, b: number, n: number): number {
  return a < b ? a * n + b : b * n + a;
}

/** Checks the options and resolves ids; unknown ids and unlocated compounds become warnings. */
export function prepareRules(compounds: readonly Compound[], opts: PlanOptions): PlanRules {
  if (!(Number.isFinite(opts.maxDistanceM) && opts.maxDistanceM >= 0)) {
    throw new RangeError(`maxDistanceM must be a finite number ≥ 0, got ${opts.maxDistanceM}`);
  }
  if (!(Number.isInteger(opts.maxMembers) && opts.maxMembers >= 1)) {
    throw new RangeError(`maxMembers must be an integer ≥ 1, got ${opts.maxMembers}`);
  }
  if (opts.maxHouseholds !== undefined && !(opts.maxHouseholds >= 0)) {
    throw new RangeError(`maxHouseholds must be ≥ 0, got ${opts.maxHouseholds}`);
  }
  const n = compounds.length;
  const warnings: string[] = [];
  const byId = new Map<string, number>();
  compounds.forEach((c, i) => byId.set(c.id, i));
  const alone = new Uint8Array(n);
  const households = new Float64Array(n);
  const unlocated: string[] = [];
  compounds.forEach((c, i) => {
    households[i] = c.households;
    if (c.location === null) {
      alone[i] = 1;
      unlocated.push(c.id);
    }
  });
  if (unlocated.length > 0) {
    warnings.push(
      `${unlocated.length} compound(s) without a location stay standalone: ${listIds(unlocated)}`,
    );
  }
  const unknown: string[] = [];
  for (const id of opts.keepStandalone) {
    const i = byId.get(id);
    if (i === undefined) unknown.push(id);
    else alone[i] = 1;
  }
  const forbidden = new Set<number>();
  for (const [a, b] of opts.neverTogether) {
    const i = byId.get(a);
    const j = byId.get(b);
    if (i === undefined) unknown.push(a);
    if (j === undefined) unknown.push(b);
    if (i !== undefined && j !== undefined && i !== j) forbidden.add(pairKey(i, j, n));
  }
  if (unknown.length > 0) {
    warnings.push(`planning rules name unknown compound id(s), ignored: ${listIds([...new Set(unknown)])}`);
  }
  return {
    n,
    maxDistanceM: opts.maxDistanceM,
    maxMembers: opts.maxMembers,
    maxHouseholds: opts.maxHouseholds ?? Infinity,
    alone,
    households,
    forbidden,
    warnings,
  };
}

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 20).join(', ');
  return ids.length > 20 ? `${shown}, … (${ids.length - 20} more)` : shown;
}

/** Whether two compounds may share a unit, distance included. */
export function pairAllowed(compounds: readonly Compound[], rules: PlanRules, a: number, b: number): boolean {
  if (a === b || rules.alone[a] || rules.alone[b]) return false;
  if (rules.forbidden.has(pairKey(a, b, rules.n))) return false;
  const la = compounds[a]!.location;
  const lb = compounds[b]!.location;
  if (la === null || lb === null) return false;
  return distanceM(la, lb) <= rules.maxDistanceM;
}

/** Largest distance between two members, metres (0 for one member). */
export function maxPairDistance(compounds: readonly Compound[], members: readonly number[]): number {
  let max = 0;
  for (let i = 0; i < members.length; i++) {
    const li = compounds[members[i]!]!.location;
    for (let j = i + 1; j < members.length; j++) {
      const lj = compounds[members[j]!]!.location;
      const d = li === null || lj === null ? Infinity : distanceM(li, lj);
      if (d > max) max = d;
    }
  }
  return max;
}

/** Standalone, attached (with its host) or cluster, by the households rule. */
export function classifyUnit(
  compounds: readonly Compound[],
  members: readonly number[],
): Pick<PlannedUnit, 'kind' | 'host'> {
  if (members.length === 1) return { kind: 'standalone' };
  let host = members[0]!;
  let total = 0;
  for (const m of members) {
    const h = compounds[m]!.households;
    total += h;
    if (h > compounds[host]!.households) host = m;
  }
  const hostHouseholds = compounds[host]!.households;
  return hostHouseholds > total - hostHouseholds ? { kind: 'attached', host } : { kind: 'cluster' };
}

/** Builds the reported unit: members sorted, kind, host, economics, spread. */
export function makePlannedUnit(
  compounds: readonly Compound[],
  members: readonly number[],
  economics: UnitEconomics,
): PlannedUnit {
  const sorted = [...members].sort((a, b) => a - b);
  const unit: PlannedUnit = {
    members: sorted,
    ...classifyUnit(compounds, sorted),
    economics,
    maxPairDistanceM: maxPairDistance(compounds, sorted),
  };
  return unit;
}

/**
 * Every way a plan breaks the rules: a compound missing or in two units, a unit too large, too
 * many households, two members too far apart or forbidden together, a compound that must stay
 * alone in company. Empty when the plan is valid. Checks the units themselves, trusting nothing.
 */
export function findPlanViolations(
  compounds: readonly Compound[],
  units: readonly { members: readonly number[] }[],
  opts: PlanOptions,
): string[] {
  const rules = prepareRules(compounds, opts);
  const out: string[] = [];
  const seen = new Int32Array(compounds.length);
  units.forEach((u, k) => {
    const m = u.members;
    if (m.length === 0) out.push(`unit ${k} is empty`);
    if (m.length > rules.maxMembers) out.push(`unit ${k} has ${m.length} members > ${rules.maxMembers}`);
    let hh = 0;
    for (const i of m) {
      if (!(Number.isInteger(i) && i >= 0 && i < compounds.length)) {
        out.push(`unit ${k} names compound index ${i}, not in the input`);
        continue;
      }
      seen[i]! += 1;
      hh += rules.households[i]!;
    }
    // A compound larger than the limit may still stand alone: it cannot be split.
    if (m.length > 1 && hh > rules.maxHouseholds) out.push(`unit ${k} has ${hh} households > ${rules.maxHouseholds}`);
    if (m.length > 1) {
      for (let a = 0; a < m.length; a++) {
        for (let b = a + 1; b < m.length; b++) {
          const i = m[a]!;
          const j = m[b]!;
          if (i >= compounds.length || j >= compounds.length || i < 0 || j < 0) continue;
          if (!pairAllowed(compounds, rules, i, j)) {
            out.push(`unit ${k}: ${compounds[i]!.id} and ${compounds[j]!.id} may not share a unit`);
          }
        }
      }
    }
  });
  seen.forEach((count, i) => {
    if (count !== 1) out.push(`compound ${compounds[i]!.id} is in ${count} units`);
  });
  return out;
}
