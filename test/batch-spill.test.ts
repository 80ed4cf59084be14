/**
 * `fairshot batch` on CSV whose rows are not declared sorted: grouped by an external sort whose
 * run files live in a private temporary folder (src/io/spill-sort.ts). Run as the built binary,
 * with a tiny sort buffer (FAIRSHOT_SORT_BUFFER_BYTES) so that even small files spill to disk.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'fairshot.js');
const AS_OF = '2026-11-28';
let tmp: string;
let sortTmp: string;
let sorted: string;
let shuffled: string;

function batch(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, 'batch', ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', TMPDIR: sortTmp, FAIRSHOT_SORT_BUFFER_BYTES: '20000', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const base = ['--as-of', AS_OF, '--format', 'csv', '--no-clinics', '--jobs', '0', '--quiet'];

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fairshot-spill-test-'));
  sortTmp = join(tmp, 'sys-tmp');
  execFileSync('mkdir', [sortTmp]);
  sorted = join(tmp, 'sorted.csv');
  shuffled = join(tmp, 'shuffled.csv');
  execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', '3000', '--format', 'csv', '--out', sorted]);
  execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', '3000', '--format', 'csv', '--shuffle', '--out', shuffled]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The output records keyed by id (the CSV output's first column), in output order. */
const byId = (csv: string) => {
  const lines = csv.trim().split('\n');
  return lines.slice(1).sort().join('\n');
};

describe('batch: CSV rows in any order, bounded memory', () => {
  it('a shuffled CSV gives the same results as the sorted one, and the default equals --sorted on grouped rows', () => {
    const promised = batch([sorted, '--sorted', ...base]);
    expect(promised.code).toBe(0);
    const grouped = batch([sorted, ...base]);
    expect(grouped.code).toBe(0);
    expect(grouped.stdout).toBe(promised.stdout); // byte for byte: grouped rows keep their order
    // the shuffled rows put back together by id (a stable sort: each person's charges keep the
    // shuffled file's order, so charge numbers match), read with --sorted
    const [head, ...rows] = readFileSync(shuffled, 'utf8').trim().split('\n');
    const regrouped = join(tmp, 'regrouped.csv');
    const idOf = (r: string) => r.slice(0, r.indexOf(','));
    writeFileSync(regrouped, [head, ...rows.map((r, i) => [r, i] as const).sort((a, b) => (idOf(a[0]) < idOf(b[0]) ? -1 : idOf(a[0]) > idOf(b[0]) ? 1 : a[1] - b[1])).map((x) => x[0])].join('\n') + '\n');
    const reference = batch([regrouped, '--sorted', ...base]);
    expect(reference.code).toBe(0);
    const scattered = batch([shuffled, ...base]);
    expect(scattered.code).toBe(0);
    expect(scattered.stdout).not.toBe(reference.stdout); // persons in another order (first rows)...
    expect(byId(scattered.stdout)).toBe(byId(reference.stdout)); // ...with the same results
    // standard input too, the same bytes as the file
    const piped = batch(['-', '--input-format', 'csv', ...base], { input: readFileSync(shuffled, 'utf8') });
    expect(piped.stdout).toBe(scattered.stdout);
    expect(readdirSync(sortTmp)).toEqual([]); // the run files are gone after success
  }, 120000);

  it('persons come out in the order of their first rows, a one-row person at the very end included', () => {
    const csv = join(tmp, 'scattered.csv');
    const rows = ['id,state,birth_date,offense,level,disposition,disposition_date'];
    for (let i = 0; i < 400; i++) rows.push(`p${i % 7},IL,1990-01-01,retail theft,misdemeanor,dismissed,2015-0${1 + (i % 9)}-01`);
    rows.push('last,IL,1980-05-05,retail theft,misdemeanor,dismissed,2010-01-01');
    writeFileSync(csv, rows.join('\n') + '\n');
    const r = batch([csv, '--as-of', AS_OF, '--format', 'jsonl', '--no-clinics', '--jobs', '0', '--quiet']);
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; charges?: unknown[] });
    expect(out.map((o) => o.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'last']);
    const promised = batch([csv, '--sorted', '--as-of', AS_OF, '--format', 'jsonl', '--no-clinics', '--jobs', '0']);
    expect(promised.code).toBe(1); // --sorted keeps its meaning: split persons are errors there
    expect(promised.stderr).toMatch(/not together/);
    expect(readdirSync(sortTmp)).toEqual([]);
  }, 60000);

  it('removes the run files when the run stops early (--strict at a bad row) and after a row error', () => {
    const csv = join(tmp, 'bad.csv');
    const text = readFileSync(shuffled, 'utf8').split('\n');
    text.splice(2000, 0, ',IL,,,,,'); // a row without an id
    writeFileSync(csv, text.join('\n'));
    const strict = batch([csv, '--strict', ...base]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict/);
    expect(readdirSync(sortTmp)).toEqual([]);
    const all = batch([csv, ...base]);
    expect(all.code).toBe(1);
    expect(readdirSync(sortTmp)).toEqual([]);
  }, 60000);

  it('--tmp-dir is used (a private folder, files only the user can read) and emptied after Ctrl-C', async () => {
    const dir = join(tmp, 'mine');
    execFileSync('mkdir', [dir]);
    const child = spawn(process.execPath, [BIN, 'batch', '-', '--input-format', 'csv', '--tmp-dir', dir, ...base], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', TMPDIR: sortTmp, FAIRSHOT_SORT_BUFFER_BYTES: '20000' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    child.stdin.on('error', () => {}); // the pipe closes when it stops
    // more rows than the buffer holds, then the pipe stays open: the run waits for the rest
    child.stdin.write(readFileSync(shuffled, 'utf8'));
    let seen: string[] = [];
    for (let i = 0; i < 200 && seen.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = readdirSync(dir);
    }
    expect(seen.length).toBe(1);
    const sub = join(dir, seen[0]!);
    expect(statSync(sub).mode & 0o777).toBe(0o700);
    const files = readdirSync(sub);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(statSync(join(sub, f)).mode & 0o777).toBe(0o600);
    expect(readdirSync(sortTmp)).toEqual([]); // not in the system temp folder
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/Cancelled/);
    expect(readdirSync(dir)).toEqual([]);
  }, 60000);

  it('an unusable --tmp-dir is an input error (exit 1) before any work', () => {
    const missing = batch([shuffled, '--tmp-dir', join(tmp, 'no-such-folder'), ...base]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--tmp-dir .*no-such-folder: cannot write temporary files there/);
    expect(missing.stdout).toBe('');
    const file = batch([shuffled, '--tmp-dir', sorted, ...base]);
    expect(file.code).toBe(1);
    expect(file.stderr).toMatch(/cannot write temporary files there/);
  }, 60000);
});
