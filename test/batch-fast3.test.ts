/**
 * Batch throughput (issue 21): what the engine remembers to go faster gives the same answers as
 * working everything out afresh (fast-check, on every state's real rules).
 * - waiting-period ends remembered per period, rounding and start day (waitEnd) equal addPeriod's;
 * - a charge's relief kinds sharing the copies made when trying values of unknown facts give the
 *   same slots as each kind trying them on copies of its own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPeriod } from '../src/core/dates.js';
import { evaluateCharge, evaluateRule, pickBest, rulesInForce, waitEnd } from '../src/core/evaluate.js';
import { intakePerson } from '../src/core/intake.js';
import type { Derived } from '../src/core/derive.js';
import type { Jurisdiction, Lang, Person, ReliefKind, ReliefSlot } from '../src/core/types.js';
import { refineSlot, valuesOf } from '../src/core/unknowns.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const KINDS = ['expungement', 'sealing', 'set_aside'] as const;
const AS_OF = '2026-12-06';

const day = (from: string, to: string) =>
  fc.integer({ min: Date.parse(from) / 864e5, max: Date.parse(to) / 864e5 }).map((n) => new Date(n * 864e5).toISOString().slice(0, 10));
/** Month ends and leap days often: where rounding up and down differ. */
const anyDay = () =>
  fc.oneof(
    day('1990-01-01', '2026-12-31'),
    fc.tuple(fc.integer({ min: 1990, max: 2026 }), fc.constantFrom('01-31', '02-28', '02-29', '03-31', '05-31', '08-31', '12-31')).map(([y, md]) => `${y}-${md}`).filter((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)),
  );
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Every waiting period the rule files name, and a few more. */
const PERIODS = [...new Set([...rules.jurisdictions.values()].flatMap((j) => j.rules.flatMap((r) => r.waits.map((w) => w.period))).concat(['0 days', '1 day', '1 month', '6 months', '1 year']))];

describe('waiting-period ends, remembered (waitEnd)', () => {
  it('the rule files name some periods', () => expect(PERIODS.length).toBeGreaterThan(8));

  it('equal addPeriod for every period, rounding and day, asked again and again in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyDay(), fc.constantFrom(...PERIODS), fc.constantFrom('up' as const, 'down' as const)), { minLength: 1, maxLength: 40 }), (asks) => {
        // each ask twice, the second time interleaved with the others: from the memory
        for (const round of [asks, [...asks].reverse()]) {
          for (const [d, p, r] of round) {
            // the same day and period with both roundings, in either order
            const other = r === 'up' ? 'down' : 'up';
            expect(waitEnd(d, p, r)).toBe(addPeriod(d, p, r));
            expect(waitEnd(d, p, other)).toBe(addPeriod(d, p, other));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Statutes the state's own lists name, so list membership is exercised. */
function statutes(jur: Jurisdiction): string[] {
  const out: string[] = [];
  for (const l of jur.lists.values()) for (const s of l.statutes.slice(0, 3)) out.push(s.endsWith('/') || s.endsWith('-') ? `${s}1` : s);
  return out.length ? out : ['unknown 1-1'];
}

const recordDay = () => fc.oneof(day('1995-01-01', '2026-11-30'), day('2021-01-01', '2026-11-30'));

/** A random record built from the state's own vocabulary: every enumerable fact, often unknown. */
function personArb(jur: Jurisdiction) {
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

function intake(raw: Record<string, unknown>, state: string): Person | undefined {
  const r = intakePerson({ id: 'p', state, ...raw }, rules.facts, { asOf: AS_OF });
  return r.errors.length === 0 ? r.person : undefined;
}

/**
 * A charge's relief worked out the plain way: the same rule results, each kind's unknown facts
 * tried on copies of its own (no copies shared between kinds).
 */
function reliefAlone(p: Person, ci: number, jur: Jurisdiction, lang: Lang): Record<ReliefKind, ReliefSlot> {
  const inForce = rulesInForce(jur, AS_OF);
  const personCache = new Map<string, Derived>();
  const results = evaluateCharge(p, p.charges[ci]!, rules, AS_OF, lang, personCache).rules;
  const relief = pickBest(results, jur, lang);
  for (const kind of KINDS) relief[kind] = refineSlot(kind, relief[kind], results, inForce, p, p.charges[ci]!, jur, AS_OF, lang, evaluateRule, personCache);
  return relief;
}

let tried = 0;
for (const jur of rules.jurisdictions.values()) {
  if (jur.rules.length === 0) continue;
  describe(`${jur.code}: relief kinds sharing tried copies (fast-check)`, () => {
    it('give the same slots as each kind alone, in English and Spanish', () => {
      fc.assert(
        fc.property(personArb(jur), fc.constantFrom<Lang>('en', 'es'), (raw, lang) => {
          const p = intake(raw, jur.code);
          fc.pre(p !== undefined);
          const shared = new Map<string, Derived>();
          p!.charges.forEach((c, ci) => {
            const got = evaluateCharge(p!, c, rules, AS_OF, lang, shared).relief;
            const want = reliefAlone(p!, ci, jur, lang);
            for (const kind of KINDS) if (got[kind].depends_on.length > 0) tried++;
            expect(got).toEqual(want);
          });
        }),
        { numRuns: 150 },
      );
    });
  });
}

describe('the property above is exercised', () => {
  it('values were tried for many slots', () => expect(tried).toBeGreaterThan(100));
});
