/**
 * Writing output records in the contract's formats. jsonl and csv stream one record at a time;
 * json writes one array; table renders for a person to read.
 */
import type { Person, PersonResult, ReliefKind, ReliefSlot } from '../core/types.js';
import { RELIEF_KINDS } from '../core/types.js';

import type { OutputFormat } from './formats.js';
export { OUTPUT_FORMATS, type OutputFormat } from './formats.js';

export interface ResultWriter {
  write(result: PersonResult, person?: Person): void;
  /** Write out anything held back (CSV rows are serialised in blocks). */
  flush(): void;
  end(): void;
}

export const CSV_COLUMNS = [
  'id', 'as_of', 'state', 'charge', 'relief', 'status', 'date', 'automatic', 'rule', 'name', 'citation',
  'reasons', 'voting_status', 'errors',
] as const;

type Cell = string | number | boolean | null;

/**
 * The cells of a relief from its kind through its citation, and the comma after them: the part of
 * a CSV row before the reasons. Written cell by cell, no list of cells made.
 */
function reliefHead(encode: (cell: Cell) => string, kind: ReliefKind, s: ReliefSlot): string {
  return `${encode(kind)},${encode(s.status)},${encode(s.date)},${encode(s.automatic)},${encode(s.rule)},${encode(s.name)},${encode(s.citation)},`;
}

/** A relief's head cells as last written for one kind and rule (the slot's fields they came from). */
interface HeadSeen {
  status: ReliefSlot['status'];
  date: ReliefSlot['date'];
  automatic: boolean;
  name: ReliefSlot['name'];
  citation: ReliefSlot['citation'];
  text: string;
}
/** Rules remembered per kind before the memory starts again (a jurisdiction has a few dozen). */
const HEADS_MAX = 512;

/**
 * The reasons cell: the reasons joined by " | ", as csv-stringify writes that text (textCell). It
 * is put together from the reasons as they are (the joined text is not made twice, once joined
 * and once in the row): quoted when any reason holds a quote, a comma or a line break, their
 * quotes doubled, defused when the first starts like a formula (" | " holds none of those).
 */
export function reasonsCell(encode: (cell: Cell) => string, reasons: readonly string[]): string {
  if (reasons.length === 1) return encode(reasons[0]!);
  if (reasons.length === 0 || reasons[0] === '') return encode(reasons.join(' | '));
  let quote = false;
  let quotes = false;
  for (const r of reasons) {
    if (!quotes && r.indexOf('"') >= 0) quote = quotes = true;
    else if (!quote && NEEDS_QUOTES.test(r)) quote = true;
  }
  const first = quotes ? reasons[0]!.replaceAll('"', '""') : reasons[0]!;
  let text = FORMULA_START.has(first.charCodeAt(0)) ? `'${first}` : first;
  for (let i = 1; i < reasons.length; i++) text += ` | ${quotes ? reasons[i]!.replaceAll('"', '""') : reasons[i]!}`;
  return quote ? `"${text}"` : text;
}

/** A person's errors in one cell: "row 3: charge 2: disposition_date: … | …". */
function errorsText(r: PersonResult): string {
  return r.errors
    .map((e) => [e.row !== undefined ? `row ${e.row}` : '', e.charge !== undefined ? `charge ${e.charge + 1}` : '', e.field ?? '', e.message].filter(Boolean).join(': '))
    .join(' | ');
}

/**
 * The CSV rows of one result, handed to `emit` a charge at a time: one row per charge and relief
 * kind (CSV_COLUMNS); a person with no charges or with errors gets one row, with the errors and no
 * relief.
 */
function csvWriterOf(encode: (cell: Cell) => string): (r: PersonResult, emit: (rows: string) => void) => void {
  const join = (cells: readonly Cell[]) => {
    let text = encode(cells[0]!);
    for (let i = 1; i < cells.length; i++) text += `,${encode(cells[i]!)}`;
    return text;
  };
  // A relief's head cells (kind through citation) repeat charge after charge for the same rule and
  // answer, though the slot is new each time: the text of the last one per kind and rule is kept,
  // and used again while the slot's fields are the same.
  const heads = new Map<ReliefKind, Map<string | null, HeadSeen>>(RELIEF_KINDS.map((k) => [k, new Map()]));
  const headOf = (kind: ReliefKind, s: ReliefSlot): string => {
    const byRule = heads.get(kind)!;
    const seen = byRule.get(s.rule);
    if (seen !== undefined && seen.status === s.status && seen.date === s.date && seen.automatic === s.automatic && seen.name === s.name && seen.citation === s.citation) {
      return seen.text;
    }
    const text = reliefHead(encode, kind, s);
    if (seen !== undefined) {
      seen.status = s.status;
      seen.date = s.date;
      seen.automatic = s.automatic;
      seen.name = s.name;
      seen.citation = s.citation;
      seen.text = text;
    } else {
      if (byRule.size >= HEADS_MAX) byRule.clear();
      byRule.set(s.rule, { status: s.status, date: s.date, automatic: s.automatic, name: s.name, citation: s.citation, text });
    }
    return text;
  };
  const reliefOf = (kind: ReliefKind, s: ReliefSlot) => headOf(kind, s) + reasonsCell(encode, s.reasons);
  // A frozen slot is shared by many charges (a rule that does not apply, a relief the state lacks):
  // its cells are the same text every time.
  const shared = new Map<ReliefKind, WeakMap<ReliefSlot, string>>(RELIEF_KINDS.map((k) => [k, new WeakMap()]));
  const relief = (kind: ReliefKind, s: ReliefSlot) => {
    if (!Object.isFrozen(s)) return reliefOf(kind, s);
    const memo = shared.get(kind)!;
    let text = memo.get(s);
    if (text === undefined) memo.set(s, (text = reliefOf(kind, s)));
    return text;
  };
  return (r, emit) => {
    const voting = r.voting?.status ?? null;
    if (r.errors.length > 0 || r.charges.length === 0) {
      emit(`${join([r.id, r.as_of, r.state, null, null, null, null, null, null, null, null, null, voting, errorsText(r) || null])}\n`);
      return;
    }
    const head = `${encode(r.id)},${encode(r.as_of)},${encode(r.state)},`;
    const tail = `,${encode(voting)},${encode(null)}\n`;
    for (const c of r.charges) {
      const charge = `${head}${encode(c.index + 1)},`;
      let text = '';
      for (const kind of RELIEF_KINDS) text += charge + relief(kind, c.relief[kind]) + tail;
      emit(text);
    }
  };
}

/** csv-stringify's options for every cell we write. */
export const CSV_STRINGIFY_OPTIONS = {
  // defuses = + - @ tab CR (and their full-width forms) at the start of text cells; numbers stay numbers
  escape_formulas: true,
  cast: { boolean: (b: boolean) => (b ? 'true' : 'false') },
};
/**
 * Distinct cells remembered; past this the memory starts again. The cells that repeat are a few
 * dozen texts (relief, status, rule, citation, the common reasons), re-learnt at once after a
 * restart; ids and rare reasons only pass through. Small, so it costs no memory to speak of.
 */
const CELL_CACHE_MAX = 1024;

/**
 * Longer text cells (most of them reasons, built afresh for each charge) are written without the
 * library's help when that is simple: a lookup would hash the whole text, which cost as much as the
 * rest of the writer's work on them.
 */
const LONG_CELL = 40;
/** First characters csv-stringify's escape_formulas defuses in a text cell (with a leading '). */
const FORMULA_START = new Set([...'-=+@\t\r\uFF1D\uFF0B\uFF0D\uFF20'].map((c) => c.charCodeAt(0)));
const NEEDS_QUOTES = /[,\n\r]/;

/**
 * What csv-stringify writes (our options) for a text cell that is not empty: defused with a
 * leading ' when it starts like a formula; in quotes, its quotes doubled, when it holds a quote, a
 * comma or a line break; else as it is (test/batch-fast5.test.ts, test/batch-alloc5.test.ts).
 */
function textCell(cell: string): string {
  const text = FORMULA_START.has(cell.charCodeAt(0)) ? `'${cell}` : cell;
  if (text.indexOf('"') >= 0) return `"${text.replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(text) ? `"${text}"` : text;
}

/**
 * A function giving csv-stringify's text for one cell (quoted, escaped, formula-defused as the
 * library decides), asking the library once per distinct value. A batch repeats the same cells
 * millions of times (relief, status, rule, citation, most reasons), and the library's cost is per
 * cell, so this is most of the CSV writer's time saved; the text is the library's, byte for byte
 * (test/batch.test.ts compares it with csv-stringify's own rows).
 */
export async function csvCellEncoder(): Promise<(cell: Cell) => string> {
  const { stringify } = await import('csv-stringify/sync');
  const cache = new Map<Cell, string>();
  return (cell) => {
    // found without hashing the long text (test/batch-fast5.test.ts)
    if (typeof cell === 'string' && cell.length > LONG_CELL) return textCell(cell);
    let text = cache.get(cell);
    if (text === undefined) {
      if (typeof cell === 'string' && cell !== '') {
        // a short text not seen lately (an id, a date): the library's text without its per-call
        // set-up (it normalises its options on every call)
        text = textCell(cell);
      } else {
        // one record of one cell: the cell's text and the record delimiter ("\n")
        text = stringify([[cell]], CSV_STRINGIFY_OPTIONS).slice(0, -1);
      }
      if (cache.size >= CELL_CACHE_MAX) cache.clear();
      cache.set(cell, text);
    }
    return text;
  };
}

/**
 * A result as JSON. A result too large for one string (V8 stops at ~512 MB: some 80,000 charges
 * with all their reasons) becomes that person's error record instead of ending the run.
 */
export function resultJson(r: PersonResult, indent?: number, onTooLarge?: (written: PersonResult) => void): string {
  try {
    return JSON.stringify(r, null, indent);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const n = r.charges.length.toLocaleString('en-US');
    const written: PersonResult = {
      ...r,
      charges: [],
      voting: null,
      clinics: [],
      errors: [...r.errors, { field: 'charges', message: `the results for ${n} charges are too large to write as JSON (over 512 MB); use --format csv, or split the person's charges` }],
    };
    // the caller counts the record written (an error: exit 1), not the one screened
    onTooLarge?.(written);
    return JSON.stringify(written, null, indent);
  }
}

export async function makeWriter(
  format: OutputFormat,
  out: (text: string) => void,
  renderTable?: (r: PersonResult, person?: Person) => string,
  /** CSV: write the header row (a worker's share of a run has none: the main thread writes it). */
  csvHeader = true,
  /** JSON output: a result too large to write became this error record (see resultJson). */
  onTooLarge?: (written: PersonResult) => void,
  /**
   * CSV: text held back before it goes to `out` (64 KB: a write per block). 0: each charge's rows
   * at once, for an `out` that copies the text into a buffer (a worker's): the rows then die young
   * instead of surviving collections, held as parts of one long text.
   */
  csvBlockChars = 64 * 1024,
): Promise<ResultWriter> {
  switch (format) {
    case 'jsonl':
      return { write: (r) => out(`${resultJson(r, undefined, onTooLarge)}\n`), flush: () => {}, end: () => {} };
    case 'json': {
      let first = true;
      return {
        write: (r) => {
          out(`${first ? '[\n' : ',\n'}${resultJson(r, 2, onTooLarge)}`);
          first = false;
        },
        flush: () => {},
        end: () => out(first ? '[]\n' : '\n]\n'),
      };
    }
    case 'csv': {
      const encode = await csvCellEncoder();
      const rows = csvWriterOf(encode);
      if (csvHeader) out(`${CSV_COLUMNS.map(encode).join(',')}\n`);
      let text = '';
      const flush = () => {
        if (text === '') return;
        out(text);
        text = '';
      };
      // A charge's rows at a time, so even a person with thousands of charges goes out in blocks.
      const add = (charge: string) => {
        text += charge;
        if (text.length >= csvBlockChars) flush();
      };
      return {
        write: (r) => rows(r, add),
        flush,
        end: flush,
      };
    }
    case 'table': {
      let first = true;
      return {
        write: (r, person) => {
          out(`${first ? '' : '\n'}${renderTable ? renderTable(r, person) : resultJson(r, undefined, onTooLarge)}\n`);
          first = false;
        },
        flush: () => {},
        end: () => {},
      };
    }
  }
}
