/** Docs that describe rules are generated from the rule files: they must be up to date. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeJurisdiction, rulesIndex } from '../src/rules/describe.js';
import { ROOT, realRules } from './helpers/rules.js';

const { rules } = realRules();

describe('generated rule docs (npm run docs)', () => {
  for (const jur of rules.jurisdictions.values()) {
    it(`docs/rules/${jur.code}.md matches rules/${jur.code}/`, () => {
      const committed = readFileSync(join(ROOT, 'docs', 'rules', `${jur.code}.md`), 'utf8');
      expect(committed, 'run `npm run docs` and commit the result').toBe(describeJurisdiction(jur));
    });
  }
  it('docs/rules/README.md lists every jurisdiction', () => {
    expect(readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8')).toBe(rulesIndex(rules));
  });
});
