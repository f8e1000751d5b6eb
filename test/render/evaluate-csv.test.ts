import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCompounds } from '../../src/io/read-compounds.js';
import { evaluateCompound, type CompoundEvaluation } from '../../src/model/evaluate-compound.js';
import { evaluateRow, evaluateRowCells, evaluateTable } from '../../src/present/evaluate.js';
import { csvRow } from '../../src/render/csv.js';
import { evaluateCsvRow } from '../../src/render/evaluate-csv.js';
import type { Lang } from '../../src/core/lang.js';
import { compound } from '../helpers/compounds.js';
import { compoundFields } from '../helpers/arbitraries.js';
import { coefficients } from '../helpers/params.js';

// evaluateCsvRow is the streamed `evaluate --format csv` writer; csvRow of the view's cells is the
// definition it must match character for character.
const k = coefficients('2025-07-01');
const viaCells = (e: CompoundEvaluation, lang: Lang) => csvRow(evaluateTable(lang), evaluateRowCells(evaluateRow(e), lang), true);

describe('evaluateCsvRow', () => {
  it('writes what csvRow writes of the view cells, for every fixture compound in both languages', async () => {
    for (const file of ['fixtures/case-study.csv', 'fixtures/district.csv']) {
      const { compounds } = await readCompounds(file);
      for (const c of compounds) {
        const e = evaluateCompound(c, k);
        for (const lang of ['en', 'zh'] as const) expect(evaluateCsvRow(e, lang)).toBe(viaCells(e, lang));
      }
    }
  });

  it('quotes, neutralises formulas and writes "—" for a missing fee and margin', () => {
    // Nothing collected: no fee can break even, no revenue, so no margin.
    const c = compound({ id: '=1+2', name: 'a "b", c', fee_rate: 0, collection_rate: 0 });
    const e = evaluateCompound(c, k);
    expect(e.breakEvenFee).toBeNull();
    expect(e.margin).toBeNull();
    const row = evaluateCsvRow(e, 'en');
    expect(row).toBe(viaCells(e, 'en'));
    // '=1+2 is neutralised, the name quoted with its quotes doubled; fee 0.00, break-even and margin "—".
    expect(row.startsWith(`\r\n'=1+2,"a ""b"", c",0.00,—,`)).toBe(true);
    expect(row.split(',').at(-3)).toBe('—');
  });

  it('writes large amounts ungrouped: 1234567.89 yuan, not 1,234,567.89', () => {
    // 10,000 m² at 9.99 yuan/m²/month, all collected: 10,000 × 9.99 × 12 = 1,198,800.00 yuan billed.
    const e = evaluateCompound(compound({ id: 'big', area_m2: 10_000, households: 100, fee_rate: 9.99, collection_rate: 1 }), k);
    const row = evaluateCsvRow(e, 'zh');
    expect(row).toBe(viaCells(e, 'zh'));
    // Net revenue is over a million yuan (about 1,198,800 less VAT): one field, no separators.
    expect(row.split(',')[4]).toMatch(/^\d{7}\.\d{2}$/);
  });

  it('matches on random compounds', () => {
    const arb = compoundFields;
    fc.assert(
      fc.property(arb, fc.constantFrom('en' as const, 'zh' as const), (over, lang) => {
        const e = evaluateCompound(compound(over), k);
        expect(evaluateCsvRow(e, lang)).toBe(viaCells(e, lang));
      }),
      { numRuns: 2000 },
    );
  });
});
