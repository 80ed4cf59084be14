/**
 * One input record to one output record: intake, then the engine. Pure, so batch runs can use
 * it as the map step of any larger pipeline.
 */
import { evaluatePerson } from './evaluate.js';
import { intakePerson, type Assumption } from './intake.js';
import type { IsoDate, Lang, Person, PersonResult, Problem, RuleSet } from './types.js';

export interface RecordIn {
  raw?: unknown;
  row?: number;
  chargeRows?: number[];
  problem?: Problem & { id?: string };
}

export interface ScreenOptions {
  asOf: IsoDate;
  lang?: Lang;
  /** Facts assumed where a person's record does not give them (`batch --assume`). */
  assume?: Assumption[];
}

export interface Screened {
  result: PersonResult;
  unknownFields: string[];
  /** The checked input, when it could be read (for describing charges in human output). */
  person?: Person;
}

function idOf(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'string' && id.trim() !== '') return id.trim();
    if (typeof id === 'number') return String(id);
  }
  return null;
}

export function failed(id: string | null, asOf: IsoDate, errors: Problem[], state: string | null = null): PersonResult {
  return { id, as_of: asOf, state, charges: [], voting: null, clinics: [], warnings: [], errors };
}

/** A record after intake: the checked person, or, when it could not be read, its finished result. */
export type Intaken = { person: Person; unknownFields: string[] } | { result: PersonResult; unknownFields: string[] };

/** The first half of screenRecord: intake only. */
export function intakeRecord(rec: RecordIn, rules: RuleSet, opts: ScreenOptions): Intaken {
  if (rec.problem) {
    const { id, ...problem } = rec.problem;
    return { result: failed(id ?? idOf(rec.raw), opts.asOf, [problem]), unknownFields: [] };
  }
  const intake = intakePerson(rec.raw, rules.facts, {
    asOf: opts.asOf,
    ...(rec.row !== undefined ? { row: rec.row } : {}),
    ...(rec.chargeRows ? { chargeRows: rec.chargeRows } : {}),
    ...(opts.assume?.length ? { assume: opts.assume } : {}),
  });
  if (!intake.person) {
    const raw = rec.raw as { state?: unknown; as_of?: unknown } | undefined;
    const state = typeof raw?.state === 'string' ? raw.state.toUpperCase() : null;
    const asOf = typeof raw?.as_of === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw.as_of) ? raw.as_of : opts.asOf;
    return { result: failed(idOf(rec.raw), asOf, intake.errors, state), unknownFields: intake.unknownFields };
  }
  return { person: intake.person, unknownFields: intake.unknownFields };
}

/** The second half of screenRecord: the engine, on a checked person. */
export function screenPerson(person: Person, rules: RuleSet, opts: ScreenOptions): PersonResult {
  return evaluatePerson(person, rules, { asOf: opts.asOf, ...(opts.lang ? { lang: opts.lang } : {}) });
}

export function screenRecord(rec: RecordIn, rules: RuleSet, opts: ScreenOptions): Screened {
  const i = intakeRecord(rec, rules, opts);
  if ('result' in i) return i;
  return { result: screenPerson(i.person, rules, opts), unknownFields: i.unknownFields, person: i.person };
}
