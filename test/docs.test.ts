/** Docs that describe rules are generated from the rule files: they must be up to date. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeJurisdiction, readmeCoverage, rulesIndex } from '../src/rules/describe.js';
import { ROOT, realRules } from './helpers/rules.js';

const { rules } = realRules();

describe('generated rule docs (npm run docs)', () => {
  for (const jur of rules.jurisdictions.values()) {
    it(`docs/rules/${jur.code}.md matches rules/${jur.code}/`, () => {
      const committed = readFileSync(join(ROOT, 'docs', 'rules', `${jur.code}.md`), 'utf8');
      expect(committed, 'run `npm run docs` and commit the result').toBe(describeJurisdiction(jur));
    });
  }
  it("README.md's coverage table is made from the rule files", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = '<!-- coverage:start (npm run docs) -->\n';
    const table = readme.slice(readme.indexOf(start) + start.length, readme.indexOf('<!-- coverage:end -->'));
    expect(readme.indexOf(start), 'the coverage markers are gone from README.md').toBeGreaterThan(-1);
    expect(table, 'run `npm run docs` and commit the result').toBe(readmeCoverage(rules));
  });
  it('docs/rules/README.md lists every jurisdiction', () => {
    expect(readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8')).toBe(rulesIndex(rules));
  });
});

describe('docs/batch.md sample', () => {
  it('shows exactly what fairshot batch prints for test/fixtures/batch/sample.csv', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'batch.md'), 'utf8');
    const cmd = '`fairshot batch test/fixtures/batch/sample.csv --as-of 2026-11-28 --format csv --no-clinics`';
    const at = doc.indexOf(cmd);
    expect(at, 'the sample command is gone from docs/batch.md').toBeGreaterThan(-1);
    const block = (from: number, fence: string) => {
      const b = doc.indexOf(fence, from) + fence.length;
      return { text: doc.slice(b, doc.indexOf('```\n', b)), end: b };
    };
    const out = block(at, '```csv\n');
    const err = block(out.end, 'and on stderr:\n\n```\n');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'fairshot.js'), 'batch', 'test/fixtures/batch/sample.csv', '--as-of', '2026-11-28', '--format', 'csv', '--no-clinics'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(r.stdout, 'update the sample in docs/batch.md').toBe(out.text);
    const timeless = (s: string) => s.replace(/in [\d.]+ (?:ms|s|min \d+ s) \([\d,]+ persons\/s\)/, 'in N ms (N persons/s)');
    expect(timeless(r.stderr)).toBe(timeless(err.text));
  });
});
