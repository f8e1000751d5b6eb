/**
 * The compound CSV's columns: canonical names, Chinese aliases, and matching a header row to them.
 */
import type { Problem } from '../core/errors.js';

/** Canonical column names, in the order they are documented and written. */
export const COLUMNS = [
  'id',
  'name',
  'area_m2',
  'households',
  'fee_rate',
  'housing_type',
  'service_level',
  'floors',
  'elevators',
  'built_year',
  'gates',
  'water_tanks',
  'green_area_m2',
  'lat',
  'lon',
  'x_m',
  'y_m',
  'collection_rate',
  'other_income',
  'subsidy',
] as const;

/** A canonical column name. Most are Compound fields; lat/lon/x_m/y_m make up `location`. */
export type ColumnName = (typeof COLUMNS)[number];

/** Columns a compound file must have. */
export const REQUIRED_COLUMNS: readonly ColumnName[] = ['id', 'area_m2', 'households', 'fee_rate'];

/** Other names accepted in a header, as found in files saved by Chinese offices. */
export const COLUMN_ALIASES: Readonly<Record<ColumnName, readonly string[]>> = {
  id: ['编号'],
  name: ['名称', '小区名称'],
  area_m2: ['建筑面积', '面积'],
  households: ['户数'],
  fee_rate: ['物业费单价', '物业费'],
  housing_type: ['房屋类型'],
  service_level: ['服务等级'],
  floors: ['层数'],
  elevators: ['电梯数'],
  built_year: ['建成年份'],
  gates: ['出入口数'],
  water_tanks: ['水箱数'],
  green_area_m2: ['绿化面积'],
  lat: ['纬度'],
  lon: ['经度'],
  x_m: [],
  y_m: [],
  collection_rate: ['收缴率'],
  other_income: ['其他收入'],
  subsidy: ['补贴'],
};

/** Header text as compared: surrounding spaces (also full-width) and letter case ignored. */
export function normalizeHeaderName(s: string): string {
  return s.replace(/^\uFEFF/, '').trim().toLowerCase();
}

const BY_NAME: ReadonlyMap<string, ColumnName> = (() => {
  const m = new Map<string, ColumnName>();
  for (const c of COLUMNS) {
    m.set(c, c);
    for (const a of COLUMN_ALIASES[c]) m.set(normalizeHeaderName(a), c);
  }
  return m;
})();

/** The canonical column a header cell names, or null. */
export function columnOf(headerCell: string): ColumnName | null {
  return BY_NAME.get(normalizeHeaderName(headerCell)) ?? null;
}

/**
 * Maps each header cell to its canonical column (null for an unknown one).
 * Errors: a required column missing, or two cells naming the same column.
 * Warnings: each unknown column (it is ignored), with the nearest known name when one is close.
 */
export function resolveHeader(
  header: string[],
  file: string,
  line = 1,
): { fields: (ColumnName | null)[]; problems: Problem[]; warnings: Problem[] } {
  const fields: (ColumnName | null)[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const seenAt = new Map<ColumnName, number>();
  header.forEach((cell, i) => {
    const col = columnOf(cell);
    const column = i + 1;
    if (col === null) {
      fields.push(null);
      const shown = cell.trim();
      const near = shown === '' ? undefined : nearestColumn(shown);
      const w: Problem = {
        code: 'CSV_UNKNOWN_COLUMN',
        message:
          shown === ''
            ? 'column without a name is ignored'
            : `unknown column ${JSON.stringify(shown)} is ignored`,
        where: { file, line, column },
      };
      if (near) w.hint = `did you mean "${near}"?`;
      warnings.push(w);
      return;
    }
    const first = seenAt.get(col);
    if (first !== undefined) {
      fields.push(null);
      problems.push({
        code: 'CSV_DUPLICATE_COLUMN',
        message: `column "${col}" appears twice: as ${JSON.stringify(header[first - 1]?.trim())} in column ${first} and as ${JSON.stringify(cell.trim())} in column ${column}`,
        where: { file, line, column, field: col },
        hint: 'keep one of them',
      });
      return;
    }
    seenAt.set(col, column);
    fields.push(col);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seenAt.has(c));
  if (missing.length > 0) {
    // A line without a single known column may not be a compound table at all (a scenario's
    // `compounds:` naming /etc/passwd): say so without quoting what it holds.
    const found =
      seenAt.size > 0
        ? `the header has ${header.map((h) => JSON.stringify(h.trim())).join(', ')}`
        : `the first line has no known column (${header.length} field${header.length === 1 ? '' : 's'}): is this a compound table?`;
    const p: Problem = {
      code: 'CSV_MISSING_COLUMN',
      message: `missing required column${missing.length > 1 ? 's' : ''} ${missing
        .map((c) => `"${c}"${COLUMN_ALIASES[c].length > 0 ? ` (or ${COLUMN_ALIASES[c].join(', ')})` : ''}`)
        .join(', ')}; ${found}`,
      where: { file, line },
    };
    const suspect = header.length === 1 ? guessDelimiter(header[0] ?? '') : undefined;
    if (suspect) p.hint = `the header looks ${suspect}-separated; pass the delimiter option`;
    problems.push(p);
  }
  return { fields, problems, warnings };
}

function guessDelimiter(cell: string): string | undefined {
  if (cell.includes('\t')) return 'tab';
  if (cell.includes(';')) return 'semicolon';
  if (cell.includes('|')) return 'pipe';
  return undefined;
}

/** The canonical name close to `s` (a typo: at most 2 edits, and 1 per 4 letters), for "did you mean". */
function nearestColumn(s: string): string | undefined {
  const t = s.toLowerCase();
  const limit = Math.min(2, Math.floor(t.length / 4));
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of COLUMNS) {
    const d = editDistance(t, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
