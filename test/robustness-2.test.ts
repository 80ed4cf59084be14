/**
 * Hostile inputs, second round (issue 25, ../shared/research/robustness-test-2026-12.md: M9, M10,
 * L6, L10), through the built binary. Every input is generated here, small. Build first:
 * `npm run build`.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fairshot } from './helpers/cli.js';
import { ROOT } from './helpers/rules.js';

const AS_OF = '2026-11-28';
const opts = ['--as-of', AS_OF, '--no-clinics'];
let tmp: string;
let n = 0;
const fresh = () => {
  const d = join(tmp, `d${n++}`);
  mkdirSync(d);
  return d;
};

type Out = { id: string | null; state: string | null; charges: unknown[]; errors: { row?: number; charge?: number; field?: string; message: string }[] };
const jsonl = (s: string): Out[] =>
  s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Out);

function noInternalError(stderr: string) {
  expect(stderr).not.toMatch(/something went wrong|Maximum call stack|^\s+at .+:\d+:\d+\)?$/m);
}

/** A copy of the shipped rules with one edit to one file (the edit must change it). */
function rulesVariant(file: string, edit: (text: string) => string): string {
  const d = fresh();
  cpSync(join(ROOT, 'rules'), join(d, 'rules'), { recursive: true });
  const f = join(d, 'rules', file);
  const before = readFileSync(f, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(f, after);
  return join(d, 'rules');
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fairshot-robust2-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('text that is not UTF-8 (M9)', () => {
  const latin1 = (s: string) => Buffer.from(s, 'latin1');

  it('M9: a Latin-1 offense in CSV is an error naming row and field, never screened garbled (batch and check)', () => {
    const file = join(fresh(), 'latin1.csv');
    writeFileSync(file, latin1('id,state,offense\np1,IL,POSESIÓN\np2,IL,POSESIÒN\np3,IL,possession\n'));
    for (const cmd of ['batch', 'check']) {
      const r = fairshot([cmd, file, ...opts, '--format', 'jsonl']);
      expect(r.code).toBe(1);
      const out = jsonl(r.stdout);
      expect(out.map((o) => o.id)).toEqual(['p1', 'p2', 'p3']);
      expect(out[0]!.errors[0]).toMatchObject({ row: 2, charge: 0, field: 'offense', message: expect.stringMatching(/not valid UTF-8 .*save the file as UTF-8/) });
      expect(out[1]!.errors[0]).toMatchObject({ row: 3, field: 'offense' });
      expect(out[0]!.charges).toEqual([]);
      expect(out[2]!.errors).toEqual([]);
      if (cmd === 'batch') expect(r.stderr).toMatch(/row 2, person p1, charge 1, offense: not valid UTF-8/);
      noInternalError(r.stderr);
    }
  }, 60_000);

  it('M9: two Latin-1 ids that read alike (JOSÉ-1, JOSÍ-1) are two error records, never one person, and the counts add up', () => {
    const file = join(fresh(), 'ids.csv');
    writeFileSync(file, latin1('id,state,offense\nJOSÉ-1,IL,theft\nJOSÍ-1,IL,theft\nJOSÉ-1,IL,theft\nok,IL,theft\n'));
    const r = fairshot(['batch', file, ...opts]);
    expect(r.code).toBe(1);
    const out = jsonl(r.stdout);
    expect(out.map((o) => [o.id, o.errors[0]?.row, o.errors[0]?.field])).toEqual([[null, 2, 'id'], [null, 3, 'id'], [null, 4, 'id'], ['ok', undefined, undefined]]);
    expect(r.stderr).toMatch(/3 records with errors \(3 input rows\)/);
  }, 60_000);

  it('M9: in JSONL a person field or a charge field with bytes that are not UTF-8 is named; the same text in UTF-8 is read', () => {
    const file = join(fresh(), 'bytes.jsonl');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('{"id":"a","state":"IL","zip":"606'),
        Buffer.from([0xff]),
        Buffer.from('4","charges":[]}\n{"id":"b","state":"IL","charges":[{"offense":"theft"},{"offense":"x'),
        Buffer.from([0xfe]),
        Buffer.from('"}]}\n{"id":"c","state":"IL","charges":[{"offense":"POSESIÓN"}]}\n'),
        // the check walks nested values without recursion: a million-deep unknown field is still read
        Buffer.from(`{"id":"d","state":"IL","x":${'{"a":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)},"charges":[]}\n`),
      ]),
    );
    const r = fairshot(['batch', file, ...opts]);
    expect(r.code).toBe(1);
    const out = jsonl(r.stdout);
    expect(out[0]!.errors[0]).toMatchObject({ row: 1, field: 'zip', message: expect.stringMatching(/not valid UTF-8/) });
    expect(out[1]!.errors[0]).toMatchObject({ row: 2, charge: 1, field: 'offense' });
    expect(out[2]!.errors).toEqual([]);
    expect(out[2]!.charges.length).toBe(1);
    expect(out[3]).toMatchObject({ id: 'd', errors: [] });
  }, 60_000);
});

describe('two columns with the same name (L6)', () => {
  it('L6: of two state columns the later is read, as docs/batch.md says, and a warning names them (batch and check)', () => {
    const file = join(fresh(), 'dup.csv');
    writeFileSync(file, 'id,state,offense,state\np1,CA,theft,IL\np1,,retail theft,IL\n');
    for (const cmd of ['batch', 'check']) {
      const r = fairshot([cmd, file, ...opts, '--format', 'jsonl']);
      expect(r.code).toBe(0);
      const out = jsonl(r.stdout);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ id: 'p1', state: 'IL', errors: [] });
      expect(out[0]!.charges).toHaveLength(2);
      expect(r.stderr.match(/warning: the header names "state" more than once \(columns 2, 4\); only the last of them \(column 4\) is read/g)).toHaveLength(1);
    }
  }, 60_000);

  it('L6: two id columns: the later is the id, and the warning says so', () => {
    const file = join(fresh(), 'dupid.csv');
    writeFileSync(file, 'id,state,ID,offense\na,IL,x,theft\nb,IL,y,theft\n');
    const r = fairshot(['batch', file, ...opts]);
    expect(jsonl(r.stdout).map((o) => o.id)).toEqual(['x', 'y']);
    expect(r.stderr).toMatch(/the header names "id" more than once \(columns 1, 3\)/);
  }, 60_000);
});

describe('one value where one belongs (L9, found again by the rerun)', () => {
  it('L9: a ZIP code given as a list is an error naming zip, not read as its text', () => {
    const file = join(fresh(), 'zip.jsonl');
    writeFileSync(file, '{"id":"a","state":"IL","zip":["60614"],"charges":[]}\n{"id":"b","state":"IL","zip":{"z":"60614"},"charges":[]}\n');
    const r = fairshot(['batch', file, ...opts]);
    expect(r.code).toBe(1);
    const out = jsonl(r.stdout);
    expect(out[0]!.errors[0]).toMatchObject({ field: 'zip', message: 'expected one value, found a list' });
    expect(out[1]!.errors[0]).toMatchObject({ field: 'zip', message: 'expected one value, found an object' });
  }, 60_000);
});

describe('a result too large to write as JSON (J14, M3, found again by the rerun)', () => {
  it('J14: the person whose results are too large gets an error record and the run exits 1, counting it (batch in workers, check)', () => {
    // ~90,000 charges make a result over V8's 512 MB string limit (about 20 s and 1.3 GB a run)
    const charge = { offense: 'theft', category: 'theft', level: 'misdemeanor', disposition: 'dismissed', disposition_date: '2019-01-01' };
    const file = join(fresh(), 'many.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'many', state: 'IL', charges: Array(90_000).fill(charge) })}\n${JSON.stringify({ id: 'few', state: 'IL', charges: [charge] })}\n`);
    for (const args of [['batch', '--jobs', '1'], ['check']]) {
      const r = fairshot([args[0]!, file, ...opts, '--format', 'jsonl', ...args.slice(1)], { timeout: 240_000 });
      expect(r.code).toBe(1);
      const out = jsonl(r.stdout);
      expect(out.map((o) => o.id)).toEqual(['many', 'few']);
      expect(out[0]!.errors[0]).toMatchObject({ field: 'charges', message: expect.stringMatching(/too large to write as JSON/) });
      if (args[0] === 'batch') expect(r.stderr).toMatch(/1 record with errors/);
    }
  }, 500_000);
});

describe('rule patterns on long texts (M10)', () => {
  it('M10: a pattern that is slow on long texts (a*a*b passes the lint) is tried on 1,000 characters only: a 300,000-character class takes seconds, not minutes', () => {
    // the class pattern of il_last_sentence_end (read for a traffic conviction) made quadratic
    const rules = rulesVariant(join('IL', 'jurisdiction.yaml'), (s) => s.replace('{fact: class, matches: "class\\\\s*c\\\\b"}', '{fact: class, matches: "^a*a*b"}'));
    expect(fairshot(['rules', 'validate', '--rules', rules], { timeout: 60_000 }).code).toBe(0);
    const file = join(fresh(), 'long.jsonl');
    const charge = { offense: 'x', class: 'a'.repeat(300_000), disposition: 'convicted', category: 'traffic', level: 'misdemeanor', disposition_date: '2015-01-01' };
    writeFileSync(file, `${JSON.stringify({ id: 'p1', state: 'IL', charges: [charge, charge] })}\n`);
    const started = Date.now();
    const r = fairshot(['check', file, '--rules', rules, ...opts, '--format', 'jsonl'], { timeout: 60_000 });
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(jsonl(r.stdout)[0]!.charges).toHaveLength(2);
  }, 130_000);
});

describe('rule folders (L10)', () => {
  it('L10: a condition that holds itself through an alias (&c {all: [.., *c]}) is an error at the alias, not an internal error', () => {
    const rules = rulesVariant(join('IL', 'jurisdiction.yaml'), (s) =>
      s.replace('      where:\n        all:\n          - {fact: disposition, eq: convicted}\n', '      where: &c\n        all:\n          - {fact: disposition, eq: convicted}\n          - *c\n'),
    );
    const v = fairshot(['rules', 'validate', '--rules', rules]);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toMatch(/IL\/jurisdiction\.yaml:\d+:\d+ \*c refers to a node that contains it/);
    noInternalError(v.stderr);
    const c = fairshot(['check', 'examples/il-cannabis.json', '--rules', rules, '--no-clinics']);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/\*c refers to a node that contains it/);
    noInternalError(c.stderr);
  }, 60_000);

  it("L10: a permissive or missing schema/ does not decide: rule files are checked against fairshot's own schema", () => {
    const permissive = rulesVariant(join('schema', 'rule-file.schema.json'), () => '{}\n');
    // with a schema that lets anything through, a broken rule file must still be caught
    writeFileSync(join(permissive, 'IL', 'zz-broken.yaml'), 'rules:\n  - id: IL.broken\n    kind: nonsense\n');
    const v = fairshot(['rules', 'validate', '--rules', permissive]);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).toMatch(/schema\/rule-file\.schema\.json:1:1 warning: differs from fairshot's own rule-file\.schema\.json/);
    expect(v.stdout + v.stderr).toMatch(/IL\/zz-broken\.yaml:\d+:\d+/);
    noInternalError(v.stderr);

    const d = fresh();
    cpSync(join(ROOT, 'rules'), join(d, 'rules'), { recursive: true });
    rmSync(join(d, 'rules', 'schema'), { recursive: true });
    const ok = fairshot(['rules', 'validate', '--rules', join(d, 'rules')]);
    expect(ok.code).toBe(0);
    const c = fairshot(['check', 'examples/il-cannabis.json', '--rules', join(d, 'rules'), '--no-clinics', '--format', 'jsonl']);
    expect(c.code).toBe(0);
    expect(jsonl(c.stdout)[0]!.state).toBe('IL');
  }, 60_000);

  it('L10: --rules naming a folder that does not exist is one clear error (validate and check)', () => {
    const missing = join(tmp, 'no-such-rules');
    for (const args of [['rules', 'validate'], ['check', 'examples/il-cannabis.json', '--no-clinics']]) {
      const r = fairshot([...args, '--rules', missing]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot load the rule files in .*no-such-rules: .*no-such-rules is missing/);
      expect(r.stderr).not.toMatch(/schema/);
      noInternalError(r.stderr);
    }
  }, 60_000);
});
