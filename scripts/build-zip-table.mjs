// Build step: a compact ZIP table (dist/zip-table.json) from the `zipcodes` package, so screening
// and batch runs look up ZIP centroids in ~2 MB instead of loading the package's ~30-80 MB of
// objects. src/clinics/zip.ts falls back to the package when the table is missing.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { codes } = require('zipcodes');
const pkg = require('zipcodes/package.json');
const rows = Object.values(codes)
  .filter((c) => c.country === 'US' && /^\d{5}$/.test(c.zip) && Number.isFinite(c.latitude) && Number.isFinite(c.longitude))
  .sort((a, b) => Number(a.zip) - Number(b.zip));
const states = [...new Set(rows.map((r) => r.state))].sort();
const cities = [...new Set(rows.map((r) => r.city))].sort();
const stateIx = new Map(states.map((s, i) => [s, i]));
const cityIx = new Map(cities.map((c, i) => [c, i]));
const table = {
  source: `zipcodes ${pkg.version}`,
  states,
  cities,
  zip: rows.map((r) => Number(r.zip)),
  lat: rows.map((r) => Math.round(r.latitude * 1e4)),
  lon: rows.map((r) => Math.round(r.longitude * 1e4)),
  state: rows.map((r) => stateIx.get(r.state)),
  city: rows.map((r) => cityIx.get(r.city)),
};
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'zip-table.json');
writeFileSync(out, JSON.stringify(table));
