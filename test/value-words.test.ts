/**
 * Values in words wherever a result names them: the "what would change" lines and `depends_on`
 * outcomes of every output (batch CSV and JSONL included, not only the terminal's table), and the
 * contradiction warning, in English and Spanish. Through the built binary.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fairshot } from './helpers/cli.js';

const AS_OF = '2026-12-06';
const dir = mkdtempSync(join(tmpdir(), 'fairshot-words-'));
const file = (name: string, body: string) => {
  const f = join(dir, name);
  writeFileSync(f, body);
  return f;
};

// An Illinois felony burglary conviction, sentence done in 2017: expungement turns on the pardon
// or Prisoner Review Board certificate (a choice the Illinois rule file gives words to).
const CSV = [
  'id,state,birth_date,registered_sex_offender,category,level,class,disposition,disposition_date,sentence_completed_date',
  'p1,IL,1980-01-01,false,burglary,felony,Class 2,convicted,2015-03-01,2017-03-01',
].join('\n');

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('batch output names each choice in words', () => {
  it('CSV, English: the pardon choices as the rule file says them, never their ids', () => {
    const r = fairshot(['batch', file('p.csv', CSV), '--format', 'csv', '--no-clinics', '--quiet', '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    const exp = rowsOf(r.stdout).find((x) => x.relief === 'expungement')!;
    expect(exp.reasons).toContain(
      'would change — none of these papers: does not appear to apply; a pardon that authorizes expungement: may apply now; a certificate of eligibility for expungement: needs a closer look; a certificate of eligibility for sealing: does not appear to apply',
    );
    expect(exp.reasons).not.toMatch(/pardon authorizing expungement|certificate for sealing|— none:/);
  });

  it('CSV, Spanish: the same line in Spanish, with no English value left in it', () => {
    const r = fairshot(['--lang', 'es', 'batch', file('p.csv', CSV), '--format', 'csv', '--no-clinics', '--quiet', '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    const exp = rowsOf(r.stdout).find((x) => x.relief === 'expungement')!;
    expect(exp.reasons).toContain('— ninguno de estos documentos: no parece aplicar; un indulto que autoriza la eliminación: puede aplicar ya;');
    expect(exp.reasons).not.toMatch(/none|pardon|certificate/);
  });

  it('JSONL: each outcome of depends_on carries the same words (booleans stay yes and no)', () => {
    const r = fairshot(['batch', file('p.csv', CSV), '--format', 'jsonl', '--no-clinics', '--quiet', '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    const slot = JSON.parse(r.stdout.trim()).charges[0].relief.expungement;
    const d = slot.depends_on.find((x: { fact: string }) => x.fact === 'il_pardon_or_certificate');
    expect(d.outcomes.map((o: { value: string; words: string }) => [o.value, o.words])).toEqual([
      ['none', 'none of these papers'],
      ['pardon_authorizing_expungement', 'a pardon that authorizes expungement'],
      ['certificate_for_expungement', 'a certificate of eligibility for expungement'],
      ['certificate_for_sealing', 'a certificate of eligibility for sealing'],
    ]);
    const votes = JSON.parse(fairshot(['batch', file('v.csv', 'id,state,category,level,disposition,disposition_date\nv1,IL,theft,felony,convicted,2015-03-01\n'), '--format', 'jsonl', '--no-clinics', '--quiet', '--as-of', AS_OF]).stdout.trim());
    for (const dep of votes.voting.depends_on) for (const o of dep.outcomes) expect(o.words).toBe(o.value === true ? 'yes' : 'no');
  });

  it('a choice of the case-file contract (how the case ended) in words, in lower case mid-sentence', () => {
    // how the case ended not known (null): the answer turns on it
    const person = { id: 'd1', state: 'IL', birth_date: '1980-01-01', registered_sex_offender: false, charges: [{ category: 'theft', level: 'misdemeanor', disposition: null, disposition_date: '2015-06-01', sentence_completed_date: '2016-01-01' }] };
    const json = file('d.json', JSON.stringify(person));
    const es = fairshot(['--lang', 'es', 'batch', json, '--format', 'csv', '--no-clinics', '--quiet', '--as-of', AS_OF]);
    expect(es.code, es.stderr).toBe(0);
    const line = rowsOf(es.stdout).map((x) => x.reasons).join(' | ');
    expect(line).toMatch(/Lo que cambiaría cómo terminó — lo declararon culpable o se declaró culpable \(una condena\): /);
    expect(line).toContain('; una condena que después fue anulada o revocada: ');
    expect(line).not.toMatch(/— convicted: |; dismissed: |; vacated: /);
    const en = fairshot(['batch', json, '--format', 'csv', '--no-clinics', '--quiet', '--as-of', AS_OF]);
    expect(rowsOf(en.stdout).map((x) => x.reasons).join(' | ')).toContain('; a conviction that was later vacated or reversed (thrown out): ');
  });

  it('the --summary report counts the reasons as the results say them', () => {
    const out = join(dir, 'summary.md');
    const r = fairshot(['--lang', 'es', 'batch', file('p.csv', CSV), '--format', 'csv', '--no-clinics', '--quiet', '--summary', out, '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/\| 1 \| expungement \| Lo que cambiaría un indulto .* — ninguno de estos documentos: no parece aplicar; un indulto que autoriza la eliminación: puede aplicar ya/);
    expect(md).not.toMatch(/pardon authorizing|certificate for sealing/);
  });
});

describe('the contradiction warning names both values in the reader\'s language', () => {
  const row = JSON.stringify({ id: 'r1', state: 'PA', charges: [{ state: 'PA', category: 'theft', level: 'felony', pa_grade: 'summary', disposition: 'convicted', disposition_date: '2015-01-01' }] });
  it('Spanish: the level in Spanish words, not its id', () => {
    const r = fairshot(['--lang', 'es', 'check', '-', '--as-of', AS_OF, '--format', 'json', '--no-clinics'], { input: row });
    expect(r.code, r.stderr).toBe(0);
    const w = (JSON.parse(r.stdout)[0].warnings as string[]).find((x) => x.startsWith('Cargo 1:'))!;
    expect(w).toContain('es «S (delito sumario)» pero delito grave o menor es «delito grave (felony)»');
  });
  it('English: the short word ("felony"), not the choice\'s whole explanation', () => {
    const r = fairshot(['check', '-', '--as-of', AS_OF, '--format', 'json', '--no-clinics'], { input: row });
    const w = (JSON.parse(r.stdout)[0].warnings as string[]).find((x) => x.startsWith('Charge 1:'))!;
    expect(w).toContain('but felony or misdemeanor is "felony"');
  });
});
