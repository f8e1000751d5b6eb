import { z } from 'zod';
import type { Block, View } from '../core/table.js';
import type { CheckResult, GateFailure, GateResult } from '../analyses/check.js';
import { formatMoney, formatPercent } from './format.js';
import { L, MoneySchema, ParametersStampSchema, TotalsSchema, cell, money, profitTone, ratioJson } from './common.js';
import type { Lang } from '../core/lang.js';
import { totalsJson } from './scenario.js';

/** `check`: gates over an arrangement, for CI. */
const FailureSchema = z.strictObject({
  id: z.string().describe('the unit, or the compound asked for'),
  unit: z.string(),
  margin: z.number().nullable(),
  profit: MoneySchema,
});

export const GateJsonSchema = z.discriminatedUnion('gate', [
  z.strictObject({
    gate: z.literal('min-margin'),
    threshold: z.number().describe('every unit earns at least this margin (profit ÷ net revenue)'),
    defaulted: z.boolean().describe('no gate was given: every unit must break even'),
    passed: z.boolean(),
    failures: z.array(FailureSchema),
  }),
  z.strictObject({
    gate: z.literal('max-subsidy'),
    threshold: MoneySchema.describe('the total subsidy needed is at most this, yuan a year'),
    actual: MoneySchema,
    passed: z.boolean(),
  }),
  z.strictObject({
    gate: z.literal('require-viable'),
    threshold: z.array(z.string()).describe('these compounds or units break even'),
    passed: z.boolean(),
    failures: z.array(FailureSchema),
  }),
]);

export const CheckUnitSchema = z.strictObject({
  id: z.string(),
  members: z.array(z.string()),
  revenue: MoneySchema,
  cost: MoneySchema,
  profit: MoneySchema,
  margin: z.number().nullable(),
  viable: z.boolean(),
  subsidyNeeded: MoneySchema,
});

export const CheckJsonSchema = z.strictObject({
  parameters: ParametersStampSchema,
  passed: z.boolean(),
  gates: z.array(GateJsonSchema),
  totals: TotalsSchema,
  units: z.array(CheckUnitSchema),
});

const failureJson = (f: GateFailure) => ({ id: f.id, unit: f.unit, margin: ratioJson(f.margin), profit: money(f.profit) });

function gateJson(g: GateResult): z.infer<typeof GateJsonSchema> {
  switch (g.gate) {
    case 'min-margin':
      return { gate: g.gate, threshold: g.threshold, defaulted: g.defaulted, passed: g.passed, failures: g.failures.map(failureJson) };
    case 'max-subsidy':
      return { gate: g.gate, threshold: money(g.threshold), actual: money(g.actual), passed: g.passed };
    case 'require-viable':
      return { gate: g.gate, threshold: g.threshold, passed: g.passed, failures: g.failures.map(failureJson) };
  }
}

export function checkJson(r: CheckResult, stamp: z.infer<typeof ParametersStampSchema>): z.infer<typeof CheckJsonSchema> {
  return {
    parameters: stamp,
    passed: r.passed,
    gates: r.gates.map(gateJson),
    totals: totalsJson(r.totals),
    units: r.outcomes.map((o) => ({
      id: o.id,
      members: o.memberIds,
      revenue: money(o.revenue),
      cost: money(o.cost),
      profit: money(o.profit),
      margin: ratioJson(o.margin),
      viable: o.viable,
      subsidyNeeded: money(o.subsidyNeeded),
    })),
  };
}

const pct = (x: number | null) => (x === null ? '—' : formatPercent(x, 1));

/** One line per failure, as the check's summary on stderr says it (English: a CI log). */
export function failureLines(r: CheckResult): string[] {
  const lines: string[] = [];
  for (const g of r.gates) {
    if (g.passed) continue;
    switch (g.gate) {
      case 'min-margin':
        for (const f of g.failures) lines.push(`min-margin ${pct(g.threshold)}: unit ${f.unit} has margin ${pct(f.margin)} (profit ${formatMoney(f.profit)})`);
        break;
      case 'max-subsidy':
        lines.push(`max-subsidy ${formatMoney(g.threshold)}: the arrangement needs ${formatMoney(g.actual)} a year`);
        break;
      case 'require-viable':
        for (const f of g.failures) lines.push(`require-viable: ${f.id === f.unit ? `unit ${f.unit}` : `${f.id} (in unit ${f.unit})`} does not break even (profit ${formatMoney(f.profit)})`);
        break;
    }
  }
  return lines;
}

function gateText(g: GateResult, lang: Lang): { name: string; threshold: string; detail: string } {
  switch (g.gate) {
    case 'min-margin':
      return {
        name: L(lang, 'min margin, every unit', '各单元最低利润率'),
        threshold: pct(g.threshold) + (g.defaulted ? L(lang, ' (default)', '（默认）') : ''),
        detail: g.passed ? '' : L(lang, `${g.failures.length} unit(s) below`, `${g.failures.length} 个单元低于`),
      };
    case 'max-subsidy':
      return { name: L(lang, 'max subsidy needed, total', '所需补贴上限（合计）'), threshold: formatMoney(g.threshold), detail: L(lang, `needs ${formatMoney(g.actual)}`, `需 ${formatMoney(g.actual)}`) };
    case 'require-viable':
      return {
        name: L(lang, 'must break even', '须可持续'),
        threshold: g.threshold.join(', '),
        detail: g.passed ? '' : L(lang, `not: ${g.failures.map((f) => f.id).join(', ')}`, `未达标：${g.failures.map((f) => f.id).join('、')}`),
      };
  }
}

export function checkView(r: CheckResult, stamp: { asOf: string; digest: string }, lang: Lang): View {
  const failedUnits = new Set<string>();
  for (const g of r.gates) if (g.gate !== 'max-subsidy') for (const f of g.failures) failedUnits.add(f.unit);
  const blocks: Block[] = [
    {
      kind: 'table',
      table: {
        title: L(lang, 'Checks', '检查'),
        columns: [
          { key: 'gate', label: L(lang, 'gate', '条件'), align: 'left' },
          { key: 'threshold', label: L(lang, 'threshold', '阈值'), align: 'right' },
          { key: 'result', label: L(lang, 'result', '结果'), align: 'left' },
          { key: 'detail', label: L(lang, 'detail', '说明'), align: 'left' },
        ],
        rows: r.gates.map((g) => {
          const t = gateText(g, lang);
          return [cell(t.name), cell(t.threshold), g.passed ? cell(L(lang, 'pass', '通过'), 'good') : cell(L(lang, 'FAIL', '未通过'), 'bad'), cell(t.detail)];
        }),
      },
    },
  ];
  const shown = r.outcomes.filter((o) => failedUnits.has(o.id));
  if (shown.length) {
    blocks.push({
      kind: 'table',
      table: {
        title: L(lang, 'Units that fail a gate (yuan a year)', '未通过的单元（元/年）'),
        columns: [
          { key: 'unit', label: L(lang, 'unit', '单元'), align: 'left' },
          { key: 'members', label: L(lang, 'members', '成员'), align: 'left' },
          { key: 'revenue', label: L(lang, 'net revenue', '净收入'), align: 'right' },
          { key: 'cost', label: L(lang, 'cost', '成本'), align: 'right' },
          { key: 'profit', label: L(lang, 'profit', '利润'), align: 'right' },
          { key: 'margin', label: L(lang, 'margin', '利润率'), align: 'right' },
        ],
        rows: shown.map((o) => [cell(o.id), cell(o.memberIds.join(', ')), cell(formatMoney(o.revenue)), cell(formatMoney(o.cost)), cell(formatMoney(o.profit), profitTone(o.profit)), cell(pct(o.margin))]),
      },
    });
  }
  const failed = r.gates.filter((g) => !g.passed).length;
  blocks.push({
    kind: 'text',
    lines: [
      [
        r.passed
          ? cell(L(lang, `All ${r.gates.length} checks pass.`, `全部 ${r.gates.length} 项检查通过。`), 'good')
          : cell(L(lang, `${failed} of ${r.gates.length} checks fail.`, `${r.gates.length} 项检查中 ${failed} 项未通过。`), 'bad'),
      ],
      [cell(L(lang, `Parameters in force on ${stamp.asOf} (digest ${stamp.digest}).`, `参数按 ${stamp.asOf} 生效值（摘要 ${stamp.digest}）。`), 'muted')],
    ],
  });
  return { blocks };
}
