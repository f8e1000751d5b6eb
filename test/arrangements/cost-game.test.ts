import { describe, expect, it } from 'vitest';
import { costGame, incrementalCosts, memoCost, membersOfMask } from '../../src/arrangements/cost-game.js';
import { allocate } from '../../src/arrangements/allocation.js';
import { checkStability } from '../../src/arrangements/stability.js';
import { airport, anonymous, counted } from './games.js';

describe('memoCost', () => {
  it('prices each coalition once, whatever order its members are listed in', () => {
    const seen: number[][] = [];
    const memo = memoCost(3, (m) => {
      seen.push([...m]);
      return 100 * m.length + m.reduce((a, b) => a + b, 0);
    });
    expect(memo([2, 0])).toBe(202); // 2·100 + 0 + 2
    expect(memo([0, 2])).toBe(202);
    expect(memo([1])).toBe(101);
    expect(seen).toEqual([[0, 2], [1]]); // sorted, and only once each
  });

  it('gives C(∅) = 0 without asking the model', () => {
    const c = counted(() => 999);
    expect(memoCost(2, c.cost)([])).toBe(0);
    expect(c.calls()).toBe(0);
  });

  it('returns an existing wrapper unchanged, so callers share one cache', () => {
    const memo = memoCost(4, airport([1, 2, 3, 4]));
    expect(memoCost(4, memo)).toBe(memo);
    expect(memoCost(3, memo)).not.toBe(memo); // another game size is another game
  });

  it('rejects members outside the game and repeated members', () => {
    const memo = memoCost(3, () => 1);
    expect(() => memo([3])).toThrow(/member 3 is not a player of a 3-player game/);
    expect(() => memo([-1])).toThrow(RangeError);
    expect(() => memo([1, 1])).toThrow(/player 1 twice/);
  });

  it('rejects a model that returns a fraction of a fen or NaN', () => {
    expect(() => memoCost(2, () => 1.5)([0])).toThrow(/coalition \[0\] must be whole fen, got 1.5/);
    expect(() => memoCost(2, () => NaN)([0, 1])).toThrow(/got NaN/);
  });

  it('keys coalitions beyond 31 players exactly by bitmask up to 52, by member list beyond', () => {
    expect(membersOfMask(2 ** 40 + 5)).toEqual([0, 2, 40]);
    expect(membersOfMask(2 ** 52 - 1)).toHaveLength(52);
    const memo = memoCost(52, (m) => m.length);
    expect(memo([0, 31, 32, 51])).toBe(4);
    // 53 players (was a RangeError, exit 3): priced by member list, each coalition once.
    let calls = 0;
    const big = memoCost(53, (m) => {
      calls++;
      return 100 * m.length + m[m.length - 1]!;
    });
    expect(big([52, 0, 7])).toBe(352); // unsorted in, sorted to the cost function: 3·100 + 52
    expect(big([0, 7, 52])).toBe(352);
    expect(calls).toBe(1);
    expect(costGame(53, big).byMask).toBe(false);
    expect(() => costGame(53, big).costOfMask(1)).toThrow(/keyed by bitmask has 0 to 52 players/);
    expect(() => big([0, 53])).toThrow(/not a player/);
    expect(incrementalCosts(53, big)[0]).toBe(100); // C(N) − C(N∖{0}) = 5352 − 5252
  });

  it('counts distinct coalitions priced', () => {
    const memo = memoCost(3, () => 7);
    memo([0]);
    memo([0]);
    memo([1, 2]);
    expect(costGame(3, memo).evaluations).toBe(2);
  });

  it('lets allocate and checkStability share the cache: 2^n − 1 model runs in all', () => {
    const c = counted(airport([300, 500, 800, 1300]));
    const memo = memoCost(4, c.cost);
    const ps = anonymous(4);
    const { shares } = allocate('shapley', ps, memo);
    allocate('scrb', ps, memo);
    checkStability(ps, memo, shares);
    incrementalCosts(4, memo);
    expect(c.calls()).toBe(15);
  });

  it('memoises inside one call even when the caller did not wrap', () => {
    const c = counted(airport([300, 500, 800, 1300, 2100]));
    allocate('shapley', anonymous(5), c.cost);
    expect(c.calls()).toBe(31);
  });
});

describe('incrementalCosts', () => {
  it('is C(N) − C(N∖{i}): in the airport game only the longest runway user adds cost', () => {
    // C = max: N∖{0} and N∖{1} still need 800; N∖{2} needs 500, so player 2 adds 300.
    expect(incrementalCosts(3, airport([300, 500, 800]))).toEqual([0, 0, 300]);
  });

  it('is the own cost in a game with a shared fixed cost', () => {
    // C(S) = 1000 + Σ own: removing i saves exactly own_i (the fixed cost stays).
    const cost = (m: readonly number[]): number => (m.length ? 1000 + m.reduce((s, i) => s + [7, 11, 13][i]!, 0) : 0);
    expect(incrementalCosts(3, cost)).toEqual([7, 11, 13]);
  });

  it('of a single member is its standalone cost (C(∅) = 0)', () => {
    expect(incrementalCosts(1, () => 4242)).toEqual([4242]);
  });
});
