/** Shared test helpers: the real rule files, loaded once per test file. */
import { join } from 'node:path';
import { loadRules, type LoadResult } from '../../src/rules/load.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const RULES_DIR = join(ROOT, 'rules');

let cached: LoadResult | undefined;
export function realRules(): LoadResult {
  if (!cached) cached = loadRules({ dir: RULES_DIR, cwd: ROOT });
  return cached;
}
