/**
 * The error hierarchy. Errors are thrown deep and turned into exit codes in one place
 * (src/cli/main.ts): 1 a requested check failed, 2 bad input or usage, 3 internal error.
 */

/** A place in an input file. Lines and columns are 1-based. */
export interface Where {
  file: string;
  line?: number;
  column?: number;
  /** A column name, a parameter key or a YAML path, when there is one. */
  field?: string;
  /**
   * In a workbook: the sheet. `line` is then the row and `column` the column as numbers, shown
   * as Excel shows them: `Sheet1!C7` (a cell) or `Sheet1!7:7` (a row).
   */
  sheet?: string;
}

/** A message as a catalogue key and its values, so the shell can print it in the output language. */
export interface MessageRef {
  key: string;
  params?: Readonly<Record<string, string | number>>;
}

export interface Problem {
  /** Stable code, e.g. `CSV_INVALID_NUMBER`. */
  code: string;
  message: string;
  where?: Where;
  hint?: string;
  /** What the input should have held, when the check knows it (e.g. "a number ≥ 0"). */
  expected?: string;
  /** What it held instead, as written. */
  found?: string;
  /** The message (and hint) in the catalogue, when the problem can be said in every language. */
  text?: { message: MessageRef; hint?: MessageRef };
}

/** Excel's name of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A cell or row as Excel shows it: `Sheet1!C7`, `'My sheet'!C7`, `Sheet1!7:7`, or just `Sheet1`. */
export function excelRef(sheet: string, row?: number, column?: number): string {
  const name = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  if (row === undefined) return name;
  return column === undefined ? `${name}!${row}:${row}` : `${name}!${columnLetters(column)}${row}`;
}

export function formatWhere(w: Where): string {
  if (w.sheet !== undefined) return `${w.file}:${excelRef(w.sheet, w.line, w.column)}`;
  let s = w.file;
  if (w.line !== undefined) s += `:${w.line}`;
  if (w.line !== undefined && w.column !== undefined) s += `:${w.column}`;
  return s;
}

export function formatProblem(p: Problem): string {
  const where = p.where ? `${formatWhere(p.where)}: ` : '';
  const field = p.where?.field ? `${p.where.field}: ` : '';
  const hint = p.hint ? ` (${p.hint})` : '';
  return `${where}${field}${p.message}${hint}`;
}

export abstract class BreakevenError extends Error {
  abstract readonly exitCode: 1 | 2 | 3;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input or usage: exit 2, no stack trace. Carries every problem found, not just the first. */
export class InputError extends BreakevenError {
  readonly exitCode = 2 as const;
  readonly problems: Problem[];
  constructor(problems: Problem[] | Problem) {
    const list = Array.isArray(problems) ? problems : [problems];
    const first = list[0];
    super(first?.code ?? 'INPUT_INVALID', first ? formatProblem(first) : 'invalid input');
    this.problems = list;
  }
}

/** Shorthand for a single problem. */
export function inputError(code: string, message: string, where?: Where, hint?: string): InputError {
  const p: Problem = { code, message };
  if (where) p.where = where;
  if (hint) p.hint = hint;
  return new InputError(p);
}

/** A check the user asked for failed (e.g. `--fail-if-any-unviable`): exit 1. */
export class CheckFailedError extends BreakevenError {
  readonly exitCode = 1 as const;
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super('CHECK_FAILED', message);
  }
}
