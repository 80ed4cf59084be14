#!/usr/bin/env node
// Speed of the interactive screening (issue 3), on the built binary in a real pseudo-terminal:
//   first question: launch -> the first question is on screen          (target < 300 ms)
//   results:        the last answer (Enter on the review) -> the end of the results (target < 100 ms)
//   next question:  each answer -> the next question on screen (target < 100 ms)
//
//   npm run build && node bench/screen.mjs [--runs N]
//
// Driven by test/helpers/pty_drive.py (python3's pty module), the same driver the end-to-end
// tests use. Timings are taken by the driver as it reads the terminal, so they include the
// terminal round trip; the median and the slowest run are reported.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'fairshot.js');
const DRIVER = join(ROOT, 'test', 'helpers', 'pty_drive.py');
const argv = process.argv.slice(2);
const RUNS = Number(argv.includes('--runs') ? argv[argv.indexOf('--runs') + 1] : 15);

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('bench/screen.mjs: run `npm run build` first');
  process.exit(2);
}
if (spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status !== 0) {
  console.log('skipped: python3 with the pty module is needed to drive a pseudo-terminal');
  process.exit(0);
}

const ENTER = '\r';
const DOWN = '\x1b[B';
const UP = '\x1b[A'; // yes/no questions start on "I don't know": No is ↑, Yes is ↑↑
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['CI', 'NO_COLOR', 'FORCE_COLOR'].includes(k)));
env.TERM = 'xterm-256color';

function drive(args, steps) {
  const spec = { argv: [process.execPath, BIN, ...args], cwd: ROOT, env, steps, timeout: 10, settle: 0.15 };
  const r = spawnSync('python3', [DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  if (out.failed) throw new Error(`the screening did not show /${out.failed}/:\n${out.output.slice(-2000)}`);
  return out;
}

// A whole screening, in English: an Illinois DUI conviction (not eligible, with reasons), the
// review, the results with clinics. The first step is the first question of a bare `fairshot`.
const flow = [
  ['Language / Idioma', ENTER],
  ['ZIP code', `60614${ENTER}`], // the state you live in is read from the ZIP
  ['In which state was this case', ENTER],
  ['What was it for', 'DUI'],
  ['Driving under the influence', ENTER],
  ['How did it end', ENTER],
  ['do you have one of these papers', ENTER], // none of these
  ['Is the whole sentence finished', UP + UP + ENTER],
  ['another case or charge', DOWN + ENTER],
  ['Is everything right', ENTER],
  ['not legal advice', ''],
  ['one-page summary', ENTER],
];

const first = [];
const results = [];
// each answer -> the next question on screen (issue 22: the planner tries answers before asking)
const next = [];
for (let i = 0; i < RUNS; i++) {
  const r = drive(['--as-of', '2026-11-28'], flow);
  if (r.code !== 0) throw new Error(`exit ${r.code}`);
  first.push(r.matched[0] * 1000);
  // the review's Enter is the last keys sent before the results; the results end with the note
  results.push((r.matched.at(-1) - r.sent.at(-2)) * 1000);
  // steps 2 .. the review: the keys of the step before were the answer
  for (let k = 2; k < r.matched.length - 1; k++) next.push((r.matched[k] - r.sent[k - 1]) * 1000);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const row = (label, xs, target) => {
  const m = median(xs);
  console.log(`| ${label} | ${m.toFixed(0)} | ${max(xs).toFixed(0)} | < ${target} | ${m < target ? 'met' : 'NOT met'} |`);
};
console.log(`\ninteractive screening, built binary in a pty, ${RUNS} runs, Node ${process.version}, ${process.platform}`);
console.log('| measure | median ms | slowest ms | target ms | median |');
console.log('|---|---:|---:|---:|---|');
row('launch -> first question', first, 300);
row('last answer -> results shown', results, 100);
row('an answer -> the next question', next, 100);
