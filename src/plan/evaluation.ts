import type { PlanObjective, UnitEconomics, UnitEvaluator } from './types.js';

interface Entry {
  members: readonly number[];
  economics: UnitEconomics;
}

/**
 * Remembers the evaluator's answers by member set. Keys are a 53-bit hash of the members (the
 * search looks units up millions of times, and building string keys dominated its run time); a
 * hit is confirmed by comparing the members, so a collision can never return a wrong answer. Two
 * generations bound the memory on very large districts: when the young one fills up it becomes
 * the old one, and entries still in use are copied forward on their next lookup. `evaluations`
 * counts real calls to the evaluator.
 */
export class UnitCache {
  private young = new Map<number, Entry[]>();
  private old = new Map<number, Entry[]>();
  evaluations = 0;

  constructor(
    private readonly evaluate: UnitEvaluator,
    private readonly generationSize = 250_000,
  ) {}

  /** Economics of the unit with these members (ascending). */
  get(members: readonly number[]): UnitEconomics {
    const key = hashMembers(members);
    const hit = find(this.young.get(key), members);
    if (hit !== undefined) return hit;
    let e = find(this.old.get(key), members);
    if (e === undefined) {
      const copy = members.slice();
      e = this.evaluate(copy);
      this.evaluations++;
      checkEconomics(e, copy);
    }
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    const bucket = this.young.get(key);
    const entry = { members: members.slice(), economics: e };
    if (bucket === undefined) this.young.set(key, [entry]);
    else bucket.push(entry);
    return e;
  }
}

function find(bucket: Entry[] | undefined, members: readonly number[]): UnitEconomics | undefined {
  if (bucket === undefined) return undefined;
  for (const entry of bucket) {
    const m = entry.members;
    if (m.length !== members.length) continue;
    let same = true;
    for (let i = 0; i < m.length; i++) {
      if (m[i] !== members[i]) {
        same = false;
        break;
      }
    }
    if (same) return entry.economics;
  }
  return undefined;
}

/** Two independent 32-bit mixes of the member list, folded into one safe integer. */
function hashMembers(members: readonly number[]): number {
  let h1 = 0x811c9dc5 ^ members.length;
  let h2 = 0x27d4eb2f;
  for (const x of members) {
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 + x, 0x85ebca6b);
    h2 ^= h2 >>> 13;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x7feb352d) >>> 0;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x846ca68b) >>> 0;
  return h1 * 2097152 + (h2 & 0x1fffff);
}

function checkEconomics(e: UnitEconomics, members: readonly number[]): void {
  if (!(Number.isSafeInteger(e.subsidyNeeded) && e.subsidyNeeded >= 0)) {
    throw new RangeError(
      `the unit evaluator returned subsidyNeeded ${e.subsidyNeeded} for members [${members.join(', ')}]; expected whole fen ≥ 0`,
    );
  }
}

/**
 * A unit's contribution to the objective, as three numbers compared lexicographically (smaller
 * is better): minus the compounds it makes viable (objective `viable` only, else 0), its subsidy
 * in fen, and the compounds it moves out of standalone (the tie-break: fewer changes).
 */
export interface Score {
  v: number;
  s: number;
  m: number;
}

export function unitScore(objective: PlanObjective, size: number, e: UnitEconomics): Score {
  return {
    v: objective === 'viable' && e.viable ? -size : 0,
    s: e.subsidyNeeded,
    m: size > 1 ? size : 0,
  };
}

/** Lexicographic comparison of score differences: negative when a is better than b. */
export function compareScores(av: number, as: number, am: number, bv: number, bs: number, bm: number): number {
  if (av !== bv) return av - bv;
  if (as !== bs) return as - bs;
  return am - bm;
}
