import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { readCompounds } from '../../src/io/read-compounds.js';
import { evaluateCompound } from '../../src/model/evaluate-compound.js';
import { evaluateUnit, type UnitEvaluation } from '../../src/model/evaluate-unit.js';
import { compound } from '../helpers/compounds.js';
import { compoundFields } from '../helpers/arbitraries.js';
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
    const arb = compoundFields;
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
