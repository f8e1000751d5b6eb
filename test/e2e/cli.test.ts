import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT, STACK_LINE } from './run-cli.js';

const version = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string }).version;

describe('breakeven --version and --help', () => {
  it('prints the version of package.json', async () => {
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('lists the commands and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+validate \[options\] <file>/m);
    expect(r.stdout).toMatch(/^\s+schema \[options\] <command>/m);
    expect(r.stdout).toContain('2 bad input or usage');
  });

  it('shows a command its options and examples', async () => {
    for (const args of [['validate', '--help'], ['help', 'validate']]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      for (const opt of ['--format', '--lang', '--out', '--no-color', '--encoding', '--delimiter']) expect(r.stdout).toContain(opt);
      expect(r.stdout).toContain('Examples:\n  $ breakeven validate');
    }
  });

  it('does not offer --encoding on a command that reads no compounds', async () => {
    const r = await runCli(['schema', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('--encoding');
  });
});

describe('usage errors exit 2 without a stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['unknown option', ['validate', 'x.csv', '--frobnicate'], /unknown option '--frobnicate'/],
    ['missing argument', ['validate'], /missing required argument 'file'/],
    ['too many arguments', ['validate', 'a.csv', 'b.csv'], /too many arguments/],
    ['bad --format', ['validate', 'x.csv', '--format', 'xml'], /Allowed choices are table, json, csv, md/],
    ['bad --lang', ['validate', 'x.csv', '--lang', 'fr'], /Allowed choices are en, zh/],
    ['no command', [], /Usage: breakeven/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.stdout).toBe('');
    });
  }
});
