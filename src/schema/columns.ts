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
  id: ['编号', '小区编号', '小区代码'],
  name: ['名称', '小区名称', '小区名'],
  area_m2: ['建筑面积', '面积', '总建筑面积'],
  households: ['户数', '总户数', '住户数'],
  fee_rate: ['物业费单价', '物业费', '物业费标准', '物业服务费', '物业管理费'],
  housing_type: ['房屋类型', '房屋性质'],
  service_level: ['服务等级', '服务标准'],
  floors: ['层数', '楼层数'],
  elevators: ['电梯数', '电梯'],
  built_year: ['建成年份', '建成年代', '竣工年份'],
  gates: ['出入口数', '出入口'],
  water_tanks: ['水箱数'],
  green_area_m2: ['绿化面积'],
  lat: ['纬度'],
  lon: ['经度'],
  x_m: [],
  y_m: [],
  collection_rate: ['收缴率', '收费率'],
  other_income: ['其他收入'],
  subsidy: ['补贴', '财政补贴'],
};

/**
 * Columns offices add that carry nothing for the model: row numbers and remarks. Recognised so
 * that they are ignored with a plain note rather than a did-you-mean.
 */
export const IGNORED_COLUMNS: readonly string[] = ['序号', '备注', '说明', 'no', 'no.', '#', 'remark', 'remarks', 'note', 'notes'];

// A bracketed part: a unit or a note, e.g. （㎡）, (元/㎡·月), [户], 【注】. Full-width brackets
// are ASCII after NFKC, except 【】〔〕《》, which NFKC keeps.
const BRACKETED = /[([【〔《<][^)\]】〕》>]*[)\]】〕》>]/g;
// Numbering before the name: "1.", "2、", "一、", "3)"; circled ① is "1" after NFKC.
const NUMBERING = /^\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、:)]\s*/;
// A unit written after the name without brackets: 建筑面积㎡ (㎡ is "m2" after NFKC), 面积/平方米.
const TRAILING_UNIT = /(\/(m2|平方米|平米)|(?<=[\u2e80-\u9fff])(m2|平方米|平米))$/;

/**
 * Header text as compared: Unicode NFKC (full-width letters and digits, ㎡ → m2), units in
 * brackets, numbering, spaces, underscores and hyphens removed, letter case ignored. So
 * `建筑面积（㎡）`, `1. 户数（户）`, `Fee rate` and `fee_rate` compare equal to their column.
 */
export function normalizeHeaderName(s: string): string {
  let t = s.replace(/^\uFEFF/, '').normalize('NFKC');
  t = t.replace(BRACKETED, '').replace(NUMBERING, '');
  t = t.replace(/[\s_\-·・]/g, '').toLowerCase();
  const bare = t.replace(TRAILING_UNIT, '');
  return bare === '' ? t : bare;
}

/** How a column-map file (`--columns map.yaml`) names columns: header text → column, or null to ignore. */
export type ColumnMap = ReadonlyMap<string, ColumnName | null>;

const BY_NAME: ReadonlyMap<string, ColumnName> = (() => {
  const m = new Map<string, ColumnName>();
  for (const c of COLUMNS) {
    m.set(normalizeHeaderName(c), c);
    for (const a of COLUMN_ALIASES[c]) m.set(normalizeHeaderName(a), c);
  }
  return m;
})();

const IGNORED: ReadonlySet<string> = new Set(IGNORED_COLUMNS.map(normalizeHeaderName));

/** The canonical column a header cell names, or null. */
export function columnOf(headerCell: string): ColumnName | null {
  return BY_NAME.get(normalizeHeaderName(headerCell)) ?? null;
}

/**
 * Maps each header cell to its canonical column (null for an unknown one). `map` (from
 * `--columns`, keys already normalised) is consulted first.
 * Errors: a required column missing, or two cells naming the same column.
 * Warnings: each unknown column (it is ignored), with the nearest known name when one is close;
 * each recognised row-number or remarks column (also ignored).
 */
export function resolveHeader(
  header: readonly string[],
  file: string,
  line = 1,
  map?: ColumnMap,
  place?: { sheet: string },
): { fields: (ColumnName | null)[]; problems: Problem[]; warnings: Problem[]; known: number } {
  const fields: (ColumnName | null)[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const seenAt = new Map<ColumnName, number>();
  const badUnit = new Set<ColumnName>();
  const near = new Map<number, { name: string; column: ColumnName }>();
  const at = (column?: number): Problem['where'] & object => ({
    file,
    ...(place ? { sheet: place.sheet } : {}),
    line,
    ...(column !== undefined ? { column } : {}),
  });
  header.forEach((cell, i) => {
    const key = normalizeHeaderName(cell);
    const mapped = map?.get(key);
    const col = mapped !== undefined ? mapped : (BY_NAME.get(key) ?? null);
    const column = i + 1;
    const shown = cell.trim();
    if (col === null) {
      fields.push(null);
      if (mapped === null) return; // the map says to ignore it: nothing to tell
      if (IGNORED.has(key)) {
        warnings.push({
          code: 'CSV_IGNORED_COLUMN',
          message: `column "${shown}" is ignored (row numbers and remarks are not used)`,
          where: at(column),
          text: { message: { key: 'input.ignoredColumn', params: { column: shown } } },
        });
        return;
      }
      const guess = shown === '' ? undefined : nearestColumn(key);
      const w: Problem =
        shown === ''
          ? { code: 'CSV_UNKNOWN_COLUMN', message: 'column without a name is ignored', where: at(column), text: { message: { key: 'input.unnamedColumn' } } }
          : {
              code: 'CSV_UNKNOWN_COLUMN',
              message: `unknown column "${shown}" is ignored`,
              where: at(column),
              text: { message: { key: 'input.unknownColumn', params: { column: shown } } },
            };
      if (guess) {
        near.set(column, guess);
        w.hint = `did you mean "${guess.name}"?`;
        w.text!.hint = { key: 'input.didYouMean', params: { name: guess.name } };
      }
      warnings.push(w);
      return;
    }
    const first = seenAt.get(col);
    if (first !== undefined) {
      fields.push(null);
      problems.push({
        code: 'CSV_DUPLICATE_COLUMN',
        message: `column "${col}" appears twice: as ${JSON.stringify(header[first - 1]?.trim())} in column ${first} and as ${JSON.stringify(shown)} in column ${column}`,
        where: { ...at(column), field: col },
        hint: 'keep one of them',
      });
      return;
    }
    const unit = mapped === undefined ? wrongUnit(col, cell) : undefined;
    if (unit !== undefined) {
      fields.push(null);
      badUnit.add(col);
      problems.push({
        code: 'CSV_WRONG_UNIT',
        message: `column ${JSON.stringify(shown)} is in ${unit}, but "${col}" is yuan per m² a month`,
        where: { ...at(column), field: col },
        hint: 'convert the column to yuan per m² a month (a per-household fee × households ÷ area; a yearly fee ÷ 12)',
      });
      return;
    }
    seenAt.set(col, column);
    fields.push(col);
  });
  // A column there in the wrong unit is not also reported missing.
  const missing = REQUIRED_COLUMNS.filter((c) => !seenAt.has(c) && !badUnit.has(c));
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
      where: at(),
    };
    const suspect = header.length === 1 ? guessDelimiter(header[0] ?? '') : undefined;
    // Guesses quote the header: only for a line that is a compound table's header at all.
    const guesses = seenAt.size > 0 ? [...near.entries()].filter(([, g]) => missing.includes(g.column)) : [];
    if (suspect) p.hint = `the header looks ${suspect}-separated; pass the delimiter option`;
    else if (guesses.length > 0) {
      p.hint = `${guesses.map(([i, g]) => `did you mean "${g.name}" for ${JSON.stringify(header[i - 1]?.trim())}?`).join(' ')} Or name the columns in a file given with --columns`;
    } else p.hint = 'name the columns in a file given with --columns (header text: column)';
    problems.push(p);
  }
  return { fields, problems, warnings, known: seenAt.size };
}

/**
 * The unit a fee header gives in brackets when it is not per m² a month (`物业费（元/户·月）`,
 * `物业费(元/年)`), else undefined. A fee column without a unit is taken at its word.
 */
export function wrongUnit(col: ColumnName, header: string): string | undefined {
  if (col !== 'fee_rate') return undefined;
  const units = header.normalize('NFKC').match(BRACKETED);
  if (units === null) return undefined;
  for (const u of units) {
    const t = u.replace(/\s/g, '');
    if (!/元|yuan|rmb|¥/i.test(t)) continue;
    const perArea = /m2|m²|平方米|平米|㎡/i.test(t);
    const perYear = /年|year|annum/i.test(t);
    const perHousehold = /户|household/i.test(t);
    if (!perArea || perYear || perHousehold) {
      return `${t} (${perHousehold ? 'per household' : perYear ? 'a year' : 'not per m²'})`;
    }
  }
  return undefined;
}

function guessDelimiter(cell: string): string | undefined {
  if (cell.includes('\t')) return 'tab';
  if (cell.includes(';')) return 'semicolon';
  if (cell.includes('|')) return 'pipe';
  return undefined;
}

const NAMES: readonly { key: string; name: string; column: ColumnName }[] = COLUMNS.flatMap((c) => [
  { key: normalizeHeaderName(c), name: c, column: c },
  ...COLUMN_ALIASES[c].map((a) => ({ key: normalizeHeaderName(a), name: a, column: c })),
]);

/**
 * The column name or alias close to a normalised header `s` (a typo), for "did you mean": at most
 * 2 edits, and 1 per 4 letters in Latin script, 1 per 2 characters in Chinese (a character
 * carries more).
 */
function nearestColumn(s: string): { name: string; column: ColumnName } | undefined {
  const cjk = /[\u2e80-\u9fff]/.test(s);
  const limit = Math.min(2, cjk ? Math.max(1, Math.floor(s.length / 2)) : Math.floor(s.length / 4));
  let best: { name: string; column: ColumnName } | undefined;
  let bestD = limit + 1;
  for (const n of NAMES) {
    const d = editDistance(s, n.key);
    if (d < bestD) {
      bestD = d;
      best = n;
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
