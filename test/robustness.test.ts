/**
 * Hostile inputs and faults (issue 25, ../shared/research/robustness-test-2026-12.md), run through
 * the built binary. Every input is generated here, small. Build first: `npm run build`.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync, closeSync, existsSync, mkdirSync, lstatSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync,
  symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'fairshot.js');
const SAMPLE = join(ROOT, 'test', 'fixtures', 'batch', 'sample.csv');
const AS_OF = '2026-11-28';
let tmp: string;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], opts: { input?: string; stdout?: number; shell?: string; env?: Record<string, string> } = {}): Run {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env };
  const cmd = opts.shell ? 'bash' : process.execPath;
  const argv = opts.shell ? ['-c', `${opts.shell}; exec "$0" "$@"`, process.execPath, BIN, ...args] : [BIN, ...args];
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env,
    timeout: 120_000,
    ...(opts.stdout !== undefined ? { stdio: ['pipe', opts.stdout, 'pipe'] } : {}),
  });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
const batch = (args: string[], opts?: Parameters<typeof run>[1]) => run(['batch', ...args], opts);

const jsonl = (s: string) =>
  s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string | null; charges: unknown[]; errors: { row?: number; field?: string; message: string }[] });

function noStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(stderr).not.toMatch(/node:internal|FATAL ERROR/);
}
const tmpFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
let n = 0;
const fresh = () => {
  const d = join(tmp, `d${n++}`);
  mkdirSync(d);
  return d;
};

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist is missing: run `npm run build` first');
  tmp = mkdtempSync(join(tmpdir(), 'fairshot-robust-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const base = [SAMPLE, '--as-of', AS_OF, '--no-clinics', '--format', 'csv'];

describe('--output: written the way a careful CLI writes (H1, M6, M7, L12)', () => {
  it('a symlink to a device (/dev/null) is written through, never replaced by a results file', () => {
    const d = fresh();
    const link = join(d, 'out.csv');
    symlinkSync('/dev/null', link);
    const r = batch([...base, '--output', link]);
    expect(r.code).toBe(1); // sample.csv has one bad person
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('/dev/null');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync(d)).toEqual(['out.csv']);
  });

  it('--output /dev/stdout (through a link) writes to standard output', () => {
    const d = fresh();
    const link = join(d, 'o.csv');
    symlinkSync('/dev/stdout', link);
    // through a real pipe (spawnSync's own stdout is a socket, which Linux will not open by name)
    const r = spawnSync('bash', ['-c', '"$0" "$@" | cat', process.execPath, BIN, 'batch', ...base, '--output', link], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^id,as_of,state,charge/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a device that fails (/dev/full) is an error: exit 1, no "Done"', () => {
    const d = fresh();
    const link = join(d, 'full.csv');
    symlinkSync('/dev/full', link);
    const r = batch([...base, '--output', link]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*full\.csv: the disk is full/);
    expect(r.stderr).not.toMatch(/Done/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    noStackTrace(r.stderr);
  });

  it('keeps the mode of the file it replaces (0600 stays 0600); a new file gets 0666 minus the umask', () => {
    const d = fresh();
    const out = join(d, 'private.csv');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    batch([...base, '--output', out]);
    expect(readFileSync(out, 'utf8')).toMatch(/^id,as_of/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const created = join(d, 'new.csv');
    batch([...base, '--output', created], { shell: 'umask 027' });
    expect(statSync(created).mode & 0o777).toBe(0o640);
    expect(tmpFiles(d)).toEqual([]);
  });

  it('refuses a read-only file (even as root) and leaves it as it was', () => {
    const d = fresh();
    const out = join(d, 'ro.csv');
    writeFileSync(out, 'keep me');
    chmodSync(out, 0o444);
    const r = batch([...base, '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*ro\.csv: the file is read-only/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(tmpFiles(d)).toEqual([]);
  });

  it('a symlink to a file: the file gets the results, the link stays a link', () => {
    const d = fresh();
    const real = join(d, 'real.csv');
    writeFileSync(real, 'old');
    symlinkSync(real, join(d, 'link.csv'));
    batch([...base, '--output', join(d, 'link.csv')]);
    expect(lstatSync(join(d, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toMatch(/^id,as_of/);
  });

  it('refuses --output or --summary that reach the input through a symlink (exit 2, input kept)', () => {
    const d = fresh();
    const input = join(d, 'input.csv');
    writeFileSync(input, readFileSync(SAMPLE));
    symlinkSync(d, join(d, 'same'));
    const r = batch([input, '--as-of', AS_OF, '--no-clinics', '--output', join(d, 'same', 'input.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--output is the input file/);
    const s = batch([input, '--as-of', AS_OF, '--no-clinics', '--summary', join(d, 'same', 'input.csv')]);
    expect(s.code).toBe(2);
    symlinkSync(input, join(d, 'in-link.csv'));
    const t = batch([join(d, 'in-link.csv'), '--as-of', AS_OF, '--no-clinics', '--output', input]);
    expect(t.code).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(SAMPLE, 'utf8'));
  });

  it('writes an output file whose name is 254 bytes long (the temporary name must fit too)', () => {
    const d = fresh();
    const out = join(d, `${'a'.repeat(250)}.csv`);
    const r = batch([...base, '--output', out]);
    expect(r.stderr).not.toMatch(/ENAMETOOLONG|cannot write/);
    expect(readFileSync(out, 'utf8')).toMatch(/^id,as_of/);
  });
});

describe('a full disk (H2, M12)', () => {
  // ulimit -f: writes past the limit fail with EFBIG, as on a full disk, for a process of our own
  it('a small output that cannot be written: exit 1, no "Done", the old file kept, no temporary file', () => {
    const d = fresh();
    const out = join(d, 'out.csv');
    writeFileSync(out, 'precious');
    const r = batch([...base, '--output', out], { shell: 'ulimit -f 1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*out\.csv: .*; .*out\.csv was not changed/);
    expect(r.stderr).not.toMatch(/Done/);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    expect(tmpFiles(d)).toEqual([]);
    noStackTrace(r.stderr);
  });

  it('the same for --summary', () => {
    const d = fresh();
    const md = join(d, 'summary.md');
    writeFileSync(md, 'precious');
    // the results go to /dev/null; only the summary meets the limit
    const r = batch([...base, '--output', '/dev/null', '--summary', md], { shell: 'ulimit -f 1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*summary\.md/);
    expect(readFileSync(md, 'utf8')).toBe('precious');
    expect(tmpFiles(d)).toEqual([]);
  });

  it('standard output on a full device: batch and check exit 1 and say so', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const b = batch([...base], { stdout: full });
      expect(b.code).toBe(1);
      expect(b.stderr).toMatch(/cannot write .*the disk is full/);
      expect(b.stderr).not.toMatch(/Done/);
      const c = run(['check', 'examples/people.csv', '--format', 'csv', '--as-of', AS_OF], { stdout: full });
      expect(c.code).toBe(1);
      expect(c.stderr).toMatch(/cannot write the output: the disk is full/);
    } finally {
      closeSync(full);
    }
  });
});

describe('signals (M4)', () => {
  it.each([['SIGTERM', 143], ['SIGHUP', 129]] as const)('%s removes the temporary output and keeps the old file', async (sig, code) => {
    const d = fresh();
    const out = join(d, 'out.jsonl');
    writeFileSync(out, 'precious');
    // a never-ending input on a pipe: the run is surely in the middle when the signal comes
    const child = spawn(process.execPath, [BIN, 'batch', '-', '--input-format', 'jsonl', '--as-of', AS_OF, '--no-clinics', '--jobs', '0', '-q', '--output', out], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    child.stdin.write('{"id":"p1","state":"IL","charges":[]}\n');
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 50 && tmpFiles(d).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(tmpFiles(d)).toHaveLength(1);
    const done = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    child.kill(sig);
    expect(await done).toBe(code);
    expect(tmpFiles(d)).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe('precious');
  });
});
