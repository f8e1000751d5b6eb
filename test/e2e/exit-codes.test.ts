import { describe, expect, it } from 'vitest';
import { CommanderError } from 'commander';
import { CheckFailedError, InputError, type Problem } from '../../src/core/errors.js';
import { detectLang, exitCodeFor, type MainIo } from '../../src/cli/main.js';
import { STACK_LINE } from './run-cli.js';

function capture(e: unknown): { code: number; err: string } {
  let err = '';
  const io: MainIo = { env: {}, stdoutIsTTY: false, writeErr: (s) => (err += s) };
  const code = exitCodeFor(e, ['node', 'breakeven', 'validate', 'x.csv'], io);
  return { code, err };
}

const problem = (i: number): Problem => ({ code: 'CSV_INVALID_NUMBER', message: `bad ${i}`, where: { file: 'a.csv', line: i + 1, field: 'area_m2' } });

describe('exit codes, decided in one place', () => {
  it('0 for --help and --version, 2 for other commander errors', () => {
    expect(capture(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')).code).toBe(0);
    expect(capture(new CommanderError(1, 'commander.unknownOption', 'x')).code).toBe(2);
  });

  it('2 for bad input, each problem with file:line, no stack trace', () => {
    const { code, err } = capture(new InputError([problem(1), problem(2)]));
    expect(code).toBe(2);
    expect(err).toBe('error: a.csv:2: area_m2: bad 1\nerror: a.csv:3: area_m2: bad 2\n');
  });

  it('lists the first 50 problems, then how many more', () => {
    const { err } = capture(new InputError(Array.from({ length: 60 }, (_, i) => problem(i))));
    const lines = err.trimEnd().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[49]).toBe('error: a.csv:50: area_m2: bad 49');
    expect(lines[50]).toBe('… and 10 more problems');
  });

  it('prints a 51st problem itself rather than "… and 1 more problem"', () => {
    const { err } = capture(new InputError(Array.from({ length: 51 }, (_, i) => problem(i))));
    expect(err.trimEnd().split('\n')).toHaveLength(51);
    expect(err).not.toContain('more problem');
  });

  it('1 for a failed check, with its details', () => {
    const { code, err } = capture(new CheckFailedError('2 compounds are not viable', ['JJY', 'X']));
    expect(code).toBe(1);
    expect(err).toBe('check failed: 2 compounds are not viable\n  JJY\n  X\n');
  });

  it('3 for anything else: the stack trace and a request to report it', () => {
    const { code, err } = capture(new TypeError('cannot read x of undefined'));
    expect(code).toBe(3);
    expect(err).toMatch(STACK_LINE);
    expect(err).toContain('TypeError: cannot read x of undefined');
    expect(err).toContain('this is a bug in breakeven, please report it with the command you ran');
    expect(err).toContain('breakeven validate x.csv');
  });

  it('3 also for a thrown non-Error', () => {
    expect(capture('oops').code).toBe(3);
  });
});

describe('detectLang', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(detectLang({})).toBe('en');
    expect(detectLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(detectLang({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' })).toBe('en');
    expect(detectLang({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' })).toBe('zh');
    expect(detectLang({ LC_ALL: '', LANG: 'zh_CN' })).toBe('zh'); // an empty variable does not count
    expect(detectLang({ LANG: 'C' })).toBe('en');
  });
});

describe('--format json on a refused input: the problems as JSON on stdout, exit 2', () => {
  const run = (argv: string[], e: unknown) => {
    let out = '';
    let err = '';
    const io: MainIo = { env: {}, stdoutIsTTY: false, writeErr: (s) => (err += s), writeOut: (s) => (out += s) };
    return { code: exitCodeFor(e, ['node', 'breakeven', ...argv], io), out, err };
  };
  const bad = new InputError([
    { code: 'CSV_OUT_OF_RANGE', message: 'expected a positive number, got "-5"', where: { file: 'a.csv', line: 2, column: 2, field: 'area_m2' } },
    { code: 'OUT_IS_INPUT', message: '--out a.csv is the input file a.csv; refusing to overwrite it', hint: 'choose another output file' },
  ]);

  it('every problem with the same keys, null where not known; expected and found read from "expected …, got …"', () => {
    const r = run(['evaluate', 'a.csv', '--format', 'json'], bad);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({
      ok: false,
      exitCode: 2,
      problems: [
        { code: 'CSV_OUT_OF_RANGE', message: 'expected a positive number, got "-5"', file: 'a.csv', sheet: null, line: 2, column: 2, field: 'area_m2', expected: 'a positive number', found: '-5', hint: null },
        { code: 'OUT_IS_INPUT', message: '--out a.csv is the input file a.csv; refusing to overwrite it', file: null, sheet: null, line: null, column: null, field: null, expected: null, found: null, hint: 'choose another output file' },
      ],
    });
    // stderr still says it for a person.
    expect(r.err).toContain('error: a.csv:2:2: area_m2: expected a positive number');
  });

  it('--format=json and ndjson too; not for table, csv, or a --format after --', () => {
    expect(run(['validate', 'a.csv', '--format=json'], bad).out).not.toBe('');
    expect(run(['evaluate', 'a.csv', '--format', 'ndjson'], bad).out).not.toBe('');
    expect(run(['evaluate', 'a.csv', '--format', 'csv'], bad).out).toBe('');
    expect(run(['evaluate', 'a.csv'], bad).out).toBe('');
    expect(run(['evaluate', '--', '--format', 'json'], bad).out).toBe('');
  });
});
