/**
 * ZIP code -> coordinates, offline. A thin adapter over the `zipcodes` package (BSD, ~42k US
 * ZIPs from a ~2012 USPS-style list, centroids to 4 decimals). The package costs ~200 ms and
 * ~30 MB to load, so it is required on first use, never at import time.
 *
 * Known limits of the data (see docs/clinics.md): ZIPs created after ~2012 are missing (for
 * example 75036, Frisco TX), about 1,250 retired ZIPs are still listed, and a centroid can be
 * a few miles from where people in a large rural ZIP live.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as ZipcodesModule from 'zipcodes';

export const ZIP_DATA_VINTAGE = 'zipcodes 8.0.0 (USPS-style ZIP list, about 2012)';

export interface ZipPlace {
  zip: string;
  lat: number;
  lon: number;
  city: string;
  state: string;
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** What ranking needs from a ZIP database; tests may pass their own. */
export interface ZipLookup {
  lookupZip(zip: string): ZipPlace | undefined;
  /** Mean of the centroids of a city's ZIPs, for offices whose ZIP is not known. */
  lookupCity(city: string, state: string): LatLon | undefined;
}

let db: typeof ZipcodesModule | undefined;
function zipcodes(): typeof ZipcodesModule {
  db ??= createRequire(import.meta.url)('zipcodes') as typeof ZipcodesModule;
  return db;
}

/** The compact table the build writes from the same package (scripts/build-zip-table.mjs). */
interface Table {
  states: string[];
  cities: string[];
  zip: Int32Array;
  lat: Int32Array;
  lon: Int32Array;
  state: Uint8Array;
  city: Uint16Array;
}
const TABLE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'zip-table.json');
let table: Table | null | undefined;
function compactTable(): Table | null {
  if (table !== undefined) return table;
  try {
    const raw = JSON.parse(readFileSync(TABLE, 'utf8')) as Record<string, unknown> & { states: string[]; cities: string[] };
    table = {
      states: raw.states,
      cities: raw.cities,
      zip: Int32Array.from(raw.zip as number[]),
      lat: Int32Array.from(raw.lat as number[]),
      lon: Int32Array.from(raw.lon as number[]),
      state: Uint8Array.from(raw.state as number[]),
      city: Uint16Array.from(raw.city as number[]),
    };
  } catch {
    table = null; // not built: use the package itself
  }
  return table;
}

function tableIndex(t: Table, zip: number): number {
  let lo = 0;
  let hi = t.zip.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = t.zip[mid]!;
    if (v === zip) return mid;
    if (v < zip) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Five digits, optionally followed by -NNNN. Spaces around are ignored. */
export const ZIP_RE = /^\d{5}(-\d{4})?$/;

export function normalizeZip(input: string): string | undefined {
  const t = input.trim();
  return ZIP_RE.test(t) ? t.slice(0, 5) : undefined;
}

export function lookupZip(zip: string): ZipPlace | undefined {
  const z = normalizeZip(zip);
  if (!z) return undefined;
  const t = compactTable();
  if (t) {
    const i = tableIndex(t, Number(z));
    if (i < 0) return undefined;
    return { zip: z, lat: t.lat[i]! / 1e4, lon: t.lon[i]! / 1e4, city: t.cities[t.city[i]!]!, state: t.states[t.state[i]!]! };
  }
  const hit = zipcodes().lookup(z);
  if (!hit || hit.country !== 'US') return undefined;
  return { zip: z, lat: hit.latitude, lon: hit.longitude, city: hit.city, state: hit.state };
}

const cityCache = new Map<string, LatLon | undefined>();

export function lookupCity(city: string, state: string): LatLon | undefined {
  const key = `${city.toLowerCase()}|${state.toUpperCase()}`;
  if (cityCache.has(key)) return cityCache.get(key);
  let points: LatLon[];
  const t = compactTable();
  if (t) {
    points = [];
    const st = t.states.indexOf(state.toUpperCase());
    for (let i = 0; i < t.zip.length; i++) {
      if (t.state[i] === st && t.cities[t.city[i]!]!.toLowerCase() === city.toLowerCase()) points.push({ lat: t.lat[i]! / 1e4, lon: t.lon[i]! / 1e4 });
    }
  } else {
    points = zipcodes()
      .lookupByName(city, state.toUpperCase())
      .filter((z) => z.country === 'US' && Number.isFinite(z.latitude) && Number.isFinite(z.longitude))
      .map((z) => ({ lat: z.latitude, lon: z.longitude }));
  }
  let out: LatLon | undefined;
  if (points.length > 0) {
    out = {
      lat: points.reduce((s, z) => s + z.lat, 0) / points.length,
      lon: points.reduce((s, z) => s + z.lon, 0) / points.length,
    };
  }
  cityCache.set(key, out);
  return out;
}

export const defaultZipLookup: ZipLookup = { lookupZip, lookupCity };

/** Great-circle (haversine) distance in statute miles, earth radius 3958.8 mi. */
export function milesBetween(a: LatLon, b: LatLon): number {
  const R = 3958.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}
