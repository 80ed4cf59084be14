/**
 * Reading and checking the clinic directory (data/clinics.yaml): YAML with positions, the JSON
 * Schema (ajv, draft-07), then a semantic lint. Every problem is a Diagnostic naming
 * file:line:col; nothing here throws for bad data.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { diag, didYouMean, getAt, locate, parseYamlSource, schemaDiagnostics, type Diagnostic, type SourceDoc } from '../rules/yaml-source.js';
import { displayedTexts, phoneKey, siteKey } from './find.js';
import { isRealDate, parseRule } from './schedule.js';
import { REQUIRED_FALLBACK_STATES, STATE_NAMES } from './states.js';
import type { ClinicDirectory, DirectoryData } from './types.js';
import { defaultZipLookup, type ZipLookup } from './zip.js';

export const DEFAULT_CLINICS_FILE = fileURLToPath(new URL('../../data/clinics.yaml', import.meta.url));
export const CLINICS_SCHEMA_FILE = fileURLToPath(new URL('../../data/clinics.schema.json', import.meta.url));

export interface LoadOptions {
  /** YYYY-MM-DD. When given, a last_verified date after it is an error. */
  today?: string;
  /** ZIP database for the ZIP checks; pass `null` to skip them. */
  lookup?: ZipLookup | null;
}

export interface LoadResult {
  /** Undefined when there are errors (warnings alone still give a directory). */
  directory: ClinicDirectory | undefined;
  diagnostics: Diagnostic[];
}

let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  if (validator) return validator;
  // ajv-formats is CommonJS: under NodeNext its default import is the module object (see toolchain.md).
  type AddFormats = (ajv: Ajv, formats: string[]) => Ajv;
  const m = formatsModule as unknown as { default?: AddFormats };
  const addFormats = (m.default ?? (formatsModule as unknown)) as AddFormats;
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv, ['date']);
  const schema = JSON.parse(readFileSync(CLINICS_SCHEMA_FILE, 'utf8')) as object;
  validator = ajv.compile(schema);
  return validator;
}

function displayName(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Read, validate and lint a directory file (default: the bundled data/clinics.yaml). */
export function loadClinicDirectory(path?: string, opts: LoadOptions = {}): LoadResult {
  const file = path ?? DEFAULT_CLINICS_FILE;
  const name = displayName(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a .yaml file' : (e as Error).message;
    return { directory: undefined, diagnostics: [{ file: name, line: 1, col: 1, message: `cannot read the clinic directory: ${why}`, severity: 'error' }] };
  }
  return parseClinicDirectory(name, text, opts);
}

/** Same as loadClinicDirectory, from text already in memory. */
export function parseClinicDirectory(file: string, text: string, opts: LoadOptions = {}): LoadResult {
  const src = parseYamlSource(file, text);
  const diagnostics: Diagnostic[] = [...src.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { directory: undefined, diagnostics };

  const validate = getValidator();
  if (!validate(src.data)) {
    const { errors, extra } = zipTypeErrors(src, validate.errors ?? []);
    diagnostics.push(...extra, ...schemaDiagnostics(src, errors));
    return { directory: undefined, diagnostics: sortDiagnostics(diagnostics) };
  }
  const data = src.data as DirectoryData;
  diagnostics.push(...lintDirectory(src, data, opts));
  const sorted = sortDiagnostics(diagnostics);
  if (sorted.some((d) => d.severity === 'error')) return { directory: undefined, diagnostics: sorted };

  const origins = new Map<string, [number, number]>();
  data.organizations.forEach((o, i) => origins.set(o.id, locate(src, `/organizations/${i}`)));
  for (const [st, list] of Object.entries(data.fallbacks.states)) {
    list.forEach((f, j) => origins.set(f.id, locate(src, `/fallbacks/states/${st}/${j}`)));
  }
  data.fallbacks.national.forEach((f, j) => origins.set(f.id, locate(src, `/fallbacks/national/${j}`)));
  return { directory: { ...data, file, origins }, diagnostics: sorted };
}

function sortDiagnostics(d: Diagnostic[]): Diagnostic[] {
  return [...d].sort((a, b) => a.line - b.line || a.col - b.col);
}

/** `zip: 02114` parses as the number 2114: say so plainly instead of "must be string". */
function zipTypeErrors(src: SourceDoc, errors: ErrorObject[]): { errors: ErrorObject[]; extra: Diagnostic[] } {
  const extra: Diagnostic[] = [];
  const rest: ErrorObject[] = [];
  const done = new Set<string>();
  for (const e of errors) {
    const value = getAt(src.data, e.instancePath);
    if (/\/zips?(\/\d+)?$/.test(e.instancePath) && typeof value === 'number') {
      if (!done.has(e.instancePath)) {
        const guess = String(value).padStart(5, '0');
        extra.push(diag(src, e.instancePath, `ZIP written as a number (${value}); put it in quotes so leading zeros survive, e.g. "${guess}"`));
        done.add(e.instancePath);
      }
    } else if (!done.has(e.instancePath)) {
      rest.push(e);
    }
  }
  return { errors: rest, extra };
}

const KNOWN_STATES = Object.keys(STATE_NAMES);

function lintDirectory(src: SourceDoc, data: DirectoryData, opts: LoadOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lookup = opts.lookup === null ? null : (opts.lookup ?? defaultZipLookup);
  const ids = new Map<string, string>();
  const seeId = (id: string, ptr: string) => {
    const first = ids.get(id);
    if (first !== undefined) {
      const [line] = locate(src, first);
      out.push(diag(src, ptr, `duplicate id "${id}" (first used on line ${line})`));
    } else {
      ids.set(id, ptr);
    }
  };
  const checkState = (code: string | undefined, ptr: string, key = false) => {
    if (code === undefined || STATE_NAMES[code]) return;
    out.push(diag(src, ptr, `unknown state code "${code}"${didYouMean(code, KNOWN_STATES) || '; use a two-letter USPS code such as IL or DC'}`, 'error', key));
  };
  const checkDate = (value: string | undefined | null, ptr: string, what: string) => {
    if (!value) return;
    const day = value.slice(0, 10);
    if (day.length === 10 && !isRealDate(day)) out.push(diag(src, ptr, `${what} "${value}" is not a real date`));
  };
  const checkLastVerified = (value: string | null, ptr: string) => {
    if (value && opts.today && value > opts.today) {
      out.push(diag(src, ptr, `last_verified ${value} is after today (${opts.today}); write the date the entry was actually checked`));
    }
  };
  const sharedSources = data.sources ?? {};
  const checkSources = (list: unknown[], ptr: string) => {
    list.forEach((s, k) => {
      const ref = (s as { ref?: string }).ref;
      if (ref !== undefined && !(ref in sharedSources)) {
        out.push(diag(src, `${ptr}/${k}/ref`, `unknown source "${ref}"${didYouMean(ref, Object.keys(sharedSources)) || '; define it under sources:'}`));
      }
    });
  };
  const checkZip = (zip: string | null | undefined, state: string | undefined, ptr: string, city?: string | null) => {
    if (!lookup) return;
    if (!zip) {
      if (city && state && STATE_NAMES[state] && !lookup.lookupCity(city, state)) {
        out.push(diag(src, ptr, `cannot place "${city}, ${state}": no ZIP given and the city is not in the offline ZIP list; add zip: or geo:`, 'warning'));
      }
      return;
    }
    const place = lookup.lookupZip(zip);
    if (!place) {
      out.push(diag(src, `${ptr}/zip`, `ZIP ${zip} is not in the offline ZIP list (about 2012); the entry will be placed by its city, or add geo:`, 'warning'));
    } else if (state && STATE_NAMES[state] && place.state !== state) {
      out.push(diag(src, `${ptr}/zip`, `ZIP ${zip} is in ${place.state} (${place.city}), but the address says ${state}`));
    }
  };

  data.campaigns?.forEach((c, i) => {
    const p = `/campaigns/${i}`;
    seeId(c.id, `${p}/id`);
    checkSources(c.sources, `${p}/sources`);
    c.instances.forEach((inst, j) => {
      const ip = `${p}/instances/${j}`;
      if (inst.end < inst.start) out.push(diag(src, `${ip}/end`, `end ${inst.end} is before start ${inst.start}`));
      if (Number(inst.start.slice(0, 4)) !== inst.year) out.push(diag(src, `${ip}/year`, `year ${inst.year} does not match start ${inst.start}`, 'warning'));
      checkSources([inst.source], `${ip}/source`);
    });
  });
  const campaignIds = new Set((data.campaigns ?? []).map((c) => c.id));

  data.organizations.forEach((org, i) => {
    const p = `/organizations/${i}`;
    seeId(org.id, `${p}/id`);
    org.serves.states.forEach((s, k) => checkState(s, `${p}/serves/states/${k}`));
    const res = org.serves.residency;
    if (res) {
      checkState(res.state, `${p}/serves/residency/state`);
      if (!org.serves.states.includes(res.state)) {
        out.push(diag(src, `${p}/serves/residency/state`, `residency is limited to ${res.state}, which is not in serves.states`, 'warning'));
      }
      if ((res.kind === 'city' || res.kind === 'county') && !res.names?.length && !res.zips?.length) {
        out.push(diag(src, `${p}/serves/residency`, `a ${res.kind} residency limit needs names: (or zips:)`));
      }
      if (res.kind === 'zip' && !res.zips?.length) out.push(diag(src, `${p}/serves/residency`, 'a zip residency limit needs zips:'));
      res.zips?.forEach((z, k) => {
        if (lookup && !lookup.lookupZip(z)) out.push(diag(src, `${p}/serves/residency/zips/${k}`, `ZIP ${z} is not in the offline ZIP list`, 'warning'));
      });
    }
    checkLastVerified(org.last_verified, `${p}/last_verified`);
    if (org.last_verified && org.verification?.status === 'unverified') {
      out.push(diag(src, `${p}/verification/status`, 'last_verified is set but verification.status is "unverified"', 'warning'));
    }
    checkSources(org.sources, `${p}/sources`);
    const locIds = new Set<string>();
    org.locations?.forEach((loc, j) => {
      const lp = `${p}/locations/${j}`;
      seeId(loc.id, `${lp}/id`);
      locIds.add(loc.id);
      checkState(loc.address.state, `${lp}/address/state`);
      if (STATE_NAMES[loc.address.state] && !org.serves.states.includes(loc.address.state)) {
        out.push(diag(src, `${lp}/address/state`, `office is in ${loc.address.state}, which is not in serves.states`, 'warning'));
      }
      if (!loc.geo) checkZip(loc.address.zip, loc.address.state, `${lp}/address`, loc.address.city);
      loc.hours?.forEach((h, k) => checkRule(h.rrule, `${lp}/hours/${k}/rrule`));
    });
    org.events?.forEach((ev, j) => {
      const ep = `${p}/events/${j}`;
      seeId(ev.id, `${ep}/id`);
      checkDate(ev.start, `${ep}/start`, 'start');
      checkDate(ev.end, `${ep}/end`, 'end');
      if (ev.start && ev.end && ev.end.slice(0, 10) < ev.start.slice(0, 10)) out.push(diag(src, `${ep}/end`, `end ${ev.end} is before start ${ev.start}`));
      if (ev.location_ref && !locIds.has(ev.location_ref)) {
        out.push(diag(src, `${ep}/location_ref`, `no location "${ev.location_ref}" in this organization${didYouMean(ev.location_ref, locIds)}`));
      }
      if (ev.campaign && !campaignIds.has(ev.campaign)) {
        out.push(diag(src, `${ep}/campaign`, `unknown campaign "${ev.campaign}"${didYouMean(ev.campaign, campaignIds)}`));
      }
      if (ev.venue?.state) {
        checkState(ev.venue.state, `${ep}/venue/state`);
        if (ev.venue.zip) checkZip(ev.venue.zip, ev.venue.state, `${ep}/venue`);
      }
      const r = ev.recurrence;
      if (r) {
        checkRule(r.rrule, `${ep}/recurrence/rrule`);
        if (r.valid_from && r.valid_to && r.valid_to < r.valid_from) out.push(diag(src, `${ep}/recurrence/valid_to`, 'valid_to is before valid_from'));
      }
      if (ev.status === 'past' && ev.kind === 'one_off' && opts.today && ev.start && (ev.end ?? ev.start).slice(0, 10) >= opts.today) {
        out.push(diag(src, `${ep}/status`, `marked past but dated ${ev.start}, not before today (${opts.today})`, 'warning'));
      }
    });
  });

  for (const [st, list] of Object.entries(data.fallbacks.states)) {
    checkState(st, `/fallbacks/states/${st}`, true);
    list.forEach((f, j) => {
      const fp = `/fallbacks/states/${st}/${j}`;
      seeId(f.id, `${fp}/id`);
      checkLastVerified(f.last_verified, `${fp}/last_verified`);
      checkSources(f.sources, `${fp}/sources`);
    });
  }
  data.fallbacks.national.forEach((f, j) => {
    const fp = `/fallbacks/national/${j}`;
    seeId(f.id, `${fp}/id`);
    checkLastVerified(f.last_verified, `${fp}/last_verified`);
    checkSources(f.sources, `${fp}/sources`);
  });
  const missing = REQUIRED_FALLBACK_STATES.filter((s) => !data.fallbacks.states[s]);
  if (missing.length) {
    out.push(diag(src, '/fallbacks/states', `no statewide fallback for ${missing.join(', ')}: every state and D.C. needs one`, 'warning', true));
  }
  out.push(...lintReach(src, data), ...lintDuplicates(src, data), ...lintTranslations(src, data));
  return out;

  function checkRule(rrule: string | null | undefined, ptr: string) {
    if (!rrule) return;
    const rule = parseRule(rrule);
    if (!rule) out.push(diag(src, ptr, `cannot read rule "${rrule}"`));
    else if (rule.freq === 'WEEKLY' && rule.byday.some((b) => b.ord !== undefined)) {
      out.push(diag(src, ptr, `a WEEKLY rule cannot number its days ("${rrule}"); use FREQ=MONTHLY for "2nd Wednesday"`));
    }
  }
}

/** An entry shown to people needs a way to reach it: a phone, a website, an email or a street address. */
function lintReach(src: SourceDoc, data: DirectoryData): Diagnostic[] {
  const out: Diagnostic[] = [];
  data.organizations.forEach((o, i) => {
    if (o.status === 'historical') return;
    const street = (o.locations ?? []).some((l) => l.status === 'active_per_source' && l.address.street);
    if (!o.phones?.length && !o.website && !o.email && !street) {
      out.push(diag(src, `/organizations/${i}`, `"${o.name}" has no phone, website, email or street address: add one from a source, or set status: historical`));
    }
  });
  for (const [st, list] of Object.entries(data.fallbacks.states)) {
    list.forEach((f, j) => {
      if (!f.phone && !f.url) out.push(diag(src, `/fallbacks/states/${st}/${j}`, `fallback "${f.name}" has no phone or URL`));
    });
  }
  return out;
}

/**
 * One organization, one entry: two shown organizations with the same website or phone number,
 * or two fallbacks of one state with the same phone number (or the same website and no phone of
 * their own), are duplicates. An organization may repeat its state's fallback: the finder merges
 * those (the fallback is what people see without a ZIP).
 */
function lintDuplicates(src: SourceDoc, data: DirectoryData): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  const see = (key: string, name: string, ptr: string) => {
    const first = seen.get(key);
    if (first !== undefined) out.push(diag(src, ptr, `duplicate of "${first}" (same ${key.startsWith('url:') ? 'website' : 'phone number'}): merge the two entries`));
    else seen.set(key, name);
  };
  data.organizations.forEach((o, i) => {
    if (o.status === 'historical') return;
    const keys = new Set<string>();
    if (o.website) keys.add(`url:${siteKey(o.website)}`);
    for (const ph of o.phones ?? []) {
      const k = phoneKey(ph.number);
      if (k) keys.add(`tel:${k}`);
    }
    for (const k of keys) see(k, o.name, `/organizations/${i}`);
  });
  for (const [st, list] of Object.entries(data.fallbacks.states)) {
    seen.clear();
    list.forEach((f, j) => {
      const tel = f.phone ? phoneKey(f.phone) : '';
      if (tel) see(`tel:${tel}`, f.name, `/fallbacks/states/${st}/${j}`);
      else if (f.url) see(`url:${siteKey(f.url)}`, f.name, `/fallbacks/states/${st}/${j}`);
    });
  }
  return out;
}

/** Everything a person can be shown needs its Spanish (translations.es, keyed by the English text). */
function lintTranslations(src: SourceDoc, data: DirectoryData): Diagnostic[] {
  const es = data.translations?.es ?? {};
  const out: Diagnostic[] = [];
  for (const { text, ptr } of displayedTexts(data)) {
    if (!(text in es)) out.push(diag(src, ptr, `no Spanish for "${text.length > 60 ? `${text.slice(0, 57)}...` : text}": add it under translations.es`, 'warning'));
  }
  return out;
}
