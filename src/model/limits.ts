/**
 * The figures of one compound the model can hold whatever the parameters: amounts are exact
 * integers of fen only below 2^53 fen (≈ 90 trillion yuan a year). `evaluate` finds a figure too
 * large when it adds up the lines (src/model/evaluate-unit.ts, AMOUNT_TOO_LARGE); `validate`,
 * which runs no model, checks these bounds so that it refuses what `evaluate` would (an area of
 * 1e308 m² once passed `validate` and failed `evaluate`).
 */
import type { Compound } from '../core/compound.js';
import { InputError } from '../core/errors.js';

/** 2^53 fen, in yuan. */
const MAX_YUAN = Number.MAX_SAFE_INTEGER / 100;

/**
 * Largest floor or green area: a cost of 100 yuan per m² a month (far above any line of the
 * model) must stay exact over a year. 7.5·10^10 m² is twelve times Shanghai's land area.
 */
export const MAX_AREA_M2 = Math.floor(MAX_YUAN / (12 * 100));

/** Throws AMOUNT_TOO_LARGE (exit 2) at the compound's line when a figure is beyond the model. */
export function checkModelLimits(c: Compound, file: string): void {
  const yearlyFees = c.area_m2 * c.fee_rate * 12;
  const bad =
    c.area_m2 > MAX_AREA_M2 ? 'area_m2' :
    c.green_area_m2 > MAX_AREA_M2 ? 'green_area_m2' :
    !(yearlyFees <= MAX_YUAN) ? 'fee_rate' :
    !(c.other_income <= MAX_YUAN) ? 'other_income' :
    !(c.subsidy <= MAX_YUAN) ? 'subsidy' : undefined;
  if (bad === undefined) return;
  throw new InputError({
    code: 'AMOUNT_TOO_LARGE',
    message: `the yearly amounts of compound "${c.id}" exceed 90 trillion yuan, too large to add up exactly`,
    where: { file: c.source?.file ?? file, ...(c.source ? { line: c.source.line } : {}), field: bad },
    hint: bad === 'fee_rate' ? 'check its area and fee' : `check ${bad}`,
  });
}
