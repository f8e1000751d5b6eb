import type { Fen } from '../core/money.js';
import type { Player } from './allocation.js';
import { allPlayers, costGame, membersOfMask, type CoalitionCost } from './cost-game.js';

/** A coalition that would pay less on its own than its members' shares add up to. */
export interface BlockingCoalition {
  /** Sorted player indices. */
  members: number[];
  /** Σ of its members' shares. */
  share: Fen;
  /** C(S): what it would cost on its own. */
  alone: Fen;
  /** share − alone > 0: what the coalition overpays by staying. */
  excess: Fen;
}

/** Stability as one member sees it. */
export interface MemberStability {
  /** C({i}): the member's cost on its own. */
  standalone: Fen;
  /** Its share exceeds its standalone cost: it would be better off leaving alone. */
  walksOut: boolean;
  /** No checked blocking coalition contains it. */
  stable: boolean;
  /** The blocking coalition containing it with the largest excess, or null. */
  worstBlocking: BlockingCoalition | null;
}

/** Whether shares lie in the core of the cost game, and who would leave if not. */
export interface StabilityReport {
  /** In the core: shares add up to C(N) and no checked coalition blocks. */
  stable: boolean;
  /** Every coalition was checked (n ≤ EXACT_CORE_MAX_PLAYERS); otherwise singletons and pairs. */
  exact: boolean;
  /** Σ shares = C(N). The core asks for it; shares from `allocate` always satisfy it. */
  balanced: boolean;
  /** C(N). */
  total: Fen;
  /** How many checked coalitions block (the list below is cut at MAX_BLOCKING_LISTED). */
  blockingCount: number;
  /** Largest excess first; ties: smaller coalition first, then by member indices. */
  blocking: BlockingCoalition[];
  members: MemberStability[];
}

/** Up to this many players every coalition is checked (2^15 − 1 cost evaluations). */
export const EXACT_CORE_MAX_PLAYERS = 15;
export const MAX_BLOCKING_LISTED = 20;

/**
 * Is the allocation in the core? A coalition S blocks when Σ_{i∈S} share_i > C(S). For n ≤ 15 all
 * non-empty coalitions are checked (the grand coalition too: it blocks only shares that charge
 * more than C(N)); beyond, only singletons, pairs and the grand coalition, and `exact` is false.
 */
export function checkStability(players: Player[], cost: CoalitionCost, shares: Fen[]): StabilityReport {
  const n = players.length;
  if (shares.length !== n) throw new RangeError(`expected ${n} shares, got ${shares.length}`);
  shares.forEach((s, i) => {
    if (!Number.isSafeInteger(s)) throw new RangeError(`share of player ${i} must be whole fen, got ${s}`);
  });
  // Coalition sums are exact while the sum of |shares| is.
  if (!Number.isSafeInteger(shares.reduce((a, b) => a + Math.abs(b), 0))) {
    throw new RangeError('shares too large to add up exactly');
  }
  const game = costGame(n, cost);
  const everyone = allPlayers(n);
  const total = game.costOf(everyone);
  const charged = shares.reduce((a, b) => a + b, 0);
  const exact = n <= EXACT_CORE_MAX_PLAYERS;

  const found: BlockingCoalition[] = [];
  const consider = (members: number[], alone: Fen, share: Fen): void => {
    if (share > alone) found.push({ members, share, alone, excess: share - alone });
  };
  if (exact) {
    // Σ shares of each coalition from the one without its lowest member: one addition each.
    const all = 2 ** n - 1;
    const sum = new Float64Array(2 ** n);
    for (let mask = 1; mask <= all; mask++) {
      const low = mask & -mask;
      sum[mask] = sum[mask - low]! + shares[31 - Math.clz32(low)]!;
      const alone = game.costOfMask(mask);
      if (sum[mask]! > alone) consider(membersOfMask(mask), alone, sum[mask]!);
    }
  } else {
    // n(n+1)/2 + 1 coalitions, by member lists: works for units of any size.
    for (let i = 0; i < n; i++) {
      consider([i], game.costOf([i]), shares[i]!);
      for (let j = i + 1; j < n; j++) consider([i, j], game.costOf([i, j]), shares[i]! + shares[j]!);
    }
    consider(everyone, total, charged);
  }
  found.sort(compareBlocking);

  const worst: (BlockingCoalition | null)[] = new Array<BlockingCoalition | null>(n).fill(null);
  // `found` is sorted, so the first coalition met that contains i is i's worst.
  for (const b of found) for (const i of b.members) worst[i] ??= b;

  const members: MemberStability[] = shares.map((s, i) => {
    const standalone = game.costOf([i]);
    return { standalone, walksOut: s > standalone, stable: worst[i] === null, worstBlocking: worst[i] ?? null };
  });
  const balanced = charged === total;
  return {
    stable: balanced && found.length === 0,
    exact,
    balanced,
    total,
    blockingCount: found.length,
    blocking: found.slice(0, MAX_BLOCKING_LISTED),
    members,
  };
}

function compareBlocking(a: BlockingCoalition, b: BlockingCoalition): number {
  if (a.excess !== b.excess) return b.excess - a.excess;
  if (a.members.length !== b.members.length) return a.members.length - b.members.length;
  for (let k = 0; k < a.members.length; k++) {
    const d = a.members[k]! - b.members[k]!;
    if (d !== 0) return d;
  }
  return 0;
}
