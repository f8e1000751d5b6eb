import { createHash } from 'node:crypto';
import type { Fen } from '../../core/money.js';
import type { ReportData } from '../../analyses/report-data.js';
import { formatDecimal, formatInt } from '../../present/format.js';
import type { Lang } from '../../core/lang.js';
import { renderCostBars } from './cost-bars.js';
import { esc } from './escape.js';
import { renderFeeGap } from './fee-gap.js';
import { t } from '../../present/labels/index.js';
import { renderMap } from './map.js';
import { SORT_SCRIPT } from './script.js';
import { STYLE } from './style.js';
import { renderCompoundTable, renderParamTable } from './tables.js';
import { renderWhatIf } from './what-if.js';

/**
 * `breakeven report` as one self-contained HTML file: inline CSS, inline SVG, one small inline
 * script, no fonts, images or requests of any kind, so it works offline, by mail and on paper.
 * A Content-Security-Policy with the hashes of the style and script makes the browser refuse
 * anything else, should a later change add it by mistake. Pure: the same data gives the same bytes.
 */
export function renderReportHtml(data: ReportData, lang: Lang): string {
  const title = data.title ?? t(lang, 'report.doc.title', { subject: data.subject });
  const csp = `default-src 'none'; style-src '${sha256(STYLE)}'; script-src '${sha256(SORT_SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(`${data.stamp.tool.name} ${data.stamp.tool.version}`)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(title)}</h1>`,
    `<p class="lead">${esc(sourceLine(data, lang))} ${esc(t(lang, 'report.doc.moneyNote'))}</p></header>`,
    renderSummary(data, lang),
    renderMap(data, lang),
    renderFeeGap(data, lang),
    renderCostBars(data, lang),
    renderCompoundTable(data, lang),
    ...data.whatIf.map((w, i) => renderWhatIf(w, data, lang, i)),
    renderParameters(data, lang),
    renderStamp(data, lang),
    `<script>${SORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function sourceLine(data: ReportData, lang: Lang): string {
  if (data.source === 'standalone') return t(lang, 'report.doc.source.standalone');
  return t(lang, data.source === 'plan' ? 'report.doc.source.plan' : 'report.doc.source.scenario', { allocation: t(lang, `allocation.${data.allocation}`) });
}

/** Whole yuan for the summary cards: the tables below give the fen. */
function yuan(fen: Fen): string {
  return formatDecimal(fen / 100, 0);
}

function card(key: string, value: string, sub: string, attrs: string, valueClass = ''): string {
  return `<div class="card"${attrs}><div class="k">${esc(key)}</div><div class="v${valueClass ? ` ${valueClass}` : ''}">${esc(value)}</div><div class="s">${esc(sub)}</div></div>`;
}

/**
 * The cards: each shows the arrangement's figure large and, beside "all alone", the figure with
 * every compound managed alone (left out when the report has no arrangement: they are the same).
 */
function renderSummary(data: ReportData, lang: Lang): string {
  const s = data.summary;
  const arranged = data.source !== 'standalone';
  const alone = (value: string, extra = '') => [arranged ? t(lang, 'report.summary.allAlone', { value }) : '', extra].filter(Boolean).join(' · ');
  const units = s.units.standalone + s.units.attached + s.units.cluster;
  const better = (after: number, before: number) => (arranged && after > before ? 'good' : '');
  const cards = [
    card(t(lang, 'report.summary.compounds'), formatInt(s.compounds), t(lang, 'report.summary.located', { n: formatInt(s.located) }), ` data-summary="compounds" data-value="${s.compounds}"`),
    card(
      t(lang, 'report.summary.units'),
      formatInt(units),
      t(lang, 'report.summary.unitKinds', { standalone: formatInt(s.units.standalone), attached: formatInt(s.units.attached), cluster: formatInt(s.units.cluster) }),
      ` data-summary="units" data-value="${units}"`,
    ),
    card(
      t(lang, 'report.summary.viable'),
      t(lang, 'report.summary.ofTotal', { n: formatInt(s.viableAfter), total: formatInt(s.compounds) }),
      alone(formatInt(s.viableBefore)),
      ` data-summary="viable" data-before="${s.viableBefore}" data-after="${s.viableAfter}"`,
      better(s.viableAfter, s.viableBefore),
    ),
    card(
      t(lang, 'report.summary.subsidy'),
      yuan(s.subsidyAfter),
      alone(yuan(s.subsidyBefore), s.subsidySaved > 0 ? t(lang, 'report.summary.saved', { amount: yuan(s.subsidySaved) }) : ''),
      ` data-summary="subsidy" data-before="${s.subsidyBefore}" data-after="${s.subsidyAfter}"`,
      better(s.subsidySaved, 0),
    ),
    card(t(lang, 'report.summary.cost'), yuan(s.costAfter), alone(yuan(s.costBefore)), ` data-summary="cost" data-before="${s.costBefore}" data-after="${s.costAfter}"`),
  ];
  return (
    `<section id="summary"><h2>${esc(t(lang, 'report.summary.title'))}</h2>\n<div class="cards">${cards.join('')}</div>\n` +
    `<h3>${esc(t(lang, 'report.summary.keyParameters'))}</h3>\n${renderParamTable(data.keyParameters, lang, false)}</section>`
  );
}

function renderParameters(data: ReportData, lang: Lang): string {
  const p = data.stamp.parameters;
  const overlays = p.overlays.length ? `<p class="note">${esc(t(lang, 'report.params.overlays', { files: p.overlays.join(', ') }))}</p>` : '';
  return (
    `<section id="parameters"><h2>${esc(t(lang, 'report.params.title'))}</h2>\n<p class="note">${esc(t(lang, 'report.params.asOf', { date: p.asOf, digest: p.digest }))}</p>${overlays}\n` +
    `${renderParamTable(data.parameters, lang, true)}</section>`
  );
}

function renderStamp(data: ReportData, lang: Lang): string {
  const s = data.stamp;
  const lines = [
    esc(t(lang, 'report.stamp.tool', { name: s.tool.name, version: s.tool.version })),
    esc(t(lang, 'report.stamp.params', { date: s.parameters.asOf, digest: s.parameters.digest })),
    ...s.inputs.map((i) => esc(t(lang, 'report.stamp.input', { file: i.file, sha: i.sha256 }))),
  ];
  return `<footer class="stamp" id="stamp" data-version="${esc(s.tool.version)}" data-digest="${esc(s.parameters.digest)}"><h2>${esc(t(lang, 'report.stamp.title'))}</h2>\n${lines.map((l) => `<p>${l}</p>`).join('\n')}</footer>`;
}
