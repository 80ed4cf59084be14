/**
 * A date nobody gave is no later than the later dates of its case that are given (issue 22): an
 * offense comes before its arrest, its sentencing and the end of the case; a case ends no later
 * than its sentence does. The engine decides what that settles, on the real rule files, and a
 * property test checks that an answer given that way holds for every date that fits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePerson } from '../src/core/evaluate.js';
import { intakePerson } from '../src/core/intake.js';
import type { Person, RuleResult } from '../src/core/types.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const AS_OF = '2026-12-06';

function person(raw: Record<string, unknown>): Person {
  const r = intakePerson({ id: 'p', record_complete: true, ...raw }, rules.facts, { asOf: AS_OF });
  if (!r.person) throw new Error(JSON.stringify(r.errors));
  return r.person;
}
const rule = (p: Person, id: string, asOf = AS_OF): RuleResult => evaluatePerson(p, rules, { asOf }).charges[0]!.rules.find((r) => r.rule === id)!;

describe('an unknown date bounded by a later one', () => {
  const ilCannabis = (end: string) =>
    person({ state: 'IL', charges: [{ state: 'IL', category: 'cannabis_possession', disposition: 'convicted', level: 'misdemeanor', sentence_type: 'fine', sentence_completed_date: end, fines_paid: true }] });

  it('IL: a sentence that ended 2017-06-01 means a conviction before 2019-06-25, so the vacate motion applies without the conviction date', () => {
    const r = rule(ilCannabis('2017-06-01'), 'IL.cannabis-vacate-and-expunge');
    expect(r.status).toBe('eligible');
    expect(r.missing).not.toContain('disposition_date');
  });

  it('IL: one that ended 2019-06-25 or later does not settle it: the conviction date is asked for', () => {
    const r = rule(ilCannabis('2019-06-25'), 'IL.cannabis-vacate-and-expunge');
    expect(r.status).toBe('needs_review');
    expect(r.missing).toContain('disposition_date');
    // the day before the line still settles it
    expect(rule(ilCannabis('2019-06-24'), 'IL.cannabis-vacate-and-expunge').status).toBe('eligible');
  });

  // C.R.S. 24-72-706(1)(b)(I): a petty offense may be sealed 1 year after the final disposition. The
  // disposition is not given, but the sentence ended 2026-06-01, so the case ended by then.
  const coPetty = () =>
    person({
      state: 'CO',
      charges: [{ state: 'CO', category: 'trespass', disposition: 'convicted', level: 'petty', sentence_type: 'fine', sentence_completed_date: '2026-06-01', fines_paid: true, court: 'state', co_domestic_violence: false }],
    });

  it('CO: a wait from the unknown disposition ends by the bound plus the period at the latest, possibly sooner', () => {
    const r = rule(coPetty(), 'CO.conviction-sealing');
    expect(r.status).toBe('eligible_on');
    expect(r.date).toBe('2027-06-01');
    expect(r.reasons.join(' ')).toMatch(/no later than 2026-06-01, so by 2027-06-01 at the latest/);
    expect(r.missing).toContain('disposition_date');
  });

  it('CO: on the last day of that wait it is eligible whatever the disposition date; the day before, not yet', () => {
    expect(rule(coPetty(), 'CO.conviction-sealing', '2027-06-01').status).toBe('eligible');
    expect(rule(coPetty(), 'CO.conviction-sealing', '2027-05-31').status).toBe('eligible_on');
  });

  it('the Spanish reason says the same', () => {
    const r = evaluatePerson(coPetty(), rules, { asOf: AS_OF, lang: 'es' }).charges[0]!.rules.find((x) => x.rule === 'CO.conviction-sealing')!;
    expect(r.reasons.join(' ')).toMatch(/no es posterior al 2026-06-01, así que a más tardar el 2027-06-01/);
  });
});

describe('the date of the last conviction, bounded by the ends of the sentences (issue 22)', () => {
  // N.J.S.A. 2C:52-3(b): 5 years from the latest of the most recent conviction, payment, and the end
  // of probation or jail. The conviction date is not given; the end of the sentence is.
  const nj = (charges: Record<string, unknown>[]) =>
    person({ state: 'NJ', nj_last_payment_date: '2017-06-01', nj_prior_expungement: false, charges: charges.map((c) => ({ state: 'NJ', category: 'cannabis_possession', disposition: 'convicted', level: 'misdemeanor', ...c })) });
  const DP = 'NJ.disorderly-persons-expungement';

  it('NJ: a sentence that ended 2017-06-01 means a last conviction by then: 5 years have passed without asking its date', () => {
    const r = rule(nj([{ sentence_completed_date: '2017-06-01' }]), DP);
    expect(r.status).toBe('eligible');
    expect(r.missing).not.toContain('last_conviction_date');
  });

  it('NJ: one that ended 2024-01-01 opens on 2029-01-01: the conviction, no later than that end, cannot move it', () => {
    const r = rule(nj([{ sentence_completed_date: '2024-01-01' }]), DP);
    expect([r.status, r.date]).toEqual(['eligible_on', '2029-01-01']);
    expect(r.missing).toEqual([]);
  });

  it('NJ: a conviction dated later than every bound is the last one, exactly', () => {
    const r = rule(nj([{ sentence_completed_date: '2017-06-01' }, { disposition_date: '2023-03-01', sentence_completed_date: '2023-03-01', category: 'trespass' }]), DP);
    expect([r.status, r.date]).toEqual(['eligible_on', '2028-03-01']);
    expect(r.missing).not.toContain('last_conviction_date');
  });

  it('NJ: a conviction with no date and nothing bounding it leaves the last conviction date unknown', () => {
    const r = rule(nj([{ sentence_completed_date: '2017-06-01' }, { category: 'trespass' }]), DP);
    expect(r.status).toBe('needs_review');
    expect(r.missing).toContain('last_conviction_date');
  });
});

describe('property: an answer given with a bounded date unknown holds for every date that fits', () => {
  const day = (from: string, to: string) =>
    fc.integer({ min: Date.parse(from) / 864e5, max: Date.parse(to) / 864e5 }).map((n) => new Date(n * 864e5).toISOString().slice(0, 10));
  const cases = [
    { state: 'IL', category: 'cannabis_possession', level: 'misdemeanor' },
    { state: 'IL', category: 'theft', level: 'misdemeanor' },
    { state: 'CO', category: 'trespass', level: 'petty' },
    { state: 'CO', category: 'theft', level: 'misdemeanor' },
    { state: 'CA', category: 'cannabis_possession', level: 'misdemeanor' },
    { state: 'NY', category: 'theft', level: 'misdemeanor' },
    // waits from the date of the last conviction
    { state: 'NJ', category: 'cannabis_possession', level: 'misdemeanor' },
    { state: 'WA', category: 'theft', level: 'misdemeanor' },
  ];
  it('offense and disposition dates unknown, the end of the sentence known', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        day('2000-01-01', '2026-12-01'),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        (c, end, back1, back2) => {
          const charge = { state: c.state, category: c.category, disposition: 'convicted', level: c.level, sentence_type: 'fine', sentence_completed_date: end, fines_paid: true, court: 'state' };
          const extra = c.state === 'NJ' ? { nj_last_payment_date: '2000-01-01', nj_prior_expungement: false } : {};
          const bare = evaluatePerson(person({ state: c.state, ...extra, charges: [charge] }), rules, { asOf: AS_OF }).charges[0]!;
          // any offense and disposition dates that fit: offense <= disposition <= end of sentence
          const minus = (d: string, n: number) => new Date(Date.parse(d) - n * 864e5).toISOString().slice(0, 10);
          const disposition = minus(end, back1);
          const offense = minus(disposition, back2);
          const full = evaluatePerson(person({ state: c.state, ...extra, charges: [{ ...charge, disposition_date: disposition, offense_date: offense, arrest_date: offense }] }), rules, { asOf: AS_OF }).charges[0]!;
          for (const r of bare.rules) {
            const f = full.rules.find((x) => x.rule === r.rule)!;
            if (r.status === 'eligible' || r.status === 'not_eligible') expect([r.rule, f.status]).toEqual([r.rule, r.status]);
            if (r.status === 'eligible_on' && (r.missing.includes('disposition_date') || r.missing.includes('offense_date') || r.missing.includes('arrest_date'))) {
              // "by DATE at the latest": the true date is that day or sooner
              expect(f.status === 'eligible' || (f.status === 'eligible_on' && f.date! <= r.date!)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
