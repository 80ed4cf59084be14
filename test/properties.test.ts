/**
 * Invariants of the engine on the real Illinois rules, over random records (fast-check):
 * - a later as-of date never turns `eligible` into `not_eligible` while the same rules are in force;
 * - the date an `eligible_on` result reports is the first day the same rule says `eligible`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../src/core/dates.js';
import { evaluatePerson } from '../src/core/evaluate.js';
import { intakePerson } from '../src/core/intake.js';
import type { PersonResult } from '../src/core/types.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();

// The window in which the same versions of the Illinois rules are in force (the Clean Slate
// sealing petition rule from 2026-06-01; automatic sealing is a future version throughout).
const WINDOW_FROM = '2026-06-01';
const WINDOW_TO = '2035-12-31';

const day = (from: string, to: string) =>
  fc.integer({ min: Date.parse(from) / 864e5, max: Date.parse(to) / 864e5 }).map((n) => new Date(n * 864e5).toISOString().slice(0, 10));
/** Dates on a record, leaning recent so waiting periods are often still running. */
const recordDay = () => fc.oneof(day('1995-01-01', '2026-05-31'), day('2023-01-01', '2026-05-31'));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const charge = fc.record(
  {
    category: maybe(fc.constantFrom('cannabis_possession', 'cannabis_sale', 'theft', 'dui', 'traffic', 'domestic_violence', 'burglary', 'drug_possession', 'sex_offense', 'prostitution')),
    level: maybe(fc.constantFrom('felony', 'misdemeanor', 'petty')),
    class: maybe(fc.constantFrom('Class A', 'Class B', 'Class 4', 'Class 3', 'Class X')),
    disposition: fc.constantFrom('convicted', 'dismissed', 'acquitted', 'not_charged', 'supervision_completed'),
    disposition_detail: maybe(fc.constantFrom('court supervision', '410 probation')),
    statute: maybe(fc.constantFrom('625 ILCS 5/11-503', '720 ILCS 5/12-3.2', '720 ILCS 5/16-25', '720 ILCS 550/4(c)')),
    arrest_date: maybe(recordDay()),
    offense_date: maybe(recordDay()),
    disposition_date: maybe(recordDay()),
    sentence_completed_date: maybe(recordDay()),
    cannabis_grams: maybe(fc.constantFrom(5, 10, 10.5, 29.9, 30, 30.1, 100, 500, 500.5)),
    age_at_offense: maybe(fc.integer({ min: 16, max: 60 })),
    il_cannabis_enhanced: maybe(fc.boolean()),
    il_violent_crime_link: maybe(fc.boolean()),
    il_cannabis_repeat_offense: maybe(fc.boolean()),
    pardon_date: maybe(day('2019-06-25', '2026-05-31')),
  },
  { requiredKeys: ['disposition'] },
).map((c) => {
  // the dates given come in the order intake requires: offense, arrest, end of the case, end of the sentence
  const order = ['offense_date', 'arrest_date', 'disposition_date', 'sentence_completed_date'] as const;
  const given = order.filter((f) => c[f] !== undefined);
  const sorted = given.map((f) => c[f]!).sort();
  const out = { ...c };
  given.forEach((f, i) => (out[f] = sorted[i]));
  return out;
});

const person = fc.record(
  {
    registered_sex_offender: maybe(fc.boolean()),
    incarcerated: maybe(fc.boolean()),
    record_complete: maybe(fc.boolean()),
    il_education_during_sentence: maybe(fc.boolean()),
    charges: fc.array(charge, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['charges'] },
);

function evaluate(raw: object, asOf: string): PersonResult {
  const r = intakePerson({ id: 'p', state: 'IL', ...raw }, rules.facts, { asOf: WINDOW_FROM });
  if (!r.person) throw new Error(JSON.stringify(r.errors));
  return evaluatePerson(r.person, rules, { asOf });
}

/** Random records can be self-contradictory (a disposition before the offense): skip those. */
const readable = (raw: object) => intakePerson({ id: 'p', state: 'IL', ...raw }, rules.facts, { asOf: WINDOW_FROM }).errors.length === 0;

const statusOf = (r: PersonResult, charge: number, rule: string) => r.charges[charge]!.rules.find((x) => x.rule === rule)!;

describe('engine invariants (fast-check)', () => {
  it('a later as-of date never turns eligible into not_eligible', () => {
    fc.assert(
      fc.property(person, day(WINDOW_FROM, WINDOW_TO), day(WINDOW_FROM, WINDOW_TO), (p, a, b) => {
        fc.pre(readable(p));
        const [early, late] = a <= b ? [a, b] : [b, a];
        const r1 = evaluate(p, early);
        const r2 = evaluate(p, late);
        r1.charges.forEach((c, i) => {
          for (const rr of c.rules) {
            if (rr.status === 'eligible') expect(statusOf(r2, i, rr.rule).status, `${rr.rule} ${early}→${late}`).not.toBe('not_eligible');
          }
          for (const kind of ['expungement', 'sealing', 'set_aside'] as const) {
            if (c.relief[kind].status === 'eligible') expect(r2.charges[i]!.relief[kind].status).not.toBe('not_eligible');
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('eligible_on DATE: eligible on DATE, and not yet the day before', () => {
    fc.assert(
      fc.property(person, day(WINDOW_FROM, '2030-12-31'), (p, asOf) => {
        fc.pre(readable(p));
        const r = evaluate(p, asOf);
        r.charges.forEach((c, i) => {
          for (const rr of c.rules) {
            if (rr.status !== 'eligible_on' || rr.date! > WINDOW_TO) continue;
            expect(rr.date! > asOf).toBe(true);
            expect(statusOf(evaluate(p, rr.date!), i, rr.rule).status, `${rr.rule} on ${rr.date}`).toBe('eligible');
            const before = addDays(rr.date!, -1);
            if (before >= asOf) {
              const b = statusOf(evaluate(p, before), i, rr.rule);
              expect(b.status).toBe('eligible_on');
              expect(b.date).toBe(rr.date);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('knowing nothing is needs_review, never not_eligible', () => {
    // A dismissed theft: the petition route is open whatever else is unknown.
    const r = evaluate({ charges: [{ category: 'theft', disposition: 'dismissed' }] }, '2027-01-01');
    expect(r.charges[0]!.relief.expungement.status).toBe('eligible');
    // With the category unknown it might be a minor traffic offense, which courts do not expunge.
    const unknownCategory = evaluate({ charges: [{ disposition: 'dismissed' }] }, '2027-01-01');
    expect(unknownCategory.charges[0]!.relief.expungement.status).toBe('needs_review');
    const conv = evaluate({ charges: [{ disposition: 'convicted' }] }, '2027-01-01');
    expect(conv.charges[0]!.relief.sealing.status).toBe('needs_review');
  });
});

describe('the random records exercise the rules', () => {
  it('produce eligible and eligible_on results, so the properties above are not vacuous', () => {
    const counts: Record<string, number> = {};
    for (const p of fc.sample(person, { numRuns: 400, seed: 42 })) {
      if (!readable(p)) continue;
      for (const c of evaluate(p, '2026-12-01').charges) for (const rr of c.rules) counts[rr.status] = (counts[rr.status] ?? 0) + 1;
    }
    expect(counts.eligible ?? 0).toBeGreaterThan(20);
    expect(counts.eligible_on ?? 0).toBeGreaterThan(10);
    expect(counts.not_eligible ?? 0).toBeGreaterThan(20);
  });
});
