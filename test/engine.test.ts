/** The engine on the real Illinois rule files: three-valued logic, best route, law versions, intake. */
import { describe, expect, it } from 'vitest';
import { evalCondition, inList, type Scope } from '../src/core/conditions.js';
import { evaluatePerson, rulesInForce } from '../src/core/evaluate.js';
import { intakePerson } from '../src/core/intake.js';
import { screenRecord } from '../src/core/screen.js';
import type { Condition, Person } from '../src/core/types.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const IL = rules.jurisdictions.get('IL')!;

function person(raw: Record<string, unknown>, asOf = '2026-11-28'): Person {
  const r = intakePerson({ id: 'p', state: 'IL', ...raw }, rules.facts, { asOf });
  if (!r.person) throw new Error(JSON.stringify(r.errors));
  return r.person;
}

function scope(p: Person, chargeIndex = 0): Scope {
  return { person: p, charge: p.charges[chargeIndex], jur: IL, cache: new Map(), personCache: new Map() };
}

describe('three-valued conditions', () => {
  const p = person({ charges: [{ category: 'theft', disposition: 'dismissed' }] });
  const known: Condition = { fact: 'category', eq: 'theft' };
  const unknown: Condition = { fact: 'cannabis_grams', lte: 30 };
  const no: Condition = { fact: 'category', eq: 'dui' };
  const ev = (c: Condition) => evalCondition(c, scope(p), new Set());

  it('an unknown fact is unknown, and not-unknown stays unknown', () => {
    expect(ev(unknown)).toBeUndefined();
    expect(ev({ not: unknown })).toBeUndefined();
  });
  it('all: a false wins over unknown; any: a true wins over unknown', () => {
    expect(ev({ all: [no, unknown] })).toBe(false);
    expect(ev({ all: [known, unknown] })).toBeUndefined();
    expect(ev({ any: [known, unknown] })).toBe(true);
    expect(ev({ any: [no, unknown] })).toBeUndefined();
  });
  it('records which facts were missing', () => {
    const missing = new Set<string>();
    evalCondition({ all: [known, unknown] }, scope(p), missing);
    expect([...missing]).toEqual(['cannabis_grams']);
  });
  it('an open question of law is always unknown', () => {
    expect(ev({ open_question: 'whether the court may do this' })).toBeUndefined();
    expect(ev({ all: [no, { open_question: 'whether the court may do this' }] })).toBe(false);
  });
});

describe('offense lists', () => {
  const dui = IL.lists.get('dui')!;
  const reckless = IL.lists.get('reckless_driving')!;
  const on = (charge: Record<string, unknown>, list = dui) => inList(scope(person({ charges: [charge] })), list, new Set());

  it('match by category, statute prefix or offense words', () => {
    expect(on({ category: 'dui' })).toBe(true);
    expect(on({ category: 'traffic', statute: '625 ILCS 5/11-501(a)(2)' })).toBe(true);
    expect(on({ category: 'traffic', offense: 'Driving under the influence of alcohol' })).toBe(true);
  });
  it('do not match a neighbouring section or a word inside another word', () => {
    expect(on({ category: 'traffic', statute: '625 ILCS 5/11-501.1' })).toBe(false);
    expect(on({ category: 'theft', offense: 'conduit theft' })).toBe(false);
  });
  it('are unknown when the category could hold the offense and nothing more is known', () => {
    expect(on({ category: 'traffic' }, reckless)).toBeUndefined();
    expect(on({ category: 'theft' }, reckless)).toBe(false);
    expect(on({}, reckless)).toBeUndefined();
  });
});

describe('the best route per relief kind', () => {
  it('prefers eligible over eligible_on over needs_review over not_eligible', () => {
    const p = person({
      registered_sex_offender: false,
      charges: [{ category: 'cannabis_possession', disposition: 'dismissed', cannabis_grams: 12, arrest_date: '2018-01-01', disposition_date: '2018-03-01' }],
    });
    const r = evaluatePerson(p, rules, { asOf: '2026-11-28' });
    const ch = r.charges[0]!;
    // the automatic route needs two unknown facts; the petition route is open now
    expect(ch.rules.find((x) => x.rule === 'IL.cannabis-automatic-expungement')!.status).toBe('needs_review');
    expect(ch.relief.expungement).toMatchObject({ status: 'eligible', rule: 'IL.nonconviction-expungement', automatic: false });
  });

  it('gives the earliest date when only future routes are open', () => {
    const p = person({
      registered_sex_offender: false,
      il_education_during_sentence: false,
      charges: [{ category: 'theft', level: 'felony', disposition: 'convicted', disposition_date: '2024-01-01', sentence_completed_date: '2025-01-01' }],
    });
    const r = evaluatePerson(p, rules, { asOf: '2026-11-28' });
    expect(r.charges[0]!.relief.sealing).toMatchObject({ status: 'eligible_on', date: '2028-01-01', rule: 'IL.conviction-sealing' });
  });

  it('explains every verdict with its citation', () => {
    const p = person({ charges: [{ category: 'dui', level: 'misdemeanor', disposition: 'convicted', disposition_date: '2010-01-01', sentence_completed_date: '2011-01-01' }] });
    const r = evaluatePerson(p, rules, { asOf: '2026-11-28' });
    for (const rr of r.charges[0]!.rules) {
      expect(rr.reasons.length).toBeGreaterThan(0);
      expect(rr.citation).toMatch(/ILCS|P\.A\./);
    }
    const petition = r.charges[0]!.rules.find((x) => x.rule === 'IL.conviction-sealing')!;
    expect(petition.status).toBe('not_eligible');
    expect(petition.reasons.join(' ')).toMatch(/DUI/);
    // only a Prisoner Review Board certificate could open it: the answer turns on that, and says so
    expect(r.charges[0]!.relief.sealing.status).toBe('needs_review');
    expect(r.charges[0]!.relief.sealing.depends_on.map((d) => d.fact)).toContain('il_pardon_or_certificate');
  });
});

describe('law versions', () => {
  it('picks the version of a rule in force on the as-of date', () => {
    const before = rulesInForce(IL, '2026-05-31').find((r) => r.id === 'IL.conviction-sealing')!;
    const after = rulesInForce(IL, '2026-06-01').find((r) => r.id === 'IL.conviction-sealing')!;
    expect(before.effective.to).toBe('2026-05-31');
    expect(after.effective.from).toBe('2026-06-01');
  });
  it('treats a law not yet in force as a waiting period ending on its start date', () => {
    const p = person({ charges: [{ category: 'theft', level: 'misdemeanor', disposition: 'convicted', disposition_date: '2019-01-10', sentence_completed_date: '2020-01-15' }] });
    const r = evaluatePerson(p, rules, { asOf: '2026-11-28' });
    const cs = r.charges[0]!.rules.find((x) => x.rule === 'IL.clean-slate-automatic-sealing')!;
    expect(cs.reasons.join(' ')).toMatch(/takes effect on 2029-01-01/);
  });
});

describe('reading a person (the case-file contract)', () => {
  const read = (raw: unknown) => intakePerson(raw, rules.facts, { asOf: '2026-11-28', row: 7 });

  it('names the row, charge and field of an impossible date', () => {
    const r = read({ id: 'x', state: 'IL', charges: [{ disposition_date: '2023-02-30' }] });
    expect(r.person).toBeUndefined();
    expect(r.errors).toEqual([{ row: 7, charge: 0, field: 'disposition_date', message: '2023-02-30 is not a real calendar date' }]);
  });
  it('rejects unknown enum values, future dates and a missing id or state', () => {
    const r = read({ charges: [{ level: 'felonious', category: 'weed', disposition_date: '2030-01-01' }] });
    const fields = r.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'state', 'level', 'category', 'disposition_date']));
    expect(r.errors.find((e) => e.field === 'level')!.message).toMatch(/unknown value "felonious"; expected one of felony/);
  });
  it('treats empty cells and null as unknown, and yes/no as booleans', () => {
    const r = read({ id: 'x', state: 'il', incarcerated: 'no', on_parole: '', charges: [{ category: 'theft', fines_paid: 'yes', cannabis_grams: null }] });
    expect(r.errors).toEqual([]);
    expect(r.person!.state).toBe('IL');
    expect(r.person!.incarcerated).toBe(false);
    expect(r.person!.on_parole).toBeUndefined();
    expect(r.person!.charges[0]!.fines_paid).toBe(true);
    expect(r.person!.charges[0]!.cannabis_grams).toBeUndefined();
  });
  it('keeps a ZIP that YAML turned into a number', () => {
    expect(read({ id: 'x', state: 'MA', zip: 2139, charges: [] }).person!.zip).toBe('02139');
  });
  it('reports unknown fields so the caller can warn once', () => {
    expect(read({ id: 'x', state: 'IL', favourite_colour: 'red', charges: [{ shoe_size: 9 }] }).unknownFields).toEqual(['favourite_colour', 'shoe_size']);
  });
  it('gives a person who cannot be read an output record with errors and no results', () => {
    const s = screenRecord({ raw: { id: 'bad', state: 'IL', charges: [{ category: 'nope' }] }, row: 3 }, rules, { asOf: '2026-11-28' });
    expect(s.result).toMatchObject({ id: 'bad', state: 'IL', charges: [], voting: null });
    expect(s.result.errors[0]).toMatchObject({ row: 3, charge: 0, field: 'category' });
  });
  it('derives age at the offense from the birth date', () => {
    const p = person({ birth_date: '2000-05-10', charges: [{ category: 'traffic', offense_date: '2024-05-09' }] });
    const v = evalCondition({ fact: 'age_at_offense', lt: 24 }, scope(p), new Set());
    expect(v).toBe(true);
  });
});

describe('derived record facts', () => {
  it('counts later convictions, and only a lower bound when the record may be incomplete', () => {
    const charges = [
      { category: 'theft', disposition: 'convicted', disposition_date: '2010-01-01' },
      { category: 'theft', disposition: 'convicted', disposition_date: '2015-01-01' },
      { category: 'theft', disposition: 'dismissed', disposition_date: '2016-01-01' },
    ];
    const complete = person({ charges });
    expect(evalCondition({ fact: 'later_convictions', eq: 1 }, scope(complete), new Set())).toBe(true);
    const partial = person({ record_complete: false, charges });
    expect(evalCondition({ fact: 'later_convictions', gte: 1 }, scope(partial), new Set())).toBe(true);
    expect(evalCondition({ fact: 'later_convictions', eq: 1 }, scope(partial), new Set())).toBeUndefined();
    expect(evalCondition({ fact: 'later_convictions', eq: 0 }, scope(partial), new Set())).toBe(false);
  });
  it('knows whether another charge in the same case was convicted', () => {
    const p = person({
      charges: [
        { case_number: '18-CR-1', disposition: 'dismissed' },
        { case_number: '18-CR-1', disposition: 'convicted' },
        { case_number: '19-CR-2', disposition: 'dismissed' },
      ],
    });
    expect(evalCondition({ fact: 'same_case_conviction', eq: true }, scope(p, 0), new Set())).toBe(true);
    expect(evalCondition({ fact: 'same_case_conviction', eq: true }, scope(p, 2), new Set())).toBe(false);
  });
  it('same case: no other charge that could be of the case is a no, case number or not; an incomplete record or an unknown case is unknown', () => {
    const same = (charges: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
      evalCondition({ fact: 'same_case_conviction', eq: true }, scope(person({ ...extra, charges: charges as never }), 0), new Set());
    // one charge, the whole record: nothing else can be of its case
    expect(same([{ disposition: 'acquitted' }])).toBe(false);
    // ... but the record may hold more
    expect(same([{ disposition: 'acquitted' }], { record_complete: false })).toBeUndefined();
    // a conviction whose case number is not known may be of the same case
    expect(same([{ disposition: 'acquitted', case_number: '1' }, { disposition: 'convicted' }])).toBeUndefined();
    // a dismissal cannot make it a partial acquittal, whatever its case
    expect(same([{ disposition: 'acquitted' }, { disposition: 'dismissed' }])).toBe(false);
    // another state's or another court's conviction is another case
    expect(same([{ disposition: 'acquitted' }, { disposition: 'convicted', state: 'NJ' }])).toBe(false);
    expect(same([{ disposition: 'acquitted', court: 'state' }, { disposition: 'convicted', court: 'federal' }])).toBe(false);
    // a charge whose ending is not known may be a conviction of the same case
    expect(same([{ disposition: 'acquitted', case_number: '1' }, { case_number: '1', disposition: null }])).toBeUndefined();
  });
});

describe('shared parts of results', () => {
  it('a rule that does not apply gives every charge the same frozen result, and results still serialise', () => {
    const a = evaluatePerson(person({ charges: [{ category: 'burglary', level: 'felony', disposition: 'convicted', disposition_date: '2015-01-02' }] }), rules, { asOf: '2026-11-28' });
    const b = evaluatePerson(person({ charges: [{ category: 'theft', level: 'misdemeanor', disposition: 'convicted', disposition_date: '2019-05-06' }] }), rules, { asOf: '2026-11-28' });
    const notA = a.charges[0]!.rules.filter((r) => r.applies === false);
    expect(notA.length).toBeGreaterThan(0);
    let shared = 0;
    for (const r of notA) {
      expect(r.status).toBe('not_eligible');
      expect(r.reasons).toHaveLength(1);
      expect(Object.isFrozen(r) && Object.isFrozen(r.reasons)).toBe(true);
      // the other person's result for the same rule, if it does not apply either, is the same object
      const same = b.charges[0]!.rules.find((x) => x.rule === r.rule && x.applies === false);
      if (same) {
        expect(same).toBe(r);
        shared++;
      }
      expect(() => (r.reasons as string[]).push('x')).toThrow(TypeError);
    }
    expect(shared).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
