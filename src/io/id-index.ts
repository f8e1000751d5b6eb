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
  private chars = new Uint16Array(1 << 16);
  private used = 0;
  // Per entry: where its characters start, how many, its hash, its line.
  private start = new Int32Array(1 << 12);
  private length = new Int32Array(1 << 12);
  private hash = new Int32Array(1 << 12);
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
    let h = 0x811c9dc5 | 0; // int32, as stored in `hash`
    for (let i = 0; i < n; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    let slot = h & this.mask;
    for (;;) {
      const e = this.table[slot]!;
      if (e === 0) break;
      if (this.hash[e - 1] === h && this.same(e - 1, id)) return this.line[e - 1]!;
      slot = (slot + 1) & this.mask;
    }
    const e = this.count;
    if (e === this.start.length) this.growEntries();
    if (this.used + n > this.chars.length) this.growChars(n);
    const chars = this.chars;
    const at = this.used;
    for (let i = 0; i < n; i++) chars[at + i] = id.charCodeAt(i);
    this.used = at + n;
    this.start[e] = at;
    this.length[e] = n;
    this.hash[e] = h;
    this.line[e] = line;
    this.count = e + 1;
    this.table[slot] = e + 1;
    if (this.count * 2 > this.table.length) this.growTable();
    return 0;
  }

  private same(e: number, id: string): boolean {
    const n = id.length;
    if (this.length[e] !== n) return false;
    const at = this.start[e]!;
    for (let i = 0; i < n; i++) if (this.chars[at + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private growEntries(): void {
    const size = this.start.length * 2;
    this.start = copyInto(new Int32Array(size), this.start);
    this.length = copyInto(new Int32Array(size), this.length);
    this.hash = copyInto(new Int32Array(size), this.hash);
    this.line = copyInto(new Uint32Array(size), this.line);
  }

  private growChars(need: number): void {
    let size = this.chars.length * 2;
    while (size < this.used + need) size *= 2;
    this.chars = copyInto(new Uint16Array(size), this.chars);
  }

  private growTable(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let e = 0; e < this.count; e++) {
      let slot = this.hash[e]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = e + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

function copyInto<T extends Int32Array | Uint32Array | Uint16Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
