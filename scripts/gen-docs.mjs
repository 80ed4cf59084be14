// Regenerate docs/rules/*.md from the rule files (never edit those by hand): `npm run docs`.
// test/docs.test.ts fails when they are out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesIndex, describeJurisdiction } from '../dist/rules/describe.js';
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
