#!/usr/bin/env node
// How much the questionnaire asks (issue 22): five scripted persons answer `fairshot` in a real
// pseudo-terminal, whatever order it asks in, and for each we report the number of prompts
// (language and review screen included) and the seconds from launch to the end of the results.
//
//   npm run build && node bench/asking.mjs [--bin path/to/fairshot.js] [--runs N] [--show]
//
// `--bin` runs another build (e.g. a checkout of an older commit) for a before/after count; `--show`
// prints each question asked. Driven by test/helpers/pty_answer.py (python3's pty module): it
// waits for each prompt to settle (120 ms) before answering, so the seconds include that wait per
// prompt; they compare builds, not the engine alone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const BIN = resolve(opt('--bin', join(ROOT, 'bin', 'fairshot.js')));
const RUNS = Number(opt('--runs', 3));
const SHOW = argv.includes('--show');
const DRIVER = join(ROOT, 'test', 'helpers', 'pty_answer.py');

if (!existsSync(BIN)) {
  console.error(`bench/asking.mjs: ${BIN} not found (run \`npm run build\` first)`);
  process.exit(2);
}
if (spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status !== 0) {
  console.log('skipped: python3 with the pty module is needed to drive a pseudo-terminal');
  process.exit(0);
}

const type = (s) => ({ type: s });
const choose = (re) => ({ choose: re });
const byCase = (...each) => ({ by_case: each }); // one answer per case, by the case heading before the question
const DK = choose("I don't know|I'm not sure|not sure");

// What everybody answers the same way. Person-specific answers come first and win.
const common = [
  ['Language / Idioma', choose('English')],
  ['Which state do you live in', type('illinois')],
  ['ZIP code', type('60614')],
  ['In which state was this case', choose('Illinois')],
  ['Is everything right', choose('Yes')],
  ['Save a one-page summary', choose('No')],
  ['another case or charge', choose('^\\W*No')],
  ['listed every case', choose('^\\W*Yes')],
  ['register as a sex offender', choose('^\\W*No')],
  ['prison or jail right now', choose('^\\W*No')],
  ['on parole right now', choose('^\\W*No')],
  ['on probation right now', choose('^\\W*No')],
  ['still open', choose('^\\W*No')],
  ['Which kind of court', choose('state')],
  ['law section|case number|in your own words', type('')],
];

const persons = [
  {
    name: 'one old cannabis possession conviction, fully paid (IL)',
    answers: [
      ['What was it for', type('weed')],
      ['How did it end', choose('guilty|conviction')],
      ['whole sentence finished', choose('^\\W*Yes')],
      ['When did the whole sentence end', type('2017-06-01')],
      ['felony, a misdemeanor', choose('misdemeanor')],
      ['What class', type('Class B')],
      ['What was the sentence', choose('fine')],
      ['do you have one of these papers', choose('None')],
      ['How much cannabis', type('10 g')],
      ['pardoned for it', type('no')],
      ['date of the offense', type('2016-05-01')],
      ['When did the case end', type('2017-01-10')],
      ['When were you arrested', type('2016-05-01')],
      ['How old were you', type('30')],
      ['under 18|school|violent|made more serious', choose('^\\W*No')],
      ['fines, fees and restitution', choose('^\\W*Yes')],
    ],
  },
  {
    name: 'a dismissed arrest (IL theft)',
    answers: [
      ['What was it for', type('shoplifting')],
      ['How did it end', choose('dismissed')],
      ['When did the case end', type('2015-03-02')],
      ['When were you arrested', type('2014-11-20')],
      ['How old were you', type('24')],
    ],
  },
  {
    name: 'a felony, on parole (IL burglary)',
    answers: [
      ['What was it for', type('burglary')],
      ['How did it end', choose('guilty|conviction')],
      ['whole sentence finished', choose('^\\W*No')],
      ['planned to end', type('2028-01-15')],
      ['felony, a misdemeanor', choose('felony')],
      ['What class', type('Class 2')],
      ['What was the sentence', choose('prison')],
      ['on parole right now', choose('^\\W*Yes')],
      ['do you have one of these papers', choose('None')],
      ['date of the offense', type('2019-02-01')],
      ['When did the case end', type('2020-01-10')],
      ['released from jail or prison', type('2024-06-01')],
      ['How old were you', type('28')],
      ['revoked', choose('^\\W*No')],
      ['pardoned for it', type('no')],
    ],
  },
  {
    name: 'two convictions in two states (IL cannabis, CA theft)',
    answers: [
      ['another case or charge', [choose('^\\W*Yes'), choose('^\\W*No')]],
      ['In which state was this case', byCase(choose('Illinois'), choose('California'))],
      ['What was it for', byCase(type('weed'), type('shoplifting'))],
      ['How did it end', choose('guilty|conviction')],
      ['whole sentence finished', choose('^\\W*Yes')],
      ['When did the whole sentence end', byCase(type('2017-06-01'), type('2019-09-30'))],
      ['felony, a misdemeanor', choose('misdemeanor')],
      ['What class', type('Class B')],
      ['What was the sentence', byCase(choose('fine'), choose('probation'))],
      ['do you have one of these papers', choose('None')],
      ['How much cannabis', type('10 g')],
      ['concentrated', choose('^\\W*No')],
      ['pardoned for it', type('no')],
      ['date of the offense', byCase(type('2016-05-01'), type('2018-02-03'))],
      ['When did the case end', byCase(type('2017-01-10'), type('2018-09-30'))],
      ['When were you arrested', byCase(type('2016-05-01'), type('2018-02-03'))],
      ['How old were you', byCase(type('30'), type('32'))],
      ['revoked', choose('^\\W*No')],
      ['fines, fees and restitution', choose('^\\W*Yes')],
      ['under 18|school|violent|made more serious', choose('^\\W*No')],
    ],
  },
  {
    name: '"I don\'t know" to everything (IL)',
    answers: [
      ['Language / Idioma', choose('English')],
      ['Which state do you live in', type('illinois')],
      ['ZIP code', type('')],
      ['In which state was this case', choose('Illinois')],
      ['Is everything right', choose('Yes')],
      ['Save a one-page summary', choose('No')],
      ['another case or charge', choose('not sure')],
      ['.', { dk: true }],
    ],
    only: true,
  },
];

function drive(p) {
  const flat = p.only ? p.answers : [...p.answers, ...common];
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['CI', 'NO_COLOR', 'FORCE_COLOR'].includes(k)));
  env.TERM = 'xterm-256color';
  const spec = { argv: [process.execPath, BIN, 'screen', '--as-of', '2026-12-06'], cwd: ROOT, env, answers: flat, timeout: 300 };
  const r = spawnSync('python3', [DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 400000 });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`binary: ${BIN}`);
console.log('| person | prompts | launch -> results, median s (runs) |');
console.log('|---|---:|---:|');
let failed = false;
for (const p of persons) {
  const times = [];
  let prompts;
  let asked;
  for (let i = 0; i < RUNS; i++) {
    const out = drive(p);
    if (out.error) {
      console.error(`${p.name}: ${out.error}\n${out.output.slice(-1500)}`);
      failed = true;
      break;
    }
    times.push(out.seconds);
    // up to the results: the language, the questions and the review (the offer of a summary comes after)
    prompts = out.asked.findIndex(([q]) => /Is everything right/.test(q)) + 1;
    asked = out.asked.slice(0, prompts);
  }
  if (times.length === 0) continue;
  console.log(`| ${p.name} | ${prompts} | ${median(times).toFixed(2)} (${times.length}) |`);
  if (SHOW) for (const [q, a] of asked) console.log(`    ${q}  ->  ${JSON.stringify(a)}`);
}
process.exitCode = failed ? 1 : 0;
