import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerClinics, runClinics } from '../src/cli/commands/clinics.js';
import type { Io } from '../src/cli/io.js';
import { CLINIC_BUNDLE, clinicsHash, readFreshDirectory, serialiseDirectory } from '../src/clinics/bundle.js';
import { SERVICE_GROUPS, nearestClinics } from '../src/clinics/find.js';
import { CLINICS_SCHEMA_FILE, DEFAULT_CLINICS_FILE, loadClinicDirectory, parseClinicDirectory } from '../src/clinics/load.js';
import { describeRule, nextOccurrence, parseRule } from '../src/clinics/schedule.js';
import { REQUIRED_FALLBACK_STATES } from '../src/clinics/states.js';
import type { ClinicDirectory } from '../src/clinics/types.js';
import { lookupZip, milesBetween } from '../src/clinics/zip.js';

const AS_OF = '2026-11-28';
let dir: ClinicDirectory;

beforeAll(() => {
  const r = loadClinicDirectory(undefined, { today: AS_OF });
  expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`)).toEqual([]);
  expect(r.directory).toBeDefined();
  dir = r.directory!;
});

describe('the build-checked clinic bundle (what screening reads)', () => {
  const { file: _f, ...fromYaml } = (() => loadClinicDirectory(undefined, { lookup: null }).directory!)();
  it('holds exactly what data/clinics.yaml gives after validation', () => {
    const b = readFreshDirectory();
    expect(b, `${CLINIC_BUNDLE} missing or stale: run npm run build`).toBeDefined();
    const { file: _g, ...fromBundle } = b!;
    expect(fromBundle).toEqual(fromYaml);
    expect(nearestClinics(b!, { zip: '60619', state: 'IL', limit: 3, asOf: AS_OF })).toEqual(nearestClinics(dir, { zip: '60619', state: 'IL', limit: 3, asOf: AS_OF }));
  });

  it('is ignored once the YAML or the schema changes, or when it is damaged', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'fairshot-clinic-bundle-'));
    const paths = { bundle: join(tmp, 'clinics.bundle.json'), yaml: join(tmp, 'clinics.yaml'), schema: join(tmp, 'clinics.schema.json') };
    copyFileSync(DEFAULT_CLINICS_FILE, paths.yaml);
    copyFileSync(CLINICS_SCHEMA_FILE, paths.schema);
    writeFileSync(paths.bundle, serialiseDirectory(dir, clinicsHash(paths)));
    expect(readFreshDirectory(paths)?.organizations.length).toBe(dir.organizations.length);
    writeFileSync(paths.yaml, `${readFileSync(paths.yaml, 'utf8')}\n# an edit\n`);
    expect(readFreshDirectory(paths)).toBeUndefined();
    writeFileSync(paths.bundle, serialiseDirectory(dir, clinicsHash(paths)));
    expect(readFreshDirectory(paths)).toBeDefined();
    writeFileSync(paths.schema, `${readFileSync(paths.schema, 'utf8')} `);
    expect(readFreshDirectory(paths)).toBeUndefined();
    writeFileSync(paths.bundle, '{"format":1,"hash":');
    expect(readFreshDirectory(paths)).toBeUndefined();
  });
});

describe('bundled directory', () => {
  it('has a statewide fallback for every state and D.C., each with a phone or a website', () => {
    expect(REQUIRED_FALLBACK_STATES).toHaveLength(51);
    for (const st of REQUIRED_FALLBACK_STATES) {
      const list = dir.fallbacks.states[st];
      expect(list, st).toBeDefined();
      expect(list!.some((f) => f.phone || f.url), st).toBe(true);
    }
    expect(dir.fallbacks.national.length).toBeGreaterThan(0);
  });

  it('marks every fact nobody has checked: no entry claims a last_verified date yet', () => {
    for (const o of dir.organizations) expect(o.last_verified, o.id).toBeNull();
    for (const list of Object.values(dir.fallbacks.states)) {
      // A fallback is either flagged unverified or says when and how it was checked against its source.
      for (const f of list) expect(!!f.unverified || !!f.checked, f.id).toBe(true);
    }
  });
});

describe('done-when cities: a local organization comes first', () => {
  const cities: [string, string, string][] = [
    ['Chicago', '60614', 'IL'],
    ['Boston', '02119', 'MA'],
    ['Atlanta', '30303', 'GA'],
    ['Denver', '80202', 'CO'],
    ['Los Angeles', '90011', 'CA'],
    ['Detroit', '48201', 'MI'],
    ['Honolulu', '96813', 'HI'],
    ['New York', '10001', 'NY'],
    ['San Francisco', '94103', 'CA'],
    ['Newark', '07102', 'NJ'],
    ['Philadelphia', '19107', 'PA'],
    ['Seattle', '98101', 'WA'],
    ['Washington, D.C.', '20001', 'DC'],
  ];
  it.each(cities)('%s (%s)', (_city, zip, st) => {
    const r = nearestClinics(dir, { zip, asOf: AS_OF });
    expect(r.state).toBe(st);
    const first = r.clinics[0]!;
    // The state's own record-clearance help, placed near the ZIP when it has a place.
    expect(first.id.startsWith(`${st.toLowerCase()}-`)).toBe(true);
    expect(first.services.some((s) => SERVICE_GROUPS.record_clearance!.includes(s))).toBe(true);
    if (first.distance_miles !== null) expect(first.distance_miles).toBeLessThan(20);
    expect(r.clinics).toHaveLength(3);
    // Offices placed by ZIP come before those placed only at their city.
    const placed = r.clinics.filter((c) => c.kind === 'local');
    const firstCity = placed.findIndex((c) => c.precision === 'city');
    if (firstCity >= 0) expect(placed.slice(firstCity).every((c) => c.precision === 'city' || c.limits.length > 0)).toBe(true);
  });

  it('San Francisco ranks the SF Public Defender above Los Angeles organizations', () => {
    const r = nearestClinics(dir, { zip: '94103', asOf: AS_OF });
    expect(r.clinics[0]!.id).toBe('ca-sf-public-defender-clean-slate');
    expect(r.clinics.some((c) => c.id.startsWith('ca-la-') && c.kind === 'local')).toBe(false);
  });

  it('ranks by the state whose law applies, with distance from where the person is', () => {
    const r = nearestClinics(dir, { zip: '07102', state: 'NY', asOf: AS_OF });
    expect(r.state).toBe('NY');
    expect(r.clinics[0]!.id.startsWith('ny-')).toBe(true);
    expect(r.clinics[0]!.distance_miles!).toBeGreaterThan(5);
    expect(r.notes.join(' ')).toMatch(/Your ZIP is in New Jersey/);
  });
});

describe('fallbacks and bad input', () => {
  it('a ZIP in a state with no listed clinic gets that state fallback first', () => {
    const r = nearestClinics(dir, { zip: '59601', asOf: AS_OF }); // Helena, MT
    expect(r.state).toBe('MT');
    expect(r.clinics[0]!.kind).toBe('state_fallback');
    expect(r.clinics[0]!.state).toBe('MT');
    expect(r.clinics.some((c) => c.kind === 'local')).toBe(false);
    expect(r.notes.join(' ')).toMatch(/No listed clinic within 100 miles serves Montana cases/);
  });

  it('every state and D.C. gets something with --state alone', () => {
    for (const st of REQUIRED_FALLBACK_STATES) {
      const r = nearestClinics(dir, { state: st, asOf: AS_OF });
      expect(r.clinics.length, st).toBeGreaterThan(0);
      expect(r.clinics[0]!.kind, st).toBe('state_fallback');
    }
  });

  it('a malformed ZIP gets a clear note and the statewide fallback', () => {
    for (const bad of ['6061', 'abcde', '606144', '60 614']) {
      const r = nearestClinics(dir, { zip: bad, state: 'IL', asOf: AS_OF });
      expect(r.notes[0]).toContain(`"${bad}" is not a ZIP code`);
      expect(r.origin).toBeNull();
      expect(r.clinics[0]!.kind).toBe('state_fallback');
      expect(r.clinics[0]!.state).toBe('IL');
      expect(r.clinics.some((c) => c.kind === 'local')).toBe(false);
    }
  });

  it('an unknown ZIP (newer than the ZIP list) gets a note and the fallback', () => {
    expect(lookupZip('75036')).toBeUndefined(); // Frisco, TX: created after the list
    const r = nearestClinics(dir, { zip: '75036', state: 'TX', asOf: AS_OF });
    expect(r.notes[0]).toMatch(/ZIP 75036 is not in the offline ZIP list/);
    expect(r.clinics[0]!.kind).toBe('state_fallback');
    expect(r.clinics[0]!.state).toBe('TX');
    const noState = nearestClinics(dir, { zip: '75036', asOf: AS_OF });
    expect(noState.state).toBeNull();
    expect(noState.clinics.length).toBeGreaterThan(0);
    expect(noState.clinics.every((c) => c.kind === 'national')).toBe(true);
  });

  it('ZIP+4 is accepted', () => {
    const r = nearestClinics(dir, { zip: '60614-1234', asOf: AS_OF });
    expect(r.origin?.zip).toBe('60614');
    expect(r.clinics[0]!.kind).toBe('local');
  });
});

describe('residency limits', () => {
  it('Project Clean Slate (Detroit residents only) is listed for a Detroit ZIP', () => {
    const r = nearestClinics(dir, { zip: '48201', asOf: AS_OF });
    expect(r.clinics[0]!.id).toBe('mi-detroit-project-clean-slate');
    expect(r.clinics[0]!.limits.join(' ')).toMatch(/Detroit residents only \(proof of residence required\)/);
  });

  it('and left out, with a note, for a Dearborn ZIP next door', () => {
    const r = nearestClinics(dir, { zip: '48124', asOf: AS_OF });
    expect(r.clinics.map((c) => c.id)).not.toContain('mi-detroit-project-clean-slate');
    expect(r.notes.join(' ')).toMatch(/Not listed: City of Detroit — Project Clean Slate — Detroit residents only; your ZIP 48124 is in Dearborn, MI/);
    expect(r.clinics[0]!.kind).toBe('state_fallback');
  });
});

// ----------------------------------------------------------------------------------------------
// Fixture directories: a minimal valid file with one organization whose events we control.

function fixture(orgs: string, extra = ''): string {
  return `schema_version: "1"
dataset: {name: fixture, generated: 2026-01-01, stale_after_days: 365}
organizations:
${orgs}
fallbacks:
  states:
    IL:
      - {id: il-fallback, name: "Illinois statewide help", kind: legal_aid_program, phone: "(312) 555-0100", url: null, sources: [{title: t, url: "https://example.org"}], last_verified: null}
  national:
    - {id: nat, name: "National help", kind: national_directory, url: "https://example.org", sources: [{title: t, url: "https://example.org"}], last_verified: null}
${extra}`;
}

const EVENTS_ORG = `  - id: il-test-org
    name: Test Clinic
    org_type: legal_aid
    website: "https://example.org/test-clinic"
    serves: {states: [IL]}
    services: [sealing]
    locations:
      - {id: il-test-office, name: Office, kind: office, address: {city: Chicago, state: IL, zip: "60602"}, status: active_per_source}
    events:
      - {id: ev-past, title: "Past fair", kind: one_off, mode: in_person, location_ref: il-test-office, start: 2026-10-03, status: active_per_source}
      - {id: ev-soon, title: "Winter fair", kind: one_off, mode: in_person, location_ref: il-test-office, start: "2027-01-16T10:00", status: active_per_source}
      - {id: ev-today, title: "Today's desk", kind: one_off, mode: in_person, start: 2026-11-28, venue: {name: Library, city: Chicago, state: IL}, status: active_per_source}
      - {id: ev-zoom, title: "Zoom clinic", kind: recurring, mode: virtual, recurrence: {rrule: "FREQ=MONTHLY;BYDAY=2WE,4WE", start_time: "14:00", end_time: "16:00"}, status: active_per_source}
      - {id: ev-ended, title: "Ended series", kind: recurring, mode: in_person, recurrence: {rrule: "FREQ=WEEKLY;BYDAY=TU", valid_to: 2026-06-30}, status: active_per_source}
      - {id: ev-cancelled, title: "Cancelled fair", kind: one_off, mode: in_person, start: 2027-02-01, status: cancelled}
    sources: [{title: t, url: "https://example.org"}]
    last_verified: null`;

describe('events are shown only when upcoming', () => {
  it('hides past, ended and cancelled events and gives the next date of a recurring one', () => {
    const r = parseClinicDirectory('fixture.yaml', fixture(EVENTS_ORG), { today: AS_OF });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const res = nearestClinics(r.directory!, { zip: '60614', asOf: AS_OF });
    const org = res.clinics.find((c) => c.id === 'il-test-org')!;
    expect(org.events.map((e) => [e.id, e.date])).toEqual([
      ['ev-today', '2026-11-28'],
      ['ev-zoom', '2026-12-09'],
      ['ev-soon', '2027-01-16'],
    ]);
    expect(org.events[1]!.time).toBe('14:00–16:00');
    expect(org.events[1]!.recurrence).toBe('2nd and 4th Wednesday of the month');
    expect(org.events[2]!.time).toBe('10:00');
  });

  it('the same data a year later shows only the recurring clinic', () => {
    const r = parseClinicDirectory('fixture.yaml', fixture(EVENTS_ORG), { today: '2027-11-28' });
    const res = nearestClinics(r.directory!, { zip: '60614', asOf: '2027-11-28' });
    const org = res.clinics.find((c) => c.id === 'il-test-org')!;
    expect(org.events.map((e) => e.id)).toEqual(['ev-zoom']);
  });

  it('the real directory hides the 2019 Detroit fair but shows the GBLS Zoom clinic', () => {
    const detroit = nearestClinics(dir, { zip: '48201', asOf: AS_OF }).clinics[0]!;
    expect(detroit.events).toEqual([]);
    const boston = nearestClinics(dir, { zip: '02119', asOf: AS_OF, limit: 5 });
    const gbls = boston.clinics.find((c) => c.id === 'ma-boston-gbls-cori-reentry')!;
    expect(gbls.events[0]).toMatchObject({ id: 'ma-gbls-cori-zoom', date: '2026-12-09', mode: 'virtual' });
  });
});

describe('schedule rules', () => {
  it('reads and describes the RRULE subset', () => {
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH')).toBe('Mon–Thu');
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO,WE,FR')).toBe('Mon, Wed, Fri');
    expect(describeRule('FREQ=MONTHLY;BYDAY=-1FR')).toBe('last Friday of the month');
    expect(nextOccurrence(parseRule('FREQ=MONTHLY;BYDAY=-1FR')!, '2026-11-28')).toBe('2026-12-25');
    expect(nextOccurrence(parseRule('FREQ=MONTHLY')!, '2026-11-28')).toBeNull();
  });

  it('measures great-circle miles', () => {
    const chicago = lookupZip('60602')!;
    const nyc = lookupZip('10007')!;
    expect(milesBetween(chicago, nyc)).toBeGreaterThan(700);
    expect(milesBetween(chicago, nyc)).toBeLessThan(730);
  });
});

describe('a directory file with errors', () => {
  const BAD_ORG = `  - id: il-bad
    name: Bad Clinic
    org_type: legal_aid
    serves: {states: [IX]}
    services: [sealng]
    locations:
      - {id: il-bad-office, name: Office, kind: office, address: {city: Boston, state: MA, zip: 02114}, status: active_per_source}
    sources: [{title: t, url: "https://example.org"}]
    last_verified: null`;

  it('reports schema problems with file:line:col', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'fairshot-clinics-'));
    const file = join(tmp, 'bad.yaml');
    writeFileSync(file, fixture(BAD_ORG));
    const r = loadClinicDirectory(file);
    expect(r.directory).toBeUndefined();
    const msgs = r.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`);
    expect(msgs).toContain('8:16 "sealng" is not allowed here — did you mean "sealing"?');
    expect(msgs).toContain('10:97 ZIP written as a number (2114); put it in quotes so leading zeros survive, e.g. "02114"');
    expect(r.diagnostics.every((d) => d.file === file)).toBe(true);
  });

  it('reports semantic problems with file:line:col: unknown state, duplicate id, wrong-state ZIP, future check date', () => {
    const org = `  - id: il-one
    name: One
    org_type: legal_aid
    website: "https://example.org/one"
    serves: {states: [IX]}
    services: [sealing]
    locations:
      - {id: il-one-office, name: Office, kind: office, address: {city: Chicago, state: IL, zip: "02114"}, status: active_per_source}
    sources: [{ref: nowhere}]
    last_verified: 2027-01-01
  - id: il-one
    name: One again
    org_type: legal_aid
    website: "https://example.org/one-again"
    serves: {states: [IL]}
    services: [sealing]
    sources: [{title: t, url: "https://example.org"}]
    last_verified: null`;
    const r = parseClinicDirectory('dir/clinics.yaml', fixture(org), { today: AS_OF });
    expect(r.directory).toBeUndefined();
    const msgs = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`);
    expect(msgs[0]).toMatch(/^dir\/clinics\.yaml:8:23 unknown state code "IX" — did you mean "I[ADLN]"\?$/);
    expect(msgs.slice(1)).toEqual([
      'dir/clinics.yaml:11:98 ZIP 02114 is in MA (Boston), but the address says IL',
      'dir/clinics.yaml:12:21 unknown source "nowhere"; define it under sources:',
      'dir/clinics.yaml:13:20 last_verified 2027-01-01 is after today (2026-11-28); write the date the entry was actually checked',
      'dir/clinics.yaml:14:9 duplicate id "il-one" (first used on line 4)',
    ]);
  });

  it('reports YAML syntax errors with a position and never throws', () => {
    const r = parseClinicDirectory('x.yaml', 'schema_version: "1"\norganizations: [\n');
    expect(r.directory).toBeUndefined();
    expect(r.diagnostics[0]!.line).toBeGreaterThan(0);
    expect(r.diagnostics[0]!.severity).toBe('error');
  });
});

// ----------------------------------------------------------------------------------------------

function fakeIo(today = AS_OF): Io & { stdoutText: () => string; stderrText: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    color: { out: false, err: false },
    env: {},
    today,
    stdoutText: () => out,
    stderrText: () => err,
  };
}

describe('runClinics', () => {
  it('prints a readable list for a ZIP and exits 0', async () => {
    const io = fakeIo();
    const code = await runClinics({ zip: '60614' }, io);
    expect(code).toBe(0);
    const text = io.stdoutText();
    expect(text).toMatch(/^Free record-clearance help for Illinois cases near 60614 \(Chicago, IL\) — as of 2026-11-28/);
    expect(text).toMatch(/1\. Cabrini Green Legal Aid — \d+\.\d mi/);
    expect(text).toContain('50 W. Washington St., Room 1006, Chicago, IL 60602');
    expect(text).toContain('Hours: Mon–Thu from 09:00');
    expect(text).toContain('unverified:');
    expect(text).not.toMatch(/\u001b\[/); // no colour when io.color.out is false
    expect(io.stderrText()).toBe('');
  });

  it('prints JSON with the ClinicRef fields', async () => {
    const io = fakeIo();
    const code = await runClinics({ zip: '98101', service: 'vacatur', limit: 2, json: true }, io);
    expect(code).toBe(0);
    const j = JSON.parse(io.stdoutText());
    expect(j.state).toBe('WA');
    expect(j.clinics).toHaveLength(2);
    for (const c of j.clinics) expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'distance_miles', 'address', 'phone', 'url']));
    expect(j.clinics[0].id).toBe('wa-civil-survival');
    expect(j.statewide[0].state).toBe('WA');
  });

  it('malformed ZIP: message on stderr, statewide help on stdout, exit 1', async () => {
    const io = fakeIo();
    expect(await runClinics({ zip: '6061', state: 'il' }, io)).toBe(1);
    expect(io.stderrText()).toContain('"6061" is not a ZIP code');
    expect(io.stdoutText()).toContain('statewide help');
  });

  it('usage and input errors', async () => {
    let io = fakeIo();
    expect(await runClinics({}, io)).toBe(2);
    expect(io.stderrText()).toContain('give --zip, --state, --stale or --validate');
    io = fakeIo();
    expect(await runClinics({ zip: '60614', limit: 0 }, io)).toBe(2);
    io = fakeIo();
    expect(await runClinics({ zip: '60614', asOf: '2026-02-30' }, io)).toBe(2);
    io = fakeIo();
    expect(await runClinics({ state: 'Ilinois' }, io)).toBe(1);
    expect(io.stderrText()).toContain('unknown state "Ilinois"');
    io = fakeIo();
    expect(await runClinics({ zip: '60614', service: 'sealng' }, io)).toBe(1);
    expect(io.stderrText()).toContain('did you mean "sealing"');
  });

  it('--stale lists entries never verified, with file:line:col for the volunteer', async () => {
    const io = fakeIo();
    expect(await runClinics({ stale: 365 }, io)).toBe(0);
    const text = io.stdoutText();
    expect(text).toMatch(/^\d+ of \d+ entries not verified in the last 365 days \(as of 2026-11-28\):/);
    expect(text).toMatch(/data\/clinics\.yaml:\d+:\d+ {2}Cabrini Green Legal Aid \[il-chicago-cabrini-green-legal-aid\] — never checked/);
  });

  it('--stale respects a check date inside the window', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'fairshot-clinics-'));
    const file = join(tmp, 'c.yaml');
    const org = EVENTS_ORG.replace('last_verified: null', 'last_verified: 2026-06-01\n    verification: {status: verified, method: phone}');
    writeFileSync(file, fixture(org));
    const io = fakeIo();
    expect(await runClinics({ stale: 365, json: true, data: file }, io)).toBe(0);
    const ids = JSON.parse(io.stdoutText()).entries.map((e: { id: string }) => e.id);
    expect(ids).not.toContain('il-test-org');
    expect(ids).toEqual(['il-fallback', 'nat']);
    const io2 = fakeIo();
    await runClinics({ stale: 100, json: true, data: file }, io2);
    expect(JSON.parse(io2.stdoutText()).entries.map((e: { id: string }) => e.id)).toContain('il-test-org');
  });

  it('a directory file with errors: file:line:col on stderr, exit 1', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'fairshot-clinics-'));
    const file = join(tmp, 'broken.yaml');
    writeFileSync(file, fixture(EVENTS_ORG.replace('services: [sealing]', 'services: [sealing, teleport]')));
    const io = fakeIo();
    expect(await runClinics({ zip: '60614', data: file }, io)).toBe(1);
    expect(io.stderrText()).toMatch(/broken\.yaml:9:\d+ "teleport" is not allowed here/);
    expect(io.stdoutText()).toBe('');
  });
});

describe('registerClinics', () => {
  it('adds a `clinics` subcommand with examples in its help and passes options through', async () => {
    const { Command } = await import('commander');
    const program = new Command('fairshot').exitOverride();
    const io = fakeIo();
    let exit: number | undefined;
    registerClinics(program, () => io, (c) => void (exit = c));
    const help = program.commands.find((c) => c.name() === 'clinics')!.helpInformation();
    expect(help).toContain('--zip <zip>');
    let helpText = '';
    program.commands.find((c) => c.name() === 'clinics')!.configureOutput({ writeOut: (s) => void (helpText += s) });
    program.commands.find((c) => c.name() === 'clinics')!.outputHelp();
    expect(helpText).toContain('  fairshot clinics --zip 60614');
    await program.parseAsync(['clinics', '--zip', '60614', '--limit', '2', '--json', '--as-of', '2026-11-28'], { from: 'user' });
    expect(exit).toBe(0);
    expect(JSON.parse(io.stdoutText()).clinics).toHaveLength(2);
    const io2 = fakeIo();
    const p2 = new Command('fairshot').exitOverride();
    registerClinics(p2, () => io2, (c) => void (exit = c));
    await p2.parseAsync(['clinics', '--zip', '60614', '--limit', 'many'], { from: 'user' });
    expect(exit).toBe(2);
  });
});
