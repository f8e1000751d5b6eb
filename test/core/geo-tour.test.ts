import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/core/compound.js';
import { distanceM, tourLengthM } from '../../src/core/geo.js';

/** The shortest closed walk by trying every order (point 0 first): the definition, for small n. */
function bruteForce(points: readonly Location[]): number {
  const n = points.length;
  if (n < 2) return 0;
  let best = Infinity;
  const rest = points.slice(1);
  const permute = (done: Location[], left: Location[]): void => {
    if (left.length === 0) {
      let len = 0;
      const walk = [points[0]!, ...done];
      for (let i = 0; i < walk.length; i++) len += distanceM(walk[i]!, walk[(i + 1) % walk.length]!);
      best = Math.min(best, len);
      return;
    }
    left.forEach((p, i) => permute([...done, p], [...left.slice(0, i), ...left.slice(i + 1)]));
  };
  permute([], rest);
  return best;
}

const point = fc.record({ kind: fc.constant('xy' as const), x: fc.integer({ min: 0, max: 2000 }), y: fc.integer({ min: 0, max: 2000 }) });

// tourLengthM reuses its distance and DP buffers between calls: calls of different sizes in turn
// must not see each other's leftovers.
describe('tourLengthM', () => {
  it('is the brute-force shortest round, whatever size the previous call had', () => {
    fc.assert(
      fc.property(fc.array(fc.array(point, { minLength: 2, maxLength: 7 }), { minLength: 1, maxLength: 4 }), (sets) => {
        for (const pts of sets) expect(tourLengthM(pts)).toBeCloseTo(bruteForce(pts), 6);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same length before and after a larger tour', () => {
    const small: Location[] = [
      { kind: 'xy', x: 0, y: 0 },
      { kind: 'xy', x: 300, y: 0 },
      { kind: 'xy', x: 0, y: 400 },
    ];
    const large: Location[] = Array.from({ length: 9 }, (_, i) => ({ kind: 'xy' as const, x: (i * 37) % 100, y: (i * 53) % 90 }));
    const first = tourLengthM(small);
    tourLengthM(large);
    expect(tourLengthM(small)).toBe(first);
    expect(first).toBe(1200); // 300 + 500 + 400: a 3-4-5 triangle
  });
});
