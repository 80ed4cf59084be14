/**
 * Batch throughput (issue 21, tenth session): the shortcuts give the answers of the plain way
 * (fast-check, on every state's real rules).
 * - a person sent to a worker as arrays of fields (person-codec.ts) comes back as the same person,
 *   and is screened to the same result, byte for byte as JSON; a person the arrays cannot hold
 *   goes as the plain object;
 * - a charge's tried copies, shared by its relief kinds (TriedScopes), give the slots of trying
 *   each kind with copies of its own (a guard for any change to how they are found: this session
 *   tried a tree instead of key strings, and took it out again, docs/performance.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scope } from '../src/core/conditions.js';
import { evaluateCharge, evaluatePerson, evaluateRule, pickBest, rulesInForce } from '../src/core/evaluate.js';
import type { Derived } from '../src/core/derive.js';
import type { Charge, Jurisdiction, Lang, Person, ReliefKind, ReliefSlot } from '../src/core/types.js';
import { refineSlot } from '../src/core/unknowns.js';
import { CHARGE_FIELDS, decodePrepared, encodePrepared, PERSON_FIELDS } from '../src/io/person-codec.js';
import { intake as intakeAt, personArb } from './helpers/persons.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const KINDS = ['expungement', 'sealing', 'set_aside'] as const;
// the second as-of date makes the later sentence ends planned ones (sentence_end_planned)
const AS_OFS = ['2026-12-06', '2024-06-01'] as const;

/** A charge's slots, its unknown facts tried; `shared`: the kinds share their tried copies (as evaluateCharge does). */
function reliefWith(p: Person, ci: number, jur: Jurisdiction, asOf: string, lang: Lang, shared: boolean): Record<ReliefKind, ReliefSlot> {
  const inForce = rulesInForce(jur, asOf);
  const personCache = new Map<string, Derived>();
  const results = evaluateCharge(p, p.charges[ci]!, rules, asOf, lang, personCache).rules;
  const relief = pickBest(results, jur, lang);
  const tries = new Map<string, Scope>();
  for (const kind of KINDS) relief[kind] = refineSlot(kind, relief[kind], results, inForce, p, p.charges[ci]!, jur, asOf, lang, evaluateRule, personCache, shared ? tries : undefined);
  return relief;
}

let encoded = 0;
let slotsTried = 0;
for (const jur of rules.jurisdictions.values()) {
  if (jur.rules.length === 0) continue;
  describe(`${jur.code}: persons sent as arrays (fast-check)`, () => {
    it('come back as the same person, screened to the same JSON', () => {
      fc.assert(
        fc.property(personArb(jur), fc.constantFrom(...AS_OFS), fc.constantFrom<Lang>('en', 'es'), (raw, asOf, lang) => {
          const p = intakeAt(raw, jur.code, asOf);
          fc.pre(p !== undefined);
          const line = encodePrepared({ person: p! });
          expect(line.charAt(0)).toBe('[');
          expect(line).not.toContain('\n');
          encoded++;
          const back = decodePrepared(line);
          // what a worker got before: the person through JSON as an object
          const sent = JSON.parse(JSON.stringify(p)) as Person;
          expect(back).toEqual({ person: sent });
          if (!('person' in back)) return;
          // every field the person had, with its value; none added but absent ones
          for (const k of Object.keys(sent)) if (k !== 'charges') expect((back.person as unknown as Record<string, unknown>)[k]).toStrictEqual((sent as unknown as Record<string, unknown>)[k]);
          sent.charges.forEach((c, i) => {
            for (const k of Object.keys(c)) expect((back.person.charges[i] as unknown as Record<string, unknown>)[k]).toStrictEqual((c as unknown as Record<string, unknown>)[k]);
          });
          const want = JSON.stringify(evaluatePerson(sent, rules, { asOf, lang }));
          expect(JSON.stringify(evaluatePerson(back.person, rules, { asOf, lang }))).toBe(want);
        }),
        { numRuns: 60 },
      );
    });
  });

  describe(`${jur.code}: tried copies shared by the relief kinds (fast-check)`, () => {
    it('give the slots of trying each kind with copies of its own', () => {
      fc.assert(
        fc.property(personArb(jur), fc.constantFrom(...AS_OFS), fc.constantFrom<Lang>('en', 'es'), (raw, asOf, lang) => {
          const p = intakeAt(raw, jur.code, asOf);
          fc.pre(p !== undefined);
          p!.charges.forEach((_, ci) => {
            const got = reliefWith(p!, ci, jur, asOf, lang, true);
            const want = reliefWith(p!, ci, jur, asOf, lang, false);
            for (const kind of KINDS) if (got[kind].depends_on.length > 0) slotsTried++;
            expect(got).toEqual(want);
          });
        }),
        { numRuns: 80 },
      );
    });
  });
}

describe('persons the arrays cannot hold', () => {
  const base = (): Person => {
    const c: Charge = { index: 0, state: 'IL', disposition: 'convicted', level: 'misdemeanor', disposition_date: '2015-03-02', extra: { il_x: true } };
    return { id: 'p1', state: 'IL', record_complete: false, prior_relief: [{ kind: 'sealing', date: '2019-01-01' }], charges: [c], extra: {} };
  };
  it('go as the plain object (a field not listed, a null value) and come back the same', () => {
    const odd = base() as unknown as Record<string, unknown>;
    odd.nickname = 'x';
    const withNull = base();
    (withNull.charges[0] as unknown as Record<string, unknown>).offense = null;
    const chargeOdd = base();
    (chargeOdd.charges[0] as unknown as Record<string, unknown>).judge = 'y';
    for (const p of [odd, withNull, chargeOdd]) {
      const line = encodePrepared({ person: p as unknown as Person });
      expect(line.charAt(0)).toBe('{');
      expect(decodePrepared(line)).toStrictEqual({ person: p });
    }
  });
  it('a record that could not be read goes as it is', () => {
    const result = { id: 'x', as_of: '2026-12-06', state: null, charges: [], voting: null, clinics: [], warnings: [], errors: [{ message: 'bad' }] };
    const line = encodePrepared({ result });
    expect(decodePrepared(line)).toStrictEqual({ result });
  });
  it('every Person and Charge field has its place (and the arrays hold the usual person)', () => {
    const line = encodePrepared({ person: base() });
    expect(line.charAt(0)).toBe('[');
    expect(JSON.parse(line)).toHaveLength(PERSON_FIELDS.length);
    expect(JSON.parse(line)[PERSON_FIELDS.indexOf('charges')][0]).toHaveLength(CHARGE_FIELDS.length);
    expect(new Set(PERSON_FIELDS).size).toBe(PERSON_FIELDS.length);
    expect(new Set(CHARGE_FIELDS).size).toBe(CHARGE_FIELDS.length);
  });
});

describe('the properties above are exercised', () => {
  it('many persons sent as arrays', () => expect(encoded).toBeGreaterThan(300));
  it('values were tried for many slots', () => expect(slotsTried).toBeGreaterThan(100));
});
