/**
 * One batch record to one result: the pure screenRecord steps (intake, then the engine), plus what
 * batch adds around them (extra problems on the same row, the nearest clinics). Shared by the
 * in-process loop and the worker threads, so both give byte-identical output.
 *
 * A worker run splits the two steps: the main thread checks each record (`prepareOne`) and sends
 * the checked persons; a worker runs the rules and writes the output (`makeBatchScreener`).
 */
import type { Assumption } from '../core/intake.js';
import { intakeRecord, screenPerson } from '../core/screen.js';
import type { IsoDate, Lang, Person, PersonResult, RuleSet } from '../core/types.js';
import type { ClinicFinder } from './clinic-finder.js';
import type { OrderedRecord } from './ordered.js';
import { Tally } from './summary.js';
import { adultOnly, caseStates } from '../clinics/attach.js';
import { makeWriter, resultJson, type OutputFormat } from './write-results.js';
import { decodePrepared } from './person-codec.js';

export interface ScreenedOne {
  result: PersonResult;
  person?: Person;
  unknownFields: string[];
}

/**
 * A record after intake, as sent to a worker: the checked person, or the finished result of a
 * record that could not be read (its errors, the same row's further problems included).
 */
export type Prepared = { person: Person } | { result: PersonResult };

type Opts = { asOf: IsoDate; lang: Lang; assume?: Assumption[] };

export function prepareOne(rec: OrderedRecord, rules: RuleSet, opts: Opts): { prepared: Prepared; unknownFields: string[] } {
  const i = intakeRecord(rec, rules, opts);
  if ('person' in i) return { prepared: { person: i.person }, unknownFields: i.unknownFields };
  if (rec.more && rec.problem) {
    for (const extra of rec.more) {
      if (!extra) continue;
      const { id: _id, ...p } = extra;
      i.result.errors.push(p);
    }
  }
  return { prepared: { result: i.result }, unknownFields: i.unknownFields };
}

/** The rules (and clinics) for a prepared record; a record that could not be read is already done. */
export function finishOne(p: Prepared, rules: RuleSet, opts: Opts, clinicsFor?: ClinicFinder): PersonResult {
  if ('result' in p) return p.result;
  const result = screenPerson(p.person, rules, opts);
  if (clinicsFor && (p.person.zip || result.state)) {
    result.clinics = clinicsFor(p.person.zip, result.state, { otherStates: caseStates(p.person), adult: adultOnly(p.person) });
  }
  return result;
}

export function screenOne(rec: OrderedRecord, rules: RuleSet, opts: Opts, clinicsFor?: ClinicFinder): ScreenedOne {
  const { prepared, unknownFields } = prepareOne(rec, rules, opts);
  const result = finishOne(prepared, rules, opts, clinicsFor);
  return 'person' in prepared ? { result, person: prepared.person, unknownFields } : { result, unknownFields };
}

/** One batch screened: its output (in order) and its own tally. */
export interface ScreenedBatch {
  count: number;
  /**
   * The output: for csv/jsonl the whole batch (no CSV header) as UTF-8 bytes, in a buffer of its
   * own (so a worker can hand it over without a copy); for json one string per person.
   */
  parts: (string | Uint8Array)[];
  tally: Tally;
}

/**
 * A function that screens a batch and serialises the results: what a worker thread does with each
 * batch, and what the main thread does with a batch whose worker ran out of memory. A batch travels
 * as UTF-8 bytes, one prepared record (JSON, person-codec.ts) per line: a worker decodes and parses
 * one person at a time, so neither a batch's persons nor its whole text sit in its heap at once
 * (a batch's text as one string, alive for the whole batch, outlived the young generation).
 */
export async function makeBatchScreener(
  rules: RuleSet,
  opts: Opts & { format: Exclude<OutputFormat, 'table'>; reasons: boolean },
  clinicsFor?: ClinicFinder,
  /** A buffer of its own (not from Node's shared pool) of at least `bytes`, for a batch's output. */
  outBuffer: (bytes: number) => Buffer = (bytes) => Buffer.allocUnsafeSlow(bytes),
): Promise<(batch: Uint8Array) => ScreenedBatch> {
  // CSV/JSONL text goes straight into one buffer, used again for every batch.
  let buf = Buffer.allocUnsafeSlow(1 << 20);
  let used = 0;
  const put = (text: string) => {
    const room = used + text.length * 3; // at most 3 bytes per UTF-16 unit
    if (room > buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(2 * buf.length, room));
      buf.copy(bigger, 0, 0, used);
      buf = bigger;
    }
    used += buf.write(text, used, 'utf8');
  };
  // no CSV header: the main thread writes it once
  /** A result too large for JSON is written (and counted) as an error record. */
  let written: PersonResult | undefined;
  const onTooLarge = (w: PersonResult) => {
    written = w;
  };
  const writer = opts.format === 'json' ? undefined : await makeWriter(opts.format, put, undefined, false, onTooLarge, 0);
  return (bytes) => {
    const batch = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // A tally per batch (not one per run), so a batch screened again elsewhere is counted once.
    const tally = new Tally({ reasons: opts.reasons });
    const parts: (string | Uint8Array)[] = [];
    let count = 0;
    for (let at = 0; at < batch.length; ) {
      let end = batch.indexOf(0x0a, at);
      if (end < 0) end = batch.length;
      const p = decodePrepared(batch.toString('utf8', at, end));
      at = end + 1;
      count++;
      const result = finishOne(p, rules, opts, clinicsFor);
      written = undefined;
      if (writer) writer.write(result);
      else parts.push(resultJson(result, 2, onTooLarge));
      tally.add(written ?? result);
    }
    if (writer) {
      writer.flush();
      const out = outBuffer(used).subarray(0, used);
      buf.copy(out, 0, 0, used);
      parts.push(out);
      used = 0;
    }
    return { count, parts, tally };
  };
}
