/**
 * Reading person records in the case-file contract's formats: .jsonl, .json, .yaml/.yml, .csv,
 * or `-` for standard input. Records come out one at a time, in input order, each with the row
 * (line) it started on. A record that cannot be parsed comes out as a `problem`, never a throw,
 * so the caller can still give that person an output record.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Problem, RuleSet } from '../core/types.js';

import type { InputFormat } from './formats.js';
import { SeenIds } from './seen-ids.js';
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
  return createReadStream(path, { encoding: 'utf8' });
}

async function readAll(stream: Readable): Promise<string> {
  let s = '';
  for await (const chunk of stream) s += chunk;
  return s;
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/** One JSON object per line. Blank lines are skipped; a bad line becomes a problem record. */
async function* readJsonl(stream: Readable): AsyncGenerator<RawRecord> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let row = 0;
  for await (const line0 of rl) {
    row++;
    const line = row === 1 ? stripBom(line0) : line0;
    if (line.trim() === '') continue;
    try {
      yield { raw: JSON.parse(line), row };
    } catch (e) {
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
  const text = stripBom(await readAll(stream));
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
        const off = contents?.items?.[i]?.range?.[0];
        yield { raw: data[i], row: off === undefined ? i + 1 : lc.linePos(off).line };
      }
    } else if (data !== null && data !== undefined) {
      const off = contents?.range?.[0];
      yield { raw: data, row: off === undefined ? 1 : lc.linePos(off).line };
    }
  }
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
}

interface Group {
  raw: Record<string, unknown> & { charges: Record<string, unknown>[] };
  row: number;
  chargeRows: number[];
  problems: Problem[];
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
 * rows; a row with only person fields and no charge fields adds no charge. Unsorted input is held
 * in memory until the end (one object per row); `sorted` streams. The first row is the header;
 * cells beyond it are ignored, missing cells are absent; of two columns with the same name, the
 * later wins.
 */
async function* readCsv(stream: Readable, opts: CsvOptions): AsyncGenerator<RawRecord> {
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
  const groups = new Map<string, Group>();
  let current: Group | undefined;
  let currentId: string | undefined;
  const seen = opts.sorted ? new SeenIds() : undefined;
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
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield* flushProblems();
    const { record, info } = item;
    if (!names) {
      // Column names as spreadsheets write them: "ID", " State " are id and state.
      names = record.map((h) => h.trim().toLowerCase());
      idAt = names.lastIndexOf('id');
      kinds = names.map((k) => (k === 'id' || k === '' ? -1 : personKeys.has(k) ? 1 : 0));
      continue;
    }
    const row = info.lines;
    const id = idAt >= 0 && idAt < record.length ? record[idAt]!.trim() : '';
    if (id === '') {
      yield { row, problem: { row, field: 'id', message: 'missing: every row needs the id of its person' } };
      continue;
    }
    let g = opts.sorted ? (currentId === id ? current : undefined) : groups.get(id);
    if (!g) {
      if (opts.sorted && current) yield { raw: current.raw, row: current.row, chargeRows: current.chargeRows, ...groupProblem(current) };
      g = { raw: { id, charges: [] }, row, chargeRows: [], problems: [] };
      if (opts.sorted) {
        if (seen!.seenBefore(id)) g.problems.push({ row, field: 'id', message: `rows of person "${id}" are not together; sort the file by id or leave out --sorted` });
      }
      if (opts.sorted) {
        current = g;
        currentId = id;
      } else groups.set(id, g);
    }
    const charge: Record<string, unknown> = {};
    let hasCharge = false;
    const n = Math.min(record.length, names.length);
    for (let i = 0; i < n; i++) {
      const kind = kinds[i];
      if (kind === -1) continue;
      const k = names[i]!;
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
  yield* flushProblems();
  if (opts.sorted) {
    if (current) yield { raw: current.raw, row: current.row, chargeRows: current.chargeRows, ...groupProblem(current) };
  } else {
    for (const g of groups.values()) yield { raw: g.raw, row: g.row, chargeRows: g.chargeRows, ...groupProblem(g) };
  }
}

function groupProblem(g: Group): Partial<RawRecord> {
  const p = g.problems[0];
  return p ? { problem: { ...p, id: String(g.raw.id) } } : {};
}

export async function* readRecords(stream: Readable, format: InputFormat, csv: CsvOptions = {}): AsyncGenerator<RawRecord> {
  switch (format) {
    case 'jsonl':
      yield* readJsonl(stream);
      break;
    case 'json':
      yield* readJson(stream);
      break;
    case 'yaml':
      yield* readYaml(stream);
      break;
    case 'csv':
      yield* readCsv(stream, csv);
      break;
  }
}
