/**
 * End to end: the BUILT binary (node bin/fairshot.js) in a real pseudo-terminal, 60 columns wide,
 * driven by a small python3 pty script. Skipped when python3 or the build is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

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

/** The questions up to the first case, in English. */
const start: Step[] = [
  ['Which state do you live in', 'illinois'],
  ['Illinois \\(IL\\)', ENTER],
  ['ZIP code', `60614${ENTER}`],
  ['In which state was this case', ENTER],
];

describe.skipIf(!hasPython || !built)('the built binary in a pseudo-terminal', () => {
  test('IL cannabis arrest of 30 g or less, never convicted: automatic expungement, how to check it', () => {
    const r = drive(['--lang', 'en', 'screen', '--as-of', '2026-11-28'], [
      ...start,
      ['What was it for', 'weed'],
      ['Cannabis \\(marijuana\\): having it', ENTER],
      ['How did it end', DOWN + DOWN + DOWN + ENTER], // Arrested, but never charged
      ['When were you arrested', `March 2017${ENTER}`],
      ['How old were you', `30${ENTER}`],
      ['How much cannabis', `1 oz${ENTER}`],
      ['made more serious', UP + ENTER],
      ['violent crime', UP + ENTER],
      ['another case or charge', DOWN + ENTER],
      // no conviction on the record: nobody asks whether the person is serving a sentence
      ['Is everything right', ENTER],
      ['not legal advice', ''],
      ['one-page summary', ENTER], // the offer of a handout: Enter is "No, thanks"
    ]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(0);
    expect(r.output).not.toMatch(/in prison or jail right now/);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Arrest date: 2017-03 \(between 2017-03-01 and 2017-03-31\)/);
    expect(flat).toMatch(/✔ Expungement: may happen automatically: check whether it already happened/);
    expect(flat).toMatch(/How to check: .*Illinois State Police Bureau of Identification/);
    expect(flat).toMatch(/✔ Voting: you can vote/);
    expect(flat).toMatch(/Free help nearby/);
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
    const DK = `I don${ENTER}`; // typing in a list jumps to "I don't know"
    const r = drive(['--lang', 'en', 'screen', '--as-of', '2026-11-28'], [
      ...start,
      ['What was it for', 'theft'],
      ['Theft or shoplifting', ENTER],
      ['How did it end', DK],
      ['Which kind of court', DK],
      ['What was the sentence', DK],
      ['Is the whole sentence finished', DK],
      ['a felony, a misdemeanor', DK],
      ['How old were you', `?${ENTER}`],
      ['When were you arrested', `?${ENTER}`],
      ['When did the case end', `?${ENTER}`],
      ['law section', `?${ENTER}`],
      ['What class', DK],
      ['When did the whole sentence end', `?${ENTER}`],
      ['another case or charge', DOWN + ENTER],
      ['in prison or jail right now', UP + ENTER],
      ['Is everything right', ENTER],
      ['not legal advice', ''],
      ['one-page summary', ENTER], // the offer of a handout: Enter is "No, thanks"
    ]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(0);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Case 1 · How it ended: I don't know/);
    expect(flat).toMatch(/\? Expungement: needs a lawyer's look, because:/);
    expect(flat).toMatch(/Where to look: the disposition on the court docket or your rap sheet/);
  });

  test('Spanish from the language question', () => {
    const r = drive(['screen', '--as-of', '2026-11-28'], [
      ['Language / Idioma', DOWN + ENTER],
      ['¿En qué estado vive', 'illinois'],
      ['Illinois \\(IL\\)', ENTER],
      ['código postal', ENTER],
      ['¿En qué estado fue este caso', ENTER],
      ['¿Por qué fue', 'marihuana'],
      ['Cannabis \\(marihuana\\): tenerla', ENTER],
      ['¿Cómo terminó', DOWN + ENTER], // desestimado
      ['¿Qué tipo de tribunal', ENTER], // estatal
      ['¿Cuándo lo arrestaron', `marzo 2018${ENTER}`],
      ['¿Qué edad tenía', `30${ENTER}`],
      ['¿Cuánto cannabis', `20 gramos${ENTER}`],
      ['grave porque', UP + ENTER],
      ['violento', UP + ENTER],
      ['¿Hay otro caso', DOWN + ENTER],
      ['¿Está todo bien', ENTER],
      ['no asesoría legal', ''],
      ['resumen de una página', ENTER],
    ]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(0);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Sus resultados/);
    expect(flat).toMatch(/✔ Eliminación \(expungement\): puede pasar automáticamente/);
    expect(flat).toMatch(/Cómo verificar:/);
    expect(flat).toMatch(/usted puede votar/);
  });

  test('asked less: a cannabis arrest by someone who does not know their age is not asked what only the age-bound route reads', () => {
    // Issue 22: whether the charge was made more serious, or tied to a violent crime, matters only to
    // the automatic expungement of adult arrests; with the age unknown no answer to them changes a
    // result, so they are not asked, and the results do not name them.
    const r = drive(['--lang', 'en', 'screen', '--as-of', '2026-11-28'], [
      ...start,
      ['What was it for', 'weed'],
      ['Cannabis \\(marijuana\\): having it', ENTER],
      ['How did it end', DOWN + DOWN + DOWN + ENTER], // Arrested, but never charged
      ['When were you arrested', `March 2017${ENTER}`],
      ['How old were you', `?${ENTER}`],
      ['How much cannabis', `1 oz${ENTER}`],
      ['another case or charge', DOWN + ENTER],
      ['Is everything right', ENTER],
      ['not legal advice', ''],
      ['one-page summary', ENTER],
    ]);
    expect(r.failed).toBeNull();
    expect(r.code).toBe(0);
    expect(r.output).not.toMatch(/made more serious|violent crime/);
    const flat = r.output.replace(/\s+/g, ' ');
    expect(flat).toMatch(/✔ Expungement: may apply now/);
    expect(flat).toMatch(/automatic expungement of minor cannabis arrest records .*needs a closer look\. We need to know: age at the time\./);
  });

  test('at the end it offers a take-home summary; accepted, it writes the page (0600), and no calendar when no date lies ahead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-pty-handout-'));
    const file = join(dir, 'my summary.html');
    const r = drive(['--lang', 'en', 'screen', '--as-of', '2026-11-28'], [
      ...start,
      ['What was it for', 'weed'],
      ['Cannabis \\(marijuana\\): having it', ENTER],
      ['How did it end', DOWN + DOWN + DOWN + ENTER],
      ['When were you arrested', `March 2017${ENTER}`],
      ['How old were you', `25${ENTER}`],
      ['How much cannabis', `1 oz${ENTER}`],
      ['made more serious', UP + ENTER],
      ['violent crime', UP + ENTER],
      ['another case or charge', DOWN + ENTER],
      ['Is everything right', ENTER],
      ['not legal advice', ''],
      ['one-page summary', DOWN + ENTER],
      ['File name for the summary', `${file}${ENTER}`],
      ['Printable summary written to', ''],
    ]);
    try {
      expect(r.failed).toBeNull();
      expect(r.code).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const page = readFileSync(file, 'utf8');
      expect(page).toMatch(/Expungement: May happen automatically/);
      expect(page).toMatch(/not legal advice/);
      // nothing else was written beside it (no date lies ahead for this person)
      expect(readdirSync(dir)).toEqual(['my summary.html']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Ctrl-C at a question: exit 130, one-line goodbye, no stack trace', () => {
    const r = drive(['--lang', 'en', 'screen', '--save-answers', '/tmp/fairshot-pty-never.json'], [
      ['Which state do you live in', 'illinois'],
      ['Illinois \\(IL\\)', ENTER],
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
