/**
 * Facts the engine computes from the record instead of asking for them.
 *
 * Return values:
 *   undefined       unknown (a rule that needs it answers needs_review)
 *   null            known to be absent (no conviction, so no "last conviction date")
 *   { atLeast: n }  a count that is at least n (the record is incomplete, or some dates are missing)
 *   { notAfter: d } a date nobody gave that cannot lie after d: a later date of the same case is known
 *                   (the offense comes before the case ends, the case ends before its sentence does)
 *
 * None of these depends on the as-of date, so conditions never change with time; only
 * waiting periods do (see evaluate.ts). That keeps `eligible_on` honest.
 */
import { maxDate, yearsBetween } from './dates.js';
import type { Charge, Person } from './types.js';

export interface AtLeast {
  atLeast: number;
}
/** A date nobody gave, known to lie on or before `notAfter`. */
export interface NotAfter {
  notAfter: string;
}
export type Derived = string | number | boolean | null | undefined | AtLeast | NotAfter;

export function isAtLeast(v: unknown): v is AtLeast {
  return typeof v === 'object' && v !== null && 'atLeast' in v;
}

export function isNotAfter(v: unknown): v is NotAfter {
  return typeof v === 'object' && v !== null && 'notAfter' in v;
}

/**
 * The dates of one case that must come later than each date of it: an offense comes before its
 * arrest, its sentencing and the end of the case; a case ends (the disposition) no later than its
 * sentence does. Only orders that always hold in the world, and that intake enforces where both
 * dates are given, so a bound never excludes a true date.
 */
export const LATER_DATES: Readonly<Record<string, readonly (keyof Charge)[]>> = {
  offense_date: ['arrest_date', 'disposition_date', 'sentence_date', 'sentence_completed_date'],
  arrest_date: ['disposition_date', 'sentence_completed_date'],
  disposition_date: ['sentence_completed_date'],
};

/** The latest day an unknown date of this charge can be (from the later dates given), or undefined. */
export function dateBound(charge: Charge, name: string): NotAfter | undefined {
  const later = LATER_DATES[name];
  if (!later) return undefined;
  let min: string | undefined;
  for (const f of later) {
    const d = charge[f];
    if (typeof d === 'string' && (min === undefined || d < min)) min = d;
  }
  return min === undefined ? undefined : { notAfter: min };
}

const isConviction = (c: Charge) => c.disposition === 'convicted';

/** Count the charges matching `pred`, or a lower bound when some cannot be judged. */
function count(person: Person, pred: (c: Charge) => boolean | undefined): number | AtLeast {
  let n = 0;
  let unsure = !person.record_complete;
  for (const c of person.charges) {
    const r = pred(c);
    if (r === true) n++;
    else if (r === undefined) unsure = true;
  }
  return unsure ? { atLeast: n } : n;
}

export function sentenceCompleted(c: Charge): boolean | undefined {
  if (c.sentence_completed_date !== undefined) return true;
  return c.sentence_completed;
}

/** The day this charge's whole sentence ended, where the record says it. */
export function sentenceEnd(c: Charge): string | null | undefined {
  if (!isConviction(c)) return null;
  if (c.sentence_completed_date !== undefined) return c.sentence_completed_date;
  if (c.sentence_type === 'none' && c.disposition_date !== undefined) return c.disposition_date;
  return undefined;
}

export const DERIVED_CHARGE_FACTS = [
  'later_convictions',
  'same_case_conviction',
  'sentence_end',
  'age_at_offense',
  'sentence_completed',
] as const;

export const DERIVED_PERSON_FACTS = [
  'other_convictions',
  'felony_convictions',
  'misdemeanor_convictions',
  'last_conviction_date',
  'all_sentences_completed',
  'last_sentence_end',
] as const;

/** All fact names that derive.ts knows how to compute (checked against rules/facts.yaml by the lint). */
export const DERIVED_FACTS: readonly string[] = [...DERIVED_CHARGE_FACTS, ...DERIVED_PERSON_FACTS].filter(
  (f) => f !== 'age_at_offense' && f !== 'sentence_completed',
);

export function deriveChargeFact(name: string, person: Person, charge: Charge): Derived {
  switch (name) {
    case 'later_convictions': {
      const ref = charge.disposition_date;
      return count(person, (c) => {
        if (c.index === charge.index || !isConviction(c)) return false;
        if (ref === undefined || c.disposition_date === undefined) return undefined;
        return c.disposition_date > ref;
      });
    }
    case 'same_case_conviction': {
      // Another charge of the same case (same state, same kind of court, same case number) that
      // ended in a conviction. A charge whose case or ending is not known may be one; so may a
      // charge not listed, unless the record is complete. With none of those, the answer is no,
      // whether or not this charge's case number is known.
      let unsure = person.record_complete !== true;
      for (const c of person.charges) {
        if (c.index === charge.index || c.state !== charge.state) continue;
        if (c.court !== undefined && charge.court !== undefined && c.court !== charge.court) continue;
        const sameCase = c.case_number === undefined || charge.case_number === undefined ? undefined : c.case_number === charge.case_number;
        if (sameCase === false) continue;
        const convicted = c.disposition === undefined ? undefined : isConviction(c);
        if (convicted === false) continue;
        if (sameCase && convicted) return true;
        unsure = true;
      }
      return unsure ? undefined : false;
    }
    case 'sentence_end':
      return sentenceEnd(charge);
    case 'age_at_offense': {
      if (charge.age_at_offense !== undefined) return charge.age_at_offense;
      if (person.birth_date === undefined || charge.offense_date === undefined) return undefined;
      return yearsBetween(person.birth_date, charge.offense_date);
    }
    case 'sentence_completed':
      return sentenceCompleted(charge);
    default:
      return undefined;
  }
}

export function derivePersonFact(name: string, person: Person, self?: Charge): Derived {
  switch (name) {
    case 'other_convictions':
      return count(person, (c) => c.index !== self?.index && isConviction(c));
    case 'felony_convictions':
      return count(person, (c) => (isConviction(c) ? (c.level === undefined ? undefined : c.level === 'felony') : false));
    case 'misdemeanor_convictions':
      return count(person, (c) =>
        isConviction(c) ? (c.level === undefined ? undefined : c.level === 'misdemeanor') : false,
      );
    case 'last_conviction_date': {
      if (!person.record_complete) return undefined;
      // A conviction date nobody gave but bounded by a later date of its case bounds the result:
      // exact when a date given is later than every such bound.
      let last: string | undefined;
      let bound: string | undefined;
      let any = false;
      for (const c of person.charges) {
        if (!isConviction(c)) continue;
        any = true;
        if (c.disposition_date === undefined) {
          const b = dateBound(c, 'disposition_date');
          if (!b) return undefined;
          bound = maxDate(bound, b.notAfter);
        } else last = maxDate(last, c.disposition_date);
      }
      if (!any) return null;
      return bound === undefined || (last !== undefined && last >= bound) ? last : { notAfter: maxDate(last, bound)! };
    }
    case 'all_sentences_completed': {
      if (person.incarcerated === true || person.on_parole === true || person.on_probation === true) return false;
      let unknown = !person.record_complete;
      for (const c of person.charges) {
        if (!isConviction(c)) continue;
        const done = sentenceCompleted(c);
        if (done === false) return false;
        if (done === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    }
    case 'last_sentence_end': {
      if (!person.record_complete) return undefined;
      let last: string | undefined;
      let any = false;
      for (const c of person.charges) {
        if (!isConviction(c)) continue;
        any = true;
        const end = sentenceEnd(c);
        if (end === undefined || end === null) return undefined;
        last = maxDate(last, end);
      }
      return any ? last : null;
    }
    default:
      return undefined;
  }
}
