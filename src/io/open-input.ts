/**
 * The one door every input file comes through (compound CSVs, scenarios, parameter overlays, test
 * cases): a regular file only (a FIFO would block forever, `/dev/zero` would never end), a size
 * cap for what is held whole, and a record of what was opened, by real path and inode, so that no
 * output of the same run can replace it (src/io/write-atomic.ts asks `isInput`).
 *
 *   openInput(path, { allowStdin })    → a file descriptor to stream (the CSV reader)
 *   readTextInput(path, { maxBytes })  → the decoded text (YAML/JSON: UTF-8 or GB18030)
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { TextDecoder } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { InputError } from '../core/errors.js';
import { detectEncoding } from './encoding.js';

/** Largest scenario, parameter or test-case file read (they are held whole): 16 MiB. */
export const MAX_TEXT_INPUT_BYTES = 16 * 1024 * 1024;

export interface OpenInputOptions {
  /** Held whole: refuse a file larger than this many bytes. Default: no cap (streamed). */
  maxBytes?: number;
  /** `-` means standard input. */
  allowStdin?: boolean;
  /** Error code for problems opening it. Default FILE_UNREADABLE. */
  code?: string;
}

export interface OpenedInput {
  fd: number;
  /** Size in bytes (0 for standard input, whose size is unknown). */
  size: number;
  stdin: boolean;
}

interface Identity {
  real: string;
  dev: number;
  ino: number;
}

/** Everything opened since `beginRun` (the command line); nothing is recorded for library use. */
const opened: Identity[] = [];
let recording = false;

/**
 * Start recording inputs, forgetting those of an earlier run: main() calls this before each
 * command (tests run many in one process). A program using the library records nothing, so its
 * own writes are never refused because it once read the file.
 */
export function beginRun(): void {
  opened.length = 0;
  recording = true;
}

/** Stop recording and forget (for tests). */
export function resetInputs(): void {
  opened.length = 0;
  recording = false;
}

/** Record `path` as an input of this run without opening it (e.g. a file read elsewhere). */
export function registerInput(path: string, st?: Stats): void {
  if (!recording) return;
  try {
    const s = st ?? statSync(path);
    opened.push({ real: realpathSync(path), dev: s.dev, ino: s.ino });
  } catch {
    opened.push({ real: resolve(path), dev: -1, ino: -1 });
  }
}

/** Is the file at `real` (a real path), or with this device and inode, an input of this run? */
export function isInput(real: string, id?: { dev: number; ino: number }): boolean {
  return opened.some((o) => o.real === real || (id !== undefined && o.dev === id.dev && o.ino === id.ino && o.ino !== -1));
}

/** A path for messages: control characters (a NUL, an escape) shown as JSON escapes. */
export function shownPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x1f\x7f-\x9f]/.test(path) ? JSON.stringify(path).slice(1, -1) : path;
}

/**
 * Opens `path` for reading if it is a regular file. Opened non-blocking so that a FIFO does not
 * hang the open itself; the type is checked on the open descriptor (no race with a rename).
 */
export function openInput(path: string, opts: OpenInputOptions = {}): OpenedInput {
  const code = opts.code ?? 'FILE_UNREADABLE';
  const file = shownPath(path);
  if (path === '-' && opts.allowStdin) return { fd: 0, size: 0, stdin: true };
  if (path.includes('\0')) throw new InputError({ code, message: 'the file name contains a NUL byte', where: { file } });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputError({ code, message: fsMessage(e), where: { file } });
  }
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (e) {
    closeSync(fd);
    throw new InputError({ code, message: fsMessage(e), where: { file } });
  }
  if (!st.isFile()) {
    closeSync(fd);
    throw new InputError({
      code: 'INPUT_NOT_A_FILE',
      message: `not a regular file (${kindOf(st)})`,
      where: { file },
      hint: opts.allowStdin ? 'give a file; to read standard input, pass -' : 'give a regular file',
    });
  }
  if (opts.maxBytes !== undefined && st.size > opts.maxBytes) {
    closeSync(fd);
    throw new InputError({
      code: 'INPUT_TOO_LARGE',
      message: `the file is ${mib(st.size)}, more than the ${mib(opts.maxBytes)} a scenario, parameter or test-case file may have`,
      where: { file },
      hint: 'check that this is the file you meant',
    });
  }
  registerInput(path, st);
  return { fd, size: st.size, stdin: false };
}

/**
 * The text of a YAML/JSON input, capped at `maxBytes` (default MAX_TEXT_INPUT_BYTES): UTF-8 (a
 * BOM is dropped) or GB18030, detected as for CSVs; anything else is refused with exit 2 rather
 * than read with U+FFFD in place of the names.
 */
export function readTextInput(path: string, opts: OpenInputOptions = {}): string {
  const maxBytes = opts.maxBytes ?? MAX_TEXT_INPUT_BYTES;
  const input = openInput(path, { ...opts, maxBytes });
  const file = shownPath(path);
  let bytes: Buffer;
  try {
    bytes = readAll(input.fd, maxBytes, file);
  } finally {
    if (!input.stdin) closeSync(input.fd);
  }
  const d = detectEncoding(bytes, true);
  if (!d.ok) throw new InputError({ code: 'YAML_BAD_ENCODING', message: d.message, where: { file, line: 1 }, hint: 'save the file as UTF-8' });
  return new TextDecoder(d.encoding === 'utf8' ? 'utf-8' : 'gb18030', { ignoreBOM: false }).decode(bytes.subarray(d.bomLength));
}

/** Reads to the end, refusing more than `max` bytes even if the file grew after its stat. */
function readAll(fd: number, max: number, file: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw new InputError({ code: 'FILE_UNREADABLE', message: fsMessage(e), where: { file } });
    }
    if (n === 0) break;
    total += n;
    if (total > max) {
      throw new InputError({ code: 'INPUT_TOO_LARGE', message: `the file is more than ${mib(max)}`, where: { file }, hint: 'check that this is the file you meant' });
    }
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}

/**
 * A command that holds a whole file's rows must fit in the JavaScript heap: estimated up front
 * as `bytes × perByte` (measured for each command) plus what is already in use, against V8's
 * limit. Beyond it, stop with exit 2 and the setting that gives more room, rather than die in a
 * V8 fatal error (exit 134) minutes later.
 */
export function checkHeapFor(file: string, bytes: number, perByte: number, what: string): void {
  const h = getHeapStatistics();
  const need = bytes * perByte + h.used_heap_size;
  if (need <= h.heap_size_limit) return;
  const suggestMiB = Math.ceil((need * 1.25) / (1024 * 1024) / 256) * 256;
  throw new InputError({
    code: 'INPUT_TOO_LARGE_FOR_MEMORY',
    message: `the file is ${mib(bytes)}: ${what} holds all of it, about ${mib(need)}, more than the ${mib(h.heap_size_limit)} of memory node allows`,
    where: { file: shownPath(file) },
    hint: `run with NODE_OPTIONS=--max-old-space-size=${suggestMiB}, or use a command that streams: validate, evaluate --format json`,
  });
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

function mib(bytes: number): string {
  const m = bytes / (1024 * 1024);
  return `${m >= 10 ? Math.round(m) : Math.round(m * 10) / 10} MiB`;
}

function fsMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'not a regular file (a directory)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    default:
      return `cannot read file (${code ?? 'unknown error'})`;
  }
}
