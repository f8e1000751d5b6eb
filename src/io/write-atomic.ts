import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink, chmod } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, inputError } from '../core/errors.js';
import { isInput, shownPath } from './open-input.js';
import { trackTemp, untrackTemp } from './temp-files.js';

/** Options of `writeFileAtomic`. */
export interface WriteAtomicOptions {
  /**
   * Files that must never be overwritten, besides every file this run opened as an input
   * (src/io/open-input.ts records them all: compounds, scenario, overlays, test cases).
   */
  refuse?: readonly string[];
  /** Start the file with a UTF-8 byte-order mark (CSV for spreadsheets; see emitText). */
  bom?: boolean;
  /** How the output is named in messages: `--out` (default), `--junit`, `--write-scenario`. */
  label?: string;
}

/** One output of a run, for `writeFilesAtomic`. */
export interface OutputFile {
  path: string;
  data: string | Uint8Array;
  /** `--out`, `--junit`, … */
  label: string;
}

/**
 * Write `data` to `path` so that a reader sees either the old file or the whole new one, never a
 * part: write a temporary file in the same directory (a rename is atomic only within one file
 * system), fsync it, rename it over `path`, then fsync the directory so the rename survives a
 * crash. On any failure the temporary file is removed and an existing `path` is left untouched.
 * Refuses (InputError `OUT_IS_INPUT`) to replace one of `refuse` or any input of this run,
 * compared by real path and by inode so that symbolic and hard links are caught too. A character
 * device or a FIFO (`/dev/null`, `/dev/stdout` into a pipe) is written directly, never renamed
 * over. Other failures are InputErrors too: a missing directory or a read-only disk is the
 * user's to fix, not a bug.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: WriteAtomicOptions = {}): Promise<void> {
  await writeFilesAtomic([{ path, data, label: opts.label ?? '--out' }], opts.refuse ?? []);
}

/**
 * The outputs of one run, committed together or not at all: every target is checked (not an
 * input, not a directory, distinct from each other) and every temporary file written and synced
 * before the first rename, so a refused or failing output leaves all the others untouched.
 */
export async function writeFilesAtomic(files: readonly OutputFile[], refuse: readonly string[] = []): Promise<void> {
  const targets: Target[] = [];
  for (const f of files) {
    const target = await resolveTarget(f.path, f.label);
    await refuseInputs(f.path, f.label, target, refuse);
    const twin = targets.findIndex((t) => t.real === target.real && !t.direct);
    if (twin !== -1) {
      throw inputError('OUT_TWICE', `${f.label} ${shownPath(f.path)} is also ${files[twin]!.label}`, undefined, 'give each output its own file');
    }
    targets.push(target);
  }
  const staged: { tmp: string; target: Target; file: OutputFile }[] = [];
  try {
    for (const [i, target] of targets.entries()) {
      const file = files[i]!;
      if (target.direct) continue;
      const tmp = tempNameBeside(target.real);
      staged.push({ tmp, target, file });
      await writeTemp(tmp, file.data, target.mode).catch((e: unknown) => {
        throw asWriteError(file.label, file.path, e);
      });
    }
    // Devices and FIFOs cannot be staged: written last, once everything else is ready.
    for (const [i, target] of targets.entries()) {
      if (target.direct) await writeDirect(target.real, files[i]!);
    }
    for (const s of staged) {
      await rename(s.tmp, s.target.real).catch((e: unknown) => {
        throw asWriteError(s.file.label, s.file.path, e);
      });
      untrackTemp(s.tmp);
    }
  } catch (e) {
    for (const s of staged) {
      await unlink(s.tmp).catch(() => undefined);
      untrackTemp(s.tmp);
    }
    throw e instanceof InputError ? e : asWriteError(files[0]?.label ?? '--out', files[0]?.path ?? '', e);
  }
  for (const dir of new Set(staged.map((s) => dirname(s.target.real)))) await syncDir(dir);
}

async function writeTemp(tmp: string, data: string | Uint8Array, mode: number | undefined): Promise<void> {
  const fh = await open(tmp, 'wx');
  trackTemp(tmp);
  try {
    // Keep the permissions of the file being replaced, as an in-place edit would.
    if (mode !== undefined) await chmod(tmp, mode & 0o7777);
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function writeDirect(path: string, file: OutputFile): Promise<void> {
  try {
    const fh = await open(path, 'w');
    try {
      await fh.writeFile(file.data);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw asWriteError(file.label, file.path, e);
  }
}

/**
 * A temporary name beside `real`: `.NAME.PID.HEX.tmp`, with NAME cut so that the whole stays
 * within the 255 bytes a file name may have (a legal 254-byte `--out` name must work).
 */
export function tempNameBeside(real: string): string {
  const suffix = `.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let name = basename(real);
  const room = 255 - 1 - Buffer.byteLength(suffix);
  while (Buffer.byteLength(name) > room) name = [...name].slice(0, -1).join('');
  return join(dirname(real), `.${name}${suffix}`);
}

interface Target {
  /** The path the data will land at (links followed). */
  real: string;
  /** Mode of the existing file, if any. */
  mode?: number;
  dev?: number;
  ino?: number;
  /** Not a regular file (a character device, a FIFO, a socket): written in place, never renamed over. */
  direct?: boolean;
}

async function resolveTarget(path: string, label: string): Promise<Target> {
  const shown = shownPath(path);
  if (path === '') throw inputError('OUT_BAD_NAME', `${label} needs a file name`);
  if (path.includes('\0')) throw inputError('OUT_BAD_NAME', `${label} ${shown}: the file name contains a NUL byte`);
  // `x.json/` names a directory: writing `x.json` instead would be a guess.
  if (/[/\\]$/.test(path)) {
    throw inputError('OUT_IS_DIRECTORY', `${label} ${shown} ends in a slash, so it names a directory`, undefined, 'give a file name');
  }
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    if (errCode(e) !== 'ENOENT') throw asWriteError(label, path, e);
  }
  if (st?.isDirectory()) {
    throw inputError('OUT_IS_DIRECTORY', `${label} ${shown} is a directory`, undefined, 'give a file name');
  }
  if (st && !st.isFile()) return { real: path, direct: true };
  if (st) return { real: await realpath(path), mode: st.mode, dev: st.dev, ino: st.ino };
  // A new file: its directory must exist (we do not create directories behind the user's back).
  const dir = dirname(resolve(path));
  try {
    const d = await stat(dir);
    if (!d.isDirectory()) throw inputError('OUT_DIR_MISSING', `cannot write ${label} ${shown}: ${dir} is not a directory`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (errCode(e) === 'ENOENT') {
      throw inputError('OUT_DIR_MISSING', `cannot write ${label} ${shown}: directory ${dir} does not exist`, undefined, 'create it first');
    }
    throw asWriteError(label, path, e);
  }
  return { real: join(await realpath(dir), basename(path)) };
}

async function refuseInputs(path: string, label: string, target: Target, inputs: readonly string[]): Promise<void> {
  if (target.direct) return; // inputs are regular files only
  const id = target.dev !== undefined && target.ino !== undefined ? { dev: target.dev, ino: target.ino } : undefined;
  let input: string | undefined = isInput(target.real, id) ? path : undefined;
  for (const candidate of inputs) {
    if (input !== undefined) break;
    let real: string;
    let same = false;
    try {
      real = await realpath(candidate);
      if (id !== undefined) {
        const st = await stat(candidate);
        same = st.dev === id.dev && st.ino === id.ino;
      }
    } catch {
      real = resolve(candidate);
    }
    if (same || real === target.real) input = candidate;
  }
  if (input !== undefined) {
    throw inputError(
      'OUT_IS_INPUT',
      `${label} ${shownPath(path)} is ${input === path ? 'an input file of this run' : `the input file ${shownPath(input)}`}; refusing to overwrite it`,
      undefined,
      'choose another output file',
    );
  }
}

async function syncDir(dir: string): Promise<void> {
  // Some platforms (Windows, some network file systems) cannot open or fsync a directory; the
  // data itself is already synced, so this last step is best effort.
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    return;
  }
}

function errCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function asWriteError(label: string, path: string, e: unknown): Error {
  if (e instanceof InputError) return e;
  const code = errCode(e);
  // Only a failing system call is the user's to fix; node's own ERR_* codes mean a bug here.
  const isSystemError = typeof e === 'object' && e !== null && 'syscall' in e;
  if (code === undefined || !isSystemError) return e instanceof Error ? e : new Error(String(e));
  const reason: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    ENOTDIR: 'a part of the path is not a directory',
    EISDIR: 'it is a directory',
    ENAMETOOLONG: 'the file name is too long',
    EPIPE: 'the reader closed it',
  };
  return inputError('OUT_WRITE_FAILED', `cannot write ${label}${path ? ` ${shownPath(path)}` : ''}: ${reason[code] ?? code}`);
}

/** A place to stream output to that appears whole or not at all. */
export interface AtomicSink {
  /** Buffered; flushed to the temporary file in large blocks. */
  write(text: string): void;
  /** Make the output appear: rename over `--out`, or copy to stdout. */
  commit(): Promise<void>;
  /** Drop everything written; an existing `--out` stays untouched. */
  abort(): Promise<void>;
}

const FLUSH_BYTES = 1 << 20;

/**
 * Streams into a temporary file: beside `path` (then renamed over it, as writeFileAtomic does), or,
 * for stdout, in the system temp directory (then copied out). Nothing reaches the destination
 * before `commit`, so output too large to hold in memory still appears only once it is complete.
 */
export async function openAtomicSink(path: string | undefined, opts: WriteAtomicOptions = {}): Promise<AtomicSink> {
  const { openSync, writeSync, fsyncSync, closeSync, unlinkSync, renameSync, createReadStream, createWriteStream } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const label = opts.label ?? '--out';
  let finalPath: string | undefined;
  let devicePath: string | undefined;
  let tmp: string;
  let mode: number | undefined;
  const target = path !== undefined ? await resolveTarget(path, label) : undefined;
  if (path !== undefined && target !== undefined && !target.direct) {
    await refuseInputs(path, label, target, opts.refuse ?? []);
    finalPath = target.real;
    mode = target.mode;
    tmp = tempNameBeside(target.real);
  } else {
    // Standard output, or a device or FIFO named by --out: staged in the temp directory, copied out.
    devicePath = target?.real;
    tmp = join(tmpdir(), `breakeven-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  }
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', mode !== undefined ? mode & 0o7777 : 0o644);
  } catch (e) {
    throw asWriteError(label, path ?? tmp, e);
  }
  trackTemp(tmp);
  // Each piece is encoded into one reused buffer as it arrives, so the strings die young; holding
  // a megabyte of them to join at flush time kept them alive past a scavenge and made garbage
  // collection a quarter of `evaluate --format json` (1.4 s of 10 s CPU for 100k compounds).
  const buf = Buffer.allocUnsafe(FLUSH_BYTES);
  let used = opts.bom ? buf.write('\ufeff', 0) : 0;
  let open = true;
  const writeAll = (b: Buffer, length: number) => {
    let off = 0;
    while (off < length) off += writeSync(fd, b, off, length - off);
  };
  const flush = () => {
    writeAll(buf, used);
    used = 0;
  };
  const cleanup = () => {
    if (open) closeSync(fd);
    open = false;
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    untrackTemp(tmp);
  };
  const copyTo = (dest: NodeJS.WritableStream, end: boolean) =>
    new Promise<void>((res, rej) => {
      const rs = createReadStream(tmp);
      rs.on('error', rej);
      dest.on('error', rej);
      if (end) dest.on('finish', () => res());
      else rs.on('end', () => res());
      rs.pipe(dest, { end });
    });
  return {
    write(text) {
      try {
        // A UTF-16 unit never takes more than 3 bytes in UTF-8.
        if (used + text.length * 3 > FLUSH_BYTES) {
          flush();
          if (text.length * 3 > FLUSH_BYTES) {
            const b = Buffer.from(text);
            writeAll(b, b.length);
            return;
          }
        }
        used += buf.write(text, used);
      } catch (e) {
        throw asWriteError(label, path ?? tmp, e);
      }
    },
    async commit() {
      try {
        flush();
        if (finalPath !== undefined) {
          fsyncSync(fd);
          closeSync(fd);
          open = false;
          renameSync(tmp, finalPath);
          untrackTemp(tmp);
          await syncDir(dirname(finalPath));
          return;
        }
        closeSync(fd);
        open = false;
        if (devicePath !== undefined) await copyTo(createWriteStream(devicePath), true);
        else await copyTo(process.stdout, false);
        cleanup();
      } catch (e) {
        cleanup();
        throw asWriteError(path === undefined ? 'standard output' : label, path ?? '', e);
      }
    },
    async abort() {
      cleanup();
    },
  };
}
