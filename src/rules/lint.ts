/**
 * The semantic lint: what JSON Schema cannot say. Unknown facts and lists (with "did you mean"),
 * an operator that does not fit the fact's type, enum values that do not exist, overlapping law
 * versions, exceptions that override nothing, waits measured from a fact that is not a date.
 */
import { DERIVED_FACTS } from '../core/derive.js';
import { parsePeriod } from '../core/dates.js';
import type { FactDef, Jurisdiction } from '../core/types.js';
import { diag, didYouMean, type Diagnostic, type SourceDoc } from './yaml-source.js';

const OPERATORS = ['eq', 'ne', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'before', 'on_or_after', 'matches'] as const;
const FORMS = ['all', 'any', 'not', 'in_list', 'open_question', 'fact'] as const;

/**
 * Why a pattern may backtrack catastrophically (seconds to hours on a 30-character text), if it
 * may: a repeated group (`*`, `+`, `{n,}`, `{n,m}`) that itself holds a repeat or an alternation, as in
 * `(a+)+`, `(\w+\s?)*`, `(a|aa)+`. A heuristic, on the pattern's text: it rejects some safe
 * patterns too (write `(?:ab)+` without the inner repeat), never the shipped ones.
 */
export function backtrackRisk(pattern: string): string | undefined {
  /** Per open group: whether it holds a repeat or an alternation. */
  const stack: { repeat: boolean; alt: boolean }[] = [];
  let lastGroup: { repeat: boolean; alt: boolean } | undefined;
  const repeatAt = (i: number): number => {
    // length of a repeat operator at i (*, +, {n,}, {n,m} with m > 1), else 0
    const ch = pattern[i];
    if (ch === '*' || ch === '+') return 1;
    if (ch === '{') {
      const m = /^\{(\d*)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m && m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1)) return m[0].length; // {n} is no repeat to backtrack over
    }
    return 0;
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const afterGroup = lastGroup;
    lastGroup = undefined;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      // a character class: skip to its end
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      continue;
    }
    if (ch === '(') {
      stack.push({ repeat: false, alt: false });
      continue;
    }
    if (ch === ')') {
      lastGroup = stack.pop();
      if (lastGroup && stack.length > 0) {
        const outer = stack[stack.length - 1]!;
        outer.repeat ||= lastGroup.repeat;
        outer.alt ||= lastGroup.alt;
      }
      continue;
    }
    if (ch === '|') {
      if (stack.length > 0) stack[stack.length - 1]!.alt = true;
      continue;
    }
    const n = repeatAt(i);
    if (n > 0) {
      if (afterGroup && (afterGroup.repeat || afterGroup.alt)) {
        return `a repeated group holding ${afterGroup.repeat ? 'a repeat' : 'alternatives'} can take exponential time on some texts (catastrophic backtracking); rewrite it without the nesting`;
      }
      if (stack.length > 0) stack[stack.length - 1]!.repeat = true;
      i += n - 1;
      if (pattern[i + 1] === '?' || pattern[i + 1] === '+') i++; // lazy or possessive suffix
    }
  }
  return undefined;
}

/** A pattern's problems for the lint: invalid, or at risk of catastrophic backtracking. */
function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'i');
  } catch (e) {
    return `not a valid pattern: ${(e as Error).message}`;
  }
  return backtrackRisk(pattern);
}

/** The chain of `infer.from` starting at `name`, if it comes back to a fact already in it. */
export function inferLoop(name: string, jur: Pick<Jurisdiction, 'facts'>): string[] | undefined {
  const chain = [name];
  for (let at = jur.facts.get(name); at?.infer; ) {
    const next = at.infer.from;
    if (chain.includes(next)) return [...chain, next];
    chain.push(next);
    at = jur.facts.get(next);
  }
  return undefined;
}

/** The chain of `narrowed_by.fact` starting at `name`, if it comes back to a fact already in it. */
export function narrowLoop(name: string, facts: Map<string, FactDef>): string[] | undefined {
  const chain = [name];
  for (let at = facts.get(name); at?.narrowed_by; ) {
    const next = at.narrowed_by.fact;
    if (chain.includes(next)) return [...chain, next];
    chain.push(next);
    at = facts.get(next);
  }
  return undefined;
}

/**
 * A fact's `narrowed_by`: on an enum, by another enum; every key a value of the other fact, every
 * listed value one of this fact's; no loop.
 */
export function lintNarrowedBy(src: SourceDoc, p: string, def: FactDef, facts: Map<string, FactDef>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const nb = def.narrowed_by;
  if (!nb) return out;
  const at = `${p}/narrowed_by`;
  if (def.type !== 'enum') out.push(diag(src, at, `only an enum fact can be narrowed_by another; "${def.name}" is a ${def.type}`));
  const other = facts.get(nb.fact);
  if (!other) out.push(diag(src, `${at}/fact`, `unknown fact "${nb.fact}"${didYouMean(nb.fact, [...facts.keys()])}`));
  else if (other.type !== 'enum' || other.level === 'derived') out.push(diag(src, `${at}/fact`, `narrowed_by reads an enum fact that can be given; "${nb.fact}" is not one`));
  else if (other.level !== def.level) out.push(diag(src, `${at}/fact`, `"${nb.fact}" is a ${other.level} fact and "${def.name}" a ${def.level} fact: a narrowing reads a fact of the same charge or person`));
  const loop = narrowLoop(def.name, facts);
  if (loop) out.push(diag(src, `${at}/fact`, `narrowed_by goes round in a circle (${loop.join(' → ')})`));
  for (const [k, vs] of Object.entries(nb.values)) {
    if (other?.values && !other.values.includes(k)) out.push(diag(src, `${at}/values/${k}`, `"${k}" is not a value of "${nb.fact}"${didYouMean(k, other.values)}`));
    for (const v of vs) if (!def.values?.includes(v)) out.push(diag(src, `${at}/values/${k}`, `"${v}" is not a value of "${def.name}"${didYouMean(v, def.values ?? [])}`));
  }
  return out;
}

/** The facts vocabulary must match what the engine derives. */
export function lintVocabulary(src: SourceDoc, facts: Map<string, FactDef>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, def] of facts) {
    const p = `/facts/${name}`;
    if (def.type === 'enum' && !def.values) out.push(diag(src, p, `fact "${name}" is an enum but lists no values`));
    if (def.type !== 'enum' && def.values) out.push(diag(src, `${p}/values`, `only enum facts take values`));
    for (const v of Object.keys(def.value_words ?? {}))
      if (!def.values?.includes(v)) out.push(diag(src, `${p}/value_words/${v}`, `"${v}" is not a value of "${name}"${didYouMean(v, def.values ?? [])}`));
    if (def.level === 'derived' && !def.derive && !DERIVED_FACTS.includes(name))
      out.push(diag(src, p, `derived fact "${name}" says how it is made with derive:, or is one of src/core/derive.ts's`));
    out.push(...lintNarrowedBy(src, p, def, facts));
  }
  for (const name of DERIVED_FACTS) {
    if (!facts.has(name)) out.push(diag(src, '/facts', `src/core/derive.ts computes "${name}" but facts.yaml does not declare it`));
  }
  return out;
}

interface Ctx {
  src: SourceDoc;
  jur: Jurisdiction;
  out: Diagnostic[];
  /** Voting outcomes may read person facts only. */
  personOnly?: boolean;
}

function lintCondition(cond: unknown, pointer: string, ctx: Ctx): void {
  const { src, jur, out } = ctx;
  if (typeof cond !== 'object' || cond === null) return;
  const c = cond as Record<string, unknown>;
  const keys = Object.keys(c);
  const forms = keys.filter((k) => (FORMS as readonly string[]).includes(k));
  if (forms.length !== 1) {
    out.push(
      diag(src, pointer, forms.length === 0
        ? `a condition needs one of ${FORMS.join(', ')}`
        : `a condition has one form; this one mixes ${forms.join(' and ')}`),
    );
    return;
  }
  const form = forms[0]!;
  if (form === 'all' || form === 'any') {
    (c[form] as unknown[]).forEach((x, i) => lintCondition(x, `${pointer}/${form}/${i}`, ctx));
    if (keys.length > 1) out.push(diag(src, pointer, `"${form}" stands alone; move ${keys.filter((k) => k !== form).join(', ')} inside it`));
    return;
  }
  if (form === 'not') {
    lintCondition(c.not, `${pointer}/not`, ctx);
    if (keys.length > 1) out.push(diag(src, pointer, `"not" stands alone`));
    return;
  }
  if (form === 'open_question') {
    if (keys.length > 1) out.push(diag(src, pointer, `"open_question" stands alone`));
    return;
  }
  if (form === 'in_list') {
    const id = c.in_list as string;
    if (!jur.lists.has(id)) out.push(diag(src, `${pointer}/in_list`, `unknown list "${id}"${didYouMean(id, jur.lists.keys())}`));
    if (ctx.personOnly) out.push(diag(src, `${pointer}/in_list`, `offense lists describe a charge; voting rules read person facts`));
    if (keys.length > 1) out.push(diag(src, pointer, `"in_list" stands alone`));
    return;
  }
  // A leaf: fact + one operator.
  const name = c.fact as string;
  const ops = keys.filter((k) => k !== 'fact');
  if (ops.length !== 1) {
    out.push(diag(src, pointer, ops.length === 0 ? `fact "${name}" needs an operator (${OPERATORS.join(', ')})` : `one operator per condition; found ${ops.join(', ')}`));
    return;
  }
  const op = ops[0]!;
  const def = jur.facts.get(name);
  const ladder = jur.ladders.get(name);
  if (!def && !ladder) {
    const names = [...jur.facts.keys(), ...jur.ladders.keys()];
    out.push(diag(src, `${pointer}/fact`, `unknown fact "${name}"${didYouMean(name, names)}`));
    return;
  }
  if (ctx.personOnly && def && def.level === 'charge') {
    out.push(diag(src, `${pointer}/fact`, `"${name}" is a charge fact; voting rules read person facts`));
  }
  if (ctx.personOnly && def?.derive && def.derive.over !== 'record') {
    out.push(diag(src, `${pointer}/fact`, `"${name}" is made relative to one charge (over: ${def.derive.over}); voting rules read facts of the whole record (over: record)`));
  }
  const type = ladder ? 'enum' : def!.type;
  const values = ladder ? ladder.values : def!.values;
  const value = c[op];
  const where = `${pointer}/${op}`;
  const bad = (why: string) => out.push(diag(src, where, why));
  switch (op) {
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (type !== 'number') bad(`"${op}" compares numbers, but "${name}" is a ${type}`);
      break;
    case 'before':
    case 'on_or_after':
      if (type !== 'date') bad(`"${op}" compares dates, but "${name}" is a ${type}`);
      break;
    case 'matches':
      if (type !== 'string') bad(`"matches" reads text, but "${name}" is a ${type}`);
      {
        const why = patternProblem(String(value));
        if (why) bad(why);
      }
      break;
    default: {
      const list = Array.isArray(value) ? value : [value];
      if (Array.isArray(value) !== (op === 'in' || op === 'not_in')) {
        bad(op === 'in' || op === 'not_in' ? `"${op}" takes a list` : `"${op}" takes one value`);
        break;
      }
      if (type === 'date') bad(`compare dates with before / on_or_after`);
      for (const v of list) {
        if (type === 'boolean' && typeof v !== 'boolean') bad(`"${name}" is true or false, not ${JSON.stringify(v)}`);
        if (type === 'number' && typeof v !== 'number') bad(`"${name}" is a number, not ${JSON.stringify(v)}`);
        if (type === 'enum' && values && !values.includes(String(v)))
          bad(`"${String(v)}" is not a value of "${name}"${didYouMean(String(v), values) || `; expected one of ${values.join(', ')}`}`);
      }
    }
  }
}

/** A derive: block: the type it makes, the date fact it reads, the condition on each charge. */
export function lintDerive(name: string, def: FactDef | undefined, p: string, ctx: Ctx): void {
  const d = def?.derive;
  if (!def || !d) return;
  const { src, jur, out } = ctx;
  const what = (['count', 'exists', 'latest', 'earliest'] as const).filter((k) => d[k] !== undefined);
  if (what.length !== 1) {
    out.push(diag(src, p, `derive: makes one thing: count, exists, latest or earliest${what.length ? `; found ${what.join(' and ')}` : ''}`));
    return;
  }
  const makes = d.count ? 'number' : d.exists ? 'boolean' : 'date';
  if (def.type !== makes) out.push(diag(src, p, `"${name}" is a ${def.type}, but ${d.count ? 'count' : d.exists ? 'exists' : d.latest ? 'latest' : 'earliest'} makes a ${makes}`));
  const dateFact = d.latest ?? d.earliest;
  if (dateFact !== undefined) {
    const f = jur.facts.get(dateFact);
    if (!f) out.push(diag(src, `${p}/${d.latest ? 'latest' : 'earliest'}`, `unknown fact "${dateFact}"${didYouMean(dateFact, jur.facts.keys())}`));
    else if (f.type !== 'date') out.push(diag(src, `${p}/${d.latest ? 'latest' : 'earliest'}`, `"${dateFact}" is a ${f.type}, not a date`));
  }
  if (d.where) lintCondition(d.where, `${p}/where`, { ...ctx, personOnly: false });
}

function overlaps(a: { from?: string; to?: string }, b: { from?: string; to?: string }): boolean {
  const aFrom = a.from ?? '0000-01-01';
  const bFrom = b.from ?? '0000-01-01';
  const aTo = a.to ?? '9999-12-31';
  const bTo = b.to ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}

export function lintJurisdiction(jur: Jurisdiction, sources: SourceDoc[], vocab: Map<string, FactDef>, folder: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const categories = vocab.get('category')?.values ?? [];
  const seenLists = new Map<string, string>();
  const seenLadders = new Map<string, string>();
  const seenFacts = new Map<string, string>();
  const versions = new Map<string, { from?: string; to?: string; kind: string }[]>();
  let named = false;

  for (const src of sources) {
    const d = src.data as Record<string, any>;
    const ctx: Ctx = { src, jur, out };
    if (d.jurisdiction !== jur.code) {
      out.push(diag(src, '/jurisdiction', `this file is in rules/${jur.code}/ but says jurisdiction ${d.jurisdiction}`));
    }
    if (d.name) {
      if (named) out.push(diag(src, '/name', `the jurisdiction is already named in another file`));
      named = true;
      if (!d.last_reviewed) out.push(diag(src, '/name', `the file that names the jurisdiction also gives last_reviewed`));
    }
    for (const name of Object.keys(d.facts ?? {})) {
      const p = `/facts/${name}`;
      if (vocab.has(name)) out.push(diag(src, p, `"${name}" is already in rules/facts.yaml`, 'error', true));
      else if (!name.startsWith(`${jur.code.toLowerCase()}_`))
        out.push(diag(src, p, `a state's own facts start with "${jur.code.toLowerCase()}_" (e.g. ${jur.code.toLowerCase()}_${name})`, 'error', true));
      if (seenFacts.has(name)) out.push(diag(src, p, `fact "${name}" is declared twice (also in ${seenFacts.get(name)})`, 'error', true));
      seenFacts.set(name, src.file);
      const f = d.facts[name];
      if (f.level === 'derived' && !f.derive) out.push(diag(src, `${p}/level`, `a state's derived fact says how it is made (derive:)`));
      if (f.derive?.settles && f.level === 'derived') out.push(diag(src, `${p}/derive/settles`, `settles is for a fact that can be asked (person or charge) and is read from the record when not given`));
      if (f.derive) lintDerive(name, jur.facts.get(name), `${p}/derive`, ctx);
      if (f.level !== 'derived' && !f.question) out.push(diag(src, p, `fact "${name}" needs a question, so the screening can ask it`, 'error', true));
      if (f.type === 'enum' && !f.values) out.push(diag(src, p, `enum fact "${name}" needs values`, 'error', true));
      for (const v of Object.keys(f.value_words ?? {}))
        if (!f.values?.includes(v)) out.push(diag(src, `${p}/value_words/${v}`, `"${v}" is not a value of "${name}"${didYouMean(v, f.values ?? [])}`));
      // a state's own choices are offered to a person in words (its ids are English and technical)
      if (f.type === 'enum' && f.question && f.values) {
        const unsaid = (f.values as string[]).filter((v) => !f.value_words?.[v]);
        if (unsaid.length > 0) out.push(diag(src, p, `enum fact "${name}" is asked, so give each value words (value_words: {en, es}); none for: ${unsaid.join(', ')}`, 'warning', true));
      }
      const fd = jur.facts.get(name);
      if (fd?.narrowed_by) out.push(...lintNarrowedBy(src, p, fd, jur.facts));
      if (f.infer) {
        const loop = inferLoop(name, jur);
        if (loop) out.push(diag(src, `${p}/infer/from`, `infer goes round in a circle (${loop.join(' → ')}): no value could ever be found`));
        const from = jur.facts.get(f.infer.from);
        if (!from || from.type !== 'string') out.push(diag(src, `${p}/infer/from`, `infer reads a text fact; "${f.infer.from}" is not one${didYouMean(f.infer.from, [...jur.facts.values()].filter((x) => x.type === 'string').map((x) => x.name))}`));
        (f.infer.map as { matches: string; value: unknown }[]).forEach((m, i) => {
          const ok = f.type === 'boolean' ? typeof m.value === 'boolean' : f.type === 'number' ? typeof m.value === 'number' : typeof m.value === 'string' && (!f.values || f.values.includes(m.value));
          if (!ok) out.push(diag(src, `${p}/infer/map/${i}/value`, `${JSON.stringify(m.value)} is not a ${f.type} value of "${name}"`));
          const why = patternProblem(m.matches);
          if (why) out.push(diag(src, `${p}/infer/map/${i}/matches`, why));
        });
      }
    }
    for (const [id, l] of Object.entries<Record<string, any>>(d.lists ?? {})) {
      const p = `/lists/${id}`;
      if (seenLists.has(id)) out.push(diag(src, p, `list "${id}" is declared twice (also in ${seenLists.get(id)})`, 'error', true));
      seenLists.set(id, src.file);
      for (const key of ['categories', 'partial_categories'] as const) {
        (l[key] ?? []).forEach((c: string, i: number) => {
          if (!categories.includes(c)) out.push(diag(src, `${p}/${key}/${i}`, `unknown category "${c}"${didYouMean(c, categories)}`));
        });
      }
      if (!l.categories?.length && !l.statutes?.length && !l.offense_words?.length)
        out.push(diag(src, p, `list "${id}" names no categories, statutes or offense words`, 'error', true));
    }
    for (const [id, l] of Object.entries<Record<string, any>>(d.ladders ?? {})) {
      const p = `/ladders/${id}`;
      if (seenLadders.has(id)) out.push(diag(src, p, `ladder "${id}" is declared twice`, 'error', true));
      seenLadders.set(id, src.file);
      if (vocab.has(id)) out.push(diag(src, p, `"${id}" is already a fact in rules/facts.yaml`, 'error', true));
      if (jur.facts.get(l.amount)?.type !== 'number') out.push(diag(src, `${p}/amount`, `"${l.amount}" is not a number fact${didYouMean(l.amount, jur.facts.keys())}`));
      if (jur.facts.get(l.date)?.type !== 'date') out.push(diag(src, `${p}/date`, `"${l.date}" is not a date fact${didYouMean(l.date, jur.facts.keys())}`));
      (l.record_class ?? []).forEach((m: Record<string, string>, i: number) => {
        if (!l.values.includes(m.value)) out.push(diag(src, `${p}/record_class/${i}/value`, `"${m.value}" is not one of the ladder's values${didYouMean(m.value!, l.values)}`));
        const why = patternProblem(m.matches!);
        if (why) out.push(diag(src, `${p}/record_class/${i}/matches`, why));
      });
      (l.versions as Record<string, any>[]).forEach((v, vi) => {
        let last = 0;
        (v.bands as Record<string, any>[]).forEach((b, bi) => {
          const bp = `${p}/versions/${vi}/bands/${bi}`;
          if (!l.values.includes(b.value)) out.push(diag(src, `${bp}/value`, `"${b.value}" is not one of the ladder's values${didYouMean(b.value, l.values)}`));
          if (b.up_to === undefined && bi !== v.bands.length - 1) out.push(diag(src, bp, `only the last band may leave out up_to`));
          if (b.up_to !== undefined && b.up_to <= last) out.push(diag(src, `${bp}/up_to`, `bands go up: ${b.up_to} is not above ${last}`));
          if (b.up_to !== undefined) last = b.up_to;
        });
        lintEffective(v.effective, `${p}/versions/${vi}/effective`, src, out);
        (l.versions as Record<string, any>[]).forEach((w, wi) => {
          if (wi > vi && overlaps(v.effective ?? {}, w.effective ?? {}))
            out.push(diag(src, `${p}/versions/${wi}/effective`, `overlaps version ${vi + 1} of this ladder`));
        });
      });
    }

    (d.rules ?? []).forEach((r: Record<string, any>, ri: number) => {
      const p = `/rules/${ri}`;
      if (!r.id.startsWith(`${jur.code}.`)) out.push(diag(src, `${p}/id`, `rule ids start with "${jur.code}."`));
      lintEffective(r.effective, `${p}/effective`, src, out);
      const prior = versions.get(r.id) ?? [];
      for (const v of prior) {
        if (overlaps(v, r.effective)) out.push(diag(src, `${p}/effective`, `rule ${r.id} already has a version in force during this period; give each version its own from/to`));
        if (v.kind !== r.kind) out.push(diag(src, `${p}/kind`, `every version of ${r.id} must have the same kind (${v.kind})`));
      }
      prior.push({ ...r.effective, kind: r.kind });
      versions.set(r.id, prior);

      const ids = new Map<string, string>();
      const exclusionIds = new Set<string>();
      const seeId = (id: string, where: string) => {
        if (ids.has(id)) out.push(diag(src, `${where}/id`, `id "${id}" is used twice in this rule`));
        ids.set(id, where);
      };
      const lintCheck = (c: Record<string, any>, where: string, isException: boolean) => {
        seeId(c.id, where);
        lintCondition(c.when, `${where}/when`, ctx);
        if (isException && !c.overrides) out.push(diag(src, where, `an exception names the exclusions it overrides (overrides: [...])`));
        if (!isException && c.overrides) out.push(diag(src, `${where}/overrides`, `only exceptions override`));
      };
      lintCheck(r.applies_to, `${p}/applies_to`, false);
      (r.exclusions ?? []).forEach((c: Record<string, any>, i: number) => {
        lintCheck(c, `${p}/exclusions/${i}`, false);
        exclusionIds.add(c.id);
      });
      (r.requires ?? []).forEach((c: Record<string, any>, i: number) => lintCheck(c, `${p}/requires/${i}`, false));
      (r.exceptions ?? []).forEach((c: Record<string, any>, i: number) => {
        lintCheck(c, `${p}/exceptions/${i}`, true);
        (c.overrides ?? []).forEach((o: string, oi: number) => {
          if (!exclusionIds.has(o))
            out.push(diag(src, `${p}/exceptions/${i}/overrides/${oi}`, `"${o}" is not an exclusion of this rule${didYouMean(o, exclusionIds)}`));
        });
      });
      (r.waits ?? []).forEach((w: Record<string, any>, i: number) => {
        const wp = `${p}/waits/${i}`;
        seeId(w.id, wp);
        if (w.when) lintCondition(w.when, `${wp}/when`, ctx);
        const def = jur.facts.get(w.from);
        if (!def) out.push(diag(src, `${wp}/from`, `unknown date "${w.from}"${didYouMean(w.from, [...jur.facts.values()].filter((f) => f.type === 'date').map((f) => f.name))}`));
        else if (def.type !== 'date') out.push(diag(src, `${wp}/from`, `a waiting period runs from a date, but "${w.from}" is a ${def.type}`));
        if (!parsePeriod(w.period)) out.push(diag(src, `${wp}/period`, `"${w.period}" is not a period like "2 years"`));
      });
      for (const k of ['check', 'where', 'fee', 'ask_a_lawyer'] as const) {
        if (Array.isArray(r.notes?.[k]))
          (r.notes[k] as Record<string, any>[]).forEach((v, i) => {
            if (v.when) lintCondition(v.when, `${p}/notes/${k}/${i}/when`, ctx);
          });
      }
      if (r.automatic && !r.notes?.check) out.push(diag(src, p, `automatic relief needs notes.check: how a person can see whether it already happened`, 'warning'));
      if (!r.automatic && !r.notes?.where) out.push(diag(src, p, `relief by petition needs notes.where: where to file`, 'warning'));
      if (r.review === 'unconfirmed' && !r.review_note) out.push(diag(src, `${p}/review`, `say in review_note what could not be confirmed`, 'warning'));
    });

    if (d.voting) {
      const vp = '/voting';
      if (!d.voting.id.startsWith(`${jur.code}.`)) out.push(diag(src, `${vp}/id`, `rule ids start with "${jur.code}."`));
      const vctx: Ctx = { ...ctx, personOnly: true };
      const outcomes = d.voting.outcomes as Record<string, any>[];
      const seen = new Set<string>();
      outcomes.forEach((o, i) => {
        if (seen.has(o.id)) out.push(diag(src, `${vp}/outcomes/${i}/id`, `id "${o.id}" is used twice`));
        seen.add(o.id);
        if (o.when) lintCondition(o.when, `${vp}/outcomes/${i}/when`, vctx);
        else if (i !== outcomes.length - 1) out.push(diag(src, `${vp}/outcomes/${i}`, `only the last outcome may leave out "when"; later ones could never apply`));
      });
      const lastOutcome = outcomes[outcomes.length - 1];
      if (lastOutcome?.when) out.push(diag(src, `${vp}/outcomes/${outcomes.length - 1}`, `the last outcome has no "when": it is what applies otherwise`));
    }
  }
  if (!named) {
    const src = sources[0];
    if (src) out.push(diag(src, '', `no file in rules/${jur.code}/ gives the jurisdiction's name and last_reviewed (jurisdiction.yaml)`));
  }
  if (folder && folder !== jur.code && /^[A-Z]{2}$/.test(folder)) {
    // loaded from another folder (rules validate PATH): nothing more to check
  }
  return out;
}

function lintEffective(e: { from?: string; to?: string } | undefined, pointer: string, src: SourceDoc, out: Diagnostic[]) {
  if (e?.from && e.to && e.from > e.to) out.push(diag(src, pointer, `effective.from ${e.from} is after effective.to ${e.to}`));
}
