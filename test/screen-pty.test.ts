/**
 * End to end: the BUILT binary (node bin/fairshot.js) in a real pseudo-terminal, 60 columns wide,
 * driven by a small python3 pty script. Skipped when python3 or the build is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { answerInPty as answer, choose, NO, type Answer, type as type, YES } from './helpers/pty.js';

const BIN = new URL('../bin/fairshot.js', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;
const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;
const built = existsSync(new URL('../dist/cli/main.js', import.meta.url));

/** The pty driver, shared with bench/screen.mjs. */
const DRIVER = new URL('./helpers/pty_drive.py', import.meta.url).pathname;

const ENTER = '\r';
const DOWN = '\x1b[B';
const UP = '\x1b[A'; // yes/no questions start on "I don't know": No is ↑, Yes is ↑↑
type Step = [expect: string, send: string];

function drive(args: string[], steps: Step[], env: Record<string, string> = {}): { output: string; code: number | null; failed: string | null } {
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'NO_COLOR' && k !== 'FORCE_COLOR')) as Record<string, string>;
  const spec = { argv: [process.execPath, BIN, ...args], cwd: ROOT, env: { ...baseEnv, TERM: 'xterm-256color', ...env }, steps, timeout: 8 };
  const r = spawnSync('python3', [DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The answers everybody in Illinois gives the same way. */
const home: [string, Answer][] = [
  ['Which state do you live in', type('illinois')],
  ['ZIP code', type('60614')],
  ['In which state was this case', choose('Illinois')],
  ['another case or charge', NO],
  ['Is everything right', choose('Yes')],
  ['one-page summary', choose('No')],
];

/** The questions up to the first case, in English. */
const start: Step[] = [
  ['ZIP code', `60614${ENTER}`], // the state is read from the ZIP, not asked
  ['In which state was this case', ENTER],
];

describe.skipIf(!hasPython || !built)('the built binary in a pseudo-terminal', () => {
  test('issue 22: one old cannabis conviction, fine paid: at most 12 prompts with the language and the review, and the results', () => {
    const r = answer(['screen', '--as-of', '2026-11-28'], [
      ['Language / Idioma', choose('English')],
      ['What was it for', type('weed')],
      ['How did it end', choose('guilty')],
      ['Is the whole sentence finished', YES],
      ['When did the whole sentence end', type('June 2017')],
      ['a felony, a misdemeanor', choose('misdemeanor')],
      ['register as a sex offender', NO],
      ['fines, fees and restitution', YES],
      ...home,
    ]);
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    // up to the results: the language, the questions and the review (the offer of a summary comes after)
    const toResults = r.asked.findIndex(([q]) => /Is everything right/.test(q)) + 1;
    expect(toResults).toBeGreaterThan(5);
    expect(toResults).toBeLessThanOrEqual(12); // 19 before issue 22
    const flat = r.output.replace(/\s+/g, ' ');
    // the review shows a month as the range it stands for
    expect(flat).toMatch(/Date the sentence ended: 2017-06 \(between 2017-06-01 and 2017-06-30\)/);
    expect(flat).toMatch(/✔ Expungement: may apply now/);
    expect(flat).toMatch(/motion to vacate and expunge/);
    expect(flat).toMatch(/✔ Sealing: may apply now/);
    expect(flat).toMatch(/✔ Voting: you can vote/);
    // what could only make it come by itself is named, with what it would need, not asked
    expect(flat).toMatch(/Also: expungement after a cannabis pardon .*needs a closer look/);
    expect(r.asked.map(([q]) => q).join('\n')).not.toMatch(/pardoned|How much cannabis|date of the offense|When did the case end/);
    expect(flat).toMatch(/Free help nearby/);
  });

  test('a cannabis arrest never charged: may be expunged now, asked nothing more; the automatic route says what it would need', () => {
    const r = answer(['--lang', 'en', 'screen', '--as-of', '2026-11-28'], [
      ['What was it for', type('weed')],
      ['How did it end', choose('never charged')],
      ...home,
    ]);
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    const qs = r.asked.map(([q]) => q);
    // ZIP (the state is read from it), the case's state, what it was for, how it ended, another case? (then the review)
    expect(qs.slice(0, qs.findIndex((q) => /Is everything right/.test(q)))).toHaveLength(5);
    expect(r.output).not.toMatch(/in prison or jail right now/); // no conviction: nobody is serving a sentence
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/✔ Expungement: may apply now/);
    expect(flat).toMatch(/Also: automatic expungement of minor cannabis arrest records .*needs a closer look\. We need to know: arrest date/);
    expect(flat).toMatch(/✔ Voting: you can vote/);
  });

  test('not eligible, with its reasons', () => {
    const r = drive(['--lang', 'en', 'screen', '--as-of', '2026-11-28'], [
      ...start,
      ['What was it for', 'DUI'],
      ['Driving under the influence', ENTER],
      ['How did it end', ENTER], // convicted: DUI rules out every remedy but a Prisoner Review Board paper
      ['do you have one of these papers', ENTER], // none of these
      ['Is the whole sentence finished', UP + UP + ENTER], // yes: the record says nobody is serving a sentence now
      ['another case or charge', DOWN + ENTER],
      ['Is everything right', ENTER],
      ['not legal advice', ''],
      ['one-page summary', ENTER], // the offer of a handout: Enter is "No, thanks"
    ]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(0);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/✘ Sealing: does not appear to apply, because:/);
    expect(flat).toMatch(/DUI convictions cannot be sealed/);
    expect(flat).toMatch(/✘ Expungement: does not appear to apply, because:/);
    expect(flat).not.toMatch(/What was the sentence/);
  });

  test('"I don\'t know" leads to needs_review and names the paper that answers it', () => {
    const r = answer(['--lang', 'en', 'screen', '--as-of', '2026-11-28'], [
      ['What was it for', type('theft')],
      ['in prison or jail right now', NO],
      ...home,
      ['.', { dk: true }],
    ]);
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Case 1 · How it ended: I don't know/);
    expect(flat).toMatch(/\? Expungement: needs a lawyer's look, because:/);
    expect(flat).toMatch(/Where to look: the disposition on the court docket or your rap sheet/);
  });

  /** A New Yorker with one cannabis possession conviction, a fine paid (as the planner walk's person). */
  const nyCannabisFine: [string, Answer][] = [
    ['ZIP code', type('10027')], // New York
    ['In which state was this case', choose('New York')],
    ['What was it for', type('weed')],
    ['How did it end', choose('guilty')],
    ['a felony, a misdemeanor', choose('misdemeanor')],
    ['When did the case end', type('2017-01-10')],
    ['Is the whole sentence finished', YES],
    ['What was the sentence', choose('[Ff]ine')],
    ['youthful offender', NO],
    ['How old were you', type('30')],
    ['When did it happen', type('2016-05-01')],
    ['law section', type('')],
    ['Is everything right', choose('Yes')],
    ['one-page summary', choose('No')],
    ['.', { dk: true }],
  ];

  test('issue 22: "a case still open" on "another case?": the open-case question is not asked, the question comes again without that choice, and Clean Slate says why it waits', () => {
    const r = answer(['--lang', 'en', 'screen', '--as-of', '2026-12-06'], [['another case or charge', [choose('still open'), NO]], ...nyCannabisFine]);
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    const more = r.asked.filter(([q]) => /another case or charge/.test(q));
    expect(more).toHaveLength(2);
    expect(r.asked.some(([q]) => /still open \(not finished\) in any court/.test(q))).toBe(false);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/An open criminal case now: Yes/);
    // the second time, the choice is gone
    const second = r.output.slice(r.output.lastIndexOf('Is there another case'));
    expect(second).not.toMatch(/Yes, a case still open/);
    expect(flat).toMatch(/No new criminal charge may be pending/);
  });

  test('issue 22: New York, one paid-off conviction: "another case?" comes before what its "No, that is all" makes moot; 12 prompts with the language and the review', () => {
    const r = answer(['screen', '--as-of', '2026-12-06'], [['Language / Idioma', choose('English')], ['another case or charge', NO], ...nyCannabisFine]);
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    const asked = r.asked.map(([q]) => q);
    // the language question through the review (the handout offer comes after the results)
    expect(asked.findIndex((q) => /Is everything right/.test(q)) + 1).toBeLessThanOrEqual(12);
    expect(asked.some((q) => /youthful offender|Is the whole sentence finished/.test(q))).toBe(false);
    const flat = r.output.replace(/\s+/g, ' ');
    // Clean Slate (CPL 160.57): no case open, so it comes by itself
    expect(flat).toMatch(/Sealing: may happen automatically: check whether it already happened/);
  });

  test('issue 22: California, one paid-off conviction from before Prop 64: 12 prompts with the language and the review; the automatic Prop 64 dismissal answers for expungement', () => {
    const r = answer(['screen', '--as-of', '2026-12-06'], [
      ['Language / Idioma', choose('English')],
      ['ZIP code', type('90012')], // Los Angeles
      ['In which state was this case', choose('California')],
      ['What was it for', type('weed')],
      ['How did it end', choose('guilty')],
      ['a felony, a misdemeanor', choose('misdemeanor')],
      ['How much cannabis', type('10')],
      ['concentrated cannabis', NO],
      ['How old were you', type('30')],
      ['When did it happen', type('2016-05-01')],
      ['another case or charge', NO],
      ['Is everything right', choose('Yes')],
      ['one-page summary', choose('No')],
      ['.', { dk: true }],
    ]);
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    const asked = r.asked.map(([q]) => q);
    expect(asked.findIndex((q) => /Is everything right/.test(q)) + 1).toBe(12);
    // what only the Penal Code 1203.4a dismissal reads is not asked once Prop 64's dismissal holds
    expect(asked.some((q) => /Is the whole sentence finished|What was the sentence|When did the case end/.test(q))).toBe(false);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Expungement: may happen automatically: check whether it already happened/);
    expect(flat).toMatch(/automatic Prop 64 dismissal/);
    expect(flat).toMatch(/Sealing: may happen automatically: check whether it already happened/);
  });

  test('a rule file\'s own choices are said in words, in Spanish too (Pennsylvania\'s pardon and grade), and the review repeats them', () => {
    const r = answer(['screen', '--as-of', '2026-12-06'], [
      ['Language / Idioma', choose('Español')],
      ['código postal', type('19107')], // Philadelphia
      ['¿En qué estado fue este caso', choose('Pensilvania|Pennsylvania')],
      ['¿Por qué fue', type('marihuana')],
      ['¿Cómo terminó', choose('culpable')],
      ['indult', choose('^\\W*Sin indulto')],
      ['De qué grado', choose('^\\W*M \\(delito menor sin grado\\)')],
      ['restitución', choose('^\\W*Sí')],
      ['¿Hay otro caso', choose('^\\W*No')],
      ['¿Está todo bien', choose('Sí, mostrar')],
      ['resumen de una página', choose('No')],
      ['.', { dk: true }],
    ], 'no asesoría legal');
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    const grade = r.output.slice(r.output.indexOf('De qué grado'));
    expect(grade).toMatch(/F1 \(delito grave de 1\.er grado\)/);
    expect(grade).toMatch(/S \(delito sumario\)/);
    expect(grade.slice(0, 2000)).not.toMatch(/felony 1|ungraded misdemeanor|summary\b/);
    const pardon = r.output.slice(r.output.indexOf('indultó esta condena'));
    expect(pardon.slice(0, 600)).toMatch(/un indulto incondicional/);
    expect(pardon.slice(0, 600)).not.toMatch(/\bunconditional\b/);
    const review = r.output.slice(r.output.lastIndexOf('Revise sus respuestas')).replace(/\s+/g, ' ');
    expect(review).toMatch(/Grado del delito \([^)]*\): M \(delito menor sin grado\)/);
    expect(review).toMatch(/Un indulto para esta condena: sin indulto/);
  });

  test('Spanish from the language question', () => {
    const r = answer(['screen', '--as-of', '2026-11-28'], [
      ['Language / Idioma', choose('Español')],
      ['¿En qué estado vive', type('illinois')],
      ['código postal', type('')],
      ['¿En qué estado fue este caso', choose('Illinois')],
      ['¿Por qué fue', type('marihuana')],
      ['¿Cómo terminó', choose('[Dd]esestimado')],
      ['¿Hay otro caso', choose('^\\W*No')],
      ['¿Está todo bien', choose('Sí')],
      ['resumen de una página', choose('No')],
    ], 'no asesoría legal');
    expect(r.error).toBeNull();
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Sus resultados/);
    expect(flat).toMatch(/✔ Eliminación \(expungement\): puede aplicar ahora/);
    expect(flat).toMatch(/También: eliminación automática/);
    expect(flat).toMatch(/usted puede votar/);
  });

  test('at the end it offers a take-home summary; accepted, it writes the page (0600), and no calendar when no date lies ahead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-pty-handout-'));
    const file = join(dir, 'my summary.html');
    const r = answer(['--lang', 'en', 'screen', '--as-of', '2026-11-28'], [
      ['What was it for', type('weed')],
      ['How did it end', choose('never charged')],
      ['one-page summary', choose('Yes')],
      ['File name for the summary', type(file)],
      ...home,
    ], 'Printable summary written to');
    try {
      expect(r.error).toBeNull();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const page = readFileSync(file, 'utf8');
      expect(page).toMatch(/Expungement: May apply now/);
      expect(page).toMatch(/not legal advice/);
      // nothing else was written beside it (no date lies ahead for this person)
      expect(readdirSync(dir)).toEqual(['my summary.html']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Ctrl-C at a question: exit 130, one-line goodbye, no stack trace', () => {
    const r = drive(['--lang', 'en', 'screen', '--save-answers', '/tmp/fairshot-pty-never.json'], [
      ['ZIP code', '\x03'],
      ['Cancelled', ''],
    ]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(130);
    expect(r.output).toMatch(/Cancelled\. Nothing was saved\./);
    expect(r.output).not.toMatch(/at .*\.js:\d+|ExitPromptError|Error:/);
    expect(existsSync('/tmp/fairshot-pty-never.json')).toBe(false);
  });
});

describe.skipIf(!built)('no terminal', () => {
  test('an open pipe that never writes: exit 2 at once with a one-line hint', async () => {
    const env = { ...process.env };
    delete env.CI;
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.destroy();
    expect(code).toBe(2);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/--answers FILE/);
  });
});

describe.skipIf(!hasPython || !built)('issue 22: the state you live in is read from your ZIP', () => {
  /** A dismissed theft, in Spanish: the answers after the case's state. */
  const dismissedTheftEs: [string, Answer][] = [
    ['¿Por qué fue', type('robo')],
    ['¿Cómo terminó', choose('[Dd]esestimado')],
    ['¿Hay otro caso', choose('^\\W*No')],
    ['¿Está todo bien', choose('Sí')],
    ['resumen de una página', choose('No')],
  ];

  test('a ZIP in the list: the state is not asked, the note names it, the review shows it; a ZIP changed to another state\'s says so and keeps the state', () => {
    const r = answer(['--lang', 'en', 'screen', '--as-of', '2026-11-28', '--no-color'], [
      ['ZIP code', [type('60614'), type('46204')]],
      ['In which state was this case', choose('Illinois')],
      ['What was it for', type('theft')],
      ['How did it end', choose('dismissed')],
      ['another case or charge', NO],
      ['Is everything right', [choose('Change: ZIP code'), choose('Yes')]],
      ['one-page summary', choose('No')],
      ['Which state do you live in', type('indiana')], // never asked: the test fails if it is
      ['.', { dk: true }],
    ]);
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    const qs = r.asked.map(([q]) => q).join('\n');
    expect(qs).not.toMatch(/Which state do you live in/);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/ZIP 60614 is in Illinois: the questions go by that state/);
    expect(flat).toMatch(/State you live in: Illinois/);
    expect(flat).toMatch(/ZIP 46204 is in Indiana\. The state you live in is still Illinois/);
    // the results are Illinois's, and the clinics are found from the new ZIP
    expect(flat).toMatch(/✔ Voting: you can vote/);
    expect(flat).toMatch(/You can vote in Illinois/);
  });

  test('a ZIP not in the offline list, in Spanish: the state is asked', () => {
    const r = answer(['--lang', 'es', 'screen', '--as-of', '2026-11-28', '--no-color'], [
      ['código postal', type('99999')],
      ['¿En qué estado vive', type('illinois')],
      ['¿En qué estado fue este caso', choose('Illinois')],
      ...dismissedTheftEs,
    ], 'no asesoría legal');
    expect(r.error).toBeNull();
    expect(r.asked.map(([q]) => q).join('\n')).toMatch(/¿En qué estado vive/);
    expect(r.output).not.toMatch(/código postal 99999 está en/);
  });

  test('Spanish: the note names the state in Spanish', () => {
    const r = answer(['--lang', 'es', 'screen', '--as-of', '2026-11-28', '--no-color'], [
      ['código postal', type('10027')],
      ['¿En qué estado fue este caso', choose('Nueva York')],
      ...dismissedTheftEs,
      ['.', { dk: true }],
    ], 'no asesoría legal');
    expect(r.error).toBeNull();
    expect(r.output.replace(/\s+/g, ' ')).toMatch(/El código postal 10027 está en Nueva York: las preguntas siguen ese estado/);
  });
});
