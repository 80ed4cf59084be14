/**
 * Puts read records back in input order. The CSV reader hands out a row it could not read (no
 * id, a broken quote) as soon as it meets it, but a person only when the person is complete (with
 * --sorted: when the next person starts; unsorted: at the end of the file). So a bad row can come
 * out before a person who started above it. Here a record that is only a problem (no person data)
 * waits until a person who starts below it comes out, so every output record follows the row its
 * input started on. Records that are problems on the same row are merged into one. What waits is
 * only the bad rows, so memory stays flat.
 */
import type { RawRecord } from './read-records.js';

export interface OrderedRecord extends RawRecord {
  /** More problems on the same row (a row the CSV parser reported twice). */
  more?: RawRecord['problem'][];
}

const isLoose = (r: RawRecord) => r.raw === undefined && r.chargeRows === undefined;

export async function* inInputOrder(source: AsyncIterable<RawRecord>): AsyncGenerator<OrderedRecord> {
  let waiting: OrderedRecord[] = [];
  const release = function* (beforeRow: number): Generator<OrderedRecord> {
    if (waiting.length === 0 || waiting[0]!.row >= beforeRow) return;
    const keep: OrderedRecord[] = [];
    for (const w of waiting) (w.row < beforeRow ? [] : keep).push(w);
    const out = waiting.filter((w) => w.row < beforeRow);
    waiting = keep;
    yield* out;
  };
  for await (const rec of source) {
    if (isLoose(rec)) {
      const same = waiting.find((w) => w.row === rec.row);
      if (same) (same.more ??= []).push(rec.problem);
      else {
        waiting.push(rec);
        waiting.sort((a, b) => a.row - b.row);
      }
      continue;
    }
    yield* release(rec.row);
    yield rec;
  }
  yield* release(Number.POSITIVE_INFINITY);
}
