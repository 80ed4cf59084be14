/**
 * An external sort for CSV rows whose persons are scattered through the file: rows are kept in
 * memory up to a budget, then sorted and written as a run file; at the end the runs (and what is
 * still in memory) are merged, k ways, in (key, row) order. Memory stays near the budget whatever
 * the file's size; the disk holds about the CSV's size again while the run lasts.
 *
 * The run files hold personal data: they live in a private directory (mode 0700, files 0600) made
 * under the system temp directory or --tmp-dir, created only when the first run is written and
 * removed when the sort ends, fails or the process exits (Ctrl-C and SIGTERM exit through
 * process.exit in main.ts, which runs the 'exit' handler).
 */
import { fingerprint } from './seen-ids.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** 16 MB of row text in memory before a run is written (docs/performance.md). */
export const DEFAULT_SORT_BUFFER_BYTES = 16 * 1024 * 1024;

/** A failure to write temporary files: the caller reports it as an input/output error. */
export class SpillError extends Error {
  readonly spill = true;
}

interface Run {
  /** The current line's key and row, and its text after them. */
  key: number;
  row: number;
  text: string;
  next: () => Promise<boolean>;
  /** Stops reading (the file stays until the sort removes it). */
  close: () => void;
}

export class SpillSorter {
  /**
   * The rows held: their text as UTF-8 in one buffer outside the JavaScript heap, keys, rows and
   * offsets in typed arrays, all allocated once and used again for every run (strings held this
   * long would reach the old generation and pile up as garbage between runs).
   */
  private buf: Buffer | undefined;
  private keys: Float64Array;
  private rows: Float64Array;
  private starts: Uint32Array;
  private n = 0;
  private used = 0;
  private dir: string | undefined;
  private files: string[] = [];
  private runCount = 0;
  private readonly onExit = () => this.removeSync();

  constructor(
    private readonly base: string = tmpdir(),
    private readonly budget: number = DEFAULT_SORT_BUFFER_BYTES,
    from?: SpillSorter,
    /** How many run files are read at once in a merge (FAN_IN; smaller in tests). */
    private readonly fanIn: number = from?.fanIn ?? FAN_IN,
  ) {
    if (from) {
      // a second pass in the memory of the first (handOver)
      this.keys = from.keys;
      this.rows = from.rows;
      this.starts = from.starts;
      this.buf = from.buf;
      this.out = from.out;
      return;
    }
    const cap = Math.max(16, Math.ceil(budget / 64));
    this.keys = new Float64Array(cap);
    this.rows = new Float64Array(cap);
    this.starts = new Uint32Array(cap + 1);
  }

  /**
   * Writes what is still in memory as a run, and returns a new, empty sorter that takes over this
   * one's buffers (this one's merge, `sorted`, reads only its run files): the two passes of
   * PersonSorter hold one row buffer between them, not two.
   */
  async handOver(): Promise<SpillSorter> {
    if (this.n > 0) await this.spill();
    const next = new SpillSorter(this.base, this.budget, this);
    this.buf = undefined;
    this.out = undefined;
    this.keys = this.rows = new Float64Array(0);
    this.starts = new Uint32Array(0);
    return next;
  }

  /** Whether a run file has been written (the rows are not all in memory). */
  get spilled(): boolean {
    return this.files.length > 0;
  }

  /**
   * Before any run is written: replaces each row's key by the smallest row of its key, so that
   * `sorted` gives the rows of a key together, keys in the order of their first rows.
   */
  keyByFirstRow(): void {
    const { keys, rows } = this;
    let prev = NaN;
    let first = 0;
    for (const i of this.order()) {
      if (keys[i] !== prev) {
        prev = keys[i]!;
        first = rows[i]!;
      }
      keys[i] = first;
    }
  }

  /** Where the run files are, once the first one is written. */
  get directory(): string | undefined {
    return this.dir;
  }

  /** Adds one item; `text` must not contain a newline. */
  async add(key: number, row: number, text: string): Promise<void> {
    const len = Buffer.byteLength(text, 'utf8');
    if (this.n > 0 && (this.used + len > this.budget || this.n >= this.keys.length)) await this.spill();
    if (!this.buf || this.buf.length < len) this.buf = Buffer.allocUnsafeSlow(Math.max(this.budget, len));
    this.buf.write(text, this.used, 'utf8');
    this.keys[this.n] = key;
    this.rows[this.n] = row;
    this.starts[this.n] = this.used;
    this.used += len;
    this.n++;
    this.starts[this.n] = this.used;
  }

  private order(): Uint32Array {
    const { keys, rows } = this;
    const idx = new Uint32Array(this.n);
    for (let i = 0; i < idx.length; i++) idx[i] = i;
    idx.sort((a, b) => keys[a]! - keys[b]! || rows[a]! - rows[b]!);
    return idx;
  }

  private text(i: number): string {
    return this.buf!.toString('utf8', this.starts[i]!, this.starts[i + 1]!);
  }

  /** Writes merged lines as one more run file (a later merge level); returns its path. */
  private async writeRun(lines: AsyncIterable<[number, number, string]>): Promise<string> {
    const file = join(this.dir!, `run-${this.runCount++}`);
    let fh: FileHandle | undefined;
    try {
      fh = await open(file, 'wx', 0o600);
      let chunk = '';
      for await (const [key, row, text] of lines) {
        chunk += `${key}\t${row}\t${text}\n`;
        if (chunk.length >= 1 << 16) {
          await fh.write(chunk);
          chunk = '';
        }
      }
      if (chunk.length > 0) await fh.write(chunk);
    } catch (e) {
      throw new SpillError(`cannot write temporary files in ${this.dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); free some space or choose another folder with --tmp-dir`);
    } finally {
      await fh?.close();
    }
    return file;
  }

  private async spill(): Promise<void> {
    if (!this.dir) {
      try {
        this.dir = mkdtempSync(join(this.base, 'fairshot-sort-'));
      } catch (e) {
        throw new SpillError(`cannot write temporary files in ${this.base} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); choose another folder with --tmp-dir`);
      }
      process.on('exit', this.onExit);
    }
    const file = join(this.dir, `run-${this.runCount++}`);
    let fh: FileHandle | undefined;
    try {
      fh = await open(file, 'wx', 0o600);
      this.files.push(file);
      const out = (this.out ??= Buffer.allocUnsafeSlow(1 << 20));
      let at = 0;
      for (const i of this.order()) {
        const head = `${this.keys[i]}\t${this.rows[i]}\t`;
        const s = this.starts[i]!;
        const e = this.starts[i + 1]!;
        if (at + head.length + (e - s) + 1 > out.length) {
          await fh.write(out, 0, at);
          at = 0;
        }
        if (head.length + (e - s) + 1 > out.length) {
          await fh.write(head + this.text(i) + '\n');
          continue;
        }
        at += out.write(head, at, 'latin1');
        at += this.buf!.copy(out, at, s, e);
        out[at++] = 10;
      }
      if (at > 0) await fh.write(out, 0, at);
    } catch (e) {
      throw new SpillError(`cannot write temporary files in ${this.dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); free some space or choose another folder with --tmp-dir`);
    } finally {
      await fh?.close();
    }
    this.n = 0;
    this.used = 0;
  }

  private out: Buffer | undefined;

  /** Every item added, in (key, row) order, as [key, row, text]. Removes the run files when done. */
  async *sorted(): AsyncGenerator<[number, number, string]> {
    try {
      if (this.files.length === 0) {
        for (const i of this.order()) yield [this.keys[i]!, this.rows[i]!, this.text(i)];
        return;
      }
      if (this.n > 0) await this.spill();
      this.dropBuffers(); // the merge reads only the run files
      // At most FAN_IN runs open at once: more runs are merged a group at a time into longer ones
      // first (a 100M-charge file writes ~1,400 runs a pass, over a common limit of 1,024 open files).
      while (this.files.length > this.fanIn) {
        const merged: string[] = [];
        for (let i = 0; i < this.files.length; i += this.fanIn) {
          const group = this.files.slice(i, i + this.fanIn);
          if (group.length === 1) {
            merged.push(group[0]!);
            continue;
          }
          merged.push(await this.writeRun(mergeRuns(group)));
          for (const f of group) rmSync(f, { force: true });
        }
        this.files = merged;
      }
      yield* mergeRuns(this.files);
    } finally {
      this.close();
    }
  }

  /**
   * Lets the row buffer and arrays go now. Held since the sort began, they sit in the old
   * generation and would be freed only by its next full collection, which may come long after
   * (a default 1M-charge run kept ~22 MB of them well into the screening); handed to a clone
   * that nothing keeps, their memory goes at the next minor collection.
   */
  private dropBuffers(): void {
    for (const a of [this.buf, this.out, this.keys, this.rows, this.starts]) {
      if (a && a.byteLength > 0) release(a.buffer as ArrayBuffer);
    }
    this.buf = undefined;
    this.out = undefined;
    this.keys = this.rows = new Float64Array(0);
    this.starts = new Uint32Array(0);
  }

  /** Removes the run files (also on early end). */
  close(): void {
    this.n = 0;
    this.dropBuffers();
    this.removeSync();
    process.off('exit', this.onExit);
  }

  private removeSync(): void {
    if (!this.dir) return;
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // nothing more can be done while exiting
    }
    this.dir = undefined;
  }
}

/** At most this many run files are open at once in a merge (well under the usual 1,024 open files). */
export const FAN_IN = 256;

/** The lines of these run files, merged in (key, row) order (a binary heap of runs). */
async function* mergeRuns(files: string[]): AsyncGenerator<[number, number, string]> {
  const runs: Run[] = [];
  try {
    for (const f of files) {
      const r = openRun(f);
      runs.push(r);
      if (!(await r.next())) runs.pop();
    }
    const less = (a: Run, b: Run) => a.key < b.key || (a.key === b.key && a.row < b.row);
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < runs.length && less(runs[l]!, runs[m]!)) m = l;
        if (r < runs.length && less(runs[r]!, runs[m]!)) m = r;
        if (m === i) return;
        [runs[i], runs[m]] = [runs[m]!, runs[i]!];
        i = m;
      }
    };
    for (let i = (runs.length >> 1) - 1; i >= 0; i--) down(i);
    while (runs.length > 0) {
      const top = runs[0]!;
      yield [top.key, top.row, top.text];
      if (!(await top.next())) {
        runs[0] = runs[runs.length - 1]!;
        runs.pop();
      }
      down(0);
    }
  } finally {
    for (const r of runs) r.close();
  }
}

/** Detaches an ArrayBuffer (its views read as empty) so that its memory is freed without a full GC. */
function release(ab: ArrayBuffer): void {
  try {
    structuredClone(ab, { transfer: [ab] });
  } catch {
    // already detached, or not transferable: left to the collector
  }
}

/**
 * Bytes read at a time from each run file while merging. Up to FAN_IN runs are open at once (~140
 * of them per pass for 10M charges), each holding its chunk and the text decoded from it: 32 KB took the
 * merge and the screening that follows ~20 MB higher than 8 KB (docs/performance.md).
 */
const RUN_READ_BYTES = 8 * 1024;

/** Reads a run file line by line. */
function openRun(file: string): Run {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: RUN_READ_BYTES });
  const it = (stream as AsyncIterable<string>)[Symbol.asyncIterator]();
  let buf = '';
  let pos = 0;
  let ended = false;
  const run: Run = {
    key: 0,
    row: 0,
    text: '',
    close: () => stream.destroy(),
    next: async () => {
      for (;;) {
        const nl = buf.indexOf('\n', pos);
        if (nl !== -1) {
          const t1 = buf.indexOf('\t', pos);
          const t2 = buf.indexOf('\t', t1 + 1);
          run.key = Number(buf.slice(pos, t1));
          run.row = Number(buf.slice(t1 + 1, t2));
          run.text = buf.slice(t2 + 1, nl);
          pos = nl + 1;
          return true;
        }
        if (ended) {
          stream.destroy();
          return false;
        }
        const r = await it.next();
        if (r.done) {
          ended = true;
          continue;
        }
        buf = buf.slice(pos) + (r.value as string);
        pos = 0;
      }
    },
  };
  return run;
}

/**
 * Rows grouped by person, persons in the order of their first rows, in memory that does not grow
 * with the number of persons (issue 21). Two passes of the external sort: rows by (fingerprint of
 * the id, row); merged in that order, a fingerprint's first row is its smallest, which becomes the
 * key of each of its rows for the second pass, by (first row, row). A table of each person's first
 * row (~32 bytes a person at load 0.5, 134 MB for 3.8 million persons, 201 MB while it doubled)
 * is what this replaces. Two ids that share a fingerprint get the same key (the first row of
 * either); their rows stay in row order, and the reader still tells them apart by id.
 */
export class PersonSorter {
  private readonly byId: SpillSorter;
  private byFirst: SpillSorter | undefined;

  constructor(
    private readonly base: string = tmpdir(),
    private readonly budget: number = DEFAULT_SORT_BUFFER_BYTES,
    fanIn: number = FAN_IN,
  ) {
    this.byId = new SpillSorter(base, budget, undefined, fanIn);
  }

  /** Adds one row of the person `id`; `text` must not contain a newline. */
  add(id: string, row: number, text: string): Promise<void> {
    return this.byId.add(fingerprint(id), row, text);
  }

  /** Every row added, as [first row of its person, row, text], in that order. Removes the run files. */
  async *sorted(): AsyncGenerator<[number, number, string]> {
    try {
      if (!this.byId.spilled) {
        // all in memory: keyed again in place, no second buffer
        this.byId.keyByFirstRow();
        yield* this.byId.sorted();
        return;
      }
      const byFirst = (this.byFirst = await this.byId.handOver());
      let fp = -1;
      let first = 0;
      for await (const [key, row, text] of this.byId.sorted()) {
        if (key !== fp) {
          fp = key;
          first = row;
        }
        await byFirst.add(first, row, text);
      }
      yield* byFirst.sorted();
    } finally {
      this.close();
    }
  }

  /** Removes the run files of both passes (also on early end). */
  close(): void {
    this.byId.close();
    this.byFirst?.close();
  }
}
