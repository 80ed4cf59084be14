/**
 * Issue 23: for the 13 clinic cities of the 2026-12 audit, `fairshot clinics --zip` (the built
 * binary) puts in front of a person help they can use: record clearance, a way to reach it, the
 * state's own help; the specific wrong entries of the audit stay out of the top three; and the
 * directory lint fails on an entry with no contact, on a duplicate and on a missing source.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_GROUPS } from '../src/clinics/find.js';
import { fairshot } from './helpers/cli.js';
import { ROOT } from './helpers/rules.js';

const AS_OF = '2026-12-06';
const CLEARANCE = SERVICE_GROUPS.record_clearance!;

interface Entry {
  id: string;
  name: string;
  kind: string;
  distance_miles: number | null;
  precision: string | null;
  address: string | null;
  phone: string | null;
  url: string | null;
  email: string | null;
  services: string[];
  limits: string[];
  events: unknown[];
}

function clinics(args: string[]): { clinics: Entry[]; statewide: Entry[]; notes: string[] } {
  const r = fairshot(['clinics', ...args, '--as-of', AS_OF, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

const reachable = (c: Entry) => !!(c.phone || c.url || c.email || (c.address && c.precision !== 'city') || c.events.length > 0);
const clears = (c: Entry) => c.services.some((s) => CLEARANCE.includes(s)) || (c.kind === 'state_fallback' && c.services.length === 0);

/** ZIP, state, the first entry a legal-aid worker there would name, entries that must not be in the top three. */
const CITIES: [string, string, string, string[]][] = [
  ['60623', 'IL', 'il-chicago-cabrini-green-legal-aid', ['il-chicago-urban-league']],
  ['02119', 'MA', 'ma-boston-gbls-cori-reentry', ['ma-boston-bba-cori-sealing-clinic']],
  ['30310', 'GA', 'ga-atlanta-georgia-justice-project', ['ga-georgia-legal-services-program']],
  ['80205', 'CO', 'co-denver-county-court-sealing', ['co-aurora-second-chance-center', 'co-colorado-legal-services']],
  ['90011', 'CA', 'ca-la-a-new-way-of-life-reentry-legal-clinic', []],
  ['48204', 'MI', 'mi-detroit-project-clean-slate', []],
  ['96817', 'HI', 'hi-hcjdc-expungements', ['hi-honolulu-legal-aid-society-of-hawaii', 'hi-legal-aid-society-of-hawaii']],
  ['10027', 'NY', 'ny-nyc-legal-action-center', ['ny-bronx-bronx-defenders', 'ny-nyc-community-service-society-next-door']],
  ['94110', 'CA', 'ca-sf-public-defender-clean-slate', ['ca-legal-aid-foundation-of-los-angeles']],
  ['07102', 'NJ', 'nj-newark-volunteer-lawyers-for-justice', []],
  ['19140', 'PA', 'pa-philadelphia-community-legal-services', []],
  ['20019', 'DC', 'dc-legal-aid-dc-reentry-justice-project', ['dc-law-students-in-court-expungement-clinic']],
  ['98118', 'WA', 'wa-civil-survival', ['wa-king-county-the-records-project', 'wa-seattle-urban-league-vacating-records']],
];

describe('the 13 audit cities: the top three are help a person can act on', () => {
  it.each(CITIES)('%s (%s)', (zip, st, firstId, never) => {
    const { clinics: top } = clinics(['--zip', zip]);
    expect(top).toHaveLength(3);
    const first = top[0]!;
    expect(first.id).toBe(firstId);
    // The first offers record clearance and is the state's own help, near when it has a place.
    expect(first.services.some((s) => CLEARANCE.includes(s))).toBe(true);
    expect(first.id.startsWith(`${st.toLowerCase()}-`)).toBe(true);
    if (first.distance_miles !== null && first.precision !== 'city') expect(first.distance_miles).toBeLessThan(10);
    for (const c of top) {
      expect(reachable(c), `${c.id} has no way to reach it`).toBe(true);
      expect(clears(c), `${c.id} does not clear records`).toBe(true);
      expect(never).not.toContain(c.id);
      expect(c.kind, `${c.id}: a national entry while the state has its own`).not.toBe('national');
    }
    // One organization once: no two entries share a website or a phone number.
    const urls = top.map((c) => c.url?.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')).filter(Boolean);
    const phones = top.map((c) => c.phone?.replace(/\D/g, '').slice(-10)).filter(Boolean);
    expect(new Set(urls).size).toBe(urls.length);
    expect(new Set(phones).size).toBe(phones.length);
  });
});

describe('the wrong entries the audit names', () => {
  it('60623 Chicago: the adult Daley Center desk first; the juvenile-only desk says so', () => {
    const { clinics: top } = clinics(['--zip', '60623']);
    expect(top[0]!.address).toMatch(/50 W\. Washington/);
    const lac = top.find((c) => c.id === 'il-chicago-legal-aid-chicago')!;
    expect(lac.limits.join(' ')).toMatch(/juvenile records only/);
    expect(lac.url).toBe('https://legalaidchicago.org');
  });

  it('96817 Honolulu: the civil-only legal aid office is not first; with --service civil_legal it is found', () => {
    const { clinics: top } = clinics(['--zip', '96817']);
    expect(top.map((c) => c.id)).not.toContain('hi-honolulu-legal-aid-society-of-hawaii');
    expect(clinics(['--zip', '96817', '--service', 'civil_legal']).clinics[0]!.id).toBe('hi-honolulu-legal-aid-society-of-hawaii');
  });

  it('10027 Harlem: The Bronx Defenders (own Bronx clients) only after everyone else, with the limit shown', () => {
    const { clinics: all } = clinics(['--zip', '10027', '--limit', '20']);
    const bd = all.findIndex((c) => c.id === 'ny-bronx-bronx-defenders');
    expect(bd).toBeGreaterThan(2);
    expect(all[bd]!.limits.join(' ')).toMatch(/own clients only/);
    expect(all[bd]!.limits.join(' ')).toMatch(/Bronx County cases only/);
  });

  it('80205 Denver: Second Chance Center is 5.6 mi at its own address, and not record-clearance help', () => {
    const { clinics: top } = clinics(['--zip', '80205', '--service', 'housing']);
    const scc = top.find((c) => c.id === 'co-aurora-second-chance-center')!;
    expect(scc.distance_miles).toBe(5.6);
    expect(scc.precision).toBe('zip');
    expect(scc.address).toMatch(/224 Potomac/);
  });

  it('80205 Denver: a statewide fallback that can help with record sealing comes before one that cannot help with criminal matters', () => {
    const { statewide } = clinics(['--zip', '80205']);
    expect(statewide[0]!.services).toContain('sealing');
    const cls = statewide.find((c) => c.id === 'co-colorado-legal-services')!;
    expect(cls.services).not.toContain('sealing');
  });

  it('98118 Seattle: every one of the three has a phone or a website, the CLEAR hotline among them', () => {
    const { clinics: top } = clinics(['--zip', '98118']);
    expect(top.some((c) => c.phone)).toBe(true);
    expect(top.map((c) => c.id)).toContain('wa-northwest-justice-project-clear-hotline');
  });

  it('07102 Newark: Legal Services of New Jersey once', () => {
    const { clinics: top } = clinics(['--zip', '07102', '--limit', '10']);
    expect(top.filter((c) => /Legal Services of New Jersey/.test(c.name))).toHaveLength(1);
  });

  it('fallbacks in the region that holds the ZIP come first (94110 SF, 30310 Atlanta)', () => {
    const sf = clinics(['--zip', '94110', '--limit', '10']).clinics.map((c) => c.id);
    expect(sf.indexOf('ca-bay-area-legal-aid')).toBeLessThan(sf.indexOf('ca-legal-aid-foundation-of-los-angeles'));
    const atl = clinics(['--zip', '30310', '--limit', '10']).clinics.map((c) => c.id);
    expect(atl.indexOf('ga-atlanta-legal-aid-society')).toBeLessThan(atl.indexOf('ga-georgia-legal-services-program'));
  });

  it('a city-centre placement is never printed as a distance to an office', () => {
    const r = fairshot(['clinics', '--zip', '90011', '--as-of', AS_OF]);
    expect(r.stdout).toMatch(/Los Angeles County Public Defender — serves the whole city/);
    expect(r.stdout).not.toMatch(/city centre/);
    expect(r.stdout).toMatch(/checked 2026-12: /);
    const pd = clinics(['--zip', '90011']).clinics.find((c) => c.id === 'ca-la-county-public-defender')!;
    expect(pd.precision).toBe('city');
    expect(pd.distance_miles).toBeNull();
    const check = fairshot(['check', '-', '--json', '--as-of', AS_OF], {
      input: JSON.stringify({ id: 'la', state: 'CA', zip: '90011', charges: [{ category: 'theft', level: 'misdemeanor', disposition: 'dismissed', disposition_date: '2020-01-01' }] }),
    });
    const refs = (JSON.parse(check.stdout) as { clinics: { id: string; distance_miles: number | null }[] }).clinics;
    for (const ref of refs.filter((c) => c.id === 'ca-la-legal-aid-foundation-of-los-angeles' || c.id === 'ca-la-county-public-defender')) {
      expect(ref.distance_miles).toBeNull();
    }
  });
});

describe('the directory lint (fairshot clinics --validate)', () => {
  const base = readFileSync(join(ROOT, 'data', 'clinics.yaml'), 'utf8');
  const validate = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-lint-'));
    const file = join(dir, 'clinics.yaml');
    writeFileSync(file, text);
    return fairshot(['clinics', '--validate', '--data', file]);
  };
  const org = (extra: string) =>
    base.replace(
      '\norganizations:\n',
      `\norganizations:\n  - id: il-lint-test\n    name: Lint Test\n    org_type: legal_aid\n    serves: {states: [IL]}\n    services: [sealing]\n${extra}    last_verified: null\n`,
    );

  it('passes the real directory', () => {
    const r = fairshot(['clinics', '--validate']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/no Spanish/);
  });

  it('fails on an entry with no way to reach it', () => {
    const r = validate(org('    sources: [{title: t, url: "https://example.org/x"}]\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"Lint Test" has no phone, website, email or street address/);
  });

  it('fails on a duplicate (same phone as another organization)', () => {
    const r = validate(org('    phones: [{number: "(212) 243-1313"}]\n    sources: [{title: t, url: "https://example.org/x"}]\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/duplicate of "(Lint Test|Legal Action Center)" \(same phone number\)/);
  });

  it('fails on a missing source', () => {
    const r = validate(org('    website: "https://example.org/lint"\n    sources: []\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sources/);
  });

  it('warns on displayed text without Spanish', () => {
    const r = validate(org('    website: "https://example.org/lint"\n    notes: "Call on Mondays only."\n    sources: [{title: t, url: "https://example.org/x"}]\n'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no Spanish for "Call on Mondays only\."/);
  });
});
