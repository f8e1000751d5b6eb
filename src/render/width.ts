/**
 * Display width of text in a terminal, so that columns holding Chinese line up.
 *
 * East Asian Wide (W) and Fullwidth (F) characters take two columns (Unicode UAX #11); combining
 * marks, format characters (zero-width joiner, variation selectors) and control characters take
 * none; everything else, including the Ambiguous class (…, °, ²), takes one, as in a Western
 * terminal. The table below is the W/F classes of Unicode 15 with the sparse emoji singletons in the
 * 2300–2BFF block folded into a few ranges; a table is small enough that no dependency is needed.
 */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation (、。「」)
  [0x3041, 0x33ff], // kana, bopomofo, Hangul compatibility jamo, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms (，（）：)
  [0xffe0, 0xffe6], // fullwidth signs (￥)
  [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff1],
  [0x17000, 0x18cd5], // Tangut
  [0x18d00, 0x18d08],
  [0x1aff0, 0x1b2fb], // kana supplement and extensions, Nüshu
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f265], // enclosed ideographic supplement
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f680, 0x1f6ff], // transport and map symbols
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], // supplemental symbols and pictographs
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd], // CJK extensions B–F
  [0x30000, 0x3fffd], // CJK extension G and later
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns one character (a code point) takes: 0, 1 or 2. */
export function charWidth(ch: string): 0 | 1 | 2 {
  const cp = ch.codePointAt(0);
  if (cp === undefined) return 0;
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  // Hangul medial vowels and final consonants join the preceding initial into one syllable.
  if (cp >= 0x1160 && cp <= 0x11ff) return 0;
  return isWide(cp) ? 2 : 1;
}

/** Columns a string takes in a terminal. */
export function stringWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Pad on the right with spaces to `width` columns (left-aligned text). */
export function padEndWidth(s: string, width: number): string {
  const gap = width - stringWidth(s);
  return gap > 0 ? s + ' '.repeat(gap) : s;
}

/** Pad on the left with spaces to `width` columns (right-aligned text). */
export function padStartWidth(s: string, width: number): string {
  const gap = width - stringWidth(s);
  return gap > 0 ? ' '.repeat(gap) + s : s;
}
