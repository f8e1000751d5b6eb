import type { ReportData } from '../../analyses/report-data.js';
import { formatMoney } from '../../present/format.js';
import type { Lang } from '../../core/lang.js';
import { axisMoney } from './cost-bars.js';
import { axisTitle } from './axes.js';
import { esc, n1 } from './escape.js';
import { t as label } from '../../present/labels/index.js';
import { ticks } from './scale.js';

const WIDTH = 1000;
const LEFT = 300;
const RIGHT = 20;
const TOP = 28;
const ROW_H = 22;
const ROWS = 12;

/**
 * The tornado (issue 14): one bar per parameter from its profit at the low of its range to its
 * profit at the high, around a line at the profit with every value in force; the largest swings
 * on top. A bar is red when that parameter alone flips the verdict. Drawn only with --draws.
 */
export function renderTornado(data: ReportData, lang: Lang): string {
  const u = data.uncertainty;
  if (!u) return '';
  const t = u.tornado;
  const rows = t.rows.slice(0, ROWS);
  const values = [t.base, ...rows.flatMap((r) => [r.valueLow, r.valueHigh])].map((f) => f / 100);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const axis = ticks(Math.max(Math.abs(lo), Math.abs(hi)));
  const span = axis.max;
  const min = lo < 0 ? -span : 0;
  const max = hi > 0 ? span : 0;
  const plotW = WIDTH - LEFT - RIGHT;
  const x = (yuan: number) => LEFT + (plotW * (yuan - min)) / (max - min || 1);
  const height = TOP + rows.length * ROW_H + 40;
  const grid = [...axis.values.map((v) => -v).filter((v) => v >= min && v < 0), ...axis.values.filter((v) => v <= max)]
    .map((v) => `<line class="grid" x1="${n1(x(v))}" x2="${n1(x(v))}" y1="${TOP - 6}" y2="${TOP + rows.length * ROW_H}"/><text class="tick" x="${n1(x(v))}" y="${TOP + rows.length * ROW_H + 14}" text-anchor="middle">${esc(axisMoney(v, axis.step, lang))}</text>`)
    .join('');
  const bars = rows.map((r, i) => {
    const y = TOP + i * ROW_H;
    const a = x(Math.min(r.valueLow, r.valueHigh) / 100);
    const b = x(Math.max(r.valueLow, r.valueHigh) / 100);
    const cls = r.flipsVerdict ? 'v-unviable' : 'v-viable';
    const tip = `${r.key}: ${r.low} → ${formatMoney(r.valueLow)} · ${r.high} → ${formatMoney(r.valueHigh)}`;
    const lx = x(r.valueLow / 100);
    const hx = x(r.valueHigh / 100);
    return (
      `<g data-bar="tornado" data-key="${esc(r.key)}" data-flips="${r.flipsVerdict}"><title>${esc(tip)}</title>` +
      `<text class="tick" x="${LEFT - 8}" y="${n1(y + ROW_H * 0.65)}" text-anchor="end">${esc(r.key)}</text>` +
      `<rect class="${cls}" x="${n1(a)}" y="${n1(y + 3)}" width="${n1(Math.max(1, b - a))}" height="${ROW_H - 6}"/>` +
      `<text class="tick" x="${n1(lx + (lx <= hx ? -3 : 3))}" y="${n1(y + ROW_H * 0.65)}" text-anchor="${lx <= hx ? 'end' : 'start'}">L</text>` +
      `<text class="tick" x="${n1(hx + (hx >= lx ? 3 : -3))}" y="${n1(y + ROW_H * 0.65)}" text-anchor="${hx >= lx ? 'start' : 'end'}">H</text></g>`
    );
  });
  const baseLine = `<line class="axis" x1="${n1(x(t.base / 100))}" x2="${n1(x(t.base / 100))}" y1="${TOP - 8}" y2="${TOP + rows.length * ROW_H + 2}"/>`;
  const title = t.id === null ? label(lang, 'report.tornado.title') : label(lang, 'report.tornado.titleOf', { id: t.id });
  const svg =
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(title)}">${grid}${bars.join('')}${baseLine}` +
    `${axisTitle(LEFT + plotW / 2, height - 6, label(lang, 'report.tornado.axis'), 'middle')}</svg>`;
  const note = label(lang, 'report.tornado.note', {
    base: formatMoney(t.base),
    draws: u.draws,
    seed: u.seed,
    p50: formatMoney(u.subsidy.p50),
    p5: formatMoney(u.subsidy.p5),
    p95: formatMoney(u.subsidy.p95),
  });
  return `<section id="tornado"><h2>${esc(title)}</h2>\n<p class="note">${esc(note)}</p>\n<figure>${svg}</figure></section>`;
}
