/**
 * The external sort's merge reads at most FAN_IN run files at once (src/io/spill-sort.ts): more runs
 * are merged a group at a time into longer ones first. A 100M-charge file writes ~1,400 runs a pass,
 * over the usual limit of 1,024 open files; all open at once, the merge would fail with EMFILE.
 * The sorter on real files, and the built binary with a small fan-in against the default.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FAN_IN, SpillSorter } from '../src/io/spill-sort.js';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'fairshot.js');
const base = mkdtempSync(join(tmpdir(), 'fairshot-fanin-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Files of `dir` this process has open now (Linux: /proc/self/fd). */
function openIn(dir: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir)) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

describe.skipIf(process.platform !== 'linux')('the merge reads a bounded number of run files', () => {
  it('FAN_IN stays well under the usual 1,024 open files', () => expect(FAN_IN).toBeLessThanOrEqual(512));

  it('many runs, a fan-in of 3: the (key, row) order of an in-memory sort, never more than 3 runs open, nothing left on disk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 30 }).map((s) => s.replace(/\n/g, ' '))), { minLength: 0, maxLength: 400 }), async (items) => {
        const sorter = new SpillSorter(base, 200, undefined, 3);
        for (const [i, [key, text]] of items.entries()) await sorter.add(key, i, text);
        const dir = sorter.directory;
        const got: [number, number, string][] = [];
        let most = 0;
        for await (const item of sorter.sorted()) {
          got.push(item);
          if (dir) most = Math.max(most, openIn(dir));
        }
        const want = items.map(([key, text], i) => [key, i, text] as [number, number, string]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(got).toEqual(want);
        expect(most).toBeLessThanOrEqual(3);
        expect(readdirSync(base)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('without the bound all runs are open at once (the check above can fail)', async () => {
    const sorter = new SpillSorter(base, 200, undefined, 1000);
    for (let i = 0; i < 400; i++) await sorter.add(i % 17, i, `row ${i} ${'x'.repeat(20)}`);
    const dir = sorter.directory!;
    let most = 0;
    for await (const _ of sorter.sorted()) most = Math.max(most, openIn(dir));
    expect(most).toBeGreaterThan(10);
  });
});

describe('the built binary: a small fan-in gives the same output as the default', () => {
  it('scattered rows through several merge levels (FAIRSHOT_SORT_FAN_IN=2)', () => {
    const dir = mkdtempSync(join(base, 'cli-'));
    const lines = ['id,state,category,disposition,disposition_date,level'];
    const cats = ['cannabis_possession', 'theft', 'trespass', 'dui'];
    for (let i = 0; i < 600; i++) lines.push(`p${(i * 37) % 150},IL,${cats[i % 4]},${i % 3 ? 'convicted' : 'dismissed'},20${10 + (i % 12)}-0${1 + (i % 9)}-1${i % 10},misdemeanor`);
    const file = join(dir, 'scattered.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const run = (env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [BIN, 'batch', file, '--as-of', '2026-11-28', '--quiet', '--format', 'csv'], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', TMPDIR: dir, FAIRSHOT_SORT_BUFFER_BYTES: '2000', ...env },
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const wide = run({});
    const narrow = run({ FAIRSHOT_SORT_FAN_IN: '2' });
    expect(narrow).toBe(wide);
    expect(wide.split('\n').filter((l) => /^p\d+,/.test(l)).length).toBeGreaterThan(100);
    // the run files are gone
    expect(readdirSync(dir).filter((f) => f.startsWith('fairshot-sort-'))).toEqual([]);
  });
});
