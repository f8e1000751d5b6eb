import { z } from 'zod';
import type { Block, View } from '../core/table.js';
import type { ProjectResult, UnitStatus } from '../analyses/project.js';
import { formatInt, formatMoney, formatPercent } from './format.js';
import { L, MoneySchema, ParametersStampSchema, cell, money, profitTone } from './common.js';
import type { Lang } from '../core/lang.js';
import { plotChart } from './sweep.js';

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

const STATUS: Record<UnitStatus, { en: string; zh: string }> = {
  holds: { en: 'breaks even every year', zh: '各年均可持续' },
  fails: { en: 'stops breaking even', zh: '转为亏损' },
  unviable: { en: 'not viable even now', zh: '当前即亏损' },
};

/** Units listed one by one when there are at most this many; beyond, only those that fail. */
const LIST_ALL_UNITS = 30;

export function projectView(r: ProjectResult, stamp: { asOf: string; digest: string }, lang: Lang, opts: { chart: boolean }): View {
  const n = r.years.length - 1;
  const growth = L(
    lang,
    `wages ${formatPercent(r.wageGrowth, 1)} a year, fees ${formatPercent(r.feeGrowth, 1)} a year`,
    `工资年增 ${formatPercent(r.wageGrowth, 1)}，物业费年增 ${formatPercent(r.feeGrowth, 1)}`,
  );
  const units = r.units.length;
  const blocks: Block[] = [
    {
      kind: 'table',
      table: {
        title: L(lang, `Projection over ${n} years: ${growth} (yuan a year)`, `${n} 年预测：${growth}（元/年）`),
        columns: [
          { key: 'year', label: L(lang, 'year', '年'), align: 'right' },
          { key: 'date', label: L(lang, 'from', '起始日'), align: 'left' },
          { key: 'wages', label: L(lang, 'wages ×', '工资指数'), align: 'right' },
          { key: 'revenue', label: L(lang, 'net revenue', '净收入'), align: 'right' },
          { key: 'cost', label: L(lang, 'cost', '成本'), align: 'right' },
          { key: 'profit', label: L(lang, 'profit', '利润'), align: 'right' },
          { key: 'subsidy', label: L(lang, 'subsidy needed', '需补贴'), align: 'right' },
          { key: 'viable', label: L(lang, 'viable units', '可持续单元'), align: 'right' },
          { key: 'failing', label: L(lang, 'stop breaking even', '当年转亏'), align: 'left' },
        ],
        rows: r.years.map((y) => [
          cell(String(y.year)),
          cell(y.date),
          cell(y.wageIndex.toFixed(3)),
          cell(formatMoney(y.totals.revenue)),
          cell(formatMoney(y.totals.cost)),
          cell(formatMoney(y.totals.profit), profitTone(y.totals.profit)),
          cell(formatMoney(y.totals.subsidyNeeded), y.totals.subsidyNeeded ? 'bad' : 'muted'),
          cell(`${formatInt(y.totals.viableUnits)}/${formatInt(units)}`),
          y.failing.length ? cell(y.failing.join(', '), 'bad') : cell(''),
        ]),
      },
    },
  ];
  if (opts.chart && r.years.length > 1) {
    blocks.push(
      plotChart(
        L(lang, 'Total profit by year (yuan a year); ^ where a unit stops breaking even', '各年总利润（元/年）；^ 为有单元转亏之年'),
        r.years.map((y) => ({ label: String(y.year), value: y.totals.profit, mark: y.failing.length > 0 })),
      ),
    );
  }
  const listed = r.units.length <= LIST_ALL_UNITS ? r.units : r.units.filter((u) => u.status === 'fails');
  blocks.push({
    kind: 'table',
    table: {
      title: L(lang, 'Units: the first year each stops breaking even', '各单元首次亏损年份'),
      columns: [
        { key: 'unit', label: L(lang, 'unit', '单元'), align: 'left' },
        { key: 'members', label: L(lang, 'members', '成员'), align: 'left' },
        { key: 'now', label: L(lang, 'profit now', '当前利润'), align: 'right' },
        { key: 'last', label: L(lang, `profit in year ${n}`, `第 ${n} 年利润`), align: 'right' },
        { key: 'status', label: L(lang, 'verdict', '结论'), align: 'left' },
        { key: 'year', label: L(lang, 'first year not viable', '首次亏损'), align: 'left' },
      ],
      rows: listed.map((u) => [
        cell(u.id),
        cell(u.memberIds.join(', ')),
        cell(formatMoney(u.profits[0]!), profitTone(u.profits[0]!)),
        cell(formatMoney(u.profits[n]!), profitTone(u.profits[n]!)),
        cell(STATUS[u.status][lang], u.status === 'holds' ? 'good' : u.status === 'fails' ? 'warn' : 'bad'),
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
          L(
            lang,
            `Of ${units} units: ${count('holds')} break even every year, ${count('fails')} stop within ${n} years, ${count('unviable')} do not break even now.${listed.length < units ? ` Only the ${listed.length} that stop are listed.` : ''}`,
            `${units} 个单元中：${count('holds')} 个各年均可持续，${count('fails')} 个在 ${n} 年内转亏，${count('unviable')} 个当前即亏损。${listed.length < units ? `仅列出转亏的 ${listed.length} 个。` : ''}`,
          ),
        ),
      ],
      [
        cell(
          L(
            lang,
            `Wages, the minimum wage and the social-insurance base grow from the date each value is in force; fees from their dated step or from ${stamp.asOf}. Parameters as in force each year (digest ${stamp.digest} on ${stamp.asOf}).`,
            `工资、最低工资及社保缴费基数自各自生效日起增长；物业费自调价日或 ${stamp.asOf} 起增长。各年采用当年生效参数（${stamp.asOf} 摘要 ${stamp.digest}）。`,
          ),
          'muted',
        ),
      ],
    ],
  });
  return { blocks };
}
