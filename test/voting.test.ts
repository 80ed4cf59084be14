/**
 * Voting for all 50 states and D.C.: every jurisdiction has a voting rule, every screening fills
 * `voting` on every date from 2020 on, and `fairshot voting XX` prints a state's rule on one screen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePerson } from '../src/core/evaluate.js';
import { intakePerson } from '../src/core/intake.js';
import { fairshot } from './helpers/cli.js';
import { realRules } from './helpers/rules.js';

const { rules } = realRules();
const STATES = 'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' ');

describe('voting rules for 50 states and D.C.', () => {
  it('every jurisdiction has one, with a citation, a source and a review date', () => {
    expect(STATES).toHaveLength(51);
    for (const s of STATES) {
      const v = rules.jurisdictions.get(s)?.voting;
      expect(v, s).toBeDefined();
      expect(v!.citation && v!.source && v!.last_reviewed, s).toBeTruthy();
      expect(v!.outcomes.at(-1)!.when, `${s}: the last outcome has no condition`).toBeUndefined();
    }
  });

  it('every screening fills voting, in every state, on every date from 2020 on', () => {
    const day = fc.integer({ min: Date.parse('2020-01-01') / 864e5, max: Date.parse('2035-12-31') / 864e5 }).map((n) => new Date(n * 864e5).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom(...STATES), day, fc.constantFrom('felony', 'misdemeanor'), fc.option(fc.boolean(), { nil: undefined }), (state, asOf, level, parole) => {
        const raw = { id: 'p', state, on_parole: parole, charges: [{ category: 'drug_possession', level, disposition: 'convicted', disposition_date: '2019-05-01' }] };
        const r = intakePerson(raw, rules.facts, { asOf });
        const v = evaluatePerson(r.person!, rules, { asOf }).voting;
        expect(v?.rule, `${state} ${asOf}`).toBe(`${state}.voting`);
        expect(['can_vote', 'not_yet', 'requires_action', 'barred', 'needs_review']).toContain(v!.status);
        expect(v!.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fairshot voting XX', () => {
  it('prints the rule on one screen, in order, with where to register', () => {
    const r = fairshot(['voting', 'fl']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Voting after a conviction: Florida/);
    expect(r.stdout).toMatch(/1\. .*murder/);
    expect(r.stdout).toMatch(/registertovoteflorida\.gov/);
    expect(r.stdout.split('\n').length).toBeLessThan(40);
  });
  it('--json and --lang es', () => {
    const r = fairshot(['--lang', 'es', 'voting', 'NY', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ jurisdiction: 'NY', rule: 'NY.voting' });
    expect(j.outcomes.at(-1).status).toBe('can_vote');
    expect(j.outcomes.map((o: { explain: string }) => o.explain).join(' ')).toMatch(/vot/);
  });
  it('an unknown state is a usage error naming the known ones', () => {
    const r = fairshot(['voting', 'ZZ']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no voting rule for "ZZ"; known: AK, AL/);
  });
});
