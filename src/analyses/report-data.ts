import type { Outcome } from '../model/outcome.js';
import { type Verdict } from '../core/verdict.js';
import { COST_CATEGORIES, type CostCategory } from '../core/categories.js';
import type { Compound, Location } from '../core/compound.js';
import type { Fen } from '../core/money.js';
import type { AllocationMethod } from '../arrangements/allocation.js';
import { evaluateArrangement, type Totals } from '../arrangements/evaluate-scenario.js';
import { applyChanges, type UnitSpec } from '../arrangements/units.js';
import type { Coefficients } from '../model/coefficients.js';
import { breakEvenFee } from '../model/break-even.js';
import type { ParamTree, ResolvedParams } from '../params/tree.js';
import type { ProjectResult } from './project.js';
import type { SweepResult } from './sweep.js';
import { paramRows, type ParamRow } from '../params/rows.js';

/**
 * The data of `breakeven report`: everything the HTML report draws, assembled once from an
 * arrangement (a plan, a scenario's units, or every compound alone) and language-neutral, so the
 * renderer only lays it out. Amounts are fen; fees yuan/m²/month, unrounded.
 */

/** Where the units of the report came from. */
export type UnitsSource = 'plan' | 'scenario' | 'standalone';


/** One compound of the report: alone (baseline data) and in its unit (the arrangement). */
export interface ReportCompound {
  id: string;
  name: string;
  households: number;
  area_m2: number;
  location: Location | null;
  /** The fee charged now (baseline data). */
  feeRate: number;
  /** The fee under the arrangement, when a scenario changes it. */
  feeRateAfter: number;
  /** Fee at which it breaks even alone; null when no fee can (nothing is collected). */
  breakEvenFee: number | null;
  viableAlone: boolean;
  profitAlone: Fen;
  unit: string;
  unitKind: UnitSpec['kind'];
  /** `host` of an attached unit, `guest` in it, `member` of a cluster, `alone` standalone. */
  role: 'alone' | 'host' | 'guest' | 'member';
  /** Fee at which its revenue covers its share of the unit's cost. */
  shareFee: number | null;
  /** Its net revenue minus its share of the unit's cost. */
  profitAfter: Fen;
  verdict: Verdict;
}

/** One management unit, its cost by official category (every category, in order). */
export interface ReportUnit extends Outcome {
  id: string;
  kind: UnitSpec['kind'];
  members: string[];
  host?: string;
  households: number;
  area_m2: number;
  revenue: Fen;
  cost: Fen;
  byCategory: { category: CostCategory; amount: Fen }[];
}

/** The stamp that says which tool, parameters and inputs produced the report. */
export interface ReportStamp {
  tool: { name: string; version: string };
  parameters: { asOf: string; digest: string; overlays: string[] };
  /** Each input file as given on the command line, with the SHA-256 of its bytes. */
  inputs: { file: string; sha256: string }[];
}

export interface ReportSummary {
  compounds: number;
  /** Compounds with coordinates (drawn on the map). */
  located: number;
  units: Record<UnitSpec['kind'], number>;
  /** Compounds viable alone / in viable units under the arrangement. */
  viableBefore: number;
  viableAfter: number;
  subsidyBefore: Fen;
  subsidyAfter: Fen;
  subsidySaved: Fen;
  costBefore: Fen;
  costAfter: Fen;
}

/** One point of a what-if chart: the arrangement's totals at one value or in one year. */
export interface WhatIfPoint {
  /** The value swept, or the year (0 = the as-of date). */
  x: number;
  /** Years: the date of the point. */
  date?: string;
  profit: Fen;
  subsidyNeeded: Fen;
  /** Compounds in viable units. */
  viable: number;
  /** The verdict changed from the previous point (a sweep), or some unit stops breaking even (years). */
  flip: boolean;
  /** Years: the units that stop breaking even that year. */
  failing: string[];
}

/**
 * A chart asked for on the command line: a sweep of one key (`--sweep`), or the years ahead
 * (`--years`) with wage and fee growth. Computed over the same units as the rest of the report.
 */
export type WhatIfSeries =
  | { kind: 'sweep'; key: string; keyKind: 'field' | 'param'; points: WhatIfPoint[] }
  | { kind: 'years'; asOf: string; wageGrowth: number; feeGrowth: number; points: WhatIfPoint[] };

/** A what-if result as its engine returned it (src/analyses). */
export type WhatIfInput = { kind: 'sweep'; result: SweepResult } | { kind: 'years'; result: ProjectResult };

export interface ReportData {
  /** Shown in the title: the input file, as given. */
  subject: string;
  /** The title asked for with `report --title`, used as it is instead of the default. */
  title?: string;
  source: UnitsSource;
  allocation: AllocationMethod;
  summary: ReportSummary;
  /** A few parameters that move the verdicts most, shown with the summary. */
  keyParameters: ParamRow[];
  compounds: ReportCompound[];
  units: ReportUnit[];
  /** Every parameter used, with its reference. */
  parameters: ParamRow[];
  /** Charts asked for: a sweep, the years ahead, or both. */
  whatIf: WhatIfSeries[];
  stamp: ReportStamp;
}

export interface ReportInput {
  subject: string;
  title?: string;
  source: UnitsSource;
  /** The compounds as read (before a scenario's changes). */
  compounds: readonly Compound[];
  arrangement: { units: readonly UnitSpec[]; changes: ReadonlyMap<string, Partial<Compound>>; allocation: AllocationMethod; seed: number };
  k: Coefficients;
  tree: ParamTree;
  params: ResolvedParams;
  /** Sweep and projection results over the same units, when asked for. */
  whatIf?: readonly WhatIfInput[];
  stamp: ReportStamp;
}

/** The parameters shown in the summary, in this order (those the tree lacks are skipped). */
export const KEY_PARAMETERS = [
  'wages.minimum_monthly',
  'wages.cleaner',
  'wages.manager',
  'oncosts.social_insurance_rate',
  'oncosts.base_floor',
  'staffing.min_manager_fte.standard',
  'collection.after_sale_public',
  'tax.vat_rate',
  'pricing.target_margin',
] as const;

/** Assembles the report: evaluates the arrangement once and keeps what the report shows. */
export function buildReport(input: ReportInput): ReportData {
  const { k } = input;
  const result = evaluateArrangement(input.compounds, input.arrangement, k);
  const after = applyChanges(input.compounds, input.arrangement.changes);
  const changeOf = new Map(result.changes.map((c) => [c.id, c]));

  const units: ReportUnit[] = [];
  const unitOf = new Map<string, { unit: ReportUnit; spec: UnitSpec }>();
  const shareOf = new Map<string, { breakEvenFee: number | null }>();
  const byId = new Map(after.map((c) => [c.id, c]));
  for (const u of result.units) {
    const e = u.evaluation;
    const sums = new Map<CostCategory, Fen>(COST_CATEGORIES.map((c) => [c, 0]));
    for (const l of e.lines) sums.set(l.category, sums.get(l.category)! + l.amount);
    let households = 0;
    let area = 0;
    for (const id of e.memberIds) {
      households += byId.get(id)!.households;
      area += byId.get(id)!.area_m2;
    }
    const unit: ReportUnit = {
      id: u.id,
      kind: u.spec.kind,
      members: e.memberIds,
      ...(u.spec.kind === 'attached' ? { host: u.spec.host } : {}),
      households,
      area_m2: area,
      revenue: e.revenue,
      cost: e.cost,
      profit: e.profit,
      margin: e.margin,
      viable: e.viable,
      subsidyNeeded: e.subsidyNeeded,
      byCategory: COST_CATEGORIES.map((category) => ({ category, amount: sums.get(category)! })),
    };
    units.push(unit);
    for (const id of e.memberIds) unitOf.set(id, { unit, spec: u.spec });
    for (const s of u.shares) shareOf.set(s.id, s);
  }

  const compounds: ReportCompound[] = input.compounds.map((c, i) => {
    const change = changeOf.get(c.id)!;
    const { unit, spec } = unitOf.get(c.id)!;
    const role: ReportCompound['role'] =
      spec.kind === 'standalone' ? 'alone' : spec.kind === 'cluster' ? 'member' : spec.host === c.id ? 'host' : 'guest';
    const verdict: Verdict = !unit.viable ? 'unviable' : change.before.viable ? 'viable' : 'rescued';
    return {
      id: c.id,
      name: c.name,
      households: c.households,
      area_m2: c.area_m2,
      location: c.location,
      feeRate: c.fee_rate,
      feeRateAfter: after[i]!.fee_rate,
      // The arrangement already priced every compound alone; its break-even fee is solved from that cost.
      breakEvenFee: breakEvenFee(c, k, change.before.cost),
      viableAlone: change.before.viable,
      profitAlone: change.before.profit,
      unit: unit.id,
      unitKind: spec.kind,
      role,
      shareFee: shareOf.get(c.id)!.breakEvenFee,
      profitAfter: change.after.profit,
      verdict,
    };
  });

  // A report is mailed: no file in it is named by an absolute path of the machine it was made on.
  const rows = paramRows(input.tree, input.params).map((r) => (r.overriddenBy ? { ...r, overriddenBy: shownFile(r.overriddenBy) } : r));
  const s = input.stamp;
  const stamp: ReportStamp = {
    tool: s.tool,
    parameters: { ...s.parameters, overlays: s.parameters.overlays.map(shownFile) },
    inputs: s.inputs.map((i) => ({ ...i, file: shownFile(i.file) })),
  };
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    subject: shownFile(input.subject),
    ...(input.title !== undefined ? { title: input.title } : {}),
    source: input.source,
    allocation: input.arrangement.allocation,
    summary: summaryOf(compounds, result.baseline, result.totals, units),
    keyParameters: KEY_PARAMETERS.flatMap((key) => byKey.get(key) ?? []),
    compounds,
    units,
    parameters: rows,
    whatIf: (input.whatIf ?? []).map(whatIfSeries),
    stamp,
  };
}

/** A sweep of one key or a projection, as the points of a chart. */
export function whatIfSeries(w: WhatIfInput): WhatIfSeries {
  if (w.kind === 'sweep') {
    const axis = w.result.axes[0];
    if (!axis || w.result.axes.length !== 1) throw new Error(`a report charts a sweep of one key, got ${w.result.axes.length}`);
    return {
      kind: 'sweep',
      key: axis.key,
      keyKind: axis.kind,
      points: w.result.rows.map((r) => ({ x: r.values[axis.key]!, profit: r.profit, subsidyNeeded: r.subsidyNeeded, viable: r.viable, flip: r.flip, failing: [] })),
    };
  }
  const r = w.result;
  return {
    kind: 'years',
    asOf: r.asOf,
    wageGrowth: r.wageGrowth,
    feeGrowth: r.feeGrowth,
    points: r.years.map((y) => ({
      x: y.year,
      date: y.date,
      profit: y.totals.profit,
      subsidyNeeded: y.totals.subsidyNeeded,
      viable: y.totals.viableCompounds,
      flip: y.failing.length > 0,
      failing: y.failing,
    })),
  };
}

function summaryOf(compounds: readonly ReportCompound[], before: Totals, after: Totals, units: readonly ReportUnit[]): ReportSummary {
  const kinds: Record<UnitSpec['kind'], number> = { standalone: 0, attached: 0, cluster: 0 };
  for (const u of units) kinds[u.kind]++;
  return {
    compounds: compounds.length,
    located: compounds.filter((c) => c.location !== null).length,
    units: kinds,
    viableBefore: before.viableCompounds,
    viableAfter: after.viableCompounds,
    subsidyBefore: before.subsidyNeeded,
    subsidyAfter: after.subsidyNeeded,
    subsidySaved: before.subsidyNeeded - after.subsidyNeeded,
    costBefore: before.cost,
    costAfter: after.cost,
  };
}

/**
 * A file as the report names it: as given when relative, by its base name when absolute (POSIX or
 * Windows), so the sender's directories do not travel with the report. A suffix such as ":12" or
 * " (parameters)" after the path is kept.
 */
export function shownFile(file: string): string {
  if (!file.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(file) && !file.startsWith('\\\\')) return file;
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return file.slice(cut + 1);
}
