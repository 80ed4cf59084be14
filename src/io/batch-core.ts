/**
 * One batch record to one result: the pure screenRecord call, plus what batch adds around it
 * (extra problems on the same row, the nearest clinics). Shared by the in-process loop and the
 * worker threads, so both give byte-identical output.
 */
import { screenRecord } from '../core/screen.js';
import type { IsoDate, Lang, Person, PersonResult, Problem, RuleSet } from '../core/types.js';
import type { ClinicFinder } from './clinic-finder.js';
import type { OrderedRecord } from './ordered.js';
import { Tally } from './summary.js';
import { makeWriter, type OutputFormat } from './write-results.js';

export interface ScreenedOne {
  result: PersonResult;
  person?: Person;
  unknownFields: string[];
}

export function screenOne(rec: OrderedRecord, rules: RuleSet, opts: { asOf: IsoDate; lang: Lang }, clinicsFor?: ClinicFinder): ScreenedOne {
  const { result, unknownFields, person } = screenRecord(rec, rules, opts);
  if (rec.more && rec.problem) {
    for (const extra of rec.more) {
      if (!extra) continue;
      const { id: _id, ...p } = extra;
      result.errors.push(p);
    }
  }
  if (clinicsFor && result.errors.length === 0 && (person?.zip || result.state)) {
    result.clinics = clinicsFor(person?.zip, result.state);
  }
  return person ? { result, person, unknownFields } : { result, unknownFields };
}

/** One batch of records screened: its output (in order), errors to report, unknown fields, its own tally. */
export interface ScreenedBatch {
  count: number;
  /** Serialised output: for csv/jsonl one string for the whole batch (no CSV header); for json one per person. */
  parts: string[];
  errs: { id: string | null; errors: Problem[] }[];
  unknown: string[];
  tally: Tally;
}

/**
 * A function that screens a batch of records and serialises the results: what a worker thread
 * does with each batch, and what the main thread does with a batch whose worker ran out of memory.
 */
export async function makeBatchScreener(
  rules: RuleSet,
  opts: { asOf: IsoDate; lang: Lang; format: Exclude<OutputFormat, 'table'>; reasons: boolean },
  clinicsFor?: ClinicFinder,
): Promise<(recs: OrderedRecord[]) => ScreenedBatch> {
  let cur = '';
  // no CSV header: the main thread writes it once
  const writer = opts.format === 'json' ? undefined : await makeWriter(opts.format, (s) => (cur += s), undefined, false);
  return (recs) => {
    // A tally per batch (not one per run), so a batch screened again elsewhere is counted once.
    const tally = new Tally({ reasons: opts.reasons });
    const parts: string[] = [];
    const errs: ScreenedBatch['errs'] = [];
    const unknown = new Set<string>();
    for (const rec of recs) {
      const { result, unknownFields } = screenOne(rec, rules, opts, clinicsFor);
      for (const f of unknownFields) unknown.add(f);
      tally.add(result);
      if (result.errors.length > 0) errs.push({ id: result.id, errors: result.errors });
      if (writer) writer.write(result);
      else parts.push(JSON.stringify(result, null, 2));
    }
    if (writer) {
      writer.flush();
      parts.push(cur);
      cur = '';
    }
    return { count: recs.length, parts, errs, unknown: [...unknown], tally };
  };
}
