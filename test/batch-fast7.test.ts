/**
 * Batch throughput (issue 21, eleventh session): the tries' shortcut gives the answers of the
 * plain way (fast-check, on every state's real rules).
 * - A rule that answered `not_eligible` with a fact nobody gave answers `not_eligible` for every
 *   value of that fact (the principle "a fact nobody gave never makes a rule not eligible", rule by
 *   rule): what lets the tries compare such a rule at its first answer instead of running it for
 *   each value (unknowns.ts, `stays`).
 * - Values a rule cannot tell apart (its conditions on the fact give the same for them) give the
 *   same answer: what lets the tries run such a rule once for them (`same`).
 * - With the shortcuts on and off, every person screens to the same JSON text.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { factValue, plainChargeFacts, possibleValues, type Scope } from '../src/core/conditions.js';
import { evaluateCharge, evaluatePerson } from '../src/core/evaluate.js';
import type { FactDef, Jurisdiction, Lang, Person } from '../src/core/types.js';
import { TRY_SHORTCUTS, valuesOf } from '../src/core/unknowns.js';
import { intake as intakeAt, personArb } from './helpers/persons.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
// the second as-of date makes the later sentence ends planned ones (sentence_end_planned)
const AS_OFS = ['2026-12-06', '2024-06-01'] as const;

const scopeOf = (p: Person, ci: number, jur: Jurisdiction): Scope => ({ person: p, charge: p.charges[ci], jur, cache: new Map(), personCache: new Map(), plain: plainChargeFacts(jur) });

/** Facts of this charge (or the person) that nobody gave and the record does not settle, that the engine would try. */
function unknownFacts(p: Person, ci: number, jur: Jurisdiction): FactDef[] {
  const scope = scopeOf(p, ci, jur);
  // `court` is not unknown when not given: the contract reads a charge as a state court's by default
  return [...jur.facts.values()].filter((d) => (d.level === 'charge' || d.level === 'person') && d.name !== 'court' && valuesOf(d) && factValue(scope, d.name) === undefined);
}

function withValue(raw: Record<string, unknown>, ci: number, def: FactDef, v: unknown): Record<string, unknown> {
  if (def.level === 'person') return { ...raw, [def.name]: v };
  const charges = (raw.charges as Record<string, unknown>[]).map((c, i) => (i === ci ? { ...c, [def.name]: v } : c));
  return { ...raw, charges };
}

afterEach(() => {
  TRY_SHORTCUTS.stays = true;
  TRY_SHORTCUTS.same = true;
});

let staysChecked = 0;
let differentRuns = 0;
for (const jur of rules.jurisdictions.values()) {
  if (jur.rules.length === 0) continue;
  describe(`${jur.code}: the tries' shortcut (fast-check)`, () => {
    it('a rule not eligible with a fact unknown stays not eligible for every value of it', () => {
      fc.assert(
        fc.property(personArb(jur), fc.constantFrom(...AS_OFS), (raw, asOf) => {
          const p = intakeAt(raw, jur.code, asOf);
          fc.pre(p !== undefined);
          p!.charges.forEach((charge, ci) => {
            const before = evaluateCharge(p!, charge, rules, asOf, 'en').rules;
            if (!before.some((r) => r.status === 'not_eligible')) return;
            for (const def of unknownFacts(p!, ci, jur)) {
              for (const v of possibleValues(scopeOf(p!, ci, jur), def.name, valuesOf(def)!)) {
                const q = intakeAt(withValue(raw, ci, def, v), jur.code, asOf);
                if (!q) continue;
                const after = evaluateCharge(q, q.charges[ci]!, rules, asOf, 'en').rules;
                before.forEach((r, i) => {
                  if (r.status !== 'not_eligible') return;
                  staysChecked++;
                  expect(after[i]!.rule).toBe(r.rule);
                  expect(after[i]!.status, `${r.rule} on charge ${ci}: not eligible with ${def.name} unknown; with ${def.name}=${String(v)}: ${after[i]!.status}`).toBe('not_eligible');
                });
              }
            }
          });
        }),
        { numRuns: 60 },
      );
    });

    it('every person screens to the same JSON with the shortcut on and off', () => {
      fc.assert(
        fc.property(personArb(jur), fc.constantFrom(...AS_OFS), fc.constantFrom<Lang>('en', 'es'), (raw, asOf, lang) => {
          const p = intakeAt(raw, jur.code, asOf);
          fc.pre(p !== undefined);
          TRY_SHORTCUTS.stays = false;
          TRY_SHORTCUTS.same = false;
          const plain = JSON.stringify(evaluatePerson(p!, rules, { asOf, lang }));
          TRY_SHORTCUTS.stays = true;
          const stays = JSON.stringify(evaluatePerson(p!, rules, { asOf, lang }));
          TRY_SHORTCUTS.same = true;
          const both = JSON.stringify(evaluatePerson(p!, rules, { asOf, lang }));
          expect(stays).toBe(plain);
          expect(both).toBe(plain);
          if (plain.includes('"depends_on":[{')) differentRuns++;
        }),
        { numRuns: 80 },
      );
    });
  });
}

describe('the random records exercise the shortcut', () => {
  it('many rules not eligible with a fact unknown were checked, and many answers turned on unknown facts', () => {
    expect(staysChecked).toBeGreaterThan(1000);
    expect(differentRuns).toBeGreaterThan(100);
  });
});
