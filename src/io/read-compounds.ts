/**
 * Reading a compound CSV: stream → decode → csv-parse (arrays) → records → per-column rules →
 * Compound. Every problem is collected with file, line and column and thrown together at the end.
 * A workbook (.xlsx) goes to read-workbook.ts instead; `-` reads standard input (CSV).
 */
import { closeSync, createReadStream, readSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { CsvError, Parser, type Options as CsvOptions } from 'csv-parse';
import type { Compound } from '../core/compound.js';
import { InputError, type Problem } from '../core/errors.js';
import { CompoundSink, HeaderUnusable, type RecordOptions } from './compound-records.js';
import type { RawCell } from '../schema/compound.js';
import { checkHeapFor, openInput, shownPath } from './open-input.js';
import { DETECT_BYTES, Utf8Checker, detectEncoding, type TextEncodingName } from './encoding.js';

/** How to read a compound file. */
export interface ReadOptions extends RecordOptions {
  /** A workbook's sheet (`--sheet`); default the first. */
  sheet?: string;
  /** `auto` (default): UTF-8 BOM, else valid UTF-8 in the first 64 KiB, else GB18030. */
  encoding?: 'auto' | 'utf8' | 'gb18030';
  /** Field delimiter: ',' (default), '\t' (or "tab"), ';', or another single character. */
  delimiter?: string;
  /** `-` reads standard input. */
  allowStdin?: boolean;
  /**
   * The caller holds every row: heap bytes it needs per byte of file, checked against the heap
   * limit before reading (exit 2 with a hint instead of a V8 fatal error). Streamed: leave out.
   */
  heapPerByte?: number;
  /** What holds the rows, for that message ("evaluate's table"). */
  holder?: string;
}

/**
 * Heap bytes per byte of CSV for the compounds held whole (measured: ≈ 4 retained; `explain` and
 * `bid` of 100k compounds, 10.5 MB, peaked at 142 and 157 MB with node's own ≈ 50 MB).
 */
export const HOLD_COMPOUNDS_PER_BYTE = 12;

/** What was read. `rows` counts data records (blank lines and all-empty rows excluded). */
export interface ReadSummary {
  /** The file as named, or `<stdin>` for `-`. */
  file: string;
  encoding: 'utf8' | 'gb18030';
  rows: number;
  /** Not errors: e.g. an unknown column, which is ignored. */
  warnings: Problem[];
  /** A workbook's sheet that was read. */
  sheet?: string;
}

/** Problems listed before the rest are summed up in one line. */
export const MAX_LISTED_PROBLEMS = 50;
/** Largest record accepted, so one runaway field cannot fill memory. */
export const MAX_FIELD_BYTES = 1024 * 1024;

const CHUNK_BYTES = 64 * 1024;

/** The name `-` stands for in messages. */
export const STDIN_NAME = '<stdin>';

/** How a file's content starts: an .xlsx is a zip, an old .xls an OLE2 compound file. */
function sniff(fd: number): 'zip' | 'ole' | 'other' {
  try {
    // Positioned read: the stream that follows still starts at the first byte.
    const b = Buffer.alloc(4);
    const n = readSync(fd, b, 0, 4, 0);
    if (n === 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
    if (n === 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'ole';
    return 'other';
  } catch {
    // The stream below reports the file that cannot be read.
    return 'other';
  }
}

/**
 * Streams the file; calls onCompound for each valid row in file order; after the whole file,
 * throws InputError with ALL problems (first 50 + one problem saying how many more) if any.
 */
export async function readCompoundStream(
  path: string,
  opts: ReadOptions,
  onCompound: (c: Compound) => void,
): Promise<ReadSummary> {
  const file = path === '-' ? STDIN_NAME : shownPath(path);
  if (path === '-' && process.stdin.isTTY) {
    throw new InputError({
      code: 'CSV_CANNOT_READ',
      message: 'standard input is a terminal, not a file',
      where: { file },
      hint: 'pipe a CSV file into the command (… < compounds.csv), or name the file instead of -',
    });
  }
  // A regular file, or `-` for standard input: a FIFO or /dev/zero is refused here (a name from a
  // scenario's `compounds:` may also hold a NUL: refused too, not a TypeError).
  const input = openInput(path, { code: 'CSV_CANNOT_READ', allowStdin: opts.allowStdin !== false });
  const kind = input.stdin ? 'other' : sniff(input.fd);
  const refuse = (problem: Problem): never => {
    if (!input.stdin) closeSync(input.fd);
    throw new InputError(problem);
  };
  if (kind === 'zip' || (kind === 'other' && /\.xlsx$/i.test(path))) {
    closeSync(input.fd);
    const { readWorkbookStream } = await import('./read-workbook.js');
    return readWorkbookStream(path, opts, onCompound);
  }
  if (kind === 'ole' || /\.xls$/i.test(path)) {
    refuse({
      code: 'CSV_OLD_WORKBOOK',
      message: 'an Excel 97–2003 workbook (.xls), or a password-protected workbook, cannot be read',
      where: { file },
      hint: 'save it, without a password, as an Excel workbook (.xlsx) or as "CSV UTF-8" (WPS and Excel: 另存为 / Save As)',
    });
  }
  if (opts.sheet !== undefined) {
    refuse({
      code: 'CSV_BAD_OPTION',
      message: `a sheet (${JSON.stringify(opts.sheet)}) was given, but this is a CSV file, not a workbook`,
      where: { file },
      hint: 'the sheet option is for .xlsx workbooks; leave it out for a CSV file',
    });
  }
  if (opts.heapPerByte !== undefined && !input.stdin) {
    try {
      checkHeapFor(path, input.size, opts.heapPerByte, opts.holder ?? 'this command');
    } catch (e) {
      closeSync(input.fd);
      throw e;
    }
  }
  const delimiter = checkDelimiter(opts.delimiter, file);
  const forced = opts.encoding ?? 'auto';
  if (forced !== 'auto' && forced !== 'utf8' && forced !== 'gb18030') {
    throw new InputError({
      code: 'CSV_BAD_OPTION',
      message: `unknown encoding ${JSON.stringify(forced)}`,
      where: { file },
      hint: 'use auto, utf8 or gb18030',
    });
  }

  const problems: Problem[] = [];
  let more = 0;
  const report = (p: Problem): void => {
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push(p);
    else more++;
  };

  let encoding: TextEncodingName = forced === 'gb18030' ? 'gb18030' : 'utf8';
  // Set when a chunk had a NUL byte or bytes invalid in the encoding: rows are then checked
  // cell by cell to name the line (clean files never pay for that check).
  let suspect = false;
  let encodingReported = false;

  async function* decode(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer | string> {
    let head: Buffer[] = [];
    let headBytes = 0;
    let decided = false;
    const utf8 = new Utf8Checker();
    let gb: TextDecoder | undefined;
    const pass = (chunk: Buffer): Buffer | string => {
      if (gb) {
        const s = gb.decode(chunk, { stream: true });
        if (s.includes('\uFFFD') || s.includes('\0')) suspect = true;
        return s;
      }
      if (!utf8.push(chunk) || chunk.indexOf(0) !== -1) suspect = true;
      return chunk;
    };
    const decide = (atEnd: boolean): Buffer | string => {
      decided = true;
      let first = head.length === 1 ? head[0]! : Buffer.concat(head);
      head = [];
      const d = detectEncoding(first.subarray(0, DETECT_BYTES), atEnd);
      if (forced === 'auto') {
        if (!d.ok) {
          throw new InputError({ code: 'CSV_BAD_ENCODING', message: d.message, where: { file, line: 1 }, hint: d.hint });
        }
        encoding = d.encoding;
      }
      if (encoding === 'utf8' && d.ok && d.bomLength > 0) first = first.subarray(d.bomLength);
      if (encoding === 'gb18030') gb = new TextDecoder('gb18030');
      return pass(first);
    };
    for await (const chunk of source) {
      if (decided) {
        yield pass(chunk);
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= DETECT_BYTES) yield decide(false);
    }
    if (!decided) yield decide(true);
    if (gb) {
      const tail = gb.decode();
      if (tail.length > 0) {
        suspect = true;
        yield tail;
      }
    } else if (!utf8.end()) suspect = true;
  }

  // Line bookkeeping: csv-parse counts lines up to the end of each record; the record's first
  // line follows the previous record's last line and any skipped blank lines. csv-parse counts a
  // CRLF inside a quoted field twice, so those are subtracted (`crlfInQuotes`).
  let prevRawEnd = 0;
  let prevEmpty = 0;
  let prevEnd = 0;
  let crlfInQuotes = 0;
  let lastStart = 0;

  const sink = new CompoundSink(
    file,
    {
      checkWidth: true,
      ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
      ...(opts.columns !== undefined ? { columns: opts.columns } : {}),
      ...(opts.allowHighFees ? { allowHighFees: true } : {}),
    },
    report,
    onCompound,
  );
  const check = (rec: readonly RawCell[], line: number): boolean => !suspect || checkCells(rec as string[], line);

  const onRecord = (rec: string[], lines: number, emptyLines: number): void => {
    const emptyDelta = emptyLines - prevEmpty;
    const start = prevEnd + 1 + emptyDelta;
    if (lines - prevRawEnd - emptyDelta > 1) crlfInQuotes += countCrlf(rec);
    prevRawEnd = lines;
    prevEmpty = emptyLines;
    prevEnd = lines - crlfInQuotes;
    lastStart = start;
    sink.record(rec, start, check);
  };

  /** Reports NUL bytes and undecodable bytes in a row; false if there were any. */
  function checkCells(rec: string[], line: number): boolean {
    let ok = true;
    for (let i = 0; i < rec.length; i++) {
      const cell = rec[i]!;
      if (cell.includes('\0')) {
        ok = false;
        report({
          code: 'CSV_NUL_BYTE',
          message: 'a NUL byte (0x00) in the field',
          where: { file, line, column: i + 1 },
          hint: 'the file is damaged or not plain text; re-export it',
        });
      } else if (cell.includes('\uFFFD') && !encodingReported) {
        ok = false;
        encodingReported = true;
        report({
          code: 'CSV_BAD_ENCODING',
          message: `bytes that are not valid ${encoding === 'utf8' ? 'UTF-8' : 'GB18030'} (the first 64 KiB looked like ${encoding === 'utf8' ? 'UTF-8' : 'GB18030'})`,
          where: { file, line, column: i + 1 },
          hint:
            encoding === 'utf8'
              ? 'if the file was saved by Excel on Chinese Windows, pass the encoding gb18030'
              : 'save the file as "CSV UTF-8"',
        });
      }
    }
    return ok;
  }

  const parser = new RecordParser(
    {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_FIELD_BYTES,
    },
    onRecord,
  );
  parser.resume();

  const source = input.stdin ? process.stdin : createReadStream('', { fd: input.fd, highWaterMark: CHUNK_BYTES });
  try {
    await pipeline(source, decode, parser);
    sink.end();
  } catch (err) {
    if (err instanceof HeaderUnusable) {
      // The header was unusable; its problems are already reported.
    } else if (err instanceof InputError) {
      throw err;
    } else if (err instanceof CsvError) {
      report(fromCsvError(err, file, { lastStart, prevEnd, prevEmpty, crlfInQuotes }));
    } else if (isFsError(err)) {
      throw new InputError({
        code: 'CSV_CANNOT_READ',
        message: fsMessage(err),
        where: { file },
      });
    } else throw err;
  }

  if (!sink.header && problems.length === 0) {
    report({ code: 'CSV_EMPTY', message: 'the file is empty: expected a header row and compound rows', where: { file, line: 1 } });
  } else if (sink.header && sink.rows === 0 && problems.length === 0) {
    report({
      code: 'CSV_NO_ROWS',
      message: 'the file has a header but no compound rows',
      where: { file, line: 2 },
    });
  }
  if (problems.length > 0) {
    if (more > 0) {
      problems.push({
        code: 'CSV_MORE_PROBLEMS',
        message: `${more} more problem${more === 1 ? '' : 's'} not listed`,
        where: { file },
      });
    }
    throw new InputError(problems);
  }
  return { file, encoding, rows: sink.rows, warnings: sink.warnings };
}

/** Reads the whole file into an array (for small inputs; use readCompoundStream for large ones). */
export async function readCompounds(
  path: string,
  opts: ReadOptions = {},
): Promise<ReadSummary & { compounds: Compound[] }> {
  const compounds: Compound[] = [];
  const summary = await readCompoundStream(path, { heapPerByte: HOLD_COMPOUNDS_PER_BYTE, ...opts }, (c) => compounds.push(c));
  return { ...summary, compounds };
}


/**
 * csv-parse's stream, handing each record straight to a callback with the line counters as they
 * are when the record is complete. csv-parse's own hook for that (`on_record`) copies its whole
 * info object per record, which costs more than parsing; `info` is read here instead, at the
 * moment the parser pushes the record. Nothing is queued on the readable side.
 */
class RecordParser extends Parser {
  private failed = false;
  constructor(
    options: CsvOptions,
    private readonly onRow: (rec: string[], lines: number, emptyLines: number) => void,
  ) {
    super(options);
  }

  override push(chunk: unknown): boolean {
    if (chunk === null) return super.push(null);
    if (this.failed) return false;
    try {
      this.onRow(chunk as string[], this.info.lines, this.info.empty_lines);
    } catch (err) {
      // Stop at the first failure (an unusable header, or the caller's callback throwing).
      this.failed = true;
      this.destroy(err as Error);
      return false;
    }
    return true;
  }
}

function countCrlf(rec: string[]): number {
  let n = 0;
  for (const f of rec) {
    for (let i = f.indexOf('\r\n'); i !== -1; i = f.indexOf('\r\n', i + 2)) n++;
  }
  return n;
}

function checkDelimiter(d: string | undefined, file: string): string {
  if (d === undefined || d === '' || d === ',') return ',';
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', semicolon: ';', comma: ',', pipe: '|' };
  const c = named[d.toLowerCase()] ?? d;
  if (c.length !== 1 || c === '"' || c === '\n' || c === '\r') {
    throw new InputError({
      code: 'CSV_BAD_OPTION',
      message: `the delimiter must be one character (not a quote or line break), got ${JSON.stringify(d)}`,
      where: { file },
      hint: 'use ",", ";" or "tab"',
    });
  }
  return c;
}

interface LineState {
  lastStart: number;
  prevEnd: number;
  prevEmpty: number;
  crlfInQuotes: number;
}

/** csv-parse's fatal errors, as our problems with the record's line. */
function fromCsvError(err: CsvError, file: string, s: LineState): Problem {
  const e = err as CsvError & { lines?: number; empty_lines?: number; index?: number };
  const at = (e.lines ?? s.prevEnd + 1) - s.crlfInQuotes;
  const start = s.prevEnd + 1 + Math.max(0, (e.empty_lines ?? s.prevEmpty) - s.prevEmpty);
  const column = typeof e.index === 'number' ? e.index + 1 : undefined;
  const where = (line: number): Problem['where'] =>
    column === undefined ? { file, line } : { file, line, column };
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        code: 'CSV_UNCLOSED_QUOTE',
        message: `a quoted field in the record starting on line ${start} is never closed (the file ends on line ${at})`,
        where: where(start),
        hint: 'close the quote; inside a quoted field, write a quote twice: ""',
      };
    case 'CSV_MAX_RECORD_SIZE':
      if (at > start) {
        return {
          code: 'CSV_UNCLOSED_QUOTE',
          message: `a quoted field in the record starting on line ${start} runs past 1 MiB (to line ${at}) without a closing quote`,
          where: where(start),
          hint: 'close the quote; inside a quoted field, write a quote twice: ""',
        };
      }
      return {
        code: 'CSV_FIELD_TOO_LARGE',
        message: `a field larger than 1 MiB (the limit) on line ${start}`,
        where: where(start),
        hint: 'fields are capped at 1 MiB; check that this is a compound table',
      };
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return {
        code: 'CSV_BAD_QUOTE',
        message:
          err.code === 'INVALID_OPENING_QUOTE'
            ? 'a quote inside an unquoted field'
            : 'text after the closing quote of a quoted field',
        where: where(at),
        hint: 'quote the whole field and write inner quotes twice, e.g. "6""栋"',
      };
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return { code: 'CSV_RAGGED_ROW', message: err.message, where: where(at) };
    default:
      return { code: 'CSV_PARSE_ERROR', message: err.message, where: where(at) };
  }
}

function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

function fsMessage(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'this is a directory, expected a CSV file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `cannot read the file (${err.code ?? err.message})`;
  }
}

