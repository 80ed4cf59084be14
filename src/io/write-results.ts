/**
 * Writing output records in the contract's formats. jsonl and csv stream one record at a time;
 * json writes one array; table renders for a person to read.
 */
import type { Person, PersonResult } from '../core/types.js';
import { RELIEF_KINDS } from '../core/types.js';

export type OutputFormat = 'jsonl' | 'json' | 'csv' | 'table';
export const OUTPUT_FORMATS: OutputFormat[] = ['jsonl', 'json', 'csv', 'table'];

export interface ResultWriter {
  write(result: PersonResult, person?: Person): void;
  end(): void;
}

export const CSV_COLUMNS = [
  'id', 'as_of', 'state', 'charge', 'relief', 'status', 'date', 'automatic', 'rule', 'name', 'citation',
  'reasons', 'voting_status', 'voting_reasons', 'errors',
] as const;

type Cell = string | number | boolean | null;

/** One row per charge and relief kind; a person with no charges or with errors gets one row. */
export function csvRows(r: PersonResult): Cell[][] {
  const errors = r.errors
    .map((e) => [e.row !== undefined ? `row ${e.row}` : '', e.charge !== undefined ? `charge ${e.charge + 1}` : '', e.field ?? '', e.message].filter(Boolean).join(': '))
    .join(' | ');
  const voting = r.voting?.status ?? null;
  const votingReasons = r.voting?.reasons.join(' | ') ?? null;
  const base = (): Cell[] => [r.id, r.as_of, r.state];
  if (r.errors.length > 0 || r.charges.length === 0) {
    return [[...base(), null, null, null, null, null, null, null, null, null, voting, votingReasons, errors || null]];
  }
  const rows: Cell[][] = [];
  for (const c of r.charges) {
    for (const kind of RELIEF_KINDS) {
      const s = c.relief[kind];
      rows.push([...base(), c.index + 1, kind, s.status, s.date, s.automatic, s.rule, s.name, s.citation, s.reasons.join(' | '), voting, votingReasons, null]);
    }
  }
  return rows;
}

export async function makeWriter(
  format: OutputFormat,
  out: (text: string) => void,
  renderTable?: (r: PersonResult, person?: Person) => string,
): Promise<ResultWriter> {
  switch (format) {
    case 'jsonl':
      return { write: (r) => out(`${JSON.stringify(r)}\n`), end: () => {} };
    case 'json': {
      let first = true;
      return {
        write: (r) => {
          out(`${first ? '[\n' : ',\n'}${JSON.stringify(r, null, 2)}`);
          first = false;
        },
        end: () => out(first ? '[]\n' : '\n]\n'),
      };
    }
    case 'csv': {
      const { stringify } = await import('csv-stringify/sync');
      out(stringify([[...CSV_COLUMNS]]));
      // escape_formulas defuses = + - @ tab CR (and full-width forms) in text cells; numbers stay numbers.
      const opts = { escape_formulas: true, cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } };
      return { write: (r) => out(stringify(csvRows(r), opts)), end: () => {} };
    }
    case 'table': {
      let first = true;
      return {
        write: (r, person) => {
          out(`${first ? '' : '\n'}${renderTable ? renderTable(r, person) : JSON.stringify(r)}\n`);
          first = false;
        },
        end: () => {},
      };
    }
  }
}
