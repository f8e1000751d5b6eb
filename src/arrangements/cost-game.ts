import type { Fen } from '../core/money.js';

/**
 * The cost game of one management unit: players are the unit's members 0..n−1 and C(S) is what
 * a unit formed by coalition S alone would cost (integer fen). C(∅) = 0.
 *
 * `cost(members)` receives the sorted member indices of one coalition. It may be a whole model
 * evaluation, so every function here asks for each coalition at most once (see `memoCost`).
 */
export type CoalitionCost = (members: readonly number[]) => Fen;

/**
 * The largest game whose coalitions are keyed by a bitmask held in a JS number (Σ 2^i, exact
 * below 2^53). Larger games (a 片区 of a whole street) are keyed by their member lists and only
 * priced through `costOf`: the methods that scale (sampled Shapley, SCRB, stability by singletons
 * and pairs) ask for O(samples·n) or O(n²) coalitions, never 2^n. Exact methods stop far earlier
 * (2^15 coalitions).
 */
export const MAX_PLAYERS = 52;

/** The largest game at all: a unit beyond this many members is a mistake, not a street. */
export const MAX_MEMBERS = 100_000;

/** 2^i for i < MAX_PLAYERS, exact. */
const POW2: readonly number[] = Array.from({ length: MAX_PLAYERS }, (_, i) => 2 ** i);

/**
 * The memo behind a `memoCost` wrapper. The wrapper is a plain function (the public type); the
 * algorithms reach the memo through this registry so they can ask by bitmask and skip building
 * member lists for coalitions already priced.
 */
export interface CostGame {
  readonly n: number;
  /** C(S) for the coalition with this bitmask (bit i = player i). Only for n ≤ MAX_PLAYERS. */
  costOfMask(mask: number): Fen;
  /** C(S) for the coalition of these members, sorted ascending, any n. */
  costOf(members: readonly number[]): Fen;
  /** Coalitions are keyed by bitmask (n ≤ MAX_PLAYERS); else by member list. */
  readonly byMask: boolean;
  /** How many distinct coalitions have been priced so far (C(∅) is never priced). */
  readonly evaluations: number;
}

const games = new WeakMap<CoalitionCost, CostGame>();

function checkPlayerCount(n: number, max = MAX_PLAYERS): void {
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new RangeError(`a cost game ${max === MAX_PLAYERS ? 'keyed by bitmask ' : ''}has 0 to ${max} players, got ${n}`);
  }
}

/** The sorted member indices of a bitmask. Arithmetic, not bit operators: masks may exceed 2^31. */
export function membersOfMask(mask: number): number[] {
  const out: number[] = [];
  let m = mask;
  for (let i = 0; m > 0; i++) {
    if (m % 2 === 1) {
      out.push(i);
      m -= 1;
    }
    m /= 2;
  }
  return out;
}

function maskOfMembers(n: number, members: readonly number[]): number {
  let mask = 0;
  const seen = new Set<number>();
  for (const i of members) {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new RangeError(`coalition member ${i} is not a player of a ${n}-player game`);
    }
    if (seen.has(i)) throw new RangeError(`coalition lists player ${i} twice`);
    seen.add(i);
    mask += POW2[i]!;
  }
  return mask;
}

/**
 * Wrap `cost` so that each coalition is priced at most once, keyed by bitmask (n ≤ 52) or by its
 * member list (larger games). Wrapping
 * a wrapper made for the same n returns it unchanged, so a caller that wraps once and passes the
 * result to `allocate`, `checkStability` and `incrementalCosts` pays for each coalition once in
 * all of them. The wrapped function always receives sorted member lists, never the empty one
 * (C(∅) = 0), and must return a safe integer (fen): anything else is a model bug and throws.
 */
export function memoCost(n: number, cost: CoalitionCost): CoalitionCost {
  return wrap(n, cost).fn;
}

/** The memo of `cost` for an n-player game: the existing one if `cost` is already a wrapper. */
export function costGame(n: number, cost: CoalitionCost): CostGame {
  return wrap(n, cost).game;
}

function wrap(n: number, cost: CoalitionCost): { fn: CoalitionCost; game: CostGame } {
  checkPlayerCount(n, MAX_MEMBERS);
  const existing = games.get(cost);
  if (existing && existing.n === n) return { fn: cost, game: existing };
  const byMask = n <= MAX_PLAYERS;
  const memo = new Map<number | string, Fen>();
  const price = (key: number | string, members: readonly number[]): Fen => {
    const c = cost(members);
    if (!Number.isSafeInteger(c)) {
      throw new RangeError(`cost of coalition [${members.join(', ')}] must be whole fen, got ${c}`);
    }
    memo.set(key, c);
    return c;
  };
  const costOfMask = (mask: number): Fen => {
    checkPlayerCount(n);
    if (mask === 0) return 0;
    const hit = memo.get(mask);
    return hit !== undefined ? hit : price(mask, membersOfMask(mask));
  };
  const costOf = (members: readonly number[]): Fen => {
    if (byMask) return costOfMask(maskOfMembers(n, members));
    if (members.length === 0) return 0;
    checkMembers(n, members);
    const key = members.join(',');
    const hit = memo.get(key);
    return hit !== undefined ? hit : price(key, members);
  };
  const game: CostGame = {
    n,
    byMask,
    costOfMask,
    costOf,
    get evaluations() {
      return memo.size;
    },
  };
  const fn: CoalitionCost = (members) => costOf(byMask ? members : [...members].sort((a, b) => a - b));
  games.set(fn, game);
  return { fn, game };
}

/** Sorted, distinct players of an n-player game, or a RangeError. */
function checkMembers(n: number, members: readonly number[]): void {
  for (let k = 0; k < members.length; k++) {
    const i = members[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`coalition member ${i} is not a player of a ${n}-player game`);
    if (k > 0 && i <= members[k - 1]!) throw new RangeError(`coalition lists player ${i} twice or out of order`);
  }
}

/** All n players, 0..n−1. */
export function allPlayers(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** All players but `i`. */
export function allBut(n: number, i: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < n; j++) if (j !== i) out.push(j);
  return out;
}

/** Bitmask of player i alone. */
export function playerBit(i: number): number {
  return POW2[i]!;
}

/**
 * Incremental cost of each member, C(N) − C(N∖{i}): what the unit saves if member i leaves,
 * i.e. what a firm weighs when asked to take the member on last.
 */
export function incrementalCosts(n: number, cost: CoalitionCost): Fen[] {
  const game = costGame(n, cost);
  const total = game.costOf(allPlayers(n));
  return Array.from({ length: n }, (_, i) => total - game.costOf(allBut(n, i)));
}
