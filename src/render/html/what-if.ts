import type { ReportData, WhatIfPoint, WhatIfSeries } from '../../analyses/report-data.js';
import { formatDecimal, formatInt, formatMoney, formatPercent } from '../../present/format.js';
import type { Lang } from '../../core/lang.js';
import { axisMoney } from './cost-bars.js';
import { axisTitle, xAxis, yGrid } from './axes.js';
import { esc, n1 } from './escape.js';
import { t, unitName } from '../../present/labels/index.js';
import { niceCeil, ticks } from './scale.js';

const WIDTH = 1000;
const LEFT = 64;
const RIGHT = 12;
const TOP = 26;
const SUBSIDY_H = 170;
const GAP = 40;
const VIABLE_H = 100;
const BOTTOM = 34;
/** At most about this many x labels; the others are left to the hover text. */
const MAX_X_LABELS = 20;

/** Decimals that show every swept value exactly as it was asked for (0.1:0.3:0.1 → 1). */
export function valueDecimals(values: readonly number[]): number {
  let d = 0;
  for (const v of values) d = Math.max(d, (String(v).split('.')[1] ?? '').length);
  return Math.min(d, 6);
}

function xLabels(s: WhatIfSeries): string[] {
  if (s.kind === 'years') return s.points.map((p) => p.date!.slice(0, 4));
  const d = valueDecimals(s.points.map((p) => p.x));
  return s.points.map((p) => formatDecimal(p.x, d));
}

function title(s: WhatIfSeries, lang: Lang): string {
  if (s.kind === 'sweep') return t(lang, 'report.whatif.sweep.title', { key: s.key });
  const rate = (g: number) => `${g >= 0 ? '+' : ''}${formatPercent(g, 1)}`;
  return t(lang, 'report.whatif.years.title', { n: formatInt(s.points.length - 1), wage: rate(s.wageGrowth), fee: rate(s.feeGrowth) });
}

function note(s: WhatIfSeries, lang: Lang): string {
  if (s.kind === 'years') return t(lang, 'report.whatif.years.note', { date: s.asOf });
  return t(lang, s.keyKind === 'field' ? 'report.whatif.sweep.noteField' : 'report.whatif.sweep.noteParam', { key: s.key });
}

function pointTip(p: WhatIfPoint, x: string, compounds: number, lang: Lang): string {
  const lines = [
    `${x}: ${t(lang, 'report.whatif.subsidy')} ${formatMoney(p.subsidyNeeded)}`,
    t(lang, 'report.whatif.tipViable', { n: formatInt(p.viable), total: formatInt(compounds) }),
    t(lang, 'report.whatif.tipProfit', { amount: formatMoney(p.profit) }),
  ];
  if (p.failing.length) lines.push(t(lang, 'report.whatif.tipFailing', { units: p.failing.map((id) => unitName(lang, id)).join(', ') }));
  return lines.join('\n');
}

/**
 * One what-if chart: the subsidy the arrangement needs at each point (line) over the compounds in
 * viable units (columns), sharing the x axis; dashed lines where the verdict changes.
 */
export function renderWhatIf(s: WhatIfSeries, data: ReportData, lang: Lang, index: number): string {
  const pts = s.points;
  const xs = xLabels(s);
  const plotW = WIDTH - LEFT - RIGHT;
  const band = plotW / Math.max(1, pts.length);
  const cx = (i: number) => LEFT + band * (i + 0.5);
  const height = TOP + SUBSIDY_H + GAP + VIABLE_H + BOTTOM;
  const top2 = TOP + SUBSIDY_H + GAP;

  let maxSubsidy = 0;
  let maxViable = 1;
  for (const p of pts) {
    maxSubsidy = Math.max(maxSubsidy, p.subsidyNeeded / 100);
    maxViable = Math.max(maxViable, p.viable);
  }
  const money = ticks(maxSubsidy, 4);
  // Counts are whole compounds: no tick at 2.5.
  const countStep = Math.max(1, niceCeil(maxViable / 4));
  const countMax = Math.ceil(maxViable / countStep) * countStep;
  const countTicks = Array.from({ length: countMax / countStep + 1 }, (_, i) => i * countStep);
  const y1 = (yuan: number) => TOP + SUBSIDY_H * (1 - yuan / money.max);
  const y2 = (n: number) => top2 + VIABLE_H * (1 - n / countMax);

  const grid = yGrid(money.values, y1, (v) => axisMoney(v, money.step, lang), LEFT, WIDTH - RIGHT) + yGrid(countTicks, y2, formatInt, LEFT, WIDTH - RIGHT);
  const titles = axisTitle(LEFT - 56, TOP - 10, t(lang, 'report.whatif.subsidy')) + axisTitle(LEFT - 56, top2 - 10, t(lang, 'report.whatif.viable'));
  const flips = pts
    .map((p, i) => (p.flip ? `<line data-flip="${i}" class="flip" x1="${n1(cx(i))}" x2="${n1(cx(i))}" y1="${TOP}" y2="${top2 + VIABLE_H}"/>` : ''))
    .join('');
  const line = `<polyline class="whatif-line" points="${pts.map((p, i) => `${n1(cx(i))},${n1(y1(p.subsidyNeeded / 100))}`).join(' ')}"/>`;
  const every = Math.max(1, Math.ceil(pts.length / MAX_X_LABELS));
  const barW = Math.max(1, Math.min(band * 0.6, 40));
  const points = pts.map((p, i) => {
    const yb = y2(p.viable);
    const parts = [
      `<title>${esc(pointTip(p, xs[i]!, data.summary.compounds, lang))}</title>`,
      `<rect class="whatif-bar" x="${n1(cx(i) - barW / 2)}" y="${n1(yb)}" width="${n1(barW)}" height="${n1(top2 + VIABLE_H - yb)}"/>`,
      `<circle class="whatif-dot" cx="${n1(cx(i))}" cy="${n1(y1(p.subsidyNeeded / 100))}" r="3"/>`,
    ];
    if (i % every === 0 || i === pts.length - 1) parts.push(`<text class="xlabel" x="${n1(cx(i))}" y="${top2 + VIABLE_H + 16}" text-anchor="middle">${esc(xs[i]!)}</text>`);
    return `<g data-point="whatif" data-x="${p.x}">${parts.join('')}</g>`;
  });
  const axes = xAxis(TOP + SUBSIDY_H, LEFT, WIDTH - RIGHT) + xAxis(top2 + VIABLE_H, LEFT, WIDTH - RIGHT);
  const xTitle = axisTitle(LEFT + plotW / 2, height - 4, s.kind === 'years' ? t(lang, 'report.whatif.year') : s.key, 'middle');
  const svg = `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(title(s, lang))}">${grid}${titles}${flips}${points.join('')}${line}${axes}${xTitle}</svg>`;
  const legend =
    `<ul class="legend"><li><span class="sw sw-line-whatif"></span>${esc(t(lang, 'report.whatif.subsidy'))}</li>` +
    `<li><span class="sw whatif-bar"></span>${esc(t(lang, 'report.whatif.viable'))}</li>` +
    `<li><span class="sw sw-flip"></span>${esc(t(lang, s.kind === 'years' ? 'report.whatif.flipYears' : 'report.whatif.flipSweep'))}</li></ul>`;
  return (
    `<section id="whatif-${index + 1}" data-whatif="${s.kind}"><h2>${esc(title(s, lang))}</h2>\n<p class="note">${esc(note(s, lang))}</p>\n` +
    `<figure>${svg}<figcaption>${legend}</figcaption></figure></section>`
  );
}
