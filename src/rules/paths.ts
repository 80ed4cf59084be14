/** Where the rule files are. Kept apart from load.ts so the fast path imports no YAML or ajv. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The rules folder shipped with fairshot (next to dist/ and src/). */
export function defaultRulesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');
}

/** The jurisdiction folders under the rules directory. */
export function jurisdictionDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /^[A-Z]{2}$/.test(n) && statSync(join(dir, n)).isDirectory())
    .sort();
}
