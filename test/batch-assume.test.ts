/** `batch --assume FACT=VALUE`: a fact an office knows for every client, through the built binary. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fairshot } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fairshot-assume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// p1 and p2: a jail sentence nobody says has ended, so custody is unknown; p3 says it is in custody.
const csv = [
  'id,state,category,disposition,disposition_date,level,sentence_type,sentence_completed,incarcerated',
  'p1,IL,theft,convicted,2019-01-01,misdemeanor,jail,,',
  'p2,IL,theft,convicted,2020-01-01,misdemeanor,jail,,',
  'p3,IL,theft,convicted,2026-10-01,misdemeanor,jail,no,yes',
].join('\n');
const input = join(dir, 'in.csv');
writeFileSync(input, `${csv}\n`);

describe('batch --assume', () => {
  it('fills the fact in where the record is silent, says so in each record and the summary; a person\'s own value wins', () => {
    const without = fairshot(['batch', input, '--as-of', '2026-12-06', '--no-clinics', '--format', 'jsonl']);
    expect(without.stdout.trim().split('\n').map((l) => JSON.parse(l).voting.status)).toEqual(['needs_review', 'needs_review', 'not_yet']);
    const md = join(dir, 'summary.md');
    const r = fairshot(['batch', input, '--as-of', '2026-12-06', '--no-clinics', '--format', 'jsonl', '--assume', 'incarcerated=no', '--summary', md]);
    expect(r.code).toBe(0);
    const recs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((x) => x.voting.status)).toEqual(['can_vote', 'can_vote', 'not_yet']);
    expect(recs[0].warnings.join(' ')).toMatch(/Assumed for this screening, because the record did not say: incarcerated=no/);
    expect(recs[2].warnings.join(' ')).not.toMatch(/Assumed/);
    expect(r.stderr).toMatch(/assumed \(--assume, where the record did not say\): incarcerated=no for 2 persons/);
    expect(readFileSync(md, 'utf8')).toMatch(/Assumed \(`--assume`\) where a person's record did not say: `incarcerated=no` \(2 persons\)/);
  });

  it('an unknown fact name is a usage error naming the nearest valid one; a bad value names the problem', () => {
    let r = fairshot(['batch', input, '--assume', 'incarcerate=no']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown fact "incarcerate" — did you mean "incarcerated"\?/);
    r = fairshot(['batch', input, '--assume', 'incarcerated=maybe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"maybe" is not true or false/);
    r = fairshot(['batch', input, '--assume', 'later_convictions=0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/worked out from the record; it cannot be assumed/);
  });
});
