import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUSING_TYPES } from '../../src/core/compound.js';
import { memberNet, memberRevenue } from '../../src/model/evaluate-unit.js';
import { compound, JJY, YYHY } from '../helpers/compounds.js';
import { coefficients } from '../helpers/params.js';

// memberNet is the sweep's allocation-free twin of memberRevenue(c, k).net: they must never differ.
describe('memberNet', () => {
  const k = coefficients('2025-07-01');
  const taxedSubsidy = coefficients('2025-07-01', { tax: { subsidy_taxable: { value: 1 } } });

  it('is memberRevenue(c, k).net for the case-study compounds', () => {
    for (const c of [JJY, YYHY]) expect(memberNet(c, k)).toBe(memberRevenue(c, k).net);
  });

  it('is memberRevenue(c, k).net on random compounds, subsidies taxed or not', () => {
    fc.assert(
      fc.property(
        fc.record({
          area_m2: fc.double({ min: 1, max: 200_000, noNaN: true }),
          fee_rate: fc.double({ min: 0, max: 20, noNaN: true }),
          housing_type: fc.constantFrom(...HOUSING_TYPES),
          collection_rate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
          other_income: fc.double({ min: 0, max: 1e6, noNaN: true }),
          subsidy: fc.double({ min: 0, max: 1e6, noNaN: true }),
        }),
        fc.boolean(),
        (over, taxed) => {
          const c = compound({ id: 'X', ...over });
          const kk = taxed ? taxedSubsidy : k;
          expect(memberNet(c, kk)).toBe(memberRevenue(c, kk).net);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
