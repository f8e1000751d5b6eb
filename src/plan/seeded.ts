/** Seeded pseudo-randomness for tie-breaks and search orders: the same seed, the same plan. */

import { mulberry32 } from '../core/random.js';

/** The planner's seeded generator (mulberry32). */
export const seededRandom = mulberry32;

/** A well-mixed 32-bit hash of the seed and two integers, for order-free tie-break keys. */
export function mixHash(seed: number, a: number, b: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ a, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h ^ b, 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h;
}

/** Fisher–Yates shuffle in place with the given generator. */
export function shuffleInPlace<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = xs[i]!;
    xs[i] = xs[j]!;
    xs[j] = t;
  }
  return xs;
}
