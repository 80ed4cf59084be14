/**
 * Broken rule files, as a rule author would break them: `fairshot rules validate` (the built
 * binary) names file:line:col, suggests the nearest name, exits 1, and never prints a stack trace.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fairshot } from './helpers/cli.js';
import { RULES_DIR } from './helpers/rules.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A copy of the real rules with one file edited; returns the folder. */
function broken(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairshot-rules-'));
  made.push(dir);
  cpSync(RULES_DIR, join(dir, 'rules'), { recursive: true });
  const path = join(dir, 'rules', file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return dir;
}

function validate(dir: string) {
  const r = fairshot(['--rules', 'rules', 'rules', 'validate'], { cwd: dir });
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // no stack trace
  return r;
}

/** The line number (1-based) of the first line containing `needle`. */
function lineOf(dir: string, file: string, needle: string): number {
  return readFileSync(join(dir, 'rules', file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('rules validate on broken rule files', () => {
  it('passes on the real rules', () => {
    const r = fairshot(['rules', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✔ .*0 errors/);
  });

  it('names an unknown fact with file:line:col and the nearest valid name', () => {
    const dir = broken('IL/cannabis.yaml', (t) => t.replace('{fact: cannabis_grams, lte: 30}', '{fact: cannabis_gram, lte: 30}'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    const line = lineOf(dir, 'IL/cannabis.yaml', 'cannabis_gram,');
    expect(r.stdout).toMatch(new RegExp(`rules/IL/cannabis\\.yaml:${line}:\\d+ unknown fact "cannabis_gram" — did you mean "cannabis_grams"\\?`));
  });

  it('catches a mistyped key', () => {
    const dir = broken('IL/expungement.yaml', (t) => t.replace('    exclusions:\n', '    exclusion:\n'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rules\/IL\/expungement\.yaml:\d+:\d+ unknown key "exclusion" — did you mean "exclusions"\?/);
  });

  it('catches a wrong type', () => {
    const dir = broken('IL/voting.yaml', (t) => t.replace('review: confirmed', 'review: 3'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rules\/IL\/voting\.yaml:\d+:\d+ .*"3" is not allowed here/);
  });

  it('catches a condition on a fact of the wrong type', () => {
    const dir = broken('IL/expungement.yaml', (t) => t.replace('{fact: disposition, in: [not_charged, dismissed, acquitted]}', '{fact: disposition, lte: 3}'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/"lte" compares numbers, but "disposition" is a enum/);
  });

  it('suggests the nearest enum value', () => {
    const dir = broken('IL/expungement.yaml', (t) => t.replace('{fact: disposition, in: [not_charged, dismissed, acquitted]}', '{fact: disposition, in: [not_charged, dismised, acquitted]}'));
    const r = validate(dir);
    expect(r.stdout).toMatch(/"dismised" is not a value of "disposition" — did you mean "dismissed"\?/);
  });

  it('catches an impossible date', () => {
    const dir = broken('IL/voting.yaml', (t) => t.replace(/last_reviewed: \d{4}-\d{2}-\d{2}/, 'last_reviewed: 2026-02-30'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    const line = lineOf(dir, 'IL/voting.yaml', '2026-02-30');
    expect(r.stdout).toMatch(new RegExp(`rules/IL/voting\\.yaml:${line}:\\d+ "2026-02-30" is not a real date`));
  });

  it('catches two versions of a rule in force at once', () => {
    const dir = broken('IL/sealing.yaml', (t) => t.replace('effective: {from: 2026-06-01, enacted_by: P.A. 104-0459}', 'effective: {from: 2026-05-01, enacted_by: P.A. 104-0459}'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rule IL\.conviction-sealing already has a version in force during this period/);
  });

  it('catches a duplicate key', () => {
    const dir = broken('IL/voting.yaml', (t) => t.replace('  review: confirmed\n', '  review: confirmed\n  review: unconfirmed\n'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rules\/IL\/voting\.yaml:\d+:\d+ Map keys must be unique/);
  });

  it('warns about a choice a person is asked without words for its values (it would show its English id)', () => {
    const dir = broken('PA/relief.yaml', (t) => t.replace('      summary: {en: "S (summary offense)", es: "S (delito sumario)"}\n', ''));
    const r = validate(dir);
    expect(r.code).toBe(0); // a warning
    expect(r.stdout).toMatch(/rules\/PA\/relief\.yaml:\d+:\d+ .*enum fact "pa_grade" is asked, so give each value words \(value_words: \{en, es\}\); none for: summary/);
  });

  it('refuses a YAML alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const dir = broken('IL/voting.yaml', (t) => `${bomb.join('\n')}\n${t}`);
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/rules\/IL\/voting\.yaml:1:1 cannot be read: .*alias/i);
  });

  it('an exception must override an exclusion of the same rule', () => {
    const dir = broken('IL/sealing.yaml', (t) => t.replace('overrides: [reckless_driving]', 'overrides: [reckless_drivng]'));
    const r = validate(dir);
    expect(r.stdout).toMatch(/"reckless_drivng" is not an exclusion of this rule — did you mean "reckless_driving"\?/);
  });

  it('check refuses to screen with broken rules: exit 1, the error on stderr, nothing on stdout', () => {
    const dir = broken('IL/cannabis.yaml', (t) => t.replace('{fact: cannabis_grams, lte: 30}', '{fact: cannabis_gram, lte: 30}'));
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ id: 'p', state: 'IL', charges: [] }));
    const r = fairshot(['--rules', 'rules', 'check', 'p.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/rules\/IL\/cannabis\.yaml:\d+:\d+ unknown fact "cannabis_gram"/);
  });

  it('validates a single file given on the command line', () => {
    const dir = broken('IL/cannabis.yaml', (t) => t.replace('{fact: cannabis_grams, lte: 30}', '{fact: cannabis_gram, lte: 30}'));
    const r = fairshot(['--rules', 'rules', 'rules', 'validate', 'rules/IL/cannabis.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cannabis\.yaml:\d+:\d+ unknown fact/);
    const ok = fairshot(['--rules', 'rules', 'rules', 'validate', 'rules/IL/voting.yaml'], { cwd: dir });
    expect(ok.code).toBe(0);
  });

  it('a derive: block must make what its type says, from a date fact, with known facts in where', () => {
    const add = (fact: string) => (t: string) => t.replace('\nfacts:\n', `\nfacts:\n${fact}`);
    const good = `  il_test_last_end:\n    level: derived\n    type: date\n    label: x\n    derive: {over: record, where: {fact: disposition, eq: convicted}, latest: sentence_end}\n`;
    expect(validate(broken('IL/jurisdiction.yaml', add(good))).code).toBe(0);
    const wrongType = good.replace('type: date', 'type: number');
    let r = validate(broken('IL/jurisdiction.yaml', add(wrongType)));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/jurisdiction\.yaml:\d+:\d+ "il_test_last_end" is a number, but latest makes a date/);
    r = validate(broken('IL/jurisdiction.yaml', add(good.replace('latest: sentence_end', 'latest: category'))));
    expect(r.stdout).toMatch(/"category" is a enum, not a date|"category" is an? enum, not a date/);
    r = validate(broken('IL/jurisdiction.yaml', add(good.replace('fact: disposition,', 'fact: dispositon,'))));
    expect(r.stdout).toMatch(/unknown fact "dispositon" — did you mean "disposition"\?/);
  });

  it('an open question written as plain text is read, and never leaves its file out without a word', () => {
    const before = fairshot(['rules', 'validate']).stdout.match(/(\d+) rules/)![1];
    const dir = broken('IL/expungement.yaml', (t) => t.replace(/\{open_question: \{en: "([^"]*)", es: "[^"]*"\}\}/, '{open_question: "$1"}'));
    const r = validate(dir);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/(\d+) rules/)![1]).toBe(before);
  });
});
