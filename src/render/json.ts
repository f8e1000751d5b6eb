import { isLazyList as isLazy } from '../core/lazy-list.js';
import type { RenderOptions } from './options.js';

/**
 * JSON: two-space indentation and a final newline. Key order is the order in which the command
 * built the object (the shell puts `schemaVersion` and `tool` first), so output is reproducible.
 * A number JSON cannot hold (NaN, ±Infinity) is a bug in the command, so it throws instead of
 * silently printing `null`; -0 prints as 0.
 */
export function renderJson(json: unknown, _o?: RenderOptions): string {
  return (
    JSON.stringify(
      json,
      function replacer(this: unknown, key: string, value: unknown) {
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as JSON (at key "${key}")`);
          return Object.is(value, -0) ? 0 : value;
        }
        if (value instanceof Map || value instanceof Set) throw new Error(`cannot write a Map or Set as JSON (at key "${key}")`);
        return value;
      },
      2,
    ) + '\n'
  );
}

/** renderJson's text of one value, indented as a value `depth` levels into the document. */
function nested(value: unknown, depth: number): string {
  const text = renderJson(value).slice(0, -1);
  return depth === 0 ? text : text.replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * Writes `doc` (an object whose top-level arrays may be LazyLists) as renderJson would write it
 * with the lists built, byte for byte, but an item at a time: the whole document never sits in
 * memory as objects or as one string (a scenario of 100k units was 120 MB of text).
 */
export function writeJsonStreamed(doc: Readonly<Record<string, unknown>>, write: (text: string) => void): void {
  const keys = Object.keys(doc).filter((k) => doc[k] !== undefined);
  if (keys.length === 0) {
    write('{}\n');
    return;
  }
  write('{');
  keys.forEach((k, i) => {
    const v = doc[k];
    write(`${i === 0 ? '' : ','}\n  ${JSON.stringify(k)}: `);
    if (!isLazy(v)) {
      write(nested(v, 1));
      return;
    }
    if (v.length === 0) {
      write('[]');
      return;
    }
    write('[');
    for (let j = 0; j < v.length; j++) write(`${j === 0 ? '' : ','}\n    ${nested(v.item(j), 2)}`);
    write('\n  ]');
  });
  write('\n}\n');
}
