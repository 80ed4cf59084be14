/**
 * A byte-level guard in front of the line-based readers (JSONL, CSV). It counts the bytes read
 * (for the progress bar) and stops one absurd line (a 100 MB line from a broken export) from
 * being buffered whole: a line longer than `maxLineBytes` is replaced, in the stream, by a short
 * stand-in line built by `replace`, and remembered in `overlong` by its 1-based line number, so
 * the caller can give that person an error instead of results. Memory stays under about
 * `maxLineBytes` however long the line is. Lines are counted at "\n" (CRLF counts once).
 */
import { Transform, type TransformCallback } from 'node:stream';

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
 * Guards for the two line formats. The CSV stand-in keeps the id (so the row still belongs to
 * its person) and marks every other cell, so the row counts as a charge of that person.
 */
export function makeGuard(format: 'jsonl' | 'csv', maxLineBytes: number): LineGuard {
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
  let header: string[] = [];
  return new LineGuard({
    maxLineBytes,
    onFirstLine: (b) => {
      header = splitCsvLine(b.toString('utf8').replace(/^\uFEFF/, '')).map((h) => h.trim());
    },
    replace: (prefix, line) => {
      if (header.length === 0) return '';
      const cells = splitCsvLine(prefix.toString('utf8'));
      const idAt = header.indexOf('id');
      // the last cell of the prefix is cut off: trust only cells before it
      const id = idAt >= 0 && idAt < cells.length - 1 ? cells[idAt]!.trim() : '';
      if (id) line.id = id;
      return header.map((h, i) => (i === idAt ? csvCell(id) : h === '' ? '' : 'x')).join(',');
    },
  });
}
