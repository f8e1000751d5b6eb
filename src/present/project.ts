import { z } from 'zod';
import type { Block, View } from '../core/table.js';
import type { ProjectResult, UnitStatus } from '../analyses/project.js';
import { formatInt, formatPercent } from './format.js';
import { MoneySchema, ParametersStampSchema, cell, money, profitTone } from './common.js';
import type { Lang } from '../core/lang.js';
import { t, unitName } from './labels/index.js';
import { plotChart } from './sweep.js';
import { countCell, decimalCell, yuanCell } from './common.js';

/** `project`: year-by-year totals, and for each unit the first year it stops breaking even. */
export const ProjectYearSchema = z.strictObject({
  year: z.number().int().describe('0 is the as-of date'),
  date: z.string(),
  wageIndex: z.number().describe('wage growth factor since year 0 (dated parameter steps not included)'),
  feeIndex: z.number().describe('fee growth factor since year 0 (dated fee steps not included)'),
  revenue: MoneySchema,
  cost: MoneySchema,
  profit: MoneySchema,
  subsidyNeeded: MoneySchema,
  viableUnits: z.number().int(),
  viableCompounds: z.number().int(),
  failing: z.array(z.string()).describe('units that broke even the year before and not this year'),
});

export const ProjectUnitSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['standalone', 'attached', 'cluster']),
  members: z.array(z.string()),
  status: z.enum(['holds', 'fails', 'unviable']).describe('holds: viable every year; fails: viable now, not in failYear; unviable: not viable now'),
  failYear: z.number().int().nullable().describe('first year it does not break even (0: not now); null when it holds'),
  failDate: z.string().nullable(),
  profits: z.array(MoneySchema).describe('profit per year, year 0 first'),
});

export const ProjectJsonSchema = z.strictObject({
  parameters: ParametersStampSchema,
  years: z.number().int(),
  wageGrowth: z.number().describe('per year, fraction'),
  feeGrowth: z.number().describe('per year, fraction'),
  feeSteps: z.record(z.string(), z.record(z.string(), z.number())).describe('dated fee levels from the scenario: {ID or "*": {date: fee}}'),
  rows: z.array(ProjectYearSchema),
  units: z.array(ProjectUnitSchema),
});

const round = (x: number, places: number) => Number(x.toFixed(places));

export function projectJson(
  r: ProjectResult,
  stamp: z.infer<typeof ParametersStampSchema>,
  feeSteps: ReadonlyMap<string, ReadonlyMap<string, number>>,
): z.infer<typeof ProjectJsonSchema> {
  return {
    parameters: stamp,
    years: r.years.length - 1,
    wageGrowth: r.wageGrowth,
    feeGrowth: r.feeGrowth,
    feeSteps: Object.fromEntries([...feeSteps].map(([id, s]) => [id, Object.fromEntries(s)])),
    rows: r.years.map((y) => ({
      year: y.year,
      date: y.date,
      wageIndex: round(y.wageIndex, 6),
      feeIndex: round(y.feeIndex, 6),
      revenue: money(y.totals.revenue),
      cost: money(y.totals.cost),
      profit: money(y.totals.profit),
      subsidyNeeded: money(y.totals.subsidyNeeded),
      viableUnits: y.totals.viableUnits,
      viableCompounds: y.totals.viableCompounds,
      failing: y.failing,
    })),
    units: r.units.map((u) => ({
      id: u.id,
      kind: u.kind,
      members: u.memberIds,
      status: u.status,
      failYear: u.failYear,
      failDate: u.failDate,
      profits: u.profits.map(money),
    })),
  };
}

/** Units listed one by one when there are at most this many; beyond, only those that fail. */
const LIST_ALL_UNITS = 30;

export function projectView(r: ProjectResult, stamp: { asOf: string; digest: string }, lang: Lang, opts: { chart: boolean }): View {
  const n = r.years.length - 1;
  const growth = t(lang, 'project.wagesAYearFeesA', { wageGrowth: formatPercent(r.wageGrowth, 1), feeGrowth: formatPercent(r.feeGrowth, 1) });
  const units = r.units.length;
  const blocks: Block[] = [
    {
      kind: 'table',
      table: {
        name: 'years',
        title: t(lang, 'project.projectionOverYearsYuanA', { n, growth }),
        columns: [
          { key: 'year', label: t(lang, 'project.year'), align: 'right' },
          { key: 'date', label: t(lang, 'project.from'), align: 'left' },
          { key: 'wages', label: t(lang, 'project.wages'), align: 'right' },
          { key: 'revenue', label: t(lang, 'common.netRevenue'), align: 'right' },
          { key: 'cost', label: t(lang, 'common.cost'), align: 'right' },
          { key: 'profit', label: t(lang, 'common.profit'), align: 'right' },
          { key: 'subsidy', label: t(lang, 'common.subsidyNeeded'), align: 'right' },
          { key: 'viable', label: t(lang, 'project.viableUnits'), align: 'right' },
          { key: 'failing', label: t(lang, 'project.stopBreakingEven'), align: 'left' },
        ],
        rows: r.years.map((y) => [
          countCell(y.year),
          cell(y.date),
          decimalCell(y.wageIndex, 3),
          yuanCell(y.totals.revenue),
          yuanCell(y.totals.cost),
          yuanCell(y.totals.profit, profitTone(y.totals.profit)),
          yuanCell(y.totals.subsidyNeeded, y.totals.subsidyNeeded ? 'bad' : 'muted'),
          cell(`${formatInt(y.totals.viableUnits)}/${formatInt(units)}`),
          y.failing.length ? cell(y.failing.map((id) => unitName(lang, id)).join(', '), 'bad') : cell(''),
        ]),
      },
    },
  ];
  if (opts.chart && r.years.length > 1) {
    blocks.push(
      plotChart(
        t(lang, 'project.totalProfitByYearYuan'),
        r.years.map((y) => ({ label: String(y.year), value: y.totals.profit, mark: y.failing.length > 0 })),
      ),
    );
  }
  const listed = r.units.length <= LIST_ALL_UNITS ? r.units : r.units.filter((u) => u.status === 'fails');
  blocks.push({
    kind: 'table',
    table: {
      name: 'units',
      title: t(lang, 'project.unitsTheFirstYearEach'),
      columns: [
        { key: 'unit', label: t(lang, 'common.unit'), align: 'left' },
        { key: 'members', label: t(lang, 'common.members'), align: 'left' },
        { key: 'now', label: t(lang, 'project.profitNow'), align: 'right' },
        { key: 'last', label: t(lang, 'project.profitInYear', { n }), align: 'right' },
        { key: 'status', label: t(lang, 'common.verdict'), align: 'left' },
        { key: 'year', label: t(lang, 'project.firstYearNotViable'), align: 'left' },
      ],
      rows: listed.map((u) => [
        cell(unitName(lang, u.id)),
        cell(u.memberIds.join(', ')),
        yuanCell(u.profits[0]!, profitTone(u.profits[0]!)),
        yuanCell(u.profits[n]!, profitTone(u.profits[n]!)),
        cell(t(lang, `projectStatus.${u.status}`), u.status === 'holds' ? 'good' : u.status === 'fails' ? 'warn' : 'bad'),
        cell(u.failYear === null ? '—' : `${u.failYear} (${u.failDate})`),
      ]),
    },
  });
  const count = (s: UnitStatus) => r.units.filter((u) => u.status === s).length;
  blocks.push({
    kind: 'text',
    lines: [
      [
        cell(
          t(lang, 'project.summary', { units, holds: count('holds'), fails: count('fails'), n, unviable: count('unviable'), listed: listed.length < units ? t(lang, 'project.onlyListed', { n: listed.length }) : '' }),
        ),
      ],
      [
        cell(
          t(lang, 'project.wagesTheMinimumWageAnd', { asOf: stamp.asOf, digest: stamp.digest }),
          'muted',
        ),
      ],
    ],
  });
  return { blocks };
}
