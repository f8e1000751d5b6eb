import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/render/json.js';

describe('renderJson', () => {
  it('prints two-space JSON with a final newline, keys in insertion order', () => {
    expect(renderJson({ b: 1, a: [1, 'x'] })).toBe('{\n  "b": 1,\n  "a": [\n    1,\n    "x"\n  ]\n}\n');
  });

  it('prints -0 as 0', () => {
    expect(renderJson({ x: -0 })).toBe('{\n  "x": 0\n}\n');
  });

  it('refuses numbers JSON cannot hold rather than print null', () => {
    expect(() => renderJson({ margin: NaN })).toThrow(/NaN.*margin/);
    expect(() => renderJson({ x: [Infinity] })).toThrow(/Infinity/);
  });

  it('refuses a Map, which would silently print as {}', () => {
    expect(() => renderJson({ m: new Map([[1, 2]]) })).toThrow(/Map/);
  });
});

describe('writeJsonStreamed and writeNdjsonStreamed', () => {
  it('write what renderJson and renderNdjson write for the built document, an item at a time', async () => {
    const { writeJsonStreamed } = await import('../../src/render/json.js');
    const { renderNdjson, writeNdjsonStreamed } = await import('../../src/render/ndjson.js');
    const { lazyList } = await import('../../src/core/lazy-list.js');
    const units = [{ id: 'a', n: 1, xs: [1, 2], o: { p: 'q' } }, { id: 'b', n: -0, xs: [], o: {} }];
    const built = { schemaVersion: 2, tool: { name: 't' }, parameters: { asOf: 'x' }, units, empty: [], totals: { n: 1 }, changes: ['c'] };
    const lazy = { ...built, units: lazyList(units, (u) => u), empty: lazyList([], (u) => u), changes: lazyList(['c'], (c) => c) };
    let json = '';
    writeJsonStreamed(lazy, (t) => (json += t));
    expect(json).toBe(renderJson(built));
    let nd = '';
    writeNdjsonStreamed(lazy, (t) => (nd += t));
    expect(nd).toBe(renderNdjson(built));
    let none = '';
    writeJsonStreamed({}, (t) => (none += t));
    expect(none).toBe(renderJson({}));
  });
});
