/**
 * The clinic directory as screening reads it. `npm run build` validates data/clinics.yaml (schema
 * and lint) and writes the result to dist/clinics.bundle.json with a hash of the YAML and its
 * schema, like the rule bundle (src/rules/bundle-read.ts). Screening (check, screen, batch and its
 * worker threads) reads the bundle while the hash still matches, so it skips the YAML parser and
 * ajv (~0.6 s and ~45 MB per thread); otherwise it loads and validates the YAML as before, so an
 * edited directory is never ignored. `fairshot clinics` always reads the YAML (it reports on it).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../rules/yaml-source.js';
import type { ClinicDirectory, DirectoryData } from './types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
/** dist/clinics.bundle.json (this file is dist/clinics/bundle.js, or a chunk in dist/app/). */
export const CLINIC_BUNDLE = resolve(ROOT, 'dist', 'clinics.bundle.json');
const YAML_FILE = resolve(ROOT, 'data', 'clinics.yaml');
const SCHEMA_FILE = resolve(ROOT, 'data', 'clinics.schema.json');
const FORMAT = 1;

/** Where the directory and its bundle are (tests point these elsewhere). */
export interface ClinicPaths {
  bundle: string;
  yaml: string;
  schema: string;
}
const DEFAULT_PATHS: ClinicPaths = { bundle: CLINIC_BUNDLE, yaml: YAML_FILE, schema: SCHEMA_FILE };

export function clinicsHash(paths: ClinicPaths = DEFAULT_PATHS): string {
  const h = createHash('sha1');
  h.update(`format ${FORMAT}\n`);
  h.update(readFileSync(paths.yaml));
  h.update(readFileSync(paths.schema));
  return h.digest('hex');
}

interface Serial {
  format: number;
  hash: string;
  data: DirectoryData;
  origins: [string, [number, number]][];
}

export function serialiseDirectory(dir: ClinicDirectory, hash: string): string {
  const { file: _file, origins, ...data } = dir;
  return JSON.stringify({ format: FORMAT, hash, data, origins: [...origins] } satisfies Serial);
}

/** The bundled directory, when the bundle exists and still matches the YAML and schema. */
export function readFreshDirectory(paths: ClinicPaths = DEFAULT_PATHS): ClinicDirectory | undefined {
  if (!existsSync(paths.bundle)) return undefined;
  try {
    const b = JSON.parse(readFileSync(paths.bundle, 'utf8')) as Serial;
    if (b.format !== FORMAT || b.hash !== clinicsHash(paths)) return undefined;
    return { ...b.data, file: paths.yaml, origins: new Map(b.origins) };
  } catch {
    return undefined; // a damaged bundle is ignored; the YAML is the truth
  }
}

/**
 * The default directory for screening: the build-checked bundle when it matches data/clinics.yaml,
 * else the YAML loaded and validated (its diagnostics say what is wrong).
 */
export async function loadScreeningDirectory(): Promise<{ directory: ClinicDirectory | undefined; diagnostics: Diagnostic[] }> {
  const bundled = readFreshDirectory();
  if (bundled) return { directory: bundled, diagnostics: [] };
  const { loadClinicDirectory } = await import('./load.js');
  return loadClinicDirectory(undefined, { lookup: null });
}
