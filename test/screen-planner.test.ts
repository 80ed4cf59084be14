/** The questionnaire's planner and the partial-date logic, on the real Illinois rule files. */
import { describe, expect, test } from 'vitest';
import { nextQuestion, newAnswers, screenAnswers, withAnswer, type RawPerson } from '../src/core/interview.js';
import { isDontKnow, parseAmount, parseDateInput } from '../src/core/parse-answer.js';
import { loadRuleSet } from '../src/rules/bundle.js';

const { rules } = loadRuleSet();
const AS_OF = '2026-11-28';

/** Answer the planner's questions from `script` (missing ids = "I don't know") until it stops. */
function walk(script: Record<string, unknown>, asOf = AS_OF): { asked: string[]; raw: RawPerson } {
  let raw = newAnswers();
  const asked: string[] = [];
  for (let i = 0; i < 60; i++) {
    const q = nextQuestion(raw, rules, asOf);
    if (!q) return { asked, raw };
    asked.push(q.id);
    const v = script[q.id];
    raw = withAnswer(raw, q, Array.isArray(v) ? v.shift() : q.id in script ? v : null);
  }
  throw new Error(`planner did not stop: ${asked.join(', ')}`);
}

const base = { state: 'IL', zip: '60614', 'charge.0.state': 'IL' };

describe('planner on IL rules', () => {
  test('minor cannabis arrest: asks what the automatic expungement reads, in rule order, then stops', () => {
    const { asked, raw } = walk({
      ...base,
      'charge.0.category': 'cannabis_possession',
      'charge.0.disposition': 'not_charged',
      'charge.0.cannabis_grams': 20,
      'charge.0.il_cannabis_enhanced': false,
      'charge.0.il_violent_crime_link': false,
      'charge.0.arrest_date': '2017-03-04',
      'charge.0.age_at_offense': 30,
      more_charges: 'no',
      incarcerated: false,
    });
    expect(asked).toEqual([
      'state', 'zip', 'charge.0.state', 'charge.0.category', 'charge.0.disposition', 'charge.0.arrest_date', 'charge.0.age_at_offense',
      'charge.0.cannabis_grams', 'charge.0.il_cannabis_enhanced', 'charge.0.il_violent_crime_link', 'more_charges',
    ]);
    // no conviction on the record: the record settles that nobody is serving a sentence
    const r = screenAnswers(raw, rules, AS_OF).result;
    expect(r.charges[0]!.relief.expungement).toMatchObject({ status: 'eligible', automatic: true, rule: 'IL.cannabis-automatic-expungement' });
    expect(r.voting?.status).toBe('can_vote');
  });

  test('a charge eligible for everything gets no more questions', () => {
    const { asked } = walk({ ...base, 'charge.0.category': 'theft', 'charge.0.disposition': 'dismissed', more_charges: 'no', incarcerated: false });
    expect(asked).toEqual(['state', 'zip', 'charge.0.state', 'charge.0.category', 'charge.0.disposition', 'more_charges']);
  });

  test('a conviction: sentence questions for the charge, person facts only after the last case', () => {
    const { asked } = walk({
      ...base,
      'charge.0.category': 'theft',
      'charge.0.disposition': 'convicted',
      'charge.0.level': 'misdemeanor',
      'charge.0.sentence_type': 'probation',
      'charge.0.sentence_completed': true,
      'charge.0.sentence_completed_date': '2020-05-01',
      more_charges: 'no',
      incarcerated: false,
      on_parole: false,
      on_probation: false,
      registered_sex_offender: false,
    });
    const more = asked.indexOf('more_charges');
    expect(more).toBeGreaterThan(0);
    expect(asked.slice(0, more).every((id) => ['state', 'zip'].includes(id) || id.startsWith('charge.0.'))).toBe(true);
    expect(asked).toContain('charge.0.sentence_completed_date');
    expect(asked.slice(more + 1)).toEqual(expect.arrayContaining(['registered_sex_offender']));
    // the only sentence ended in 2020: the record says the person is not serving one now
    expect(asked).not.toContain('incarcerated');
    expect(asked).not.toContain('charge.0.cannabis_grams');
  });

  test('on probation settles sealing: no sentence-date question after that', () => {
    const { asked, raw } = walk({
      ...base,
      'charge.0.category': 'theft',
      'charge.0.disposition': 'convicted',
      'charge.0.level': 'misdemeanor',
      'charge.0.sentence_type': 'probation',
      'charge.0.sentence_completed': false,
      more_charges: 'no',
      incarcerated: false,
      on_parole: false,
      on_probation: true,
      registered_sex_offender: false,
    });
    expect(asked).not.toContain('charge.0.sentence_completed_date');
    const r = screenAnswers(raw, rules, AS_OF).result;
    const petition = r.charges[0]!.rules.find((x) => x.rule === 'IL.conviction-sealing')!;
    expect(petition.status).toBe('not_eligible');
    expect(petition.reasons.join(' ')).toMatch(/Every sentence on your record must be finished first/);
  });

  test('"I don\'t know" is never asked twice and ends in needs_review with the document to look in', () => {
    const { asked, raw } = walk({ ...base, 'charge.0.category': 'cannabis_possession', 'charge.0.disposition': 'dismissed', more_charges: 'no', incarcerated: false });
    expect(new Set(asked).size).toBe(asked.length);
    expect(raw.charges![0]!.cannabis_grams).toBeNull();
    const r = screenAnswers(raw, rules, AS_OF).result;
    const auto = r.charges[0]!.rules.find((x) => x.rule === 'IL.cannabis-automatic-expungement')!;
    expect(auto.status).toBe('needs_review');
    expect(auto.reasons.join(' ')).toMatch(/police report/);
  });

  test('"how it ended: I don\'t know" stays unknown (not the contract default, convicted)', () => {
    const { raw } = walk({ ...base, 'charge.0.category': 'theft', more_charges: 'no', incarcerated: false });
    const r = screenAnswers(raw, rules, AS_OF).result;
    expect(r.charges[0]!.relief.expungement.status).toBe('needs_review');
    expect(r.charges[0]!.relief.expungement.reasons.join(' ')).toMatch(/how it ended/);
  });

  test('"another case" adds a charge and asks about it', () => {
    const { asked } = walk({
      ...base, 'charge.0.category': 'theft', 'charge.0.disposition': 'dismissed', more_charges: ['yes', 'no'],
      'charge.1.state': 'IL', 'charge.1.category': 'trespass', 'charge.1.disposition': 'acquitted', incarcerated: false,
    });
    expect(asked.filter((a) => a === 'more_charges')).toHaveLength(2);
    expect(asked).toContain('charge.1.category');
  });
});

describe('partial dates', () => {
  test('formats people write', () => {
    const d = (s: string) => parseDateInput(s, AS_OF);
    expect(d('2015-03-02')).toEqual({ ok: true, value: { from: '2015-03-02', to: '2015-03-02', precision: 'day' } });
    expect(d('3/2/2015')).toEqual({ ok: true, value: { from: '2015-03-02', to: '2015-03-02', precision: 'day' } });
    expect(d('March 2015')).toEqual({ ok: true, value: { from: '2015-03-01', to: '2015-03-31', precision: 'month' } });
    expect(d('marzo de 2015')).toEqual({ ok: true, value: { from: '2015-03-01', to: '2015-03-31', precision: 'month' } });
    expect(d('2 de febrero de 2016')).toEqual({ ok: true, value: { from: '2016-02-02', to: '2016-02-02', precision: 'day' } });
    expect(d('2015')).toEqual({ ok: true, value: { from: '2015-01-01', to: '2015-12-31', precision: 'year' } });
    expect(d('2026').ok && d('2026')).toMatchObject({ value: { to: AS_OF } });
    expect(d('2/30/2015').ok).toBe(false);
    expect(d('2027').ok).toBe(false);
    expect(d('soon').ok).toBe(false);
    expect(isDontKnow('No sé')).toBe(true);
    expect(isDontKnow("I don't know")).toBe(true);
  });

  test('amounts in grams or ounces', () => {
    expect(parseAmount('20')).toEqual({ ok: true, value: 20 });
    expect(parseAmount('20 g')).toEqual({ ok: true, value: 20 });
    expect(parseAmount('1 oz')).toEqual({ ok: true, value: 28.35 });
    expect(parseAmount('2 onzas')).toEqual({ ok: true, value: 56.7 });
    expect(parseAmount('a lot').ok).toBe(false);
  });

  const supervision = (date: string): RawPerson => ({
    id: 'p', state: 'IL', record_complete: true,
    charges: [{ category: 'trespass', level: 'misdemeanor', disposition: 'supervision_completed', disposition_detail: 'court supervision', disposition_date: date }],
  });

  test('a verdict that depends on the missing part says needs_review and what to look up', () => {
    // 2 years after the supervision ended: 2024-01-01 gives 2026-01-01 (eligible), 2024-12-31 gives 2026-12-31 (not yet)
    const r = screenAnswers(supervision('2024'), rules, AS_OF).result;
    const s = r.charges[0]!.relief.expungement;
    expect(s.status).toBe('needs_review');
    expect(s.reasons.join(' ')).toMatch(/exact date it ended: you said "2024", so between 2024-01-01 and 2024-12-31/);
    expect(s.reasons.join(' ')).toMatch(/court docket/);
  });

  test('a range that does not matter gives the plain verdict', () => {
    const r = screenAnswers(supervision('2019-06'), rules, AS_OF).result;
    expect(r.charges[0]!.relief.expungement.status).toBe('eligible');
  });

  test('eligible_on at both ends keeps the later day, and says it could be earlier', () => {
    const r = screenAnswers(supervision('2025-03'), rules, AS_OF).result;
    const s = r.charges[0]!.relief.expungement;
    expect(s).toMatchObject({ status: 'eligible_on', date: '2027-03-31' });
    expect(s.reasons.join(' ')).toMatch(/as early as 2027-03-01/);
  });

  test('Spanish wording', () => {
    const r = screenAnswers(supervision('2024'), rules, AS_OF, 'es').result;
    expect(r.charges[0]!.relief.expungement.reasons.join(' ')).toMatch(/Depende de la fecha en que terminó exacta/);
  });
});
