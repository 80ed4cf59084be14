/** The compact ZIP table the build writes answers exactly as the zipcodes package it comes from. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupCity, lookupZip } from '../src/clinics/zip.js';
import { ROOT } from './helpers/rules.js';

const zipcodes = createRequire(import.meta.url)('zipcodes') as {
  codes: Record<string, { zip: string; latitude: number; longitude: number; city: string; state: string; country: string }>;
  lookupByName: (city: string, state: string) => { latitude: number; longitude: number; country: string }[];
};

describe('compact ZIP table (dist/zip-table.json)', () => {
  it('is built', () => {
    expect(existsSync(join(ROOT, 'dist', 'zip-table.json'))).toBe(true);
  });
  it('gives the same place as the package for every US ZIP', () => {
    let n = 0;
    for (const c of Object.values(zipcodes.codes)) {
      if (c.country !== 'US' || !/^\d{5}$/.test(c.zip)) continue;
      const got = lookupZip(c.zip);
      expect(got, c.zip).toEqual({ zip: c.zip, lat: c.latitude, lon: c.longitude, city: c.city, state: c.state });
      n++;
    }
    expect(n).toBeGreaterThan(40000);
  });
  it('knows no ZIP the package does not', () => {
    expect(lookupZip('00000')).toBeUndefined();
    expect(lookupZip('99999')).toBeUndefined();
    expect(lookupZip('K1A 0B1')).toBeUndefined();
  });
  it('averages a city the same way', () => {
    for (const [city, st] of [['Chicago', 'IL'], ['detroit', 'MI'], ['Honolulu', 'HI']] as const) {
      const hits = zipcodes.lookupByName(city, st).filter((z) => z.country === 'US');
      const lat = hits.reduce((s, z) => s + z.latitude, 0) / hits.length;
      const got = lookupCity(city, st)!;
      expect(got.lat).toBeCloseTo(lat, 6);
    }
  });
});
