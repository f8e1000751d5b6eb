/**
 * The command table. main.ts builds the whole commander program (help, options, argument checks)
 * from these entries without loading any command: a command's module is imported only when it
 * runs, which keeps `breakeven --version` and `--help` fast.
 *
 * Adding a command: write src/cli/commands/NAME.ts exporting `run` (and, when it prints a report,
 * `schemaVersion` and `outputSchema`), then add one entry below. See src/cli/README.md.
 */
import type { ZodType } from 'zod';
import type { Lang } from '../core/lang.js';
import { WORKBOOK_FORMATS, type Format } from '../render/options.js';
import { DRAW_OPTIONS, MODEL_OPTIONS, SEED_OPTION, THREADS_OPTION } from './model-options.js';
import { ALLOCATION_METHODS } from '../core/allocation-methods.js';
import { DEFAULT_MAX_DISTANCE_M, DEFAULT_MAX_MEMBERS } from '../core/plan-defaults.js';

/** Formats of the record commands (evaluate and the scenario family): the four, and NDJSON. */
const STREAM_FORMATS: readonly Format[] = ['table', 'json', 'ndjson', 'csv', 'md'];
/** The streamed formats and a workbook. */
const STREAM_WORKBOOK_FORMATS: readonly Format[] = [...STREAM_FORMATS, 'xlsx'];

/** A positional argument. */
export interface ArgSpec {
  /** Shown in usage as <name> (required) or [name]. */
  name: string;
  description: string;
  /** Default true. */
  required?: boolean;
  /** Takes all remaining arguments (last argument only). */
  variadic?: boolean;
}

/** A command-specific option, in commander's syntax. */
export interface OptionSpec {
  /** e.g. `--years <n>`, `--fail-if-any-unviable`, `--vary <field=values...>` */
  flags: string;
  description: string;
  default?: string | number | boolean | readonly string[];
  choices?: readonly string[];
  /**
   * Converts and checks the text (see `intOption`, `numberOption`, `repeatable`). Throw an Error
   * whose message says what is expected: the shell reports it as a usage error (exit 2).
   */
  parse?: (value: string, previous: unknown) => unknown;
}

/** The encodings a compounds file may be read in (`--encoding`). */
export const ENCODINGS = ['auto', 'utf8', 'gb18030'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];

/**
 * How a compounds file is read, on every command that reads one (`readsCompounds`), besides
 * `--encoding` and `--delimiter`. The values reach the reader through `readOptionsOf`
 * (src/cli/load-input.ts).
 */
export const COMPOUND_READ_OPTIONS: readonly OptionSpec[] = [
  { flags: '--sheet <name>', description: 'the sheet of a workbook (.xlsx) to read (default: the first)' },
  {
    flags: '--header-row <n>',
    description: 'the line (CSV) or row (workbook) of the header; default: found below any title rows',
    parse: intOption(1),
  },
  { flags: '--columns <map.yaml>', description: 'a file naming columns no alias covers, one "header text: column" a line (column or ignore)' },
  { flags: '--allow-high-fees', description: 'accept fee_rate above 20 yuan/m²/month (otherwise refused as a likely monthly or yearly total)' },
];

/** What a command's `run` receives besides its positional arguments. */
export interface CommandOptions {
  /** The command's name, e.g. `validate`. */
  command: string;
  format: Format;
  lang: Lang;
  /** `--out FILE`: write there (atomically) instead of stdout. */
  out?: string;
  /** `--table NAME`: the table `--format csv` writes, when the command prints several. */
  table?: string;
  /** Colour the table output: stdout is a TTY, and neither NO_COLOR, --no-color nor --out. */
  color: boolean;
  /** Only on commands that read compounds. */
  encoding: EncodingChoice;
  delimiter?: string;
  /** Every option commander parsed, by camelCase name, including command-specific ones. */
  values: Readonly<Record<string, unknown>>;
  /** Added to every JSON report by `emit`. */
  tool: { name: string; version: string };
  /** The version of this command's JSON output (its module's `schemaVersion`, else 1). */
  schemaVersion: number;
}

/** What a command module exports. */
export interface CommandModule {
  run(args: string[], options: CommandOptions): Promise<void>;
  /** Version of the JSON output; bump when a field changes meaning or disappears. */
  schemaVersion?: number;
  /** zod schema of the JSON output, envelope included (see `envelope` in output-schema.ts). */
  outputSchema?: ZodType;
}

/** One line of the command table. */
export interface CommandEntry {
  name: string;
  /** One line, shown in `breakeven --help`. */
  summary: string;
  /** Longer text for `breakeven NAME --help`; defaults to the summary. */
  description?: string;
  args: readonly ArgSpec[];
  options?: readonly OptionSpec[];
  /** Adds `--encoding`, `--delimiter` and COMPOUND_READ_OPTIONS. */
  readsCompounds?: boolean;
  /**
   * Formats the command can print; the first is the default. Default: the text formats, table
   * first (WORKBOOK_FORMATS adds xlsx). Empty: the command writes one fixed format of its own
   * (report: HTML) and has no `--format`.
   */
  formats?: readonly Format[];
  /** Shell lines shown under "Examples:" in the command's help, without the `$ `. */
  examples: readonly string[];
  load: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'validate',
    summary: 'check a compounds CSV file and summarise what it holds',
    description:
      'Read a compounds CSV file (UTF-8 or GB18030) and report how many compounds it holds, by housing ' +
      'type and service level, how many have coordinates, and the warnings found. When the file cannot ' +
      'be used, list every problem with its file:line and exit 2.',
    args: [{ name: 'file', description: 'compounds CSV file' }],
    readsCompounds: true,
    examples: [
      'breakeven validate fixtures/case-study.csv',
      'breakeven validate district.csv --format json --out district-check.json',
      'breakeven validate 小区.csv --encoding gb18030 --lang zh',
    ],
    load: () => import('./commands/validate.js'),
  },
  {
    name: 'schema',
    summary: "print the JSON Schema of a command's --format json output",
    args: [{ name: 'command', description: 'a command with JSON output, e.g. validate' }],
    formats: ['json'],
    examples: ['breakeven schema validate', 'breakeven schema validate --out validate.schema.json'],
    load: () => import('./commands/schema.js'),
  },
  {
    name: 'demo',
    summary: 'the case study told in numbers: 京剧院小区 alone, attached to 岳阳花苑, and a lane cluster',
    description:
      'Runs the bundled case study (fixtures/case-study.csv and fixtures/case-study-attached.yaml) with no ' +
      'arguments: why a 16-household compound cannot be served alone, how attaching it to its neighbour at ' +
      '+230% makes both the firm and the host better off, and what clustering the lane saves.',
    args: [],
    options: [
      ...MODEL_OPTIONS,
      { flags: '--draws <n>', description: "draws of the parameter ranges behind the attach story's odds (default 1000)", parse: intOption(1, 100000) },
      SEED_OPTION,
    ],
    examples: ['breakeven demo', 'breakeven demo --lang zh', 'breakeven demo --format json'],
    load: () => import('./commands/demo.js'),
  },
  {
    name: 'evaluate',
    summary: 'every compound managed alone: revenue, cost, profit, break-even and bid fees, subsidy needed',
    description:
      'Evaluate each compound as a standalone management unit with the sourced cost model: staff by ' +
      'norm rounded to hiring steps, per-compound jobs, per-unit fixed costs, overhead, VAT and surcharges. ' +
      'Prints the verdict, the fee at which it breaks even and the fee for the target margin. Amounts are ' +
      'yuan a year; fees yuan/m²/month. JSON, NDJSON and CSV are streamed in constant memory; JSON carries ' +
      'each compound\'s cost lines only with --detail.',
    args: [{ name: 'file', description: 'compounds CSV file' }],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      ...DRAW_OPTIONS,
      SEED_OPTION,
      { flags: '--fail-if-any-unviable', description: 'exit 1 listing the compounds that cannot break even alone' },
      { flags: '--threads <n>', description: 'json, ndjson, csv: threads to use, or auto (two for a file of 8 MB or more on two cores, else one; the output is the same either way); with --draws, threads for the draws' },
      { flags: '--detail', description: 'JSON and NDJSON: also every cost line (of each compound or unit)' },
    ],
    formats: STREAM_WORKBOOK_FORMATS,
    examples: [
      'breakeven evaluate fixtures/case-study.csv',
      'breakeven evaluate fixtures/district.csv --format json --out district.json',
      'breakeven evaluate fixtures/district.csv --params wages-2026.yaml --as-of 2026-01-01',
      'breakeven evaluate fixtures/case-study.csv --fail-if-any-unviable',
    ],
    load: () => import('./commands/evaluate.js'),
  },
  {
    name: 'explain',
    summary: 'the calculation of one compound as a tree, every figure traced to its parameters and sources',
    args: [
      { name: 'file', description: 'compounds CSV file' },
      { name: 'id', description: 'id of the compound to explain' },
    ],
    readsCompounds: true,
    options: [...MODEL_OPTIONS],
    examples: ['breakeven explain fixtures/case-study.csv JJY', 'breakeven explain fixtures/case-study.csv JJY --lang zh', 'breakeven explain fixtures/case-study.csv YYHY --format json'],
    load: () => import('./commands/explain.js'),
  },
  {
    name: 'params',
    summary: 'every model parameter: value in force, unit, date, range and reference',
    args: [],
    options: [...MODEL_OPTIONS],
    examples: ['breakeven params', 'breakeven params --as-of 2025-06-30', 'breakeven params --params my-wages.yaml --format csv --out params.csv'],
    load: () => import('./commands/params.js'),
  },
  {
    name: 'scenario',
    summary: 'evaluate a scenario file: attached and clustered units, fair shares, against all-standalone',
    description:
      'A scenario (YAML or JSON) overlays the baseline: compound changes, parameter changes, and units ' +
      '(kind: attached with host and guests, or kind: cluster with members). Compounds in no unit stay ' +
      'alone. Prints each unit, who pays what under the allocation (area, households, shapley, scrb), ' +
      'whether the shares are stable, winners and losers, and the subsidy saved.',
    args: [{ name: 'scenario', description: 'scenario file (.yaml, .yml or .json)' }],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      ...DRAW_OPTIONS,
      THREADS_OPTION,
      SEED_OPTION,
      { flags: '--compounds <file>', description: "use this compounds file instead of the scenario's" },
      { flags: '--allocation <method>', description: 'how a unit splits its cost', choices: ALLOCATION_METHODS },
      { flags: '--detail', description: 'JSON and NDJSON: also every cost line (of each compound or unit)' },
    ],
    formats: STREAM_WORKBOOK_FORMATS,
    examples: ['breakeven scenario fixtures/case-study-attached.yaml', 'breakeven scenario fixtures/case-study-attached.yaml --allocation shapley --format json'],
    load: () => import('./commands/scenario.js'),
  },
  {
    name: 'attach',
    summary: 'what if these compounds were attached to a host (挂单)?',
    args: [
      { name: 'file', description: 'compounds CSV file or scenario' },
      { name: 'guests', description: 'ids of the guest compounds', variadic: true },
    ],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      ...DRAW_OPTIONS,
      THREADS_OPTION,
      SEED_OPTION,
      { flags: '--to <host>', description: 'id of the host compound (required)' },
      { flags: '--allocation <method>', description: 'how the unit splits its cost', choices: ALLOCATION_METHODS },
      { flags: '--detail', description: 'JSON and NDJSON: also every cost line (of each compound or unit)' },
    ],
    formats: STREAM_WORKBOOK_FORMATS,
    examples: ['breakeven attach fixtures/case-study.csv JJY --to YYHY', 'breakeven attach fixtures/case-study.csv JJY --to YYHY --allocation shapley'],
    load: () => import('./commands/attach.js'),
  },
  {
    name: 'cluster',
    summary: 'what if these compounds were run by one team (片区式管理)?',
    args: [
      { name: 'file', description: 'compounds CSV file or scenario' },
      { name: 'ids', description: 'ids of the member compounds (two or more)', variadic: true },
    ],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      ...DRAW_OPTIONS,
      THREADS_OPTION,
      SEED_OPTION,
      { flags: '--name <name>', description: 'name of the cluster' },
      { flags: '--allocation <method>', description: 'how the unit splits its cost', choices: ALLOCATION_METHODS },
      { flags: '--detail', description: 'JSON and NDJSON: also every cost line (of each compound or unit)' },
    ],
    formats: STREAM_WORKBOOK_FORMATS,
    examples: ['breakeven cluster fixtures/case-study.csv A12 A13 A17', 'breakeven cluster fixtures/case-study.csv A12 A13 A17 --allocation scrb --format md'],
    load: () => import('./commands/cluster.js'),
  },
  {
    name: 'sweep',
    summary: 'what if a fee, a rate or a parameter were different? totals over a range of values',
    description:
      'Evaluate the compounds (or a scenario: its units, compounds in no unit alone) at every value of ' +
      'one or two keys: a compound field (a CSV column: fee_rate, collection_rate, other_income, subsidy, ' +
      'households, …; applied to every compound or to --only) or a parameter (wages.cleaner, …, see ' +
      '`breakeven params`). Prints net revenue, cost, profit, subsidy needed and viable compounds at each ' +
      'point, marks where the verdict (viable count or sign of profit) flips along the last --vary, and in ' +
      'the terminal charts the profit (one key) or the viable count (two keys). Revenue fields are linear: ' +
      'costs are computed once and only revenue per point.',
    args: [{ name: 'file', description: 'compounds CSV file or scenario' }],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      { flags: '--vary <KEY=FROM:TO:STEP>', description: 'the key and its values (or KEY=V1,V2,…); give it twice for a grid', parse: repeatable },
      { flags: '--only <ids>', description: 'change the field of these compounds only (comma-separated ids)' },
      { flags: '--compounds <file>', description: "use this compounds file instead of the scenario's" },
    ],
    formats: WORKBOOK_FORMATS,
    examples: [
      'breakeven sweep fixtures/case-study.csv --vary fee_rate=1.0:2.5:0.05 --only YYHY',
      'breakeven sweep fixtures/district.csv --vary wages.cleaner=3000:4000:250 --format csv --out cleaners.csv',
      'breakeven sweep scenario.yaml --vary fee_rate=0.5:2:0.1 --vary collection_rate=50%:90%:10%',
    ],
    load: () => import('./commands/sweep.js'),
  },
  {
    name: 'project',
    summary: 'year by year: wages rise faster than fees; when does each unit stop breaking even?',
    description:
      'Project the compounds (or a scenario) over N years from the as-of date: wages, the minimum wage ' +
      'and the social-insurance contribution base grow by --wage-growth, fees by --fee-growth, and the ' +
      "scenario's dated fee steps (feeSteps: {ID or \"*\": {DATE: FEE}}) take effect when due. Each year uses " +
      'the parameters in force on its date. Prints the totals per year and, for each unit, the first year ' +
      'it does not break even.',
    args: [{ name: 'file', description: 'compounds CSV file or scenario' }],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      { flags: '--years <n>', description: 'years to project, 1 to 50', default: 10, parse: intOption(1, 50) },
      { flags: '--wage-growth <rate>', description: 'yearly wage growth, e.g. 4% or 0.04', default: '0%' },
      { flags: '--fee-growth <rate>', description: 'yearly fee growth, e.g. 0%', default: '0%' },
      { flags: '--compounds <file>', description: "use this compounds file instead of the scenario's" },
    ],
    formats: WORKBOOK_FORMATS,
    examples: [
      'breakeven project fixtures/case-study.csv --years 10 --wage-growth 4% --fee-growth 0%',
      'breakeven project scenario.yaml --years 15 --wage-growth 5% --format json --out projection.json',
    ],
    load: () => import('./commands/project.js'),
  },
  {
    name: 'bid',
    summary: 'price a bid: the cost sheet and the fee to quote, for the bundle and for each compound alone',
    description:
      'Price the listed compounds as one management unit, at one fee for all, and each compound on its ' +
      'own: the cost sheet in the official categories (yuan a year and yuan/m²/month, labels in Chinese ' +
      'and English; Chinese only under --lang zh), then the fee to quote under 包干制 (lump-sum: cost + taxes + profit) or 酬金制 ' +
      '(commission: the expenditure of categories 1–9 + a commission that also pays the head-office ' +
      'overhead). Margin = profit ÷ net revenue, as in evaluate. Defaults: pricing.target_margin for ' +
      'lump-sum, pricing.commission_rate for commission.',
    args: [
      { name: 'file', description: 'compounds CSV file or scenario (its compound changes apply)' },
      { name: 'ids', description: 'ids of the compounds in the bid', variadic: true },
    ],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      ...DRAW_OPTIONS,
      THREADS_OPTION,
      SEED_OPTION,
      { flags: '--compounds <file>', description: "use this compounds file instead of the scenario's" },
      { flags: '--pricing <pricing>', description: 'lump-sum (包干制) or commission (酬金制)', choices: ['lump-sum', 'commission'], default: 'lump-sum' },
      { flags: '--margin <rate>', description: 'target margin, profit ÷ net revenue, e.g. 6% (either pricing)' },
      { flags: '--commission-rate <rate>', description: 'commission as a share of expenditure, e.g. 8% (commission pricing)' },
    ],
    formats: WORKBOOK_FORMATS,
    examples: [
      'breakeven bid fixtures/case-study.csv A12 A13 A17 --margin 6%',
      'breakeven bid fixtures/case-study.csv YYHY JJY --pricing commission --commission-rate 8% --lang zh',
      'breakeven bid fixtures/case-study.csv A12 A13 A17 --margin 6% --format json',
    ],
    load: () => import('./commands/bid.js'),
  },
  {
    name: 'check',
    summary: 'gates for CI: every unit above a margin, subsidy within a budget, named compounds viable',
    description:
      'Evaluate the compounds (or a scenario: its units, compounds in no unit alone) and test the gates: ' +
      '--min-margin (every unit), --max-subsidy (the total subsidy needed, yuan a year), --require-viable ' +
      '(compound ids or unit names). With no gate, every unit must break even. Prints the report (JSON ' +
      'for machines), then exits 1 with a summary on stderr when a gate fails.',
    args: [{ name: 'file', description: 'compounds CSV file or scenario' }],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      { flags: '--min-margin <rate>', description: 'every unit earns at least this margin (profit ÷ net revenue), e.g. 0 or 5%' },
      { flags: '--max-subsidy <yuan>', description: 'the subsidy needed, in all, is at most this many yuan a year', parse: numberOption(0) },
      { flags: '--require-viable <ids>', description: 'these compounds (or units) break even, comma-separated' },
      { flags: '--compounds <file>', description: "use this compounds file instead of the scenario's" },
      { flags: '--junit <file>', description: 'also write the gates as JUnit XML for CI (atomically); a refused input gives an <error> case' },
    ],
    examples: [
      'breakeven check scenario.yaml',
      'breakeven check scenario.yaml --min-margin 0 --junit check.xml',
      'breakeven check scenario.yaml --min-margin 3% --max-subsidy 50000 --require-viable JJY,A12',
      'breakeven check scenario.yaml --max-subsidy 50000 --format json --out check.json',
    ],
    load: () => import('./commands/check.js'),
  },
  {
    name: 'test',
    summary: 'run calculation tests written as data (YAML cases with expected outputs and tolerances)',
    description:
      'Each YAML file holds cases: a name, compounds (inline rows with the CSV column names, or a CSV file ' +
      'relative to the case file), an asOf date, optional parameters (an overlay, as --params) and scenario ' +
      '(units, compoundChanges, allocation), and the outputs expected: compounds.ID.* as evaluate computes ' +
      'them, units.ID.* and totals.* as scenario does, each with an optional tolerance. Keys are strict. ' +
      'Exits 1 when a case fails, showing expected against actual; 2 when a case file is malformed.',
    args: [{ name: 'paths', description: 'case files, or directories searched for *.yaml and *.yml', variadic: true }],
    options: [{ flags: '--junit <file>', description: 'also write the results as JUnit XML for CI (atomically)' }],
    examples: ['breakeven test test/cases', 'breakeven test my-cases.yaml --junit results.xml', 'breakeven test test/cases --format json'],
    load: () => import('./commands/test.js'),
  },
  {
    name: 'report',
    summary: 'one self-contained HTML report to look at, mail and print: map, fees, costs, compounds',
    description:
      'Draws the arrangement as one HTML file with no external requests (inline CSS and SVG; prints on A4): ' +
      'a summary (compounds and subsidy, all alone against arranged), a map of the compounds coloured by ' +
      'verdict with the links of attached and clustered units and a scale bar, the fee charged against the ' +
      'break-even fee of every compound, the cost of every unit by official category, a sortable table of the ' +
      'compounds, and the parameters used with their references and digests. A scenario file gives the units; ' +
      'a compounds CSV alone shows every compound managed alone.',
    args: [{ name: 'file', description: 'compounds CSV file or scenario' }],
    readsCompounds: true,
    formats: [],
    options: [
      { flags: '--plan', description: 'draw the units the planner proposes (as `breakeven plan` with its defaults)' },
      { flags: '--title <text>', description: 'the title of the report (default: "Property management feasibility: FILE", in the language of --lang)' },
      ...MODEL_OPTIONS,
      ...DRAW_OPTIONS,
      THREADS_OPTION,
      SEED_OPTION,
      { flags: '--compounds <file>', description: "use this compounds file instead of the scenario's" },
      { flags: '--allocation <method>', description: 'how a unit splits its cost', choices: ALLOCATION_METHODS },
      {
        flags: '--sweep <KEY=FROM:TO:STEP>',
        description: 'add a chart of subsidy and viable compounds as KEY takes each value: a compound field (fee_rate, …) or a parameter (wages.cleaner, …); or KEY=V1,V2,…',
      },
      { flags: '--years <n>', description: 'add a chart of the years ahead, 1 to 50', parse: intOption(1, 50) },
      { flags: '--id <id>', description: 'with --draws: the tornado of this compound or unit instead of the whole district' },
      { flags: '--wage-growth <rate>', description: 'with --years: yearly wage growth, e.g. 4% (default 0%)' },
      { flags: '--fee-growth <rate>', description: 'with --years: yearly fee growth, e.g. 2% (default 0%)' },
    ],
    examples: [
      'breakeven report fixtures/case-study-attached.yaml --out report.html',
      'breakeven report fixtures/district.csv --lang zh --out 报告.html',
      'breakeven report fixtures/case-study-attached.yaml --sweep fee_rate=0.5:3:0.1 --years 10 --wage-growth 4% --out report.html',
    ],
    load: () => import('./commands/report.js'),
  },
  {
    name: 'sensitivity',
    summary: 'a tornado: which parameter, alone at the low or high end of its range, moves the verdict most',
    description:
      'Sets each parameter that has a documented range to its low and to its high, everything else at the ' +
      'value in force, and ranks them by the swing they cause in the target (profit by default, or subsidy, ' +
      'or break-even-fee), saying which alone would flip the verdict (profit ≥ 0). Without --id the whole ' +
      'input (every unit of a scenario, else every compound alone); --id names a unit of the scenario or a ' +
      "compound. --vary-inputs adds the compounds' input ranges of a scenario's inputRanges. The last line " +
      'puts every range at once at the end that favours the target, then at the other end: how far the ' +
      'documented ranges can move the answer together (in JSON: bounds; not in --format csv, one table).',
    args: [{ name: 'file', description: 'compounds CSV file or scenario' }],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      { flags: '--id <id>', description: 'a unit of the scenario or a compound (default: the whole input)' },
      { flags: '--top <n>', description: 'show the N largest swings only', parse: intOption(1) },
      { flags: '--target <target>', description: 'what the swing is measured in', choices: ['profit', 'subsidy', 'break-even-fee'], default: 'profit' },
      { flags: '--vary-inputs', description: "also the compounds' collection rate and other income over the scenario's inputRanges" },
      { flags: '--compounds <file>', description: "use this compounds file instead of the scenario's" },
    ],
    examples: [
      'breakeven sensitivity fixtures/case-study.csv --id JJY',
      'breakeven sensitivity fixtures/case-study-attached.yaml --id YYHY+JJY --top 5',
      'breakeven sensitivity fixtures/district.csv --target subsidy --format json',
    ],
    load: () => import('./commands/sensitivity.js'),
  },
  {
    name: 'plan',
    summary: 'propose attachments and clusters that serve every compound with the least subsidy',
    description:
      'Partition the compounds into management units (alone, attached, clustered) within distance and ' +
      'size limits, minimising the total subsidy needed (or maximising compounds in viable units). A fast ' +
      'heuristic (savings merging, then local search) by default; --exact solves the set-partitioning MIP ' +
      'with HiGHS and reports status and gap. --write-scenario saves the plan as an editable scenario.',
    args: [{ name: 'file', description: 'compounds CSV file or scenario' }],
    readsCompounds: true,
    options: [
      ...MODEL_OPTIONS,
      ...DRAW_OPTIONS,
      { flags: '--threads <n>', description: "worker threads for the planner's connected components and for the draws, a number or auto (default: every core when the district splits into components); the plan does not depend on it" },
      { flags: '--max-distance <metres>', description: 'every pair of members within this distance', default: DEFAULT_MAX_DISTANCE_M, parse: numberOption(0) },
      { flags: '--max-members <n>', description: 'members per unit at most', default: DEFAULT_MAX_MEMBERS, parse: intOption(1, 50) },
      { flags: '--max-households <n>', description: 'households per unit at most', parse: intOption(1) },
      { flags: '--keep-standalone <ids>', description: 'comma-separated ids that must stay alone' },
      { flags: '--never-together <a:b>', description: 'two ids that must not share a unit (repeatable)', parse: repeatable },
      { flags: '--objective <goal>', description: 'what to optimise', default: 'subsidy', choices: ['subsidy', 'viable'] },
      { flags: '--seed <n>', description: 'seed for tie-breaking and for --draws; the same seed gives the same plan', default: 1, parse: intOption(0) },
      { flags: '--exact', description: 'solve exactly as a MIP (HiGHS), per connected component' },
      { flags: '--time-limit <seconds>', description: 'time budget of the exact solver', parse: numberOption(0) },
      { flags: '--write-scenario <file>', description: 'also write the plan as an editable scenario (YAML)' },
      { flags: '--compounds <file>', description: "use this compounds file instead of the scenario's" },
      { flags: '--allocation <method>', description: 'how each unit splits its cost', choices: ALLOCATION_METHODS },
      { flags: '--detail', description: 'JSON and NDJSON: also every cost line (of each compound or unit)' },
    ],
    formats: STREAM_WORKBOOK_FORMATS,
    examples: [
      'breakeven plan fixtures/district.csv',
      'breakeven plan fixtures/district.csv --exact --time-limit 60 --format json --out plan.json',
      'breakeven plan fixtures/district.csv --max-distance 300 --write-scenario plan.yaml',
      'breakeven plan fixtures/district.csv --objective viable --keep-standalone A001,A002 --never-together A010:A011',
    ],
    load: () => import('./commands/plan.js'),
  },
];

/** The entry called `name`, if any. */
export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Option parser: an integer in [min, max]. */
export function intOption(min = -Infinity, max = Infinity): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^[+-]?\d+$/.test(value.trim()) || n < min || n > max) throw new Error(`expected an integer${range(min, max)}, got "${value}"`);
    return n;
  };
}

/** Option parser: a finite number in [min, max] (a dot as decimal separator). */
export function numberOption(min = -Infinity, max = Infinity): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new Error(`expected a number${range(min, max)}, got "${value}"${value.includes(',') ? ' (use a dot as decimal separator)' : ''}`);
    }
    return n;
  };
}

/** Option parser for an option that may be given several times: collects the values in order. */
export function repeatable(value: string, previous: unknown): string[] {
  return [...(Array.isArray(previous) ? (previous as string[]) : []), value];
}

function range(min: number, max: number): string {
  if (min > -Infinity && max < Infinity) return ` from ${min} to ${max}`;
  if (min > -Infinity) return ` ≥ ${min}`;
  if (max < Infinity) return ` ≤ ${max}`;
  return '';
}
