/**
 * Mutations of a valid file, as fast-check values so a failure shrinks to a short list of edits:
 * byte flips, truncation, inserted quotes, commas, NULs, line breaks and stray bytes, deleted
 * spans, duplicated and swapped lines. Positions are taken modulo the current length.
 */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'bitflip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number };

/** What hostile spreadsheets insert: CSV and YAML syntax, control bytes, text in other scripts. */
const INSERTS: number[][] = [
  [0x22], // "
  [0x2c], // ,
  [0x00], // NUL
  [0x0a], // \n
  [0x0d, 0x0a], // \r\n
  [0x0d], // \r alone
  [0x3b], // ;
  [0x09], // tab
  [0x20], // space
  [0x27], // '
  [0x3a, 0x20], // ": " (YAML)
  [0x2d, 0x20], // "- " (YAML)
  [0x26, 0x61], // &a (YAML anchor)
  [0x2a, 0x61], // *a (YAML alias)
  [0x7b], // {
  [0x5b], // [
  [0x23], // #
  [0xff], // never valid UTF-8
  [0xef, 0xbb, 0xbf], // a BOM in the middle
  [0xe4, 0xb8], // half of a Chinese character
  [...Buffer.from('小区')],
  [...Buffer.from('1e309')],
  [...Buffer.from('NaN')],
  [...Buffer.from('-1')],
  [...Buffer.from('9'.repeat(30))],
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('bitflip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.constantFrom(...INSERTS) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.constantFrom(...INSERTS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
);

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });

function lines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x0a) {
      out.push(b.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < b.length) out.push(b.subarray(start));
  return out;
}

export function mutate(input: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = Buffer.from(input);
  for (const m of mutations) {
    const n = b.length;
    switch (m.kind) {
      case 'set':
        if (n) b[m.at % n] = m.byte;
        break;
      case 'bitflip':
        if (n) b[m.at % n]! ^= 1 << m.bit;
        break;
      case 'truncate':
        b = b.subarray(0, n ? m.at % n : 0);
        break;
      case 'insert': {
        const at = m.at % (n + 1);
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
        break;
      }
      case 'delete': {
        if (!n) break;
        const at = m.at % n;
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
        break;
      }
      case 'duplicate-line': {
        const ls = lines(b);
        if (!ls.length) break;
        const i = m.line % ls.length;
        ls.splice(i, 0, ls[i]!);
        b = Buffer.concat(ls);
        break;
      }
      case 'swap-lines': {
        const ls = lines(b);
        if (ls.length < 2) break;
        const i = m.a % ls.length;
        const j = m.b % ls.length;
        [ls[i], ls[j]] = [ls[j]!, ls[i]!];
        b = Buffer.concat(ls);
        break;
      }
    }
  }
  return b;
}
