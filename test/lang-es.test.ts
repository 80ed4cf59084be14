/**
 * Issue 13 point 7: one language. A Spanish screening has no English line in it: results,
 * warnings, clinic notes, hours, "Call before you go", headings. Run through the built binary
 * for `check --lang es` (a person in every state with relief rules), `batch --lang es` and
 * `clinics --lang es` (the 13 clinic cities), with `--lang` after the command and before it.
 * English markers are phrases the English output uses and Spanish never should; Spanish markers
 * must appear.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairshot } from './helpers/cli.js';

const AS_OF = '2026-12-06';

/** English the Spanish output must not contain (whole words or phrases, case-sensitive where it matters). */
const ENGLISH = [
  /Call before you go/, /Not yet checked by a person/, /call first/i, /Free help nearby/, /Free record-clearance help/,
  /\bHours:/, /\bWho:/, /\bUpcoming:/, /\bLanguages:/, /\bunverified:/, /\bchecked 20\d\d/, /\bBring:/, /\bNotes\b/,
  /statewide help/, /by phone/, /serves the whole city/, /\bhandles\b/, /residents only/, /Not listed:/, /registration required/,
  /\bNote:/, /may apply/, /needs a closer look/, /does not appear to apply/, /not covered by fairshot/, /\bconvicted\b/,
  /\bmisdemeanor\b/, /\bfelony\b/, /\bdismissed\b/, /Took part/, /^Charge \d/m, /^Person /m, /\bas of\b/, /\bVoting\b/, /\bNext:/,
  /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/, /\bof the month\b/, /\bmonthly\b/, /third-party/i, /added by maintainers/, /Placed at the city/,
  /maintainer knowledge/, /\bnot re-checked\b/, /Help Desk/, /\bjuvenile records\b/, /\bthe (street|source|court|state)\b/,
  /This is a screening/, /Problems with this record/, /What .* would change/,
];

function englishIn(text: string): string[] {
  return ENGLISH.filter((re) => re.test(text)).map((re) => `${re} → "${text.match(re)![0]}"`);
}

const ZIPS: Record<string, string> = {
  CA: '90011', CO: '80205', DC: '20019', GA: '30310', HI: '96817', IL: '60623', MA: '02119', MI: '48204', NJ: '07102', NY: '10027', PA: '19140', WA: '98118',
};

function persons(): string {
  return Object.entries(ZIPS)
    .map(([st, zip]) =>
      JSON.stringify({
        id: `p-${st}`, state: st, zip, birth_date: '1985-03-02', registered_sex_offender: false, incarcerated: false,
        charges: [
          { offense: 'theft', category: 'theft', level: 'misdemeanor', disposition: 'convicted', offense_date: '2015-01-10', disposition_date: '2015-06-01', sentence_type: 'probation', sentence_completed_date: '2016-06-01' },
          { offense: 'possession', category: 'drug_possession', level: 'felony', disposition: 'dismissed', arrest_date: '2018-02-03', offense_date: '2018-02-03', disposition_date: '2018-09-01' },
        ],
      }),
    )
    .join('\n');
}

const file = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'fairshot-es-'));
  const f = join(dir, 'people.jsonl');
  writeFileSync(f, `${persons()}\n`);
  return f;
})();

describe('Spanish results have no English left in them', () => {
  it('the marker list catches the English output (the test can fail)', () => {
    const en = fairshot(['check', file, '--as-of', AS_OF, '--format', 'table']);
    expect(en.code).toBe(0);
    expect(englishIn(en.stdout).length).toBeGreaterThan(10);
    const cl = fairshot(['clinics', '--zip', '60614', '--as-of', AS_OF]);
    expect(englishIn(cl.stdout)).toEqual(expect.arrayContaining([expect.stringMatching(/Call before you go/), expect.stringMatching(/Hours:/)]));
  });

  it.each(Object.keys(ZIPS))('check --lang es: a person in %s', (st) => {
    const one = join(mkdtempSync(join(tmpdir(), 'fairshot-es-')), `${st}.jsonl`);
    writeFileSync(one, `${persons().split('\n').find((l) => l.includes(`"p-${st}"`))}\n`);
    const r = fairshot(['check', one, '--lang', 'es', '--as-of', AS_OF, '--format', 'table']);
    expect(r.code, r.stderr).toBe(0);
    expect(englishIn(r.stdout)).toEqual([]);
    expect(r.stdout).toMatch(/Persona p-/);
    expect(r.stdout).toMatch(/Ayuda gratis cerca/);
    expect(r.stdout).toMatch(/Llame antes de ir/);
    expect(r.stdout).toMatch(/Esto es una evaluación, no asesoría legal/);
  });

  it('batch --lang es (table) for every covered state', () => {
    const r = fairshot(['batch', file, '--lang', 'es', '--as-of', AS_OF, '--format', 'table', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(englishIn(r.stdout)).toEqual([]);
    expect(r.stdout.match(/^Persona p-/gm)).toHaveLength(Object.keys(ZIPS).length);
  });

  it.each(Object.values(ZIPS).concat(['94110', '60614']))('clinics --zip %s --lang es', (zip) => {
    const r = fairshot(['clinics', '--zip', zip, '--lang', 'es', '--limit', '5', '--as-of', AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(englishIn(r.stdout)).toEqual([]);
    expect(r.stdout).toMatch(/^Ayuda gratuita para limpiar antecedentes para casos de /);
    expect(r.stdout).toMatch(/Todavía no verificado por una persona: llame primero/);
    expect(r.stdout).toMatch(/Llame antes de ir/);
  });

  it('--lang works before the command too, and a residency note is Spanish', () => {
    const r = fairshot(['--lang', 'es', 'clinics', '--zip', '48124', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No se incluye: City of Detroit — Project Clean Slate — solo residentes de Detroit/);
    expect(englishIn(r.stdout)).toEqual([]);
  });

  it.each(['check', 'batch', 'clinics'])('%s --help documents --lang', (cmd) => {
    const r = fairshot([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--lang <lang>\s+language of/);
  });
});
