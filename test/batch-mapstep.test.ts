/**
 * Issue 21: `fairshot batch` as the map step of a bigger pipeline. The recipe of docs/batch.md
 * ("Recipe: split one big file by person") is taken from the doc as written and run with the
 * built binary on PATH; its merged output must be byte for byte one run's. Also: temporary files
 * removed after SIGTERM (the Ctrl-C and error cases are in test/batch-spill.test.ts).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, fairshot } from './helpers/cli.js';

const ROOT = resolve(__dirname, '..');
const AS_OF = '2026-11-28';
let tmp: string;
let binDir: string;

/** The shell block of docs/batch.md under `<!-- map-step recipe: KIND -->`. */
function recipe(kind: 'csv' | 'jsonl'): string {
  const doc = readFileSync(join(ROOT, 'docs', 'batch.md'), 'utf8');
  const start = doc.indexOf(`<!-- map-step recipe: ${kind} -->`);
  expect(start).toBeGreaterThan(0);
  const block = /```sh\n([\s\S]*?)```/.exec(doc.slice(start))!;
  return block[1]!;
}

/** Run a recipe in its own folder, with `fairshot` (the built binary) on PATH. */
function runRecipe(kind: 'csv' | 'jsonl', input: string, vars: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, `run-${kind}-`));
  const r = spawnSync('sh', ['-e', '-c', recipe(kind)], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120000,
    env: { ...process.env, NO_COLOR: '1', PATH: `${binDir}:${process.env.PATH}`, IN: input, DAY: AS_OF, JOBS: '2', ...vars },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  // more than one shard, or the test proves nothing
  expect(readdirSync(join(dir, 'shards')).filter((f) => f.endsWith('.out')).length).toBeGreaterThan(2);
  return readFileSync(join(dir, kind === 'csv' ? 'results.csv' : 'results.jsonl'), 'utf8');
}

/** One run over the whole file, written to a file (its output is larger than a pipe buffer). */
function oneRun(input: string, args: string[]): string {
  const out = `${input}.one`;
  const r = fairshot(['batch', input, ...args, '--as-of', AS_OF, '--quiet', '--output', out], { timeout: 120000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return readFileSync(out, 'utf8');
}

/** Equal, byte for byte; on a difference, the first line that differs (not megabytes of diff). */
function expectSame(merged: string, one: string) {
  if (merged === one) return;
  const a = merged.split('\n');
  const b = one.split('\n');
  const i = a.findIndex((l, k) => l !== b[k]);
  expect({ line: i + 1, lines: a.length, merged: a[i]?.slice(0, 300) }).toEqual({ line: i + 1, lines: b.length, merged: b[i]?.slice(0, 300) });
}

function gen(file: string, extra: string[]) {
  execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', '1500', '--seed', '11', '--out', file, ...extra]);
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fairshot-mapstep-test-'));
  binDir = join(tmp, 'bin');
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'fairshot'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(binDir, 'fairshot'), 0o755);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('batch: the map-step recipe of docs/batch.md (issue 21)', () => {
  for (const order of ['grouped', 'scattered'] as const) {
    it(`I21 CSV with rows ${order}: split by person, run per shard, merged = one run, byte for byte`, () => {
      const input = join(tmp, `${order}.csv`);
      gen(input, order === 'scattered' ? ['--shuffle'] : []);
      const one = oneRun(input, ['--format', 'csv']);
      expect(one.split('\n').length).toBeGreaterThan(1000);
      expectSame(runRecipe('csv', input, { N: '150' }), one);
    }, 180000);
  }

  it('I21 JSONL: split by lines, run per shard, joined = one run, byte for byte', () => {
    const input = join(tmp, 'people.jsonl');
    gen(input, ['--format', 'jsonl']);
    const one = oneRun(input, ['--format', 'jsonl']);
    expectSame(runRecipe('jsonl', input, { PARTS: '4' }), one);
  }, 180000);
});

describe('batch: temporary files after SIGTERM (issue 21)', () => {
  it('I21 a run stopped by SIGTERM while sorting leaves no run files behind (exit 143)', async () => {
    const sysTmp = join(tmp, 'sys-tmp');
    mkdirSync(sysTmp);
    const input = join(tmp, 'term.csv');
    gen(input, ['--shuffle']);
    const child = spawn(process.execPath, [BIN, 'batch', '-', '--input-format', 'csv', '--format', 'csv', '--as-of', AS_OF, '--quiet', '--no-clinics', '--jobs', '0'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', TMPDIR: sysTmp, FAIRSHOT_SORT_BUFFER_BYTES: '20000' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdout.resume();
    child.stderr.resume();
    child.stdin.on('error', () => {});
    // more rows than the sort buffer holds, and the pipe stays open: run files are on disk
    child.stdin.write(readFileSync(input, 'utf8'));
    let files: string[] = [];
    for (let i = 0; i < 200 && files.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const dirs = readdirSync(sysTmp);
      files = dirs.flatMap((d) => readdirSync(join(sysTmp, d)));
    }
    expect(files.length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(readdirSync(sysTmp)).toEqual([]);
  }, 60000);
});

describe('batch: a grouped file whose first person comes back in the last row (issue 21)', () => {
  it('I21 the default run still gives that person every charge, as --sorted does on the regrouped file', () => {
    const input = join(tmp, 'grouped.csv');
    gen(input, []);
    const [head, ...rows] = readFileSync(input, 'utf8').trim().split('\n');
    const first = rows[0]!.slice(0, rows[0]!.indexOf(','));
    const mine = rows.filter((r) => r.startsWith(`${first},`));
    const others = rows.filter((r) => !r.startsWith(`${first},`));
    // one more charge of the first person, alone at the very end of the file
    const extra = `${first},${mine[0]!.split(',').slice(1, 9).map(() => '').join(',')},${mine[0]!.split(',').slice(9).join(',')}`;
    const late = join(tmp, 'late.csv');
    writeFileSync(late, [head, ...mine, ...others, extra].join('\n') + '\n');
    const regrouped = join(tmp, 'regrouped.csv');
    writeFileSync(regrouped, [head, ...mine, extra, ...others].join('\n') + '\n');
    const args = ['--format', 'jsonl', '--jobs', '0', '--no-clinics'];
    const reference = oneRun(regrouped, ['--sorted', ...args]);
    const got = oneRun(late, args);
    expect(JSON.parse(got.slice(0, got.indexOf('\n'))).charges.length).toBe(mine.length + 1);
    expectSame(got, reference);
  }, 120000);
});
