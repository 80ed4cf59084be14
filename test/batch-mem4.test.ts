/**
 * Issue 21, memory of the default batch run (eleventh session), through the built binary:
 * - batches go to the worker as UTF-8 bytes, built line by line (never one string in either
 *   heap), at most ~BATCH_MAX_BYTES unless one person is larger; the output is the one-thread
 *   run's, byte for byte, with multi-byte text and a person larger than a batch;
 * - the main thread's old generation is collected every MAIN_OLD_SLACK_BYTES promoted, so it does
 *   not pile up the reader's garbage (V8 alone let it grow to two or three times its live size);
 *   its young generation stays at MAIN_YOUNG_CAP_BYTES (a worker starting no longer lets it grow);
 * - the screening worker's young generation starts at WORKER_SEMI_SPACE_MB (now on).
 * Each check reads the threads' heaps through a probe loaded with `node -r`, not through the code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_MAX_BYTES } from '../src/cli/commands/batch-run.js';
import { MAIN_OLD_SLACK_BYTES, MAIN_YOUNG_CAP_BYTES, WORKER_SEMI_SPACE_MB } from '../src/io/young-gen.js';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'fairshot.js');
const MB = 1048576;
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fairshot-mem4-test-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], probe?: string) {
  const r = spawnSync(process.execPath, [...(probe ? ['-r', probe] : []), BIN, 'batch', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * MB,
    timeout: 200000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', TMPDIR: tmp },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const generate = (charges: number, out: string) =>
  execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', String(charges), '--seed', '11', '--shuffle', '--out', out]);

describe('batch memory (issue 21, eleventh session)', () => {
  it('batches go to the worker as bytes of at most ~96 KB, and the output is the one-thread run’s (multi-byte text, a person larger than a batch)', () => {
    const gen = join(tmp, 'gen.csv');
    generate(3000, gen);
    const [head, ...rows] = readFileSync(gen, 'utf8').trim().split('\n');
    const cols = head!.split(',');
    const offense = cols.indexOf('offense');
    // multi-byte text in some ids and offenses: 2-, 3- and 4-byte UTF-8 (a line must not be cut
    // inside one)
    const text = rows.map((r, i) => {
      const cells = r.split(',');
      if (Number(cells[0]!.slice(1)) % 7 === 0) cells[0] = `${cells[0]}-ñ€😀`;
      if (i % 7 === 0) cells[offense] = `posesión «ñ» — ${'€'.repeat(i % 5)} 😀 ${cells[offense]}`;
      return cells.join(',');
    });
    // one person of 300 charges, far more than a batch's bytes, in the middle of the file: the
    // person's fields (state to registered_sex_offender) from one generated person's first row
    const first = rows.find((r) => r.split(',')[1] !== '')!.split(',');
    const personCols = cols.indexOf('case_number');
    const big = Array.from({ length: 300 }, (_, i) => {
      const cells = rows[i]!.split(',');
      cells[0] = 'BIG-ÑANDÚ';
      for (let c = 1; c < personCols; c++) cells[c] = i === 0 ? first[c]! : '';
      cells[offense] = `${'larga descripción '.repeat(12)}${i}`;
      return cells.join(',');
    });
    const csv = join(tmp, 'mixed.csv');
    writeFileSync(csv, [head, ...text.slice(0, 1500), ...big, ...text.slice(1500)].join('\n') + '\n');

    const probe = join(tmp, 'batches.cjs');
    const report = join(tmp, 'batches.json');
    writeFileSync(
      probe,
      `const wt = require('node:worker_threads');
      if (wt.isMainThread) {
        const seen = [];
        const post = wt.Worker.prototype.postMessage;
        wt.Worker.prototype.postMessage = function (m, t) {
          if (m && 'batch' in m) {
            const b = m.batch;
            const kind = b instanceof ArrayBuffer ? 'bytes' : typeof b;
            let lines = 0, last = 0;
            if (kind === 'bytes') {
              const u = new Uint8Array(b);
              lines = 1;
              for (let i = 0; i < u.length; i++) if (u[i] === 10) { lines++; last = i + 1; }
            }
            seen.push({ kind, bytes: kind === 'bytes' ? b.byteLength : b.length, lines, beforeLast: last });
          }
          return post.call(this, m, t);
        };
        process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(seen)));
      }`,
    );
    const args = [csv, '--as-of', '2026-11-28', '--format', 'jsonl', '--quiet'];
    const worker = run([...args, '--jobs', '1'], probe);
    const here = run([...args, '--jobs', '0']);
    expect(worker.code).toBe(0);
    expect(worker.stderr).toBe('');
    expect(worker.stdout).toBe(here.stdout);
    expect(here.stdout).toContain('-ñ€😀"');
    expect(here.stdout).toContain('"id":"BIG-ÑANDÚ"');

    const batches = JSON.parse(readFileSync(report, 'utf8')) as { kind: string; bytes: number; lines: number; beforeLast: number }[];
    expect(batches.length).toBeGreaterThan(5);
    expect(batches.every((b) => b.kind === 'bytes')).toBe(true);
    // a batch is cut once it reaches BATCH_MAX_BYTES: all but its last line come below it
    for (const b of batches) expect(b.beforeLast).toBeLessThan(BATCH_MAX_BYTES);
    // the big person's line, larger than a batch, ends one
    expect(batches.filter((b) => b.bytes - b.beforeLast > BATCH_MAX_BYTES)).toHaveLength(1);
    expect(batches.reduce((n, b) => n + b.lines, 0)).toBe(worker.stdout.trim().split('\n').length);
  }, 240000);

  it("the main thread's old generation is collected as it fills, its young generation stays at its cap, and the worker's starts large", () => {
    expect(WORKER_SEMI_SPACE_MB).toBeGreaterThanOrEqual(4);
    const csv = join(tmp, 'people.csv');
    generate(60000, csv);
    const probe = join(tmp, 'heaps.cjs');
    const report = (t: string) => join(tmp, `heaps-${t}.json`);
    writeFileSync(
      probe,
      `const v8 = require('node:v8');
      const wt = require('node:worker_threads');
      const tag = wt.isMainThread ? 'main' : 'worker';
      let old = 0, young = 0, majors = 0;
      const look = () => {
        let o = 0;
        for (const s of v8.getHeapSpaceStatistics()) {
          if (s.space_name === 'new_space') young = Math.max(young, s.space_size);
          if (s.space_name === 'old_space' || s.space_name === 'large_object_space') o += s.space_used_size;
        }
        old = Math.max(old, o);
      };
      setInterval(look, 5).unref();
      const { PerformanceObserver, constants } = require('node:perf_hooks');
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++; }).observe({ entryTypes: ['gc'] });
      const write = () => { look(); require('node:fs').writeFileSync(${JSON.stringify(join(tmp, 'heaps-'))} + tag + '.json', JSON.stringify({ old, young, majors })); };
      process.on('exit', write);
      if (!wt.isMainThread) setInterval(write, 200).unref();`,
    );
    const r = run([csv, '--as-of', '2026-11-28', '--format', 'csv', '--jobs', '1', '--quiet', '--output', join(tmp, 'out.csv')], probe);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const main = JSON.parse(readFileSync(report('main'), 'utf8')) as { old: number; young: number; majors: number };
    const worker = JSON.parse(readFileSync(report('worker'), 'utf8')) as { old: number; young: number };
    // the main thread's live old generation is ~12-16 MB (rules, modules, the sort's state); it is
    // collected once it holds MAIN_OLD_SLACK_BYTES more (V8 alone: ~35-55 MB on 60,000 charges)
    expect(main.majors).toBeGreaterThanOrEqual(3);
    expect(main.old).toBeLessThan(20 * MB + MAIN_OLD_SLACK_BYTES);
    // the main thread's young generation held at its cap: V8 put the growth factor back to 2 when
    // the worker's heap was set up, and then let it grow to 8-32 MB
    expect(main.young).toBeGreaterThan(0);
    expect(main.young).toBeLessThanOrEqual(MAIN_YOUNG_CAP_BYTES);
    // the worker's young generation: two semi-spaces of WORKER_SEMI_SPACE_MB (V8 alone: 2 x 1 MB)
    expect(worker.young).toBeGreaterThanOrEqual(2 * WORKER_SEMI_SPACE_MB * MB);
    expect(worker.young).toBeLessThanOrEqual(16 * MB);
  }, 240000);
});
