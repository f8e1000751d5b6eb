import { ceilToString } from '../../core/money.js';
import { VERDICTS } from '../../core/verdict.js';
import type { ReportCompound, ReportData, ReportUnit } from '../../analyses/report-data.js';
import { formatDecimal, formatInt, groupDigits } from '../../present/format.js';
import type { Lang } from '../../core/lang.js';
import { esc } from './escape.js';
import { t, unitName } from '../../present/labels/index.js';

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
  const fees = [t(lang, 'report.tip.fee', { fee: feeChangeText(c) }), t(lang, 'report.tip.breakEven', { fee: breakEvenText(c.breakEvenFee) })];
  if (c.role !== 'alone') fees.push(t(lang, 'report.tip.share', { fee: breakEvenText(c.shareFee) }));
  return [
    `${c.id} ${c.name} · ${t(lang, 'report.tip.households', { n: formatInt(c.households) })}`,
    t(lang, `report.verdict.${c.verdict}`),
    t(lang, 'report.tip.unit', { unit: unitName(lang, c.unit), kind: t(lang, `report.role.${c.role}`) }),
    fees.join(' · '),
  ].join('\n');
}

/** Legend items of the verdict colours, with how many compounds each has. */
export function verdictLegend(data: ReportData, lang: Lang): string {
  return VERDICTS.map((v) => {
    const n = data.compounds.filter((c) => c.verdict === v).length;
    return `<li><span class="sw v-${v}"></span>${esc(t(lang, `report.verdict.${v}`))} (${formatInt(n)})</li>`;
  }).join('');
}

/** A compound's name as charts and the map show it: its name, or its id when it has none. */
export function compoundName(c: { id: string; name: string }): string {
  return c.name.trim() || c.id;
}

/**
 * A unit's name as charts and the map show it: a cluster by its name, a compound alone by the
 * compound's name, an attached unit by its host's name and how many it takes in.
 */
export function unitTitle(u: ReportUnit, names: ReadonlyMap<string, string>, lang: Lang): string {
  if (u.kind === 'cluster') return unitName(lang, u.id);
  const first = u.host ?? u.members[0] ?? u.id;
  const name = names.get(first) ?? first;
  return u.kind === 'attached' ? t(lang, 'report.unitName.attached', { host: name, n: u.members.length - 1 }) : name;
}
