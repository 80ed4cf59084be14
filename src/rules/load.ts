/**
 * Loading the law: rules/facts.yaml (the vocabulary) and rules/<XX>/*.yaml (one folder per
 * jurisdiction), validated by JSON Schema and then by the semantic lint. Every problem is a
 * Diagnostic with file:line:col; nothing here throws on bad files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { conditionFacts } from '../core/conditions.js';
import type {
  Check,
  Condition,
  Exception,
  FactDef,
  Jurisdiction,
  Ladder,
  Note,
  OffenseList,
  Rule,
  RuleSet,
  Text,
  VotingRule,
  Wait,
} from '../core/types.js';
import { lintJurisdiction, lintVocabulary } from './lint.js';
import { SCHEMA_DIR, validators } from './schema.js';
import { parseYamlSource, schemaDiagnostics, type Diagnostic, type SourceDoc } from './yaml-source.js';

export { defaultRulesDir, jurisdictionDirs } from './paths.js';
import { defaultRulesDir, jurisdictionDirs } from './paths.js';

export interface LoadOptions {
  dir?: string;
  /** Only these jurisdictions (codes); default all. */
  only?: string[];
  /** Show paths relative to this folder in messages (default: the current directory). */
  cwd?: string;
}

export interface LoadResult {
  rules: RuleSet;
  diagnostics: Diagnostic[];
  /** Parsed sources by jurisdiction, for the lint and `rules show`. */
  sources: Map<string, SourceDoc[]>;
  dir: string;
}

const text = (v: unknown): Text => (typeof v === 'string' ? { en: v } : (v as Text));
/** A rule note: one text, or a list of wordings each for the charges its `when` picks. */
const note = (v: unknown): Note =>
  Array.isArray(v)
    ? (v as Record<string, any>[]).map(({ when, ...words }) => ({ ...(when ? { when: when as Condition } : {}), text: text(words) }))
    : [{ text: text(v) }];


/** Largest rule file read (the shipped ones are a few KB). */
const MAX_RULE_FILE_BYTES = 256 * 1024 * 1024;

export function readSource(path: string, cwd: string): SourceDoc {
  const shown = relative(cwd, path) || path;
  let body: string;
  try {
    // a FIFO would block, a device (a link to /dev/zero) would never end: regular files only
    const st = statSync(path);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: st.isDirectory() ? 'EISDIR: a folder' : 'not a regular file (a FIFO or a device?)' });
    if (st.size > MAX_RULE_FILE_BYTES) throw Object.assign(new Error('too large'), { code: `over ${MAX_RULE_FILE_BYTES / 1048576} MB` });
    body = readFileSync(path, 'utf8');
  } catch (e) {
    return {
      file: shown,
      data: undefined,
      positions: new Map(),
      diagnostics: [{ file: shown, line: 1, col: 1, message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, severity: 'error' }],
    };
  }
  return parseYamlSource(shown, body.replace(/^\uFEFF/, ''));
}

export function isYaml(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

export function loadVocabulary(dir: string, cwd: string): { facts: Map<string, FactDef>; diagnostics: Diagnostic[] } {
  const src = readSource(join(dir, 'facts.yaml'), cwd);
  const diagnostics = [...src.diagnostics];
  const facts = new Map<string, FactDef>();
  if (src.data === undefined) return { facts, diagnostics };
  const v = validators(dir).factsFile;
  if (!v(src.data)) {
    diagnostics.push(...schemaDiagnostics(src, v.errors));
    return { facts, diagnostics };
  }
  for (const [name, raw] of Object.entries((src.data as { facts: Record<string, Record<string, unknown>> }).facts)) {
    facts.set(name, factDef(name, raw));
  }
  diagnostics.push(...lintVocabulary(src, facts));
  return { facts, diagnostics };
}

function factDef(name: string, raw: Record<string, unknown>, jurisdiction?: string): FactDef {
  const def: FactDef = {
    name,
    level: raw.level as FactDef['level'],
    type: raw.type as FactDef['type'],
    label: text(raw.label),
  };
  if (raw.values) def.values = raw.values as string[];
  if (raw.value_words) def.value_words = Object.fromEntries(Object.entries(raw.value_words as Record<string, unknown>).map(([k, v]) => [k, text(v)]));
  if (raw.unit) def.unit = raw.unit as string;
  if (raw.question) def.question = text(raw.question);
  if (raw.help) def.help = text(raw.help);
  if (raw.document) def.document = text(raw.document);
  if (jurisdiction) def.jurisdiction = jurisdiction;
  if (raw.infer) def.infer = raw.infer as FactDef['infer'];
  if (raw.derive) def.derive = raw.derive as FactDef['derive'];
  if (raw.narrowed_by) def.narrowed_by = raw.narrowed_by as FactDef['narrowed_by'];
  return def;
}

export function loadRules(opts: LoadOptions = {}): LoadResult {
  const dir = resolve(opts.dir ?? defaultRulesDir());
  const cwd = opts.cwd ?? process.cwd();
  // not a folder at all: one clear error (rulesFolderError), not a list of files that cannot be read
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR', path: dir });
  const vocab = loadVocabulary(dir, cwd);
  const diagnostics = [...vocab.diagnostics];
  // the folder's own schema/ is for editors; fairshot checks with its own, and says when they differ
  for (const name of ['rule-file.schema.json', 'test-file.schema.json']) {
    const mine = join(dir, 'schema', name);
    if (resolve(mine) === resolve(SCHEMA_DIR, name)) continue;
    let theirs: string | undefined;
    try {
      theirs = readFileSync(mine, 'utf8');
    } catch {
      continue; // no schema/ of its own: nothing to differ
    }
    if (theirs !== readFileSync(join(SCHEMA_DIR, name), 'utf8')) {
      diagnostics.push({ file: relative(cwd, mine) || mine, line: 1, col: 1, message: `differs from fairshot's own ${name}, which is the one the rule files are checked against`, severity: 'warning' });
    }
  }
  const jurisdictions = new Map<string, Jurisdiction>();
  const sources = new Map<string, SourceDoc[]>();
  for (const code of jurisdictionDirs(dir)) {
    if (opts.only && !opts.only.includes(code)) continue;
    const files = readdirSync(join(dir, code))
      .filter(isYaml)
      .sort()
      .map((n) => join(dir, code, n));
    if (files.length === 0) {
      diagnostics.push({ file: relative(cwd, join(dir, code)) || code, line: 1, col: 1, message: `the state folder ${code}/ holds no rule files`, severity: 'error' });
    }
    const { jurisdiction, diagnostics: d, sources: srcs } = loadJurisdiction(code, files, vocab.facts, dir, cwd);
    diagnostics.push(...d);
    sources.set(code, srcs);
    if (jurisdiction) jurisdictions.set(code, jurisdiction);
  }
  // a state folder in small letters is not read: say so rather than leave the state out quietly
  try {
    for (const n of readdirSync(dir)) {
      if (/^[a-z]{2}$/.test(n) && statSync(join(dir, n)).isDirectory()) {
        diagnostics.push({ file: relative(cwd, join(dir, n)) || n, line: 1, col: 1, message: `state folders are named in capitals (${n.toUpperCase()}/); ${n}/ was not read`, severity: 'warning' });
      }
    }
  } catch {
    /* the folder itself is reported elsewhere */
  }
  // Intake reads every declared fact by name, whatever the state.
  const facts = new Map(vocab.facts);
  for (const jur of jurisdictions.values()) for (const [name, def] of jur.facts) if (!facts.has(name)) facts.set(name, def);
  return { rules: { facts, jurisdictions }, diagnostics, sources, dir };
}

/** Build one jurisdiction from its files. Returns no jurisdiction when any file has errors. */
export function loadJurisdiction(
  code: string,
  files: string[],
  vocab: Map<string, FactDef>,
  dir: string,
  cwd: string,
): { jurisdiction?: Jurisdiction; diagnostics: Diagnostic[]; sources: SourceDoc[] } {
  const diagnostics: Diagnostic[] = [];
  const sources: SourceDoc[] = [];
  const validate = validators(dir).ruleFile;
  for (const f of files) {
    const src = readSource(f, cwd);
    diagnostics.push(...src.diagnostics);
    if (src.data === undefined) continue;
    if (!validate(src.data)) {
      diagnostics.push(...schemaDiagnostics(src, validate.errors));
      continue;
    }
    sources.push(src);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, sources };

  const jur: Jurisdiction = {
    code,
    name: { en: code },
    last_reviewed: '',
    courts: ['state', 'municipal'],
    not_covered: {},
    rules: [],
    lists: new Map(),
    ladders: new Map(),
    facts: new Map(vocab),
    files: sources.map((s) => s.file),
  };
  for (const src of sources) {
    const d = src.data as Record<string, any>;
    if (d.name) jur.name = text(d.name);
    if (d.last_reviewed) jur.last_reviewed = d.last_reviewed;
    if (d.courts) jur.courts = d.courts;
    if (d.notes) jur.notes = text(d.notes);
    if (d.not_covered) for (const [k, v] of Object.entries(d.not_covered)) jur.not_covered[k as keyof Jurisdiction['not_covered']] = text(v);
    for (const [name, raw] of Object.entries(d.facts ?? {})) {
      if (!jur.facts.has(name)) jur.facts.set(name, factDef(name, raw as Record<string, unknown>, code));
    }
    for (const [id, raw] of Object.entries(d.lists ?? {})) {
      if (!jur.lists.has(id)) jur.lists.set(id, list(id, raw as Record<string, any>, src));
    }
    for (const [id, raw] of Object.entries(d.ladders ?? {})) {
      if (!jur.ladders.has(id)) jur.ladders.set(id, ladder(id, raw as Record<string, any>, src));
    }
    (d.rules ?? []).forEach((raw: Record<string, any>, i: number) => jur.rules.push(rule(raw, code, src, `/rules/${i}`)));
    if (d.voting && !jur.voting) jur.voting = voting(d.voting, code, src);
  }
  diagnostics.push(...lintJurisdiction(jur, sources, vocab, basename(dirname(sources[0]?.file ?? code))));
  if (diagnostics.some((x) => x.severity === 'error')) return { diagnostics, sources };
  return { jurisdiction: jur, diagnostics, sources };
}

const at = (src: SourceDoc, pointer: string) => {
  const p = src.positions.get(pointer);
  return p ? `${src.file}:${p[0]}:${p[1]}` : src.file;
};

function check(raw: Record<string, any>, src: SourceDoc, pointer: string): Check {
  const c: Check = { id: raw.id, when: raw.when as Condition, explain: text(raw.explain), at: at(src, pointer) };
  if (raw.cite) c.cite = raw.cite;
  if (raw.met) c.met = text(raw.met);
  return c;
}

function rule(raw: Record<string, any>, code: string, src: SourceDoc, pointer: string): Rule {
  const checks = (key: string) =>
    ((raw[key] ?? []) as Record<string, any>[]).map((c, i) => check(c, src, `${pointer}/${key}/${i}`));
  const exceptions: Exception[] = ((raw.exceptions ?? []) as Record<string, any>[]).map((c, i) => ({
    ...check(c, src, `${pointer}/exceptions/${i}`),
    overrides: c.overrides ?? [],
  }));
  const waits: Wait[] = ((raw.waits ?? []) as Record<string, any>[]).map((w, i) => {
    const out: Wait = { id: w.id, from: w.from, period: w.period, explain: text(w.explain), at: at(src, `${pointer}/waits/${i}`) };
    if (w.when) out.when = w.when;
    if (w.cite) out.cite = w.cite;
    return out;
  });
  const r: Rule = {
    id: raw.id,
    kind: raw.kind,
    jurisdiction: code,
    name: text(raw.name),
    summary: text(raw.summary),
    automatic: raw.automatic,
    citation: raw.citation,
    source: raw.source,
    effective: { ...(raw.effective.from ? { from: raw.effective.from } : {}), ...(raw.effective.to ? { to: raw.effective.to } : {}) },
    date_rounding: raw.date_rounding ?? 'up',
    last_reviewed: raw.last_reviewed,
    review: raw.review,
    applies_to: check(raw.applies_to, src, `${pointer}/applies_to`),
    requires: checks('requires'),
    exclusions: checks('exclusions'),
    exceptions,
    waits,
    notes: Object.fromEntries(
      (['check', 'where', 'fee', 'ask_a_lawyer'] as const).filter((k) => raw.notes?.[k]).map((k) => [k, note(raw.notes[k])]),
    ),
    facts: [],
    file: src.file,
    at: at(src, pointer),
  };
  if (raw.statute_text) r.statute_text = raw.statute_text;
  if (raw.review_note) r.review_note = raw.review_note;
  const facts: string[] = [];
  conditionFacts(r.applies_to.when, facts);
  for (const c of [...r.exclusions, ...r.exceptions, ...r.requires]) conditionFacts(c.when, facts);
  for (const w of r.waits) {
    conditionFacts(w.when, facts);
    if (!facts.includes(w.from)) facts.push(w.from);
  }
  r.facts = facts;
  return r;
}

function list(id: string, raw: Record<string, any>, src: SourceDoc): OffenseList {
  const l: OffenseList = {
    id,
    name: text(raw.name),
    categories: raw.categories ?? [],
    partial_categories: raw.partial_categories ?? [],
    statutes: raw.statutes ?? [],
    offense_words: raw.offense_words ?? [],
    at: at(src, `/lists/${id}`),
  };
  if (raw.cite) l.cite = raw.cite;
  return l;
}

function ladder(id: string, raw: Record<string, any>, src: SourceDoc): Ladder {
  const l: Ladder = {
    id,
    name: text(raw.name),
    amount: raw.amount,
    date: raw.date,
    values: raw.values,
    record_class: raw.record_class ?? [],
    versions: raw.versions.map((v: Record<string, any>) => ({ effective: v.effective ?? {}, cite: v.cite, bands: v.bands })),
    at: at(src, `/ladders/${id}`),
  };
  if (raw.cite) l.cite = raw.cite;
  return l;
}

function voting(raw: Record<string, any>, code: string, src: SourceDoc): VotingRule {
  const v: VotingRule = {
    id: raw.id,
    jurisdiction: code,
    citation: raw.citation,
    source: raw.source,
    last_reviewed: raw.last_reviewed,
    review: raw.review,
    outcomes: (raw.outcomes as Record<string, any>[]).map((o, i) => {
      const out = {
        id: o.id,
        status: o.status,
        explain: text(o.explain),
        next_steps: (o.next_steps ?? []).map(text),
        at: at(src, `/voting/outcomes/${i}`),
      } as VotingRule['outcomes'][number];
      if (o.when) out.when = o.when;
      return out;
    }),
    facts: [],
    file: src.file,
    at: at(src, '/voting'),
  };
  if (raw.review_note) v.review_note = raw.review_note;
  const facts: string[] = [];
  for (const o of v.outcomes) conditionFacts(o.when, facts);
  v.facts = facts;
  return v;
}


