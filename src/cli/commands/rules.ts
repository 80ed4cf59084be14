/** `fairshot rules validate|test|list|show`: for the people who write and review the rule files. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RELIEF_KINDS } from '../../core/types.js';
import { painter } from '../color.js';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { rulesFolderError } from '../rules-loader.js';

export interface RulesCmdOptions {
  rules?: string;
  json?: boolean;
  cwd?: string;
  /** list/show: only the versions of the rules in force on this day. */
  asOf?: string;
}

async function lib() {
  const load = await import('../../rules/load.js');
  const ys = await import('../../rules/yaml-source.js');
  return { ...load, ...ys };
}

/** validate: schema + lint of all rule files and test files, or of the paths given. */
export async function runValidate(paths: string[], opts: RulesCmdOptions, io: Io): Promise<number> {
  try {
    return await runValidateInner(paths, opts, io);
  } catch (e) {
    throw rulesFolderError(e, opts.rules);
  }
}

async function runValidateInner(paths: string[], opts: RulesCmdOptions, io: Io): Promise<number> {
  const { loadRules, loadJurisdiction, loadVocabulary, defaultRulesDir, jurisdictionDirs, formatDiagnostic, isYaml } = await lib();
  const { loadTestCases } = await import('../../rules/testcases.js');
  const dir = resolve(opts.rules ?? defaultRulesDir());
  const cwd = opts.cwd ?? process.cwd();
  const c = painter(io.color.out);
  const diagnostics = [];
  let files = 0;
  let ruleCount = 0;
  let votingCount = 0;
  let caseCount = 0;
  if (paths.length === 0) {
    const r = loadRules({ dir, cwd });
    diagnostics.push(...r.diagnostics);
    for (const srcs of r.sources.values()) files += srcs.length;
    // rules counted by id, as `rules list` counts them (a rule's versions are one rule)
    for (const j of r.rules.jurisdictions.values()) {
      ruleCount += new Set(j.rules.map((x) => x.id)).size;
      if (j.voting) votingCount++;
    }
    const t = loadTestCases(dir, jurisdictionDirs(dir), cwd);
    diagnostics.push(...t.diagnostics);
    caseCount = t.cases.length;
    files += 1;
  } else {
    const vocab = loadVocabulary(dir, cwd);
    diagnostics.push(...vocab.diagnostics);
    for (const p of paths) {
      const abs = resolve(cwd, p);
      if (!existsSync(abs)) throw new InputError(`${p}: no such file or folder`);
      const isDir = statSync(abs).isDirectory();
      if (!isDir && !isYaml(abs)) throw new UsageError(`${p}: rule files are .yaml or .yml`);
      if (!isDir && basename(dirname(abs)) === 'tests') {
        const code = basename(dirname(dirname(abs)));
        const t = loadTestCases(dirname(dirname(dirname(abs))), [code], cwd);
        diagnostics.push(...t.diagnostics.filter((d) => resolve(cwd, d.file) === abs));
        caseCount += t.cases.filter((x) => resolve(cwd, x.file) === abs).length;
        files++;
        continue;
      }
      const folder = isDir ? abs : dirname(abs);
      const code = basename(folder);
      if (isDir && abs === dir) {
        const r = loadRules({ dir, cwd });
        diagnostics.push(...r.diagnostics);
        for (const srcs of r.sources.values()) files += srcs.length;
        continue;
      }
      const yamls = readdirSync(folder).filter(isYaml).map((n) => join(folder, n)).sort();
      const r = loadJurisdiction(code, yamls, vocab.facts, dir, cwd);
      diagnostics.push(...(isDir ? r.diagnostics : r.diagnostics.filter((d) => resolve(cwd, d.file) === abs)));
      files += isDir ? yamls.length : 1;
      ruleCount += new Set((r.jurisdiction?.rules ?? []).map((x) => x.id)).size;
      if (isDir && r.jurisdiction?.voting) votingCount++;
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  if (opts.json) {
    io.out(`${JSON.stringify({ ok: errors.length === 0, files, rules: ruleCount, voting_rules: votingCount, test_cases: caseCount, diagnostics }, null, 2)}\n`);
  } else {
    for (const d of diagnostics) io.out(`${d.severity === 'error' ? c.red(formatDiagnostic(d)) : c.yellow(formatDiagnostic(d))}\n`);
    const summary = `${files} file${files === 1 ? '' : 's'}, ${ruleCount} rules, ${votingCount ? `${votingCount} voting rule${votingCount === 1 ? '' : 's'}, ` : ''}${caseCount} test cases: ${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
    io.out(`${errors.length ? c.red(`✘ ${summary}`) : c.green(`✔ ${summary}`)}\n`);
  }
  return errors.length > 0 ? 1 : 0;
}

/** test: run the YAML test cases; show expected and actual for each failure. */
export async function runRulesTest(states: string[], opts: RulesCmdOptions, io: Io): Promise<number> {
  try {
    return await runRulesTestInner(states, opts, io);
  } catch (e) {
    throw rulesFolderError(e, opts.rules);
  }
}

async function runRulesTestInner(states: string[], opts: RulesCmdOptions, io: Io): Promise<number> {
  const { loadRules, defaultRulesDir, jurisdictionDirs, formatDiagnostic } = await lib();
  const { loadTestCases, runCase } = await import('../../rules/testcases.js');
  const dir = resolve(opts.rules ?? defaultRulesDir());
  const cwd = opts.cwd ?? process.cwd();
  const all = jurisdictionDirs(dir);
  const wanted = states.map((s) => s.toUpperCase());
  for (const s of wanted) if (!all.includes(s)) throw new UsageError(`no rules for "${s}"; known: ${all.join(', ')}`);
  const codes = wanted.length ? wanted : all;
  const r = loadRules({ dir, cwd });
  const t = loadTestCases(dir, codes, cwd);
  const errors = [...r.diagnostics, ...t.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const d of errors) io.err(`${formatDiagnostic(d)}\n`);
    throw new InputError('fix the rule or test files first');
  }
  const c = painter(io.color.out);
  let passed = 0;
  let failed = 0;
  const outcomes = t.cases.map((tc) => runCase(tc, r.rules));
  if (opts.json) {
    io.out(`${JSON.stringify(outcomes.map((o) => ({ name: o.case.name, file: o.case.file, line: o.case.line, ok: o.ok, failures: o.failures })), null, 2)}\n`);
  }
  for (const o of outcomes) {
    if (o.ok) passed++;
    else failed++;
    if (opts.json) continue;
    io.out(`${o.ok ? c.green('✔') : c.red('✘')} ${o.case.jurisdiction} ${o.case.name}\n`);
    if (!o.ok) {
      io.out(c.dim(`    ${o.case.file}:${o.case.line}\n`));
      for (const f of o.failures) io.out(`    ${f}\n`);
    }
  }
  if (!opts.json) io.out(`${failed ? c.red(`${passed} passed, ${failed} failed`) : c.green(`${passed} passed, ${failed} failed`)}\n`);
  if (t.cases.length === 0) io.err(`warning: no test cases found for ${codes.join(', ')}\n`);
  return failed > 0 ? 1 : 0;
}

export async function runRulesList(opts: RulesCmdOptions, io: Io): Promise<number> {
  try {
    return await runRulesListInner(opts, io);
  } catch (e) {
    throw rulesFolderError(e, opts.rules);
  }
}

async function runRulesListInner(opts: RulesCmdOptions, io: Io): Promise<number> {
  const { loadRulesOrFail } = await import('../rules-loader.js');
  const rules = await loadRulesOrFail(io, opts);
  const { rulesInForce } = await import('../../core/evaluate.js');
  const rows = [...rules.jurisdictions.values()].map((j) => {
    const inForce = opts.asOf ? rulesInForce(j, opts.asOf) : j.rules;
    const kinds = RELIEF_KINDS.filter((k) => inForce.some((r) => r.kind === k));
    // one count per rule (by id, as the rules column), from its last version listed
    const byId = new Map<string, string>();
    for (const r of inForce) byId.set(r.id, r.review);
    const review: Record<string, number> = {};
    for (const v of byId.values()) review[v] = (review[v] ?? 0) + 1;
    return {
      jurisdiction: j.code,
      name: j.name.en,
      remedies: kinds,
      rules: new Set(inForce.map((r) => r.id)).size,
      automatic: inForce.some((r) => r.automatic),
      voting: Boolean(j.voting),
      voting_review: j.voting?.review ?? null,
      last_reviewed: j.last_reviewed,
      review,
    };
  });
  if (opts.json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const c = painter(io.color.out);
  // columns as wide as their longest cell ("District of Columbia" is wider than most names)
  const nameW = Math.max(4, ...rows.map((r) => r.name.length)) + 2;
  const remW = Math.max(8, ...rows.map((r) => (r.remedies.join(', ') || '—').length)) + 2;
  io.out(c.bold(`${'code'.padEnd(6)}${'name'.padEnd(nameW)}${'remedies'.padEnd(remW)}rules  voting  last reviewed  review\n`));
  for (const r of rows) {
    const review = Object.entries(r.review).map(([k, v]) => `${v} ${k}`);
    if (r.voting_review) review.push(`voting ${r.voting_review}`);
    io.out(
      `${r.jurisdiction.padEnd(6)}${r.name.padEnd(nameW)}${(r.remedies.join(', ') || '—').padEnd(remW)}${String(r.rules).padEnd(7)}${(r.voting ? 'yes' : 'no').padEnd(8)}${r.last_reviewed.padEnd(15)}${review.join(', ')}\n`,
    );
  }
  return 0;
}

export async function runRulesShow(state: string, opts: RulesCmdOptions, io: Io): Promise<number> {
  try {
    return await runRulesShowInner(state, opts, io);
  } catch (e) {
    throw rulesFolderError(e, opts.rules);
  }
}

async function runRulesShowInner(state: string, opts: RulesCmdOptions, io: Io): Promise<number> {
  const { loadRulesOrFail } = await import('../rules-loader.js');
  const { describeJurisdiction } = await import('../../rules/describe.js');
  const rules = await loadRulesOrFail(io, opts);
  const code = state.toUpperCase();
  const jur = rules.jurisdictions.get(code);
  if (!jur) throw new UsageError(`no rules for "${state}"; known: ${[...rules.jurisdictions.keys()].join(', ')}`);
  if (opts.json) {
    io.out(`${JSON.stringify({ ...jur, lists: [...jur.lists.values()], ladders: [...jur.ladders.values()], facts: [...jur.facts.values()].filter((f) => f.jurisdiction === code) }, null, 2)}\n`);
    return 0;
  }
  io.out(describeJurisdiction(jur, opts.asOf));
  return 0;
}
