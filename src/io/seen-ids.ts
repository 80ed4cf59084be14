/** Sub-tables, chosen by a fingerprint's low bits: each grows alone, so a growth holds 1/16 twice. */
const SHARDS = 16;

/**
 * The ids already met in a `--sorted` CSV (or one read as its rows come), kept as 53-bit
 * fingerprints in growing Float64Arrays (open addressing, filled up to three quarters) rather than
 * as strings in a Set: 11–21 bytes per person instead of 60–100, so a file of millions of persons
 * stays within the batch memory budget (five million persons: 64 MB). The table is 16 sub-tables,
 * each doubled on its own, so a growth needs 1/16 of the table again, not all of it (a single
 * table of 64 MB growing to 128 MB held 192 MB for a moment).
 */
export class SeenIds {
  private tables: Float64Array[] = Array.from({ length: SHARDS }, () => new Float64Array(1 << 12));
  private sizes = new Array<number>(SHARDS).fill(0);

  /** Remembers the id; true when it had been seen before. */
  seenBefore(id: string): boolean {
    const fp = fingerprint(id);
    const k = fp % SHARDS;
    // the sub-table's slot from the fingerprint's other bits
    const h = Math.floor(fp / SHARDS);
    let table = this.tables[k]!;
    if (this.sizes[k]! * 4 >= table.length * 3) table = this.grow(k);
    const mask = table.length - 1;
    let i = h & mask;
    for (;;) {
      const v = table[i]!;
      if (v === 0) {
        table[i] = fp;
        this.sizes[k]!++;
        return false;
      }
      if (v === fp) return true;
      i = (i + 1) & mask;
    }
  }

  private grow(k: number): Float64Array {
    const old = this.tables[k]!;
    const table = new Float64Array(old.length * 2);
    const mask = table.length - 1;
    for (const fp of old) {
      if (fp === 0) continue;
      let i = Math.floor(fp / SHARDS) & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = fp;
    }
    this.tables[k] = table;
    return table;
  }
}

/** Two 32-bit FNV-1a hashes (different offsets) folded into a non-zero 53-bit integer. */
export function fingerprint(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const fp = (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
  return fp === 0 ? 1 : fp;
}
