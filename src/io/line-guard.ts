/**
 * A byte-level guard in front of the line-based readers (JSONL, CSV). It counts the bytes read
 * (for the progress bar) and stops one absurd line (a 100 MB line from a broken export) from
 * being buffered whole: a line longer than `maxLineBytes` is replaced, in the stream, by a short
 * stand-in line built by `replace`, and remembered in `overlong` by its 1-based line number, so
 * the caller can give that person an error instead of results. Memory stays under about
 * `maxLineBytes` however long the line is. Lines are counted at "\n" (CRLF counts once).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { RawRecord } from './read-records.js';

export interface OverlongLine {
  /** 1-based physical line. */
  row: number;
  /** Length of the line in bytes. */
  bytes: number;
  /** The person id, when it could be read from the start of the line. */
  id?: string;
}

export interface LineGuardOptions {
  maxLineBytes: number;
  /** The stand-in line (without the newline) for an overlong line, given its first bytes. */
  replace: (prefix: Buffer, line: OverlongLine) => string;
  /** Called with the first line of the input (e.g. a CSV header), once. */
  onFirstLine?: (line: Buffer) => void;
}

const NL = 0x0a;
/** A line (or CSV record) this many times the limit is not a broken record but endless input (/dev/zero): the read stops. */
const ENDLESS = 64;
const endless = (row: number, bytes: number) =>
  new Error(`line ${row} goes on for more than ${(bytes / 1048576).toFixed(1)} MB without ending: this is not a case file (a device, or a broken export?)`);
/** Bytes of an overlong line kept to find the person's id. */
export const PREFIX_BYTES = 64 * 1024;

export class LineGuard extends Transform {
  /** Bytes that went through so far. */
  bytes = 0;
  readonly overlong = new Map<number, OverlongLine>();
  private line = 1;
  /** The unfinished last line, held back until its end is seen (never more than maxLineBytes). */
  private pending: Buffer[] = [];
  private pendingLen = 0;
  /** Inside an overlong line: its start, and bytes seen. */
  private skipping: { prefix: Buffer; bytes: number } | undefined;
  private firstSeen = false;

  constructor(private readonly opts: LineGuardOptions) {
    super();
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const len = buf.length;
    this.bytes += len;
    const max = this.opts.maxLineBytes;
    const out: Buffer[] = [];
    let pos = 0;
    /** Start of the run of complete, normal lines not yet pushed. */
    let segStart = 0;
    let first = true;
    while (pos < len) {
      const nl = buf.indexOf(NL, pos);
      const end = nl === -1 ? len : nl;
      const held = first ? this.pendingLen : 0;
      const lineLen = end - pos + held;
      if (this.skipping || lineLen > max) {
        if (this.skipping) this.skipping.bytes += end - pos;
        else {
          // this line is too long: from here on it is only counted, never held
          if (segStart < pos) out.push(buf.subarray(segStart, pos));
          const head = [...(held > 0 ? this.pending : []), buf.subarray(pos, Math.min(end, pos + PREFIX_BYTES))];
          this.skipping = { prefix: Buffer.from(Buffer.concat(head).subarray(0, PREFIX_BYTES)), bytes: lineLen };
          this.pending = [];
          this.pendingLen = 0;
        }
        first = false;
        if (nl === -1) {
          pos = segStart = len;
          break;
        }
        this.finishOverlong(out);
        pos = segStart = nl + 1;
        continue;
      }
      if (nl === -1) {
        if (segStart < pos) out.push(buf.subarray(segStart, pos));
        this.pending.push(buf.subarray(pos));
        this.pendingLen += len - pos;
        pos = segStart = len;
        break;
      }
      if (!this.firstSeen) {
        this.firstSeen = true;
        this.opts.onFirstLine?.(Buffer.concat([...(held > 0 ? this.pending : []), buf.subarray(pos, end)]));
      }
      if (held > 0) {
        out.push(...this.pending);
        this.pending = [];
        this.pendingLen = 0;
      }
      this.line++;
      first = false;
      pos = nl + 1;
    }
    if (segStart < pos) out.push(buf.subarray(segStart, pos));
    for (const b of out) this.push(b);
    if (this.skipping && this.skipping.bytes > ENDLESS * max) {
      cb(endless(this.line, ENDLESS * max));
      return;
    }
    cb();
  }

  private finishOverlong(out: Buffer[]): void {
    const s = this.skipping!;
    const line: OverlongLine = { row: this.line, bytes: s.bytes };
    const text = this.opts.replace(s.prefix, line);
    this.overlong.set(this.line, line);
    out.push(Buffer.from(`${text}\n`, 'utf8'));
    this.skipping = undefined;
    this.line++;
    if (!this.firstSeen) this.firstSeen = true;
  }

  override _flush(cb: TransformCallback): void {
    if (this.skipping) {
      const out: Buffer[] = [];
      this.finishOverlong(out);
      for (const b of out) this.push(b);
    } else if (this.pendingLen > 0) {
      if (!this.firstSeen) {
        this.firstSeen = true;
        this.opts.onFirstLine?.(Buffer.concat(this.pending));
      }
      for (const b of this.pending) this.push(b);
    }
    cb();
  }
}

/** The id of a JSONL line, from its first bytes. */
export function jsonlIdFromPrefix(prefix: Buffer): string | undefined {
  return /"id"\s*:\s*(?:"((?:[^"\\]|\\.){1,200})"|(\d{1,30}))/.exec(prefix.toString('utf8'))?.slice(1).find((x) => x !== undefined);
}

/** Split one CSV line into cells (quotes honoured; enough for a header or a line's first cells). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.replace(/\r$/, ''));
  return cells;
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Guards for the two line formats. JSONL: a line over the limit becomes `{"id": …}` and is noted
 * in `overlong`. CSV: see CsvGuard (records, quoting, stand-in rows carrying their problem).
 */
export function makeGuard(format: 'jsonl' | 'csv', maxLineBytes: number): LineGuard | CsvGuard {
  if (format === 'jsonl') {
    return new LineGuard({
      maxLineBytes,
      replace: (prefix, line) => {
        const id = jsonlIdFromPrefix(prefix);
        if (id !== undefined) line.id = id;
        return id !== undefined ? JSON.stringify({ id }) : '{}';
      },
    });
  }
  return new CsvGuard(maxLineBytes);
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
/** Bytes csv-parse's `trim` skips around a quoted field. */
const isBlank = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0c;
/** A stand-in row's last cell starts with this, followed by its problem as JSON (`csvStandIn`). */
export const STAND_IN_MARK = '\u0001fairshot:';
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** A problem the CSV guard found: carried to the reader inside the stand-in row that replaces the record. */
export interface GuardProblem {
  row: number;
  field?: string;
  message: string;
}

/** The problem a stand-in row carries, or undefined for an ordinary cell. */
export function csvStandIn(cell: string): GuardProblem | undefined {
  if (!cell.startsWith(STAND_IN_MARK)) return undefined;
  try {
    return JSON.parse(cell.slice(STAND_IN_MARK.length)) as GuardProblem;
  } catch {
    return undefined;
  }
}

/** Where a multi-line record's bytes are skipped rather than held (it grew past the limit). */
interface Skip {
  prefix: Buffer;
  bytes: number;
  start: number;
  /** Inside a quoted field at the current position (quote parity). */
  inQuote: boolean;
  /** Where the open quote of the record's first line is, if it had one. */
  openAt: number;
  /**
   * The record's first line is still going on: its bytes keep filling `prefix` (up to
   * PREFIX_BYTES), so the id found there does not depend on where the input was cut into chunks.
   */
  firstOpen: boolean;
}

/**
 * The guard for CSV. It knows CSV quoting: a record is a line, or several lines when a quoted
 * field holds line breaks, and the limit applies to the record, so a quoted field can neither
 * hide an overlong line (it is refused, and the person gets an error) nor lose its closing quote
 * to the guard. It also checks the quotes of each record, as csv-parse would, and replaces a
 * record with broken quoting by a stand-in row for its person (id kept when it can be seen),
 * before the parser sees it: a stray quote costs one row, never the rows after it. A quoted
 * field that runs over several lines and then breaks (a stray opening quote that swallowed the
 * next rows) is taken back: its first row gets the error, and the rows after it are read again.
 *
 * A stand-in row has the id, empty cells, and one extra cell (past the header, ignored by
 * everything else) holding its problem: `STAND_IN_MARK` + JSON. It keeps the physical line count
 * (one row, then empty lines), so the rows after it keep their numbers. Single-line records pass
 * through untouched; a multi-line record is held until it ends (never more than the limit).
 * The header's line over the limit is an error for the whole file.
 */
export class CsvGuard extends Transform {
  bytes = 0;
  /** Unused for CSV (a stand-in row carries its problem); here for the same shape as LineGuard. */
  readonly overlong = new Map<number, OverlongLine>();
  /** 1-based physical line of the next line to finish. */
  private line = 1;
  private partial: Buffer[] = [];
  private partialLen = 0;
  /** The lines of a record that is still inside a quoted field (each with its "\n"). */
  private rec: Buffer[] = [];
  private recLen = 0;
  private recStart = 0;
  /** Byte offset, in the record's first line, of the quote that opened the open field. */
  private openAt = -1;
  private skip: Skip | undefined;
  private header: string[] | undefined;
  private idAt = -1;
  private eol = '\n';
  private qBuf: Buffer | undefined;
  private qFrom = 0;
  private qAt = -1;

  constructor(private readonly max: number) {
    super();
  }

  /** The first quote at or after `from` (cached per buffer: one search per quote, not per line). */
  private nextQuote(buf: Buffer, from: number): number {
    if (buf === this.qBuf && from >= this.qFrom && (this.qAt === -1 || this.qAt >= from)) return this.qAt;
    this.qBuf = buf;
    this.qFrom = from;
    this.qAt = buf.indexOf(QUOTE, from);
    return this.qAt;
  }

  /** UTF-16 input (by its BOM): turned into UTF-8 here, so quotes and line ends are found. */
  private utf16: TextDecoder | undefined;
  private started = false;

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.bytes += buf.length;
    if (!this.started && buf.length > 0) {
      this.started = true;
      if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
        this.utf16 = new TextDecoder(buf[0] === 0xff ? 'utf-16le' : 'utf-16be');
      }
    }
    if (this.utf16) buf = Buffer.from(this.utf16.decode(buf, { stream: true }), 'utf8');
    const out: Buffer[] = [];
    try {
      this.feed(buf, out);
    } catch (e) {
      cb(e as Error);
      return;
    }
    for (const b of out) this.push(b);
    cb();
  }

  override _flush(cb: TransformCallback): void {
    const out: Buffer[] = [];
    try {
      if (this.utf16) {
        const rest = this.utf16.decode();
        if (rest !== '') this.feed(Buffer.from(rest, 'utf8'), out);
      }
      if (this.skip) this.endSkip(out, true);
      else if (this.partialLen > 0) {
        const last = Buffer.concat(this.partial);
        this.partial = [];
        this.partialLen = 0;
        this.onLine(last, 0, last.length, false, out);
      }
      if (this.rec.length > 0) this.recover(out, undefined); // a quote still open at the end
    } catch (e) {
      cb(e as Error);
      return;
    }
    for (const b of out) this.push(b);
    cb();
  }

  private feed(buf: Buffer, out: Buffer[]): void {
    const len = buf.length;
    let pos = 0;
    /** Start of the complete single-line records not yet pushed. */
    let seg = 0;
    const flushSeg = (to: number) => {
      if (seg < to) out.push(buf.subarray(seg, to));
      seg = to;
    };
    while (pos < len) {
      if (this.skip) {
        flushSeg(pos);
        pos = seg = this.skipThrough(buf, pos, out);
        continue;
      }
      const nl = buf.indexOf(NL, pos);
      if (nl === -1) {
        flushSeg(pos);
        this.partial.push(buf.subarray(pos));
        this.partialLen += len - pos;
        if (this.recLen + this.partialLen > this.max) {
          if (!this.header) throw new Error(`the header (line ${this.line}) is over the ${mb(this.max)} a line may take`);
          const part = Buffer.concat(this.partial);
          this.partial = [];
          this.partialLen = 0;
          this.startSkip(part, 0, part.length, true);
        }
        pos = seg = len;
        break;
      }
      if (this.partialLen > 0) {
        // a line begun in an earlier chunk
        const line = Buffer.concat([...this.partial, buf.subarray(pos, nl + 1)]);
        this.partial = [];
        this.partialLen = 0;
        this.onLine(line, 0, line.length - 1, true, out);
        pos = seg = nl + 1;
        continue;
      }
      if (this.header && this.rec.length === 0 && nl + 1 - pos <= this.max) {
        // a record of one line, without quotes or with good ones, passes as it is
        const k = this.nextQuote(buf, pos);
        if (k === -1 || k >= nl || this.scan(buf, pos, nl > pos && buf[nl - 1] === CR ? nl - 1 : nl, false) === 0) {
          this.line++;
          pos = nl + 1;
          continue;
        }
      }
      // the header, a quoted multi-line record, an overlong line or broken quotes: look closer
      flushSeg(pos);
      this.onLine(buf, pos, nl, true, out);
      pos = seg = nl + 1;
    }
    flushSeg(pos);
  }

  /** One whole line, buf[s, e) (e at its "\n", which `hasNl` says is there). */
  private onLine(buf: Buffer, s: number, e: number, hasNl: boolean, out: Buffer[]): void {
    const lineLen = e - s + (hasNl ? 1 : 0);
    const whole = buf.subarray(s, e + (hasNl ? 1 : 0));
    if (!this.header) {
      // the header: the first line that is not blank (csv-parse skips blank lines too)
      if (lineLen > this.max) throw new Error(`the header (line ${this.line}) is ${mb(lineLen)} long, over the ${mb(this.max)} a line may take`);
      const text = whole.toString('utf8').replace(/^\uFEFF/, '');
      if (text.trim() === '') {
        out.push(whole);
        this.line++;
        return;
      }
      if (hasNl && e > s && buf[e - 1] === CR) this.eol = '\r\n';
      this.header = splitCsvLine(text.replace(/\r?\n$/, '')).map((h) => h.trim());
      this.idAt = this.header.lastIndexOf('id'); // the later of two id columns, as the reader
      out.push(whole);
      this.line++;
      return;
    }
    if (this.recLen + lineLen > this.max) {
      this.startSkip(buf, s, e);
      if (hasNl) this.skipNewline(out);
      return;
    }
    const inQuote = this.rec.length > 0;
    const end = e > s && buf[e - 1] === CR && hasNl ? e - 1 : e;
    const r = this.scan(buf, s, end, inQuote);
    if (typeof r === 'object') {
      if (inQuote) {
        this.recover(out, whole);
        return;
      }
      out.push(this.standIn(whole, this.line, r.at - s, r.kind, 0));
      this.line++;
      return;
    }
    if (r === 1) {
      // the line ends inside a quoted field: hold the record until it ends
      if (!inQuote) {
        this.recStart = this.line;
        this.openAt = this.lastOpen - s;
      }
      this.rec.push(whole);
      this.recLen += lineLen;
      this.line++;
      return;
    }
    if (inQuote) {
      out.push(...this.rec);
      this.rec = [];
      this.recLen = 0;
    }
    out.push(whole);
    this.line++;
  }

  /** Position of the quote that opened the field still open at the end of the last scan. */
  private lastOpen = -1;

  /**
   * The quotes of buf[s, e), starting inside a quoted field or not: 0 ends outside quotes, 1 inside;
   * or where the quoting breaks (csv-parse's rules, with trim).
   */
  private scan(buf: Buffer, s: number, e: number, inQuote: boolean): 0 | 1 | { at: number; kind: 'opening' | 'closing' } {
    let i = s;
    let q = inQuote;
    let open = -1;
    for (;;) {
      const k = this.nextQuote(buf, i);
      if (k === -1 || k >= e) {
        this.lastOpen = open;
        return q ? 1 : 0;
      }
      if (q) {
        if (k + 1 < e && buf[k + 1] === QUOTE) {
          i = k + 2; // "" inside a quoted field
          continue;
        }
        let j = k + 1;
        while (j < e && isBlank(buf[j])) j++;
        if (j < e && buf[j] !== COMMA) return { at: open >= 0 ? open : k, kind: 'closing' };
        q = false;
        i = j < e ? j + 1 : e;
      } else {
        let j = k - 1;
        while (j >= i && isBlank(buf[j])) j--;
        if (j >= i && buf[j] !== COMMA) return { at: k, kind: 'opening' };
        q = true;
        open = k;
        i = k + 1;
      }
    }
  }

  /** The field (header name) of the cell holding byte `at` of a line. */
  private fieldAt(line: Buffer, at: number): { field?: string; id: string } {
    const text = line.subarray(0, at).toString('utf8');
    const cells = splitCsvLine(text);
    const col = cells.length - 1;
    const h = this.header ?? [];
    const id = this.idAt >= 0 && this.idAt < col ? cells[this.idAt]!.trim() : '';
    const field = h[col];
    return { ...(field ? { field } : {}), id };
  }

  /** The row replacing a record: the id, empty cells, and the problem (see `csvStandIn`). */
  private standIn(lineText: string | Buffer, row: number, at: number, kind: 'opening' | 'closing' | 'runaway' | 'overlong', extraLines: number, bytes = 0, lost = 0): Buffer {
    const line = typeof lineText === 'string' ? Buffer.from(lineText, 'utf8') : lineText;
    const { field, id } = this.fieldAt(line, Math.min(at, line.length));
    const message =
      kind === 'opening'
        ? 'unreadable CSV row: a quote (") in the middle of a field; quote the whole field and double the quotes inside it ("")'
        : kind === 'closing'
          ? 'unreadable CSV row: a quote (") ends the quoted field too early; double the quotes inside a quoted field ("")'
          : kind === 'runaway'
            ? lost > 0
              ? `unreadable CSV row: the quote (") that opens this field is never closed; the rest of the file (${mb(lost)}) could not be read`
              : 'unreadable CSV row: the quote (") that opens this field is never closed (a stray quote?); the row was not read, the rows after it were'
            : `${extraLines > 0 ? `record (lines ${row}–${row + extraLines})` : 'line'} is ${mb(bytes)} long, over the ${mb(this.max)} a record may take; it was not read (a broken export?)`;
    const p: GuardProblem = { row, ...(field && kind !== 'overlong' ? { field } : {}), message };
    const cells = (this.header ?? ['id']).map((_, i) => (i === this.idAt ? csvCell(id) : ''));
    cells.push(csvCell(STAND_IN_MARK + JSON.stringify(p)));
    return Buffer.from(cells.join(',') + this.eol.repeat(1 + extraLines), 'utf8');
  }

  /**
   * A quoted field that spanned lines broke (`last` is the line where, or undefined at the end of
   * the input): the record's first row gets the error; its later lines are read again as rows.
   */
  private recover(out: Buffer[], last: Buffer | undefined): void {
    const [first, ...rest] = this.rec;
    const start = this.recStart;
    this.rec = [];
    this.recLen = 0;
    out.push(this.standIn(first!, start, this.openAt, 'runaway', 0));
    this.line = start + 1;
    if (last) rest.push(last);
    if (rest.length === 0) return;
    const again = Buffer.concat(rest);
    const ends = again[again.length - 1] === NL;
    this.feed(again, out);
    if (!ends && this.partialLen > 0) {
      // the input's last line, without "\n"
      const tail = Buffer.concat(this.partial);
      this.partial = [];
      this.partialLen = 0;
      this.onLine(tail, 0, tail.length, false, out);
      if (this.rec.length > 0) this.recover(out, undefined);
    }
  }

  /** The record grew past the limit at buf[s, e): from here on it is only counted, never held. */
  private startSkip(buf: Buffer, s: number, e: number, lineOpen = false): void {
    const first = this.rec.length > 0 ? this.rec[0]! : buf.subarray(s, e);
    let inQuote = this.rec.length > 0;
    for (let k = buf.indexOf(QUOTE, s); k !== -1 && k < e; k = buf.indexOf(QUOTE, k + 1)) inQuote = !inQuote;
    this.skip = {
      prefix: Buffer.from(first.subarray(0, PREFIX_BYTES)),
      bytes: this.recLen + (e - s),
      start: this.rec.length > 0 ? this.recStart : this.line,
      inQuote,
      openAt: this.rec.length > 0 ? this.openAt : -1,
      firstOpen: lineOpen && this.rec.length === 0,
    };
    this.rec = [];
    this.recLen = 0;
  }

  /** A "\n" while skipping: the record ends here unless a quoted field is still open. */
  private skipNewline(out: Buffer[]): void {
    const sk = this.skip!;
    sk.bytes += 1;
    this.line++;
    if (!sk.inQuote) this.endSkip(out, false);
  }

  private endSkip(out: Buffer[], atEnd: boolean): void {
    const sk = this.skip!;
    this.skip = undefined;
    const lines = this.line - sk.start - (atEnd ? 0 : 1);
    if (atEnd && sk.inQuote) out.push(this.standIn(sk.prefix, sk.start, sk.openAt >= 0 ? sk.openAt : sk.prefix.length, 'runaway', lines, 0, sk.bytes));
    else out.push(this.standIn(sk.prefix, sk.start, sk.prefix.length, 'overlong', lines, sk.bytes));
  }

  /** Skips bytes of an overlong record from `pos`, counting quotes and lines; returns where it stopped. */
  private skipThrough(buf: Buffer, pos: number, out: Buffer[]): number {
    const len = buf.length;
    while (pos < len && this.skip) {
      const sk = this.skip;
      const nl = buf.indexOf(NL, pos);
      const end = nl === -1 ? len : nl;
      if (sk.firstOpen) {
        if (sk.prefix.length < PREFIX_BYTES) sk.prefix = Buffer.concat([sk.prefix, buf.subarray(pos, Math.min(end, pos + PREFIX_BYTES - sk.prefix.length))]);
        if (nl !== -1) sk.firstOpen = false;
      }
      for (let k = this.nextQuote(buf, pos); k !== -1 && k < end; k = this.nextQuote(buf, k + 1)) sk.inQuote = !sk.inQuote;
      sk.bytes += end - pos;
      if (sk.bytes > ENDLESS * this.max) throw endless(sk.start, ENDLESS * this.max);
      if (nl === -1) return len;
      pos = nl + 1;
      this.skipNewline(out);
    }
    return pos;
  }
}

/** The overlong line a record covers, if any, turned into that record's error. */
export function overlongProblem<R extends RawRecord>(rec: R, guard: LineGuard | CsvGuard | undefined, limit: number): R {
  if (!guard || guard.overlong.size === 0) return rec;
  const rows = rec.chargeRows ? [rec.row, ...rec.chargeRows] : [rec.row];
  for (const row of rows) {
    const o = guard.overlong.get(row);
    if (!o) continue;
    guard.overlong.delete(row);
    const id = o.id ?? (rec.raw as { id?: unknown } | undefined)?.id ?? rec.problem?.id;
    const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
    return {
      row: rec.row,
      ...(rec.chargeRows ? { chargeRows: rec.chargeRows } : {}),
      problem: {
        row,
        message: `line is ${mb(o.bytes)} long, over the ${mb(limit)} a record may take; it was not read (a broken export?)`,
        ...(id !== undefined && id !== '' ? { id: String(id) } : {}),
      },
    } as R;
  }
  return rec;
}

