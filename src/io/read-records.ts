/**
 * Reading person records in the case-file contract's formats: .jsonl, .json, .yaml/.yml, .csv,
 * or `-` for standard input. Records come out one at a time, in input order, each with the row
 * (line) it started on. A record that cannot be parsed comes out as a `problem`, never a throw,
 * so the caller can still give that person an output record.
 */
import { openBytes } from './open-input.js';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { Problem, RuleSet } from '../core/types.js';

import type { InputFormat } from './formats.js';
import { csvStandIn } from './line-guard.js';
import { SeenIds } from './seen-ids.js';
import { PersonSorter } from './spill-sort.js';
export { INPUT_FORMATS, type InputFormat } from './formats.js';

export interface RawRecord {
  /** The parsed person object, or undefined when the record could not be read. */
  raw?: unknown;
  /** 1-based line (JSONL, YAML) or data row (CSV: the header is row 1). */
  row: number;
  /** CSV: the row of each charge. */
  chargeRows?: number[];
  /** Set when the record could not be read; `id` is given when it could still be found. */
  problem?: Problem & { id?: string };
}

export function formatFromPath(path: string): InputFormat | undefined {
  const m = /\.(jsonl|ndjson|json|ya?ml|csv)$/i.exec(path);
  if (!m) return undefined;
  const ext = m[1]!.toLowerCase();
  if (ext === 'ndjson') return 'jsonl';
  if (ext === 'yml') return 'yaml';
  return ext as InputFormat;
}

export function openInput(path: string, stdin: Readable): Readable {
  if (path === '-') {
    stdin.setEncoding('utf8');
    return stdin;
  }
  return openBytes(path, { encoding: 'utf8' });
}

async function readAll(stream: Readable, max = Infinity, why = ''): Promise<string> {
  let s = '';
  for await (const chunk of stream) {
    s += chunk;
    if (s.length > max) {
      stream.destroy();
      throw new Error(why);
    }
  }
  return s;
}

/**
 * Largest YAML input read: the YAML parser takes about 100 times the file's size in memory (a
 * 66 MB file exhausted 4 GB), so past this the file is refused with a clear message.
 */
export const MAX_YAML_BYTES = 10 * 1024 * 1024;

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/**
 * The lines of a stream, split at "\n" only (a "\r" before it is dropped). readline also splits
 * at a lone "\r", which JSON allows as whitespace inside an object: that made one record two.
 */
async function* splitLines(stream: Readable): AsyncGenerator<string> {
  const dec = new StringDecoder('utf8');
  let parts: string[] = [];
  const cut = (line: string) => (line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : dec.write(chunk);
    let nl = text.indexOf('\n');
    if (nl === -1) {
      if (text !== '') parts.push(text); // a long line: joined once, at its end
      continue;
    }
    let start = 0;
    while (nl !== -1) {
      let line = text.slice(start, nl);
      if (parts.length > 0) {
        parts.push(line);
        line = parts.join('');
        parts = [];
      }
      yield cut(line);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length) parts.push(text.slice(start));
  }
  const tail = parts.join('') + dec.end();
  if (tail !== '') yield cut(tail);
}

/** One JSON object per line. Blank lines are skipped; a bad line becomes a problem record. */
async function* readJsonl(stream: Readable): AsyncGenerator<RawRecord> {
  let row = 0;
  for await (const line0 of splitLines(stream)) {
    row++;
    const line = row === 1 ? stripBom(line0) : line0;
    if (line.trim() === '') continue;
    try {
      yield { raw: JSON.parse(line), row };
    } catch (e) {
      // old Mac line ends (a lone "\r" between records): read each part, on the same row
      if (line.includes('\r')) {
        const parts = line.split('\r').filter((x) => x.trim() !== '');
        const parsed: unknown[] = [];
        for (const part of parts) {
          try {
            parsed.push(JSON.parse(part));
          } catch {
            break;
          }
        }
        if (parsed.length === parts.length) {
          for (const raw of parsed) yield { raw, row };
          continue;
        }
      }
      const id = /"id"\s*:\s*"([^"]{1,200})"/.exec(line.slice(0, 10000))?.[1];
      yield { row, problem: { row, message: `not valid JSON: ${(e as Error).message}`, ...(id ? { id } : {}) } };
    }
  }
}

async function* readJson(stream: Readable): AsyncGenerator<RawRecord> {
  const text = stripBom(await readAll(stream));
  if (text.trim() === '') return;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    yield { row: 1, problem: { row: 1, message: `not valid JSON: ${(e as Error).message}` } };
    return;
  }
  const list = Array.isArray(data) ? data : [data];
  for (let i = 0; i < list.length; i++) yield { raw: list[i], row: i + 1 };
}

async function* readYaml(stream: Readable): AsyncGenerator<RawRecord> {
  const { parseAllDocuments, LineCounter } = await import('yaml');
  const text = stripBom(
    await readAll(stream, MAX_YAML_BYTES, `YAML input over ${MAX_YAML_BYTES / 1048576} MB is not read (the YAML reader needs about 100 times that in memory); convert it to JSONL or CSV`),
  );
  if (text.trim() === '') return;
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const row = lc.linePos(e.pos[0]).line;
      yield { row, problem: { row, message: `not valid YAML: ${e.message.split('\n')[0]}` } };
      continue;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      yield { row: 1, problem: { row: 1, message: `cannot be read: ${(e as Error).message}` } };
      continue;
    }
    const contents = doc.contents as { items?: { range?: [number, number, number] }[]; range?: [number, number, number] } | null;
    if (Array.isArray(data)) {
      for (let i = 0; i < data.length; i++) {
        keepIdAsWritten(data[i], contents?.items?.[i]);
        const off = contents?.items?.[i]?.range?.[0];
        yield { raw: data[i], row: off === undefined ? i + 1 : lc.linePos(off).line };
      }
    } else if (data !== null && data !== undefined) {
      keepIdAsWritten(data, contents);
      const off = contents?.range?.[0];
      yield { raw: data, row: off === undefined ? 1 : lc.linePos(off).line };
    }
  }
}

/**
 * A YAML id written as a bare number (`007`, `0x1F`, `1e3`) is kept as written, not as the number
 * YAML reads (7, 31, 1000): two persons' ids must never become one.
 */
function keepIdAsWritten(person: unknown, node: unknown): void {
  if (!person || typeof person !== 'object' || typeof (person as { id?: unknown }).id !== 'number') return;
  const items = (node as { items?: { key?: { value?: unknown }; value?: { source?: unknown } }[] } | undefined)?.items;
  const source = items?.find((p) => p?.key?.value === 'id')?.value?.source;
  if (typeof source === 'string' && source !== '') (person as { id: unknown }).id = source;
}


/** Why an id cannot be used as it is, if it cannot: ids are never coerced into each other. */
function badId(id: unknown): string | undefined {
  if (id === undefined || id === null) return undefined;
  if (typeof id === 'string') {
    return id.includes('\uFFFD') ? 'not valid UTF-8 (a Latin-1 or Windows export? save the file as UTF-8): ids that differ could not be told apart' : undefined;
  }
  if (typeof id === 'number') return Number.isSafeInteger(id) ? undefined : `the number ${String(id)} cannot be kept exactly; write the id in quotes`;
  const what = Array.isArray(id) ? 'a list' : typeof id === 'object' ? 'an object' : `${typeof id} ${String(id)}`;
  return `must be text or a whole number, not ${what}; write the id in quotes`;
}

/**
 * Text that was not valid UTF-8 was read with U+FFFD in place of each bad byte: "JOSÉ" and "JOSÍ"
 * from a Latin-1 file both became "JOS\uFFFD". Such a field is an error naming it (never screened
 * garbled, never merged): the file has to be saved as UTF-8.
 */
const NOT_UTF8 = 'not valid UTF-8 (a Latin-1 or Windows export? save the file as UTF-8)';

/** Whether a nested value (prior_relief, an unknown field) holds such text: a loop, not recursion (nesting may be a million deep). */
function holdsBadText(v: object): boolean {
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string') {
      if (x.includes('\uFFFD')) return true;
    } else if (x !== null && typeof x === 'object') {
      for (const k in x as Record<string, unknown>) {
        if (k.includes('\uFFFD')) return true;
        stack.push((x as Record<string, unknown>)[k]);
      }
    }
  }
  return false;
}

/** The first field (person, then charges) holding text that was not valid UTF-8, if any. */
function notUtf8(raw: Record<string, unknown>): { field: string; charge?: number } | undefined {
  for (const k in raw) {
    const v = raw[k];
    if (typeof v === 'string') {
      if (v.includes('\uFFFD')) return { field: k };
    } else if (k === 'charges' && Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const c = v[i] as Record<string, unknown> | null;
        if (!c || typeof c !== 'object') continue;
        for (const f in c) {
          const t = c[f];
          if (typeof t === 'string' && t.includes('\uFFFD')) return { field: f, charge: i };
        }
      }
    } else if (v !== null && typeof v === 'object' && holdsBadText(v)) {
      return { field: k };
    }
    if (k.includes('\uFFFD')) return { field: k };
  }
  return undefined;
}

/** A record's id checked before anything else sees it; then its text for bytes that were not UTF-8. */
function vetted(rec: RawRecord): RawRecord {
  const raw = rec.raw as { id?: unknown } | null | undefined;
  if (rec.problem || !raw || typeof raw !== 'object') return rec;
  const keep = rec.chargeRows ? { chargeRows: rec.chargeRows } : {};
  const why = badId(raw.id);
  if (why) return { row: rec.row, ...keep, problem: { row: rec.row, field: 'id', message: why } };
  const bad = notUtf8(raw as Record<string, unknown>);
  if (bad) {
    const row = bad.charge !== undefined ? (rec.chargeRows?.[bad.charge] ?? rec.row) : rec.row;
    const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? { id: String(raw.id) } : {};
    const charge = bad.charge !== undefined ? { charge: bad.charge } : {};
    return { row: rec.row, ...keep, problem: { row, ...charge, field: bad.field, message: NOT_UTF8, ...id } };
  }
  return rec;
}

const PERSON_KEYS = new Set([
  'id', 'state', 'zip', 'birth_date', 'pending_charges', 'incarcerated', 'on_parole', 'on_probation',
  'registered_sex_offender', 'record_complete', 'as_of',
]);

/**
 * The CSV columns that belong to the person rather than to a charge: the contract's person fields
 * and the person-level facts the rule files declare (e.g. il_education_during_sentence).
 */
export function csvPersonFields(rules: Pick<RuleSet, 'facts'>): Set<string> {
  const fields = new Set(PERSON_KEYS);
  for (const [name, def] of rules.facts) if (def.level === 'person' && name !== 'prior_relief' && name !== 'charges') fields.add(name);
  return fields;
}

export interface CsvOptions {
  /** Rows of a person are adjacent: stream, keeping one person in memory. */
  sorted?: boolean;
  /** Field names that belong to the person rather than the charge (contract + declared facts). */
  personFields?: Set<string>;
  /**
   * Most bytes of CSV one person's rows may take: past it the person's rows are dropped (not held)
   * and the person gets an error (a 100 MB person would exhaust memory). Default: no limit.
   */
  maxPersonBytes?: number;
  /** Unsorted CSV: where the sort's temporary run files go (default: the system temp directory). */
  tmpDir?: string;
  /** Unsorted CSV: bytes of rows held before a run is written (default: DEFAULT_SORT_BUFFER_BYTES). */
  sortBufferBytes?: number;
  /** At most this many run files read at once when merging (a test knob, FAIRSHOT_SORT_FAN_IN). */
  sortFanIn?: number;
  /** A warning about the file as a whole (a column name given twice). */
  onWarning?: (message: string) => void;
  /** Unsorted CSV: called every 1,000 rows while rows are grouped (nothing comes out meanwhile). */
  onGrouping?: () => void;
  /**
   * Unsorted CSV that can be read again from the start (a file, not standard input): read as
   * `sorted` while the rows turn out grouped, with no temporary files. Rows scattered among the
   * first SPECULATE_ROWS go to the sorter with those held, as without this option; a row of a
   * person met before, later, throws NotGroupedError, and the caller reads the file again without it.
   */
  speculate?: boolean;
  /** With `speculate`: rows held back at the start (default SPECULATE_ROWS; a test knob). */
  speculateRows?: number;
  /** With `speculate`: the file's size, to tell from the rows held how many persons it holds. */
  fileBytes?: number;
  /** With `speculate`: more persons than this (estimated) go to the sorter (default SPECULATE_MAX_PERSONS). */
  speculateMaxPersons?: number;
}

/**
 * Rows held back at the start of a file read with `speculate`: scattered rows show among them (a
 * person's rows spread through a file meet again within a few hundred rows), and then go to the
 * sorter with no second reading; a few MB of memory, once.
 */
export const SPECULATE_ROWS = 4096;
/** …or fewer, when they come to 4 MB (rows may be long: the line limit is 16 MB). */
const SPECULATE_BYTES = 4 * 1024 * 1024;
/**
 * Reading as the rows come keeps every person's id met (SeenIds) to notice a person whose rows
 * come apart: 64 MB up to 6.3 million persons, 128 MB past that, on top of a run's ~160 MB; the
 * batch may take 250 MB (issue 21). So a file that, by the rows held at its start, holds more
 * persons than this goes to the sorter instead (whose memory does not grow with the file), as
 * scattered rows do: ten million charges of two per person read as they come, twenty million go
 * to the sort.
 */
export const SPECULATE_MAX_PERSONS = 6_000_000;

/** A row of a person met before, while reading with `speculate`: the file must be read again through the sorter. */
export class NotGroupedError extends Error {
  constructor(
    readonly row: number,
    readonly id: string,
  ) {
    super(`the rows of person "${id}" are not together (row ${row})`);
  }
}

interface Group {
  raw: Record<string, unknown> & { charges: Record<string, unknown>[] };
  row: number;
  chargeRows: number[];
  problems: Problem[];
  /** Bytes of the person's rows so far. */
  bytes: number;
  /** The problem that makes the whole record unreadable (a stand-in row's, or too big). */
  fatal?: Problem;
  /** While held back at the start (`speculate`): the rows as read, for the sorter if they turn out scattered. */
  kept?: [rowBytes: number, row: number, standIn: Problem | 0, record: string[]][];
}

/**
 * The options fairshot's CSV reader passes to csv-parse. Records come out as arrays (the library's
 * default, and much cheaper than objects: csv-parse builds each object field by field), mapped to
 * the header here. The bench's bare pass uses the same options.
 */
export const CSV_PARSE_OPTIONS = {
  bom: true,
  skip_empty_lines: true,
  relax_column_count: true,
  trim: true,
  info: true,
} as const;

/**
 * One row per charge, grouped into persons by `id`. Person fields may sit on any of the person's
 * rows; a row with only person fields and no charge fields adds no charge. `sorted` streams one
 * person at a time; otherwise rows go through an external sort (spill-sort.ts) keyed by the first
 * row of their person, so memory stays bounded in any row order and persons come out in the order
 * of their first rows. The first row is the header;
 * cells beyond it are ignored, missing cells are absent; of two columns with the same name, the
 * later wins.
 */
async function* readCsv(stream: Readable, opts: CsvOptions): AsyncGenerator<RawRecord> {
  // with `speculate`, made only if the rows turn out scattered
  const box: { sorter?: PersonSorter } = opts.sorted || opts.speculate ? {} : { sorter: new PersonSorter(opts.tmpDir, opts.sortBufferBytes, opts.sortFanIn) };
  try {
    yield* groupCsv(stream, opts, box);
  } finally {
    box.sorter?.close(); // the run files go, however the reading ends
  }
}

async function* groupCsv(stream: Readable, opts: CsvOptions, box: { sorter?: PersonSorter }): AsyncGenerator<RawRecord> {
  const { parse } = await import('csv-parse');
  const personKeys = opts.personFields ?? PERSON_KEYS;
  const problems: { row: number; message: string }[] = [];
  let lastBadRow = -1;
  const parser = stream.pipe(
    parse({
      ...CSV_PARSE_OPTIONS,
      skip_records_with_error: true,
      on_skip: (err: { lines?: number; message?: string } | undefined) => {
        // csv-parse may report one bad row more than once: keep the first message per row
        const row = err?.lines ?? 0;
        if (err && !problems.some((p) => p.row === row) && row !== lastBadRow) {
          lastBadRow = row;
          problems.push({ row, message: `unreadable CSV row: ${err.message ?? ''}` });
        }
      },
    }),
  );
  // a read error (or the guard refusing the input) ends the parse with that error
  stream.once('error', (e: Error) => parser.destroy(e));
  if (stream.errored) parser.destroy(stream.errored);
  let current: Group | undefined;
  let currentId: string | undefined;
  // with `speculate`, as --sorted until a person's rows turn out apart
  let streaming = Boolean(opts.sorted || opts.speculate);
  const seen = streaming ? new SeenIds() : undefined;
  let grouped = 0;
  // With `speculate`, the first rows are held back (with their text as read): rows scattered among
  // them go to the sorter with all the rows held, and the run goes on. Later, a person's rows apart
  // throw NotGroupedError (persons have gone out: the caller reads the file again).
  let holding = opts.speculate === true && !opts.sorted;
  const held = new Map<string, Group>();
  let heldRows = 0;
  let heldBytes = 0;
  const holdRows = opts.speculateRows ?? SPECULATE_ROWS;
  const toSorter = async (id: string, row: number, rowBytes: number, standIn: Problem | 0, record: string[]) => {
    // grouped through the sorter: rows keyed by their person's first row, so each person's rows
    // come out together, persons in the order of their first rows (as the rows came, when grouped)
    await box.sorter!.add(id, row, JSON.stringify([rowBytes, id, standIn, record]));
    if (++grouped % 1000 === 0) opts.onGrouping?.();
  };
  /** Everything held to the sorter, and the sorter from here on. */
  const sortFromHere = async () => {
    holding = streaming = false;
    box.sorter = new PersonSorter(opts.tmpDir, opts.sortBufferBytes, opts.sortFanIn);
    for (const h of held.values()) for (const [b, r, si, rec] of h.kept!) await toSorter(String(h.raw.id), r, b, si, rec);
    held.clear();
    current = undefined;
  };
  /** The persons the file holds, as many a byte as the rows held: more than SeenIds may keep? */
  const tooMany = () => opts.fileBytes !== undefined && (opts.fileBytes * held.size) / Math.max(1, heldBytes) > (opts.speculateMaxPersons ?? SPECULATE_MAX_PERSONS);
  const flushProblems = function* (): Generator<RawRecord> {
    while (problems.length) {
      const p = problems.shift()!;
      yield { row: p.row, problem: { row: p.row, message: p.message } };
    }
  };
  /** The header, trimmed; and for each column: -1 skip (id, unnamed), 0 charge, 1 person. */
  let names: string[] | undefined;
  let kinds: number[] = [];
  let idAt = -1;
  let lastBytes = 0;
  const maxPerson = opts.maxPersonBytes ?? Infinity;
  /** Where the previous record ended (csv-parse gives a record's last line; errors name its first). */
  let prevLines = 0;
  let prevEmpty = 0;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number; empty_lines: number } }>) {
    yield* flushProblems();
    const { record, info } = item;
    if (!names) {
      // Column names as spreadsheets write them: "ID", " State " are id and state.
      names = record.map((h) => h.trim().toLowerCase());
      idAt = names.lastIndexOf('id');
      // of two columns with the same name the later is read, the earlier skipped (and named)
      kinds = names.map((k, i) => (k === 'id' || k === '' || names!.lastIndexOf(k) !== i ? -1 : personKeys.has(k) ? 1 : 0));
      for (const [i, k] of names.entries()) {
        const later = names.lastIndexOf(k);
        if (k !== '' && later !== i && names.indexOf(k) === i) {
          opts.onWarning?.(`the header names "${k}" more than once (columns ${names.flatMap((x, j) => (x === k ? [j + 1] : [])).join(', ')}); only the last of them (column ${later + 1}) is read`);
        }
      }
      lastBytes = info.bytes;
      prevLines = info.lines;
      prevEmpty = info.empty_lines;
      continue;
    }
    const rowBytes = info.bytes - lastBytes;
    lastBytes = info.bytes;
    const firstLine = prevLines + 1 + (info.empty_lines - prevEmpty);
    prevLines = info.lines;
    prevEmpty = info.empty_lines;
    // a row the guard replaced (broken quoting, overlong): its problem is in a cell past the header
    const standIn = record.length > names.length ? csvStandIn(record[record.length - 1]!) : undefined;
    const row = standIn ? standIn.row : firstLine;
    // a row of only separators (",,,,") is a blank line as a spreadsheet writes it: skipped alike
    if (!standIn && record.every((cell) => cell.trim() === '')) continue;
    const id = idAt >= 0 && idAt < record.length ? record[idAt]!.trim() : '';
    if (id === '') {
      yield { row, problem: standIn ?? { row, field: 'id', message: 'missing: every row needs the id of its person' } };
      continue;
    }
    if (id.includes('\uFFFD')) {
      // "JOSÉ-1" and "JOSÍ-1" from a Latin-1 file read alike: never grouped, each row its own error
      yield { row, problem: standIn ?? { row, field: 'id', message: badId(id)! } };
      continue;
    }
    if (holding) {
      let g = held.get(id);
      if (g !== undefined && g !== current) {
        // scattered: everything held to the sorter, and the sorter from here on
        await sortFromHere();
        await toSorter(id, row, rowBytes, standIn ?? 0, record);
        continue;
      }
      if (g === undefined) {
        seen!.seenBefore(id);
        g = newGroup(id, row);
        g.kept = [];
        held.set(id, g);
        current = g;
        currentId = id;
      }
      addRow(g, row, rowBytes, record, standIn);
      g.kept!.push([rowBytes, row, standIn ?? 0, record]);
      heldBytes += rowBytes;
      if (++heldRows >= holdRows || heldBytes >= SPECULATE_BYTES) {
        if (tooMany()) {
          // grouped so far, but more persons in the file than their ids may take: the sorter
          await sortFromHere();
        } else {
          // grouped so far: the persons held go out, the latest goes on as --sorted would
          holding = false;
          for (const h of held.values()) {
            h.kept = undefined;
            if (h !== current) yield recordOf(h);
          }
          held.clear();
        }
      }
    } else if (streaming) {
      let g = currentId === id ? current : undefined;
      if (!g) {
        const before = seen!.seenBefore(id);
        if (before && !opts.sorted) throw new NotGroupedError(row, id);
        if (current) yield recordOf(current);
        g = newGroup(id, row);
        if (before) g.problems.push({ row, field: 'id', message: `rows of person "${id}" are not together; sort the file by id or leave out --sorted` });
        current = g;
        currentId = id;
      }
      addRow(g, row, rowBytes, record, standIn);
    } else {
      await toSorter(id, row, rowBytes, standIn ?? 0, record);
    }
  }
  yield* flushProblems();
  if (holding) {
    for (const h of held.values()) yield recordOf(h);
    return;
  }
  if (streaming) {
    if (current) yield recordOf(current);
    return;
  }
  // the persons of one key (one person, or several whose ids share a fingerprint), by first row
  let cluster = new Map<string, Group>();
  let clusterKey = -1;
  for await (const [key, row, text] of box.sorter!.sorted()) {
    if (key !== clusterKey) {
      for (const g of cluster.values()) yield recordOf(g);
      cluster = new Map();
      clusterKey = key;
    }
    const [rowBytes, id, standIn, record] = JSON.parse(text) as [number, string, Problem | 0, string[]];
    let g = cluster.get(id);
    if (!g) cluster.set(id, (g = newGroup(id, row)));
    addRow(g, row, rowBytes, record, standIn || undefined);
  }
  for (const g of cluster.values()) yield recordOf(g);

  function newGroup(id: string, row: number): Group {
    return { raw: { id, charges: [] }, row, chargeRows: [], problems: [], bytes: 0 };
  }

  /** One row into its person's record: person fields checked for agreement, charge fields as a charge. */
  function addRow(g: Group, row: number, rowBytes: number, record: string[], standIn: Problem | undefined): void {
    if (standIn) {
      g.fatal ??= standIn;
      return;
    }
    g.bytes += rowBytes;
    if (g.bytes > maxPerson) {
      if (g.bytes - rowBytes <= maxPerson) {
        // the first row past the limit
        const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
        g.fatal ??= { row, message: `the rows of this person come to more than the ${mb(maxPerson)} a person may take; they were not read (a broken export?)` };
        g.raw.charges = []; // not held: the rows that follow are only counted
        g.chargeRows = [];
      }
      return;
    }
    const charge: Record<string, unknown> = {};
    let hasCharge = false;
    const n = Math.min(record.length, names!.length);
    for (let i = 0; i < n; i++) {
      const kind = kinds[i];
      if (kind === -1) continue;
      const k = names![i]!;
      const v = record[i]!;
      if (kind === 1) {
        if (v !== '') {
          const prev = g.raw[k];
          // "il" and "IL", "Yes" and "yes" are the same value
          if (prev !== undefined && prev !== v && String(prev).toLowerCase() !== v.toLowerCase()) {
            g.problems.push({ row, field: k, message: `"${v}" differs from "${String(prev)}" on row ${g.row} for the same person` });
          }
          g.raw[k] = v;
        }
      } else {
        // charge_state: the state of this charge's case, when it is not the person's (state)
        charge[k === 'charge_state' ? 'state' : k] = v;
        if (v !== '') hasCharge = true;
      }
    }
    if (hasCharge) {
      g.raw.charges.push(charge);
      g.chargeRows.push(row);
    }
  }
}

/** A person's record as it goes out: its rows put together, and its first problem if any. */
function recordOf(g: Group): RawRecord {
  const p = g.fatal ?? g.problems[0];
  return { raw: g.raw, row: g.row, chargeRows: g.chargeRows, ...(p ? { problem: { ...p, id: String(g.raw.id) } } : {}) };
}

export async function* readRecords(stream: Readable, format: InputFormat, csv: CsvOptions = {}): AsyncGenerator<RawRecord> {
  const records =
    format === 'jsonl' ? readJsonl(stream) : format === 'json' ? readJson(stream) : format === 'yaml' ? readYaml(stream) : readCsv(stream, csv);
  for await (const rec of records) yield vetted(rec);
}
