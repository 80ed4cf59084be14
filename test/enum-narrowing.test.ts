/**
 * `narrowed_by`: an enum's possible values from another fact's known value (Pennsylvania's grade
 * from the shared level, 18 Pa.C.S. 106), on the real rule files and on small fixtures:
 * conditions read over the possible values, the engine tries only those, a contradictory given
 * value is used as given and warned about, and `rules validate` checks the declaration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contradictions, evalCondition, plainChargeFacts, possibleValues, type Scope } from '../src/core/conditions.js';
import { evaluatePerson } from '../src/core/evaluate.js';
import { intakePerson } from '../src/core/intake.js';
import type { Charge, Condition, FactDef, Jurisdiction, Person } from '../src/core/types.js';
import { triedValues, valuesOf } from '../src/core/unknowns.js';
import { lintNarrowedBy } from '../src/rules/lint.js';
import { parseYamlSource } from '../src/rules/yaml-source.js';
import { fairshot } from './helpers/cli.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const PA = rules.jurisdictions.get('PA')!;
const AS_OF = '2026-12-06';
const GRADES = PA.facts.get('pa_grade')!.values!;
const FELONY = ['felony_1', 'felony_2', 'felony_3', 'ungraded_felony'];
const MISDEMEANOR = ['misdemeanor_1', 'misdemeanor_2', 'misdemeanor_3', 'ungraded_misdemeanor'];

function person(charge: Record<string, unknown>): Person {
  const raw = {
    id: 'p', state: 'PA', record_complete: true, pending_charges: false, pa_consolidated_counts: false,
    charges: [{ state: 'PA', category: 'theft', statute: '18 § 3929', disposition: 'convicted', disposition_date: '2015-03-10', arrest_date: '2015-01-02', sentence_type: 'fine', sentence_completed_date: '2015-03-10', pa_restitution_paid: true, ...charge }],
  };
  const i = intakePerson(raw, rules.facts, { asOf: AS_OF });
  expect(i.errors).toEqual([]);
  return i.person!;
}
const scopeOf = (p: Person, jur: Jurisdiction = PA): Scope => ({ person: p, charge: p.charges[0], jur, cache: new Map(), personCache: new Map(), plain: plainChargeFacts(jur) });
const ruleStatuses = (p: Person) => Object.fromEntries(evaluatePerson(p, rules, { asOf: AS_OF, lang: 'en' }).charges[0]!.rules.map((r) => [r.rule, r]));
const withGrade = (p: Person, g: string): Person => {
  const c = { ...p.charges[0]!, extra: { ...p.charges[0]!.extra, pa_grade: g } } as Charge;
  return { ...p, charges: [c] };
};

describe('narrowed_by on the real rules (Pennsylvania grade from level)', () => {
  it('a felony with no grade is settled out of the summary-only routes, and pa_grade is not missing there', () => {
    const r = ruleStatuses(person({ level: 'felony', age_at_offense: 16 }));
    for (const id of ['PA.summary-expungement', 'PA.under-18-summary-expungement', 'PA.clean-slate-summary']) {
      expect(r[id]!.status, id).toBe('not_eligible');
      expect(r[id]!.missing, id).not.toContain('pa_grade');
    }
  });

  it('a "misdemeanor" with no grade stays open for them: people call summary offenses misdemeanors (retail theft, disorderly conduct)', () => {
    const r = ruleStatuses(person({ level: 'misdemeanor', age_at_offense: 16 }));
    for (const id of ['PA.summary-expungement', 'PA.under-18-summary-expungement', 'PA.clean-slate-summary']) {
      expect(r[id]!.status, id).toBe('needs_review');
      expect(r[id]!.missing, id).toContain('pa_grade');
    }
  });

  it('a petty offense with no grade is still open for them (read as summary)', () => {
    const r = ruleStatuses(person({ level: 'petty' }));
    expect(r['PA.clean-slate-summary']!.status).toBe('eligible');
    expect(r['PA.clean-slate-misdemeanor']!.status).toBe('not_eligible');
  });

  it('a grade with no level settles conditions on the level; a summary grade leaves it petty or infraction', () => {
    const cond: Condition = { fact: 'level', in: ['felony', 'misdemeanor'] };
    const missing = new Set<string>();
    expect(evalCondition(cond, scopeOf(person({ pa_grade: 'misdemeanor_2' })), missing)).toBe(true);
    expect(evalCondition({ fact: 'level', eq: 'felony' }, scopeOf(person({ pa_grade: 'summary' })), missing)).toBe(false);
    expect(evalCondition({ fact: 'level', eq: 'petty' }, scopeOf(person({ pa_grade: 'summary' })), missing)).toBe(undefined);
    expect([...missing]).toEqual(['level']);
    // inferred from the class on the papers too
    expect(evalCondition({ fact: 'level', eq: 'felony' }, scopeOf(person({ class: 'F3' })), new Set())).toBe(true);
  });

  it('the engine tries only the possible grades', () => {
    const def = PA.facts.get('pa_grade')!;
    const p = person({ level: 'felony' });
    expect(triedValues([def], p, p.charges[0], PA)).toEqual([FELONY]);
    expect(possibleValues(scopeOf(person({ level: 'misdemeanor' })), 'pa_grade', GRADES)).toEqual([...MISDEMEANOR, 'summary']);
    expect(possibleValues(scopeOf(person({})), 'pa_grade', GRADES)).toEqual(GRADES);
    expect(valuesOf(def)).toEqual(GRADES); // nine values, tried because narrowed
  });

  it('depends_on lists only the grades the level allows (a felony theft: F1 and F2 barred, F3 and ungraded open)', () => {
    const p = person({ level: 'felony', statute: '18 § 3921', disposition_date: '2010-03-10', arrest_date: '2010-01-02', sentence_completed_date: '2010-03-10', pa_pardon: 'none', pa_max_years: 5, pa_long_drug_sentence: false });
    const slot = evaluatePerson(p, rules, { asOf: AS_OF, lang: 'en' }).charges[0]!.relief.sealing;
    const dep = slot.depends_on.find((d) => d.fact === 'pa_grade')!;
    expect(dep.outcomes.map((o) => [o.value, o.status])).toEqual([
      ['felony_1', 'not_eligible'],
      ['felony_2', 'not_eligible'],
      ['felony_3', 'eligible'],
      ['ungraded_felony', 'eligible'],
    ]);
  });

  it('a grade its level rules out is still read as given (the docket grade), and reported as a contradiction', () => {
    const p = person({ level: 'felony', pa_grade: 'summary' });
    expect(contradictions(scopeOf(p))).toEqual([['pa_grade', 'summary', 'level', 'felony']]);
    expect(ruleStatuses(p)['PA.clean-slate-summary']!.status).toBe('eligible');
    expect(ruleStatuses(p)['PA.clean-slate-misdemeanor']!.status).toBe('not_eligible');
    expect(contradictions(scopeOf(person({ level: 'misdemeanor', pa_grade: 'misdemeanor_3' })))).toEqual([]);
  });

  it('property: a rule answer given with the grade unknown holds for every grade the level allows', () => {
    const levels = ['felony', 'misdemeanor', 'petty', 'infraction'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...levels),
        fc.constantFrom('theft', 'cannabis_possession', 'dui', 'assault', 'drug_possession'),
        fc.constantFrom('convicted', 'dismissed'),
        fc.integer({ min: 1995, max: 2025 }),
        fc.option(fc.integer({ min: 14, max: 70 }), { nil: undefined }),
        fc.boolean(),
        (level, category, disposition, year, age, paid) => {
          const p = person({ level, category, disposition, disposition_date: `${year}-03-10`, arrest_date: `${year}-01-02`, sentence_completed_date: `${year}-03-10`, pa_restitution_paid: paid, ...(age !== undefined ? { age_at_offense: age } : {}) });
          const unknown = ruleStatuses(p);
          const allowed = possibleValues(scopeOf(p), 'pa_grade', GRADES);
          expect(allowed.length).toBeLessThan(GRADES.length);
          for (const g of allowed) {
            const known = ruleStatuses(withGrade(p, g));
            for (const [id, r] of Object.entries(unknown)) {
              if (r.status === 'needs_review') continue;
              expect({ id, g, status: known[id]!.status, date: known[id]!.date }).toEqual({ id, g, status: r.status, date: r.date });
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('narrowed_by on a fixture', () => {
  const size: FactDef = { name: 'size', level: 'charge', type: 'enum', values: ['big', 'small'], label: { en: 'size' } };
  const kind: FactDef = {
    name: 'kind', level: 'charge', type: 'enum', values: ['a', 'b', 'c'], label: { en: 'kind' },
    narrowed_by: { fact: 'size', values: { big: ['a', 'b'], small: ['c'] } },
  };
  const jur = { ...PA, code: 'ZZ', facts: new Map([...PA.facts, ['size', size], ['kind', kind]]), rules: [] } as Jurisdiction;
  const charge = (extra: Record<string, string>): Person => ({
    id: 'z', state: 'ZZ', record_complete: true, prior_relief: [], extra: {},
    charges: [{ index: 0, state: 'ZZ', disposition: 'convicted', extra }],
  });
  const ev = (c: Condition, extra: Record<string, string>) => {
    const missing = new Set<string>();
    return [evalCondition(c, scopeOf(charge(extra), jur), missing), [...missing]];
  };

  it('eq, ne, in, not_in over the possible values: true for all, false for none, else unknown', () => {
    expect(ev({ fact: 'kind', in: ['a', 'b'] }, { size: 'big' })).toEqual([true, []]);
    expect(ev({ fact: 'kind', eq: 'c' }, { size: 'big' })).toEqual([false, []]);
    expect(ev({ fact: 'kind', ne: 'c' }, { size: 'big' })).toEqual([true, []]);
    expect(ev({ fact: 'kind', not_in: ['c'] }, { size: 'small' })).toEqual([false, []]);
    expect(ev({ fact: 'kind', eq: 'a' }, { size: 'big' })).toEqual([undefined, ['kind']]);
    expect(ev({ fact: 'kind', eq: 'a' }, {})).toEqual([undefined, ['kind']]);
    // backwards: a kind settles the size
    expect(ev({ fact: 'size', eq: 'big' }, { kind: 'b' })).toEqual([true, []]);
    // a given kind is read as given, even one its size rules out (warned about, not dropped)
    expect(ev({ fact: 'kind', eq: 'c' }, { size: 'big', kind: 'c' })).toEqual([true, []]);
    expect(ev({ fact: 'size', eq: 'big' }, { size: 'big', kind: 'c' })).toEqual([true, []]);
  });

  it('rules validate: keys, listed values, loops', () => {
    const src = parseYamlSource('x.yaml', 'facts:\n  kind: {}\n');
    const facts = new Map<string, FactDef>([['size', size], ['kind', kind]]);
    expect(lintNarrowedBy(src, '/facts/kind', kind, facts)).toEqual([]);
    const bad: FactDef = { ...kind, narrowed_by: { fact: 'size', values: { huge: ['a'], small: ['d'] } } };
    const msgs = lintNarrowedBy(src, '/facts/kind', bad, facts).map((d) => d.message);
    expect(msgs.some((m) => m.includes('"huge" is not a value of "size"'))).toBe(true);
    expect(msgs.some((m) => m.includes('"d" is not a value of "kind"'))).toBe(true);
    const loopSize: FactDef = { ...size, narrowed_by: { fact: 'kind', values: { a: ['big'] } } };
    const loopFacts = new Map<string, FactDef>([['size', loopSize], ['kind', kind]]);
    expect(lintNarrowedBy(src, '/facts/kind', kind, loopFacts).map((d) => d.message).join()).toContain('circle');
  });
});

describe('a contradiction, as the user sees it (the built CLI)', () => {
  const row = (pa_grade: string) =>
    JSON.stringify({ id: 'r1', state: 'PA', charges: [{ state: 'PA', category: 'theft', level: 'felony', pa_grade, disposition: 'convicted', disposition_date: '2015-01-01' }] });

  it('a grade the level rules out is warned about, in English and Spanish, naming the charge and both facts', () => {
    const r = fairshot(['check', '-', '--as-of', '2026-12-06', '--format', 'json'], { input: row('summary') });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout)[0];
    const w = (out.warnings as string[]).find((x) => x.startsWith('Charge 1:'));
    // the grade in the rule file's own words (value_words), not its id
    expect(w).toMatch(/grade of the offense .*is "S \(summary offense\)" but felony or misdemeanor is "felony": they cannot both be right\. Each rule used the one it reads.*check both on the court papers/);
    const es = JSON.parse(fairshot(['--lang', 'es', 'check', '-', '--as-of', '2026-12-06', '--format', 'json'], { input: row('summary') }).stdout)[0];
    expect((es.warnings as string[]).some((x) => x.startsWith('Cargo 1:') && x.includes('«S (delito sumario)»') && x.includes('no pueden ser ambos correctos'))).toBe(true);
  });

  it('a grade that fits its level is not', () => {
    const out = JSON.parse(fairshot(['check', '-', '--as-of', '2026-12-06', '--format', 'json'], { input: row('felony_3') }).stdout)[0];
    expect((out.warnings as string[]).some((x) => x.includes('cannot both be right'))).toBe(false);
  });
});
