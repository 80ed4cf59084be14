/**
 * An empty cell is unknown, not false (docs/batch.md): how the case ended too. A court export's
 * blank disposition (a pending or unrecorded case) is not screened as a conviction; a file with
 * no disposition column keeps the contract's default (convicted). Through the built binary.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairshot } from './helpers/cli.js';

const AS_OF = '2026-12-06';
const dir = mkdtempSync(join(tmpdir(), 'fairshot-blank-'));
const file = (name: string, body: string) => {
  const f = join(dir, name);
  writeFileSync(f, body);
  return f;
};
const HEAD = 'id,state,birth_date,registered_sex_offender,category,level';
const jsonl = (args: string[]) => {
  const r = fairshot(['batch', ...args, '--format', 'jsonl', '--no-clinics', '--quiet', '--as-of', AS_OF]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
};
const dependsOn = (slot: { depends_on: { fact: string }[] }) => slot.depends_on.map((d) => d.fact);

describe('a blank disposition cell', () => {
  // an Illinois misdemeanor theft, sentence done in 2016
  const rows = (disp: string) => `${HEAD},disposition,disposition_date,sentence_completed_date\nd1,IL,1980-01-01,false,theft,misdemeanor,${disp},2015-06-01,2016-01-01\n`;

  it('is unknown: sealing is not called open as for a conviction, and says how the case ending would change it', () => {
    const [blank] = jsonl([file('blank.csv', rows(''))]);
    const sealing = blank.charges[0].relief.sealing;
    expect(sealing.status).toBe('needs_review');
    expect(dependsOn(sealing)).toContain('disposition');
    // the same as a JSON record that says it does not know
    const [unknown] = jsonl([file('null.json', JSON.stringify({ id: 'd1', state: 'IL', birth_date: '1980-01-01', registered_sex_offender: false, charges: [{ category: 'theft', level: 'misdemeanor', disposition: null, disposition_date: '2015-06-01', sentence_completed_date: '2016-01-01' }] }))]);
    expect(blank.charges[0].relief).toEqual(unknown.charges[0].relief);
  });

  it('a cell of spaces is blank too', () => {
    const [spaces] = jsonl([file('spaces.csv', rows('  '))]);
    expect(spaces.charges[0].relief.sealing.status).toBe('needs_review');
    expect(spaces.errors).toEqual([]);
  });

  it('a conviction written out answers as before', () => {
    const [convicted] = jsonl([file('convicted.csv', rows('convicted'))]);
    expect(convicted.charges[0].relief.sealing.status).toBe('eligible');
  });

  it('the same through a worker thread (standard input, --jobs 1) as in one thread: unknown, not "known to be none"', () => {
    const csv = rows('');
    const one = fairshot(['batch', '-', '--format', 'jsonl', '--no-clinics', '--quiet', '--jobs', '0', '--as-of', AS_OF], { input: csv });
    const worker = fairshot(['batch', '-', '--format', 'jsonl', '--no-clinics', '--quiet', '--jobs', '1', '--as-of', AS_OF], { input: csv });
    expect(worker.code, worker.stderr).toBe(0);
    expect(worker.stdout).toBe(one.stdout);
    expect(JSON.parse(worker.stdout.trim()).charges[0].relief.sealing.status).toBe('needs_review');
    // a JSON record's null alike
    const json = JSON.stringify({ id: 'd1', state: 'IL', charges: [{ category: 'theft', level: 'misdemeanor', disposition: null, disposition_date: '2015-01-01' }] });
    const a = fairshot(['batch', '-', '--format', 'jsonl', '--no-clinics', '--quiet', '--jobs', '0', '--as-of', AS_OF], { input: json });
    const b = fairshot(['batch', '-', '--format', 'jsonl', '--no-clinics', '--quiet', '--jobs', '1', '--as-of', AS_OF], { input: json });
    expect(b.stdout).toBe(a.stdout);
    expect(JSON.parse(b.stdout.trim()).charges[0].relief.expungement.status).toBe('needs_review');
  });

  it('a file with no disposition column keeps the contract default: convicted', () => {
    const [absent] = jsonl([file('absent.csv', `${HEAD},disposition_date,sentence_completed_date\nd1,IL,1980-01-01,false,theft,misdemeanor,2015-06-01,2016-01-01\n`)]);
    expect(absent.charges[0].relief.sealing.status).toBe('eligible');
    expect(dependsOn(absent.charges[0].relief.sealing)).not.toContain('disposition');
  });
});
