#!/usr/bin/env node
// Throughput and peak memory of `fairshot batch` (issue 4), against a bare csv-parse -> csv-stringify
// pass over the same file, in the same run, on this machine.
//
//   npm run build && node bench/batch.mjs [CHARGES=1000000] [--jobs N] [--keep]
//
// Generates a seeded Illinois file (bench/generate.mjs) in a temporary folder, then times, each in
// its own child process with its peak RSS (/usr/bin/time -v when present, else the child's
// process.resourceUsage().maxRSS):
//   bare      csv-parse (the reader's options) -> csv-stringify (escape_formulas) -> file
//   batch     fairshot batch FILE --sorted --format csv --output OUT  (default clinics, auto jobs)
//   + variants: --no-clinics, --jobs 0, JSONL in -> JSONL out, unsorted CSV (rows shuffled).
// Prints a table and the ratio batch/bare in charges per second (the issue asks for >= 0.5).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const N = Number(argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const keep = argv.includes('--keep');
const jobsArg = argv.includes('--jobs') ? ['--jobs', argv[argv.indexOf('--jobs') + 1]] : [];
const only = argv.includes('--quick') ? ['bare', 'batch'] : null;
const AS_OF = '2026-11-28';
if (!existsSync(join(ROOT, 'dist', 'cli', 'commands', 'batch.js'))) {
  console.error('bench/batch.mjs: run `npm run build` first');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'fairshot-bench-'));
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

// The bare pass: the reader's own csv-parse options (records as arrays, header row included), then
// csv-stringify with formula escaping, as fairshot's writer uses it.
const BARE = `
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { CSV_PARSE_OPTIONS } from ${JSON.stringify(new URL('../dist/io/read-records.js', import.meta.url).href)};
const [input, output] = process.argv.slice(1);
await pipeline(
  createReadStream(input),
  parse(CSV_PARSE_OPTIONS),
  async function* (src) { for await (const { record } of src) yield record; },
  stringify({ escape_formulas: true }),
  createWriteStream(output),
);`;

function measure(label, args) {
  const t = process.hrtime.bigint();
  const cmd = TIME ? TIME : process.execPath;
  const full = TIME ? ['-v', process.execPath, ...args] : args;
  const r = spawnSync(cmd, full, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    console.error(`${label} failed (${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
  return { label, ms, rssMb: kb / 1024 };
}

function gen(file, extra) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', String(N), '--seed', '42', '--out', file, ...extra], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

try {
  const csv = join(dir, 'people.csv');
  const jsonl = join(dir, 'people.jsonl');
  const shuffled = join(dir, 'people-shuffled.csv');
  console.error(`generating ${N.toLocaleString('en-US')} charges in ${dir} ...`);
  gen(csv, []);
  const batch = (input, out, extra) => [join(ROOT, 'bin', 'fairshot.js'), 'batch', input, '--as-of', AS_OF, '--quiet', '--output', out, ...extra];
  const runs = [];
  const want = (l) => !only || only.includes(l);
  runs.push(measure('bare', ['--input-type=module', '-e', BARE, csv, join(dir, 'bare.csv')]));
  runs.push(measure('batch', batch(csv, join(dir, 'out.csv'), ['--sorted', '--format', 'csv', ...jobsArg])));
  if (want('x')) {
    runs.push(measure('batch --no-clinics', batch(csv, join(dir, 'out2.csv'), ['--sorted', '--format', 'csv', '--no-clinics', ...jobsArg])));
    runs.push(measure('batch --jobs 0', batch(csv, join(dir, 'out3.csv'), ['--sorted', '--format', 'csv', '--jobs', '0'])));
    gen(jsonl, ['--format', 'jsonl']);
    runs.push(measure('batch jsonl->jsonl', batch(jsonl, join(dir, 'out.jsonl'), [...jobsArg])));
    gen(shuffled, ['--shuffle']);
    runs.push(measure('batch unsorted csv', batch(shuffled, join(dir, 'out4.csv'), ['--format', 'csv', ...jobsArg])));
  }
  const bare = runs[0];
  const size = statSync(csv).size;
  console.log(`\n${N.toLocaleString('en-US')} charges, ${(size / 1048576).toFixed(0)} MB CSV, Node ${process.version}, ${process.platform}`);
  console.log('| run | wall s | charges/s | vs bare | peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of runs) {
    const rate = N / (r.ms / 1000);
    console.log(`| ${r.label} | ${(r.ms / 1000).toFixed(1)} | ${Math.round(rate).toLocaleString('en-US')} | ${(bare.ms / r.ms).toFixed(2)} | ${Number.isFinite(r.rssMb) ? r.rssMb.toFixed(0) : '?'} |`);
  }
  void readFileSync;
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.error(`files kept in ${dir}`);
}
