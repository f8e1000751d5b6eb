import { ceilToString } from '../../core/money.js';
import { VERDICTS } from '../../core/verdict.js';
import type { ReportCompound, ReportData } from '../../analyses/report-data.js';
import { formatDecimal, formatInt, groupDigits } from '../../present/format.js';
import type { Lang } from '../../core/lang.js';
import { esc } from './escape.js';
import { label } from './labels.js';

/** A fee charged, two decimals: 0.455 → "0.46". */
export function feeText(x: number): string {
  return formatDecimal(x, 2);
}

/** The fee charged, and the scenario's fee when it changes it: "0.45 → 1.49". */
export function feeChangeText(c: ReportCompound): string {
  return c.feeRateAfter === c.feeRate ? feeText(c.feeRate) : `${feeText(c.feeRate)} → ${feeText(c.feeRateAfter)}`;
}

/**
 * A break-even fee, rounded UP to the fen: charging the printed fee does break even (as the JSON
 * of `evaluate` does). "—" when no fee can.
 */
export function breakEvenText(x: number | null): string {
  return x === null ? '—' : groupDigits(ceilToString(x, 2));
}

/** The hover text of a compound (map mark, chart column): who, verdict, unit, fees. */
export function compoundTip(c: ReportCompound, lang: Lang): string {
  const fees = [label(lang, 'tip.fee', { fee: feeChangeText(c) }), label(lang, 'tip.breakEven', { fee: breakEvenText(c.breakEvenFee) })];
  if (c.role !== 'alone') fees.push(label(lang, 'tip.share', { fee: breakEvenText(c.shareFee) }));
  return [
    `${c.id} ${c.name} · ${label(lang, 'tip.households', { n: formatInt(c.households) })}`,
    label(lang, `verdict.${c.verdict}`),
    label(lang, 'tip.unit', { unit: c.unit, kind: label(lang, `role.${c.role}`) }),
    fees.join(' · '),
  ].join('\n');
}

/** Legend items of the verdict colours, with how many compounds each has. */
export function verdictLegend(data: ReportData, lang: Lang): string {
  return VERDICTS.map((v) => {
    const n = data.compounds.filter((c) => c.verdict === v).length;
    return `<li><span class="sw v-${v}"></span>${esc(label(lang, `verdict.${v}`))} (${formatInt(n)})</li>`;
  }).join('');
}
