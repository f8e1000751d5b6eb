/**
 * Shared by the hostile-input tests: the corpus manifests, the command line run in-process (fast
 * enough for every case; test/hostile/binary.test.ts runs the built binary on a sample), and the
 * checks every user error must pass.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { InputError, formatProblem, type Problem } from '../../src/core/errors.js';
import { ROOT, STACK_LINE } from '../e2e/run-cli.js';

/**
 * One file of a corpus and the error it must give: the format of fixtures/bad/expected.json
 * ({file, code, line, message_includes}), which the folders under it share, with `at` and `what`.
 */
export interface BadCase {
  file: string;
  code: string;
  line: number;
  /** A part of the formatted message. */
  message_includes: string;
  /** The file the location names, relative to the case's folder, when not the case file. */
  at?: string;
  /** What is wrong with it, when the file name does not say. */
  what?: string;
}

export const BAD_DIR = join(ROOT, 'fixtures/bad');

export function readManifest(relDir: string): { dir: string; cases: BadCase[] } {
  const dir = join(BAD_DIR, relDir);
  return { dir, cases: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as BadCase[] };
}

/** The file a case's error must be located in. */
export function expectedFile(casePath: string, c: BadCase): string {
  return c.at ? resolve(dirname(casePath), c.at) : resolve(casePath);
}

/** `f()`'s exception (or a failure if it returns). */
export async function thrown(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, got none');
}

/** Codes that sum up other problems and so have no line of their own. */
const SUMMARY_CODES = new Set(['CSV_MORE_PROBLEMS']);

/** A user error of the expected code and message, at the expected file and line; every problem located. */
export function expectInputError(e: unknown, file: string, c: Pick<BadCase, 'code' | 'line' | 'message_includes'>): void {
  if (!(e instanceof InputError)) throw new Error(`expected an InputError, got ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const first = e.problems[0]!;
  expect(first.code).toBe(c.code);
  expect(resolve(first.where?.file ?? '')).toBe(file);
  expect(first.where?.line).toBe(c.line);
  expect(formatProblem(first)).toContain(c.message_includes);
  for (const p of e.problems) expectLocated(p);
}

/** A problem names a file and, unless it only sums up others, a line ≥ 1. */
export function expectLocated(p: Problem): void {
  expect(p.where?.file, JSON.stringify(p)).toBeTruthy();
  if (!SUMMARY_CODES.has(p.code)) expect(p.where?.line, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
}

export interface CliRun {
  code: number;
  err: string;
}

/**
 * Runs the command line in this process, as bin/breakeven does (same main, same exit-code
 * mapping), with an English locale and no colour. Stdout is not expected: every run uses --out.
 */
export async function runInProcess(args: readonly string[]): Promise<CliRun> {
  let err = '';
  const code = await main(['node', 'breakeven', ...args], {
    env: { NO_COLOR: '1', LANG: 'en_US.UTF-8' },
    stdoutIsTTY: false,
    writeErr: (s) => (err += s),
  });
  process.exitCode = 0;
  return { code, err };
}

/** Exit 2, the first line `error: FILE:LINE[:COL]: …` at the expected place, no stack trace. */
export function expectUserErrorOutput(r: CliRun, file: string, line: number): void {
  expect(r.code, r.err).toBe(2);
  expect(r.err).not.toMatch(STACK_LINE);
  expect(r.err).not.toContain('this is a bug');
  const m = /^error: (.+?):(\d+)(?::\d+)?: /.exec(r.err);
  expect(m, r.err).not.toBeNull();
  expect(resolve(m![1]!)).toBe(file);
  expect(Number(m![2])).toBe(line);
}

/** Name, size and modification time of each file in `dir`: to see that nothing was written. */
export function snapshot(dir: string): string[] {
  return readdirSync(dir)
    .map((f) => {
      const st = statSync(join(dir, f));
      return `${f} ${st.size} ${st.mtimeMs}`;
    })
    .sort();
}
