/**
 * The ids already met in a `--sorted` CSV (or one read as its rows come), kept as 53-bit
 * fingerprints in one growing Float64Array (open addressing, filled up to three quarters) rather
 * than as strings in a Set: 11–21 bytes per person instead of 60–100, so a file of millions of
 * persons stays within the batch memory budget (5 million persons: a 64 MB table).
 * Two different ids share a fingerprint with odds of about n²/2⁵⁴ (for a million persons,
 * 1 in 18,000,000); such a clash would only make `--sorted` report a person as split.
 */
export class SeenIds {
  private table = new Float64Array(1 << 16);
  private size = 0;

  /** Remembers the id; true when it had been seen before. */
  seenBefore(id: string): boolean {
    const fp = fingerprint(id);
    if (this.size * 4 >= this.table.length * 3) this.grow();
    const mask = this.table.length - 1;
    let i = fp % this.table.length & mask;
    for (;;) {
      const v = this.table[i]!;
      if (v === 0) {
        this.table[i] = fp;
        this.size++;
        return false;
      }
      if (v === fp) return true;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    const mask = this.table.length - 1;
    for (const fp of old) {
      if (fp === 0) continue;
      let i = fp % this.table.length & mask;
      while (this.table[i] !== 0) i = (i + 1) & mask;
      this.table[i] = fp;
    }
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
