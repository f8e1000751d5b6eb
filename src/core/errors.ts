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
}

export function formatWhere(w: Where): string {
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
