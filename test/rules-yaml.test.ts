/**
 * Every YAML test case under rules/<XX>/tests becomes a vitest test (OpenFisca-style), run
 * against the real rule files.
 */
import { describe, expect, it } from 'vitest';
import { jurisdictionDirs } from '../src/rules/load.js';
import { loadTestCases, runCase } from '../src/rules/testcases.js';
import { ROOT, RULES_DIR, realRules } from './helpers/rules.js';

const { rules, diagnostics } = realRules();
const { cases, diagnostics: caseDiagnostics } = loadTestCases(RULES_DIR, jurisdictionDirs(RULES_DIR), ROOT);

describe('rule files', () => {
  it('load without errors or warnings', () => {
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`)).toEqual([]);
    expect(caseDiagnostics).toEqual([]);
  });
  it('Illinois has at least 20 test cases', () => {
    expect(cases.filter((c) => c.jurisdiction === 'IL').length).toBeGreaterThanOrEqual(20);
  });
});

for (const code of jurisdictionDirs(RULES_DIR)) {
  const mine = cases.filter((c) => c.jurisdiction === code);
  if (mine.length === 0) continue;
  describe(`${code} test cases`, () => {
    for (const tc of mine) {
      it(`${tc.name} (${tc.file}:${tc.line})`, () => {
        const outcome = runCase(tc, rules);
        expect(outcome.failures.join('\n')).toBe('');
      });
    }
  });
}
