import { COST_CATEGORIES } from '../../core/categories.js';
import type { ReportData, ReportUnit } from '../../analyses/report-data.js';
import { formatDecimal, formatMoney } from '../../present/format.js';
import type { Lang } from '../../core/lang.js';
import { axisTitle, columnLabel, columnLabelRoom, xAxis, yGrid } from './axes.js';
import { esc, n1 } from './escape.js';
import { t, unitName } from '../../present/labels/index.js';
import { compoundName, unitTitle } from './parts.js';
import { ticks } from './scale.js';

const WIDTH = 1000;
const LEFT = 52;
const RIGHT = 12;
const TOP = 24;
const PLOT_H = 260;
const LABEL_MAX = 40;
const MEMBERS_IN_TIP = 8;

/**
 * An amount on the axis, in the units a reader of the language counts in: thousands in English
 * ("250k"), 万 (ten thousand) in Chinese ("25万"). `step` sets the decimals.
 */
export function axisMoney(yuan: number, step: number, lang: Lang): string {
  if (yuan === 0) return '0';
  const [unit, suffix] = lang === 'zh' ? (step >= 10_000_000 ? [100_000_000, '亿'] : [10_000, '万']) : step >= 500_000 ? [1_000_000, 'M'] : [1_000, 'k'];
  const decimals = Math.max(0, -Math.floor(Math.log10(step / unit) + 1e-9));
  return `${formatDecimal(yuan / unit, decimals)}${suffix}`;
}

function unitTip(u: ReportUnit, lang: Lang): string {
  const members = u.members.length > MEMBERS_IN_TIP ? `${u.members.slice(0, MEMBERS_IN_TIP).join(', ')}, …` : u.members.join(', ');
  const lines = [`${unitName(lang, u.id)} (${t(lang, `report.kind.${u.kind}`)}): ${members}`, t(lang, 'report.tip.cost', { amount: formatMoney(u.cost) })];
  // Short names: the legend below the chart gives the official ones.
  for (const b of u.byCategory) if (b.amount !== 0) lines.push(`${t(lang, `categoryShort.${b.category}`)} ${formatMoney(b.amount)}`);
  return lines.join('\n');
}

/** Stacked columns: each unit's yearly cost split by official category, largest unit first. */
export function renderCostBars(data: ReportData, lang: Lang): string {
  const names = new Map(data.compounds.map((c) => [c.id, compoundName(c)]));
  const units = [...data.units].sort((a, b) => b.cost - a.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let maxCost = 0;
  for (const u of units) maxCost = Math.max(maxCost, u.cost);
  const axis = ticks(maxCost / 100);
  const yMax = axis.max;
  const labelled = units.length <= LABEL_MAX;
  const bottom = labelled ? columnLabelRoom(units.map((u) => unitTitle(u, names, lang)), 70) : 12;
  const height = TOP + PLOT_H + bottom;
  const plotW = WIDTH - LEFT - RIGHT;
  const band = plotW / Math.max(1, units.length);
  const barW = Math.max(1, Math.min(band * 0.78, 48));
  const y = (yuan: number) => TOP + PLOT_H * (1 - yuan / yMax);

  const grid = yGrid(axis.values, y, (v) => axisMoney(v, axis.step, lang), LEFT, WIDTH - RIGHT);
  const columns = units.map((u, i) => {
    const x = LEFT + band * (i + 0.5) - barW / 2;
    let base = 0;
    const segments: string[] = [];
    for (const b of u.byCategory) {
      if (b.amount === 0) continue;
      const y0 = y(base / 100);
      base += b.amount;
      const y1 = y(base / 100);
      // x is the group's (translate): a district has thousands of segments, so each is kept short.
      segments.push(`<rect class="c-${b.category}" y="${n1(y1)}" width="${n1(barW)}" height="${n1(Math.max(0.1, y0 - y1))}"/>`);
    }
    const xl = labelled ? columnLabel(barW / 2, TOP + PLOT_H, unitTitle(u, names, lang)) : '';
    return `<g data-bar="unit" data-unit="${esc(u.id)}" data-kind="${u.kind}" transform="translate(${n1(x)} 0)"><title>${esc(unitTip(u, lang))}</title>${segments.join('')}${xl}</g>`;
  });
  const yTitle = axisTitle(LEFT - 44, 12, t(lang, 'report.costs.axis'));
  const svg = `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(t(lang, 'report.costs.title'))}">${grid}${yTitle}${columns.join('')}${xAxis(TOP + PLOT_H, LEFT, WIDTH - RIGHT)}</svg>`;

  // The legend doubles as the district's cost sheet: every category's total over all units.
  const totals = COST_CATEGORIES.map((category) => ({ category, amount: units.reduce((s, u) => s + u.byCategory.find((b) => b.category === category)!.amount, 0) }));
  const legend = `<ul class="legend legend-costs"><li class="legend-head">${esc(t(lang, 'report.costs.total'))}</li>${totals
    .filter((c) => c.amount !== 0)
    .map((c) => `<li><span class="sw c-${c.category}"></span>${esc(t(lang, `category.${c.category}`))} <span class="num">${esc(formatMoney(c.amount))}</span></li>`)
    .join('')}</ul>`;
  return (
    `<section id="costs"><h2>${esc(t(lang, 'report.costs.title'))}</h2>\n<p class="note">${esc(t(lang, 'report.costs.note'))}</p>\n` +
    `<figure>${svg}<figcaption>${legend}</figcaption></figure></section>`
  );
}
