/**
 * `fairshot batch`, run as the built binary on small broken-row fixtures (test/fixtures/batch)
 * and on files generated here (a 100 MB line). Build first: `npm run build`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultJobs } from '../src/cli/commands/batch-run.js';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'fairshot.js');
const FIX = join(ROOT, 'test', 'fixtures', 'batch');
const AS_OF = '2026-11-28';
let tmp: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function batch(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [BIN, 'batch', ...args], {
    cwd: ROOT,
    input: input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    // spawnSync blocks vitest's own timeout: a hung run must fail here, not stall CI
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const jsonl = (s: string) =>
  s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string | null; state: string | null; charges: unknown[]; errors: { row?: number; field?: string; message: string }[]; clinics: unknown[] });

function noStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)/m);
  expect(stderr).not.toMatch(/node:internal/);
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'commands', 'batch.js'))) throw new Error('dist is missing: run `npm run build` first');
  tmp = mkdtempSync(join(tmpdir(), 'fairshot-batch-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('broken CSV rows', () => {
  it('gives every person exactly one record, in order of first appearance, with errors naming row and field', () => {
    const r = batch([join(FIX, 'broken.csv'), '--as-of', AS_OF, '--no-clinics']);
    expect(r.code).toBe(1);
    noStackTrace(r.stderr);
    const out = jsonl(r.stdout);
    // row 8 (an unquoted formula with quotes inside) cannot be parsed: it gets its own record
    expect(out.map((o) => o.id)).toEqual(['p1', 'p2', null, 'p3', 'p4', null, 'p5', '@SUM(A1)']);
    const byId = new Map(out.map((o) => [o.id, o]));
    // p1's rows are not adjacent (rows 2 and 6): one record, both charges
    expect(byId.get('p1')!.charges).toHaveLength(2);
    expect(byId.get('p1')!.errors).toEqual([]);
    expect(byId.get('p2')!.errors).toEqual([expect.objectContaining({ row: 3, field: 'disposition_date', message: expect.stringContaining('2023-02-30') })]);
    expect(byId.get('p2')!.charges).toEqual([]);
    expect(out[2]!.errors).toEqual([expect.objectContaining({ row: 4, field: 'id' })]);
    expect(byId.get('p3')!.errors).toEqual([expect.objectContaining({ row: 5, field: 'category', message: expect.stringContaining('"weed"') })]);
    expect(byId.get('p4')!.errors).toEqual([expect.objectContaining({ row: 7, field: 'level' })]);
    expect(out[5]!.errors[0]!.row).toBe(8);
    expect(byId.get('p5')!.errors).toEqual([]);
    expect(r.stderr).toMatch(/row 3, person p2, charge 1, disposition_date: 2023-02-30 is not a real calendar date/);
    expect(r.stderr).toMatch(/5 records with errors/);
  });

  it('gives the same output with --jobs 1 (worker thread) as in-process', () => {
    const a = batch([join(FIX, 'broken.csv'), '--as-of', AS_OF, '--jobs', '0']);
    const b = batch([join(FIX, 'broken.csv'), '--as-of', AS_OF, '--jobs', '1']);
    expect(b.code).toBe(1);
    expect(b.stdout).toBe(a.stdout);
    expect(jsonl(a.stdout)[0]!.clinics.length).toBeGreaterThan(0);
  });

  it('by default runs one worker per spare core, at most 3, and none on one core (docs/batch.md)', () => {
    expect([1, 2, 3, 4, 8].map((cores) => defaultJobs(cores))).toEqual([0, 1, 2, 3, 3]);
  });

  it('gives the same output, in input order, when two workers screen many batches', () => {
    // ~19 batches of 150 persons, dealt in turn to two workers that finish them in any order; each
    // batch's output comes back as bytes, in buffers that go back to the worker once written.
    const file = join(tmp, 'many.csv');
    writeFileSync(file, execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', '6000', '--seed', '3'], { encoding: 'utf8' }));
    const w = batch([file, '--sorted', '--as-of', AS_OF, '--format', 'csv', '--jobs', '2']);
    const here = batch([file, '--sorted', '--as-of', AS_OF, '--format', 'csv', '--jobs', '0']);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout.split('\n').length).toBeGreaterThan(6000 * 3);
    expect(w.stdout).toBe(here.stdout);
    // the same into a file (written through a file stream, not a pipe), and as JSONL
    const out = join(tmp, 'many-out.csv');
    expect(batch([file, '--sorted', '--as-of', AS_OF, '--format', 'csv', '--jobs', '1', '--output', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(here.stdout);
    const wj = batch([file, '--sorted', '--as-of', AS_OF, '--format', 'jsonl', '--jobs', '1']);
    expect(wj.stdout).toBe(batch([file, '--sorted', '--as-of', AS_OF, '--format', 'jsonl', '--jobs', '0']).stdout);
  }, 90000);

  it('a person too big for a worker thread is screened in the main thread: nobody lost, same output', () => {
    // 40,000 charges on one line: a worker's heap limit gives out, the main thread takes over.
    const charges = Array.from({ length: 40000 }, (_, i) => ({ case_number: `C${i}`, category: 'cannabis_possession', level: 'misdemeanor', disposition_date: '2015-03-02', cannabis_grams: 10 }));
    const file = join(tmp, 'giant.jsonl');
    writeFileSync(file, [{ id: 'a', state: 'IL', charges: [] }, { id: 'giant', state: 'IL', charges }, { id: 'z', state: 'IL', charges: [] }].map((p) => JSON.stringify(p)).join('\n') + '\n');
    const w = batch([file, '--as-of', AS_OF, '--no-clinics', '--format', 'csv', '--jobs', '1']);
    expect(w.stderr).toMatch(/ran out of memory .* screened in the main thread/);
    expect(w.stderr).toMatch(/3 persons/);
    const rows = w.stdout.trim().split('\n');
    expect(rows).toHaveLength(1 + 1 + 40000 * 3 + 1);
    expect(rows[1]).toMatch(/^a,/);
    expect(rows.at(-1)).toMatch(/^z,/);
    const inProcess = batch([file, '--as-of', AS_OF, '--no-clinics', '--format', 'csv', '--jobs', '0']);
    expect(w.stdout).toBe(inProcess.stdout);
  }, 60000);

  it('--sorted on unsorted rows says so for the split person', () => {
    const r = batch([join(FIX, 'broken.csv'), '--as-of', AS_OF, '--sorted', '--no-clinics']);
    const p1 = jsonl(r.stdout).filter((o) => o.id === 'p1');
    expect(p1).toHaveLength(2);
    expect(p1[1]!.errors[0]!.message).toMatch(/not together/);
  });
});

describe('CSV columns', () => {
  it('maps cells by the header: spaces and BOM around names, cells past the header ignored, short rows, the later of two same-named columns', () => {
    const csv =
      '\ufeff id , state ,zip,offense,category,level,disposition,disposition_date,offense,\r\n' +
      'A,IL,60619,theft,theft,misdemeanor,convicted,2019-03-01,retail theft,,SURPLUSCELL,EXTRACELL\r\n' +
      'A,,,possession of cannabis,cannabis_possession\r\n' +
      'B,IL,60601,x,theft,misdemeanor,dismissed,2020-01-02,x\r\n';
    const f = join(tmp, 'columns.csv');
    writeFileSync(f, csv);
    const r = batch([f, '--format', 'jsonl', '--as-of', AS_OF, '--no-clinics']);
    noStackTrace(r.stderr);
    expect(r.stderr).not.toMatch(/unknown field/);
    const out = jsonl(r.stdout);
    expect(out.map((p) => p.id)).toEqual(['A', 'B']);
    expect(out[0]!.errors).toEqual([]);
    expect(out[0]!.charges).toHaveLength(2);
    expect(out[1]!.charges).toHaveLength(1);
    // the charges as intake read them: the table shows each charge's offense
    const table = batch([f, '--format', 'table', '--as-of', AS_OF, '--no-clinics']);
    expect(table.stdout).toMatch(/retail theft/);
    expect(table.stdout).not.toMatch(/SURPLUSCELL|EXTRACELL/);
  });
});

describe('broken JSONL lines (BOM, CRLF, malformed line)', () => {
  it('reads past the bad lines', () => {
    const r = batch([join(FIX, 'broken.jsonl'), '--as-of', AS_OF, '--no-clinics']);
    expect(r.code).toBe(1);
    const out = jsonl(r.stdout);
    expect(out.map((o) => o.id)).toEqual(['j1', 'j2', 'j3', 'j4', null, 'j6']);
    expect(out[0]!.errors).toEqual([]); // BOM and CRLF did not hurt the first line
    expect(out[1]!.errors[0]).toMatchObject({ row: 2, field: 'disposition_date' });
    expect(out[2]!.errors[0]).toMatchObject({ row: 3 });
    expect(out[2]!.errors[0]!.message).toMatch(/not valid JSON/);
    expect(out[3]!.errors[0]).toMatchObject({ row: 5, field: 'level' });
    expect(out[4]!.errors[0]).toMatchObject({ row: 6, field: 'id' });
    expect(out[5]!.errors).toEqual([]);
  });

  it('turns a 100 MB line into an error for that person only, with flat memory', async () => {
    const file = join(tmp, 'huge.jsonl');
    const ws = createWriteStream(file);
    ws.write('{"id":"before","state":"IL","charges":[]}\n');
    ws.write('{"id":"huge","state":"IL","charges":[{"offense":"');
    const mb = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 100; i++) if (!ws.write(mb)) await new Promise((r) => ws.once('drain', r));
    ws.write('"}]}\n{"id":"after","state":"IL","charges":[]}\n');
    await new Promise((r) => ws.end(r));
    const r = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, BIN, 'batch', file, '--as-of', AS_OF, '--no-clinics', '--jobs', '0'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    expect(r.status).toBe(1);
    const out = jsonl(r.stdout);
    expect(out.map((o) => o.id)).toEqual(['before', 'huge', 'after']);
    expect(out[1]!.errors[0]).toMatchObject({ row: 2 });
    expect(out[1]!.errors[0]!.message).toMatch(/100\.0 MB long/);
    expect(out[2]!.errors).toEqual([]);
    const rss = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? 'NaN');
    if (Number.isFinite(rss)) expect(rss).toBeLessThan(200 * 1024); // KB
  }, 60000);

  it('does the same for a 100 MB CSV row, keeping the person\'s other rows in one record', async () => {
    const file = join(tmp, 'huge.csv');
    const big = 'y'.repeat(100 * 1024 * 1024);
    writeFileSync(file, `id,state,category,level,disposition,offense\nc1,IL,theft,misdemeanor,dismissed,ok\nc2,IL,theft,misdemeanor,dismissed,${big}\nc2,IL,trespass,misdemeanor,dismissed,ok\nc3,IL,theft,misdemeanor,dismissed,ok\n`);
    const r = batch([file, '--as-of', AS_OF, '--no-clinics', '--jobs', '0']);
    expect(r.code).toBe(1);
    const out = jsonl(r.stdout);
    expect(out.map((o) => o.id)).toEqual(['c1', 'c2', 'c3']);
    expect(out[1]!.errors[0]).toMatchObject({ row: 3 });
    expect(out[1]!.errors[0]!.message).toMatch(/MB long/);
  }, 60000);
});

describe('exit codes', () => {
  it('0 when every row was read', () => {
    const r = batch([join(FIX, 'good.csv'), '--as-of', AS_OF, '--no-clinics']);
    expect(r.code).toBe(0);
    expect(jsonl(r.stdout).map((o) => o.id)).toEqual(['a1', 'a2', 'a3']);
    expect(r.stderr).toMatch(/every row was read/);
  });

  it('1 for an empty file, with well-formed empty output', () => {
    const r = batch([join(FIX, 'empty.csv'), '--as-of', AS_OF, '--format', 'json', '--no-clinics']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toMatch(/holds no person records/);
  });

  it('1 for a missing file, 2 for bad flags, never a stack trace', () => {
    const missing = batch([join(tmp, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv: no such file/);
    for (const args of [
      [join(FIX, 'good.csv'), '--format', 'xml'],
      [join(FIX, 'good.csv'), '--as-of', '2023-02-30'],
      [join(FIX, 'good.csv'), '--output', join(FIX, 'good.csv')],
      [],
    ]) {
      const r = batch(args);
      expect(r.code, args.join(' ')).toBe(2);
      noStackTrace(r.stderr);
      expect(r.stdout).toBe('');
    }
  });

  it('--strict stops at the first error, after writing what was done', () => {
    const r = batch([join(FIX, 'broken.csv'), '--as-of', AS_OF, '--strict', '--no-clinics']);
    expect(r.code).toBe(1);
    expect(jsonl(r.stdout).map((o) => o.id)).toEqual(['p1', 'p2']);
    expect(r.stderr).toMatch(/--strict: stopped at .*row 3/);
    const ok = batch([join(FIX, 'good.csv'), '--as-of', AS_OF, '--strict', '--no-clinics']);
    expect(ok.code).toBe(0);
  });
});

describe('CSV output', () => {
  it('defuses formula injection and leaves numbers as numbers', () => {
    const r = batch([join(FIX, 'broken.csv'), '--as-of', AS_OF, '--format', 'csv', '--no-clinics']);
    const lines = r.stdout.trimEnd().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,as_of,state,charge,relief,status/);
    const formula = lines.filter((l) => l.includes('SUM(A1)'));
    expect(formula.length).toBe(3); // one row per relief kind
    for (const l of formula) {
      expect(l.startsWith("'@SUM(A1)")).toBe(true);
      expect(l).toMatch(/^'@SUM\(A1\),2026-11-28,IL,1,/); // the charge number stays a bare number
    }
    const p1 = lines.filter((l) => l.startsWith('p1,'));
    expect(p1.map((l) => l.split(',')[3])).toEqual(['1', '1', '1', '2', '2', '2']);
    expect(lines.some((l) => /^[=+\-@\t\r]/.test(l))).toBe(false);
  });
});

describe('CSV cells', () => {
  it('are written exactly as csv-stringify writes them, however often they repeat', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const { csvCellEncoder, CSV_STRINGIFY_OPTIONS } = await import('../src/io/write-results.js');
    const encode = await csvCellEncoder();
    const cells = [
      'plain', '', null, 0, 3, -2, '-2', 1, '1', true, false, 'true', '=SUM(A1)', '+1', '@x', '\tx', '\rx',
      '\uFF1Dx', '\uFF0Bx', '\uFF0Dx', '\uFF20x', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', ' spaced ', 'é ünïcode', '"', ',',
    ];
    const rows: (string | number | boolean | null)[][] = [cells, [...cells].reverse(), cells];
    // more distinct cells than the encoder remembers: it starts again and stays right
    for (let i = 0; i < 20_000; i++) rows.push([`id-${i}`, i % 7 === 0 ? `=${i}` : `r ${i % 50}, x`, i % 3 === 0 ? -i : cells[i % cells.length]!]);
    const mine = rows.map((r) => `${r.map(encode).join(',')}\n`).join('');
    expect(mine).toBe(stringify(rows, CSV_STRINGIFY_OPTIONS));
  });
});

describe('--output and --summary', () => {
  it('writes the output file in full with no temporary file left, and a Markdown summary', () => {
    const out = join(tmp, 'results.csv');
    const md = join(tmp, 'report.md');
    const r = batch([join(FIX, 'broken.csv'), '--as-of', AS_OF, '--output', out, '--summary', md, '--no-clinics']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^id,as_of,state,charge,relief/); // format from the extension
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const text = readFileSync(md, 'utf8');
    expect(text).toMatch(/^# fairshot batch summary/);
    expect(text).toMatch(/- Persons: 8; charges screened: 4/);
    expect(text).toMatch(/Records with errors \(not screened\): 5/);
    expect(text).toMatch(/## By relief and status[\s\S]*\| set_aside \| 0 \| 0 \| 0 \| 0 \| 4 \|/);
    expect(text).toMatch(/\| IL \| 3 \| 4 \| expungement \|/);
    expect(text).toMatch(/## Most common reasons: needs_review\n\n\| charges \| relief \| reason \|\n\|---:\|---\|---\|\n\| \d+ \| \w+ \| .+ \|/);
    // what an office should collect: the facts the open answers turn on
    expect(text).toMatch(/## What to collect: facts that decide the most needs_review answers[\s\S]*\| \d+ \| `\w+` \| .+ \|/);
    expect(text).toMatch(/## Most common reasons: needs_review/);
  });

  it('says so, and leaves no half-written file, when the output cannot be written', () => {
    const r = batch([join(FIX, 'good.csv'), '--as-of', AS_OF, '--output', join(tmp, 'no', 'such', 'dir', 'out.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*out\.jsonl: no such file/);
    noStackTrace(r.stderr);
  });
});

describe('standard input and pipes', () => {
  it('reads - (format guessed from the content) and prints no progress on a pipe', () => {
    const csv = readFileSync(join(FIX, 'good.csv'), 'utf8');
    const r = batch(['-', '--as-of', AS_OF, '--no-clinics'], csv);
    expect(r.code).toBe(0);
    expect(jsonl(r.stdout).map((o) => o.id)).toEqual(['a1', 'a2', 'a3']);
    expect(r.stderr).not.toMatch(/\r|\u001b\[|ETA/);
    const q = batch(['-', '--input-format', 'csv', '--as-of', AS_OF, '--quiet', '--no-clinics'], csv);
    expect(q.code).toBe(0);
    expect(q.stderr).toBe('');
  });

  it('reads JSONL from stdin', () => {
    const r = batch(['-', '--as-of', AS_OF, '--no-clinics', '-q'], readFileSync(join(FIX, 'broken.jsonl'), 'utf8'));
    expect(r.code).toBe(1);
    expect(jsonl(r.stdout)).toHaveLength(6);
  });
});

describe('the generator', () => {
  it('is seeded: same seed, same file; every generated person comes out once, in order', () => {
    const gen = (seed: number) => execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', '300', '--seed', String(seed)], { encoding: 'utf8' });
    const a = gen(7);
    expect(gen(7)).toBe(a);
    expect(gen(8)).not.toBe(a);
    const ids = [...new Set(a.trim().split('\n').slice(1).map((l) => l.split(',')[0]))];
    const r = batch(['-', '--input-format', 'csv', '--sorted', '--as-of', AS_OF, '--no-clinics'], a);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonl(r.stdout).map((o) => o.id)).toEqual(ids);
  });
});
