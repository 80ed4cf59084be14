/**
 * Answers as precise as the facts allow, over random records on every state's rules (fast-check):
 * (a) a definite answer given with a fact unknown holds for every value of that fact;
 * (b) where every value of an unknown fact gives eligible or eligible_on, the answer is the latest of
 *     those, not needs_review;
 * and `depends_on` says what each value gives, as the engine computes it.
 * Plus the worked examples of issue 13, through the engine on the real rule files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factValue, plainChargeFacts, possibleValues, type Scope } from '../src/core/conditions.js';
import { evaluatePerson } from '../src/core/evaluate.js';
import type { FactDef, Jurisdiction, Person, PersonResult, ReliefSlot } from '../src/core/types.js';
import { MAX_CHARGES_TRIED, valuesOf } from '../src/core/unknowns.js';
import { intake as intakeAt, personArb } from './helpers/persons.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const KINDS = ['expungement', 'sealing', 'set_aside'] as const;
const AS_OF = '2026-12-06';

const intake = (raw: Record<string, unknown>, state: string) => intakeAt(raw, state, AS_OF);
const evaluate = (p: Person) => evaluatePerson(p, rules, { asOf: AS_OF });

/** Facts of this charge (or the person) that nobody gave and the record does not settle. */
function unknownFacts(p: Person, ci: number, jur: Jurisdiction): FactDef[] {
  const scope: Scope = { person: p, charge: p.charges[ci], jur, cache: new Map(), personCache: new Map(), plain: plainChargeFacts(jur) };
  // `court` is not unknown when not given: the contract reads a charge as a state court's by default
  return [...jur.facts.values()].filter(
    (d) => (d.level === 'charge' || d.level === 'person') && d.name !== 'court' && valuesOf(d) && factValue(scope, d.name) === undefined,
  );
}

function withValue(raw: Record<string, unknown>, ci: number, def: FactDef, v: unknown): Record<string, unknown> {
  if (def.level === 'person') return { ...raw, [def.name]: v };
  const charges = (raw.charges as Record<string, unknown>[]).map((c, i) => (i === ci ? { ...c, [def.name]: v } : c));
  return { ...raw, charges };
}

const definite = (s: ReliefSlot) => s.status === 'eligible' || s.status === 'eligible_on' || s.status === 'not_eligible';
const open = (s: { status: string }) => s.status === 'eligible' || s.status === 'eligible_on';
const dayOf = (s: { status: string; date: string | null }) => (s.status === 'eligible' ? AS_OF : s.date!);

for (const jur of rules.jurisdictions.values()) {
  if (jur.rules.length === 0) continue;
  describe(`${jur.code}: answers under unknown facts (fast-check)`, () => {
    const arb = personArb(jur);

    it('(a) a definite answer holds for every value of a fact nobody gave', () => {
      fc.assert(
        fc.property(arb, (raw) => {
          const p = intake(raw, jur.code);
          fc.pre(p !== undefined);
          const r = evaluate(p!);
          r.charges.forEach((c, ci) => {
            for (const def of unknownFacts(p!, ci, jur)) {
              // the values the fact can still take (narrowed_by: a grade leaves only some levels)
              const scope: Scope = { person: p!, charge: p!.charges[ci], jur, cache: new Map(), personCache: new Map(), plain: plainChargeFacts(jur) };
              for (const v of possibleValues(scope, def.name, valuesOf(def)!)) {
                const q = intake(withValue(raw, ci, def, v), jur.code);
                if (!q) continue;
                const r2 = evaluate(q);
                for (const kind of KINDS) {
                  const s = c.relief[kind];
                  if (!definite(s)) continue;
                  const s2 = r2.charges[ci]!.relief[kind];
                  const why = `${jur.code} charge ${ci} ${kind} was ${s.status} ${s.date ?? ''}; with ${def.name}=${String(v)}: ${s2.status} ${s2.date ?? ''}`;
                  if (s.status === 'not_eligible') expect(s2.status, why).toBe('not_eligible');
                  else {
                    expect(open(s2), why).toBe(true);
                    expect(dayOf(s2) <= dayOf(s), why).toBe(true);
                  }
                }
              }
            }
          });
        }),
        { numRuns: 150 },
      );
    });

    it('(b) when every value of a fact gives eligible or eligible_on, the answer is the latest of them', () => {
      fc.assert(
        fc.property(arb, (raw) => {
          const p = intake(raw, jur.code);
          fc.pre(p !== undefined && p.charges.length <= MAX_CHARGES_TRIED);
          const r = evaluate(p!);
          r.charges.forEach((c, ci) => {
            const unknown = unknownFacts(p!, ci, jur);
            const scope: Scope = { person: p!, charge: p!.charges[ci], jur, cache: new Map(), personCache: new Map(), plain: plainChargeFacts(jur) };
            const possible = (d: FactDef) => possibleValues(scope, d.name, valuesOf(d)!);
            for (const def of unknown) {
              const outs = possible(def).map((v) => {
                const q = intake(withValue(raw, ci, def, v), jur.code);
                return q ? evaluate(q) : undefined;
              });
              if (outs.some((o) => o === undefined)) continue;
              for (const kind of KINDS) {
                const each = outs.map((o) => (o as PersonResult).charges[ci]!.relief[kind]);
                if (!each.every(open)) continue;
                const s = c.relief[kind];
                // the engine tries at most 64 combinations of values (of every choice fact the open
                // answers turn on, the court included); past that it says needs_review
                let combos = 1;
                for (const d of unknown) combos *= possible(d).length;
                if (p!.charges[ci]!.court === undefined) combos *= valuesOf(rules.facts.get('court'))!.length;
                if (combos > 64) continue;
                const latest = each.map(dayOf).sort().at(-1)!;
                const why = `${jur.code} charge ${ci} ${kind}: ${def.name} gives ${each.map((e) => `${e.status} ${e.date ?? ''}`).join(' / ')}; answer ${s.status} ${s.date ?? ''}`;
                expect(open(s), why).toBe(true);
                expect(dayOf(s), why).toBe(latest);
              }
            }
          });
        }),
        { numRuns: 150 },
      );
    });
  });
}

describe('the random records exercise unknown facts', () => {
  it('on Illinois, some answers turn on a fact nobody gave (depends_on), and some are settled whatever it is', () => {
    const jur = rules.jurisdictions.get('IL')!;
    let depends = 0;
    let settled = 0;
    for (const raw of fc.sample(personArb(jur), { numRuns: 300, seed: 7 })) {
      const p = intake(raw, 'IL');
      if (!p) continue;
      for (const c of evaluate(p).charges) {
        for (const kind of KINDS) {
          const s = c.relief[kind];
          if (s.depends_on.length > 0) depends++;
          if (s.depends_on.length > 0 && s.status !== 'needs_review') settled++;
        }
      }
    }
    expect(depends).toBeGreaterThan(10);
    expect(settled).toBeGreaterThan(3);
  });
});

describe('issue 13 examples on the Illinois rules', () => {
  const felony = {
    category: 'burglary', level: 'felony', class: 'Class 3', disposition: 'convicted', disposition_date: '2021-03-31',
    sentence_type: 'probation', sentence_completed_date: '2023-03-31',
  };
  it('a diploma can only shorten the wait: sealing from 2026-03-31 at the latest, and what a diploma would change', () => {
    const p = intake({ registered_sex_offender: false, charges: [felony] }, 'IL')!;
    const s = evaluatePerson(p, rules, { asOf: '2026-03-30' }).charges[0]!.relief.sealing;
    expect(s.status).toBe('eligible_on');
    expect(s.date).toBe('2026-03-31');
    const d = s.depends_on.find((x) => x.fact === 'il_education_during_sentence')!;
    expect(d.outcomes).toEqual([
      { value: true, words: 'yes', status: 'eligible', date: null },
      { value: false, words: 'no', status: 'eligible_on', date: '2026-03-31' },
    ]);
    expect(s.reasons.join(' ')).toMatch(/yes: may apply now; no: may apply from 2026-03-31/);
  });
  it('an unknown that could take the relief away keeps needs_review, and says what each value gives', () => {
    const p = intake({ charges: [felony] }, 'IL')!;
    const s = evaluatePerson(p, rules, { asOf: '2026-03-30' }).charges[0]!.relief.sealing;
    expect(s.status).toBe('needs_review');
    const d = s.depends_on.find((x) => x.fact === 'registered_sex_offender')!;
    expect(d.outcomes.map((o) => [o.value, o.status, o.date])).toEqual([
      [true, 'needs_review', null],
      [false, 'eligible_on', '2026-03-31'],
    ]);
  });
  it('voting: a complete record whose sentences all ended settles that the person is not in custody', () => {
    const p = intake({ charges: [felony] }, 'IL')!;
    expect(evaluatePerson(p, rules, { asOf: '2026-03-30' }).voting?.status).toBe('can_vote');
  });
  it('voting: custody unknown says what each answer gives', () => {
    // a prison sentence not finished: whether the person is inside now decides it
    const p = intake({ charges: [{ ...felony, sentence_type: 'prison', sentence_completed_date: undefined, sentence_completed: false }] }, 'IL')!;
    const v = evaluatePerson(p, rules, { asOf: '2026-03-30' }).voting!;
    expect(v.status).toBe('needs_review');
    expect(v.depends_on.find((x) => x.fact === 'incarcerated')?.outcomes.map((o) => o.status)).toEqual(['not_yet', 'can_vote']);
  });
});
