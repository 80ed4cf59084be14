/**
 * Random records for property tests (fast-check), built from a state's own vocabulary: every
 * enumerable fact, often unknown; statutes from the state's own lists, so list membership is
 * exercised. Shared by test/unknowns.test.ts and test/batch-fast3.test.ts.
 */
import fc from 'fast-check';
import { intakePerson } from '../../src/core/intake.js';
import type { Jurisdiction, Person } from '../../src/core/types.js';
import { valuesOf } from '../../src/core/unknowns.js';
import { realRules } from './rules.js';

const { rules } = realRules();

export const day = (from: string, to: string) =>
  fc.integer({ min: Date.parse(from) / 864e5, max: Date.parse(to) / 864e5 }).map((n) => new Date(n * 864e5).toISOString().slice(0, 10));
export const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

export const recordDay = () => fc.oneof(day('1995-01-01', '2026-11-30'), day('2021-01-01', '2026-11-30'));

/** Statutes the state's own lists name, so list membership is exercised. */
export function statutes(jur: Jurisdiction): string[] {
  const out: string[] = [];
  for (const l of jur.lists.values()) for (const s of l.statutes.slice(0, 3)) out.push(s.endsWith('/') || s.endsWith('-') ? `${s}1` : s);
  return out.length ? out : ['unknown 1-1'];
}

/** A random record built from the state's own vocabulary: every enumerable fact, often unknown. */
export function personArb(jur: Jurisdiction) {
  const own = [...jur.facts.values()].filter((d) => d.jurisdiction === jur.code && !d.derive && valuesOf(d));
  const chargeOwn = Object.fromEntries(own.filter((d) => d.level === 'charge').map((d) => [d.name, maybe(fc.constantFrom(...valuesOf(d)!))]));
  const personOwn = Object.fromEntries(own.filter((d) => d.level === 'person').map((d) => [d.name, maybe(fc.constantFrom(...valuesOf(d)!))]));
  const categories = rules.facts.get('category')!.values!;
  const charge = fc.record(
    {
      category: maybe(fc.constantFrom(...categories)),
      level: maybe(fc.constantFrom('felony', 'misdemeanor', 'petty', 'infraction')),
      disposition: fc.constantFrom('convicted', 'dismissed', 'acquitted', 'not_charged', 'supervision_completed', 'diversion_completed'),
      statute: maybe(fc.constantFrom(...statutes(jur))),
      case_number: maybe(fc.constantFrom('A1', 'A2')),
      arrest_date: maybe(recordDay()),
      disposition_date: maybe(recordDay()),
      sentence_type: maybe(fc.constantFrom('none', 'fine', 'probation', 'jail', 'prison')),
      sentence_completed_date: maybe(recordDay()),
      fines_paid: maybe(fc.boolean()),
      cannabis_grams: maybe(fc.constantFrom(2, 10, 28.5, 30, 30.5, 100, 500)),
      age_at_offense: maybe(fc.integer({ min: 14, max: 60 })),
      ...chargeOwn,
    },
    { requiredKeys: ['disposition'] },
  );
  return fc.record(
    {
      registered_sex_offender: maybe(fc.boolean()),
      incarcerated: maybe(fc.boolean()),
      on_parole: maybe(fc.boolean()),
      on_probation: maybe(fc.boolean()),
      pending_charges: maybe(fc.boolean()),
      record_complete: maybe(fc.boolean()),
      ...personOwn,
      charges: fc.array(charge, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ['charges'] },
  );
}

/** The record through intake, or undefined when intake refuses it. */
export function intake(raw: Record<string, unknown>, state: string, asOf: string): Person | undefined {
  const r = intakePerson({ id: 'p', state, ...raw }, rules.facts, { asOf });
  return r.errors.length === 0 ? r.person : undefined;
}
