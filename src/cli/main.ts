/**
 * The entry of the `breakeven` command: builds the commander program from the command table and
 * turns every outcome into an exit code, here and nowhere else:
 *   0 success · 1 a requested check failed · 2 bad input or usage · 3 a bug (stack trace shown).
 * Start-up cost matters (`breakeven --version` ≤ 2 × `node -e 0`), so this module loads only
 * commander, node built-ins and three import-free local modules; a command's code is imported
 * when it runs.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { CheckFailedError, formatProblem, InputError } from '../core/errors.js';
import { LANGS, type Lang } from '../core/lang.js';
import { FORMATS, type Format } from '../render/options.js';
import { COMMANDS, COMPOUND_READ_OPTIONS, ENCODINGS, type CommandEntry, type CommandOptions, type EncodingChoice } from './registry.js';

/** `--out` names that mean standard output. */
const STDOUT_NAMES: readonly string[] = ['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1'];

/** How many problems of an InputError are printed before "… and N more problems". */
const MAX_PROBLEMS = 50;

type Env = Readonly<Record<string, string | undefined>>;

/** Where main writes; the process streams unless a test passes its own. */
export interface MainIo {
  env: Env;
  stdoutIsTTY: boolean;
  writeErr: (s: string) => void;
  /** Standard output, for the JSON document of problems (`--format json`); process.stdout if absent. */
  writeOut?: (s: string) => void;
}

/**
 * Run the command line `argv` (as `process.argv`: node, script, args…). Sets `process.exitCode`
 * and returns the exit code; never calls `process.exit`, so piped output is flushed.
 */
export async function main(argv: readonly string[], io: MainIo = processIo()): Promise<number> {
  const code = await runProgram(argv, io);
  process.exitCode = code;
  return code;
}

function processIo(): MainIo {
  // A closed pipe (`breakeven … | head`) is not an error of ours: stop quietly.
  // Any other failure (a full disk) is reported by the write that met it (shell.ts writeStdout,
  // exit 2); here it only must not become an uncaught exception. Temporary files are removed on
  // every exit (src/io/temp-files.ts).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (!process.exitCode) process.exitCode = 2;
  });
  return { env: process.env, stdoutIsTTY: process.stdout.isTTY === true, writeErr: (s) => process.stderr.write(s) };
}

async function runProgram(argv: readonly string[], io: MainIo): Promise<number> {
  const version = readVersion();
  const program = buildProgram(version, io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (e) {
    return exitCodeFor(e, argv, io);
  }
}

/** The exit code for `e`, after telling the user what happened (on `io.writeErr`). */
export function exitCodeFor(e: unknown, argv: readonly string[], io: MainIo): number {
  if (e instanceof CommanderError) {
    // Commander has already printed its message (or the help / version).
    return e.exitCode === 0 ? 0 : 2;
  }
  if (e instanceof InputError) {
    // One line saying "… and 1 more problem" would take the place of the problem itself.
    const shown = e.problems.length <= MAX_PROBLEMS + 1 ? e.problems : e.problems.slice(0, MAX_PROBLEMS);
    for (const p of shown) io.writeErr(`error: ${formatProblem(p)}\n`);
    const more = e.problems.length - shown.length;
    if (more > 0) io.writeErr(`… and ${more} more problem${more === 1 ? '' : 's'}\n`);
    // A machine asked for JSON: it gets the problems as JSON on stdout (every one), still exit 2.
    if (wantsJson(argv)) (io.writeOut ?? ((t: string) => process.stdout.write(t)))(problemsJson(e));
    return 2;
  }
  if (e instanceof CheckFailedError) {
    io.writeErr(`check failed: ${e.message}\n`);
    for (const d of e.details) io.writeErr(`  ${d}\n`);
    return 1;
  }
  const trace = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  io.writeErr(`${trace}\n\n`);
  io.writeErr(`this is a bug in breakeven, please report it with the command you ran:\n  breakeven ${argv.slice(2).join(' ')}\n`);
  return 3;
}

/** `--format json` (or `--format=json`) among the arguments; the last --format given wins. */
export function wantsJson(argv: readonly string[]): boolean {
  let format: string | undefined;
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--format') format = argv[++i];
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
  }
  return format === 'json' || format === 'ndjson';
}

/**
 * The JSON document of a refused input: `{"ok": false, "exitCode": 2, "problems": [...]}`, each
 * problem with the same keys (null when not known), so a program can read them without guessing:
 * code, message, file, sheet (a workbook's; line and column are then its row and column), line,
 * column, field, expected, found, hint.
 */
export function problemsJson(e: InputError): string {
  const problems = e.problems.map((p) => {
    // Most readers say "expected …, got …" in the message; take the two from there when the
    // problem does not carry them.
    const m = /expected (.+?), got (.+)$/.exec(p.message);
    const found = p.found ?? (m ? unquote(m[2]!) : null);
    return {
      code: p.code,
      message: p.message,
      file: p.where?.file ?? null,
      sheet: p.where?.sheet ?? null,
      line: p.where?.line ?? null,
      column: p.where?.column ?? null,
      field: p.where?.field ?? null,
      expected: p.expected ?? m?.[1] ?? null,
      found,
      hint: p.hint ?? null,
    };
  });
  return `${JSON.stringify({ ok: false, exitCode: 2, problems }, null, 2)}\n`;
}

function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'string' ? v : s;
  } catch {
    return s;
  }
}

function readVersion(): string {
  // dist/cli/main.js and src/cli/main.ts both sit two levels below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The language of the user's locale: LC_ALL, else LC_MESSAGES, else LANG; zh* → zh. */
export function detectLang(env: Env): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function buildProgram(version: string, io: MainIo): Command {
  const program = new Command('breakeven');
  // Settings made before .command() are inherited by every subcommand.
  program
    .description(
      'Cost feasibility of property management for micro residential compounds (微型小区):\n' +
        'standalone, attached to a neighbour (挂单) or managed as a cluster (片区式管理).',
    )
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({ writeErr: io.writeErr })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nRun "breakeven COMMAND --help" for the options and examples of a command.\n' +
        'Exit codes: 0 success, 1 a requested check failed, 2 bad input or usage, 3 internal error.',
    );
  for (const entry of COMMANDS) addCommand(program, entry, version, io);
  return program;
}

function addCommand(program: Command, entry: CommandEntry, version: string, io: MainIo): void {
  const cmd = program.command(entry.name).summary(entry.summary).description(entry.description ?? entry.summary);
  for (const a of entry.args) {
    const name = `${a.name}${a.variadic ? '...' : ''}`;
    cmd.argument(a.required === false ? `[${name}]` : `<${name}>`, a.description);
  }
  for (const spec of [...(entry.options ?? []), ...(entry.readsCompounds ? COMPOUND_READ_OPTIONS : [])]) {
    const opt = new Option(spec.flags, spec.description);
    if (spec.choices) opt.choices(spec.choices);
    if (spec.parse) {
      const parse = spec.parse;
      opt.argParser((value: string, previous: unknown) => {
        try {
          return parse(value, previous);
        } catch (e) {
          throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
        }
      });
    }
    if (spec.default !== undefined) opt.default(spec.default);
    cmd.addOption(opt);
  }
  const formats: readonly Format[] = entry.formats ?? FORMATS;
  if (formats.length > 0) cmd.addOption(new Option('--format <format>', 'output format').choices(formats).default(formats[0]));
  cmd.addOption(new Option('--lang <lang>', 'language of labels').choices(LANGS).default(detectLang(io.env), 'from LC_ALL, LC_MESSAGES or LANG'));
  cmd.addOption(new Option('--out <file>', 'write to FILE (atomically) instead of standard output'));
  cmd.addOption(new Option('--no-color', 'no colours (also when NO_COLOR is set or with --out)'));
  if (entry.readsCompounds) {
    cmd.addOption(new Option('--encoding <encoding>', 'encoding of the compounds file').choices(ENCODINGS).default('auto'));
    // Checked by the reader, which also knows the names "tab", "semicolon", "comma" and "pipe".
    cmd.addOption(new Option('--delimiter <char>', 'field separator of the compounds file: a character, or tab, semicolon, pipe').default(',', '","'));
  }
  if (entry.examples.length > 0) cmd.addHelpText('after', `\nExamples:\n${entry.examples.map((x) => `  $ ${x}`).join('\n')}\n`);

  cmd.action(async (...actionArgs: unknown[]) => {
    const self = actionArgs[actionArgs.length - 1] as Command;
    const values = self.opts();
    const args = self.processedArgs.flatMap((a: unknown) => (Array.isArray(a) ? a.map(String) : a === undefined ? [] : [String(a)]));
    const mod = await entry.load();
    // Each run protects its own inputs (tests run many commands in one process).
    const { beginRun } = await import('../io/open-input.js');
    beginRun();
    // `--out -` and the names of standard output are standard output: written, not renamed over
    // (opening /dev/stdout fails when it is a socket, and replacing it would be wrong anyway).
    const out = typeof values.out === 'string' && !STDOUT_NAMES.includes(values.out) ? values.out : undefined;
    const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
    const options: CommandOptions = {
      command: entry.name,
      // A command without --format writes its own format; 'table' only keeps the type whole.
      format: (values.format as Format | undefined) ?? 'table',
      lang: values.lang as Lang,
      color: values.color !== false && !noColorEnv && out === undefined && io.stdoutIsTTY,
      encoding: (values.encoding as EncodingChoice | undefined) ?? 'auto',
      values,
      tool: { name: 'breakeven', version },
      schemaVersion: mod.schemaVersion ?? 1,
    };
    if (out !== undefined) options.out = out;
    if (typeof values.delimiter === 'string') options.delimiter = values.delimiter;
    await mod.run(args, options);
  });
}
