/**
 * How a checked person travels to a screening worker (issue 21): one line of JSON per person, as
 * an array of the person's fields in a fixed order (and each charge's likewise) instead of an
 * object with named fields.
 *
 * Why: `JSON.parse` of a person as an object took ~7.7 µs a charge in the worker's loop against
 * ~3 µs for the same text parsed alone. Charges come with any subset of their ~25 optional
 * fields (491 different sets on 50,000 generated charges), and V8's parser builds an object
 * quickly only while each field it meets is the one expected after the previous; otherwise it
 * looks the field name up, which costs most when the engine's work between two persons has pushed
 * those tables out of the processor's caches. An array needs no field names, and the worker makes
 * each charge with all its fields at once (one shape for every charge).
 *
 * An absent field is `null` in the array (JSON's only way to leave a place empty) and `undefined`
 * in the object made from it: the engine reads a field that is not there and one that is
 * `undefined` alike. A person any of whose fields the arrays do not hold (a field not listed
 * below, or a `null` value) goes as the plain object, as before: the worker tells the two apart
 * by the first character of the line.
 */
import type { Charge, Person } from '../core/types.js';
import type { Prepared } from './batch-core.js';

/** The Person fields, in array order (`charges` goes in its place, as arrays of CHARGE_FIELDS). */
export const PERSON_FIELDS = [
  'id',
  'state',
  'zip',
  'birth_date',
  'pending_charges',
  'incarcerated',
  'on_parole',
  'on_probation',
  'registered_sex_offender',
  'record_complete',
  'prior_relief',
  'as_of',
  'charges',
  'extra',
  'assumed',
] as const satisfies readonly (keyof Person)[];

/** The Charge fields, in array order. */
export const CHARGE_FIELDS = [
  'index',
  'case_number',
  'state',
  'court',
  'offense',
  'statute',
  'category',
  'level',
  'class',
  'disposition',
  'disposition_detail',
  'disposition_date',
  'arrest_date',
  'offense_date',
  'sentence_date',
  'sentence_type',
  'release_date',
  'sentence_completed',
  'sentence_completed_date',
  'pardon_date',
  'fines_paid',
  'sentence_revoked',
  'sentence_end_planned',
  'cannabis_grams',
  'age_at_offense',
  'extra',
] as const satisfies readonly (keyof Charge)[];

const PERSON_SET = new Set<string>(PERSON_FIELDS);
const CHARGE_SET = new Set<string>(CHARGE_FIELDS);
const CHARGES_AT = PERSON_FIELDS.indexOf('charges');

/** An object's fields in `fields` order, or undefined when it has another field or a null value. */
function toArray(o: object, fields: readonly string[], known: Set<string>): unknown[] | undefined {
  for (const k in o) if (!known.has(k)) return undefined;
  const rec = o as Record<string, unknown>;
  const out: unknown[] = new Array(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const v = rec[fields[i]!];
    if (v === null) return undefined;
    out[i] = v;
  }
  return out;
}

/** A prepared record as one line of text for a worker (decodePrepared reads it back). */
export function encodePrepared(p: Prepared): string {
  if (!('person' in p)) return JSON.stringify(p);
  const person = toArray(p.person, PERSON_FIELDS, PERSON_SET);
  if (!person) return JSON.stringify(p);
  const charges: unknown[][] = [];
  for (const c of p.person.charges) {
    const a = toArray(c, CHARGE_FIELDS, CHARGE_SET);
    if (!a) return JSON.stringify(p);
    charges.push(a);
  }
  person[CHARGES_AT] = charges;
  return JSON.stringify(person);
}

/** A place of a decoded array: taken as whatever field type it fills (encodePrepared wrote it from one). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Cell = any;
/** An absent field (null in the array) as absent. */
const u = (v: Cell): Cell => (v === null ? undefined : v);

/** One charge from its array: every field, in one shape. */
function chargeOf(a: Cell[]): Charge {
  return {
    index: a[0],
    case_number: u(a[1]),
    state: a[2],
    court: u(a[3]),
    offense: u(a[4]),
    statute: u(a[5]),
    category: u(a[6]),
    level: u(a[7]),
    class: u(a[8]),
    disposition: u(a[9]), // absent when unknown (intake: null or a blank cell)
    disposition_detail: u(a[10]),
    disposition_date: u(a[11]),
    arrest_date: u(a[12]),
    offense_date: u(a[13]),
    sentence_date: u(a[14]),
    sentence_type: u(a[15]),
    release_date: u(a[16]),
    sentence_completed: u(a[17]),
    sentence_completed_date: u(a[18]),
    pardon_date: u(a[19]),
    fines_paid: u(a[20]),
    sentence_revoked: u(a[21]),
    sentence_end_planned: u(a[22]),
    cannabis_grams: u(a[23]),
    age_at_offense: u(a[24]),
    extra: a[25],
  };
}

/** A line of encodePrepared back to the prepared record (a plain object line as JSON.parse). */
export function decodePrepared(line: string): Prepared {
  if (line.charCodeAt(0) !== 0x5b /* [ */) return JSON.parse(line) as Prepared;
  const a = JSON.parse(line) as Cell[];
  const cs = a[12] as unknown as Cell[][];
  const charges: Charge[] = new Array(cs.length);
  for (let i = 0; i < cs.length; i++) charges[i] = chargeOf(cs[i]!);
  const person: Person = {
    id: a[0],
    state: a[1],
    zip: u(a[2]),
    birth_date: u(a[3]),
    pending_charges: u(a[4]),
    incarcerated: u(a[5]),
    on_parole: u(a[6]),
    on_probation: u(a[7]),
    registered_sex_offender: u(a[8]),
    record_complete: a[9],
    prior_relief: a[10],
    as_of: u(a[11]),
    charges,
    extra: a[13],
    assumed: u(a[14]),
  };
  return { person };
}
