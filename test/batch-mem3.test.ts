/**
 * Issue 21, memory of the default batch run (third session): CSV rows are grouped by person in two
 * passes of the external sort (src/io/spill-sort.ts, PersonSorter), with no table of each person's
 * first row, so the reader's memory does not grow with the number of persons; the output is the
 * same as before, persons in the order of their first rows.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecords } from '../src/io/read-records.js';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'fairshot.js');
let tmp: string;
let sortTmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fairshot-mem3-test-'));
  sortTmp = join(tmp, 'sys-tmp');
  execFileSync('mkdir', [sortTmp]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function batch(args: string[], sortBuffer?: string) {
  const r = spawnSync(process.execPath, [BIN, 'batch', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', TMPDIR: sortTmp, ...(sortBuffer ? { FAIRSHOT_SORT_BUFFER_BYTES: sortBuffer } : {}) },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const base = ['--as-of', '2026-11-28', '--format', 'jsonl', '--no-clinics', '--jobs', '0', '--quiet'];

describe('batch: persons grouped without a per-person table (issue 21)', () => {
  it("the reader's memory does not grow with the number of persons (1.2 million one-row persons)", async () => {
    // 1,200,000 ids: a table of first rows at load <= 0.5 took 2^22 slots of 16 bytes (64 MB; 134
    // MB for the 3.8 million persons of 10M charges); the sorter's buffers are ~30 MB whatever the
    // number of persons
    const N = 1_200_000;
    let i = 0;
    const rows = Readable.from(
      (function* () {
        yield 'id,state\n';
        while (i < N) {
          let chunk = '';
          for (let k = 0; k < 10_000 && i < N; k++, i++) chunk += `p${(i * 7919) % N},IL\n`;
          yield chunk;
        }
      })(),
    );
    let peak = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.arrayBuffers);
    };
    const before = process.memoryUsage().arrayBuffers;
    let persons = 0;
    let atFirst = 0;
    for await (const rec of readRecords(rows, 'csv', { tmpDir: sortTmp, onGrouping: sample })) {
      // the row buffer and arrays (22 MB) go when the merge starts (by a few minor collections
      // later), not at some full collection
      if (persons === 100_000) atFirst = process.memoryUsage().arrayBuffers;
      if (++persons % 10_000 === 0) sample();
      expect(rec.problem).toBeUndefined();
    }
    expect(persons).toBe(N);
    expect((peak - before) / 1048576).toBeLessThan(60);
    expect((atFirst - before) / 1048576).toBeLessThan(8);
    expect(readdirSync(sortTmp)).toEqual([]); // both passes' run files are gone
  }, 240000);

  it('rows scattered over many spill runs: the same output as the in-memory sort and as --sorted on regrouped rows', () => {
    // persons whose rows are far apart (the first person's last row is the file's last row), a
    // row with an unreadable quote and a row without an id in between
    const head = 'id,state,birth_date,offense,level,disposition,disposition_date';
    const rows: string[] = [];
    for (let i = 0; i < 600; i++) rows.push(`p${(i * 37) % 53},IL,1990-01-01,retail theft,misdemeanor,${i % 3 ? 'dismissed' : 'convicted'},20${10 + (i % 9)}-0${1 + (i % 9)}-01`);
    rows.splice(200, 0, ',IL,1990-01-01,battery,misdemeanor,dismissed,2012-01-01');
    rows.push('p0,IL,1990-01-01,battery,misdemeanor,convicted,2019-03-01');
    const scattered = join(tmp, 'scattered.csv');
    writeFileSync(scattered, [head, ...rows].join('\n') + '\n');
    const spilled = batch([scattered, ...base], '2000'); // dozens of run files in each pass
    const inMemory = batch([scattered, ...base]);
    expect(spilled.code).toBe(1); // the row without an id
    expect(spilled.stdout).toBe(inMemory.stdout);
    expect(spilled.stderr).toBe(inMemory.stderr);
    const out = spilled.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id?: string | null; charges?: unknown[] });
    // persons in the order of their first rows, each with all of its rows' charges
    const firstSeen = [...new Set(rows.map((r) => r.slice(0, r.indexOf(','))).filter((id) => id !== ''))];
    expect(out.map((p) => p.id).filter((id) => typeof id === 'string' && id !== '')).toEqual(firstSeen);
    expect(out[0]!.charges?.length).toBe(rows.filter((r) => r.startsWith('p0,')).length);
    // the same records as --sorted on the rows put together by id (row order kept within a person)
    const regrouped = join(tmp, 'regrouped.csv');
    writeFileSync(regrouped, [head, ...firstSeen.flatMap((id) => rows.filter((r) => r.startsWith(`${id},`)))].join('\n') + '\n');
    const promised = batch([regrouped, '--sorted', ...base]);
    expect(promised.code).toBe(0);
    const persons = (jsonl: string) => jsonl.split('\n').filter((l) => l.startsWith('{"id":"')).join('\n');
    expect(persons(spilled.stdout)).toBe(promised.stdout.trim()); // all but the row without an id
    expect(readdirSync(sortTmp)).toEqual([]);
  }, 240000);

  it("with a worker thread, the main thread's young generation stays at 8 MB (V8 grows it to 32 MB)", () => {
    // the built binary under a probe (node -r) that records the largest young generation the main
    // thread had; the worker threads have their own limit (resourceLimits)
    const probe = join(tmp, 'probe.cjs');
    const report = join(tmp, 'young.txt');
    writeFileSync(
      probe,
      `const v8 = require('node:v8');
      if (require('node:worker_threads').isMainThread) {
        let most = 0;
        const look = () => { most = Math.max(most, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); };
        setInterval(look, 5).unref();
        process.on('exit', () => { look(); require('node:fs').writeFileSync(${JSON.stringify(report)}, String(most)); });
      }`,
    );
    const csv = join(tmp, 'people.csv');
    execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', '20000', '--shuffle', '--out', csv]);
    const r = spawnSync(process.execPath, ['-r', probe, BIN, 'batch', csv, '--as-of', '2026-11-28', '--format', 'csv', '--jobs', '1', '--quiet', '--output', join(tmp, 'out.csv')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180000,
      env: { ...process.env, NO_COLOR: '1', TMPDIR: sortTmp },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const young = Number(readFileSync(report, 'utf8'));
    expect(young).toBeGreaterThan(0);
    expect(young).toBeLessThanOrEqual(8 * 1048576);
  }, 240000);
});

