/**
 * One batch record to one result: the pure screenRecord call, plus what batch adds around it
 * (extra problems on the same row, the nearest clinics). Shared by the in-process loop and the
 * worker threads, so both give byte-identical output.
 */
import { screenRecord } from '../core/screen.js';
import type { IsoDate, Lang, Person, PersonResult, RuleSet } from '../core/types.js';
import type { ClinicFinder } from './clinic-finder.js';
import type { OrderedRecord } from './ordered.js';

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
