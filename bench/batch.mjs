#!/usr/bin/env node
// Throughput and peak memory of `fairshot batch` (issues 4 and 21), against a bare csv-parse ->
// csv-stringify pass over the same file, in the same run, on this machine.
//
//   npm run build && node bench/batch.mjs [CHARGES=1000000] [--quick] [--big] [--jobs N] [--keep]
//
// Generates a seeded Illinois file (bench/generate.mjs) in a temporary folder, then times, each in
// its own child process with its peak RSS and CPU time (/usr/bin/time -v when present, else the
// child's process.resourceUsage().maxRSS):
//   bare                 csv-parse (the reader's options) -> csv-stringify (escape_formulas) -> file
//   batch grouped        fairshot batch FILE --format csv --output OUT  (no other flag: the default run)
//   batch scattered      the same on the same rows shuffled (issue 21: < 200 MB each; grouped >= 0.5x bare)
//   bare over the output the bare pass over the grouped run's output file (as many rows and bytes
//                        as fairshot writes): printed beside the reference, not instead of it
//   + variants (not with --quick): --sorted, --no-clinics, --jobs 0, JSONL in -> JSONL out.
//   --big: also a file of 10 x CHARGES grouped charges (10,000,000 by default), bare pass and the
//          default run (issue 21: < 250 MB, time per charge within 1.2x of the CHARGES run). Hours
//          on a 2-core machine, so not part of `npm run bench`.
// Prints a table and the ratio batch/bare in charges per second.
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
const quick = argv.includes('--quick');
const big = argv.includes('--big');
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
  const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '')?.[1] ?? NaN) + Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
  return { label, ms, rssMb: kb / 1024, cpu, n: N };
}

function gen(file, extra, n = N) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', String(n), '--seed', '42', '--out', file, ...extra], { stdio: 'inherit' });
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
  runs.push(measure('bare', ['--input-type=module', '-e', BARE, csv, join(dir, 'bare.csv')]));
  runs.push(measure('batch grouped (default)', batch(csv, join(dir, 'out.csv'), ['--format', 'csv', ...jobsArg])));
  // The same bare pass over what the grouped run wrote: as many CSV rows and bytes as fairshot
  // writes (a row per relief kind with its reasons and citations, ~9x the input's bytes). Not the
  // issue's reference; printed beside it, to show how much of the gap is the output's size.
  const outRef = measure('bare over the output', ['--input-type=module', '-e', BARE, join(dir, 'out.csv'), join(dir, 'bare-out.csv')]);
  const outBytes = statSync(join(dir, 'out.csv')).size;
  rmSync(join(dir, 'bare-out.csv'), { force: true });
  gen(shuffled, ['--shuffle']);
  runs.push(measure('batch scattered (default)', batch(shuffled, join(dir, 'out4.csv'), ['--format', 'csv', ...jobsArg])));
  rmSync(shuffled, { force: true });
  if (!quick) {
    runs.push(measure('batch --sorted', batch(csv, join(dir, 'out1.csv'), ['--sorted', '--format', 'csv', ...jobsArg])));
    runs.push(measure('batch --sorted --no-clinics', batch(csv, join(dir, 'out2.csv'), ['--sorted', '--format', 'csv', '--no-clinics', ...jobsArg])));
    runs.push(measure('batch --sorted --jobs 0', batch(csv, join(dir, 'out3.csv'), ['--sorted', '--format', 'csv', '--jobs', '0'])));
    gen(jsonl, ['--format', 'jsonl']);
    runs.push(measure('batch jsonl->jsonl', batch(jsonl, join(dir, 'out.jsonl'), [...jobsArg])));
  }
  for (const f of ['out.csv', 'out1.csv', 'out2.csv', 'out3.csv', 'out4.csv', 'out.jsonl', 'bare.csv']) rmSync(join(dir, f), { force: true });
  const bigRuns = [];
  if (big) {
    const bigCsv = join(dir, 'people-big.csv');
    gen(bigCsv, [], N * 10);
    const withN = (r) => ({ ...r, n: N * 10 });
    bigRuns.push(withN(measure(`bare (${(N * 10).toLocaleString('en-US')})`, ['--input-type=module', '-e', BARE, bigCsv, join(dir, 'bare-big.csv')])));
    rmSync(join(dir, 'bare-big.csv'), { force: true });
    bigRuns.push(withN(measure(`batch grouped (default, ${(N * 10).toLocaleString('en-US')})`, batch(bigCsv, join(dir, 'out-big.csv'), ['--format', 'csv', ...jobsArg]))));
  }
  const bare = runs[0];
  const size = statSync(csv).size;
  console.log(`\n${N.toLocaleString('en-US')} charges, ${(size / 1048576).toFixed(0)} MB CSV, Node ${process.version}, ${process.platform}`);
  console.log('| run | wall s | CPU s | charges/s | vs bare | µs per charge | peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const row = (r, ref) => {
    const rate = r.n / (r.ms / 1000);
    const refRate = ref.n / (ref.ms / 1000);
    console.log(`| ${r.label} | ${(r.ms / 1000).toFixed(1)} | ${Number.isFinite(r.cpu) ? r.cpu.toFixed(1) : '?'} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / refRate).toFixed(2)} | ${((r.ms * 1000) / r.n).toFixed(1)} | ${Number.isFinite(r.rssMb) ? r.rssMb.toFixed(0) : '?'} |`);
  };
  for (const r of runs) row(r, bare);
  row(outRef, bare);
  console.log(`\nthe grouped run wrote ${(outBytes / 1048576).toFixed(0)} MB (${(outBytes / size).toFixed(1)}x the input); the bare pass over that output took ${(outRef.ms / 1000).toFixed(1)} s: the grouped run is ${(outRef.ms / runs[1].ms).toFixed(2)}x its speed (issue 21 asks 0.5x the bare pass over the input)`);
  if (bigRuns.length) {
    for (const r of bigRuns) row(r, bigRuns[0]);
    const small = runs[1];
    const perSmall = small.ms / small.n;
    const perBig = bigRuns[1].ms / bigRuns[1].n;
    console.log(`\ntime per charge, ${(N * 10).toLocaleString('en-US')} vs ${N.toLocaleString('en-US')} (default run, grouped): ${(perBig / perSmall).toFixed(2)}x wall, ${((bigRuns[1].cpu / bigRuns[1].n) / (small.cpu / small.n)).toFixed(2)}x CPU (issue 21: within 1.2x)`);
  }
  void readFileSync;
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.error(`files kept in ${dir}`);
}
