/**
 * Ranking free record-clearance help for one person. Pure: no clock (the as-of date is passed
 * in), no file reads; the ZIP database is reached through a `ZipLookup` (the default one loads
 * the `zipcodes` package on first use).
 *
 * Order of the answer (docs/clinics.md, "How ranking works"):
 *   1. record-clearance organizations with a place within `nearMiles` that anyone may use,
 *      offices placed by ZIP or point before those placed only at their city, nearest first;
 *   2. nearby ones with a stated limit the ZIP cannot rule in (another county, a juvenile-only desk);
 *   3. organizations serving the state by phone, online or at pop-up clinics;
 *   4. the state's fallbacks, those whose region holds the ZIP first; then pop-up-only
 *      organizations with nothing scheduled and no phone;
 *   5. farther organizations, then organizations that help only their own clients;
 *   6. national fallbacks; 7. last: entries that do not clear records (unless `service` asks
 *      for what they do) and entries with no way to reach them.
 * Residency limits (e.g. "Detroit residents only") remove an organization when the person's
 * ZIP shows they do not qualify. Entries of one organization (same website or phone) are shown
 * once. An unknown or malformed ZIP gets a note and the fallbacks. With `lang: 'es'` every
 * sentence is Spanish; directory text goes through the directory's `translations.es`.
 */
import { describeHours, describeRule, nextOccurrence, parseRule } from './schedule.js';
import { FINDER_WORDS, type ClinicLang, type FinderWords } from './words.js';
import { STATE_NAMES, STATE_NAMES_ES, normalizeState } from './states.js';
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
  /** Language of every sentence in the answer (default English). */
  lang?: ClinicLang;
  /** States of the person's cases other than `state`: each one's statewide help is added after the list. */
  otherStates?: string[];
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
const CLEARANCE = new Set(SERVICE_GROUPS.record_clearance);

/** Text in the answer's language: the finder's words, and a translator for directory text. */
interface Speaker {
  lang: ClinicLang;
  w: FinderWords;
  tr: (text: string) => string;
}

export function speaker(directory: DirectoryData, lang: ClinicLang = 'en'): Speaker {
  const table = lang === 'es' ? (directory.translations?.es ?? {}) : {};
  return { lang, w: FINDER_WORDS[lang], tr: (text) => (lang === 'es' ? (table[text] ?? text) : text) };
}

/** Ranking facts kept beside each result while sorting (never shown). */
interface Ranked {
  r: ClinicResult;
  tier: number;
  /** 0: placed by point or ZIP; 1: placed at its city only. */
  coarse: number;
}

export function nearestClinics(directory: DirectoryData, opts: NearestOptions): NearestResult {
  const lookup = opts.lookup ?? defaultZipLookup;
  const limit = Math.max(1, Math.floor(opts.limit ?? 3));
  const nearMiles = opts.nearMiles ?? 100;
  const notes: string[] = [];
  const sources = directory.sources ?? {};
  const sp = speaker(directory, opts.lang ?? 'en');
  const { w } = sp;
  const stateName = (st: string) => (sp.lang === 'es' ? STATE_NAMES_ES[st] : undefined) ?? STATE_NAMES[st] ?? st;

  // Where is the person?
  let origin: ZipPlace | null = null;
  const rawZip = opts.zip?.trim();
  if (rawZip) {
    const zip = normalizeZip(rawZip);
    if (!zip) {
      notes.push(w.notAZip(rawZip));
    } else {
      origin = lookup.lookupZip(zip) ?? null;
      if (!origin) notes.push(w.zipNotListed(zip, ZIP_DATA_VINTAGE));
    }
  }

  // Whose law applies?
  let state: string | null = null;
  if (opts.state) {
    state = normalizeState(opts.state) ?? null;
    if (!state) notes.push(w.notAState(opts.state));
  }
  if (!state && origin) state = origin.state;
  // An unreadable ZIP with no state to fall back on: the help listed is national, and the note says so.
  if (!state) for (let i = 0; i < notes.length; i++) notes[i] = notes[i]!.replace(w.statewideShown, w.nationalShown);
  if (state && origin && origin.state !== state) notes.push(w.otherState(stateName(origin.state), stateName(state)));

  const national = directory.fallbacks.national.map((f) => fallbackResult(f, 'national', null, sources, sp));
  if (!state) {
    notes.push(w.giveState);
    return { clinics: national.slice(0, limit), notes, state: null, origin, statewide: [] };
  }

  let service = opts.service?.trim() || null;
  if (service && !isKnownService(service)) {
    notes.push(w.unknownService(service));
    service = null;
  }
  const wanted = service ? new Set(SERVICE_GROUPS[service] ?? [service]) : null;
  // What the person came for: what --service names, else record clearance.
  const helps = (services: readonly string[]) => services.some((s) => (wanted ?? CLEARANCE).has(s));

  const stateFallbacks = directory.fallbacks.states[state] ?? [];
  const statewide = orderFallbacks(stateFallbacks, origin).map((f) => fallbackResult(f, 'state_fallback', state, sources, sp));
  if (statewide.length === 0) notes.push(w.noFallback(state));

  const ranked: Ranked[] = [];
  const LAST = 9;
  // Fallbacks name services rarely; one that names them and none of the wanted ones goes last.
  const fallbackTier = (r: ClinicResult, tier: number) => (r.services.length > 0 && !helps(r.services) ? LAST : tier);
  statewide.forEach((r) => ranked.push({ r, tier: fallbackTier(r, 4), coarse: 0 }));
  national.forEach((r) => ranked.push({ r, tier: fallbackTier(r, 7), coarse: 0 }));

  let nearCount = 0;
  if (origin) {
    for (const org of directory.organizations) {
      if (org.status === 'historical') continue;
      if (!org.serves.states.includes(state)) continue;
      if (wanted && !org.services.some((s) => wanted.has(s))) continue;
      const residency = checkResidency(org, origin, sp);
      if (!residency.ok) {
        notes.push(w.notListed(org.name, residency.reason!));
        continue;
      }
      const { result, limited } = orgResult(org, origin, state, opts.asOf, lookup, sources, sp);
      if (residency.limit) result.limits.push(residency.limit);
      const reachable = !!(result.phone || result.url || result.email || hasStreet(org, result) || result.events.length > 0);
      let tier: number;
      if (!reachable || !helps(org.services)) tier = LAST;
      else if (org.serves.clients_only) tier = 6;
      // Pop-up clinics with nothing scheduled and no phone: after the state's standing help.
      else if (result.distance_miles === null) tier = popUpOnly(org) && result.events.length === 0 && !result.phone ? 4.5 : 3;
      else if (result.distance_miles > nearMiles) tier = 5;
      else tier = limited ? 2 : 1;
      if (!helps(org.services) && !wanted) result.limits.push(w.noRecordClearance);
      if (!reachable) result.limits.push(w.noContact);
      if (result.distance_miles !== null && result.distance_miles <= nearMiles && tier < LAST) nearCount++;
      ranked.push({ r: result, tier, coarse: result.precision === 'city' ? 1 : 0 });
    }
    const what = service === 'record_clearance' ? w.recordClearance : service ? service.replace(/_/g, ' ') : null;
    if (nearCount === 0) notes.push(w.noneNear(what, nearMiles, stateName(state)));
  }

  const order = new Map<ClinicResult, number>();
  ranked.forEach((x, i) => order.set(x.r, i));
  ranked.sort(
    (a, b) =>
      a.tier - b.tier ||
      (a.tier <= 2 ? a.coarse - b.coarse : 0) ||
      (a.tier === 4 || a.tier === 7 ? order.get(a.r)! - order.get(b.r)! : 0) ||
      (a.r.distance_miles ?? Infinity) - (b.r.distance_miles ?? Infinity) ||
      (VERIFICATION_RANK[a.r.verification] ?? 9) - (VERIFICATION_RANK[b.r.verification] ?? 9) ||
      b.r.events.length - a.r.events.length ||
      a.r.name.localeCompare(b.r.name),
  );
  const clinics = dedupe(ranked.map((x) => x.r)).slice(0, limit);
  // Cases in other states: each such state's first fallback after the list (its law decides them).
  for (const other of new Set((opts.otherStates ?? []).map((x) => normalizeState(x)).filter((x): x is string => !!x && x !== state))) {
    const first = orderFallbacks(directory.fallbacks.states[other] ?? [], null)[0];
    if (!first) continue;
    const r = fallbackResult(first, 'state_fallback', other, sources, sp);
    if (dedupe([...clinics, r]).length > clinics.length) {
      clinics.push(r);
      notes.push(w.caseElsewhere(stateName(other)));
    }
  }

  for (const c of directory.campaigns ?? []) {
    for (const inst of c.instances) {
      if (inst.end >= opts.asOf && inst.start <= addDays(opts.asOf, 60)) {
        notes.push(w.campaign(sp.tr(inst.name ?? c.name), inst.start, inst.end, c.website ?? null));
      }
    }
  }
  return { clinics, notes: withCallFirst(notes, clinics, w), state, origin, statewide };
}

export { STATE_NAMES_ES } from './states.js';

/**
 * Fallbacks whose region holds the ZIP first, then statewide ones, then other regions; within
 * each, those known to clear records before those whose services are not listed, then those
 * known not to (civil legal aid); file order last.
 */
export function orderFallbacks(list: Fallback[], origin: ZipPlace | null): Fallback[] {
  const region = (f: Fallback) => {
    const zips = f.region?.zips;
    if (!zips?.length) return 1;
    if (!origin) return 2;
    return zips.some((p) => origin.zip.startsWith(p)) ? 0 : 2;
  };
  const clears = (f: Fallback) => (!f.services?.length ? 1 : f.services.some((s) => CLEARANCE.has(s)) ? 0 : 2);
  return list
    .map((f, i) => ({ f, i, r: region(f), c: clears(f) }))
    .sort((a, b) => a.r - b.r || a.c - b.c || a.i - b.i)
    .map((x) => x.f);
}

function popUpOnly(org: Organization): boolean {
  const intake = org.intake ?? [];
  return intake.length > 0 && intake.every((i) => i === 'event_only');
}

function hasStreet(org: Organization, r: ClinicResult): boolean {
  if (r.precision === 'city') return false;
  return !!(r.address && (org.locations ?? []).some((l) => l.status === 'active_per_source' && l.address.street));
}

function withCallFirst(notes: string[], shown: ClinicResult[], w: FinderWords): string[] {
  if (shown.length > 0 && shown.every((c) => c.last_verified === null)) notes.push(w.callFirst);
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

/** "https://www.lafla.org/" and "http://lafla.org" are one site. */
export function siteKey(url: string): string {
  return url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
}

/** The last ten digits of a phone number (extensions dropped). */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\s*(ext\.?|x)\s*\d+$/i, '').replace(/\D/g, '');
  return digits.length >= 10 ? digits.slice(-10) : '';
}

/** Keys that say two entries are one organization: its website and its phone numbers. */
export function orgKeys(c: { url?: string | null; phone?: string | null; name: string }): string[] {
  const keys = [`name:${squash(c.name)}`];
  if (c.url) keys.push(`url:${siteKey(c.url)}`);
  if (c.phone) {
    const p = phoneKey(c.phone);
    if (p) keys.push(`tel:${p}`);
  }
  return keys;
}

function dedupe(list: ClinicResult[]): ClinicResult[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const keys = orgKeys(c);
    if (keys.some((k) => seen.has(k))) return false;
    for (const k of keys) seen.add(k);
    return true;
  });
}

interface ResidencyCheck {
  ok: boolean;
  reason?: string;
  limit?: string;
}

export function checkResidency(org: Organization, place: ZipPlace | null, sp: Speaker = speaker({} as DirectoryData)): ResidencyCheck {
  const r = org.serves.residency;
  if (!r) return { ok: true };
  const { w } = sp;
  const names = r.names ?? [];
  const label =
    r.kind === 'state' ? w.stateResidents(STATE_NAMES[r.state] ?? r.state)
    : r.kind === 'zip' ? w.zipResidents((r.zips ?? []).join(', '))
    : w.namedResidents(names.join(', '), r.kind === 'county');
  const limit = `${label}${r.proof_required ? w.proofRequired : ''}`;
  if (!place) return { ok: false, reason: w.zipUnchecked(label) };
  if (r.zips?.length) {
    return r.zips.includes(place.zip) ? { ok: true, limit } : { ok: false, reason: w.zipOutside(label, place.zip) };
  }
  if (r.kind === 'state') {
    return place.state === r.state ? { ok: true, limit } : { ok: false, reason: w.stateOutside(label, place.state) };
  }
  if (r.kind === 'city') {
    const inCity = place.state === r.state && names.some((n) => squash(n) === squash(place.city));
    return inCity ? { ok: true, limit } : { ok: false, reason: w.cityOutside(label, place.zip, place.city, place.state) };
  }
  // County limits cannot be checked from a ZIP offline: keep the entry, say the limit.
  return { ok: true, limit: `${limit}${w.checkYouQualify}` };
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

function formatPhone(p: { number: string; ext?: string } | undefined, lang: ClinicLang): string | null {
  if (!p) return null;
  return p.ext ? `${p.number} ${lang === 'es' ? 'ext.' : 'ext.'} ${p.ext}` : p.number;
}

function sourceUrls(list: Source[], shared: Record<string, { url: string }>): string[] {
  return [...new Set(list.map((s) => ('ref' in s ? shared[s.ref]?.url : s.url)).filter((u): u is string => !!u))];
}

function checkedLine(c: { date: string; how: string } | undefined, sp: Speaker): string | null {
  if (!c) return null;
  return sp.w.checked(c.date, sp.w.checkedHow[c.how] ?? sp.tr(c.how));
}

function orgResult(
  org: Organization,
  origin: ZipPlace,
  state: string,
  asOf: string,
  lookup: ZipLookup,
  shared: Record<string, { url: string }>,
  sp: Speaker,
): { result: ClinicResult; limited: boolean } {
  const { w, tr } = sp;
  const locations = (org.locations ?? []).filter((l) => l.status === 'active_per_source');
  const events = upcomingEvents(org, asOf, sp);

  // A desk that serves juvenile records only is where to go only when nothing else is near.
  type Best = { loc?: Location; venue?: Venue; placed: Placed; miles: number };
  let best: Best | undefined;
  let juvenile: Best | undefined;
  for (const loc of locations) {
    const placed = placeOf(loc.address, loc.geo, lookup);
    if (!placed) continue;
    const miles = milesBetween(origin, placed.point);
    if (loc.juvenile_only) {
      if (!juvenile || miles < juvenile.miles) juvenile = { loc, placed, miles };
    } else if (!best || miles < best.miles) best = { loc, placed, miles };
  }
  // An upcoming in-person event with a known venue also counts as a place to go.
  for (const { event } of events) {
    if (event.mode === 'virtual' || !event.venue || event.location_ref) continue;
    const placed = placeOf(event.venue, undefined, lookup);
    if (!placed) continue;
    const miles = milesBetween(origin, placed.point);
    if (!best || miles < best.miles) best = { venue: event.venue, placed, miles };
  }
  const onlyJuvenile = !best && !!juvenile;
  if (onlyJuvenile) best = juvenile;
  const loc = best?.loc;
  // A juvenile-only desk's own line is not the number to give someone with an adult record.
  const phone = (loc?.phone && !onlyJuvenile ? { number: loc.phone } : undefined) ?? org.phones?.[0] ?? (loc?.phone ? { number: loc.phone } : undefined);
  const unverified = [loc?.unverified && `${w.place}: ${tr(loc.unverified)}`, phone && 'unverified' in phone && phone.unverified && `${w.phone}: ${tr(phone.unverified)}`].filter(
    (u): u is string => !!u,
  );
  const limits: string[] = [];
  let limited = false;
  if (org.serves.counties?.length) {
    const counties = org.serves.counties.join(', ');
    const zips = org.serves.county_zips;
    if (zips?.length && !zips.some((p) => origin.zip.startsWith(p))) {
      limits.push(w.countyOutside(counties));
      limited = true;
    } else limits.push(w.countyCases(counties));
  }
  if (org.serves.clients_only) limits.push(w.clientsOnly);
  if (onlyJuvenile && loc) {
    limits.push(w.juvenileOnly(tr(loc.name)));
    limited = true;
  }
  if (org.serves.focus_areas?.length) limits.push(w.focus(org.serves.focus_areas.join(', ')));
  const notes = [org.serves.notes, loc?.notes, org.notes].filter((n): n is string => !!n).map(tr);
  if (org.prerequisites) notes.push(w.bring(tr(org.prerequisites)));
  if (org.new_participation?.length && events.length === 0) notes.push(w.newWeek(org.new_participation.join(', ')));
  const checked = checkedLine(org.checked, sp);
  if (checked) notes.push(checked);
  const result: ClinicResult = {
    name: org.name,
    distance_miles: best ? Math.round(best.miles * 10) / 10 : null,
    address: loc ? formatAddress(loc.address) : best?.venue ? formatAddress(best.venue) : null,
    phone: formatPhone(phone, sp.lang),
    url: org.website ?? null,
    id: org.id,
    kind: best ? 'local' : 'statewide',
    state,
    location: loc ? tr(loc.name) : best?.venue?.name ? tr(best.venue.name) : null,
    precision: best?.placed.precision ?? null,
    email: org.email ?? null,
    hours: (loc?.hours ?? []).map((h) => describeHours(h, sp.lang, tr)).filter(Boolean),
    languages: [...new Set([...(org.languages ?? []), ...(loc?.languages ?? [])])],
    services: [...org.services],
    limits,
    events: events.map((e) => e.view).slice(0, 3),
    notes,
    last_verified: org.last_verified,
    checked: org.checked ?? null,
    verification: org.verification?.status ?? 'unverified',
    unverified,
    sources: sourceUrls(org.sources, shared),
  };
  if (onlyJuvenile && loc) result.juvenile_desk = true;
  return { result, limited };
}

function fallbackResult(
  f: Fallback,
  kind: 'state_fallback' | 'national',
  state: string | null,
  shared: Record<string, { url: string }>,
  sp: Speaker = speaker({} as DirectoryData),
): ClinicResult {
  const notes = f.note ? [sp.tr(f.note)] : [];
  const checked = checkedLine(f.checked, sp);
  if (checked) notes.push(checked);
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
    notes,
    last_verified: f.last_verified,
    checked: f.checked ?? null,
    verification: f.last_verified ? 'verified' : 'unverified',
    unverified: f.unverified ? [sp.tr(f.unverified)] : [],
    sources: sourceUrls(f.sources, shared),
  };
}

/** Events worth showing on `asOf`: one-offs not yet over, recurring ones still running. */
export function upcomingEvents(org: Organization, asOf: string, sp: Speaker = speaker({} as DirectoryData)): { event: ClinicEvent; view: UpcomingEvent }[] {
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
        recurrence = describeRule(r.rrule, sp.lang);
        const rule = parseRule(r.rrule);
        if (rule && rule.byday.length > 0) {
          date = nextOccurrence(rule, asOf, r.valid_from, r.valid_to);
          if (!date) continue;
        }
      } else if (r.note) {
        recurrence = sp.w.recurring;
      }
      time = r.start_time ? (r.end_time ? `${r.start_time}–${r.end_time}` : r.start_time) : null;
    }
    const loc = e.location_ref ? org.locations?.find((l) => l.id === e.location_ref) : undefined;
    const where = e.mode === 'virtual' ? sp.w.online : loc ? `${sp.tr(loc.name)}, ${formatAddress(loc.address)}` : formatVenue(e.venue, sp);
    const reg = e.registration;
    const registration = reg
      ? [reg.required ? sp.w.registrationRequired : null, reg.phone, reg.email, reg.url].filter(Boolean).join(', ') || null
      : null;
    out.push({
      event: e,
      view: {
        id: e.id,
        title: sp.tr(e.title),
        date,
        time,
        recurrence: recurrence && e.recurrence?.note && !date ? `${recurrence} (${sp.tr(e.recurrence.note)})` : recurrence,
        mode: e.mode,
        where,
        registration,
        status: e.status,
        unverified: e.unverified ? sp.tr(e.unverified) : null,
      },
      sortKey: date ?? '9999',
    });
  }
  out.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  return out.map(({ event, view }) => ({ event, view }));
}

function formatVenue(v: Venue | undefined, sp: Speaker): string | null {
  if (!v) return null;
  return [v.name ? sp.tr(v.name) : null, formatAddress(v)].filter(Boolean).join(', ') || null;
}

/**
 * Every piece of directory text a person can be shown (notes, place names, event titles, hours
 * notes, unverified notes), each with the JSON pointer of where it sits. Each needs a Spanish
 * version under `translations.es` (checked by the directory lint and test/clinics-i18n.test.ts).
 */
export function displayedTexts(d: DirectoryData): { text: string; ptr: string }[] {
  const out: { text: string; ptr: string }[] = [];
  const add = (text: string | null | undefined, ptr: string) => {
    if (text && /[A-Za-z]{3}/.test(text)) out.push({ text, ptr });
  };
  d.organizations.forEach((o, i) => {
    if (o.status === 'historical') return;
    const p = `/organizations/${i}`;
    add(o.serves.notes, `${p}/serves/notes`);
    add(o.notes, `${p}/notes`);
    add(o.prerequisites, `${p}/prerequisites`);
    (o.phones ?? []).forEach((ph, k) => add(ph.unverified, `${p}/phones/${k}/unverified`));
    (o.locations ?? []).forEach((l, k) => {
      if (l.status !== 'active_per_source') return;
      const lp = `${p}/locations/${k}`;
      if (l.name !== o.name) add(l.name, `${lp}/name`);
      add(l.notes, `${lp}/notes`);
      add(l.unverified, `${lp}/unverified`);
      (l.hours ?? []).forEach((h, m) => add(h.note, `${lp}/hours/${m}/note`));
    });
    (o.events ?? []).forEach((e, k) => {
      if (e.status === 'past' || e.status === 'cancelled' || e.status === 'suspended_per_source') return;
      const ep = `${p}/events/${k}`;
      add(e.title, `${ep}/title`);
      add(e.recurrence?.note, `${ep}/recurrence/note`);
      add(e.venue?.name, `${ep}/venue/name`);
      add(e.unverified, `${ep}/unverified`);
    });
  });
  const fallbacks = (list: Fallback[], p: string) =>
    list.forEach((f, i) => {
      add(f.note, `${p}/${i}/note`);
      add(f.unverified, `${p}/${i}/unverified`);
    });
  for (const [st, list] of Object.entries(d.fallbacks.states)) fallbacks(list, `/fallbacks/states/${st}`);
  fallbacks(d.fallbacks.national, '/fallbacks/national');
  (d.campaigns ?? []).forEach((c, i) => {
    add(c.name, `/campaigns/${i}/name`);
    c.instances.forEach((inst, k) => add(inst.name, `/campaigns/${i}/instances/${k}/name`));
  });
  return out;
}
