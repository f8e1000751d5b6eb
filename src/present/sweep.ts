import { z } from 'zod';
import type { Fen } from '../core/money.js';
import type { Block, Cell, View } from '../core/table.js';
import type { SweepResult } from '../analyses/sweep.js';
import { formatInt, formatMoney } from './format.js';
import { MoneySchema, ParametersStampSchema, cell, money, profitTone, ratioJson } from './common.js';
import type { Lang } from '../core/lang.js';
import { list, t } from './labels/index.js';
import { pctCell, yuanCell } from './common.js';

/** `sweep`: the arrangement's totals at every point of a grid of one or two keys. */
export const SweepRowSchema = z.strictObject({
  values: z.record(z.string(), z.number()).describe('the value of each varied key at this point'),
  revenue: MoneySchema.describe('net revenue of all units'),
  cost: MoneySchema,
  profit: MoneySchema,
  margin: z.number().nullable().describe('profit ÷ net revenue'),
  subsidyNeeded: MoneySchema.describe('Σ over units of the loss, yuan a year'),
  viable: z.number().int().describe('compounds in units that break even'),
  viableUnits: z.number().int(),
  flip: z.boolean().describe('the verdict changed from the previous point along the last key: viable count or sign of profit'),
});

const TotalsPointSchema = z.strictObject({
  revenue: MoneySchema,
  cost: MoneySchema,
  profit: MoneySchema,
  subsidyNeeded: MoneySchema,
  viable: z.number().int(),
  viableUnits: z.number().int(),
});

export const SweepJsonSchema = z.strictObject({
  parameters: ParametersStampSchema,
  vary: z.array(z.string()).describe('the keys varied, outermost first'),
  axes: z.array(z.strictObject({ key: z.string(), kind: z.enum(['field', 'param']), values: z.array(z.number()) })),
  only: z.array(z.string()).nullable().describe('compounds whose fields change; null: all'),
  units: z.number().int(),
  compounds: z.number().int(),
  base: TotalsPointSchema.describe('the arrangement with the data and parameters as given'),
  rows: z.array(SweepRowSchema),
});

export type SweepJson = z.infer<typeof SweepJsonSchema>;

export function sweepJson(r: SweepResult, stamp: z.infer<typeof ParametersStampSchema>): SweepJson {
  return {
    parameters: stamp,
    vary: r.axes.map((a) => a.key),
    axes: r.axes.map((a) => ({ key: a.key, kind: a.kind, values: a.values })),
    only: r.only,
    units: r.units,
    compounds: r.compounds,
    base: {
      revenue: money(r.base.revenue),
      cost: money(r.base.cost),
      profit: money(r.base.profit),
      subsidyNeeded: money(r.base.subsidyNeeded),
      viable: r.base.viableCompounds,
      viableUnits: r.base.viableUnits,
    },
    rows: r.rows.map((x) => ({
      values: x.values,
      revenue: money(x.revenue),
      cost: money(x.cost),
      profit: money(x.profit),
      margin: ratioJson(x.revenue !== 0 ? x.profit / x.revenue : null),
      subsidyNeeded: money(x.subsidyNeeded),
      viable: x.viable,
      viableUnits: x.viableUnits,
      flip: x.flip,
    })),
  };
}

/** A grid value as typed: exact decimals, no grouping (3500, 0.45, 1.65). */
export const showValue = (v: number): string => String(v);
/** A swept value as printed, holding the number (with as many decimals as it has). */
const valueCell = (v: number): Cell => ({ ...cell(showValue(v)), value: v, kind: 'number', places: /^-?\d+\.(\d+)$/.exec(String(v))?.[1]?.length ?? 0 });

export interface SweepViewOptions {
  /** Add the terminal chart (the table format only: it is drawing, not data). */
  chart: boolean;
}

export function sweepView(r: SweepResult, stamp: { asOf: string; digest: string }, lang: Lang, opts: SweepViewOptions): View {
  const keys = r.axes.map((a) => a.key);
  const only = r.only ? t(lang, 'sweep.only', { only: list(lang, r.only) }) : '';
  const blocks: Block[] = [];
  blocks.push({
    kind: 'table',
    table: {
      name: 'points',
      title: t(lang, 'sweep.sweepOfUnitsCompoundsYuan', { keys: keys.join(' × '), only, units: formatInt(r.units), compounds: formatInt(r.compounds) }),
      columns: [
        ...keys.map((k) => ({ key: k, label: k, align: 'right' as const })),
        { key: 'revenue', label: t(lang, 'common.netRevenue'), align: 'right' },
        { key: 'cost', label: t(lang, 'common.cost'), align: 'right' },
        { key: 'profit', label: t(lang, 'common.profit'), align: 'right' },
        { key: 'margin', label: t(lang, 'common.margin'), align: 'right' },
        { key: 'subsidy', label: t(lang, 'common.subsidyNeeded'), align: 'right' },
        { key: 'viable', label: t(lang, 'sweep.viableCompounds'), align: 'right' },
        { key: 'flip', label: t(lang, 'sweep.verdict'), align: 'left' },
      ],
      rows: r.rows.map((x) => [
        ...keys.map((k) => valueCell(x.values[k]!)),
        yuanCell(x.revenue),
        yuanCell(x.cost),
        yuanCell(x.profit, profitTone(x.profit)),
        pctCell(x.revenue !== 0 ? x.profit / x.revenue : null, 1),
        yuanCell(x.subsidyNeeded, x.subsidyNeeded ? 'bad' : 'muted'),
        cell(`${formatInt(x.viable)}/${formatInt(r.compounds)}`),
        x.flip ? cell(t(lang, 'sweep.flips'), 'warn') : cell(''),
      ]),
    },
  });
  if (opts.chart && r.axes.length === 1) {
    const title = t(lang, 'sweep.profitByKey', { key: keys[0]! });
    blocks.push(plotChart(title, r.rows.map((x) => ({ label: showValue(x.values[keys[0]!]!), value: x.profit, mark: x.flip }))));
  }
  if (opts.chart && r.axes.length === 2) blocks.push(gridChart(r, lang));
  const flips = r.rows.filter((x) => x.flip).length;
  blocks.push({
    kind: 'text',
    lines: [
      [
        cell(
          t(lang, 'sweep.asGiven', { profit: formatMoney(r.base.profit), subsidyNeeded: formatMoney(r.base.subsidyNeeded), viableCompounds: formatInt(r.base.viableCompounds), compounds: formatInt(r.compounds), flips, s: flips === 1 ? '' : 's' }),
        ),
      ],
      [cell(t(lang, 'common.parametersInForceOnDigest', { asOf: stamp.asOf, digest: stamp.digest }), 'muted')],
    ],
  });
  return { blocks };
}

const PLOT_HEIGHT = 9;
const PLOT_WIDTH = 64;

/**
 * A plot of an amount over a sequence of points, in text: one column per point (binned when there
 * are more than fit), the highest and lowest amounts labelled, a dotted line at zero when zero is
 * in range, dots red below zero and green above, and the points marked below the axis (`^`, e.g.
 * where a verdict flips). Text, so it works in any terminal and in `--out`.
 */
export function plotChart(title: string, points: readonly { label: string; value: Fen; mark?: boolean }[]): Block {
  const n = points.length;
  const per = Math.ceil(n / PLOT_WIDTH);
  const cols: { value: Fen; mark: boolean; label: string }[] = [];
  for (let i = 0; i < n; i += per) {
    const bin = points.slice(i, i + per);
    cols.push({ value: bin[0]!.value, mark: bin.some((p) => p.mark === true), label: bin[0]!.label });
  }
  const lo = Math.min(...cols.map((c) => c.value));
  const hi = Math.max(...cols.map((c) => c.value));
  const rowOf = (v: number) => (hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * (PLOT_HEIGHT - 1)));
  const zeroRow = lo <= 0 && hi >= 0 && hi !== lo ? rowOf(0) : -1;
  const yLabels = [formatMoney(hi), formatMoney(lo)];
  const yw = Math.max(...yLabels.map((l) => l.length));
  const lines: Cell[][] = [[cell(title, 'strong')]];
  for (let row = PLOT_HEIGHT - 1; row >= 0; row--) {
    const label = row === PLOT_HEIGHT - 1 ? yLabels[0]! : row === 0 ? yLabels[1]! : '';
    const line: Cell[] = [cell(`${label.padStart(yw)} ┤`)];
    let run = '';
    const flush = (tone?: 'good' | 'bad' | 'muted') => {
      if (run) line.push(cell(run, tone));
      run = '';
    };
    for (const c of cols) {
      if (rowOf(c.value) === row) {
        flush(row === zeroRow ? 'muted' : undefined);
        line.push(cell('•', c.value < 0 ? 'bad' : 'good'));
      } else run += row === zeroRow ? '┈' : ' ';
    }
    flush(row === zeroRow ? 'muted' : undefined);
    const last = line[line.length - 1]!;
    last.text = last.text.replace(/ +$/, '');
    lines.push(row === zeroRow ? [...line, cell(' 0', 'muted')] : line);
  }
  lines.push([cell(`${' '.repeat(yw)} └${'─'.repeat(cols.length)}`)]);
  if (cols.some((c) => c.mark)) lines.push([cell(' '.repeat(yw + 2)), cell(cols.map((c) => (c.mark ? '^' : ' ')).join('').replace(/ +$/, ''), 'warn')]);
  const first = cols[0]!.label;
  const lastLabel = points[n - 1]!.label;
  const gap = Math.max(1, cols.length - first.length - lastLabel.length);
  lines.push([cell(`${' '.repeat(yw + 2)}${first}${n > 1 ? ' '.repeat(gap) + lastLabel : ''}`)]);
  return { kind: 'text', lines };
}

/** Two keys: the first down, the second across; each point the number of viable compounds, green where the total profit is ≥ 0. */
function gridChart(r: SweepResult, lang: Lang): Block {
  const [a, b] = r.axes as [SweepResult['axes'][0], SweepResult['axes'][0]];
  const width = Math.max(...b.values.map((v) => showValue(v).length), String(r.compounds).length) + 1;
  const labelWidth = Math.max(...a.values.map((v) => showValue(v).length), a.key.length);
  const lines: Cell[][] = [
    [cell(t(lang, 'sweep.viableCompoundsGreenTotalProfit', { key: a.key, key2: b.key }), 'strong')],
    [cell(`${' '.repeat(labelWidth)} ${b.values.map((v) => showValue(v).padStart(width)).join('')}`)],
  ];
  a.values.forEach((va, i) => {
    const row = r.rows.slice(i * b.values.length, (i + 1) * b.values.length);
    lines.push([cell(`${showValue(va).padStart(labelWidth)} `), ...row.map((x) => cell(String(x.viable).padStart(width), x.profit >= 0 ? 'good' : 'bad'))]);
  });
  return { kind: 'text', lines };
}
