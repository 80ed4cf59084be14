/**
 * Writing output records in the contract's formats. jsonl and csv stream one record at a time;
 * json writes one array; table renders for a person to read.
 */
import type { Person, PersonResult } from '../core/types.js';
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

/** One row per charge and relief kind; a person with no charges or with errors gets one row. */
export function csvRows(r: PersonResult): Cell[][] {
  const errors = r.errors
    .map((e) => [e.row !== undefined ? `row ${e.row}` : '', e.charge !== undefined ? `charge ${e.charge + 1}` : '', e.field ?? '', e.message].filter(Boolean).join(': '))
    .join(' | ');
  const voting = r.voting?.status ?? null;
  if (r.errors.length > 0 || r.charges.length === 0) {
    return [[r.id, r.as_of, r.state, null, null, null, null, null, null, null, null, null, voting, errors || null]];
  }
  const rows: Cell[][] = [];
  for (const c of r.charges) {
    for (const kind of RELIEF_KINDS) {
      const s = c.relief[kind];
      const reasons = s.reasons.length === 1 ? s.reasons[0]! : s.reasons.join(' | ');
      rows.push([r.id, r.as_of, r.state, c.index + 1, kind, s.status, s.date, s.automatic, s.rule, s.name, s.citation, reasons, voting, null]);
    }
  }
  return rows;
}

export async function makeWriter(
  format: OutputFormat,
  out: (text: string) => void,
  renderTable?: (r: PersonResult, person?: Person) => string,
  /** CSV: write the header row (a worker's share of a run has none: the main thread writes it). */
  csvHeader = true,
): Promise<ResultWriter> {
  switch (format) {
    case 'jsonl':
      return { write: (r) => out(`${JSON.stringify(r)}\n`), flush: () => {}, end: () => {} };
    case 'json': {
      let first = true;
      return {
        write: (r) => {
          out(`${first ? '[\n' : ',\n'}${JSON.stringify(r, null, 2)}`);
          first = false;
        },
        flush: () => {},
        end: () => out(first ? '[]\n' : '\n]\n'),
      };
    }
    case 'csv': {
      const { stringify } = await import('csv-stringify/sync');
      if (csvHeader) out(stringify([[...CSV_COLUMNS]]));
      // escape_formulas defuses = + - @ tab CR (and full-width forms) in text cells; numbers stay numbers.
      const opts = { escape_formulas: true, cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } };
      // One stringify call per block of rows, not per person: the call itself is the cost.
      let rows: Cell[][] = [];
      const flush = () => {
        if (rows.length === 0) return;
        out(stringify(rows, opts));
        rows = [];
      };
      return {
        write: (r) => {
          for (const row of csvRows(r)) rows.push(row);
          if (rows.length >= 600) flush();
        },
        flush,
        end: flush,
      };
    }
    case 'table': {
      let first = true;
      return {
        write: (r, person) => {
          out(`${first ? '' : '\n'}${renderTable ? renderTable(r, person) : JSON.stringify(r)}\n`);
          first = false;
        },
        flush: () => {},
        end: () => {},
      };
    }
  }
}
