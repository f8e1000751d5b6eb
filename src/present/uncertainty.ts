import { z } from 'zod';
import type { Cell, View } from '../core/table.js';
import type { Fen } from '../core/money.js';
import { subsidyDistribution, type Percentiles3, type Uncertainty } from '../analyses/uncertainty.js';
import { SENSITIVITY_TARGETS, targetValue, type Outcome, type Tornado } from '../analyses/sensitivity.js';
import { formatDecimal, formatFeeToCharge, formatMoney, formatPercent } from './format.js';
import { ceilToNumber } from '../core/money.js';
import { MoneySchema, feeJson as breakEvenJson, cell, money } from './common.js';
import { t } from './labels/index.js';
import type { Lang } from '../core/lang.js';
import { isLazyList, type LazyList } from '../core/lazy-list.js';

/**
 * How sure a verdict is (issue 14), as JSON and as table cells: `uncertainty` on each compound or
 * unit, `pGains` on each share, the total subsidy's distribution on the totals, and the tornado of
 * `breakeven sensitivity`. Money is an exact decimal string of a drawn amount (percentiles are
 * nearest-rank: an actual draw, exact to the fen).
 */
export const UncertaintySchema = z
  .strictObject({
    draws: z.number().int().positive(),
    seed: z.number().int(),
    pViable: z.number().min(0).max(1).describe('share of the draws in which it is viable'),
    profit: z.strictObject({ p5: MoneySchema, p50: MoneySchema, p95: MoneySchema }),
    breakEvenFee: z.strictObject({ p50: z.number().nullable(), p95: z.number().nullable() }).describe('yuan/m²/month, rounded up; null: no fee can'),
    subsidyNeeded: z.strictObject({ p50: MoneySchema, p95: MoneySchema }),
  })
  .describe('the verdict over draws of the parameters with ranges (--draws)');

export const PGainsSchema = z.number().min(0).max(1).describe("share of the draws in which the member's avoidable (incremental) cost is below its net revenue (--draws)");

export const TotalsUncertaintySchema = z
  .strictObject({
    draws: z.number().int().positive(),
    seed: z.number().int(),
    subsidyNeeded: z.strictObject({ p5: MoneySchema, p50: MoneySchema, p95: MoneySchema }),
  })
  .describe('the total subsidy needed over the draws (--draws)');

/** A share rounded for JSON (4 decimals; the count of draws makes it exact enough). */
const share = (x: number): number => Math.round(x * 1e4) / 1e4;

export function uncertaintyJson(u: Uncertainty): z.infer<typeof UncertaintySchema> {
  return {
    draws: u.draws,
    seed: u.seed,
    pViable: share(u.pViable),
    profit: { p5: money(u.profit.p5), p50: money(u.profit.p50), p95: money(u.profit.p95) },
    breakEvenFee: { p50: breakEvenJson(u.breakEvenFee.p50), p95: breakEvenJson(u.breakEvenFee.p95) },
    subsidyNeeded: { p50: money(u.subsidyNeeded.p50), p95: money(u.subsidyNeeded.p95) },
  };
}

export const pGainsJson = share;

export function totalsUncertaintyJson(draws: number, seed: number, p: Percentiles3): z.infer<typeof TotalsUncertaintySchema> {
  return { draws, seed, subsidyNeeded: { p5: money(p.p5), p50: money(p.p50), p95: money(p.p95) } };
}

/** "viable in 83% of draws": the table's "how sure" cell. */
export function howSureCell(u: Uncertainty, lang: Lang): Cell {
  const pct = formatPercent(u.pViable, 0);
  const text = t(lang, 'uncertainty.viableIn', { pct });
  return cell(text, u.pViable >= 0.9 ? 'good' : u.pViable <= 0.1 ? 'bad' : 'warn');
}

export function gainsCell(p: number, lang: Lang): Cell {
  const pct = formatPercent(p, 0);
  return cell(t(lang, 'uncertainty.gainsIn', { pct }), p >= 0.9 ? 'good' : p <= 0.1 ? 'bad' : 'warn');
}

/**
 * Adds a column to the first table of a view whose first column is keyed `idKey`, with the cell
 * `of(row)` for each row (rows are matched by their first cells, not rebuilt). Footer rows get `foot`.
 */
export function addColumn(view: View, where: { firstKey: string; secondKey?: string }, col: { key: string; label: string }, of: (ids: string[]) => Cell | undefined, foot?: Cell): View {
  const blocks = view.blocks.map((b) => {
    if (b.kind !== 'table') return b;
    const cols = b.table.columns;
    if (cols[0]?.key !== where.firstKey || (where.secondKey !== undefined && cols[1]?.key !== where.secondKey)) return b;
    const n = where.secondKey !== undefined ? 2 : 1;
    return {
      ...b,
      table: {
        ...b.table,
        columns: [...cols, { key: col.key, label: col.label, align: 'left' as const }],
        rows: b.table.rows.map((r) => [...r, of(r.slice(0, n).map((c) => c.text)) ?? cell('')]),
        ...(b.table.footer ? { footer: b.table.footer.map((r) => [...r, foot ?? cell('')]) } : {}),
      },
    };
  });
  return { blocks };
}

/** A line under a table: the distribution of the total subsidy. */
export function subsidyLine(draws: number, p: Percentiles3, lang: Lang): Cell[] {
  return [
    cell(t(lang, 'uncertainty.subsidyLine', { draws, p50: formatMoney(p.p50), p5: formatMoney(p.p5), p95: formatMoney(p.p95) }), 'muted'),
  ];
}

export function appendLines(view: View, lines: Cell[][]): View {
  return { blocks: [...view.blocks, { kind: 'text', lines }] };
}

// ---- the tornado ----------------------------------------------------------------------------

export const TornadoRowSchema = z.strictObject({
  key: z.string().describe('the parameter (or ID.collection_rate / ID.other_income with --vary-inputs)'),
  low: z.number(),
  high: z.number(),
  valueLow: z.union([MoneySchema, z.number()]).nullable().describe('the target with the parameter at its low (money: yuan a year; fee: yuan/m²/month)'),
  valueHigh: z.union([MoneySchema, z.number()]).nullable(),
  swing: z.union([MoneySchema, z.number()]).nullable().describe('|valueHigh − valueLow|; null when only one side has a break-even fee'),
  flipsVerdict: z.boolean().describe('at its low or its high alone, the verdict (profit ≥ 0) differs from the verdict at the values in force'),
});

const TargetAt = z.strictObject({
  value: z.union([MoneySchema, z.number()]).nullable().describe('the target (money: yuan a year; fee: yuan/m²/month, rounded up; null: no fee breaks even)'),
  viable: z.boolean().describe('profit ≥ 0 at the compounds\' own fees, whatever the target'),
});

export const SensitivityJsonSchema = z.strictObject({
  target: z.enum(SENSITIVITY_TARGETS),
  id: z.string().nullable().describe('the compound or unit; null for the whole district'),
  base: TargetAt.describe('the target at the values in force'),
  rows: z.array(TornadoRowSchema),
  bounds: z
    .strictObject({ favourable: TargetAt, unfavourable: TargetAt })
    .describe('every ranged value at once at the end that favours the target (higher profit, lower subsidy or fee), and every one at the other end: a search over the ends (each starts where it was better alone, then flips one at a time while the joint result improves), over all rows, also with --top'),
});

function targetJson(t: Tornado['target'], x: number | null): string | number | null {
  if (x === null) return null;
  return t === 'break-even-fee' ? breakEvenJson(x) : money(x as Fen);
}

const params6 = (x: number): number => Number(x.toPrecision(12));

export function sensitivityJson(t: Tornado, id: string | null): z.infer<typeof SensitivityJsonSchema> {
  const base = targetValue(t.base, t.target);
  const bound = (o: Outcome) => ({ value: targetJson(t.target, targetValue(o, t.target)), viable: o.viable });
  return {
    target: t.target,
    id,
    base: { value: targetJson(t.target, base), viable: t.base.viable },
    rows: t.rows.map((r) => ({
      key: r.key,
      low: params6(r.low),
      high: params6(r.high),
      valueLow: targetJson(t.target, r.valueLow),
      valueHigh: targetJson(t.target, r.valueHigh),
      swing: Number.isFinite(r.swing) ? (t.target === 'break-even-fee' ? Number(r.swing.toFixed(6)) : money(r.swing)) : null,
      flipsVerdict: r.flipsVerdict,
    })),
    bounds: { favourable: bound(t.favourable), unfavourable: bound(t.unfavourable) },
  };
}

function targetText(t: Tornado['target'], x: number | null): string {
  if (x === null) return '—';
  return t === 'break-even-fee' ? formatFeeToCharge(x, 2) : formatMoney(x);
}

/** The swing as shown: for a fee, the difference of the two fees as printed (each rounded up). */
function swingText(target: Tornado['target'], r: Tornado['rows'][number]): string {
  if (!Number.isFinite(r.swing)) return '—';
  if (target !== 'break-even-fee') return formatMoney(r.swing);
  const shown = (x: number) => ceilToNumber(x, 2);
  return formatDecimal(Math.abs(shown(r.valueHigh!) - shown(r.valueLow!)), 2);
}

export function sensitivityView(tor: Tornado, id: string | null, lang: Lang): View {
  const label = t(lang, `sensitivity.target.${tor.target}`);
  const base = targetValue(tor.base, tor.target);
  const verdict = (o: Outcome) => (o.viable ? t(lang, 'sensitivity.viable') : t(lang, 'sensitivity.notViable'));
  const who = id ?? t(lang, 'sensitivity.district');
  return {
    blocks: [
      {
        kind: 'table',
        table: {
          title: t(lang, 'sensitivity.title', { target: label, who }),
          columns: [
            { key: 'key', label: t(lang, 'sensitivity.parameter'), align: 'left' },
            { key: 'low', label: t(lang, 'sensitivity.low'), align: 'right' },
            { key: 'high', label: t(lang, 'sensitivity.high'), align: 'right' },
            { key: 'valueLow', label: t(lang, 'sensitivity.atLow'), align: 'right' },
            { key: 'valueHigh', label: t(lang, 'sensitivity.atHigh'), align: 'right' },
            { key: 'swing', label: t(lang, 'sensitivity.swing'), align: 'right' },
            { key: 'flips', label: t(lang, 'sensitivity.flips'), align: 'left' },
          ],
          rows: tor.rows.map((r) => [
            cell(r.key),
            cell(String(params6(r.low))),
            cell(String(params6(r.high))),
            cell(targetText(tor.target, r.valueLow)),
            cell(targetText(tor.target, r.valueHigh)),
            cell(swingText(tor.target, r)),
            r.flipsVerdict ? cell(t(lang, 'sensitivity.yes'), 'warn') : cell(t(lang, 'sensitivity.no'), 'muted'),
          ]),
        },
      },
      {
        kind: 'text',
        tone: 'muted',
        lines: [
          [cell(t(lang, 'sensitivity.base', { value: targetText(tor.target, base), verdict: verdict(tor.base) }))],
          [
            cell(
              t(lang, 'sensitivity.bounds', {
                favourable: targetText(tor.target, targetValue(tor.favourable, tor.target)),
                favourableVerdict: verdict(tor.favourable),
                unfavourable: targetText(tor.target, targetValue(tor.unfavourable, tor.target)),
                unfavourableVerdict: verdict(tor.unfavourable),
              }),
            ),
          ],
        ],
      },
    ],
  };
}

// ---- adding the draws to the scenario family's JSON and tables ------------------------------

interface UnitJsonLike {
  shares: { pGains?: number }[];
  uncertainty?: z.infer<typeof UncertaintySchema>;
}

/** The scenario JSON with `uncertainty` on each unit, `pGains` on each share and the totals' distribution. */
export function withUnitUncertainty<T extends Record<string, unknown>>(json: T, r: DrawsResultLike): T {
  const first = r.targets[0]?.uncertainty;
  const add = (u: UnitJsonLike, i: number): UnitJsonLike => {
    const t = r.targets[i]!;
    return { ...u, shares: u.shares.map((s, j) => ({ ...s, pGains: pGainsJson(t.pGains?.[j] ?? 0) })), uncertainty: uncertaintyJson(t.uncertainty) };
  };
  // The units may be a LazyList (streamed JSON): the uncertainty is added as each unit is built.
  const units = isLazyList(json.units)
    ? { ...json.units, item: (i: number) => add((json.units as LazyList).item(i) as UnitJsonLike, i) }
    : (json.units as UnitJsonLike[]).map(add);
  return {
    ...json,
    units,
    totals: { ...(json.totals as object), uncertainty: totalsUncertaintyJson(first?.draws ?? 0, first?.seed ?? 0, subsidyDistribution(r.subsidyByDraw)) },
  };
}

/** What the views need of a DrawsResult (kept structural so present/ does not depend on the worker code). */
export interface DrawsResultLike {
  targets: { uncertainty: Uncertainty; pGains?: number[] }[];
  subsidyByDraw: Fen[];
}

/** The scenario family's tables with "how sure" on each unit and "firm gains" on each share. */
export function withUnitHowSure(view: View, units: readonly { id: string; shares: readonly { id: string }[] }[], r: DrawsResultLike, lang: Lang): View {
  const byUnit = new Map(units.map((u, i) => [u.id, r.targets[i]!]));
  const gains = new Map<string, number>();
  units.forEach((u, i) => u.shares.forEach((s, j) => gains.set(`${u.id}\u0000${s.id}`, r.targets[i]!.pGains?.[j] ?? 0)));
  const first = r.targets[0]?.uncertainty;
  let v = addColumn(view, { firstKey: 'unit', secondKey: 'kind' }, { key: 'howSure', label: t(lang, 'uncertainty.howSure') }, ([id]) => {
    const t = byUnit.get(id!);
    return t ? howSureCell(t.uncertainty, lang) : undefined;
  });
  v = addColumn(v, { firstKey: 'unit', secondKey: 'member' }, { key: 'gains', label: t(lang, 'uncertainty.firmGains') }, ([u, m]) => {
    const p = gains.get(`${u}\u0000${m}`);
    return p === undefined ? undefined : gainsCell(p, lang);
  });
  return first ? appendLines(v, [subsidyLine(first.draws, subsidyDistribution(r.subsidyByDraw), lang)]) : v;
}

/** `bid --draws`: how sure the quoted fee covers the cost, for the bundle and each compound alone. */
export function bidHowSureLines(bundle: { fee: number | null; u: Uncertainty }, separate: readonly { id: string; fee: number | null; u: Uncertainty }[], lang: Lang): Cell[][] {
  const line = (u: Uncertainty, fee: number | null, who: string): Cell[] => [
    cell(
      t(lang, 'uncertainty.bidLine', {
        who,
        fee: fee === null ? '—' : formatFeeToCharge(fee, 4),
        pct: formatPercent(u.pViable, 0),
        draws: u.draws,
        p5: formatMoney(u.profit.p5),
        p50: formatMoney(u.profit.p50),
        fee95: u.breakEvenFee.p95 === null ? '—' : formatFeeToCharge(u.breakEvenFee.p95, 4),
      }),
      u.pViable >= 0.9 ? 'good' : 'warn',
    ),
  ];
  return [line(bundle.u, bundle.fee, t(lang, 'uncertainty.bidBundle')), ...separate.map((s) => line(s.u, s.fee, s.id))];
}
