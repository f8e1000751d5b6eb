/**
 * Plumbing every command shares: render a report in the chosen format, write it to stdout or,
 * atomically, to `--out`, and print warnings to stderr. Commands stay thin:
 * read → compute → `emit`.
 */
import { formatProblem, inputError, type Problem } from '../core/errors.js';
import { writeFilesAtomic, type OutputFile } from '../io/write-atomic.js';
import { isLabelKey, t, type LabelKey } from '../present/labels/index.js';
import type { Lang } from '../core/lang.js';
import { renderOutput, type Renderable } from '../render/registry.js';
import type { CommandOptions } from './registry.js';

/** What a command emits: its JSON report (without the envelope), its view, and input warnings. */
export interface Output extends Renderable {
  json: Record<string, unknown>;
  /** Printed to stderr as `warning: …`, whatever the format. */
  warnings?: readonly Problem[];
}

/** The JSON report as written: `schemaVersion` and `tool` first, then the command's fields. */
export function withEnvelope(json: Record<string, unknown>, options: Pick<CommandOptions, 'schemaVersion' | 'tool'>): Record<string, unknown> {
  for (const k of ['schemaVersion', 'tool']) {
    if (k in json) throw new Error(`a command's JSON must not set "${k}": the shell adds it`);
  }
  return { schemaVersion: options.schemaVersion, tool: { name: options.tool.name, version: options.tool.version }, ...json };
}

/** The text `emit` writes: `output` rendered in `options.format`. Pure. */
export function renderForOptions(output: Output, options: CommandOptions): string {
  return renderOutput(
    options.format,
    { json: withEnvelope(output.json, options), view: output.view },
    { lang: options.lang, color: options.color },
  );
}

/**
 * Render `output` and write it: to `--out` atomically (refusing to overwrite any of `inputs` or
 * any other input of the run), or to stdout. Everything is rendered before anything is written,
 * so a failure leaves no partial output and an existing `--out` file untouched. `also` are the
 * run's other outputs (`--junit`, `--write-scenario`): committed together with `--out`, or not at
 * all.
 */
export async function emit(output: Output, options: CommandOptions, inputs: readonly string[] = [], also: readonly OutputFile[] = []): Promise<void> {
  const text = renderForOptions(output, options);
  for (const w of output.warnings ?? []) warn(w, options.lang);
  await emitText(text, options, inputs, also);
}

/** Write finished text (not a report: e.g. a JSON Schema) to `--out` or stdout. */
export async function emitText(
  text: string,
  options: Pick<CommandOptions, 'out' | 'format'>,
  inputs: readonly string[] = [],
  also: readonly OutputFile[] = [],
): Promise<void> {
  if (options.out === undefined) {
    if (also.length > 0) await writeFilesAtomic(also, inputs);
    await writeStdout(text);
    return;
  }
  // A CSV file is most often opened in a spreadsheet, which reads UTF-8 only when the file starts
  // with a byte-order mark (Excel on a Chinese Windows would otherwise assume GBK). Stdout gets no
  // BOM, so pipes into other tools see plain UTF-8.
  const data = options.format === 'csv' ? `\ufeff${text}` : text;
  await writeFilesAtomic([{ path: options.out, data, label: '--out' }, ...also], inputs);
}

/**
 * Write to standard output and wait until it is written: a full disk (`> /dev/full`) is then a
 * user error (exit 2), not an uncaught exception. A closed pipe ends the process quietly
 * (src/cli/main.ts).
 */
export function writeStdout(text: string): Promise<void> {
  return new Promise((res, rej) => {
    process.stdout.write(text, (e) => {
      if (!e) return res();
      const code = (e as NodeJS.ErrnoException).code;
      const reason: Record<string, string> = { ENOSPC: 'no space left on device', EDQUOT: 'disk quota exceeded', EIO: 'input/output error', EPIPE: 'the reader closed it' };
      rej(inputError('STDOUT_WRITE_FAILED', `cannot write standard output: ${reason[code ?? ''] ?? code ?? e.message}`));
    });
  });
}

/** Print a warning to stderr, as `warning: file:line: message`, in `lang` when the problem can be. */
export function warn(p: Problem | string, lang: Lang = 'en'): void {
  process.stderr.write(`warning: ${typeof p === 'string' ? p : formatProblem(localizeProblem(p, lang))}\n`);
}

/** The problem with its message and hint in `lang`, when it names them in the catalogue (`text`). */
export function localizeProblem(p: Problem, lang: Lang): Problem {
  if (p.text === undefined) return p;
  // The reader names the label and its values at run time: `t`'s compile-time check of the
  // placeholders cannot apply; test/io/office-inputs.test.ts checks each one instead.
  const label = t as (lang: Lang, key: LabelKey, params?: Readonly<Record<string, string | number>>) => string;
  const say = (m: { key: string; params?: Readonly<Record<string, string | number>> }): string | undefined =>
    isLabelKey(m.key) ? label(lang, m.key, m.params) : undefined;
  const out: Problem = { ...p, message: say(p.text.message) ?? p.message };
  const hint = p.text.hint ? say(p.text.hint) : undefined;
  if (hint !== undefined) out.hint = hint;
  return out;
}
