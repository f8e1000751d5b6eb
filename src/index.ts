/**
 * The library API of breakeven: the same functions the command line uses, for scripts and other
 * tools. The CLI (src/cli) is not part of it.
 */

// Domain types and exact money.
export * from './core/compound.js';
export * from './core/categories.js';
export * from './core/errors.js';
export * from './core/geo.js';
export * from './core/money.js';
export type { Align, Block, Cell, Column, Table, Tone, View } from './core/table.js';

// Reading and writing files.
export { readCompounds, readCompoundStream, type ReadOptions, type ReadSummary } from './io/read-compounds.js';
export { COLUMNS, COLUMN_ALIASES, IGNORED_COLUMNS, REQUIRED_COLUMNS, normalizeHeaderName, type ColumnMap, type ColumnName } from './schema/columns.js';
export { readColumnMap } from './io/column-map.js';
export { MAX_PLAUSIBLE_FEE_RATE } from './schema/compound.js';
export { writeFileAtomic, type WriteAtomicOptions } from './io/write-atomic.js';

// Rendering views and reports.
export { FORMATS, type Format, type RenderOptions } from './render/options.js';
export { LANGS, type Lang } from './core/lang.js';
export { RENDERERS, renderOutput, type Renderable, type Renderer } from './render/registry.js';
export { renderTable } from './render/table.js';
export { renderCsv } from './render/csv.js';
export { renderMd } from './render/md.js';
export { renderJson } from './render/json.js';
export { t, type LabelKey } from './present/labels/index.js';
export * from './present/format.js';
export { stringWidth } from './render/width.js';

// Parameters: dated, sourced data; overlays never mutate the defaults.
export * from './params/tree.js';
export { loadParams, readDefaultTree, overlayFromFile, overlayFromValue, resolveOrThrow } from './io/read-params.js';

// The cost model (pure).
export { computeCoefficients, type Coefficients } from './model/coefficients.js';
export {
  evaluateUnit,
  memberRevenue,
  roleNeeds,
  type CostLine,
  type EvaluateOptions,
  type LineKey,
  type MemberRevenue,
  type StaffLine,
  type UnitEvaluation,
} from './model/evaluate-unit.js';
export { evaluateCompound, type CompoundEvaluation } from './model/evaluate-compound.js';
export { breakEvenFee, feeForMargin, feeForNet, feeForNetRevenue, netForMargin } from './model/break-even.js';
export { isViable, netRevenue, outcomeOf, subsidyNeededFor, type Outcome } from './model/outcome.js';

// Arrangements: units, fair shares, stability, scenarios.
export { allocate, ALLOCATION_METHODS, type AllocationMethod, type Player } from './arrangements/allocation.js';
export { checkStability } from './arrangements/stability.js';
export { memoCost, incrementalCosts, type CoalitionCost } from './arrangements/cost-game.js';
export { evaluateArrangedUnit, applyChanges, membersOf, type UnitSpec, type UnitResult, type MemberShare } from './arrangements/units.js';
export { evaluateArrangement, type ScenarioResult, type Totals } from './arrangements/evaluate-scenario.js';
export { parseScenario, checkScenarioIds, type Scenario } from './arrangements/scenario.js';

// What-if: sweeps, projections, bids, checks, and calculation tests as data (pure, but the reader).
export { evaluateUnits, type UnitOutcome } from './arrangements/arrange.js';
export { arrangeUnits, type Arrangement, type ArrangedUnit } from './arrangements/units.js';
export { parseVary, resolveAxis, SWEEP_FIELDS, REVENUE_FIELDS, type SweepAxis, type SweepField, type VarySpec } from './analyses/vary.js';
export { runSweep, type SweepInput, type SweepResult, type SweepRow } from './analyses/sweep.js';
export { runProjection, type ProjectInput, type ProjectResult, type ProjectYear, type UnitProjection } from './analyses/project.js';
export { priceBid, type BidResult, type BidTarget, type Pricing, type PricedUnit } from './analyses/bid.js';
export { runChecks, type CheckResult, type Gates, type GateResult } from './analyses/check.js';
export { runTestCase, type TestCase, type CaseResult, type CaseFailure, type Expectation } from './analyses/test-cases.js';
export { readTestCases, readTestCaseFile } from './cli/load-test-cases.js';
