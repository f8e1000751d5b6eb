/**
 * Text encodings of input files: UTF-8 (with or without BOM) and GB18030/GBK, which Excel on
 * Chinese Windows writes. Detection looks at the first bytes only, so a file is never held whole.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** An encoding the readers decode. */
export type TextEncodingName = 'utf8' | 'gb18030';

/** How much of the file's start decides the encoding. */
export const DETECT_BYTES = 64 * 1024;

/** The verdict on a file's first bytes. */
export type Detection =
  | { ok: true; encoding: TextEncodingName; bomLength: number }
  | { ok: false; message: string; hint: string };

/**
 * BOM → UTF-8; else valid UTF-8 → UTF-8; else valid GB18030 → GB18030. A UTF-16/32 BOM, or many
 * NUL bytes (UTF-16 without BOM, or a binary file), is refused with a hint.
 * `atEnd` says the prefix is the whole file (a truncated last character is then an error).
 */
export function detectEncoding(prefix: Uint8Array, atEnd: boolean): Detection {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return { ok: true, encoding: 'utf8', bomLength: 3 };
  if ((prefix[0] === 0xff && prefix[1] === 0xfe) || (prefix[0] === 0xfe && prefix[1] === 0xff)) {
    return {
      ok: false,
      message: 'the file is UTF-16 (it starts with a UTF-16 byte order mark)',
      hint: 'save it as "CSV UTF-8" or as GB18030/GBK CSV',
    };
  }
  let nul = 0;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] === 0) nul++;
  // A stray NUL is reported on its line later; this many means the file is not text in 8-bit units.
  if (nul >= 2 && nul * 100 >= prefix.length) {
    return {
      ok: false,
      message: `the file is not text in UTF-8 or GB18030 (${nul} NUL bytes in its first ${prefix.length} bytes: UTF-16 or binary)`,
      hint: 'export the table as "CSV UTF-8"',
    };
  }
  if (decodes('utf-8', prefix, atEnd)) return { ok: true, encoding: 'utf8', bomLength: 0 };
  if (decodes('gb18030', prefix, atEnd)) return { ok: true, encoding: 'gb18030', bomLength: 0 };
  return {
    ok: false,
    message: 'the file is neither UTF-8 nor GB18030 text',
    hint: 'export the table as "CSV UTF-8"; a workbook (.xlsx) or other binary file cannot be read as CSV',
  };
}

function decodes(label: string, bytes: Uint8Array, atEnd: boolean): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes, { stream: !atEnd });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks UTF-8 validity chunk by chunk, carrying a character split across chunks.
 * Cheap (simdutf-backed `isUtf8`) so it runs on every chunk of a large file.
 */
export class Utf8Checker {
  private carry: Buffer = Buffer.alloc(0);

  /** False if the bytes so far (this chunk included) are not valid UTF-8. */
  push(chunk: Buffer): boolean {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(buf);
    const ok = isUtf8(buf.subarray(0, cut));
    this.carry = Buffer.from(buf.subarray(cut));
    return ok;
  }

  /** False if the file ended inside a character. */
  end(): boolean {
    return this.carry.length === 0;
  }
}

/** Length of the chunk up to the start of a trailing, incomplete UTF-8 sequence. */
function completeLength(b: Buffer): number {
  const n = b.length;
  // A sequence is at most 4 bytes: look back at most 3 for its lead byte.
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const c = b[i]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return i + need > n ? i : n;
  }
  return n;
}
