// Regenerate docs/rules/*.md from the rule files (never edit those by hand): `npm run docs`.
// test/docs.test.ts fails when they are out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { rulesIndex, describeJurisdiction, readmeCoverage } from '../dist/rules/describe.js';
import { loadRules } from '../dist/rules/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { rules, diagnostics } = loadRules({ dir: join(root, 'rules'), cwd: root });
if (diagnostics.some((d) => d.severity === 'error')) {
  console.error('rule files have errors; run `fairshot rules validate`');
  process.exit(1);
}
const out = join(root, 'docs', 'rules');
mkdirSync(out, { recursive: true });
for (const jur of rules.jurisdictions.values()) writeFileSync(join(out, `${jur.code}.md`), describeJurisdiction(jur));
writeFileSync(join(out, 'README.md'), rulesIndex(rules));
console.log(`wrote ${rules.jurisdictions.size + 1} files to docs/rules/`);

// The README's coverage table, between its markers.
const readme = join(root, 'README.md');
const START = '<!-- coverage:start (npm run docs) -->\n';
const END = '<!-- coverage:end -->';
const text = readFileSync(readme, 'utf8');
const a = text.indexOf(START);
const b = text.indexOf(END);
if (a < 0 || b < a) {
  console.error('README.md has no coverage markers');
  process.exit(1);
}
writeFileSync(readme, text.slice(0, a + START.length) + readmeCoverage(rules) + text.slice(b));
console.log('updated the coverage table in README.md');
