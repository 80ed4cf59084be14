/**
 * The compiled rule bundle: `npm run build` validates every rule file and writes the loaded rules
 * to dist/rules.bundle.json (see bundle-read.ts). loadRuleSet: the bundle when fresh, else the files.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RuleSet } from '../core/types.js';
import { BUNDLE, readFreshBundle, rulesHash, serialise } from './bundle-read.js';
import { loadRules, type LoadResult } from './load.js';
import { defaultRulesDir } from './paths.js';
import type { Diagnostic } from './yaml-source.js';

/** Write the bundle (build step). Refuses when the rule files have errors. */
export function writeBundle(): LoadResult {
  const result = loadRules({ dir: defaultRulesDir() });
  if (!result.diagnostics.some((d) => d.severity === 'error')) {
    writeFileSync(BUNDLE, serialise(result.rules, rulesHash(result.dir)));
  }
  return result;
}

/** The rules to screen with: the bundle when fresh, else the YAML files (validated). */
export function loadRuleSet(dir?: string): { rules: RuleSet; diagnostics: Diagnostic[]; from: 'bundle' | 'files' } {
  const bundled = readFreshBundle(dir);
  if (bundled) return { rules: bundled, diagnostics: [], from: 'bundle' };
  const r = loadRules({ dir: resolve(dir ?? defaultRulesDir()) });
  return { rules: r.rules, diagnostics: r.diagnostics, from: 'files' };
}
