/**
 * A column map (`--columns map.yaml`): header text as it appears in a compound file → the
 * canonical column it holds, for headers no alias covers. `ignore` (or null) drops a column
 * without a warning. Keys are compared as headers are: after units in brackets, numbering and
 * spaces are removed (see normalizeHeaderName).
 *
 *     小区代码: id
 *     总建面（㎡）: area_m2
 *     月收费标准: fee_rate
 *     联系人: ignore
 */
import { readFileSync } from 'node:fs';
import { InputError, type Problem } from '../core/errors.js';
import { COLUMNS, normalizeHeaderName, type ColumnMap, type ColumnName } from '../schema/columns.js';
import { parseYamlDoc } from './yaml-doc.js';

/** Reads and checks a column map file; every problem names the file and line. */
export function readColumnMap(path: string): ColumnMap {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ code: 'FILE_UNREADABLE', message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`, where: { file: path } });
  }
  const doc = parseYamlDoc(text.replace(/^\uFEFF/, ''), path);
  const v = doc.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new InputError({
      code: 'COLUMNS_NOT_A_MAP',
      message: 'a column map is a list of `header text: column` lines',
      where: doc.where([]),
      hint: `e.g. "小区代码: id"; the columns are ${COLUMNS.join(', ')}, or ignore`,
    });
  }
  const map = new Map<string, ColumnName | null>();
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const [header, target] of Object.entries(v as Record<string, unknown>)) {
    const key = normalizeHeaderName(header);
    const col = target === null || target === 'ignore' ? null : typeof target === 'string' && (COLUMNS as readonly string[]).includes(target.trim()) ? (target.trim() as ColumnName) : undefined;
    if (col === undefined) {
      problems.push({
        code: 'COLUMNS_UNKNOWN_COLUMN',
        message: `${JSON.stringify(header)} is mapped to ${JSON.stringify(target)}, which is not a column`,
        where: { ...doc.where([header]), field: header },
        hint: `the columns are ${COLUMNS.join(', ')}, or ignore`,
      });
      continue;
    }
    const before = seen.get(key);
    if (before !== undefined) {
      problems.push({
        code: 'COLUMNS_DUPLICATE_HEADER',
        message: `${JSON.stringify(header)} and ${JSON.stringify(before)} are the same header once units and spaces are removed`,
        where: { ...doc.where([header]), field: header },
      });
      continue;
    }
    seen.set(key, header);
    map.set(key, col);
  }
  if (problems.length > 0) throw new InputError(problems);
  return map;
}
