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
