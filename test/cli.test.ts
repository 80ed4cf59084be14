/** The built `fairshot` binary, run as a user would: help, exit codes, streams, formats, colour. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairshot } from './helpers/cli.js';
import { ROOT } from './helpers/rules.js';

const CONTRACT_KEYS = ['id', 'as_of', 'state', 'charges', 'voting', 'clinics', 'warnings', 'errors'];
const SLOT_KEYS = ['status', 'date', 'automatic', 'rule', 'name', 'citation', 'reasons', 'depends_on'];

describe('fairshot --help and usage', () => {
  it('prints help with examples and exit codes, and exits 0', () => {
    const r = fairshot(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: fairshot/);
    expect(r.stdout).toMatch(/check/);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/Exit codes: 0 ok, 1 input or rule-file error, 2 usage error, 130 cancelled/);
  });
  it.each([['check'], ['rules', 'validate'], ['rules', 'test'], ['rules', 'list'], ['rules', 'show'], ['screen'], ['clinics']])(
    '%s has --help with an example',
    (...cmd) => {
      const r = fairshot([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Example/);
    },
  );
  it('an unknown option is a usage error: exit 2, message on stderr, nothing on stdout', () => {
    const r = fairshot(['check', 'examples/il-cannabis.json', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option '--frobnicate'/);
  });
  it('an impossible --as-of is a usage error', () => {
    const r = fairshot(['check', 'examples/il-cannabis.json', '--as-of', '2026-02-30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"2026-02-30" is not a real date/);
  });
  it('without a terminal, plain `fairshot` exits 2 at once with a hint instead of waiting', () => {
    const t0 = Date.now();
    const r = fairshot([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--answers/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(Date.now() - t0).toBeLessThan(10000);
  });
});

describe('fairshot check', () => {
  it('prints the contract output record with --json and explains each verdict with its statute', () => {
    const r = fairshot(['check', 'examples/il-cannabis.json', '--json', '--as-of', '2026-11-28']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(CONTRACT_KEYS);
    expect(out.id).toBe('example-1');
    expect(out.charges).toHaveLength(3);
    for (const c of out.charges) {
      expect(Object.keys(c.relief)).toEqual(['expungement', 'sealing', 'set_aside']);
      for (const s of Object.values(c.relief) as Record<string, unknown>[]) expect(Object.keys(s)).toEqual(SLOT_KEYS);
      for (const rr of c.rules) {
        expect(rr.citation).toMatch(/ILCS|P\.A\./);
        expect(rr.reasons.length).toBeGreaterThan(0);
      }
    }
    expect(out.charges[0].relief.expungement).toMatchObject({ status: 'eligible', rule: 'IL.cannabis-vacate-and-expunge', citation: '20 ILCS 2630/5.2(i)(3)' });
    expect(out.charges[1].relief.expungement).toMatchObject({ status: 'eligible', automatic: true });
    expect(out.voting).toMatchObject({ status: 'can_vote', rule: 'IL.voting' });
    expect(out.voting.next_steps.join(' ')).toMatch(/register/i);
    expect(out.clinics.length).toBeGreaterThan(0);
    expect(out.clinics[0]).toHaveProperty('distance_miles');
  });

  it('keeps input order and gives a broken line its own record with the error, exit 1', () => {
    const input = [
      JSON.stringify({ id: 'a', state: 'IL', charges: [{ category: 'theft', disposition: 'dismissed', disposition_date: '2020-01-01' }] }),
      '{"id": "b", "state": "IL", "charges": [',
      JSON.stringify({ id: 'c', state: 'IL', charges: [{ category: 'theft', disposition_date: '2023-02-30' }] }),
      JSON.stringify({ id: 'd', state: 'IL', charges: [] }),
    ].join('\n');
    const r = fairshot(['check', '-', '--input-format', 'jsonl', '--as-of', '2026-11-28', '--no-clinics'], { input: input });
    expect(r.code).toBe(1);
    const recs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(recs[0].errors).toEqual([]);
    expect(recs[1].errors[0]).toMatchObject({ row: 2 });
    expect(recs[1].errors[0].message).toMatch(/not valid JSON/);
    expect(recs[2].errors[0]).toMatchObject({ row: 3, charge: 0, field: 'disposition_date' });
    expect(recs[2].charges).toEqual([]);
    expect(recs[3].errors).toEqual([]);
  });

  it('reads CSV, one row per charge, grouped by id', () => {
    const r = fairshot(['check', 'examples/people.csv', '--as-of', '2026-11-28', '--no-clinics']);
    expect(r.code).toBe(0);
    const recs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((x) => x.id)).toEqual(['A-1', 'B-2', 'C-3']);
    expect(recs[0].charges).toHaveLength(2);
    expect(recs[1].voting.status).toBe('not_yet');
    // a DUI conviction: only a Prisoner Review Board certificate could open sealing, and the answer says so
    expect(recs[2].charges[0].relief.sealing.status).toBe('needs_review');
    expect(recs[2].charges[0].relief.sealing.depends_on.map((d: { fact: string }) => d.fact)).toContain('il_pardon_or_certificate');
  });

  it('writes CSV with formula injection defused', () => {
    const input = 'id,state,category,disposition,offense\n"=HYPERLINK(""x"")",IL,theft,dismissed,+1 theft\n';
    const r = fairshot(['check', '-', '--input-format', 'csv', '--format', 'csv', '--as-of', '2026-11-28', '--no-clinics'], { input });
    expect(r.stdout.split('\n')[0]).toBe('id,as_of,state,charge,relief,status,date,automatic,rule,name,citation,reasons,voting_status,errors');
    expect(r.stdout).toContain(`"'=HYPERLINK(""x"")"`);
    expect(r.stdout).not.toMatch(/^=/m);
    expect(r.stdout).toMatch(/,1,expungement,eligible,/);
  });

  it('warns once per unknown field name, on stderr', () => {
    const input = JSON.stringify([
      { id: 'a', state: 'IL', shoe: 1, charges: [{ colour: 'red' }] },
      { id: 'b', state: 'IL', shoe: 2, charges: [{ colour: 'blue' }] },
    ]);
    const r = fairshot(['check', '-', '--input-format', 'json', '--no-clinics'], { input });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/unknown field "shoe"/g)).toHaveLength(1);
    expect(r.stderr.match(/unknown field "colour"/g)).toHaveLength(1);
  });

  it('a missing file is an input error, exit 1', () => {
    const r = fairshot(['check', 'nope.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read nope\.json: no such file/);
  });

  it('the table honours NO_COLOR and --no-color, and colours when forced', () => {
    const plain = fairshot(['check', 'examples/il-cannabis.json', '--format', 'table', '--no-clinics']);
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    expect(plain.stdout).toMatch(/✔ Expungement: may apply now/);
    const forced = fairshot(['check', 'examples/il-cannabis.json', '--format', 'table', '--no-clinics'], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[/);
    const off = fairshot(['check', 'examples/il-cannabis.json', '--format', 'table', '--no-clinics', '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(off.stdout).not.toMatch(/\x1b\[/);
  });

  it('speaks Spanish with --lang es', () => {
    const r = fairshot(['--lang', 'es', 'check', 'examples/il-cannabis.json', '--format', 'table', '--no-clinics', '--as-of', '2026-11-28']);
    expect(r.stdout).toMatch(/puede aplicar ahora/);
    expect(r.stdout).toMatch(/Dónde presentar/);
    expect(r.stdout).toMatch(/no asesoría legal/);
  });
});

describe('fairshot rules', () => {
  it('list shows Illinois with its remedies and review date', () => {
    const r = fairshot(['rules', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/IL\s+Illinois\s+expungement, sealing.*2026-12-06/);
    // a state known for voting only
    expect(r.stdout).toMatch(/TX\s+Texas\s+—\s+0\s+yes/);
  });
  it('show prints a summary generated from the rule files, with citations', () => {
    const r = fairshot(['rules', 'show', 'il']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/# Illinois \(IL\)/);
    expect(r.stdout).toMatch(/20 ILCS 2630\/5\.2\(i\)\(3\)/);
    expect(r.stdout).toMatch(/Eligible on the latest of the waits/);
  });
  it('show of an unknown state is a usage error naming the known ones', () => {
    const r = fairshot(['rules', 'show', 'ZZ']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no rules for "ZZ"; known: .*IL/);
  });
  it('test IL passes and ends with a count', () => {
    const r = fairshot(['rules', 'test', 'IL']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toMatch(/^\d+ passed, 0 failed$/);
  });
});

describe('the bundled and the unbundled build', () => {
  // bin/fairshot.js runs dist/app/ (bundled by scripts/build-app.mjs) when it is there, and falls
  // back to dist/cli/ (plain tsc output) when esbuild was not installed: both must answer alike.
  it('dist/app exists after the build, and dist/cli/main.js gives the same results and worker output', () => {
    expect(existsSync(join(ROOT, 'dist', 'app', 'main.js'))).toBe(true);
    const args = ['batch', 'test/fixtures/batch/broken.csv', '--as-of', '2026-11-28', '--format', 'jsonl', '--jobs', '1', '--quiet'];
    const bundled = fairshot(args);
    const plain = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(bundled.stdout.length).toBeGreaterThan(100);
    expect(plain.stdout).toBe(bundled.stdout);
    expect(plain.status).toBe(bundled.code);
  });
});

describe('inputs the built binary reads (bundled code paths: YAML, standard input)', () => {
  const yamlPeople = '- id: y1\n  state: IL\n  charges:\n    - {category: cannabis_possession, disposition: dismissed, cannabis_grams: 10, arrest_date: 2018-01-01}\n- id: y2\n  state: IL\n  charges: []\n';
  it('check reads a YAML list of persons', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-cli-'));
    const file = join(dir, 'people.yaml');
    writeFileSync(file, yamlPeople);
    const r = fairshot(['check', file, '--as-of', '2026-11-28', '--format', 'jsonl']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; charges: { relief: { expungement: { status: string } } }[] });
    expect(out.map((o) => o.id)).toEqual(['y1', 'y2']);
    expect(out[0]!.charges[0]!.relief.expungement.status).toBe('eligible');
  });
  it('check - tells YAML, pretty JSON, JSON Lines and CSV apart on standard input', () => {
    const pretty = JSON.stringify({ id: 'p', state: 'IL', charges: [] }, null, 2);
    const lines = `${JSON.stringify({ id: 'l1', state: 'IL', charges: [] })}\n${JSON.stringify({ id: 'l2', state: 'IL', charges: [] })}\n`;
    const csv = 'id,state,category,disposition\nc1,IL,theft,dismissed\n';
    const ids = (input: string) => {
      const r = fairshot(['check', '-', '--as-of', '2026-11-28', '--format', 'jsonl'], { input });
      expect(r.code).toBe(0);
      return r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    };
    expect(ids(yamlPeople)).toEqual(['y1', 'y2']);
    expect(ids(pretty)).toEqual(['p']);
    expect(ids(lines)).toEqual(['l1', 'l2']);
    expect(ids(csv)).toEqual(['c1']);
    const bad = fairshot(['check', '-'], { input: 'hello' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--input-format/);
  });
  it('screen --answers - reads a YAML person from standard input without prompting', () => {
    const r = fairshot(['screen', '--answers', '-', '--as-of', '2026-11-28'], {
      input: 'state: IL\nzip: "60614"\ncharges:\n  - {category: cannabis_possession, disposition: not_charged, cannabis_grams: 20, arrest_date: 2017-03-01}\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/not legal advice/i);
    expect(r.stdout).toMatch(/20 ILCS 2630\/5\.2/);
  });
});

describe('the table says what to ask a lawyer', () => {
  it('for a remedy that may apply now, not only for one that is unclear', () => {
    const person = JSON.stringify({ id: 'z', state: 'IL', charges: [{ category: 'theft', level: 'misdemeanor', disposition: 'dismissed', disposition_date: '2020-01-01' }] });
    const r = fairshot(['check', '-', '--format', 'table', '--no-clinics', '--as-of', '2026-11-28'], { input: person });
    expect(r.code).toBe(0);
    const flat = r.stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(/Expungement: may apply now/);
    expect(flat).toMatch(/Ask a lawyer: If the case was "stricken with leave to reinstate" \(SOL\)/);
  });
});
