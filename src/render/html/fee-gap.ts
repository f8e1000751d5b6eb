import type { ReportCompound, ReportData } from '../../analyses/report-data.js';
import { formatDecimal, formatInt } from '../../present/format.js';
import type { Lang } from '../../core/lang.js';
import { axisTitle, columnLabel, columnLabelRoom, xAxis, yGrid } from './axes.js';
import { esc, n1 } from './escape.js';
import { t } from '../../present/labels/index.js';
import { compoundName, compoundTip, feeText } from './parts.js';
import { quantile, ticks } from './scale.js';

const WIDTH = 1000;
const LEFT = 52;
const RIGHT = 12;
const TOP = 30;
const PLOT_H = 240;
/** Up to this many compounds, each column is labelled with its name. */
const LABEL_MAX = 40;

/**
 * The top of the fee axis. Break-even fees of tiny compounds run to tens of yuan while fees are
 * around 0.3–3, so the axis stops at a round value above every fee charged and nine in ten
 * break-even fees; taller columns are cut and marked.
 */
export function feeAxisMax(compounds: readonly ReportCompound[]): number {
  let top = 0.1;
  for (const c of compounds) top = Math.max(top, c.feeRate, c.feeRateAfter);
  const breakEven = compounds.flatMap((c) => (c.breakEvenFee === null ? [] : [c.breakEvenFee]));
  top = Math.max(top, quantile(breakEven, 0.9) ?? 0);
  return ticks(top * 1.02).max;
}

/** The chart of the fee charged against the break-even fee, one column per compound. */
export function renderFeeGap(data: ReportData, lang: Lang): string {
  const shown = data.compounds.filter((c) => c.breakEvenFee !== null);
  // Both sides on the data as read: the fee charged now against the fee that would cover the cost alone.
  const gap = (c: ReportCompound) => c.breakEvenFee! - c.feeRate;
  shown.sort((a, b) => gap(b) - gap(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const axis = ticks(feeAxisMax(shown));
  const yMax = axis.max;
  const labelled = shown.length <= LABEL_MAX;
  const bottom = labelled ? columnLabelRoom(shown.map(compoundName), 64) : 28;
  const height = TOP + PLOT_H + bottom;
  const plotW = WIDTH - LEFT - RIGHT;
  const band = plotW / Math.max(1, shown.length);
  const barW = Math.max(1, Math.min(band * 0.72, 36));
  const y = (v: number) => TOP + PLOT_H * (1 - Math.min(v, yMax) / yMax);
  const decimals = Math.max(0, -Math.floor(Math.log10(axis.step)));

  const grid = yGrid(axis.values, y, (v) => formatDecimal(v, decimals), LEFT, WIDTH - RIGHT);
  let clipped = 0;
  const columns = shown.map((c, i) => {
    const cx = LEFT + band * (i + 0.5);
    const be = c.breakEvenFee!;
    const fee = c.feeRate;
    const top = y(Math.max(be, fee));
    const low = y(Math.min(be, fee));
    const cls = be > fee ? 'gap-short' : 'gap-covered';
    const parts = [`<title>${esc(compoundTip(c, lang))}</title>`, `<rect class="${cls}" x="${n1(cx - barW / 2)}" y="${n1(top)}" width="${n1(barW)}" height="${n1(Math.max(1, low - top))}"/>`];
    if (be > yMax) {
      clipped++;
      parts.push(`<path data-clipped="1" class="clip" d="M${n1(cx)} ${n1(TOP - 9)}l${n1(Math.max(2.5, barW / 2))} 7h${n1(-2 * Math.max(2.5, barW / 2))}z"/>`);
    }
    const tick = Math.max(barW + 2, 4);
    parts.push(`<line class="fee-tick" x1="${n1(cx - tick / 2)}" x2="${n1(cx + tick / 2)}" y1="${n1(y(fee))}" y2="${n1(y(fee))}"/>`);
    if (c.role !== 'alone' && c.shareFee !== null) parts.push(`<circle class="share-dot" cx="${n1(cx)}" cy="${n1(y(c.shareFee))}" r="${n1(Math.max(1.6, Math.min(3.5, barW / 2)))}"/>`);
    if (labelled) parts.push(columnLabel(cx, TOP + PLOT_H, compoundName(c)));
    return `<g data-bar="fee-gap" data-id="${esc(c.id)}">${parts.join('')}</g>`;
  });
  const yTitle = axisTitle(LEFT - 44, 12, t(lang, 'report.fees.axis'));
  const xTitle = labelled ? '' : axisTitle(LEFT + plotW / 2, height - 8, t(lang, 'report.fees.xAxis'), 'middle');
  const svg = `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(t(lang, 'report.fees.title'))}">${grid}${yTitle}${columns.join('')}${xAxis(TOP + PLOT_H, LEFT, WIDTH - RIGHT)}${xTitle}</svg>`;

  const notes: string[] = [];
  if (clipped) notes.push(t(lang, 'report.fees.clipped', { n: formatInt(clipped), max: feeText(yMax) }));
  const noFee = data.compounds.length - shown.length;
  if (noFee) notes.push(t(lang, 'report.fees.noFee', { n: formatInt(noFee) }));
  const legend =
    `<ul class="legend"><li><span class="sw gap-short"></span>${esc(t(lang, 'report.fees.short'))}</li>` +
    `<li><span class="sw gap-covered"></span>${esc(t(lang, 'report.fees.covered'))}</li>` +
    `<li><span class="sw sw-tick"></span>${esc(t(lang, 'report.fees.charged'))}</li>` +
    `<li><span class="sw sw-dot"></span>${esc(t(lang, 'report.fees.share'))}</li></ul>`;
  return (
    `<section id="fees"><h2>${esc(t(lang, 'report.fees.title'))}</h2>\n<p class="note">${esc(t(lang, 'report.fees.note'))}</p>\n` +
    `<figure>${svg}<figcaption>${legend}${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('')}</figcaption></figure></section>`
  );
}
