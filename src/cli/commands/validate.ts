import { z } from 'zod';
import { HOUSING_TYPES, SERVICE_LEVELS, type Compound, type HousingType, type ServiceLevel } from '../../core/compound.js';
import { formatWhere, type Problem } from '../../core/errors.js';
import type { Cell, Table, View } from '../../core/table.js';
import type { ReadSummary } from '../../io/read-compounds.js';
import { formatInt, formatPercent } from '../../present/format.js';
import { t } from '../../present/labels/index.js';
import type { Lang } from '../../core/lang.js';
import { envelope, problemSchema } from '../output-schema.js';
import type { CommandOptions } from '../registry.js';
import { inputFiles, readOptionsOf } from '../read-options.js';
import { emit, localizeProblem } from '../shell.js';

export const schemaVersion = 1;

const countsBy = <K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.number().int().nonnegative()])) as Record<K, z.ZodNumber>);

/** `breakeven validate --format json`. */
export const outputSchema = envelope(schemaVersion, {
  file: z.string().describe('the file as named on the command line'),
  encoding: z.enum(['utf8', 'gb18030']).describe('encoding the file was read in (utf8 for a workbook)'),
  sheet: z.string().optional().describe('the sheet read, when the file is a workbook (.xlsx)'),
  compounds: z.number().int().nonnegative().describe('compounds read'),
  byHousingType: countsBy(HOUSING_TYPES),
  byServiceLevel: countsBy(SERVICE_LEVELS),
  withLocation: z.number().int().nonnegative().describe('compounds with coordinates (lat/lon or x_m/y_m)'),
  warnings: z.array(problemSchema),
}).meta({ title: 'breakeven validate', description: 'What a compounds file holds, and the warnings found while reading it.' });

/** The report without the envelope the shell adds. */
export type ValidateReport = Omit<z.infer<typeof outputSchema>, 'schemaVersion' | 'tool'>;

/**
 * The counts of a validation, added to one compound at a time: `validate` streams the file and
 * keeps only these counts (and the reader's index of ids, for duplicates), never the rows.
 */
export class CompoundCounts {
  readonly byHousingType = Object.fromEntries(HOUSING_TYPES.map((k) => [k, 0])) as Record<HousingType, number>;
  readonly byServiceLevel = Object.fromEntries(SERVICE_LEVELS.map((k) => [k, 0])) as Record<ServiceLevel, number>;
  withLocation = 0;
  compounds = 0;

  add(c: Compound): void {
    this.byHousingType[c.housing_type] += 1;
    this.byServiceLevel[c.service_level] += 1;
    if (c.location !== null) this.withLocation += 1;
    this.compounds += 1;
  }

  report(read: ReadSummary): ValidateReport {
    return {
      file: read.file,
      encoding: read.encoding,
      ...(read.sheet !== undefined ? { sheet: read.sheet } : {}),
      compounds: this.compounds,
      byHousingType: this.byHousingType,
      byServiceLevel: this.byServiceLevel,
      withLocation: this.withLocation,
      warnings: read.warnings.map(plainProblem),
    };
  }
}

/** Count what `readCompounds` returned. Pure. */
export function summariseCompounds(read: ReadSummary & { compounds: readonly Compound[] }): ValidateReport {
  const counts = new CompoundCounts();
  for (const c of read.compounds) counts.add(c);
  return counts.report(read);
}

/** A problem with exactly the schema's keys, in a fixed order (no `undefined` members). */
function plainProblem(p: Problem): Problem {
  const out: Problem = { code: p.code, message: p.message };
  if (p.where) {
    const w: Problem['where'] & object = { file: p.where.file };
    if (p.where.line !== undefined) w.line = p.where.line;
    if (p.where.column !== undefined) w.column = p.where.column;
    if (p.where.field !== undefined) w.field = p.where.field;
    if (p.where.sheet !== undefined) w.sheet = p.where.sheet;
    out.where = w;
  }
  if (p.hint !== undefined) out.hint = p.hint;
  return out;
}

/** The summary tables. Pure. `original`: the warnings as read, whose messages can be said in `lang`. */
export function validateView(r: ValidateReport, lang: Lang, original?: readonly Problem[]): View {
  const summary: Table = {
    title: t(lang, 'validate.title', { file: r.file }),
    columns: [
      { key: 'item', label: t(lang, 'validate.item'), align: 'left' },
      { key: 'value', label: t(lang, 'validate.value'), align: 'right' },
    ],
    rows: [
      r.sheet !== undefined
        ? [{ text: t(lang, 'validate.sheet') }, { text: r.sheet }]
        : [{ text: t(lang, 'validate.encoding') }, { text: r.encoding === 'utf8' ? 'UTF-8' : 'GB18030' }],
      [{ text: t(lang, 'validate.compounds') }, { text: formatInt(r.compounds), tone: 'strong' }],
      [{ text: t(lang, 'validate.withLocation') }, { text: formatInt(r.withLocation) }],
      [{ text: t(lang, 'validate.withoutLocation') }, { text: formatInt(r.compounds - r.withLocation) }],
      [{ text: t(lang, 'validate.warnings') }, { text: formatInt(r.warnings.length), tone: r.warnings.length > 0 ? 'warn' : 'good' }],
    ],
  };
  const countTable = (title: string, head: string, counts: Readonly<Record<string, number>>, label: (k: string) => string): Table => ({
    title,
    columns: [
      { key: 'kind', label: head, align: 'left' },
      { key: 'count', label: t(lang, 'validate.count'), align: 'right' },
      { key: 'share', label: t(lang, 'validate.share'), align: 'right' },
    ],
    rows: Object.entries(counts).map(([k, n]): Cell[] => [
      { text: label(k) },
      { text: formatInt(n), ...(n === 0 ? { tone: 'muted' as const } : {}) },
      { text: r.compounds > 0 ? formatPercent(n / r.compounds, 1) : '–', ...(n === 0 ? { tone: 'muted' as const } : {}) },
    ]),
  });
  const housing = countTable(t(lang, 'validate.byHousingType'), t(lang, 'validate.housingType'), r.byHousingType, (k) =>
    t(lang, `housing.${k as HousingType}`),
  );
  const service = countTable(t(lang, 'validate.byServiceLevel'), t(lang, 'validate.serviceLevel'), r.byServiceLevel, (k) =>
    t(lang, `service.${k as ServiceLevel}`),
  );
  const blocks: View['blocks'] = [
    { kind: 'table', table: summary },
    { kind: 'table', table: housing },
    { kind: 'table', table: service },
  ];
  if (r.warnings.length === 0) {
    blocks.push({ kind: 'text', lines: [[{ text: t(lang, 'validate.ok') }]], tone: 'good' });
  } else {
    blocks.push({
      kind: 'table',
      table: {
        title: t(lang, 'validate.warnings'),
        columns: [
          { key: 'where', label: t(lang, 'problem.where'), align: 'left' },
          { key: 'code', label: t(lang, 'problem.code'), align: 'left' },
          { key: 'message', label: t(lang, 'problem.message'), align: 'left' },
        ],
        rows: (original ?? r.warnings).map((p) => localizeProblem(p, lang)).map((p) => [
          { text: p.where ? formatWhere(p.where) : '' },
          { text: p.code, tone: 'warn' },
          { text: (p.where?.field ? `${p.where.field}: ` : '') + p.message + (p.hint ? ` (${p.hint})` : '') },
        ]),
      },
    });
  }
  return { blocks };
}

/**
 * `breakeven validate FILE`. Invalid input throws an InputError (exit 2) from the reader.
 * Constant memory but for the ids: the file is streamed, each row checked (by the model's limits
 * too, as `evaluate` would check it) and counted, then dropped; the reader keeps the ids (packed,
 * about 2 bytes a character plus 16 a row) to find duplicates.
 */
export async function run(args: string[], options: CommandOptions): Promise<void> {
  const file = args[0] ?? '';
  const { readCompoundStream } = await import('../../io/read-compounds.js');
  const { checkModelLimits } = await import('../../model/limits.js');
  const counts = new CompoundCounts();
  const read = await readCompoundStream(file, readOptionsOf(options), (c) => {
    checkModelLimits(c, file);
    counts.add(c);
  });
  const report = counts.report(read);
  // The report is the list of warnings: they are not repeated on stderr.
  await emit({ json: report, view: (lang) => validateView(report, lang, read.warnings) }, options, inputFiles(file));
}
