/** The questionnaire's planner and the partial-date logic, on the real Illinois rule files. */
import { describe, expect, test } from 'vitest';
import { nextQuestion, newAnswers, screenAnswers, withAnswer, type Ask, type RawPerson } from '../src/core/interview.js';
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
  test('minor cannabis arrest: eligible now, so nothing more is asked; the automatic route says what it would need', () => {
    // Issue 22: what a person sees is whether and from when relief may apply (and the vote). An
    // arrest that ended without a conviction may be expunged now; whether it also came by itself is
    // not asked for, but the results still name the automatic route and what it reads.
    const { asked, raw } = walk({
      ...base,
      'charge.0.category': 'cannabis_possession',
      'charge.0.disposition': 'not_charged',
      more_charges: 'no',
      incarcerated: false,
    });
    expect(asked).toEqual(['zip', 'state', 'charge.0.state', 'charge.0.category', 'charge.0.disposition', 'more_charges']);
    // no conviction on the record: the record settles that nobody is serving a sentence
    const r = screenAnswers(raw, rules, AS_OF).result;
    expect(r.charges[0]!.relief.expungement).toMatchObject({ status: 'eligible', rule: 'IL.nonconviction-expungement' });
    const auto = r.charges[0]!.rules.find((x) => x.rule === 'IL.cannabis-automatic-expungement')!;
    expect(auto.status).toBe('needs_review');
    expect(auto.missing).toEqual(expect.arrayContaining(['arrest_date', 'cannabis_grams']));
    expect(r.voting?.status).toBe('can_vote');
  });

  test('a charge eligible for everything gets no more questions', () => {
    const { asked } = walk({ ...base, 'charge.0.category': 'theft', 'charge.0.disposition': 'dismissed', more_charges: 'no', incarcerated: false });
    expect(asked).toEqual(['zip', 'state', 'charge.0.state', 'charge.0.category', 'charge.0.disposition', 'more_charges']);
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
    // A conviction of unknown kind and dates: every answer "I don't know".
    const { asked, raw } = walk({ ...base, 'charge.0.category': 'cannabis_possession', 'charge.0.disposition': 'convicted', more_charges: 'no', incarcerated: false });
    expect(new Set(asked).size).toBe(asked.length);
    expect(raw.charges![0]!.sentence_completed).toBeNull();
    const r = screenAnswers(raw, rules, AS_OF).result;
    const sealing = r.charges[0]!.relief.sealing;
    expect(sealing.status).toBe('needs_review');
    expect(sealing.reasons.join(' ')).toMatch(/Where to look: .*(rap sheet|docket)/);
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

// ---------------------------------------------------------------------------
// Issue 22: ask only what can change the answer.

/** What a person sees of the results (issue 22): each relief's status and date; the voting status. */
function seen(raw: RawPerson): string[] {
  const r = screenAnswers(raw, rules, AS_OF).result;
  const out = r.charges.flatMap((c) =>
    (['expungement', 'sealing', 'set_aside'] as const).map((k) => {
      const s = c.relief[k];
      return `${c.index}.${k}: ${s.status} ${s.date ?? ''}`;
    }),
  );
  out.push(`voting: ${r.voting?.status}`);
  return out;
}

describe('asking only what can change the answer', () => {
  const paidOff = {
    ...base,
    'charge.0.category': 'cannabis_possession', 'charge.0.disposition': 'convicted', 'charge.0.level': 'misdemeanor', 'charge.0.class': 'Class A',
    'charge.0.sentence_type': 'fine', 'charge.0.sentence_completed': true, 'charge.0.sentence_completed_date': '2017-06-01', 'charge.0.fines_paid': true,
    'charge.0.cannabis_grams': 10, 'charge.0.offense_date': '2016-05-01', 'charge.0.disposition_date': '2017-01-10',
    'charge.0.il_pardon_or_certificate': 'none', 'charge.0.pardon_date': null, 'charge.0.il_cannabis_enhanced': false, 'charge.0.il_violent_crime_link': false,
    more_charges: 'no', registered_sex_offender: false, pending_charges: false, incarcerated: false,
  };

  test('a paid-off cannabis conviction: what only the pardon route reads is not asked while the pardon is unknown, and the results do not name it', () => {
    const { asked, raw } = walk({ ...paidOff });
    // the automatic route after a pardon reads these; with the pardon not known, no answer to them changes a result
    expect(asked).not.toContain('charge.0.il_cannabis_enhanced');
    expect(asked).not.toContain('charge.0.il_violent_crime_link');
    expect(asked.slice(0, 5)).toEqual(['zip', 'state', 'charge.0.state', 'charge.0.category', 'charge.0.disposition']);
    // 19 prompts before issue 22 (17 questions, the language and the review): now at most 12
    // (10 questions until the money owed became its own question: the vacate motion reads it)
    expect(asked.length).toBeLessThanOrEqual(11);
    expect(asked).toContain('charge.0.fines_paid');
    const r = screenAnswers(raw, rules, AS_OF).result;
    expect(r.charges[0]!.relief.expungement).toMatchObject({ status: 'eligible', rule: 'IL.cannabis-vacate-and-expunge' });
    // neither the answers shown nor what is said to be missing name them (the rule's own checks, in --json, still list what it reads)
    const said = JSON.stringify([r.charges[0]!.relief, r.voting, r.charges[0]!.rules.map((x) => [x.missing, x.reasons.filter((y) => /need to know|Where to look/.test(y))])]);
    expect(said).not.toMatch(/il_cannabis_enhanced|il_violent_crime_link|made more serious|violent crime/);
    // the pardon route (it would only make the expungement come by itself) still says what it needs
    expect(r.charges[0]!.rules.find((x) => x.rule === 'IL.cannabis-pardon-expungement')!.missing).toEqual(['cannabis_grams', 'pardon_date']);
  });

  test('a replayed answers file gives the same results with or without the skipped facts', () => {
    const { raw } = walk({ ...paidOff });
    const full = structuredClone(raw);
    for (const [f, v] of [['il_cannabis_enhanced', false], ['il_violent_crime_link', false]] as const) full.charges![0]![f] = v;
    expect(seen(full)).toEqual(seen(raw));
    const a = screenAnswers(raw, rules, AS_OF).result;
    const b = screenAnswers(full, rules, AS_OF).result;
    expect(a.charges[0]!.relief).toEqual(b.charges[0]!.relief);
    expect(a.voting).toEqual(b.voting);
  });

  test('disposition before the details of a conviction; a fact that bars everything before dates', () => {
    const { asked } = walk({ ...paidOff });
    const at = (id: string) => asked.indexOf(id);
    expect(at('charge.0.disposition')).toBeLessThan(at('charge.0.sentence_completed'));
    expect(at('charge.0.sentence_completed')).toBeLessThan(at('charge.0.sentence_completed_date'));
    // the end of the sentence bounds the offense and conviction dates: they are not asked
    expect(asked).not.toContain('charge.0.offense_date');
    expect(asked).not.toContain('charge.0.disposition_date');
  });

  // Property: over generated persons, (a) every yes/no or choice question asked could change what
  // is seen given the earlier answers (alone, or together with one other unknown fact), and (b) the
  // results of the questionnaire equal those of the same person answering every question.
  const STATES = ['IL', 'CA', 'NY', 'WA', 'CO', 'MI', 'NJ', 'PA', 'MA', 'GA'];
  const CATEGORIES = ['cannabis_possession', 'theft', 'dui', 'assault', 'drug_possession', 'trespass', 'burglary', 'fraud'];
  function rng(seed: number) {
    let x = seed >>> 0 || 1;
    return () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
  }
  const day = (d: Date) => d.toISOString().slice(0, 10);
  function person(seed: number): { state: string; truth: (id: string) => unknown } {
    const r = rng(seed);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const state = pick(STATES);
    const offense = new Date(Date.UTC(1998 + Math.floor(r() * 26), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    const plus = (d: Date, days: number) => new Date(d.getTime() + days * 864e5);
    const dates: Record<string, string> = {
      offense_date: day(offense), arrest_date: day(offense), disposition_date: day(plus(offense, 90)), sentence_date: day(plus(offense, 90)),
      sentence_completed_date: day(plus(offense, 90 + 365 * (1 + Math.floor(r() * 3)))), release_date: day(plus(offense, 200)),
      birth_date: day(plus(offense, -365.25 * (19 + Math.floor(r() * 30)))),
    };
    const known = new Map<string, unknown>();
    const truth = (id: string): unknown => {
      if (known.has(id)) return known.get(id);
      const fact = id.split('.').at(-1)!;
      const def = rules.jurisdictions.get(state)?.facts.get(fact) ?? rules.facts.get(fact);
      let v: unknown = null;
      if (fact === 'category') v = pick(CATEGORIES);
      else if (fact === 'sentence_completed_date' && dates[fact]! > AS_OF) v = null;
      else if (r() < 0.1) v = null; // "I don't know"
      else if (fact in dates) v = dates[fact]! > AS_OF ? null : dates[fact];
      else if (fact === 'sentence_completed') v = dates.sentence_completed_date! <= AS_OF;
      else if (fact === 'pardon_date' || fact === 'sentence_end_planned') v = null;
      // serving a sentence now only when it has not ended (the record says the rest)
      else if (['incarcerated', 'on_parole', 'on_probation'].includes(fact)) v = dates.sentence_completed_date! > AS_OF && r() < 0.5;
      else if (def?.type === 'boolean') v = r() < 0.3;
      else if (def?.type === 'enum' && def.values) v = pick(def.values);
      else if (fact === 'cannabis_grams') v = Math.round(r() * 60);
      else if (fact === 'age_at_offense') v = 17 + Math.floor(r() * 30);
      known.set(id, v);
      return v;
    };
    return { state, truth };
  }

  test('property: every question asked could change a result; skipping never changes the results', () => {
    let checked = 0;
    let asked = 0;
    const unproven: string[] = [];
    let spanAsked = 0;
    const spanUnproven: string[] = [];
    for (let seed = 1; seed <= 14; seed++) {
      const { state, truth } = person(seed * 7919);
      let raw = newAnswers();
      const script: Record<string, unknown> = { state, zip: null, 'charge.0.state': state, more_charges: 'no', 'charge.0.court': 'state' };
      const answer = (id: string) => (id in script ? script[id] : truth(id));
      for (let i = 0; i < 60; i++) {
        const q = nextQuestion(raw, rules, AS_OF);
        if (!q) break;
        const def = rules.jurisdictions.get(state)?.facts.get(q.fact);
        if (def && (def.type === 'boolean' || (def.type === 'enum' && def.values && def.values.length <= 8)) && q.fact !== 'court' && q.fact !== 'disposition') {
          // (a) some value changes what is seen, alone or with one other unknown choice fact of the same case or the person
          const values: unknown[] = def.type === 'boolean' ? [true, false] : def.values!;
          const now = seen(raw);
          const alone = values.some((v) => seen(withAnswer(raw, q, v)).join() !== now.join());
          let pair = alone;
          if (!alone) {
            const others = [...(rules.jurisdictions.get(state)?.facts.values() ?? [])].filter(
              (d) => d.question && d.name !== q.fact && (d.type === 'boolean' || (d.type === 'enum' && (d.values?.length ?? 9) <= 8)) && d.level !== 'derived',
            );
            pair = others.some((o) => {
              const target = o.level === 'person' ? ('person' as const) : q.target;
              const rec = target === 'person' ? raw : raw.charges?.[target as number];
              if (!rec || o.name in rec || (target === 'person' && o.name === 'record_complete')) return false;
              const ov: unknown[] = o.type === 'boolean' ? [true, false] : o.values!;
              return ov.some((w) => {
                const withO = withAnswer(raw, { id: o.name, target, fact: o.name }, w);
                const s = values.map((v) => seen(withAnswer(withO, q, v)).join());
                return s.some((x) => x !== s[0]);
              });
            });
          }
          asked++;
          if (!pair) unproven.push(`${state} seed ${seed}: ${q.id}`);
        } else if (def && (def.type === 'date' || def.type === 'number') && def.question) {
          // (a) for a date or an amount: some value (the first of each year, or an amount on a
          // grid) changes what is seen; a date asked only together with others (a rule no single
          // answer settles) may have no witness alone.
          const values: unknown[] =
            def.type === 'date'
              ? Array.from({ length: 2026 - 1985 + 1 }, (_, k) => `${1985 + k}-01-01`).concat(AS_OF)
              : [0, 1, 2.5, 3, 5, 8, 10, 10.5, 15, 20, 28.5, 29, 30, 30.5, 40, 100, 500, 1000, 2000, 5000, 17, 18, 19, 20.5, 21, 24, 25, 26, 30, 40, 65];
          const now = seen(raw).join();
          spanAsked++;
          // alone, or together with another date or amount of the case not given yet
          const alone = values.some((v) => seen(withAnswer(raw, q, v)).join() !== now);
          const others = [...(rules.jurisdictions.get(state)?.facts.values() ?? [])].filter(
            (d) => d.question && d.name !== q.fact && (d.type === 'date' || d.type === 'number') && d.level === 'charge' && !(d.name in (raw.charges?.[q.target as number] ?? {})),
          );
          const pair =
            alone ||
            others.some((o) =>
              (o.type === 'date' ? ['1990-01-01', '2010-01-01', '2020-01-01', AS_OF] : [0, 10, 50, 1000]).some((w) => {
                const withO = withAnswer(raw, { id: o.name, target: q.target, fact: o.name }, w);
                const s = values.filter((_, k) => k % 4 === 0).map((v) => seen(withAnswer(withO, q, v)).join());
                return s.some((x) => x !== s[0]);
              }),
            );
          if (!pair) spanUnproven.push(`${state} seed ${seed}: ${q.id} ${process.env.DEBUG_A ? JSON.stringify(raw) : ""}`);
        }
        raw = withAnswer(raw, q, answer(q.id));
      }
      if (screenAnswers(raw, rules, AS_OF).result.errors.length > 0) continue;
      // (b) the same person answering every question of the rules' vocabulary they were not asked
      const full = structuredClone(raw);
      const facts = [...(rules.jurisdictions.get(state)?.facts.values() ?? [])].filter((d) => d.question && d.level !== 'derived' && d.name !== 'record_complete');
      for (const d of facts) {
        if (d.level === 'person' && !(d.name in full) && d.name !== 'zip' && d.name !== 'state') full[d.name] = truth(d.name);
        if (d.level === 'charge' && !(d.name in full.charges![0]!) && d.name !== 'state' && d.name !== 'court') full.charges![0]![d.name] = truth(`charge.0.${d.name}`);
      }
      if (screenAnswers(full, rules, AS_OF).result.errors.length > 0) continue;
      expect(seen(full), `${state} seed ${seed}: ${JSON.stringify(raw)}`).toEqual(seen(raw));
      checked++;
    }
    expect(checked).toBeGreaterThan(8);
    // (a) A choice fact whose combinations with the other unknown facts are too many to try (past
    // MAX_GRID) is asked rather than skipped; those are the ones a pair cannot show here (5 of 19
    // with these seeds). Every other choice question has a witness.
    expect(asked).toBeGreaterThan(10);
    expect(unproven.length, unproven.join('; ')).toBeLessThanOrEqual(Math.ceil(asked / 3));
    expect(spanAsked).toBeGreaterThanOrEqual(4);
    expect(spanUnproven.length, spanUnproven.join('; ')).toBeLessThanOrEqual(Math.ceil(spanAsked / 3));
    console.log(`issue 22 (a): ${asked - unproven.length}/${asked} choice questions and ${spanAsked - spanUnproven.length}/${spanAsked} date or amount questions with a witness`);
  }, 240_000);
});

describe('issue 22: one old cannabis possession conviction, fine paid, in each state with relief rules', () => {
  // The same person in every state (as bench/asking.mjs's first person and docs/performance.md's
  // per-state walk): a misdemeanor possession of 10 g, offense 2016-05, case ended 2017-01, fine
  // paid by 2017-06, nothing else on the record. Facts the script does not hold are answered no /
  // "none" / 0 / "I don't know" by their type. Prompts = the planner's questions, minus the state
  // (read from the ZIP), plus the language question and the review screen.
  const ZIPS: Record<string, string> = { IL: '60614', CA: '90012', CO: '80202', WA: '98101', MI: '48226', NY: '10027', NJ: '07102', PA: '19107', DC: '20001', MA: '02114', GA: '30303', HI: '96813' };
  // At most this many prompts (12 is the target; the others are where they stand, as a guard).
  // IL and GA were 11 until money owed became its own question (thirteenth session): Illinois's
  // vacate-and-expunge motion and Georgia's (j)(4) restriction read whether the fine was paid.
  const MOST: Record<string, number> = { IL: 12, CO: 10, WA: 10, MI: 9, DC: 11, MA: 10, GA: 12, NJ: 12, PA: 12, NY: 12, CA: 12, HI: 11 };
  const seen = (raw: RawPerson) => {
    const r = screenAnswers(raw, rules, '2026-12-06').result;
    return JSON.stringify([r.errors, r.charges.map((c) => Object.values(c.relief).map((s) => [s.status, s.date])), r.voting?.status]);
  };
  /** The walk: the planner's questions, answered from the person above. */
  const walkState = (st: string) => {
    const c: Record<string, unknown> = { category: 'cannabis_possession', disposition: 'convicted', level: 'misdemeanor', class: 'Class B', sentence_type: 'fine', sentence_completed: true, sentence_completed_date: '2017-06-01', cannabis_grams: 10, offense_date: '2016-05-01', arrest_date: '2016-05-01', disposition_date: '2017-01-10', court: 'state', age_at_offense: 30, fines_paid: true, pa_grade: 'ungraded_misdemeanor' };
    // (Pennsylvania's small-amount possession, 35 P.S. 780-113(a)(31), is an ungraded misdemeanor)
    // the fine was paid when the sentence ended (New Jersey asks the day of the last payment)
    const person: Record<string, unknown> = { registered_sex_offender: false, pending_charges: false, incarcerated: false, on_parole: false, on_probation: false, nj_last_payment_date: '2017-06-01' };
    const jur = rules.jurisdictions.get(st)!;
    const answer = (target: 'person' | number, fact: string): unknown => {
      const src = target === 'person' ? person : c;
      if (fact in src) return src[fact];
      const def = jur.facts.get(fact);
      if (def?.type === 'boolean') return false;
      if (def?.type === 'enum') return def.values!.includes('none') ? 'none' : def.values!.at(-1);
      if (def?.type === 'number') return 0;
      return null;
    };
    let raw = newAnswers();
    const asked: Ask[] = [];
    for (let i = 0; i < 60; i++) {
      const q = nextQuestion(raw, rules, '2026-12-06');
      if (!q) break;
      asked.push(q);
      const v = q.id === 'zip' ? ZIPS[st] : q.id === 'more_charges' ? 'no' : q.fact === 'state' ? st : answer(q.target, q.fact);
      raw = withAnswer(raw, q, v);
      if (q.id === 'zip') raw = { ...raw, state: st }; // what the questionnaire reads from the ZIP
    }
    // every question of the state's vocabulary answered the same way
    const full = structuredClone(raw);
    for (const [name, def] of jur.facts) {
      if (!def.question || def.level === 'derived' || name === 'record_complete' || name === 'zip') continue;
      const rec = def.level === 'person' ? full : full.charges![0]!;
      if (!(name in rec)) rec[name] = answer(def.level === 'person' ? 'person' : 0, name);
    }
    return { asked, raw, full };
  };
  for (const st of Object.keys(ZIPS)) {
    test(`${st}: at most ${MOST[st]} prompts, and the results of answering every question`, () => {
      const { asked, raw, full } = walkState(st);
      expect(asked.map((q) => q.id)).not.toContain('state');
      expect(asked.length + 2).toBeLessThanOrEqual(MOST[st]!);
      expect(seen(raw)).toBe(seen(full));
    });
  }

  test('NY: "another case?" comes before the details its "No, that is all" makes moot, and the conviction\'s date before what only counts with it', () => {
    // Clean Slate (CPL 160.57) needs no case open: once "No, that is all" says so, a fine-only
    // sentence settles the sealing, and whether the sentence is finished or the person was a
    // youthful offender no longer changes anything shown.
    const { asked } = walkState('NY');
    const ids = asked.map((q) => q.id);
    expect(ids).not.toContain('charge.0.ny_youthful_offender');
    expect(ids).not.toContain('charge.0.sentence_completed');
    expect(ids.indexOf('charge.0.disposition_date')).toBeLessThan(ids.indexOf('charge.0.sentence_type'));
    expect(ids.indexOf('more_charges')).toBeLessThan(ids.indexOf('charge.0.statute'));
  });

  test('NY: a person who answers "Yes, add another" is still asked what the first case needs, and gets the results of answering everything', () => {
    const c0: Record<string, unknown> = { state: 'NY', category: 'cannabis_possession', disposition: 'convicted', level: 'misdemeanor', sentence_type: 'fine', sentence_completed: true, disposition_date: '2017-01-10', offense_date: '2016-05-01', ny_youthful_offender: false, statute: null };
    const c1: Record<string, unknown> = { state: 'NY', category: 'other', disposition: 'convicted', level: 'felony', sentence_type: 'prison', sentence_completed: false, sentence_end_planned: '2030-01-01', disposition_date: '2025-03-01', offense_date: '2024-11-01', ny_youthful_offender: false, statute: null };
    const person: Record<string, unknown> = { pending_charges: false, registered_sex_offender: false, incarcerated: true, on_parole: false, on_probation: false };
    const jur = rules.jurisdictions.get('NY')!;
    let raw = newAnswers();
    let cases = 0;
    const asked: string[] = [];
    for (let i = 0; i < 80; i++) {
      const q = nextQuestion(raw, rules, '2026-12-06');
      if (!q) break;
      asked.push(q.id);
      let v: unknown;
      if (q.id === 'zip') v = '10027';
      else if (q.id === 'more_charges') v = cases++ === 0 ? 'yes' : 'no';
      else {
        const src = q.target === 'person' ? person : q.target === 0 ? c0 : c1;
        const def = jur.facts.get(q.fact);
        v = q.fact in src ? src[q.fact] : def?.type === 'boolean' ? false : null;
      }
      raw = withAnswer(raw, q, v);
      if (q.id === 'zip') raw = { ...raw, state: 'NY' };
    }
    expect(raw.charges).toHaveLength(2);
    // the first case's details still needed after the second case came in are asked then
    const firstMore = asked.indexOf('more_charges');
    expect(asked.slice(firstMore).some((id) => id.startsWith('charge.0.') && id !== 'charge.0.statute')).toBe(true);
    const full = structuredClone(raw);
    for (const [name, def] of jur.facts) {
      if (!def.question || def.level === 'derived' || name === 'record_complete' || name === 'zip') continue;
      if (def.level === 'person') {
        if (!(name in full)) full[name] = name in person ? person[name] : def.type === 'boolean' ? false : null;
      } else {
        full.charges!.forEach((rec, i) => {
          const src = i === 0 ? c0 : c1;
          if (!(name in rec)) rec[name] = name in src ? src[name] : def.type === 'boolean' ? false : null;
        });
      }
    }
    expect(seen(raw)).toBe(seen(full));
  });

  test('CA: the automatic Prop 64 route is asked first, and once it holds the Penal Code dismissals\' facts are not asked', () => {
    // Prop 64's order for conduct now legal (before 2016-11-09, 21 or over, up to 28.5 g, not
    // concentrate) dismisses the conviction and seals it, and was to be made without a petition
    // (HSC 11361.8(e)-(f), 11361.9). Its four facts settle nothing one by one, so a planner that
    // ranks one fact at a time asked the 1203.4a facts first (whether the sentence is finished, the
    // kind of sentence, the day of the judgment): 15 prompts. Those no longer change anything shown
    // once the automatic dismissal applies.
    const { asked, raw, full } = walkState('CA');
    const ids = asked.map((q) => q.id);
    for (const f of ['sentence_completed', 'sentence_type', 'disposition_date']) expect(ids).not.toContain(`charge.0.${f}`);
    for (const f of ['offense_date', 'age_at_offense', 'cannabis_grams', 'ca_concentrated_cannabis']) expect(ids).toContain(`charge.0.${f}`);
    const r = screenAnswers(raw, rules, '2026-12-06').result.charges[0]!;
    expect(r.relief.expungement).toMatchObject({ status: 'eligible', rule: 'CA.prop64-automatic-dismissal', automatic: true });
    expect(r.relief.sealing).toMatchObject({ status: 'eligible', rule: 'CA.prop64-automatic-review', automatic: true });
    expect(seen(raw)).toBe(seen(full));
    expect(asked.length + 2).toBe(12);
  });
});
