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

  it('keeps ids apart when the first id beyond Latin-1 comes after many that are not', () => {
    // 70,000 ASCII ids fill past the first 64 Ki characters of one byte each; then Chinese ids
    // (two bytes each) arrive, and every earlier id must still be found on its own line.
    const index = new IdIndex();
    for (let i = 0; i < 70_000; i++) expect(index.addOrFirstLine(`A${i}`, i + 2)).toBe(0);
    expect(index.addOrFirstLine('京剧院1', 70_002)).toBe(0);
    expect(index.addOrFirstLine('é', 70_003)).toBe(0); // Latin-1, stored with the wide ones now
    for (let i = 0; i < 70_000; i += 701) expect(index.addOrFirstLine(`A${i}`, 1)).toBe(i + 2);
    expect(index.addOrFirstLine('京剧院1', 1)).toBe(70_002);
    expect(index.addOrFirstLine('京剧院2', 70_004)).toBe(0);
    expect(index.addOrFirstLine('é', 1)).toBe(70_003);
    expect(index.size).toBe(70_003);
  });
});
