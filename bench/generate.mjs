#!/usr/bin/env node
// A seeded generator of realistic Illinois case files for `fairshot batch` benchmarks and demos.
//
//   node bench/generate.mjs --charges 1000000 --format csv --out /tmp/people.csv [--seed 42] [--shuffle] [--as-of 2026-11-28]
//   node bench/generate.mjs --charges 5000 --format jsonl > people.jsonl
//
// Same seed, same file. Persons have 1-8 charges (mean about 2.6) drawn from a mix shaped like an
// Illinois court export: traffic and DUI, cannabis and other drug possession, retail theft, battery,
// a few serious felonies; most cases end in conviction, many in supervision or dismissal. About 3%
// of persons live in another state (WI, IN) and some facts are left blank (unknown), as in real data.
// CSV: one row per charge, person fields on the person's first row, rows of a person adjacent
// (sorted by id) unless --shuffle. No row is malformed: broken-row fixtures live in test/fixtures/batch.
import { createWriteStream } from 'node:fs';

function args(argv) {
  const o = { charges: 10000, format: 'csv', seed: 42, shuffle: false, out: '-', asOf: '2026-11-28' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--charges' || a === '-n') o.charges = Number(v());
    else if (a === '--format') o.format = v();
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--shuffle') o.shuffle = true;
    else if (a === '--out' || a === '-o') o.out = v();
    else if (a === '--as-of') o.asOf = v();
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node bench/generate.mjs [--charges N] [--format csv|jsonl] [--seed S] [--shuffle] [--out FILE] [--as-of YYYY-MM-DD]\n');
      process.exit(0);
    } else {
      process.stderr.write(`generate.mjs: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(o.charges) || o.charges < 0) throw new Error('--charges must be a whole number');
  if (!['csv', 'jsonl'].includes(o.format)) throw new Error('--format must be csv or jsonl');
  return o;
}

// mulberry32: small, fast, seeded.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZIPS_IL = ['60614', '60601', '60609', '60617', '60619', '60623', '60624', '60628', '60636', '60644', '60651', '60653', '60411', '60466', '60085', '60120', '60505', '60432', '61101', '61603', '61820', '62701', '62703', '62901', '62206', '61701', '60901', '61201'];
const OTHER = [
  { state: 'WI', zips: ['53204', '53703'] },
  { state: 'IN', zips: ['46320', '46204'] },
];

// [category, weight, level choices, statute, offense]
const OFFENSES = [
  ['traffic', 14, ['petty', 'misdemeanor'], '625 ILCS 5/6-303', 'driving while license suspended'],
  ['dui', 8, ['misdemeanor', 'misdemeanor', 'felony'], '625 ILCS 5/11-501', 'driving under the influence'],
  ['cannabis_possession', 12, ['misdemeanor', 'misdemeanor', 'petty', 'felony'], '720 ILCS 550/4', 'possession of cannabis'],
  ['cannabis_sale', 2, ['misdemeanor', 'felony'], '720 ILCS 550/5', 'manufacture/delivery of cannabis'],
  ['cannabis_paraphernalia', 2, ['petty', 'misdemeanor'], '720 ILCS 600/3.5', 'possession of drug paraphernalia'],
  ['drug_possession', 10, ['felony', 'felony', 'misdemeanor'], '720 ILCS 570/402(c)', 'possession of a controlled substance'],
  ['drug_sale', 3, ['felony'], '720 ILCS 570/401', 'manufacture/delivery of a controlled substance'],
  ['theft', 12, ['misdemeanor', 'misdemeanor', 'felony'], '720 ILCS 5/16-25', 'retail theft'],
  ['fraud', 2, ['misdemeanor', 'felony'], '720 ILCS 5/17-1', 'deceptive practices'],
  ['burglary', 3, ['felony'], '720 ILCS 5/19-1', 'burglary'],
  ['property_damage', 4, ['misdemeanor', 'felony'], '720 ILCS 5/21-1', 'criminal damage to property'],
  ['trespass', 4, ['misdemeanor'], '720 ILCS 5/21-3', 'criminal trespass to real property'],
  ['public_order', 5, ['misdemeanor', 'petty'], '720 ILCS 5/26-1', 'disorderly conduct'],
  ['prostitution', 1, ['misdemeanor'], '720 ILCS 5/11-14', 'prostitution'],
  ['weapons', 3, ['felony', 'misdemeanor'], '720 ILCS 5/24-1.6', 'aggravated unlawful use of a weapon'],
  ['assault', 6, ['misdemeanor', 'misdemeanor', 'felony'], '720 ILCS 5/12-3', 'battery'],
  ['domestic_violence', 4, ['misdemeanor', 'felony'], '720 ILCS 5/12-3.2', 'domestic battery'],
  ['robbery', 1, ['felony'], '720 ILCS 5/18-1', 'robbery'],
  ['homicide', 0.2, ['felony'], '720 ILCS 5/9-1', 'first degree murder'],
  ['sex_offense', 0.5, ['felony', 'misdemeanor'], '720 ILCS 5/11-1.50', 'criminal sexual abuse'],
  ['other', 2, ['misdemeanor', 'petty'], '', 'other offense'],
];
const TOTAL_W = OFFENSES.reduce((s, o) => s + o[1], 0);

const CLASS = { felony: ['Class 4', 'Class 4', 'Class 3', 'Class 2', 'Class 1', 'Class X'], misdemeanor: ['Class A', 'Class A', 'Class B', 'Class C'], petty: ['petty offense'], infraction: [''] };
const DISPOSITIONS = [
  ['convicted', 52], ['dismissed', 20], ['supervision_completed', 12], ['not_charged', 8], ['acquitted', 3], ['diversion_completed', 5],
];
const TOTAL_D = DISPOSITIONS.reduce((s, d) => s + d[1], 0);

export const COLUMNS = [
  'id', 'state', 'zip', 'birth_date', 'pending_charges', 'incarcerated', 'on_parole', 'on_probation', 'registered_sex_offender',
  'case_number', 'court', 'offense', 'statute', 'category', 'level', 'class', 'disposition', 'disposition_date', 'arrest_date',
  'offense_date', 'sentence_type', 'sentence_completed', 'sentence_completed_date', 'fines_paid', 'cannabis_grams',
];

export function* persons(opts) {
  const r = rng(opts.seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const asOfDay = Date.parse(`${opts.asOf}T00:00:00Z`) / 86400000;
  const iso = (day) => new Date(day * 86400000).toISOString().slice(0, 10);
  const maybe = (p, v) => (r() < p ? v : undefined);
  let made = 0;
  let n = 0;
  while (made < opts.charges) {
    n++;
    const other = r() < 0.03 ? pick(OTHER) : null;
    const birth = asOfDay - Math.floor((19 + r() * 50) * 365.25);
    const k = Math.min(opts.charges - made, 1 + Math.floor(-Math.log(1 - r()) * 1.6) % 8);
    const incarcerated = r() < 0.04;
    const person = {
      id: `P${String(n).padStart(8, '0')}`,
      state: other ? other.state : 'IL',
      zip: maybe(0.9, other ? pick(other.zips) : pick(ZIPS_IL)),
      birth_date: maybe(0.85, iso(birth)),
      pending_charges: maybe(0.7, r() < 0.08),
      incarcerated: maybe(0.8, incarcerated),
      on_parole: maybe(0.7, r() < 0.04),
      on_probation: maybe(0.7, r() < 0.08),
      registered_sex_offender: maybe(0.6, r() < 0.01),
      charges: [],
    };
    let caseNo = 0;
    for (let i = 0; i < k; i++) {
      let x = r() * TOTAL_W;
      let off = OFFENSES[0];
      for (const o of OFFENSES) if ((x -= o[1]) < 0) { off = o; break; }
      const level = pick(off[2]);
      let y = r() * TOTAL_D;
      let disp = 'convicted';
      for (const d of DISPOSITIONS) if ((y -= d[1]) < 0) { disp = d[0]; break; }
      const offenseDay = Math.max(birth + 18 * 365, asOfDay - Math.floor(r() * 25 * 365) - 30);
      const dispDay = Math.min(asOfDay - 1, offenseDay + Math.floor(r() * 400));
      const convicted = disp === 'convicted';
      const sentence = convicted ? (level === 'felony' ? pick(['prison', 'probation', 'probation', 'jail']) : pick(['fine', 'fine', 'probation', 'jail', 'none'])) : undefined;
      const doneDay = convicted ? dispDay + Math.floor(r() * (sentence === 'prison' ? 2500 : 700)) : undefined;
      const done = doneDay !== undefined && doneDay < asOfDay;
      if (r() < 0.7) caseNo++;
      person.charges.push({
        case_number: `${2000 + Math.floor((dispDay - 10957) / 365.25) % 30}CR${String(n * 7 + caseNo).padStart(6, '0')}`,
        court: 'state',
        offense: off[4],
        statute: maybe(0.8, off[3]) || undefined,
        category: off[0],
        level,
        class: maybe(0.75, pick(CLASS[level])) || undefined,
        disposition: disp,
        disposition_date: maybe(0.95, iso(dispDay)),
        arrest_date: maybe(0.6, iso(offenseDay)),
        offense_date: maybe(0.8, iso(offenseDay)),
        sentence_type: sentence,
        sentence_completed: convicted ? maybe(0.6, done) : undefined,
        sentence_completed_date: convicted && done && !incarcerated ? maybe(0.7, iso(doneDay)) : undefined,
        fines_paid: convicted ? maybe(0.6, r() < 0.75) : undefined,
        cannabis_grams: off[0].startsWith('cannabis') ? maybe(0.7, Math.round(r() * (level === 'felony' ? 2000 : 40) * 10) / 10) : undefined,
      });
    }
    made += k;
    yield person;
  }
}

const cell = (v) => {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function csvRowsOf(p) {
  const rows = [];
  p.charges.forEach((c, i) => {
    const rec = { ...(i === 0 ? p : { id: p.id }), ...c };
    rows.push(COLUMNS.map((k) => cell(rec[k])).join(','));
  });
  if (p.charges.length === 0) rows.push(COLUMNS.map((k) => cell(p[k])).join(','));
  return rows;
}

async function main() {
  const o = args(process.argv.slice(2));
  const out = o.out === '-' ? process.stdout : createWriteStream(o.out);
  let buf = '';
  const write = async (s) => {
    buf += s;
    if (buf.length > 1 << 16) {
      const ok = out.write(buf);
      buf = '';
      if (!ok) await new Promise((r) => out.once('drain', r));
    }
  };
  if (o.format === 'jsonl') {
    for (const p of persons(o)) {
      const clean = JSON.parse(JSON.stringify(p)); // drops undefined
      await write(`${JSON.stringify(clean)}\n`);
    }
  } else {
    await write(`${COLUMNS.join(',')}\n`);
    if (o.shuffle) {
      const rows = [];
      for (const p of persons(o)) rows.push(...csvRowsOf(p));
      const r = rng(o.seed ^ 0x9e3779b9);
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [rows[i], rows[j]] = [rows[j], rows[i]];
      }
      for (const row of rows) await write(`${row}\n`);
    } else {
      for (const p of persons(o)) for (const row of csvRowsOf(p)) await write(`${row}\n`);
    }
  }
  out.write(buf);
  if (out !== process.stdout) out.end();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    process.stderr.write(`generate.mjs: ${e.message}\n`);
    process.exitCode = 2;
  });
}
