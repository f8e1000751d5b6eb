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
