/**
 * The set of ids seen so far in a file, with the line of each, for the duplicate-id check.
 *
 * Why not a `Map<string, number>`: with a million rows the Map keeps a million small strings
 * alive, and the garbage collector then spends about a second moving and marking them, which is
 * a quarter of what csv-parse itself needs for the file. Here the ids' characters are copied into
 * one growing Uint16Array and indexed by an open-addressing hash table of typed arrays, so the
 * heap holds a handful of large objects whatever the row count. Lookups are exact (a hash match
 * is confirmed character by character).
 */
export class IdIndex {
  /**
   * The ids' characters, one after another: one byte each while every id is Latin-1 (codes below
   * 256: ids are nearly always ASCII), two bytes from the first id that is not. Issue 17: at a
   * million rows the index was most of the growth of evaluate's peak memory from 100k to 1M, so
   * it keeps only what it needs: no per-entry length (the next entry's start gives it) or hash
   * (recomputed when the table grows).
   */
  private chars: Uint8Array | Uint16Array = new Uint8Array(1 << 16);
  private used = 0;
  // Per entry: where its characters start, and its line.
  private start = new Int32Array(1 << 12);
  private line = new Uint32Array(1 << 12);
  private count = 0;
  // Open addressing: entry index + 1, 0 = free. Kept at most half full.
  private table = new Int32Array(1 << 13);
  private mask = (1 << 13) - 1;

  /** Number of ids added. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds `id` first seen on `line` and returns 0, or, when it was added before, returns the line
   * it was first added with (and adds nothing). Lines are ≥ 1.
   */
  addOrFirstLine(id: string, line: number): number {
    const n = id.length;
    let h = 0x811c9dc5 | 0;
    let wide = false;
    for (let i = 0; i < n; i++) {
      const c = id.charCodeAt(i);
      if (c > 255) wide = true;
      h = Math.imul(h ^ c, 0x01000193);
    }
    let slot = h & this.mask;
    for (;;) {
      const e = this.table[slot]!;
      if (e === 0) break;
      if (this.same(e - 1, id)) return this.line[e - 1]!;
      slot = (slot + 1) & this.mask;
    }
    const e = this.count;
    if (e === this.start.length) this.growEntries();
    if (wide && this.chars instanceof Uint8Array) this.chars = copyInto(new Uint16Array(this.chars.length), this.chars);
    if (this.used + n > this.chars.length) this.growChars(n);
    const chars = this.chars;
    const at = this.used;
    for (let i = 0; i < n; i++) chars[at + i] = id.charCodeAt(i);
    this.used = at + n;
    this.start[e] = at;
    this.line[e] = line;
    this.count = e + 1;
    this.table[slot] = e + 1;
    if (this.count * 2 > this.table.length) this.growTable();
    return 0;
  }

  /** Where entry `e`'s characters end. */
  private end(e: number): number {
    return e + 1 < this.count ? this.start[e + 1]! : this.used;
  }

  private same(e: number, id: string): boolean {
    const n = id.length;
    const at = this.start[e]!;
    if (this.end(e) - at !== n) return false;
    const chars = this.chars;
    for (let i = 0; i < n; i++) if (chars[at + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private growEntries(): void {
    const size = this.start.length * 2;
    this.start = copyInto(new Int32Array(size), this.start);
    this.line = copyInto(new Uint32Array(size), this.line);
  }

  private growChars(need: number): void {
    let size = this.chars.length * 2;
    while (size < this.used + need) size *= 2;
    this.chars = copyInto(this.chars instanceof Uint8Array ? new Uint8Array(size) : new Uint16Array(size), this.chars);
  }

  private growTable(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    const chars = this.chars;
    for (let e = 0; e < this.count; e++) {
      // The same hash as addOrFirstLine's, from the stored characters.
      let h = 0x811c9dc5 | 0;
      for (let i = this.start[e]!, end = this.end(e); i < end; i++) h = Math.imul(h ^ chars[i]!, 0x01000193);
      let slot = h & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = e + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

function copyInto<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array>(to: T, from: Int32Array | Uint32Array | Uint16Array | Uint8Array): T {
  to.set(from);
  return to;
}
