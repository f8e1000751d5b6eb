/**
 * An array of a report built an item at a time while it is written (src/render/json.ts,
 * ndjson.ts write it), so that a report of 100k units never sits in memory as objects.
 */
export interface LazyList {
  readonly lazy: true;
  readonly length: number;
  item(i: number): unknown;
}

export function lazyList<T, U>(items: readonly T[], map: (t: T) => U): LazyList {
  return { lazy: true, length: items.length, item: (i) => map(items[i]!) };
}

export function isLazyList(v: unknown): v is LazyList {
  return typeof v === 'object' && v !== null && (v as { lazy?: unknown }).lazy === true;
}
