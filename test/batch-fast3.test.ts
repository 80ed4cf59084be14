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
import type { Derived } from '../src/core/derive.js';
import type { Jurisdiction, Lang, Person, ReliefKind, ReliefSlot } from '../src/core/types.js';
import { refineSlot } from '../src/core/unknowns.js';
import { day, intake as intakeAt, personArb } from './helpers/persons.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const KINDS = ['expungement', 'sealing', 'set_aside'] as const;
const AS_OF = '2026-12-06';

/** Month ends and leap days often: where rounding up and down differ. */
const anyDay = () =>
  fc.oneof(
    day('1990-01-01', '2026-12-31'),
    fc.tuple(fc.integer({ min: 1990, max: 2026 }), fc.constantFrom('01-31', '02-28', '02-29', '03-31', '05-31', '08-31', '12-31')).map(([y, md]) => `${y}-${md}`).filter((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)),
  );

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

const intake = (raw: Record<string, unknown>, state: string) => intakeAt(raw, state, AS_OF);

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
