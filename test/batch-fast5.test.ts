/**
 * Batch throughput (issue 21, ninth session): the engine's shortcuts give the answers of the plain
 * way (fast-check, on every state's real rules).
 * - a lean run of a rule (status and date only, what trying values of unknown facts compares)
 *   has the status and date of the full run, in the same scope and with any tried value set;
 * - trying values with lean runs (the slot shown made again in full) gives the same slots as
 *   trying them with full runs;
 * - long text cells, quoted by the writer itself, are written as csv-stringify writes them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainChargeFacts, type Scope } from '../src/core/conditions.js';
import { evaluateCharge, evaluateRule, pickBest, rulesInForce } from '../src/core/evaluate.js';
import type { Derived } from '../src/core/derive.js';
import type { Charge, FactValue, Jurisdiction, Lang, Person, ReliefKind, ReliefSlot, Rule, RuleResult } from '../src/core/types.js';
import { refineSlot, valuesOf, withFacts } from '../src/core/unknowns.js';
import { intake as intakeAt, personArb } from './helpers/persons.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const KINDS = ['expungement', 'sealing', 'set_aside'] as const;
const AS_OF = '2026-12-06';
const intake = (raw: Record<string, unknown>, state: string) => intakeAt(raw, state, AS_OF);

const scopeOf = (p: Person, c: Charge, jur: Jurisdiction): Scope => ({ person: p, charge: c, jur, cache: new Map(), personCache: new Map(), plain: plainChargeFacts(jur) });

/** A rule run the full way, whatever `lean` asks: what trying values did before lean runs. */
const fullOnly = (rule: Rule, scope: Scope, asOf: string, lang: Lang): RuleResult => evaluateRule(rule, scope, asOf, lang);

/** A charge's slots, its unknown facts tried with `ev`. */
function reliefWith(p: Person, ci: number, jur: Jurisdiction, lang: Lang, ev: typeof evaluateRule): Record<ReliefKind, ReliefSlot> {
  const inForce = rulesInForce(jur, AS_OF);
  const personCache = new Map<string, Derived>();
  const results = evaluateCharge(p, p.charges[ci]!, rules, AS_OF, lang, personCache).rules;
  const relief = pickBest(results, jur, lang);
  const tries = new Map<string, Scope>();
  for (const kind of KINDS) relief[kind] = refineSlot(kind, relief[kind], results, inForce, p, p.charges[ci]!, jur, AS_OF, lang, ev, personCache, tries);
  return relief;
}

let compared = 0;
let unknownTried = 0;
let slotsTried = 0;
for (const jur of rules.jurisdictions.values()) {
  if (jur.rules.length === 0) continue;
  // the boolean and enum facts of this state's charges and persons: the ones values are tried for
  const triable = [...jur.facts.values()].filter((d) => (d.level === 'charge' || d.level === 'person') && valuesOf(d));
  describe(`${jur.code}: lean rule runs (fast-check)`, () => {
    it('have the status and date of the full run, with and without a tried value', () => {
      fc.assert(
        fc.property(
          personArb(jur),
          fc.constantFrom<Lang>('en', 'es'),
          fc.nat(),
          fc.nat(),
          (raw, lang, pick, valuePick) => {
            const p = intake(raw, jur.code);
            fc.pre(p !== undefined);
            for (const c of p!.charges) {
              // as found, and with one triable fact set to one of its values (as refineSlot does)
              const variants: { person: Person; charge?: Charge }[] = [{ person: p!, charge: c }];
              if (triable.length > 0) {
                const def = triable[pick % triable.length]!;
                const vals = valuesOf(def)!;
                variants.push(withFacts(p!, c, [[def, vals[valuePick % vals.length] as FactValue]]));
                unknownTried++;
              }
              for (const v of variants) {
                for (const rule of rulesInForce(jur, AS_OF)) {
                  // the lean run first, in a scope of its own; the full run in another
                  const lean = evaluateRule(rule, scopeOf(v.person, v.charge!, jur), AS_OF, lang, true);
                  const full = evaluateRule(rule, scopeOf(v.person, v.charge!, jur), AS_OF, lang);
                  expect({ rule: rule.id, status: lean.status, date: lean.date }).toEqual({ rule: rule.id, status: full.status, date: full.date });
                  compared++;
                }
              }
            }
          },
        ),
        { numRuns: 120 },
      );
    });

    it('trying values with lean runs gives the slots of trying them with full runs, in English and Spanish', () => {
      fc.assert(
        fc.property(personArb(jur), fc.constantFrom<Lang>('en', 'es'), (raw, lang) => {
          const p = intake(raw, jur.code);
          fc.pre(p !== undefined);
          p!.charges.forEach((_, ci) => {
            const got = reliefWith(p!, ci, jur, lang, evaluateRule);
            const want = reliefWith(p!, ci, jur, lang, fullOnly);
            for (const kind of KINDS) if (got[kind].depends_on.length > 0) slotsTried++;
            expect(got).toEqual(want);
          });
        }),
        { numRuns: 150 },
      );
    });
  });
}

describe('CSV cells written without the library (long texts)', () => {
  it('are what csv-stringify writes, cell by cell and as rows', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const { csvCellEncoder, CSV_STRINGIFY_OPTIONS } = await import('../src/io/write-results.js');
    const encode = await csvCellEncoder();
    // texts of any length around the threshold, made of the characters that matter: delimiters,
    // quotes, line breaks, formula starts (plain and full-width), spaces, accents
    const ch = fc.constantFrom(...'ab ,."\n\r\t-=+@|é—\uFF1D\uFF0B\uFF0D\uFF20'.split(''), 'x');
    const text = fc.oneof(fc.array(ch, { maxLength: 120 }).map((a) => a.join('')), fc.tuple(fc.constantFrom('', '-', '=', '"', ' ', '\uFF20'), fc.array(fc.constantFrom('word ', 'a, b ', '(§ 5/1) ', 'x'), { maxLength: 30 })).map(([h, a]) => h + a.join('')));
    let long = 0;
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (cells) => {
        for (const c of cells) {
          if (c.length > 40) long++;
          expect(encode(c)).toBe(stringify([[c]], CSV_STRINGIFY_OPTIONS).slice(0, -1));
        }
        expect(`${cells.map(encode).join(',')}\n`).toBe(stringify([cells], CSV_STRINGIFY_OPTIONS));
      }),
      { numRuns: 3000 },
    );
    expect(long).toBeGreaterThan(500);
  });
});

describe('the properties above are exercised', () => {
  it('many rule runs compared, many with a tried value', () => {
    expect(compared).toBeGreaterThan(1000);
    expect(unknownTried).toBeGreaterThan(100);
  });
  it('values were tried for many slots', () => expect(slotsTried).toBeGreaterThan(100));
});
