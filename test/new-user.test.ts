/**
 * Issue 24: what a new user ran into (docs ../shared/research/new-user-test-2026-12.md), each
 * defect through the built binary as the user met it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fairshot } from './helpers/cli.js';
import { answerInPty, choose, keys, NO, type, YES } from './helpers/pty.js';
import { ROOT } from './helpers/rules.js';

const AS_OF = '2026-12-06';

interface Out {
  id: string;
  charges: { relief: Record<string, { status: string; rule: string | null }> }[];
}
const lines = (s: string): Out[] =>
  s
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Out);

describe('D2: offense lists read statutes and offenses as dockets and rap sheets write them', () => {
  // An Illinois theft supervision finished 2023-03-15: 2 years, or 5 if it was retail theft (an
  // open question). Retail theft, or a text we cannot read, must keep the 5-year wait in view.
  const person = (id: string, charge: Record<string, unknown>) =>
    JSON.stringify({
      id,
      state: 'IL',
      charges: [{ category: 'theft', disposition: 'supervision_completed', disposition_date: '2023-03-15', il_qualified_probation: false, ...charge }],
    });
  const cases: [string, Record<string, unknown>, string][] = [
    ['no statute', {}, 'eligible_on'],
    ['ILCS', { statute: '720 ILCS 5/16-25' }, 'eligible_on'],
    ['Cook County docket style', { statute: '720-5/16-25' }, 'eligible_on'],
    ['act written 5.0, subsection -A', { statute: '720 ILCS 5.0/16-25-A' }, 'eligible_on'],
    ['chapter and act without ILCS', { statute: '720 5/16-25(a)(1)' }, 'eligible_on'],
    ['offense name in the statute box', { statute: 'shoplifting' }, 'eligible_on'],
    ['Retail theft in the statute box', { statute: 'Retail theft' }, 'eligible_on'],
    ['rap-sheet description', { statute: 'RETAIL THEFT/DISP MERCH/<$300' }, 'eligible_on'],
    ['hyphenated offense text', { offense: 'RETAIL-THEFT' }, 'eligible_on'],
    ['old Ill. Rev. Stat. number (unreadable: unknown, not false)', { statute: '38-16A-3' }, 'eligible_on'],
    ['a readable statute that is not retail theft', { statute: '720 ILCS 5/16-1(a)(1)' }, 'eligible'],
    ['an offense text that is not retail theft', { offense: 'theft of services' }, 'eligible_on'],
  ];
  it.each([['check'], ['batch']])('%s keeps the 5-year retail-theft wait in view unless the statute rules it out', (cmd) => {
    const input = cases.map(([name, charge]) => person(name, charge)).join('\n') + '\n';
    const args = cmd === 'check' ? ['check', '-', '--input-format', 'jsonl', '--no-clinics'] : ['batch', '-', '--input-format', 'jsonl', '--format', 'jsonl', '--no-clinics', '--quiet', '--jobs', '1'];
    const r = fairshot([...args, '--as-of', AS_OF], { input });
    expect(r.stderr).toBe('');
    const got = Object.fromEntries(lines(r.stdout).map((o) => [o.id, o.charges[0]!.relief.expungement!.status]));
    expect(got).toEqual(Object.fromEntries(cases.map(([name, , want]) => [name, want])));
  });
});

describe('D4: one reading of a case file, whichever command reads it', () => {
  const file = JSON.stringify({
    id: 'n1',
    state: 'IL',
    birth_date: '1990-01-01',
    charges: [{ category: 'theft', level: 'misdemeanor', disposition: null, offense_date: '2015-01-01', disposition_date: '2015-06-01', sentence_completed_date: '2016-01-01' }],
  });
  const relief = (stdout: string) => {
    const j = JSON.parse(stdout) as Out | Out[];
    const r = Array.isArray(j) ? j[0]! : j;
    return Object.fromEntries(Object.entries(r.charges[0]!.relief).map(([k, v]) => [k, [v.status, v.rule]]));
  };
  it('a disposition saved as "I don\'t know" (null) stays unknown in check, as in screen --answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-d4-'));
    const f = join(dir, 'nulldisp.json');
    writeFileSync(f, file);
    const check = fairshot(['check', f, '--json', '--no-clinics', '--as-of', AS_OF]);
    const screen = fairshot(['--lang', 'en', 'screen', '--answers', f, '--json', '--as-of', AS_OF]);
    expect(check.code).toBe(0);
    expect(screen.code).toBe(0);
    expect(relief(check.stdout).expungement![0]).toBe('needs_review');
    expect(relief(check.stdout)).toEqual(relief(screen.stdout));
    const table = fairshot(['check', f, '--format', 'table', '--no-clinics', '--as-of', AS_OF]);
    expect(table.stdout).toMatch(/Charge 1: theft · misdemeanor · outcome unknown 2015-06-01 · IL/);
    expect(table.stdout).not.toMatch(/· convicted/);
    const es = fairshot(['--lang', 'es', 'check', f, '--format', 'table', '--no-clinics', '--as-of', AS_OF]);
    expect(es.stdout).toMatch(/resultado desconocido/);
  });
  it('a charge of unknown kind is called that, not "charge"', () => {
    const r = fairshot(['check', '-', '--input-format', 'jsonl', '--format', 'table', '--no-clinics', '--as-of', AS_OF], {
      input: JSON.stringify({ id: 'u', state: 'IL', charges: [{ disposition: 'dismissed' }] }) + '\n',
    });
    expect(r.stdout).toMatch(/Charge 1: kind unknown · dismissed · IL/);
  });
});

const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;
const DRIVER = join(ROOT, 'test', 'helpers', 'pty_drive.py');
type Step = [expect: string, send: string];
function drive(args: string[], steps: Step[]): { output: string; code: number | null; failed: string | null } {
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'NO_COLOR' && k !== 'FORCE_COLOR')) as Record<string, string>;
  const spec = { argv: [process.execPath, BIN, ...args], cwd: ROOT, env: { ...baseEnv, TERM: 'xterm-256color' }, steps, timeout: 8 };
  const r = spawnSync('python3', [DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe.skipIf(!hasPython)('D9: check - on a terminal', () => {
  it('refuses at once, like batch -, instead of waiting silently', () => {
    const r = drive(['check', '-'], [['standard input is a terminal: pipe a file in \\(… \\| fairshot check -\\)', '']]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(2);
  });
});

describe('D10–D12: CSV as spreadsheets write it', () => {
  const csvOut = (csv: string, extra: string[] = []) =>
    fairshot(['check', '-', '--input-format', 'csv', '--format', 'csv', '--no-clinics', '--as-of', AS_OF, ...extra], { input: csv });
  const ids = (out: string) => [...new Set(out.trim().split('\n').slice(1).map((l) => l.split(',')[0]))];
  it('D10: check puts a row error record in its row\'s place, as batch does', () => {
    const csv = 'id,state,category,disposition\nq1,IL,theft,dismissed\nq2,IL,theft,dismissed\n,IL,theft,dismissed\nq3,IL,theft,dismissed\n';
    const check = csvOut(csv);
    expect(ids(check.stdout)).toEqual(['q1', 'q2', '', 'q3']);
    const batch = fairshot(['batch', '-', '--input-format', 'csv', '--format', 'csv', '--no-clinics', '--quiet', '--jobs', '1', '--as-of', AS_OF], { input: csv });
    expect(ids(batch.stdout)).toEqual(ids(check.stdout));
  });
  it('D11: column names are matched whatever their case', () => {
    const r = csvOut('ID,State,ZIP,Category,Disposition\nc1,IL,60614,theft,dismissed\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^c1,2026-12-06,IL,1,expungement,eligible,/m);
  });
  it('D12: "il" and "IL" on two rows of one person are the same state', () => {
    const r = csvOut('id,state,category,disposition\nc2,IL,theft,dismissed\nc2,il,theft,dismissed\n');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/differs/);
    expect(r.stdout).toMatch(/^c2,2026-12-06,IL,2,expungement,eligible,/m);
  });
  it('D12: charge_state gives a charge in another state than the person\'s', () => {
    const r = fairshot(['check', '-', '--input-format', 'csv', '--format', 'table', '--no-clinics', '--as-of', AS_OF], {
      input: 'id,state,charge_state,category,disposition\nc1,IL,,theft,dismissed\nc1,IL,WI,theft,dismissed\n',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Charge 1: theft · dismissed · IL/);
    expect(r.stdout).toMatch(/Charge 2: theft · dismissed · WI/);
  });
});

describe('D18: an unknown or malformed ZIP says so, and says whose help is listed', () => {
  it('an unknown ZIP with no state: a note, and national help named as national', () => {
    const r = fairshot(['clinics', '--zip', '99999', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/ZIP 99999 is not in the offline ZIP list.*Showing national help/);
    expect(r.stdout).not.toMatch(/statewide/);
  });
  it('an unknown ZIP with a state: that state\'s help', () => {
    const r = fairshot(['clinics', '--zip', '99999', '--state', 'IL', '--as-of', AS_OF]);
    expect(r.stdout).toMatch(/Showing statewide help/);
  });
  it('a malformed ZIP with no state: the error names national help', () => {
    const r = fairshot(['clinics', '--zip', '6062', '--as-of', AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"6062" is not a ZIP code .*listing national help instead/);
    expect(r.stdout).toMatch(/national/);
  });
});

describe.skipIf(!hasPython)('D14: a yes/no question answered by an Enter too many', () => {
  it('records "I don\'t know", never "Yes" (required to register)', () => {
    const r = answerInPty(['--lang', 'en', 'screen', '--as-of', AS_OF], [
      ['Which state do you live in', type('illinois')],
      ['ZIP code', type('60614')],
      ['In which state was this case', choose('Illinois')],
      ['What was it for', type('weed')],
      ['How did it end', choose('guilty')],
      ['whole sentence finished', YES],
      ['When did the whole sentence end', type('2017-06-01')],
      ['a felony, a misdemeanor', choose('misdemeanor')],
      ['another case or charge', NO],
      ['register as a sex offender', keys('\r')], // an Enter too many
      ['Is everything right', choose('Yes')],
      ['one-page summary', choose('No')],
      ['.', { dk: true }],
    ]);
    expect(r.error).toBeNull();
    expect(r.asked.map(([q]) => q).join('\n')).toMatch(/register as a sex offender/);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Required to register as a sex offender: I don't know/);
    expect(flat).not.toMatch(/register as a sex offender: Yes/);
  });
});

describe.skipIf(!hasPython)('D6: --save-answers to a path that cannot be written', () => {
  it('is refused before the first question, on a terminal', () => {
    const r = drive(['--lang', 'en', 'screen', '--save-answers', '/nonexistent-fairshot/x.yaml'], [
      ['--save-answers: cannot write /nonexistent-fairshot/x.yaml: the folder /nonexistent-fairshot does not exist', ''],
    ]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(2);
    expect(r.output).not.toMatch(/Which state do you live in/);
  });
  it('a folder given as the file is refused too, before anything is screened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-d6-'));
    const r = fairshot(['--lang', 'en', 'screen', '--answers', 'examples/il-cannabis.json', '--save-answers', dir, '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/it is a folder; give a file name/);
  });
});

describe('D7: "Were you pardoned for it?" has a No', () => {
  it.skipIf(!hasPython)('the date box takes "no" and goes on (a terminal)', () => {
    // a cannabis conviction whose sentence is not over: only a pardon could open expungement now
    const r = answerInPty(['--lang', 'en', 'screen', '--as-of', AS_OF], [
      ['Which state do you live in', type('illinois')],
      ['ZIP code', type('60614')],
      ['In which state was this case', choose('Illinois')],
      ['What was it for', type('weed')],
      ['How did it end', choose('guilty')],
      ['whole sentence finished', NO],
      ['a felony, a misdemeanor', choose('misdemeanor')],
      ['do you have one of these papers', choose('None')],
      ['How much cannabis', type('10 g')],
      ['date of the offense', type('2012-01-01')],
      ['pardoned for it', type('no')],
      ['another case or charge', NO],
      ['Is everything right', choose('Yes')],
      ['one-page summary', choose('No')],
      ['.', { dk: true }],
    ]);
    expect(r.error).toBeNull();
    expect(r.asked.map(([q]) => q).join('\n')).toMatch(/pardoned for it/);
    expect(r.output).toMatch(/pardoned for it\? If so, when\? no/);
    expect(r.output).not.toMatch(/Write a date like/);
  });
  it('a saved "none" is a known no-pardon: no pardon route left open, in check and screen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-d7-'));
    const f = join(dir, 'p.json');
    const person = (pardon: unknown) =>
      JSON.stringify({
        id: 'p',
        state: 'IL',
        registered_sex_offender: false,
        charges: [{ category: 'cannabis_possession', level: 'misdemeanor', class: 'Class B', disposition: 'convicted', offense_date: '2012-01-01', disposition_date: '2012-06-01', sentence_completed_date: '2012-09-01', cannabis_grams: 10, pardon_date: pardon }],
      });
    writeFileSync(f, person(null));
    const flat = (x: string) => x.replace(/\s+/g, ' ');
    expect(flat(fairshot(['--lang', 'en', 'screen', '--answers', f, '--as-of', AS_OF]).stdout)).toMatch(/We need to know: pardon date/);
    writeFileSync(f, person('none'));
    const check = fairshot(['check', f, '--format', 'table', '--no-clinics', '--as-of', AS_OF]);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/pardon date/);
    const screen = fairshot(['--lang', 'en', 'screen', '--answers', f, '--as-of', AS_OF]);
    expect(screen.code).toBe(0);
    expect(flat(screen.stdout)).not.toMatch(/pardon date/);
  });
});

describe('D21: help and counts agree with behaviour', () => {
  it('rules list and rules validate count rules the same way, and the review column adds up to the rules column', () => {
    const list = JSON.parse(fairshot(['rules', 'list', '--json']).stdout) as { rules: number; review: Record<string, number> }[];
    for (const row of list) expect(Object.values(row.review).reduce((a, b) => a + b, 0)).toBe(row.rules);
    const total = list.reduce((a, r) => a + r.rules, 0);
    const v = fairshot(['rules', 'validate']);
    expect(v.stdout).toMatch(new RegExp(`, ${total} rules, `));
  });
  it('--help says the questionnaire asks for the language when --lang is not given', () => {
    expect(fairshot(['--help']).stdout.replace(/\s+/g, ' ')).toMatch(/the questionnaire asks when --lang is not given/);
  });
});

describe.skipIf(!hasPython)('D8: in Spanish, a numeric date whose day and month could swap is asked back', () => {
  it('5/3/2020 asks "¿3 de mayo o 5 de marzo?"; "5 de marzo de 2020" is taken', () => {
    const r = drive(['--lang', 'es', 'screen', '--as-of', AS_OF], [
      ['código postal', '\r'], // skipped: the state is asked
      ['¿En qué estado vive', 'illinois'],
      ['Illinois \\(IL\\)', '\r'],
      ['¿En qué estado fue este caso', '\r'],
      ['¿Por qué fue', 'marihuana'],
      ['Cannabis \\(marihuana\\): tenerla', '\r'],
      ['¿Cómo terminó', '\r'], // condena
      ['¿Terminó toda la sentencia', '\x1b[A\x1b[A\r'], // sí
      ['¿Fue un delito grave', '\x1b[B\r'], // delito menor
      ['mes/día/año[\\s\\S]*¿Cuándo terminó toda la sentencia', '5/3/2020\r'],
      ['¿3 de\\s+mayo\\s+o\\s+5\\s+de\\s+marzo\\?', '\x7f'.repeat(8)], // erase it
      ['¿Cuándo terminó toda la sentencia', '5 de marzo de 2020\r'],
      ['✔ ¿Cuándo terminó toda la sentencia\\? 5 de marzo de 2020', '\x03'],
    ]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(130);
  });
});
