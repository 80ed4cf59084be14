/**
 * Issue 24, output and docs (../shared/research/new-user-test-2026-12.md): what a new user read
 * in results, clinic lists, messages, help and docs, each through the built binary.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fairshot } from './helpers/cli.js';
import { ROOT } from './helpers/rules.js';

const AS_OF = '2026-12-06';
const dir = mkdtempSync(join(tmpdir(), 'fairshot-nuo-'));
const file = (name: string, body: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
  return f;
};
const table = (args: string[], input?: string) =>
  fairshot([...args, '--format', 'table', '--as-of', AS_OF], { ...(input !== undefined ? { input } : {}), env: { COLUMNS: '200' } });
/** The text output with its wrapping undone: one space wherever a line broke. */
const flat = (s: string) => s.replace(/\s*\n\s*/g, ' ');

describe('D5: an Illinois "last sentence" is the one that ended last, a supervision included', () => {
  // The report's lastsent.json: a 2012 cannabis conviction (fine, ended 2012-09-01) and a theft
  // supervision discharged 2025-03-01. 20 ILCS 2630/5.2(a)(1): an order of supervision counts.
  const person = {
    id: 'lastsent',
    state: 'IL',
    birth_date: '1980-01-01',
    registered_sex_offender: false,
    pending_charges: false,
    charges: [
      { offense: 'cannabis possession', category: 'cannabis_possession', level: 'misdemeanor', class: 'Class B', disposition: 'convicted', offense_date: '2012-03-01', disposition_date: '2012-06-01', sentence_type: 'fine', sentence_completed_date: '2012-09-01', cannabis_grams: 40 },
      { offense: 'theft', category: 'theft', level: 'misdemeanor', disposition: 'supervision_completed', offense_date: '2023-01-01', disposition_date: '2025-03-01', il_qualified_probation: false },
    ],
  };
  it('the 2012 conviction is sealable only 2 years after the 2025 supervision ended', () => {
    const r = fairshot(['check', file('lastsent.json', person), '--json', '--no-clinics', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { charges: { relief: Record<string, { status: string; date: string | null; reasons: string[] }> }[] };
    expect(j.charges[0]!.relief.sealing).toMatchObject({ status: 'eligible_on', date: '2027-03-01' });
    expect(j.charges[0]!.relief.sealing!.reasons.join('\n')).toContain('2 years from 2025-03-01');
  });
});

describe('D16: the automatic cannabis expungement "how to check" note fits the arrest', () => {
  const person = (arrest: string | null) => ({
    id: `arrest-${arrest}`,
    state: 'IL',
    birth_date: '1960-01-01',
    charges: [{ offense: 'possession of cannabis', category: 'cannabis_possession', disposition: 'dismissed', arrest_date: arrest, offense_date: arrest, disposition_date: '2020-01-10', cannabis_grams: 3.54, il_cannabis_enhanced: false, il_violent_crime_link: false }],
  });
  it.each([
    ['2015-05-01', 'en', 'for arrests from 2013 until before 2019-06-25 the deadline was 2021-01-01'],
    ['2005-05-01', 'en', 'for arrests from 2000 to 2012 the deadline was 2023-01-01'],
    ['1995-05-01', 'en', 'for arrests before 2000 the deadline was 2025-01-01'],
    ['2005-05-01', 'es', 'para arrestos de 2000 a 2012 el plazo fue el 2023-01-01'],
  ])('an arrest on %s (%s) is told its own period\'s deadline', (arrest, lang, want) => {
    const r = table(['--lang', lang, 'check', file(`d16-${arrest}.json`, person(arrest)), '--no-clinics', '-v']);
    expect(r.code).toBe(0);
    expect(flat(r.stdout)).toContain(want);
    if (arrest !== '1995-05-01') expect(r.stdout).not.toContain('2025-01-01');
  });
  it('an arrest with no date (the "I don\'t know" person) is told no deadline', () => {
    const unknown = { id: 'u', state: 'IL', charges: [{ category: 'cannabis_possession', disposition: null }] };
    const r = table(['check', file('d16-unknown.json', unknown), '--no-clinics']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('automatic expungement of minor cannabis arrest records');
    expect(r.stdout).not.toMatch(/should already be gone|deadline/);
  });
});

describe('D16, D20: the rule format\'s per-case notes and value words are checked like the rest', () => {
  it('rules validate names a note wording whose `when` reads an unknown fact, and a value_words key that is not a value', () => {
    const rules = join(dir, 'rules-bad');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const cannabis = join(rules, 'IL', 'cannabis.yaml');
    writeFileSync(cannabis, readFileSync(cannabis, 'utf8').replace('- when: {fact: arrest_date, before: 2000-01-01}', '- when: {fact: arest_date, before: 2000-01-01}'));
    const jur = join(rules, 'IL', 'jurisdiction.yaml');
    writeFileSync(jur, readFileSync(jur, 'utf8').replace('      certificate_for_sealing: {en: "a certificate', '      certificate_for_sealin: {en: "a certificate'));
    const r = fairshot(['--rules', rules, 'rules', 'validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cannabis\.yaml:\d+:\d+ .*arest_date.*did you mean "arrest_date"/);
    expect(r.stdout).toMatch(/jurisdiction\.yaml:\d+:\d+ "certificate_for_sealin" is not a value of "il_pardon_or_certificate"/);
  });
});

describe('D21: help text and docs match behaviour', () => {
  it('a usage error inside a command names that command\'s help', () => {
    for (const [args, help] of [
      [['check', '--bogus'], 'fairshot check --help'],
      [['check'], 'fairshot check --help'],
      [['batch'], 'fairshot batch --help'],
      [['rules', 'list', '--bogus'], 'fairshot rules list --help'],
    ] as const) {
      const r = fairshot([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`(run ${help} for usage)`);
    }
  });
  it('clinics errors start with fairshot: like every other command, and its examples have no "$ "', () => {
    const r = fairshot(['clinics', '--state', 'XX']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fairshot: unknown state "XX"/);
    const u = fairshot(['clinics']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^fairshot: give --zip/);
    expect(fairshot(['clinics', '--help']).stdout).not.toMatch(/^\s*\$ /m);
  });
  it('--json says what each command prints; only check and screen print the case-file contract', () => {
    const help = (args: string[]) => flat(fairshot([...args, '--help']).stdout);
    for (const args of [['rules', 'list'], ['rules', 'show'], ['rules', 'validate'], ['rules', 'test'], ['voting']]) {
      expect(help(args)).toMatch(/--json\s+print \S/);
      expect(help(args)).not.toContain('case-file contract');
    }
    expect(help(['check'])).toContain('case-file contract');
  });
  it('rules validate names the voting rules apart from the rules rules list counts', () => {
    const list = JSON.parse(fairshot(['rules', 'list', '--json']).stdout) as { voting: boolean }[];
    const v = fairshot(['rules', 'validate']);
    expect(v.stdout).toContain(`, ${list.filter((r) => r.voting).length} voting rules, `);
  });
  it('an answers file date error names the month and year forms screen.md allows', () => {
    const f = file('d21-month.yaml', 'id: a\nstate: IL\ncharges:\n  - category: theft\n    disposition: dismissed\n    disposition_date: 06/2019\n');
    const r = fairshot(['--lang', 'en', 'screen', '--answers', f, '--json', '--as-of', AS_OF]);
    expect(r.stdout).toContain('is not a date written YYYY-MM-DD, YYYY-MM (a month) or YYYY (a year)');
    const ok = fairshot(['--lang', 'en', 'screen', '--answers', file('d21-month-ok.yaml', 'id: a\nstate: IL\ncharges:\n  - category: theft\n    disposition: dismissed\n    disposition_date: 2019-06\n'), '--json', '--as-of', AS_OF]);
    expect(JSON.parse(ok.stdout).errors).toEqual([]);
  });
  it('docs/screen.md says plain fairshot takes the screen options, as it does', () => {
    const f = file('d21-plain.json', { id: 'p', state: 'IL', charges: [{ category: 'theft', disposition: 'dismissed', disposition_date: '2019-06-01' }] });
    const r = fairshot(['--lang', 'en', '--answers', f, '--json', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe('p');
    expect(fairshot(['--help']).stdout).toMatch(/fairshot --answers me\.yaml\s+the same as fairshot screen --answers me\.yaml/);
    const doc = readFileSync(join(ROOT, 'docs', 'screen.md'), 'utf8');
    expect(doc).not.toContain('plain `fairshot` accepts only the global options');
    expect(flat(doc)).toContain('`fairshot --answers me.yaml --json` is `fairshot screen --answers me.yaml --json`');
  });
});

describe('D20: Spanish everywhere a person reads', () => {
  it('with no terminal, `fairshot --lang es` answers in Spanish', () => {
    const r = fairshot(['--lang', 'es'], { input: '\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no hay una terminal');
    expect(r.stderr).not.toContain('no terminal to ask');
  });
});

describe('D20: values and summaries in the reader\'s language', () => {
  // An Illinois felony theft conviction: expungement turns on the pardon or certificate (a choice
  // the Illinois rule file declares), and the example person's answers depend on how it ended.
  it('"what would change" lines name a choice in words, in English and Spanish, never its id', () => {
    const en = flat(table(['check', 'examples/il-cannabis.json', '--no-clinics']).stdout);
    expect(en).toContain('would change — none of these papers: does not appear to apply; a pardon that authorizes expungement: may apply now');
    const es = flat(table(['--lang', 'es', 'check', 'examples/il-cannabis.json', '--no-clinics']).stdout);
    expect(es).toContain('— ninguno de estos documentos: no parece aplicar; un indulto que autoriza la eliminación: puede aplicar ya');
    for (const out of [en, es]) expect(out).not.toMatch(/pardon authorizing expungement|certificate for sealing:/);
  });
  it('a contract choice (how it ended) is said in the person\'s words too', () => {
    const person = { id: 'd', state: 'IL', birth_date: '1980-01-01', registered_sex_offender: false, charges: [{ category: 'theft', level: 'misdemeanor', disposition: null, disposition_date: '2015-06-01', sentence_completed_date: '2016-01-01' }] };
    const es = flat(table(['--lang', 'es', 'check', file('d20-disp.json', person), '--no-clinics']).stdout);
    expect(es).toMatch(/Lo que cambiaría cómo terminó — lo declararon culpable o se declaró culpable \(una condena\): /);
    expect(es).not.toMatch(/— convicted: |; dismissed: /);
  });
  it('a charge header with no offense text names the kind of offense in Spanish', () => {
    const person = { id: 'c', state: 'IL', charges: [{ category: 'cannabis_possession', level: 'misdemeanor', disposition: 'dismissed', disposition_date: '2019-01-01' }] };
    const es = flat(table(['--lang', 'es', 'check', file('d20-cat.json', person), '--no-clinics']).stdout);
    expect(es).toContain('Cargo 1: cannabis (marihuana), tenerla · delito menor · desestimado 2019-01-01 · IL');
  });
  it('the --summary report names choices in words too', () => {
    const out = join(dir, 'd20-summary.md');
    const r = fairshot(['batch', 'examples/people.csv', '--format', 'jsonl', '--no-clinics', '--quiet', '--summary', out, '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('would change — none of these papers: does not appear to apply; a pardon that authorizes expungement:');
    expect(md).not.toContain('pardon authorizing expungement');
  });
  it('the batch end-of-run summary is in Spanish with --lang es', () => {
    const r = fairshot(['--lang', 'es', 'batch', 'examples/people.csv', '--format', 'jsonl', '--no-clinics', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Hecho: 3 personas, 4 cargos en /m);
    expect(r.stderr).toContain('se leyeron todas las filas');
    expect(r.stderr).not.toMatch(/Done:|every row was read/);
  });
});

describe('D22: smaller output defects', () => {
  it('batch on an empty input says "holds no person records" once, with no summary of nothing', () => {
    const r = fairshot(['batch', '/dev/null']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('fairshot: /dev/null holds no person records\n');
  });
  it('--summary shows a date as it is when it is the same for every charge, and [date] when it differs', () => {
    const wa = (id: string, y: string) => ({ id, state: 'WA', birth_date: '1980-01-01', registered_sex_offender: false, pending_charges: false, incarcerated: false, charges: [{ category: 'theft', level: 'misdemeanor', disposition: 'convicted', offense_date: `${y}-01-01`, disposition_date: `${y}-06-01`, sentence_completed_date: `${y}-12-01`, sentence_type: 'probation' }] });
    const md = (persons: object[], name: string) => {
      const f = file(`${name}.jsonl`, persons.map((p) => JSON.stringify(p)).join('\n') + '\n');
      const out = join(dir, `${name}.md`);
      const r = fairshot(['batch', f, '--format', 'jsonl', '--no-clinics', '--quiet', '--summary', out, '--as-of', AS_OF]);
      expect(r.code).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const one = md([wa('w1', '2010'), wa('w2', '2010')], 'd22-same');
    expect(one).toContain('3 years with no new conviction in any court: 3 years from 2010-06-01, over on 2013-06-01');
    expect(one).not.toContain('YYYY-MM-DD');
    const two = md([wa('w1', '2010'), wa('w2', '2011')], 'd22-differ');
    expect(two).toContain('3 years with no new conviction in any court: 3 years from [date], over on [date]');
  });
  it('two JSONL records with one id are each screened, with a warning (check and batch)', () => {
    const f = file('d22-dup.jsonl', '{"id":"j1","state":"IL","charges":[]}\n{"id":"j1","state":"IL","charges":[]}\n{"id":"j2","state":"IL","charges":[]}\n');
    for (const args of [['check', f], ['batch', f, '--format', 'jsonl', '--jobs', '1'], ['batch', f, '--format', 'jsonl', '--jobs', '2']]) {
      const r = fairshot([...args, '--no-clinics', '--as-of', AS_OF]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(3);
      expect(r.stderr).toContain('warning: id "j1" (row 2) was already used by an earlier record');
      expect(r.stderr).not.toContain('"j2"');
    }
  });
  it('a CSV row of only commas is skipped like a blank line, in check and batch', () => {
    const csv = 'id,state,category,disposition\n,,,\n\nc1,IL,theft,dismissed\n , , , \n';
    for (const args of [['check', '-', '--input-format', 'csv'], ['batch', '-', '--input-format', 'csv', '--format', 'jsonl']]) {
      const r = fairshot([...args, '--no-clinics', '--as-of', AS_OF], { input: csv });
      expect(r.code).toBe(0);
      const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; errors: unknown[] });
      expect(out.map((o) => [o.id, o.errors.length])).toEqual([['c1', 0]]);
    }
  });
});

describe('D17: a case in a state with no rules gets that state\'s help next to the local list', () => {
  // An Illinois resident (60614) with a Wisconsin case and a federal case, as in the report.
  const person = { id: 'w', state: 'IL', zip: '60614', charges: [
    { category: 'theft', disposition: 'convicted', state: 'WI', disposition_date: '2015-01-01' },
    { category: 'theft', disposition: 'convicted', court: 'federal', disposition_date: '2015-01-01' },
  ] };
  it.each([
    ['check', 'en', 'A case in Wisconsin is decided by Wisconsin law'],
    ['screen', 'en', 'A case in Wisconsin is decided by Wisconsin law'],
    ['screen', 'es', 'Un caso en Wisconsin se decide por la ley de Wisconsin'],
  ])('%s (%s) lists Legal Action of Wisconsin after the Chicago clinics, and says why', (cmd, lang, note) => {
    const f = file(`d17-${cmd}-${lang}.json`, person);
    const r = cmd === 'check' ? table(['--lang', lang, 'check', f]) : fairshot(['--lang', lang, 'screen', '--answers', f, '--as-of', AS_OF], { env: { COLUMNS: '200' } });
    expect(r.code).toBe(0);
    const out = flat(r.stdout);
    expect(out).toContain('Cabrini Green Legal Aid');
    expect(out).toContain('Legal Action of Wisconsin');
    expect(out.indexOf('Legal Action of Wisconsin')).toBeGreaterThan(out.indexOf('Cabrini Green Legal Aid'));
    expect(out).toContain(note);
  });
  it('the JSON result carries the other state\'s listing too; a case in the home state adds nothing', () => {
    const j = JSON.parse(fairshot(['check', file('d17.json', person), '--json', '--as-of', AS_OF]).stdout) as { clinics: { name: string }[]; warnings: string[] };
    expect(j.clinics.map((c) => c.name)).toContain('Legal Action of Wisconsin');
    const home = { ...person, charges: [person.charges[0]!].map((c) => ({ ...c, state: 'IL' })) };
    const h = JSON.parse(fairshot(['check', file('d17-home.json', home), '--json', '--as-of', AS_OF]).stdout) as { clinics: { name: string }[]; warnings: string[] };
    expect(h.clinics).toHaveLength(3);
    expect(h.warnings.join(' ')).not.toMatch(/decided by/);
  });
});

describe('D22: clinic listings', () => {
  it('"record_clearance" is said in words in the "none near" note, in English and Spanish', () => {
    const f = file('d22-rural.json', { id: 'r', state: 'IL', zip: '62901', charges: [{ category: 'theft', disposition: 'dismissed', disposition_date: '2019-01-01' }] });
    const en = flat(fairshot(['--lang', 'en', 'screen', '--answers', f, '--as-of', AS_OF]).stdout);
    const es = flat(fairshot(['--lang', 'es', 'screen', '--answers', f, '--as-of', AS_OF]).stdout);
    expect(en).toContain('No listed record-clearance help within 100 miles serves Illinois cases');
    expect(es).toContain('Ninguna ayuda de limpieza de antecedentes en la lista a menos de 100 millas');
    for (const out of [en, es]) expect(out).not.toContain('record_clearance');
  });
  it('an adult\'s results list Legal Aid Chicago by phone, not at the juvenile court desk; a juvenile case keeps the desk', () => {
    const person = (id: string, charge: Record<string, unknown>) => JSON.stringify({ id, state: 'IL', zip: '60623', charges: [{ category: 'theft', disposition_date: '2015-01-01', ...charge }] });
    const input = `${person('adult', { disposition: 'dismissed' })}\n${person('juvenile', { court: 'juvenile', disposition: 'adjudicated_delinquent' })}\n`;
    const lac = (stdout: string) =>
      Object.fromEntries(
        stdout.trim().split('\n').map((l) => {
          const r = JSON.parse(l) as { id: string; clinics: { name: string; address: string | null; phone: string | null }[] };
          return [r.id, r.clinics.find((c) => c.name === 'Legal Aid Chicago')];
        }),
      );
    for (const args of [['check', '-', '--input-format', 'jsonl'], ['batch', '-', '--input-format', 'jsonl', '--format', 'jsonl', '--quiet', '--jobs', '1']]) {
      const got = lac(fairshot([...args, '--as-of', AS_OF], { input }).stdout);
      expect(got.adult).toMatchObject({ address: null, phone: '312-229-6071' });
      expect(got.juvenile!.address).toMatch(/1100 S\. Hamilton/);
    }
    const f = file('d22-adult.json', { id: 'a', state: 'IL', zip: '60623', charges: [{ category: 'theft', disposition: 'dismissed', disposition_date: '2015-01-01' }] });
    const screen = fairshot(['--lang', 'en', 'screen', '--answers', f, '--as-of', AS_OF]);
    expect(screen.stdout).toContain('Legal Aid Chicago');
    expect(screen.stdout).not.toContain('1100 S. Hamilton');
  });
  it('Legal Aid Chicago has one records-relief number wherever it is listed', () => {
    const phones = new Set<string>();
    for (const zip of ['60614', '62901', '60101']) {
      const j = JSON.parse(fairshot(['clinics', '--zip', zip, '--state', 'IL', '--limit', '10', '--json', '--as-of', AS_OF]).stdout) as { clinics: { name: string; phone: string | null }[] };
      for (const c of j.clinics) if (c.name === 'Legal Aid Chicago' && c.phone) phones.add(c.phone);
    }
    expect([...phones]).toEqual(['312-229-6071']);
  });
});

// The questionnaire in a real pseudo-terminal (test/helpers/pty_drive.py, as test/screen-pty.test.ts).
const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;
function drive(args: string[], steps: [string, string][]): { output: string; code: number | null; failed: string | null } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'NO_COLOR' && k !== 'FORCE_COLOR')) as Record<string, string>;
  const spec = { argv: [process.execPath, BIN, ...args], cwd: ROOT, env: { ...env, TERM: 'xterm-256color' }, steps, timeout: 8 };
  const r = spawnSync('python3', [join(ROOT, 'test', 'helpers', 'pty_drive.py'), JSON.stringify(spec)], { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { output: string; code: number | null; failed: string | null };
}

describe.skipIf(!hasPython)('D20, D22 in the questionnaire (pseudo-terminal)', () => {
  it('D20: the state search says "nothing found" in Spanish, and finds a state by its Spanish name', () => {
    const r = drive(['--lang', 'es', 'screen', '--as-of', AS_OF], [
      ['código postal', '\r'], // skipped: the state is asked
      ['En qué estado vive', 'xyzq'],
      ['No se encontró nada', '\x7f\x7f\x7f\x7fcarolina del norte'],
      ['North Carolina \\(NC\\)', '\x03'],
    ]);
    expect(r.failed).toBeNull();
    expect(r.output).not.toContain('No results found');
    expect(r.code).toBe(130);
  });
  it('D22: a date written year first with slashes (2015/03/02) is read as 2015-03-02', () => {
    const r = drive(['--lang', 'en', 'screen', '--as-of', AS_OF], [
      ['ZIP code', '60614\r'], // the state is read from the ZIP
      ['In which state was this case', '\r'],
      ['What was it for', 'weed'],
      ['Cannabis \\(marijuana\\): having it', '\r'],
      ['How did it end', '\r'], // convicted
      ['whole sentence finished', '\x1b[A\x1b[A\r'], // yes
      ['a felony, a misdemeanor', '\x1b[B\r'], // misdemeanor
      ['When did the whole sentence end', '2015/03/02\r'],
      ['✔ When did the whole sentence end', '\x03'],
    ]);
    expect(r.failed).toBeNull();
    expect(r.output).toMatch(/2015-03-02/);
    expect(r.output).not.toMatch(/Write a date like/);
  });
});
