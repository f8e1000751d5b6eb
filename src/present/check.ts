import { z } from 'zod';
import type { Problem } from '../core/errors.js';
import type { Block, View } from '../core/table.js';
import type { CheckResult, GateFailure, GateResult } from '../analyses/check.js';
import { formatMoney, formatPercent } from './format.js';
import { MoneySchema, OutcomeJsonShape, ParametersStampSchema, TotalsSchema, cell, money, profitTone, ratioJson } from './common.js';
import type { Lang } from '../core/lang.js';
import { list, t, unitName } from './labels/index.js';
import { junitClassname, malformedSuite, type JunitCase, type JunitSuite } from './junit.js';
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
  ...OutcomeJsonShape,
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
        name: t(lang, 'check.minMarginEveryUnit'),
        threshold: pct(g.threshold) + (g.defaulted ? t(lang, 'check.default') : ''),
        detail: g.passed ? '' : t(lang, 'check.unitSBelow', { count: g.failures.length }),
      };
    case 'max-subsidy':
      return { name: t(lang, 'check.maxSubsidyNeededTotal'), threshold: formatMoney(g.threshold), detail: t(lang, 'check.needs', { actual: formatMoney(g.actual) }) };
    case 'require-viable':
      return {
        name: t(lang, 'check.mustBreakEven'),
        threshold: g.threshold.join(', '),
        detail: g.passed ? '' : t(lang, 'check.not', { ids: list(lang, g.failures.map((f) => f.id)) }),
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
        title: t(lang, 'check.checks'),
        columns: [
          { key: 'gate', label: t(lang, 'check.gate'), align: 'left' },
          { key: 'threshold', label: t(lang, 'check.threshold'), align: 'right' },
          { key: 'result', label: t(lang, 'common.result'), align: 'left' },
          { key: 'detail', label: t(lang, 'check.detail'), align: 'left' },
        ],
        rows: r.gates.map((g) => {
          const text = gateText(g, lang);
          return [cell(text.name), cell(text.threshold), g.passed ? cell(t(lang, 'common.pass'), 'good') : cell(t(lang, 'check.fail'), 'bad'), cell(text.detail)];
        }),
      },
    },
  ];
  const shown = r.outcomes.filter((o) => failedUnits.has(o.id));
  if (shown.length) {
    blocks.push({
      kind: 'table',
      table: {
        title: t(lang, 'check.unitsThatFailAGate'),
        columns: [
          { key: 'unit', label: t(lang, 'common.unit'), align: 'left' },
          { key: 'members', label: t(lang, 'common.members'), align: 'left' },
          { key: 'revenue', label: t(lang, 'common.netRevenue'), align: 'right' },
          { key: 'cost', label: t(lang, 'common.cost'), align: 'right' },
          { key: 'profit', label: t(lang, 'common.profit'), align: 'right' },
          { key: 'margin', label: t(lang, 'common.margin'), align: 'right' },
        ],
        rows: shown.map((o) => [cell(unitName(lang, o.id)), cell(list(lang, o.memberIds)), cell(formatMoney(o.revenue)), cell(formatMoney(o.cost)), cell(formatMoney(o.profit), profitTone(o.profit)), cell(pct(o.margin))]),
      },
    });
  }
  const failed = r.gates.filter((g) => !g.passed).length;
  blocks.push({
    kind: 'text',
    lines: [
      [
        r.passed
          ? cell(t(lang, 'check.allChecksPass', { count: r.gates.length }), 'good')
          : cell(t(lang, 'check.ofChecksFail', { failed, count: r.gates.length }), 'bad'),
      ],
      [cell(t(lang, 'common.parametersInForceOnDigest', { asOf: stamp.asOf, digest: stamp.digest }), 'muted')],
    ],
  });
  return { blocks };
}

/** One gate's failure lines (as `failureLines` prints them). */
function gateFailureLines(r: CheckResult, g: GateResult): string[] {
  return failureLines({ ...r, gates: [g] });
}

/**
 * JUnit for CI: one suite for the checked file, one testcase per gate (a <failure> with every unit
 * or compound that misses it). The file and the parameters are the suite's <properties>.
 */
export function checkJunit(file: string, r: CheckResult, stamp: { asOf: string; digest: string }, seconds: number): JunitSuite[] {
  const classname = junitClassname(file);
  const cases: JunitCase[] = r.gates.map((g) => {
    const c: JunitCase = { name: `${g.gate}${g.gate === 'min-margin' && g.defaulted ? ' (default: every unit breaks even)' : ''}`, classname, time: r.gates.length ? seconds / r.gates.length : 0 };
    if (!g.passed) {
      const lines = gateFailureLines(r, g);
      c.failure = { type: 'GateFailed', message: `${lines.length} failure${lines.length === 1 ? '' : 's'}; first: ${lines[0] ?? g.gate}`, text: lines.join('\n') };
    }
    return c;
  });
  return [
    {
      name: file,
      time: seconds,
      properties: [
        { name: 'file', value: file },
        { name: 'parameters.asOf', value: stamp.asOf },
        { name: 'parameters.digest', value: stamp.digest },
      ],
      cases,
    },
  ];
}

/** JUnit for a check whose input was refused: one <error> case, so CI shows why (exit 2). */
export function checkJunitError(file: string, problems: readonly Problem[]): JunitSuite[] {
  return [malformedSuite(file, problems, 'InputRefused', 'input refused')];
}
