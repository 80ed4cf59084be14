/**
 * The rule files' own test cases (rules/<XX>/tests/*.yaml, OpenFisca-style): a person, an as-of
 * date and the results expected. Used by `fairshot rules test` and by the vitest suite.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { noteWords } from '../core/notes.js';
import { screenRecord } from '../core/screen.js';
import type { ChargeResult, PersonResult, RuleSet } from '../core/types.js';
import { t } from '../core/messages.js';
import { isYaml, readSource } from './load.js';
import { validators } from './schema.js';
import { schemaDiagnostics, type Diagnostic } from './yaml-source.js';

export interface Expectation {
  status: string;
  date?: string | null;
  rule?: string | null;
  reasons_include?: string[];
  missing_include?: string[];
  /** Automatic relief: words of the rule's notes.check (how to see whether it already happened). */
  check_include?: string[];
  /** Facts the answer turns on (its depends_on). */
  depends_on_include?: string[];
}

export interface TestCase {
  name: string;
  as_of: string;
  person: Record<string, unknown>;
  expect: {
    charges?: Record<string, Record<string, string | Expectation>>;
    voting?: string | Expectation;
    errors?: string[];
  };
  file: string;
  line: number;
  jurisdiction: string;
}

export interface CaseOutcome {
  case: TestCase;
  ok: boolean;
  /** One line per mismatch: where, expected, actual. */
  failures: string[];
  result: PersonResult;
}

export function loadTestCases(dir: string, codes: string[], cwd: string): { cases: TestCase[]; diagnostics: Diagnostic[] } {
  const cases: TestCase[] = [];
  const diagnostics: Diagnostic[] = [];
  const validate = validators(dir).testFile;
  for (const code of codes) {
    const tdir = join(dir, code, 'tests');
    if (!existsSync(tdir)) continue;
    for (const f of readdirSync(tdir).filter(isYaml).sort()) {
      const src = readSource(join(tdir, f), cwd);
      diagnostics.push(...src.diagnostics);
      if (src.data === undefined) continue;
      if (!validate(src.data)) {
        diagnostics.push(...schemaDiagnostics(src, validate.errors));
        continue;
      }
      const data = src.data as { jurisdiction: string; cases: Omit<TestCase, 'file' | 'line' | 'jurisdiction'>[] };
      data.cases.forEach((c, i) => {
        cases.push({ ...c, file: src.file, line: src.positions.get(`/cases/${i}`)?.[0] ?? 1, jurisdiction: data.jurisdiction });
      });
    }
  }
  return { cases, diagnostics };
}

const norm = (e: string | Expectation): Expectation => (typeof e === 'string' ? { status: e } : e);

interface Got {
  status: string;
  date?: string | null;
  rule?: string | null;
  reasons: string[];
  missing?: string[];
  depends_on?: { fact: string }[];
}

function compare(where: string, exp: Expectation, got: Got | undefined, failures: string[], checkNote?: (rule: string) => string | undefined) {
  if (!got) {
    failures.push(`${where}: expected ${exp.status}, but there is no such result`);
    return;
  }
  const show = (s: string, d?: string | null) => (d ? `${s} ${d}` : s);
  if (got.status !== exp.status || (exp.date !== undefined && (got.date ?? null) !== exp.date)) {
    failures.push(
      `${where}:\n      - expected: ${show(exp.status, exp.date)}\n      + actual:   ${show(got.status, got.date)}\n        because:  ${got.reasons.join('\n                  ')}`,
    );
    return;
  }
  if (exp.rule !== undefined && got.rule !== exp.rule) failures.push(`${where}: expected rule ${exp.rule}, got ${got.rule}`);
  for (const r of exp.reasons_include ?? []) {
    if (!got.reasons.some((x) => x.toLowerCase().includes(r.toLowerCase())))
      failures.push(`${where}: no reason mentions "${r}"; reasons: ${got.reasons.join(' | ')}`);
  }
  for (const m of exp.missing_include ?? []) {
    if (!(got.missing ?? []).includes(m)) failures.push(`${where}: expected "${m}" among missing facts, got [${(got.missing ?? []).join(', ')}]`);
  }
  for (const f of exp.depends_on_include ?? []) {
    const facts = (got.depends_on ?? []).map((d) => d.fact);
    if (!facts.includes(f)) failures.push(`${where}: expected the answer to turn on "${f}" (depends_on), got [${facts.join(', ')}]`);
  }
  if (exp.check_include?.length) {
    const note = got.rule && checkNote ? checkNote(got.rule) : undefined;
    if (!note) failures.push(`${where}: expected a "how to check" note (notes.check) on ${got.rule ?? 'the result'}, found none`);
    else
      for (const w of exp.check_include) {
        if (!note.toLowerCase().includes(w.toLowerCase())) failures.push(`${where}: the "how to check" note does not mention "${w}": ${note}`);
      }
  }
}

function lookup(cr: ChargeResult, key: string) {
  if (key in cr.relief) return cr.relief[key as keyof ChargeResult['relief']];
  return cr.rules.find((r) => r.rule === key);
}

export function runCase(tc: TestCase, rules: RuleSet): CaseOutcome {
  const raw = { id: tc.name, state: tc.jurisdiction, charges: [], ...tc.person };
  const { result, person } = screenRecord({ raw, row: tc.line }, rules, { asOf: tc.as_of });
  const failures: string[] = [];
  const e = tc.expect;
  if (e.errors) {
    const messages = result.errors.map((x) => `${x.field ?? ''} ${x.message}`);
    for (const want of e.errors) {
      if (!messages.some((m) => m.toLowerCase().includes(want.toLowerCase())))
        failures.push(`errors: expected one mentioning "${want}", got [${messages.join('; ')}]`);
    }
  } else if (result.errors.length > 0) {
    failures.push(`the person could not be read: ${result.errors.map((x) => `${x.field ?? ''} ${x.message}`).join('; ')}`);
  }
  const jur = rules.jurisdictions.get(tc.jurisdiction);
  // the note's wording that fits this charge (a note may be worded per case: notes.check as a list)
  const checkNote = (idx: number) => (id: string) => {
    const rule = jur?.rules.find((r) => r.id === id && r.notes?.check);
    return noteWords(rule, 'check', 'en', { person, charge: person?.charges[idx], rules }) || undefined;
  };
  for (const [idx, expectations] of Object.entries(e.charges ?? {})) {
    const cr = result.charges[Number(idx)];
    for (const [key, exp] of Object.entries(expectations)) {
      compare(`charge ${idx} ${key}`, norm(exp), cr ? lookup(cr, key) : undefined, failures, checkNote(Number(idx)));
    }
  }
  if (e.voting !== undefined) {
    compare('voting', norm(e.voting), result.voting ?? undefined, failures);
  }
  return { case: tc, ok: failures.length === 0, failures, result };
}
