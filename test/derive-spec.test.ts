/**
 * Derived facts declared in rule files (`derive:`): counts, exists, latest and earliest over the
 * record, the other charges, the same case or later ones, three-valued like every condition.
 */
import { describe, expect, it } from 'vitest';
import { factValue, type Scope } from '../src/core/conditions.js';
import { intakePerson } from '../src/core/intake.js';
import type { DeriveSpec, FactDef, Jurisdiction, Person } from '../src/core/types.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const base = rules.jurisdictions.get('IL')!;

function jurWith(specs: Record<string, [FactDef['type'], DeriveSpec]>): Jurisdiction {
  const facts = new Map(base.facts);
  for (const [name, [type, derive]] of Object.entries(specs)) facts.set(name, { name, level: 'derived', type, label: name, derive });
  return { ...base, facts };
}

const jur = jurWith({
  felonies: ['number', { over: 'record', where: { all: [{ fact: 'disposition', eq: 'convicted' }, { fact: 'level', eq: 'felony' }] }, count: true }],
  any_theft_conviction: ['boolean', { over: 'record', where: { all: [{ fact: 'disposition', eq: 'convicted' }, { fact: 'category', eq: 'theft' }] }, exists: true }],
  last_end: ['date', { over: 'record', where: { fact: 'disposition', eq: 'convicted' }, latest: 'sentence_end' }],
  first_conviction: ['date', { over: 'record', where: { fact: 'disposition', eq: 'convicted' }, earliest: 'disposition_date' }],
  violent_in_case: ['boolean', { over: 'same_case', where: { fact: 'category', in: ['assault', 'robbery', 'homicide'] }, exists: true }],
  later_conv: ['number', { over: 'later', where: { fact: 'disposition', eq: 'convicted' }, count: true }],
});

function person(raw: Record<string, unknown>): Person {
  const r = intakePerson({ id: 'p', state: 'IL', ...raw }, rules.facts, { asOf: '2026-12-01' });
  if (!r.person) throw new Error(JSON.stringify(r.errors));
  return r.person;
}
const value = (p: Person, name: string, i = 0) => {
  const scope: Scope = { person: p, charge: p.charges[i], jur, cache: new Map(), personCache: new Map() };
  return factValue(scope, name);
};

const felony = { disposition: 'convicted', level: 'felony', category: 'burglary', disposition_date: '2015-03-01', sentence_type: 'probation', sentence_completed_date: '2017-03-01' };
const misd = { disposition: 'convicted', level: 'misdemeanor', category: 'theft', disposition_date: '2018-05-01', sentence_type: 'none' };
const dismissed = { disposition: 'dismissed', category: 'assault', disposition_date: '2019-01-01' };

describe('derive: over the whole record', () => {
  it('counts exactly on a complete record, and gives a lower bound on an incomplete one', () => {
    expect(value(person({ record_complete: true, charges: [felony, misd, dismissed] }), 'felonies')).toBe(1);
    expect(value(person({ record_complete: false, charges: [felony, misd, dismissed] }), 'felonies')).toEqual({ atLeast: 1 });
  });
  it('a charge whose level is unknown makes the count a lower bound', () => {
    expect(value(person({ record_complete: true, charges: [felony, { ...misd, level: undefined }] }), 'felonies')).toEqual({ atLeast: 1 });
  });
  it('exists: true on a match, false only on a complete record, unknown otherwise', () => {
    expect(value(person({ charges: [misd] }), 'any_theft_conviction')).toBe(true);
    expect(value(person({ record_complete: true, charges: [felony] }), 'any_theft_conviction')).toBe(false);
    expect(value(person({ record_complete: false, charges: [felony] }), 'any_theft_conviction')).toBeUndefined();
    expect(value(person({ record_complete: true, charges: [{ ...felony, category: undefined }] }), 'any_theft_conviction')).toBeUndefined();
  });
  it('latest: the latest date among matches; null with none; unknown when a date or the record is missing', () => {
    expect(value(person({ record_complete: true, charges: [felony, misd, dismissed] }), 'last_end')).toBe('2018-05-01');
    expect(value(person({ record_complete: true, charges: [dismissed] }), 'last_end')).toBeNull();
    expect(value(person({ record_complete: false, charges: [felony, misd] }), 'last_end')).toBeUndefined();
    expect(value(person({ record_complete: true, charges: [felony, { ...misd, sentence_type: 'probation' }] }), 'last_end')).toBeUndefined();
  });
  it('latest: a charge that may or may not match matters only if its date is later', () => {
    const unsure = { ...dismissed, disposition: 'convicted', sentence_type: 'none', disposition_date: '2016-01-01', level: undefined };
    const w: DeriveSpec = { over: 'record', where: { all: [{ fact: 'disposition', eq: 'convicted' }, { fact: 'level', eq: 'misdemeanor' }] }, latest: 'sentence_end' };
    const j2 = jurWith({ x: ['date', w] });
    const v = (p: Person) => factValue({ person: p, charge: p.charges[0], jur: j2, cache: new Map(), personCache: new Map() }, 'x');
    expect(v(person({ record_complete: true, charges: [misd, unsure] }))).toBe('2018-05-01');
    expect(v(person({ record_complete: true, charges: [misd, { ...unsure, disposition_date: '2020-01-01' }] }))).toBeUndefined();
  });
  it('earliest: the earliest date among matches', () => {
    expect(value(person({ record_complete: true, charges: [misd, felony] }), 'first_conviction')).toBe('2015-03-01');
  });
});

describe('derive: relative to the charge judged', () => {
  const cannabis = { case_number: 'A1', category: 'cannabis_possession', disposition: 'dismissed', disposition_date: '2017-01-01' };
  it('same_case: a complete record with no violent charge in the case settles it', () => {
    expect(value(person({ record_complete: true, charges: [cannabis, { ...dismissed, case_number: 'B2' }] }), 'violent_in_case')).toBe(false);
    expect(value(person({ record_complete: true, charges: [cannabis, { ...dismissed, case_number: 'A1' }] }), 'violent_in_case')).toBe(true);
    expect(value(person({ record_complete: false, charges: [cannabis] }), 'violent_in_case')).toBeUndefined();
  });
  it('same_case: unknown without a case number on the charge judged, or on another charge that could be violent', () => {
    expect(value(person({ record_complete: true, charges: [{ ...cannabis, case_number: undefined }, dismissed] }), 'violent_in_case')).toBeUndefined();
    // the only charge on a complete record: no other charge can be in its case
    expect(value(person({ record_complete: true, charges: [{ ...cannabis, case_number: undefined }] }), 'violent_in_case')).toBe(false);
    expect(value(person({ record_complete: true, charges: [cannabis, dismissed] }), 'violent_in_case')).toBeUndefined();
    expect(value(person({ record_complete: true, charges: [cannabis, { ...misd }] }), 'violent_in_case')).toBe(false);
  });
  it('later: only convictions decided after the charge judged', () => {
    const p = person({ record_complete: true, charges: [felony, misd] });
    expect(value(p, 'later_conv', 0)).toBe(1);
    expect(value(p, 'later_conv', 1)).toBe(0);
  });
});
