/**
 * Ranking free record-clearance help for one person. Pure: no clock (the as-of date is passed
 * in), no file reads; the ZIP database is reached through a `ZipLookup` (the default one loads
 * the `zipcodes` package on first use).
 *
 * Order of the answer:
 *   1. organizations that serve the state whose law applies and have a place within
 *      `nearMiles` of the person's ZIP centroid, nearest first (great-circle miles);
 *   2. organizations serving that state with no place to measure from (phone/online/pop-up);
 *   3. the state's fallback (statewide legal aid line or website);
 *   4. farther organizations; 5. national fallbacks.
 * Residency limits (e.g. "Detroit residents only") remove an organization when the person's
 * ZIP shows they do not qualify. An unknown or malformed ZIP gets a note and the fallbacks.
 */
import { describeHours, describeRule, nextOccurrence, parseRule } from './schedule.js';
import { STATE_NAMES, normalizeState } from './states.js';
import type {
  ClinicEvent,
  ClinicResult,
  DirectoryData,
  Fallback,
  Location,
  Organization,
  Source,
  UpcomingEvent,
  Venue,
} from './types.js';
import { ZIP_DATA_VINTAGE, defaultZipLookup, milesBetween, normalizeZip, type LatLon, type ZipLookup, type ZipPlace } from './zip.js';

export const SERVICE_TAGS = [
  'sealing', 'expungement', 'vacatur', 'set_aside', 'reclassification', 'arrest_record', 'juvenile',
  'cannabis', 'pardon', 'certificate_of_rehabilitation',
  'rap_sheet', 'rap_sheet_correction', 'fingerprinting',
  'court_debt', 'warrant_recall', 'drivers_license',
  'eligibility_screening', 'petition_preparation', 'court_representation', 'efiling_help', 'self_help', 'referral',
  'voting_restoration', 'voter_registration',
  'employment', 'employment_rights', 'housing', 'id_documents', 'health', 'food', 'education', 'civil_legal',
] as const;

/** Names a caller may pass as `service` that stand for several tags. */
export const SERVICE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  record_clearance: [
    'sealing', 'expungement', 'vacatur', 'set_aside', 'reclassification', 'arrest_record', 'juvenile', 'cannabis',
    'pardon', 'certificate_of_rehabilitation',
  ],
  rap_sheet: ['rap_sheet', 'rap_sheet_correction', 'fingerprinting'],
  voting: ['voting_restoration', 'voter_registration'],
  employment: ['employment', 'employment_rights'],
};

export function isKnownService(s: string): boolean {
  return (SERVICE_TAGS as readonly string[]).includes(s) || s in SERVICE_GROUPS;
}

export function knownServices(): string[] {
  return [...new Set([...SERVICE_TAGS, ...Object.keys(SERVICE_GROUPS)])].sort();
}

export interface NearestOptions {
  /** The person's ZIP (where they are). */
  zip?: string | null;
  /** The state whose law applies (where the case was). Defaults to the ZIP's state. */
  state?: string | null;
  service?: string | null;
  limit?: number;
  /** YYYY-MM-DD: events before this date are hidden. */
  asOf: string;
  /** Organizations farther than this rank after the state fallback. Default 100. */
  nearMiles?: number;
  lookup?: ZipLookup;
}

export interface NearestResult {
  clinics: ClinicResult[];
  notes: string[];
  /** The state whose fallbacks apply, or null when it could not be told. */
  state: string | null;
  /** Where distances were measured from. */
  origin: ZipPlace | null;
  /** The state's fallback entries in full, whatever made it into `clinics`. */
  statewide: ClinicResult[];
}

const VERIFICATION_RANK: Record<string, number> = { verified: 0, partial: 1, unverified: 2, stale: 3 };

/** Placeholder in a ZIP note, filled once we know whose help is shown. */
const SHOWING = '\u0000showing\u0000';

export function nearestClinics(directory: DirectoryData, opts: NearestOptions): NearestResult {
  const lookup = opts.lookup ?? defaultZipLookup;
  const limit = Math.max(1, Math.floor(opts.limit ?? 3));
  const nearMiles = opts.nearMiles ?? 100;
  const notes: string[] = [];
  const sources = directory.sources ?? {};

  // Where is the person?
  let origin: ZipPlace | null = null;
  const rawZip = opts.zip?.trim();
  if (rawZip) {
    const zip = normalizeZip(rawZip);
    if (!zip) {
      notes.push(`"${rawZip}" is not a ZIP code (expected 5 digits, like 60614). ${SHOWING}`);
    } else {
      origin = lookup.lookupZip(zip) ?? null;
      if (!origin) {
        notes.push(
          `ZIP ${zip} is not in the offline ZIP list (${ZIP_DATA_VINTAGE}); it may be newer than the list or mistyped. ` +
            `${SHOWING} Try a neighbouring ZIP to see distances.`,
        );
      }
    }
  }

  // Whose law applies?
  let state: string | null = null;
  if (opts.state) {
    state = normalizeState(opts.state) ?? null;
    if (!state) notes.push(`"${opts.state}" is not a US state, D.C. or territory code.`);
  }
  if (!state && origin) state = origin.state;
  // What an unreadable ZIP falls back to: the state's help when the state is known, else national.
  const showing = state ? `Showing ${STATE_NAMES[state] ?? state} statewide help instead.` : 'Showing national help instead.';
  for (let i = 0; i < notes.length; i++) notes[i] = notes[i]!.replace(SHOWING, showing);
  if (state && origin && origin.state !== state) {
    notes.push(
      `Your ZIP is in ${STATE_NAMES[origin.state] ?? origin.state}; showing help with ${STATE_NAMES[state] ?? state} cases ` +
        '(the state whose law applies), with distances from your ZIP.',
    );
  }

  const national = directory.fallbacks.national.map((f) => fallbackResult(f, 'national', null, sources));
  if (!state) {
    notes.push('Give the state whose law applies to see clinics there; meanwhile, national help:');
    return { clinics: national.slice(0, limit), notes, state: null, origin, statewide: [] };
  }

  const statewide = (directory.fallbacks.states[state] ?? []).map((f) => fallbackResult(f, 'state_fallback', state, sources));
  if (statewide.length === 0) notes.push(`The directory has no statewide fallback for ${state}; showing national help.`);

  let service = opts.service?.trim() || null;
  if (service && !isKnownService(service)) {
    notes.push(`Unknown service "${service}"; showing every service.`);
    service = null;
  }
  const wanted = service ? new Set(SERVICE_GROUPS[service] ?? [service]) : null;

  if (!origin) {
    const clinics = dedupe([...statewide, ...national]).slice(0, Math.max(limit, 1));
    return { clinics, notes: withCallFirst(notes, clinics), state, origin, statewide };
  }

  const near: ClinicResult[] = [];
  const far: ClinicResult[] = [];
  const placeless: ClinicResult[] = [];
  for (const org of directory.organizations) {
    if (org.status === 'historical') continue;
    if (!org.serves.states.includes(state)) continue;
    if (wanted && !org.services.some((s) => wanted.has(s))) continue;
    const residency = checkResidency(org, origin);
    if (!residency.ok) {
      notes.push(`Not listed: ${org.name} — ${residency.reason}.`);
      continue;
    }
    const result = orgResult(org, origin, state, opts.asOf, lookup, sources);
    if (residency.limit) result.limits.push(residency.limit);
    if (result.distance_miles === null) placeless.push(result);
    else if (result.distance_miles <= nearMiles) near.push(result);
    else far.push(result);
  }
  const byDistance = (a: ClinicResult, b: ClinicResult) =>
    (a.distance_miles ?? Infinity) - (b.distance_miles ?? Infinity) ||
    (VERIFICATION_RANK[a.verification] ?? 9) - (VERIFICATION_RANK[b.verification] ?? 9) ||
    a.name.localeCompare(b.name);
  near.sort(byDistance);
  far.sort(byDistance);
  placeless.sort((a, b) => b.events.length - a.events.length || a.name.localeCompare(b.name));

  if (near.length === 0) {
    const what = service ? `${service} help` : 'clinic';
    notes.push(`No listed ${what} within ${nearMiles} miles serves ${STATE_NAMES[state] ?? state} cases; statewide help is listed.`);
  }
  const clinics = dedupe([...near, ...placeless, ...statewide, ...far, ...national]).slice(0, limit);

  for (const c of directory.campaigns ?? []) {
    for (const inst of c.instances) {
      if (inst.end >= opts.asOf && inst.start <= addDays(opts.asOf, 60)) {
        notes.push(`${inst.name ?? c.name} runs ${inst.start} to ${inst.end}: look for a free local event${c.website ? ` (${c.website})` : ''}.`);
      }
    }
  }
  return { clinics, notes: withCallFirst(notes, clinics), state, origin, statewide };
}

function withCallFirst(notes: string[], shown: ClinicResult[]): string[] {
  if (shown.some((c) => c.last_verified === null)) {
    notes.push('Call before you go: listings without a "last checked" date have not been confirmed by a person.');
  }
  return notes;
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function squash(s: string): string {
  return s.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}

function dedupe(list: ClinicResult[]): ClinicResult[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = squash(c.name);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

interface ResidencyCheck {
  ok: boolean;
  reason?: string;
  limit?: string;
}

export function checkResidency(org: Organization, place: ZipPlace | null): ResidencyCheck {
  const r = org.serves.residency;
  if (!r) return { ok: true };
  const names = r.names ?? [];
  const label =
    r.kind === 'state' ? `${STATE_NAMES[r.state] ?? r.state} residents only`
    : r.kind === 'zip' ? `residents of ZIPs ${(r.zips ?? []).join(', ')} only`
    : `${names.join(', ')}${r.kind === 'county' ? ' County' : ''} residents only`;
  const limit = `${label}${r.proof_required ? ' (proof of residence required)' : ''}`;
  if (!place) return { ok: false, reason: `${label}, and your ZIP could not be checked` };
  if (r.zips?.length) {
    return r.zips.includes(place.zip) ? { ok: true, limit } : { ok: false, reason: `${label}; your ZIP ${place.zip} is outside` };
  }
  if (r.kind === 'state') {
    return place.state === r.state ? { ok: true, limit } : { ok: false, reason: `${label}; your ZIP is in ${place.state}` };
  }
  if (r.kind === 'city') {
    const inCity = place.state === r.state && names.some((n) => squash(n) === squash(place.city));
    return inCity ? { ok: true, limit } : { ok: false, reason: `${label}; your ZIP ${place.zip} is in ${place.city}, ${place.state}` };
  }
  // County limits cannot be checked from a ZIP offline: keep the entry, say the limit.
  return { ok: true, limit: `${limit} — check you qualify` };
}

interface Placed {
  point: LatLon;
  precision: 'geo' | 'zip' | 'city';
}

function placeOf(addr: { city?: string | null; state?: string; zip?: string | null }, geo: LatLon | undefined, lookup: ZipLookup): Placed | undefined {
  if (geo) return { point: geo, precision: 'geo' };
  if (addr.zip) {
    const z = lookup.lookupZip(addr.zip);
    if (z) return { point: z, precision: 'zip' };
  }
  if (addr.city && addr.state) {
    const c = lookup.lookupCity(addr.city, addr.state);
    if (c) return { point: c, precision: 'city' };
  }
  return undefined;
}

export function formatAddress(a: { street?: string | null; unit?: string | null; city?: string | null; state?: string; zip?: string | null } | undefined): string | null {
  if (!a) return null;
  const line1 = [a.street, a.unit].filter(Boolean).join(', ');
  const line2 = [a.city, [a.state, a.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const out = [line1, line2].filter(Boolean).join(', ');
  return out || null;
}

function formatPhone(p: { number: string; ext?: string } | undefined): string | null {
  if (!p) return null;
  return p.ext ? `${p.number} ext. ${p.ext}` : p.number;
}

function sourceUrls(list: Source[], shared: Record<string, { url: string }>): string[] {
  return [...new Set(list.map((s) => ('ref' in s ? shared[s.ref]?.url : s.url)).filter((u): u is string => !!u))];
}

function orgResult(
  org: Organization,
  origin: ZipPlace,
  state: string,
  asOf: string,
  lookup: ZipLookup,
  shared: Record<string, { url: string }>,
): ClinicResult {
  const locations = (org.locations ?? []).filter((l) => l.status === 'active_per_source');
  const events = upcomingEvents(org, asOf);

  let best: { loc?: Location; venue?: Venue; placed: Placed; miles: number } | undefined;
  for (const loc of locations) {
    const placed = placeOf(loc.address, loc.geo, lookup);
    if (!placed) continue;
    const miles = milesBetween(origin, placed.point);
    if (!best || miles < best.miles) best = { loc, placed, miles };
  }
  // An upcoming in-person event with a known venue also counts as a place to go.
  for (const { event } of events) {
    if (event.mode === 'virtual' || !event.venue || event.location_ref) continue;
    const placed = placeOf(event.venue, undefined, lookup);
    if (!placed) continue;
    const miles = milesBetween(origin, placed.point);
    if (!best || miles < best.miles) best = { venue: event.venue, placed, miles };
  }
  const loc = best?.loc;
  const phone = org.phones?.[0];
  const unverified = [loc?.unverified && `place: ${loc.unverified}`, phone?.unverified && `phone: ${phone.unverified}`].filter(
    (u): u is string => !!u,
  );
  const limits: string[] = [];
  if (org.serves.counties?.length) limits.push(`handles ${org.serves.counties.join(', ')} County cases`);
  if (org.serves.focus_areas?.length) limits.push(`focus: ${org.serves.focus_areas.join(', ')}`);
  const notes = [org.serves.notes, loc?.notes, org.notes, org.prerequisites && `Bring: ${org.prerequisites}`].filter(
    (n): n is string => !!n,
  );
  if (org.new_participation?.length && events.length === 0) {
    notes.push(`Took part in National Expungement Week (${org.new_participation.join(', ')}): ask about this year's event.`);
  }
  return {
    name: org.name,
    distance_miles: best ? Math.round(best.miles * 10) / 10 : null,
    address: loc ? formatAddress(loc.address) : best?.venue ? formatAddress(best.venue) : null,
    phone: formatPhone(phone),
    url: org.website ?? null,
    id: org.id,
    kind: best ? 'local' : 'statewide',
    state,
    location: loc?.name ?? best?.venue?.name ?? null,
    precision: best?.placed.precision ?? null,
    email: org.email ?? null,
    hours: (loc?.hours ?? []).map(describeHours).filter(Boolean),
    languages: [...new Set([...(org.languages ?? []), ...(loc?.languages ?? [])])],
    services: [...org.services],
    limits,
    events: events.map((e) => e.view).slice(0, 3),
    notes,
    last_verified: org.last_verified,
    verification: org.verification?.status ?? 'unverified',
    unverified,
    sources: sourceUrls(org.sources, shared),
  };
}

function fallbackResult(f: Fallback, kind: 'state_fallback' | 'national', state: string | null, shared: Record<string, { url: string }>): ClinicResult {
  return {
    name: f.name,
    distance_miles: null,
    address: null,
    phone: f.phone ?? null,
    url: f.url ?? null,
    id: f.id,
    kind,
    state,
    location: null,
    precision: null,
    email: null,
    hours: [],
    languages: [],
    services: f.services ?? [],
    limits: [],
    events: [],
    notes: f.note ? [f.note] : [],
    last_verified: f.last_verified,
    verification: f.last_verified ? 'verified' : 'unverified',
    unverified: f.unverified ? [f.unverified] : [],
    sources: sourceUrls(f.sources, shared),
  };
}

/** Events worth showing on `asOf`: one-offs not yet over, recurring ones still running. */
export function upcomingEvents(org: Organization, asOf: string): { event: ClinicEvent; view: UpcomingEvent }[] {
  const out: { event: ClinicEvent; view: UpcomingEvent; sortKey: string }[] = [];
  for (const e of org.events ?? []) {
    if (e.status === 'past' || e.status === 'cancelled' || e.status === 'suspended_per_source') continue;
    let date: string | null = null;
    let time: string | null = null;
    let recurrence: string | null = null;
    if (e.kind === 'one_off') {
      if (!e.start) continue;
      const last = (e.end ?? e.start).slice(0, 10);
      if (last.length === 7 ? last < asOf.slice(0, 7) : last < asOf) continue;
      date = e.start.slice(0, 10);
      time = e.start.length > 10 ? e.start.slice(11) : null;
    } else {
      const r = e.recurrence ?? {};
      if (r.valid_to && r.valid_to < asOf) continue;
      if (r.rrule) {
        recurrence = describeRule(r.rrule);
        const rule = parseRule(r.rrule);
        if (rule && rule.byday.length > 0) {
          date = nextOccurrence(rule, asOf, r.valid_from, r.valid_to);
          if (!date) continue;
        }
      } else if (r.note) {
        recurrence = 'recurring';
      }
      time = r.start_time ? (r.end_time ? `${r.start_time}–${r.end_time}` : r.start_time) : null;
    }
    const loc = e.location_ref ? org.locations?.find((l) => l.id === e.location_ref) : undefined;
    const where = e.mode === 'virtual' ? 'online' : loc ? `${loc.name}, ${formatAddress(loc.address)}` : formatVenue(e.venue);
    const reg = e.registration;
    const registration = reg
      ? [reg.required ? 'registration required' : null, reg.phone, reg.email, reg.url].filter(Boolean).join(', ') || null
      : null;
    out.push({
      event: e,
      view: {
        id: e.id,
        title: e.title,
        date,
        time,
        recurrence: recurrence && e.recurrence?.note && !date ? `${recurrence} (${e.recurrence.note})` : recurrence,
        mode: e.mode,
        where,
        registration,
        status: e.status,
        unverified: e.unverified ?? null,
      },
      sortKey: date ?? '9999',
    });
  }
  out.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  return out.map(({ event, view }) => ({ event, view }));
}

function formatVenue(v: Venue | undefined): string | null {
  if (!v) return null;
  return [v.name, formatAddress(v)].filter(Boolean).join(', ') || null;
}
