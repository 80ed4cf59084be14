#!/usr/bin/env node
// Where batch time goes, per charge, in one process: csv-parse alone, then intake, the rules,
// clinics, and the CSV writer on records held in memory (best of 6 rounds each).
// The whole run adds streaming and garbage collection on top (bench/batch.mjs measures that).
//
//   npm run build && node bench/stages.mjs [CHARGES=40000]
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const D = join(ROOT, 'dist');
if (!existsSync(join(D, 'io', 'batch-core.js'))) {
  console.error('bench/stages.mjs: run `npm run build` first');
  process.exit(2);
}
const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 40000);
const dir = mkdtempSync(join(tmpdir(), 'fairshot-stages-'));
const file = join(dir, 'people.csv');
if (spawnSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--charges', String(N), '--seed', '42', '--out', file], { stdio: 'inherit' }).status !== 0) process.exit(1);

const { readRecords, csvPersonFields, CSV_PARSE_OPTIONS } = await import(join(D, 'io', 'read-records.js'));
const { intakePerson } = await import(join(D, 'core', 'intake.js'));
const { screenOne } = await import(join(D, 'io', 'batch-core.js'));
const { makeWriter } = await import(join(D, 'io', 'write-results.js'));
const { loadRuleSet } = await import(join(D, 'rules', 'bundle.js'));
const { loadClinicFinder } = await import(join(D, 'io', 'clinic-finder.js'));
const { rules } = loadRuleSet();
const finder = (await loadClinicFinder('2026-11-28')).finder;
const opts = { asOf: '2026-11-28', lang: 'en' };

const parseOnly = async () => {
  for await (const _ of createReadStream(file).pipe(parse(CSV_PARSE_OPTIONS)));
};
const recs = [];
for await (const r of readRecords(createReadStream(file, 'utf8'), 'csv', { sorted: true, personFields: csvPersonFields(rules) })) recs.push(r);
const charges = recs.reduce((n, r) => n + (r.raw?.charges?.length ?? 0), 0);
const stages = [
  ['csv-parse alone (the reader\'s options)', parseOnly],
  ['intake (checking each record)', () => { for (const r of recs) intakePerson(r.raw, rules.facts, { asOf: opts.asOf, row: r.row, chargeRows: r.chargeRows }); }],
  ['+ rules, voting, clinics (screenOne)', () => { for (const r of recs) screenOne(r, rules, opts, finder); }],
  ['+ CSV rows, written (fairshot\'s writer)', async () => {
    const w = await makeWriter('csv', () => {});
    for (const r of recs) w.write(screenOne(r, rules, opts, finder).result);
    w.end();
  }],
];
const best = new Map();
for (let round = 0; round < 6; round++) {
  for (const [name, fn] of stages) {
    const t = performance.now();
    await fn();
    best.set(name, Math.min(best.get(name) ?? Infinity, performance.now() - t));
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`${charges.toLocaleString('en-US')} charges, ${recs.length.toLocaleString('en-US')} persons, Node ${process.version} (best of 6)\n`);
console.log('| step | ms | µs per charge |\n|---|---:|---:|');
for (const [name, ms] of best) console.log(`| ${name} | ${ms.toFixed(0)} | ${((ms * 1000) / charges).toFixed(1)} |`);
