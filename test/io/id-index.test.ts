import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../src/io/id-index.js';

describe('IdIndex', () => {
  it('behaves as a Map from id to first line, through growth and hash collisions', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('JJY', 'YYHY', '京剧院', 'a', '')), { maxLength: 3000 }), (ids) => {
        const index = new IdIndex();
        const map = new Map<string, number>();
        ids.forEach((id, i) => {
          const line = i + 2;
          const expected = map.get(id) ?? 0;
          if (expected === 0) map.set(id, line);
          expect(index.addOrFirstLine(id, line)).toBe(expected);
        });
        expect(index.size).toBe(map.size);
      }),
      { numRuns: 60 },
    );
  });

  it('holds 200,000 distinct ids and finds each again', () => {
    const index = new IdIndex();
    let wrong = 0;
    for (let i = 0; i < 200_000; i++) if (index.addOrFirstLine(`H${i}`, i + 2) !== 0) wrong++;
    for (let i = 0; i < 200_000; i += 997) if (index.addOrFirstLine(`H${i}`, 1) !== i + 2) wrong++;
    expect(wrong).toBe(0);
    expect(index.size).toBe(200_000);
    expect(index.addOrFirstLine('H200000', 5)).toBe(0);
  });
});
