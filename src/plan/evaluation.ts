import type { PlanObjective, UnitEconomics, UnitEvaluator } from './types.js';

/** What the search reads of a unit's economics (the cache keeps no more). */
export type UnitVerdict = Pick<UnitEconomics, 'subsidyNeeded' | 'viable'>;

/** Keys per cache generation: at least this many, more on large districts (see {@link cacheGeneration}). */
const GENERATION_MIN = 250_000;
/** Keys per cache generation per compound above GENERATION_MIN. */
const GENERATION_PER_COMPOUND = 25;
/** Keys per cache generation at most (two generations of 4 million: about 400 MB). */
const GENERATION_MAX = 4_000_000;

/**
 * The cache's generation size for a search over n compounds: 250,000 keys, or 25 per compound on
 * districts of more than 10,000 (at most 4 million). With a fixed size, a city-size district's
 * first merge round (one candidate per allowed pair: 2.5 million at 100k compounds) pushed every
 * pair out of the cache before it was merged, and the search evaluated units almost twice as often
 * per compound as on a small district (issue 17, measured at 100k: 15.8 million evaluations with
 * 250,000 keys, 11.3 million with 10 per compound, 8.6 million with 25 per compound, against
 * 82 per compound at 10k; the cause of its growth faster than n log n).
 */
export function cacheGeneration(n: number): number {
  return Math.min(GENERATION_MAX, Math.max(GENERATION_MIN, GENERATION_PER_COMPOUND * n));
}

/**
 * Remembers the evaluator's answers by member set. Keys are a 53-bit hash of the members (the
 * search looks units up millions of times, and building string keys dominated its run time); a
 * hit is confirmed by comparing the members, so a collision can never return a wrong answer. Two
 * generations bound the memory on very large districts: when the young one holds
 * `generationSize` keys it becomes the old one, and entries still in use are copied forward on
 * their next lookup. `evaluations` counts real calls to the evaluator (the heuristic's budgets are
 * counted in them, so this policy and the generation size decide plans).
 *
 * Each generation is an open-addressing table in typed arrays (hashes, subsidy and viability,
 * member lists packed in one Int32Array) rather than a Map of small arrays and objects: the same
 * answers and the same evaluator calls at a fraction of the memory and garbage-collection work
 * (issue 17). Only what the search reads is kept; a plan's final units are evaluated again.
 */
export class UnitCache {
  private young: Generation;
  private old: Generation;
  evaluations = 0;

  constructor(
    private readonly evaluate: UnitEvaluator,
    private readonly generationSize = GENERATION_MIN,
  ) {
    this.young = new Generation();
    this.old = new Generation();
  }

  /** Subsidy and viability of the unit with these members (ascending). */
  get(members: readonly number[]): UnitVerdict {
    const key = hashMembers(members);
    const young = this.young;
    let s = young.find(key, members);
    if (s >= 0) return { subsidyNeeded: young.subsidy[s]!, viable: young.viable[s] === 1 };
    const old = this.old;
    s = old.find(key, members);
    let subsidyNeeded: number;
    let viable: boolean;
    if (s >= 0) {
      subsidyNeeded = old.subsidy[s]!;
      viable = old.viable[s] === 1;
    } else {
      const copy = members.slice();
      const e = this.evaluate(copy);
      this.evaluations++;
      checkEconomics(e, copy);
      subsidyNeeded = e.subsidyNeeded;
      viable = e.viable;
    }
    if (this.young.keys >= this.generationSize) {
      const recycled = this.old;
      this.old = this.young;
      recycled.clear();
      this.young = recycled;
    }
    this.young.insert(key, members, subsidyNeeded, viable);
    return { subsidyNeeded, viable };
  }
}

/** One generation: linear probing over a power-of-two table kept at most 75 % full (grown by doubling). */
class Generation {
  private mask = 0;
  /** −1: empty slot. */
  private hash = new Float64Array(0);
  private at = new Int32Array(0);
  private len = new Uint16Array(0);
  subsidy = new Float64Array(0);
  viable = new Uint8Array(0);
  private pool = new Int32Array(1024);
  private used = 0;
  private entries = 0;
  /** Distinct keys held (a collision of two member sets on one key counts once). */
  keys = 0;

  constructor() {
    this.allocate(64);
  }

  private allocate(cap: number): void {
    this.mask = cap - 1;
    this.hash = new Float64Array(cap).fill(-1);
    this.at = new Int32Array(cap);
    this.len = new Uint16Array(cap);
    this.subsidy = new Float64Array(cap);
    this.viable = new Uint8Array(cap);
  }

  clear(): void {
    this.hash.fill(-1);
    this.used = 0;
    this.keys = 0;
    this.entries = 0;
  }

  /** The slot holding these members, or −1. */
  find(key: number, members: readonly number[]): number {
    const n = members.length;
    for (let s = key % (this.mask + 1); ; s = (s + 1) & this.mask) {
      const h = this.hash[s]!;
      if (h === -1) return -1;
      if (h !== key || this.len[s] !== n) continue;
      const at = this.at[s]!;
      let same = true;
      for (let i = 0; i < n; i++) {
        if (this.pool[at + i] !== members[i]) {
          same = false;
          break;
        }
      }
      if (same) return s;
    }
  }

  /** Adds an entry known to be absent. */
  insert(key: number, members: readonly number[], subsidyNeeded: number, viable: boolean): void {
    if (4 * (this.entries + 1) > 3 * (this.mask + 1)) this.grow();
    let newKey = true;
    let s = key % (this.mask + 1);
    for (; this.hash[s] !== -1; s = (s + 1) & this.mask) if (this.hash[s] === key) newKey = false;
    if (newKey) this.keys++;
    this.entries++;
    const n = members.length;
    if (n > 0xffff) throw new RangeError(`a unit of ${n} members is more than the cache holds`);
    if (this.used + n > this.pool.length) {
      const grown = new Int32Array(Math.max(Math.ceil(this.pool.length * 1.5), this.used + n));
      grown.set(this.pool.subarray(0, this.used));
      this.pool = grown;
    }
    for (let i = 0; i < n; i++) this.pool[this.used + i] = members[i]!;
    this.hash[s] = key;
    this.at[s] = this.used;
    this.len[s] = n;
    this.subsidy[s] = subsidyNeeded;
    this.viable[s] = viable ? 1 : 0;
    this.used += n;
  }

  /** Doubles the table, re-placing every entry (members stay where they are in the pool). */
  private grow(): void {
    const { hash, at, len, subsidy, viable } = this;
    this.allocate(2 * hash.length);
    for (let t = 0; t < hash.length; t++) {
      const h = hash[t]!;
      if (h === -1) continue;
      let s = h % (this.mask + 1);
      while (this.hash[s] !== -1) s = (s + 1) & this.mask;
      this.hash[s] = h;
      this.at[s] = at[t]!;
      this.len[s] = len[t]!;
      this.subsidy[s] = subsidy[t]!;
      this.viable[s] = viable[t]!;
    }
  }
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

export function unitScore(objective: PlanObjective, size: number, e: UnitVerdict): Score {
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
