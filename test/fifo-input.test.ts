/**
 * Inputs that are named pipes (FIFOs), through the built binary: read like files, and a signal
 * ends the run even while the pipe's writer stays open without writing (it did not: fs streams
 * read in libuv's thread pool, and a read blocked there held the process at exit).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BIN } from './helpers/cli.js';

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'fairshot-fifo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function fifo(): string {
  const p = join(dir, `in-${n++}`);
  expect(spawnSync('mkfifo', [p]).status).toBe(0);
  return p;
}

/** Start `fairshot ARGS`; resolves with its exit code (or signal) and stderr. */
function start(args: string[]) {
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stderr.on('data', (d) => (err += d));
  child.stdout.on('data', (d) => (out += d));
  const done = new Promise<{ code: number | null; signal: string | null; err: string; out: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, err, out })),
  );
  return { child, done };
}

const CSV = 'id,state,category,disposition\np1,IL,theft,dismissed\np2,IL,cannabis_possession,not_charged\n';

describe.skipIf(!hasMkfifo)('a FIFO as the input', { timeout: 60000 }, () => {
  test('batch reads a FIFO as it reads the same file', async () => {
    const file = join(dir, 'same.csv');
    writeFileSync(file, CSV);
    const args = ['--format', 'jsonl', '--as-of', '2026-11-28', '--no-clinics', '--quiet'];
    const p = fifo();
    const run = start(['batch', p, '--input-format', 'csv', ...args]);
    // the writer opens once the reader has (opening blocks until then), writes, closes
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(p, CSV);
    const r = await run.done;
    const fromFile = spawnSync(process.execPath, [BIN, 'batch', file, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.out).toBe(fromFile.stdout);
    expect(r.out.trim().split('\n')).toHaveLength(2);
  });

  for (const [sig, code] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
    test(`${sig} ends batch while the FIFO's writer stays open and writes nothing: exit ${code}`, async () => {
      const p = fifo();
      const run = start(['batch', p, '--format', 'csv', '--quiet', '--as-of', '2026-11-28']);
      // our own writer end, held open: the reader's open returns, its read waits
      const w = await new Promise<number>((resolve) => setTimeout(() => resolve(openSync(p, 'w')), 200));
      try {
        await new Promise((r) => setTimeout(r, 1500));
        run.child.kill(sig);
        const t0 = Date.now();
        const r = await Promise.race([run.done, new Promise<null>((r) => setTimeout(() => r(null), 8000))]);
        if (r === null) run.child.kill('SIGKILL');
        expect(r, 'still running 8 s after the signal').not.toBeNull();
        expect(r!.code).toBe(code);
        expect(r!.err).not.toMatch(/at .*\.js:\d+/);
        expect(Date.now() - t0).toBeLessThan(8000);
      } finally {
        closeSync(w);
      }
    });
  }

  test('SIGINT ends check while it waits for a FIFO that no writer has opened: exit 130', async () => {
    const p = fifo();
    const run = start(['check', p, '--as-of', '2026-11-28']);
    await new Promise((r) => setTimeout(r, 1500));
    run.child.kill('SIGINT');
    const r = await Promise.race([run.done, new Promise<null>((r) => setTimeout(() => r(null), 8000))]);
    if (r === null) run.child.kill('SIGKILL');
    expect(r, 'still running 8 s after the signal').not.toBeNull();
    expect(r!.code).toBe(130);
    expect(r!.err).toMatch(/Cancelled/);
    expect(existsSync(p)).toBe(true); // the 'exit' handler opened it for writing; it left it in place
  });
});
