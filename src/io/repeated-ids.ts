/**
 * Records of JSONL, JSON or YAML input whose id was already used by an earlier record: each is
 * still screened on its own (only CSV rows are grouped by id), but the person is told, since two
 * output records with one id are easy to mistake for one person. Ids are kept as fingerprints
 * (seen-ids.ts), so memory stays small for millions of persons.
 */
import { SeenIds } from './seen-ids.js';

export async function* noteRepeatedIds<T extends { raw?: unknown; row: number }>(
  records: AsyncIterable<T>,
  note: (id: string, row: number) => void,
): AsyncGenerator<T> {
  const seen = new SeenIds();
  for await (const rec of records) {
    const id = (rec.raw as { id?: unknown } | undefined)?.id;
    if ((typeof id === 'string' && id !== '') || typeof id === 'number') {
      if (seen.seenBefore(String(id))) note(String(id), rec.row);
    }
    yield rec;
  }
}

/** The warning, in the run's words. */
export const repeatedIdWarning = (id: string, row: number) =>
  `warning: id "${id}" (row ${row}) was already used by an earlier record; each is screened as a separate person\n`;
