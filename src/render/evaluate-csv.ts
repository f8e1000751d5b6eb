import { ceilToString, fenToString, roundToString } from '../core/money.js';
import { rememberFew } from '../core/few-values.js';
import type { Lang } from '../core/lang.js';
import type { CompoundEvaluation } from '../model/evaluate-compound.js';
import { t } from '../present/labels/index.js';
import { neutraliseCell } from './cell-safety.js';
import { csvField, csvNumberField } from './csv.js';

/** The verdict column's two fields, by language (labels never change during a run). */
const VERDICTS = new Map<Lang, [viable: string, notViable: string]>();

function verdicts(lang: Lang): [string, string] {
  let v = VERDICTS.get(lang);
  if (v === undefined) {
    v = [csvField(neutraliseCell(t(lang, 'common.viable'))), csvField(neutraliseCell(t(lang, 'common.notViable')))];
    VERDICTS.set(lang, v);
  }
  return v;
}

/** A fee solved by the model as its cell writes it in CSV: rounded up to 2 decimals, "—" when none. */
const chargeField = (x: number | null): string => (x === null ? '—' : csvNumberField(ceilToString(x, 2)));

/** chargeField of compounds' fee rates, which take few distinct values: each printed once. */
const feeRateField = rememberFew(chargeField);

/**
 * One compound's row of `evaluate --format csv`, with the line end before it:
 * `csvRow(evaluateTable(lang), evaluateRowCells(evaluateRow(e), lang), true)`, the same text
 * character for character (test/render/evaluate-csv.test.ts holds it to that), written directly.
 * Building ten cells a compound (objects, grouped digits, then ungrouped again for CSV) made the
 * CSV output cost twice the JSON. The columns and their rounding are evaluateRowCells'
 * (src/present/evaluate.ts): a column changed there must change here too, and the test says so.
 * Money is `fenToString` of integer fen, exact.
 */
export function evaluateCsvRow(e: CompoundEvaluation, lang: Lang): string {
  const [viable, notViable] = verdicts(lang);
  const c = e.compound;
  return (
    `\r\n${csvField(neutraliseCell(c.id))},${csvField(neutraliseCell(c.name))},${feeRateField(c.fee_rate)},${chargeField(e.breakEvenFee)}` +
    `,${fenToString(e.revenue)},${fenToString(e.cost)},${fenToString(e.profit)}` +
    `,${e.margin === null ? '—' : csvNumberField(`${roundToString(e.margin * 100, 1)}%`)}` +
    `,${e.viable ? viable : notViable},${fenToString(e.subsidyNeeded)}`
  );
}
