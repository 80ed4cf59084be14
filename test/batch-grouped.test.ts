/**
 * `fairshot batch FILE.csv --output OUT` reads a file whose rows are grouped by person as they come
 * (issue 21: "rows that arrive grouped are screened as they come"), with no temporary files; rows
 * scattered among the first ones go to the external sort in the same run; a person's rows found
 * apart later mean reading the file again through the sort (a note says so). In every case the
 * output is byte for byte that of the sort (standard output, which always sorts). Run as the built
 * binary; FAIRSHOT_SORT_BUFFER_BYTES makes the sort spill to disk even for small files, and a
 * system temporary folder that does not exist makes any spill fail: a run that passes with it wrote
 * no temporary file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'fairshot.js');
const AS_OF = '2026-11-28';
let tmp: string;
let sysTmp: string;
let grouped: string;
let shuffled: string;
let late: string;
let lastAlone: string;

function batch(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'batch', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', TMPDIR: sysTmp, FAIRSHOT_SORT_BUFFER_BYTES: '20000', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const base = ['--as-of', AS_OF, '--format', 'csv', '--no-clinics', '--jobs', '0'];
/** Through the sort, as before: the results on standard output. */
const sorted = (file: string, env: Record<string, string> = {}) => batch([file, ...base, '--quiet'], env);
/** Into a file: read as the rows come while they are grouped. */
function toFile(file: string, env: Record<string, string> = {}, extra: string[] = []) {
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}.csv`);
  const r = batch([file, ...base, '--output', out, ...extra], env);
  return { ...r, text: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}
/** The messages a run prints, without its timing. */
const messages = (stderr: string) => stderr.split('\n').filter((l) => l !== '' && !/^Done:| in [\d.]+ s /.test(l));

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fairshot-grouped-test-'));
  sysTmp = join(tmp, 'sys-tmp');
  execFileSync('mkdir', [sysTmp]);
  grouped = join(tmp, 'grouped.csv');
  shuffled = join(tmp, 'shuffled.csv');
  execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', '3000', '--format', 'csv', '--out', grouped]);
  execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', '3000', '--format', 'csv', '--shuffle', '--out', shuffled]);
  const [head, ...rows] = readFileSync(grouped, 'utf8').trim().split('\n');
  // one person's second row moved to the very end: grouped until the last row
  const ids = rows.map((r) => r.split(',')[0]);
  const i = ids.findIndex((id, k) => k > 100 && ids[k + 1] === id);
  late = join(tmp, 'late.csv');
  writeFileSync(late, [head, ...rows.slice(0, i + 1), ...rows.slice(i + 2), rows[i + 1]].join('\n') + '\n');
  // a new one-row person on the last row
  lastAlone = join(tmp, 'last-alone.csv');
  writeFileSync(lastAlone, [head, ...rows, `ZZZ-LAST,IL,60601,1980-01-01,,,,,,2001CR1,state,possession of cannabis,720 ILCS 550/4,cannabis_possession,misdemeanor,Class C,dismissed,2001-05-01,,,,,,,`].join('\n') + '\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('batch: a CSV file whose rows are grouped is read as they come', () => {
  it('grouped rows: the output of the sort, byte for byte, and no temporary file (a missing system temp folder is never needed)', () => {
    const reference = sorted(grouped);
    expect(reference.code).toBe(0);
    const noTmp = { TMPDIR: join(tmp, 'no-such-folder') };
    // the sort cannot run without its folder: the reference run fails there
    expect(sorted(grouped, noTmp).code).toBe(1);
    const r = toFile(grouped, noTmp);
    expect(r.code).toBe(0);
    expect(r.text).toBe(reference.stdout);
    expect(r.stderr).not.toMatch(/note:|error/);
    // --sorted says the same
    expect(toFile(grouped, noTmp, ['--sorted']).text).toBe(reference.stdout);
  });

  it('a file of more persons than reading as it comes may remember goes through the sort (its memory does not grow with the file)', () => {
    const reference = sorted(grouped);
    const noTmp = { TMPDIR: join(tmp, 'no-such-folder') };
    // ~1,400 persons, told from the first 50 rows and the file's size
    const few = { FAIRSHOT_SPECULATE_ROWS: '50', FAIRSHOT_SPECULATE_MAX_PERSONS: '1000' };
    // over the limit: the sort, which cannot run without its folder
    expect(toFile(grouped, { ...noTmp, ...few }).code).toBe(1);
    const big = toFile(grouped, few);
    expect(big.code).toBe(0);
    expect(big.text).toBe(reference.stdout);
    expect(big.stderr).not.toMatch(/note:/);
    // under it: read as it comes, no folder needed
    const under = toFile(grouped, { ...noTmp, ...few, FAIRSHOT_SPECULATE_MAX_PERSONS: '2000' });
    expect(under.code).toBe(0);
    expect(under.text).toBe(reference.stdout);
  });

  it('a single person at the end, on one row: the output of the sort', () => {
    const reference = sorted(lastAlone);
    const r = toFile(lastAlone, { TMPDIR: join(tmp, 'no-such-folder') });
    expect(r.code).toBe(reference.code);
    expect(r.text).toBe(reference.stdout);
    expect(r.text!.trim().split('\n').at(-1)).toMatch(/^ZZZ-LAST,/);
  });

  it('scattered rows: found among the first rows, sorted in the same run (no note), the output of the sort', () => {
    const reference = sorted(shuffled);
    expect(reference.code).toBe(0);
    const r = toFile(shuffled);
    expect(r.code).toBe(0);
    expect(r.text).toBe(reference.stdout);
    expect(r.stderr).not.toMatch(/note:/);
    // the sort was needed: without its folder the run fails
    expect(toFile(shuffled, { TMPDIR: join(tmp, 'no-such-folder') }).code).toBe(1);
  });

  it('a person apart further on: the file is read again through the sort, with a note, and the output of the sort', () => {
    const reference = sorted(late);
    const r = toFile(late, { FAIRSHOT_SPECULATE_ROWS: '50' });
    expect(r.code).toBe(reference.code);
    expect(r.text).toBe(reference.stdout);
    expect(r.stderr).toMatch(/note: the rows of person "[^"]+" are not together \(row \d+\): grouping the rows by person first, reading .*late\.csv again/);
    // in Spanish too
    const es = toFile(late, { FAIRSHOT_SPECULATE_ROWS: '50' }, ['--lang', 'es']);
    expect(es.stderr).toMatch(/nota: las filas de la persona "[^"]+" no están juntas \(fila \d+\): se agrupan primero las filas por persona y se vuelve a leer .*late\.csv/);
    expect(es.text).toBe(batch([late, ...base, '--quiet', '--lang', 'es']).stdout);
  });

  it('what the first reading said about persons met before their other rows is not shown', () => {
    // scattered rows past the rows held at the start: the first reading screens persons with a
    // part of their rows (their state on another row: "missing" errors), and is dropped
    const env = { FAIRSHOT_SPECULATE_ROWS: '5' };
    const reference = batch([shuffled, ...base, '--output', join(tmp, 'ref.csv')], { ...env, FAIRSHOT_SPECULATE_ROWS: '1000000' });
    const r = toFile(shuffled, env);
    expect(r.stderr).toMatch(/note: the rows of person/);
    expect(messages(r.stderr).filter((l) => !l.startsWith('note:'))).toEqual(messages(reference.stderr));
    expect(r.code).toBe(reference.code);
    expect(r.text).toBe(readFileSync(join(tmp, 'ref.csv'), 'utf8'));
  });

  it('standard input and standard output still go through the sort', () => {
    const noTmp = { TMPDIR: join(tmp, 'no-such-folder') };
    expect(batch([grouped, ...base, '--quiet'], noTmp).code).toBe(1);
    const piped = spawnSync(process.execPath, [BIN, 'batch', '-', '--input-format', 'csv', ...base, '--output', join(tmp, 'piped.csv'), '--quiet'], {
      cwd: ROOT,
      input: readFileSync(grouped, 'utf8'),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FAIRSHOT_SORT_BUFFER_BYTES: '20000', ...noTmp },
    });
    expect(piped.status).toBe(1);
  });
});
