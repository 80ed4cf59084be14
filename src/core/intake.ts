/**
 * The case-file contract's input side: one raw person record (parsed from JSON, YAML or grouped
 * CSV rows) becomes a checked `Person`, or a list of problems naming the field.
 * Pure: the readers in src/io hand it plain objects.
 */
import { MAX_GRAMS } from './parse-answer.js';
import { isIsoDate, MAX_AS_OF } from './dates.js';
import type { Charge, FactDef, FactValue, Person, PriorRelief, Problem } from './types.js';

export interface IntakeOptions {
  /** The day the screening judges on; dates after it are errors. */
  asOf: string;
  /** Where the person starts in the input (line or CSV row), for messages. */
  row?: number;
  /** The input row of each charge (CSV), for messages. */
  chargeRows?: number[];
  /** Facts assumed for every person whose own record does not give them (`batch --assume`). */
  assume?: Assumption[];
}

/** A fact an office knows for every client (`batch --assume FACT=VALUE`). */
export interface Assumption {
  fact: string;
  level: 'person' | 'charge';
  value: string | number | boolean;
  /** As written on the command line, for messages. */
  text: string;
}

/**
 * Read `FACT=VALUE` against the vocabulary. The error says what is wrong; `fact` is set when the
 * name was the problem, so the caller can suggest the nearest name.
 */
export function parseAssumption(text: string, vocab: Map<string, FactDef>): { ok: true; value: Assumption } | { ok: false; error: string; badName?: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) return { ok: false, error: `"${text}" is not FACT=VALUE (for example incarcerated=no)` };
  const fact = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const def = vocab.get(fact);
  if (!def || (def.level !== 'person' && def.level !== 'charge') || fact === 'id' || fact === 'state' || fact === 'charges') {
    return { ok: false, error: def ? `"${fact}" is worked out from the record; it cannot be assumed` : `unknown fact "${fact}"`, ...(def ? {} : { badName: fact }) };
  }
  if (raw === '') return { ok: false, error: `"${fact}=" needs a value` };
  const ck = new Checker(vocab, '9999-12-31');
  const v = ck.value(def, fact, raw, {});
  if (v === undefined) return { ok: false, error: ck.errors[0]?.message ?? `"${raw}" is not a value of ${fact}` };
  return { ok: true, value: { fact, level: def.level, value: v, text: `${fact}=${raw}` } };
}

export interface Intake {
  person?: Person;
  errors: Problem[];
  /** Field names the contract does not know; the caller warns once per name. */
  unknownFields: string[];
}

const PERSON_FIELDS = new Set([
  'id', 'state', 'zip', 'birth_date', 'pending_charges', 'incarcerated', 'on_parole', 'on_probation',
  'registered_sex_offender', 'record_complete', 'prior_relief', 'as_of', 'charges',
]);
const CHARGE_FIELDS = new Set([
  'case_number', 'state', 'court', 'offense', 'statute', 'category', 'level', 'class', 'disposition',
  'disposition_detail', 'disposition_date', 'arrest_date', 'offense_date', 'sentence_date', 'sentence_type',
  'release_date', 'sentence_completed', 'sentence_completed_date', 'sentence_end_planned', 'sentence_revoked', 'pardon_date', 'fines_paid',
  'cannabis_grams', 'age_at_offense',
]);
/** Dates that cannot lie after the day of the screening. */
const PAST_DATES = new Set([
  'birth_date', 'disposition_date', 'arrest_date', 'offense_date', 'sentence_date', 'release_date', 'pardon_date',
]);
// sentence_completed_date may lie after the screening date: that is a planned end (sentence_end_planned).

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);
const UNKNOWN_WORDS = new Set(['unknown', "don't know", 'not sure', '?']);

/** Each enum's values by exact spelling, then by lower case (built once per fact definition). */
const enumIndex = new WeakMap<FactDef, { exact: Set<string>; lower: Map<string, string> }>();
function enumLookup(def: FactDef): { exact: Set<string>; lower: Map<string, string> } {
  let m = enumIndex.get(def);
  if (!m) {
    const values = def.values ?? [];
    const lower = new Map<string, string>();
    for (const v of values) if (!lower.has(v.toLowerCase())) lower.set(v.toLowerCase(), v);
    m = { exact: new Set(values), lower };
    enumIndex.set(def, m);
  }
  return m;
}

/** Date facts of events that may never have happened: `none` says it did not. */
export const NEVER_DATES: ReadonlySet<string> = new Set(['pardon_date']);

/**
 * Dates of one charge in the order things happen: [earlier, later] (the same day is fine), the
 * nearest earlier date first for each later one. An
 * arrest or a case's end cannot come before the offense, a sentence cannot end before the case
 * ended, and so on. Pairs a court could really record either way (a sentence date and the
 * disposition date of a supervision) are left out.
 */
export const DATE_ORDER: readonly (readonly [earlier: string, later: string])[] = [
  ['offense_date', 'arrest_date'],
  ['arrest_date', 'disposition_date'],
  ['offense_date', 'disposition_date'],
  ['offense_date', 'sentence_date'],
  ['offense_date', 'release_date'],
  ['disposition_date', 'sentence_completed_date'],
  ['arrest_date', 'sentence_completed_date'],
  ['offense_date', 'sentence_completed_date'],
  ['offense_date', 'pardon_date'],
];
/** Dates of a charge that cannot come before the person's birth. */
export const CHARGE_DATES: readonly string[] = ['offense_date', 'arrest_date', 'disposition_date', 'sentence_date', 'release_date', 'sentence_completed_date', 'pardon_date'];
/** How far back a date can plausibly lie, in years before the screening date. */
export const OLDEST_YEARS = { birth_date: 120, charge: 100 } as const;

/** A date as known: one day (from = to), or any day of a month or a year. */
export interface DateSpan {
  from: string;
  to: string;
}

/** An impossible date: `field` lies before `earlier` (another date of the record), or too long ago. */
export type DateClash =
  | { kind: 'order'; field: string; date: string; earlier: string; earlierDate: string }
  | { kind: 'old'; field: string; date: string; limit: string };

const span = (v: unknown): DateSpan | undefined => {
  if (typeof v === 'string') return { from: v, to: v };
  if (v && typeof v === 'object' && 'from' in v && 'to' in v) return v as DateSpan;
  return undefined;
};
const yearsBefore = (d: string, years: number) => `${String(Number(d.slice(0, 4)) - years).padStart(4, '0')}${d.slice(4)}`;

/**
 * The impossible dates of one charge (and the birth date): a date that must come after another
 * but surely lies before it (every day of its span before every day of the other's), or one more
 * than 100 years (a birth date: 120) before the screening date. Dates are YYYY-MM-DD strings or
 * spans (a month or a year, as answered in the questionnaire). One check for answers files,
 * `check`, `batch` and the questionnaire (which names the dates in plain words).
 */
export function dateClashes(charge: Record<string, unknown>, birth: unknown, asOf: string): DateClash[] {
  const out: DateClash[] = [];
  const text = (s: DateSpan) => (s.from === s.to ? s.from : `${s.from}…${s.to}`);
  const b = span(birth);
  const limit = yearsBefore(asOf, OLDEST_YEARS.charge);
  for (const f of CHARGE_DATES) {
    const d = span(charge[f]);
    if (!d) continue;
    if (b && d.to < b.from) out.push({ kind: 'order', field: f, date: text(d), earlier: 'birth_date', earlierDate: text(b) });
    else if (d.to < limit) out.push({ kind: 'old', field: f, date: text(d), limit });
  }
  for (const [e, l] of DATE_ORDER) {
    const de = span(charge[e]);
    const dl = span(charge[l]);
    if (de && dl && dl.to < de.from) out.push({ kind: 'order', field: l, date: text(dl), earlier: e, earlierDate: text(de) });
  }
  return out;
}

/** A birth date more than 120 years before the screening date. */
export function birthClash(birth: unknown, asOf: string): DateClash | undefined {
  const b = span(birth);
  const limit = yearsBefore(asOf, OLDEST_YEARS.birth_date);
  return b && b.to < limit ? { kind: 'old', field: 'birth_date', date: b.from === b.to ? b.from : `${b.from}…${b.to}`, limit } : undefined;
}

/** The English message of a clash, for a record's errors. */
export function clashMessage(c: DateClash): string {
  if (c.kind === 'old') return `${c.date} is more than ${c.field === 'birth_date' ? OLDEST_YEARS.birth_date : OLDEST_YEARS.charge} years before the screening date; check the year`;
  return `${c.date} is before the ${c.earlier.replace(/_date$/, '').replace(/_/g, ' ')} date ${c.earlierDate}`;
}

class Checker {
  errors: Problem[] = [];
  constructor(
    private vocab: Map<string, FactDef>,
    readonly asOf: string,
  ) {}

  private fail(where: Omit<Problem, 'message' | 'field'>, field: string, message: string): undefined {
    this.errors.push({ ...where, field, message });
    return undefined;
  }

  value(def: FactDef | undefined, field: string, raw: unknown, where: Omit<Problem, 'message' | 'field'>): FactValue {
    if (isBlank(raw)) return undefined;
    if (Array.isArray(raw) || (typeof raw === 'object' && !(raw instanceof Date))) {
      return this.fail(where, field, `expected one value, found ${Array.isArray(raw) ? 'a list' : 'an object'}`);
    }
    const type = def?.type ?? 'string';
    switch (type) {
      case 'boolean': {
        if (typeof raw === 'boolean') return raw;
        const s = String(raw).trim().toLowerCase();
        if (TRUE_WORDS.has(s)) return true;
        if (FALSE_WORDS.has(s)) return false;
        if (UNKNOWN_WORDS.has(s)) return undefined;
        return this.fail(where, field, `"${raw}" is not true or false`);
      }
      case 'number': {
        const text = String(raw).trim();
        // plain decimal numbers only: "0x1e", "1e3" or "Infinity" are not amounts anyone writes
        const n = typeof raw === 'number' ? raw : /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
        if (!Number.isFinite(n) || text === '') return this.fail(where, field, `"${raw}" is not a number`);
        if (n < 0) return this.fail(where, field, `${n} cannot be negative`);
        if (def?.unit === 'grams' && n > MAX_GRAMS) return this.fail(where, field, `${n} grams is more than a tonne; check the amount (in grams: 1 ounce = 28.35)`);
        return n;
      }
      case 'date': {
        const s = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim();
        // "none": known never to have happened (no pardon), unlike null, which is unknown
        if (NEVER_DATES.has(field) && s.toLowerCase() === 'none') return null as unknown as FactValue;
        if (!isIsoDate(s)) {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return this.fail(where, field, `"${s}" is not a date written YYYY-MM-DD`);
          return this.fail(where, field, `${s} is not a real calendar date`);
        }
        if (PAST_DATES.has(field) && s > this.asOf) return this.fail(where, field, `${s} is after the screening date ${this.asOf}`);
        return s;
      }
      case 'enum': {
        const s = String(raw).trim();
        if (def) {
          const { exact, lower } = enumLookup(def);
          if (exact.has(s)) return s;
          const hit = lower.get(s.toLowerCase());
          if (hit !== undefined) return hit;
        }
        return this.fail(where, field, `unknown value "${s}"; expected one of ${(def?.values ?? []).join(', ')}`);
      }
      default:
        return typeof raw === 'object' ? this.fail(where, field, 'expected text, found a list or object') : String(raw).trim();
    }
  }
}

/**
 * Where a field of a charge record goes: a contract field of the charge, a fact the rule files
 * declare for charges (`extra`), a person's field (ignored on a charge: CSV rows carry both), or
 * unknown. Worked out once per field name and vocabulary.
 */
interface ChargeField {
  where: 'charge' | 'extra' | 'person' | 'unknown';
  def: FactDef | undefined;
}
const chargeFields = new WeakMap<Map<string, FactDef>, Map<string, ChargeField>>();
function chargeFieldOf(vocab: Map<string, FactDef>, key: string): ChargeField {
  let m = chargeFields.get(vocab);
  if (!m) chargeFields.set(vocab, (m = new Map()));
  let f = m.get(key);
  if (!f) {
    const def = vocab.get(key);
    const where = CHARGE_FIELDS.has(key)
      ? 'charge'
      : def?.level === 'charge'
        ? 'extra'
        : PERSON_FIELDS.has(key) || def?.level === 'person' || key === 'id'
          ? 'person'
          : 'unknown';
    f = { where, def };
    if (m.size < 10_000) m.set(key, f); // field names come from input headers: keep it bounded
  }
  return f;
}

/** Normalise a raw record. Never throws on bad data: problems come back in `errors`. */
export function intakePerson(raw: unknown, vocab: Map<string, FactDef>, opts: IntakeOptions): Intake {
  const unknownFields: string[] = [];
  const base = opts.row !== undefined ? { row: opts.row } : {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { errors: [{ ...base, message: 'expected a person object with id, state and charges' }], unknownFields };
  }
  const rec = raw as Record<string, unknown>;
  // as_of first: other dates are checked against it.
  let asOf = opts.asOf;
  const pre = new Checker(vocab, '9999-12-31');
  const ownAsOf = pre.value({ name: 'as_of', level: 'person', type: 'date', label: { en: 'as_of' } }, 'as_of', rec.as_of, base);
  if (typeof ownAsOf === 'string') asOf = ownAsOf;
  const ck = new Checker(vocab, asOf);
  ck.errors.push(...pre.errors);
  if (typeof ownAsOf === 'string' && ownAsOf > MAX_AS_OF) ck.errors.push({ ...base, field: 'as_of', message: `${ownAsOf} is after ${MAX_AS_OF}, the latest day fairshot judges on` });

  const id = isBlank(rec.id) ? undefined : String(rec.id).trim();
  if (id === undefined) ck.errors.push({ ...base, field: 'id', message: 'missing: every person needs an id' });
  if (isBlank(rec.state)) ck.errors.push({ ...base, field: 'state', message: 'missing: the state the person lives in' });
  const state = ck.value(vocab.get('state'), 'state', typeof rec.state === 'string' ? rec.state.toUpperCase() : rec.state, base);

  const person: Person = {
    id: id ?? '',
    state: (state as string) ?? '',
    record_complete: true,
    prior_relief: [],
    charges: [],
    extra: {},
  };
  if (typeof ownAsOf === 'string') person.as_of = ownAsOf;

  // for…in, not Object.entries: no array per field (records are plain objects: own keys only)
  for (const key in rec) {
    const value = rec[key];
    if (key === 'id' || key === 'state' || key === 'as_of' || key === 'charges') continue;
    if (key === 'zip') {
      if (isBlank(value)) continue;
      if (typeof value === 'object') {
        // ["60614"] read as text is "60614": a list is not one ZIP code
        ck.errors.push({ ...base, field: 'zip', message: `expected one value, found ${Array.isArray(value) ? 'a list' : 'an object'}` });
        continue;
      }
      const z = typeof value === 'number' ? String(value).padStart(5, '0') : String(value).trim();
      if (/^\d{5}(-\d{4})?$/.test(z)) person.zip = z.slice(0, 5);
      else ck.errors.push({ ...base, field: 'zip', message: `"${value}" is not a 5-digit ZIP code` });
      continue;
    }
    if (key === 'prior_relief') {
      person.prior_relief = priorRelief(value, ck, base);
      continue;
    }
    const def = vocab.get(key);
    if (PERSON_FIELDS.has(key) || def?.level === 'person') {
      const v = ck.value(def, key, value, base);
      if (key === 'record_complete') person.record_complete = v !== false;
      else if (PERSON_FIELDS.has(key)) (person as unknown as Record<string, FactValue>)[key] = v;
      else person.extra[key] = v;
      continue;
    }
    if (CHARGE_FIELDS.has(key) || def?.level === 'charge') continue; // a charge field on a person row (CSV)
    unknownFields.push(key);
  }

  const oldBirth = birthClash(person.birth_date, asOf);
  if (oldBirth) ck.errors.push({ ...base, field: 'birth_date', message: clashMessage(oldBirth) });

  const rawCharges = rec.charges;
  if (rawCharges === undefined || rawCharges === null) {
    ck.errors.push({ ...base, field: 'charges', message: 'missing: a list of charges (it may be empty)' });
  } else if (!Array.isArray(rawCharges)) {
    ck.errors.push({ ...base, field: 'charges', message: 'expected a list of charges' });
  } else {
    rawCharges.forEach((rc, i) => {
      const where = { row: opts.chargeRows?.[i] ?? opts.row, charge: i };
      if (where.row === undefined) delete where.row;
      if (typeof rc !== 'object' || rc === null || Array.isArray(rc)) {
        ck.errors.push({ ...where, message: 'expected a charge object' });
        return;
      }
      const charge: Charge = { index: i, state: person.state, disposition: 'convicted', extra: {} };
      const fields = rc as Record<string, unknown>;
      for (const key in fields) {
        const value = fields[key];
        const f = chargeFieldOf(vocab, key);
        if (f.where === 'unknown') unknownFields.push(key);
        if (f.where !== 'charge' && f.where !== 'extra') continue;
        const v = ck.value(f.def, key, key === 'state' && typeof value === 'string' ? value.toUpperCase() : value, where);
        if (v === undefined) continue;
        if (f.where === 'charge') (charge as unknown as Record<string, FactValue>)[key] = v;
        else charge.extra[key] = v;
      }
      // `disposition: null` is "asked, and did not know": unknown, whichever command reads the file;
      // so is an empty one (a blank cell of a CSV's disposition column: a court export's pending or
      // unrecorded case). Only an absent disposition takes the contract's default (convicted).
      if ('disposition' in fields && isBlank(fields.disposition)) delete charge.disposition;
      if (charge.sentence_completed_date !== undefined && charge.sentence_completed_date > asOf) {
        // A sentence that ends after the screening date is not finished: it is planned to end then.
        charge.sentence_end_planned = charge.sentence_completed_date;
        delete charge.sentence_completed_date;
        charge.sentence_completed = false;
      }
      if (charge.sentence_completed === false && charge.sentence_completed_date !== undefined) {
        ck.errors.push({ ...where, field: 'sentence_completed', message: 'is false, but sentence_completed_date is given' });
      }
      if (charge.sentence_completed_date !== undefined) {
        charge.sentence_completed = true;
        delete charge.sentence_end_planned; // finished: the plan no longer matters
      }
      if (charge.sentence_end_planned !== undefined && charge.disposition !== 'convicted') delete charge.sentence_end_planned;
      const named = new Set<string>(); // one problem per date: the nearest date it cannot precede
      for (const c of dateClashes(charge as unknown as Record<string, unknown>, person.birth_date, asOf)) {
        if (named.has(c.field)) continue;
        named.add(c.field);
        ck.errors.push({ ...where, field: c.field, message: clashMessage(c) });
      }
      person.charges.push(charge);
    });
  }
  if (ck.errors.length > 0) return { errors: ck.errors, unknownFields };
  if (opts.assume?.length) assumeFacts(person, rec, opts.assume);
  return { person, errors: [], unknownFields };
}

/** Fill in assumed facts where the person's own record says nothing; note which were used. */
function assumeFacts(person: Person, rec: Record<string, unknown>, assume: Assumption[]): void {
  const used: string[] = [];
  const slot = (o: object, f: string) => (f in o && (o as Record<string, unknown>)[f] !== undefined);
  for (const a of assume) {
    let applied = false;
    if (a.level === 'person') {
      const given = a.fact === 'record_complete' ? !isBlank(rec.record_complete) : slot(person, a.fact) || person.extra[a.fact] !== undefined;
      if (!given) {
        if (PERSON_FIELDS.has(a.fact)) (person as unknown as Record<string, FactValue>)[a.fact] = a.value;
        else person.extra[a.fact] = a.value;
        applied = true;
      }
    } else {
      for (const c of person.charges) {
        if (slot(c, a.fact) || c.extra[a.fact] !== undefined) continue;
        if (CHARGE_FIELDS.has(a.fact)) (c as unknown as Record<string, FactValue>)[a.fact] = a.value;
        else c.extra[a.fact] = a.value;
        applied = true;
      }
    }
    if (applied) used.push(a.text);
  }
  if (used.length) person.assumed = used;
}

function priorRelief(value: unknown, ck: Checker, base: { row?: number }): PriorRelief[] {
  if (isBlank(value)) return [];
  if (!Array.isArray(value)) {
    ck.errors.push({ ...base, field: 'prior_relief', message: 'expected a list of {kind, state, date}' });
    return [];
  }
  const out: PriorRelief[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null || isBlank((item as Record<string, unknown>).kind)) {
      ck.errors.push({ ...base, field: 'prior_relief', message: 'each entry needs at least a kind' });
      continue;
    }
    const it = item as Record<string, unknown>;
    const pr: PriorRelief = { kind: String(it.kind) };
    if (!isBlank(it.state)) pr.state = String(it.state).toUpperCase();
    const d = ck.value({ name: 'date', level: 'person', type: 'date', label: { en: 'date' } }, 'prior_relief.date', it.date, base);
    if (typeof d === 'string' && d > ck.asOf) ck.errors.push({ ...base, field: 'prior_relief', message: `${d} is after the screening date ${ck.asOf}` });
    else if (typeof d === 'string') pr.date = d;
    out.push(pr);
  }
  return out;
}
