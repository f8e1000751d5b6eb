/** Axis helpers for the charts: round numbers for scales, ticks and scale bars. */

/** The smallest of 1, 2, 5 × 10^k that is ≥ x (x > 0). */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) {
    // A tolerance keeps 0.3 from becoming 0.5 because 0.1 × 3 is 0.30000000000000004.
    if (m * p >= x * (1 - 1e-12)) return m * p;
  }
  return 10 * p;
}

/** The largest of 1, 2, 5 × 10^k that is ≤ x (x > 0). */
export function niceFloor(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [5, 2, 1]) if (m * p <= x * (1 + 1e-12)) return m * p;
  return p;
}

/**
 * About `count` ticks from 0 to a round maximum ≥ `max`: a 1-2-5 step and the values, exact to
 * the step's decimals (no 0.30000000000000004 in a label).
 */
export function ticks(max: number, count = 5): { step: number; max: number; values: number[] } {
  const step = niceCeil((max > 0 ? max : 1) / count);
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const values = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
  return { step, max: values[n]!, values };
}

/** The value at quantile q (0–1) of `xs`, by the nearest rank; undefined when empty. */
export function quantile(xs: readonly number[], q: number): number | undefined {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
