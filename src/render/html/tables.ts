import type { ReportData } from '../../analyses/report-data.js';
import type { ParamRow } from '../../params/rows.js';
import { formatInt, formatMoney } from '../../present/format.js';
import type { Lang } from '../../core/lang.js';
import { esc } from './escape.js';
import { t, unitName, wordOf, type PlainLabelKey } from '../../present/labels/index.js';
import { breakEvenText, feeChangeText } from './parts.js';

interface Col {
  key: PlainLabelKey;
  /** Numbers sort by value (their `data-v`), text by the language's collation. */
  type: 'num' | 'text';
}

/** A cell; `v` is the exact value a numeric column sorts by ('' sorts last). */
function td(text: string, v?: number | null, cls?: string): string {
  const sortValue = v === undefined ? '' : ` data-v="${v === null ? '' : v}"`;
  return `<td${cls ? ` class="${cls}"` : ''}${sortValue}>${esc(text)}</td>`;
}

function head(cols: readonly Col[], lang: Lang, sortable: boolean): string {
  return `<thead><tr>${cols
    .map((c) =>
      sortable
        ? `<th data-type="${c.type}" class="${c.type}"><button type="button">${esc(t(lang, c.key))}</button></th>`
        : `<th class="${c.type}">${esc(t(lang, c.key))}</th>`,
    )
    .join('')}</tr></thead>`;
}

const COMPOUND_COLS: readonly Col[] = [
  { key: 'report.col.id', type: 'text' },
  { key: 'report.col.name', type: 'text' },
  { key: 'report.col.households', type: 'num' },
  { key: 'report.col.fee', type: 'num' },
  { key: 'report.col.breakEven', type: 'num' },
  { key: 'report.col.profitAlone', type: 'num' },
  { key: 'report.col.unit', type: 'text' },
  { key: 'report.col.role', type: 'text' },
  { key: 'report.col.shareFee', type: 'num' },
  { key: 'report.col.profitAfter', type: 'num' },
  { key: 'report.col.verdict', type: 'text' },
];

/** Every compound, one row each, sortable by any column (the inline script). */
export function renderCompoundTable(data: ReportData, lang: Lang): string {
  const rows = data.compounds.map((c) => {
    const short = c.breakEvenFee !== null && c.breakEvenFee > c.feeRate;
    return (
      `<tr data-row="compound" data-id="${esc(c.id)}" data-verdict="${c.verdict}">` +
      td(c.id) +
      td(c.name) +
      td(formatInt(c.households), c.households) +
      td(feeChangeText(c), c.feeRate) +
      td(breakEvenText(c.breakEvenFee), c.breakEvenFee, short ? 'bad' : undefined) +
      td(formatMoney(c.profitAlone), c.profitAlone, c.profitAlone < 0 ? 'bad' : undefined) +
      td(unitName(lang, c.unit)) +
      td(t(lang, `report.role.${c.role}`)) +
      td(c.role === 'alone' ? '' : breakEvenText(c.shareFee), c.role === 'alone' ? null : c.shareFee) +
      td(formatMoney(c.profitAfter), c.profitAfter, c.profitAfter < 0 ? 'bad' : undefined) +
      `<td class="nowrap"><span class="sw v-${c.verdict}"></span>${esc(t(lang, `report.verdict.${c.verdict}`))}</td></tr>`
    );
  });
  return (
    `<section id="compounds"><h2>${esc(t(lang, 'report.table.title'))}</h2>\n<p class="note screen-only">${esc(t(lang, 'report.table.hint'))}</p>\n` +
    `<table class="data" data-sortable="compounds">${head(COMPOUND_COLS, lang, true)}<tbody>\n${rows.join('\n')}\n</tbody></table></section>`
  );
}

const PARAM_COLS: readonly Col[] = [
  { key: 'report.col.key', type: 'text' },
  { key: 'report.col.value', type: 'num' },
  { key: 'report.col.unitOf', type: 'text' },
  { key: 'report.col.from', type: 'text' },
  { key: 'report.col.range', type: 'text' },
  { key: 'report.col.reference', type: 'text' },
];

function paramRow(r: ParamRow, lang: Lang, full: boolean): string {
  const cells = `<td class="key">${esc(r.key)}</td>${td(String(r.value))}${td(wordOf(lang, 'paramUnit', r.unit))}${td(r.from ?? '—', undefined, 'nowrap')}`;
  if (!full) return `<tr data-row="key-parameter">${cells}</tr>`;
  const notes = [r.estimate ? t(lang, 'report.params.estimate') : '', r.overriddenBy ? `(${t(lang, 'report.params.setBy', { origin: r.overriddenBy })})` : '']
    .filter(Boolean)
    .join(' ');
  return (
    `<tr data-row="parameter"${r.overriddenBy ? ' class="changed"' : ''}>${cells}${td(r.range ? `${r.range[0]}–${r.range[1]}` : '', undefined, 'nowrap')}` +
    `<td class="ref">${notes ? `<span class="estimate">${esc(notes)}</span> ` : ''}${esc(lang === 'zh' && r.descriptionZh ? r.descriptionZh : r.reference)}</td></tr>`
  );
}

/** A table of parameters: the key ones (value only) in the summary, or all with their references. */
export function renderParamTable(rows: readonly ParamRow[], lang: Lang, full: boolean): string {
  const cols = full ? PARAM_COLS : PARAM_COLS.slice(0, 4);
  return `<table class="data params ${full ? 'full' : 'short'}">${head(cols, lang, false)}<tbody>\n${rows.map((r) => paramRow(r, lang, full)).join('\n')}\n</tbody></table>`;
}
