import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUSING_TYPES, SERVICE_LEVELS } from '../../src/core/compound.js';
import { InputError } from '../../src/core/errors.js';
import { readCompounds } from '../../src/io/read-compounds.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { evaluateUnit, type UnitEvaluation } from '../../src/model/evaluate-unit.js';
import { compound } from '../helpers/compounds.js';
import { coefficients } from '../helpers/params.js';

// `lines: false` (evaluate's lean outputs) prices the same lines without keeping them: every
// figure must be the one the full evaluation gives, only `lines` is empty.
const k = coefficients('2025-07-01');
const withoutLines = (u: UnitEvaluation) => ({ ...u, lines: [] });

describe('evaluateUnit with lines: false', () => {
  it('gives the same figures as with the lines, alone and in units, on the district', async () => {
    const { compounds } = await readCompounds('fixtures/district.csv');
    for (const c of compounds) {
      const full = evaluateCompound(c, k);
      const lean = evaluateCompound(c, k, { lines: false });
      expect(lean.lines).toEqual([]);
      // The cost is the sum of the lines it did not keep.
      expect(lean.cost).toBe(full.lines.reduce((s, l) => s + l.amount, 0));
      expect(lean).toEqual(withoutLines(full));
    }
    for (let i = 0; i + 4 <= compounds.length; i += 4) {
      const members = compounds.slice(i, i + 4);
      expect(evaluateUnit(members, k, { lines: false })).toEqual(withoutLines(evaluateUnit(members, k)));
    }
  });

  it('on random compounds', () => {
    const arb = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      area_m2: fc.double({ min: 1, max: 200_000, noNaN: true }),
      households: fc.integer({ min: 1, max: 3000 }),
      fee_rate: fc.double({ min: 0, max: 20, noNaN: true }),
      housing_type: fc.constantFrom(...HOUSING_TYPES),
      service_level: fc.constantFrom(...SERVICE_LEVELS),
      elevators: fc.integer({ min: 0, max: 40 }),
      built_year: fc.option(fc.integer({ min: 1900, max: 2025 })),
      gates: fc.integer({ min: 0, max: 5 }),
      water_tanks: fc.integer({ min: 0, max: 8 }),
      green_area_m2: fc.double({ min: 0, max: 50_000, noNaN: true }),
      collection_rate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
      other_income: fc.double({ min: 0, max: 1e6, noNaN: true }),
      subsidy: fc.double({ min: 0, max: 1e6, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, (over) => {
        const c = compound(over);
        expect(evaluateCompound(c, k, { lines: false })).toEqual(withoutLines(evaluateCompound(c, k)));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses amounts too large to add up as the full evaluation does, naming the compound', () => {
    // 10^20 m²: its electricity alone is past 2^53 fen.
    const big = compound({ id: 'B1', area_m2: 1e20, households: 12 });
    const refusal = (lines: boolean) => {
      try {
        evaluateCompound(big, k, { lines });
      } catch (e) {
        return e instanceof InputError ? e.problems : e;
      }
      return 'no error';
    };
    const full = refusal(true);
    expect(full).toMatchObject([{ code: 'AMOUNT_TOO_LARGE' }]);
    expect(refusal(false)).toEqual(full);
  });
});
