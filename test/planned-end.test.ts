/**
 * A sentence that ends after the screening date is a planned end, not a mistake: the person gets
 * results, waits run from the planned end, and the answer says it assumes the sentence ends as
 * planned. The questionnaire asks when an unfinished sentence will end. Future conviction dates
 * stay errors.
 */
import { describe, expect, test } from 'vitest';
import { nextQuestion, newAnswers, screenAnswers, withAnswer, type RawPerson } from '../src/core/interview.js';
import { parseDateInput } from '../src/core/parse-answer.js';
import { loadRuleSet } from '../src/rules/bundle.js';
import { fairshot } from './helpers/cli.js';

const { rules } = loadRuleSet();

const onProbation = {
  id: 'p',
  state: 'IL',
  registered_sex_offender: false,
  charges: [
    { category: 'theft', statute: '720 ILCS 5/16-1', level: 'misdemeanor', disposition: 'convicted', disposition_date: '2025-03-31', sentence_type: 'probation', sentence_completed_date: '2027-04-07' },
  ],
};

describe('planned sentence ends, through the built binary', () => {
  test('a probation ending after the screening date: results, a warning, and sealing from two years after the planned end', () => {
    const r = fairshot(['check', '-', '--as-of', '2026-11-28', '--json', '--no-clinics'], { input: JSON.stringify(onProbation) });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toEqual([]);
    expect(out.warnings.join(' ')).toMatch(/not finished; it is planned to end on 2027-04-07/);
    const sealing = out.charges[0].relief.sealing;
    expect(sealing).toMatchObject({ status: 'eligible_on', date: '2029-04-07', rule: 'IL.conviction-sealing' });
    expect(sealing.reasons.join(' ')).toMatch(/If the sentence ends as planned on 2027-04-07/);
  });

  test('the same sentence, screened after it ended as planned, is simply finished', () => {
    const r = fairshot(['check', '-', '--as-of', '2029-04-07', '--json', '--no-clinics'], { input: JSON.stringify(onProbation) });
    const out = JSON.parse(r.stdout);
    expect(out.warnings).toEqual([]);
    expect(out.charges[0].relief.sealing.status).toBe('eligible');
  });

  test('a conviction date after the screening date is still an error naming the field', () => {
    const future = { ...onProbation, charges: [{ ...onProbation.charges[0], disposition_date: '2027-01-01' }] };
    const r = fairshot(['check', '-', '--as-of', '2026-11-28', '--json', '--no-clinics'], { input: JSON.stringify(future) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ field: 'disposition_date' });
  });
});

describe('the questionnaire asks when an unfinished sentence will end', () => {
  test('"not finished" is followed by the planned end, which may lie ahead', () => {
    let raw: RawPerson = newAnswers();
    const script: Record<string, unknown> = {
      state: 'IL', zip: '60614', 'charge.0.state': 'IL', 'charge.0.category': 'theft', 'charge.0.disposition': 'convicted',
      'charge.0.level': 'misdemeanor', 'charge.0.sentence_type': 'probation', 'charge.0.sentence_completed': false,
      'charge.0.sentence_end_planned': '2027-04', more_charges: 'no', registered_sex_offender: false,
    };
    const asked: string[] = [];
    for (let i = 0; i < 40; i++) {
      const q = nextQuestion(raw, rules, '2026-11-28');
      if (!q) break;
      asked.push(q.id);
      raw = withAnswer(raw, q, q.id in script ? script[q.id] : null);
    }
    expect(asked).toContain('charge.0.sentence_end_planned');
    expect(parseDateInput('April 2027', '2026-11-28', true)).toMatchObject({ ok: true });
    expect(parseDateInput('April 2027', '2026-11-28')).toMatchObject({ ok: false });
    const r = screenAnswers(raw, rules, '2026-11-28').result;
    expect(r.errors).toEqual([]);
    const sealing = r.charges[0]!.relief.sealing;
    expect(sealing.status).toBe('eligible_on');
    // April 2027 as a month: the answer holds for its last day
    expect(sealing.date).toBe('2029-04-30');
  });
});

describe('a month for a date (new-user test D3)', () => {
  test('the route shown holds over the whole month: an arrest "2019-06" is not promised the automatic route of arrests before 2019-06-25', () => {
    const answers = {
      state: 'IL', zip: '60614', record_complete: true,
      charges: [{ state: 'IL', category: 'cannabis_possession', disposition: 'dismissed', cannabis_grams: 10, il_cannabis_enhanced: false, il_violent_crime_link: false, arrest_date: '2019-06', age_at_offense: 30 }],
    };
    const r = fairshot(['screen', '--answers', '-', '--as-of', '2026-12-06', '--json'], { input: JSON.stringify(answers) });
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout).charges[0].relief.expungement;
    expect(s).toMatchObject({ status: 'eligible', rule: 'IL.nonconviction-expungement', automatic: false });
  });
});
