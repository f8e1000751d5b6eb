import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCompounds } from '../../src/io/read-compounds.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { CompoundResultSchema, compoundResult, compoundResultJson, compoundResultJsonParts } from '../../src/present/evaluate.js';
import { compound } from '../helpers/compounds.js';
import { compoundFields } from '../helpers/arbitraries.js';
import { coefficients } from '../helpers/params.js';

// compoundResultJson is the streamed evaluate's fast writer; compoundResult + JSON.stringify is
// the definition it must match character for character.
const k = coefficients('2025-07-01');

describe('compoundResultJson', () => {
  it('writes what JSON.stringify(compoundResult) writes, for every fixture compound in both languages', async () => {
    for (const file of ['fixtures/case-study.csv', 'fixtures/district.csv']) {
      const { compounds } = await readCompounds(file);
      for (const c of compounds) {
        const e = evaluateCompound(c, k);
        for (const lang of ['en', 'zh'] as const) {
          for (const detail of [false, true]) {
            const text = compoundResultJson(e, lang, detail);
            expect(text).toBe(JSON.stringify(compoundResult(e, lang, detail)));
            const parsed = CompoundResultSchema.parse(JSON.parse(text));
            // Lean by default: the cost lines only with --detail.
            expect(parsed.costLines === undefined).toBe(!detail);
          }
        }
      }
    }
  });

  it('escapes ids and names, and writes null fees and margins as JSON does', () => {
    // Nothing collected: no fee can break even (null), no revenue (null margin).
    const c = compound({ id: 'a"b\\c', name: 'line\nbreak\u0001', fee_rate: 0, collection_rate: 0 });
    const e = evaluateCompound(c, k);
    expect(e.breakEvenFee).toBeNull();
    expect(e.margin).toBeNull();
    const text = compoundResultJson(e, 'en');
    expect(text).toBe(JSON.stringify(compoundResult(e, 'en')));
    expect(JSON.parse(text)).toMatchObject({ id: 'a"b\\c', name: 'line\nbreak\u0001', breakEvenFee: null, margin: null });
  });

  it('matches on random compounds', () => {
    const arb = compoundFields;
    fc.assert(
      fc.property(arb, fc.constantFrom('en' as const, 'zh' as const), fc.boolean(), (over, lang, detail) => {
        const e = evaluateCompound(compound(over), k);
        expect(compoundResultJson(e, lang, detail)).toBe(JSON.stringify(compoundResult(e, lang, detail)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('compoundResultJsonParts', () => {
  it('keeps the name apart, as JSON', async () => {
    const { compounds } = await readCompounds('fixtures/case-study.csv');
    const [head, name, tail] = compoundResultJsonParts(evaluateCompound(compounds[0]!, k), 'zh');
    expect(head).toBe('{"id":"JJY","name":');
    expect(name).toBe('"京剧院小区"');
    expect(tail.startsWith(',"feeRate":0.45,')).toBe(true);
  });
});
