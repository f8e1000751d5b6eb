import { renderJson } from './json.js';
import type { RenderOptions } from './options.js';

/** Keys of a report that go on the envelope line, when present. */
const ENVELOPE_KEYS = ['schemaVersion', 'tool', 'parameters', 'plan'];

/**
 * NDJSON (one JSON value a line, each ending in "\n"), for record streams that `jq`, DuckDB's
 * `read_json` and pandas' `read_json(lines=True)` read as they are:
 *   1. the envelope: `{"record":"envelope","schemaVersion":…,"tool":…,"parameters":…}`;
 *   2. one line per element of each top-level array of the report, in order, named by the
 *      array's key without its plural s: `{"record":"unit",…}`, `{"record":"change",…}`;
 *   3. one totals line with every other top-level field: `{"record":"totals","totals":…,…}`.
 * Every line is an object whose first key is `record`. The same checks as JSON apply (no NaN).
 */
export function renderNdjson(json: unknown, _o?: RenderOptions): string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('NDJSON needs a report object');
  const doc = json as Record<string, unknown>;
  const line = (v: unknown) => JSON.stringify(JSON.parse(renderJson(v))) + '\n';
  const envelope: Record<string, unknown> = { record: 'envelope' };
  const rest: Record<string, unknown> = { record: 'totals' };
  let out = '';
  const lists: [string, unknown[]][] = [];
  for (const [k, v] of Object.entries(doc)) {
    if (ENVELOPE_KEYS.includes(k)) envelope[k] = v;
    else if (Array.isArray(v)) lists.push([k, v]);
    else rest[k] = v;
  }
  out += line(envelope);
  for (const [k, items] of lists) {
    const record = recordName(k);
    for (const item of items) out += line(typeof item === 'object' && item !== null && !Array.isArray(item) ? { record, ...item } : { record, value: item });
  }
  out += line(rest);
  return out;
}

/** `units` → `unit`, `compounds` → `compound`, `changes` → `change`. */
export function recordName(key: string): string {
  return key.endsWith('s') ? key.slice(0, -1) : key;
}
