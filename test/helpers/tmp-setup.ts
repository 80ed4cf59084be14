/**
 * vitest global setup: every test run gets its own temporary folder (TMPDIR, read by os.tmpdir()
 * in the tests and in the fairshot processes they start), removed when the run ends, so the
 * folders tests make (answers files, spill runs, handouts) do not pile up in the system's /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'fairshot-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
