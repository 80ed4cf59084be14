/**
 * Three-valued evaluation of rule conditions: true, false, or undefined (unknown).
 * Unknown is never folded into false: `not unknown` is unknown, `all [true, unknown]` is unknown,
 * `any [true, unknown]` is true, `all [false, unknown]` is false.
 */
import {
  DERIVED_CHARGE_FACTS,
  DERIVED_PERSON_FACTS,
  deriveChargeFact,
  derivePersonFact,
  dateBound,
  isAtLeast,
  isNotAfter,
  LATER_DATES,
  type Derived,
} from './derive.js';
import type { Charge, Condition, DeriveSpec, Jurisdiction, Ladder, LeafCondition, OffenseList, Person } from './types.js';

export type Tri = boolean | undefined;

export interface Scope {
  person: Person;
  charge?: Charge;
  jur: Jurisdiction;
  /** Per-charge cache of fact values. */
  cache: Map<string, Derived>;
  /** Per-person cache, shared by the person's charges. */
  personCache: Map<string, Derived>;
  /** The jurisdiction's plain charge facts (plainChargeFacts), read straight off the charge. */
  plain?: Set<string>;
  /** What an offense list looks at on this charge (category, statute, offense), as one key. */
  listKey?: string;
  /**
   * The record to read record-wide facts from, when it differs from `person` only in facts no
   * record-wide fact reads (the engine trying a value of an unknown fact): its facts are reused.
   */
  record?: Person;
}

/**
 * Facts whose unknown value made a condition unknown, collected while evaluating.
 * Open legal questions are collected too, marked by a leading OPEN character.
 */
export type Missing = Set<string>;
export const OPEN = '?';

const chargeDerived = new Set<string>(DERIVED_CHARGE_FACTS);
const personDerived = new Set<string>(DERIVED_PERSON_FACTS);

/**
 * Charge facts that are read straight off the charge, with nothing to work out: declared for
 * charges, not derived, not a ladder, not inferred. They skip the per-charge cache (a lookup
 * costs more than the read). Made once per jurisdiction.
 */
const plainCache = new WeakMap<Jurisdiction, Set<string>>();
export function plainChargeFacts(jur: Jurisdiction): Set<string> {
  let s = plainCache.get(jur);
  if (!s) {
    s = new Set();
    for (const [name, def] of jur.facts) {
      if (def.level === 'charge' && !def.infer && !def.derive && !chargeDerived.has(name) && !personDerived.has(name) && !jur.ladders.has(name)) s.add(name);
    }
    plainCache.set(jur, s);
  }
  return s;
}

export function factValue(scope: Scope, name: string): Derived {
  const charge = scope.charge;
  if (charge !== undefined && scope.plain !== undefined && scope.plain.has(name)) {
    const v = (charge as unknown as Record<string, Derived>)[name];
    if (v !== undefined) return v;
    const x = charge.extra[name];
    return x === undefined && name in LATER_DATES ? dateBound(charge, name) : x;
  }
  const cached = scope.cache.get(name);
  if (cached !== undefined || scope.cache.has(name)) return cached;
  const v = computeFact(scope, name);
  scope.cache.set(name, v);
  return v;
}

function computeFact(scope: Scope, name: string): Derived {
  const { person, charge, jur } = scope;
  if (charge && chargeDerived.has(name)) return deriveChargeFact(name, person, charge);
  if (personDerived.has(name)) {
    // other_convictions depends on which charge asks; the rest are per person.
    if (name === 'other_convictions') return derivePersonFact(name, person, charge);
    if (scope.personCache.has(name)) return scope.personCache.get(name);
    const v = derivePersonFact(name, person, charge);
    scope.personCache.set(name, v);
    return v;
  }
  const ladder = jur.ladders.get(name);
  if (ladder) return ladderValue(scope, ladder);
  const def = jur.facts.get(name);
  if (def?.derive && def.level === 'derived') {
    if (def.derive.over !== 'record') return charge ? aggregate(scope, def.derive) : undefined;
    // Over the whole record: the same for every charge of the person.
    if (scope.personCache.has(name)) return scope.personCache.get(name);
    const v = aggregate(scope, def.derive);
    scope.personCache.set(name, v);
    return v;
  }
  if (def?.level === 'charge') {
    if (!charge) return undefined;
    const v = (charge as unknown as Record<string, Derived>)[name];
    const given = v !== undefined ? v : charge.extra[name];
    if (given !== undefined) return given;
    if (name in LATER_DATES) return dateBound(charge, name);
    if (def.infer) {
      const text = factValue(scope, def.infer.from);
      const inferred = typeof text === 'string' ? def.infer.map.find((m) => patternMatches(m.matches, text))?.value : undefined;
      if (inferred !== undefined || !def.derive) return inferred;
    }
    return def.derive ? readFromRecord(scope, def.derive) : undefined;
  }
  if (def?.level === 'person') {
    const v = (person as unknown as Record<string, Derived>)[name];
    const given = v !== undefined ? v : person.extra[name];
    if (given !== undefined || !def.derive) return given;
    if (scope.personCache.has(name)) return scope.personCache.get(name);
    const read = readFromRecord(scope, def.derive);
    scope.personCache.set(name, read);
    return read;
  }
  return undefined;
}

/** A fact that can be asked, read from the record when nobody gave it: only the values it `settles`. */
function readFromRecord(scope: Scope, spec: DeriveSpec): Derived {
  if (spec.over !== 'record' && !scope.charge) return undefined;
  const v = aggregate(scope, spec);
  if (v === undefined || v === null || isAtLeast(v) || isNotAfter(v)) return undefined;
  return spec.settles === undefined || spec.settles.includes(v) ? v : undefined;
}

/**
 * A derived fact declared in a rule file (`derive:`), three-valued like everything else:
 * a charge whose membership (relation to the charge judged, `where`) is unknown makes the result
 * unknown only where it could change it; an incomplete record makes a count a lower bound, an
 * `exists` true-or-unknown and a latest/earliest date unknown.
 */
/**
 * What each charge of a person says for a derive: spec (its `where`, and the date it reads), worked
 * out once per person and spec: a relative fact (others, same_case, later) asks it of every other
 * charge, for every charge.
 */
interface PerCharge {
  mem: Tri[];
  dates?: (string | null | undefined)[];
}
interface PersonDerive {
  scopes: Scope[];
  specs: Map<DeriveSpec, PerCharge>;
}
const personDerive = new WeakMap<Person, PersonDerive>();
/** perCharge's sink for the facts a `where` found missing, which it does not use. */
const SCRATCH: Missing = new Set();
function perCharge(scope: Scope, spec: DeriveSpec): PerCharge {
  const { jur } = scope;
  const person = scope.record ?? scope.person;
  let pd = personDerive.get(person);
  if (!pd) personDerive.set(person, (pd = { scopes: [], specs: new Map() }));
  let pc = pd.specs.get(spec);
  if (pc) return pc;
  const plain = plainChargeFacts(jur);
  const dateFact = spec.latest ?? spec.earliest;
  const n = person.charges.length;
  const mem: Tri[] = new Array(n);
  const dates: (string | null | undefined)[] | undefined = dateFact !== undefined ? new Array(n) : undefined;
  pc = dates !== undefined ? { mem, dates } : { mem };
  for (let i = 0; i < n; i++) {
    const cs = (pd.scopes[i] ??= { person, charge: person.charges[i]!, jur, cache: new Map(), personCache: scope.personCache, plain });
    // what the condition found missing is not wanted here (one set for all, emptied as it goes)
    if (SCRATCH.size > 64) SCRATCH.clear();
    const w = spec.where ? evalCondition(spec.where, cs, SCRATCH) : true;
    mem[i] = w;
    if (dates !== undefined) {
      const d = w === false ? null : factValue(cs, dateFact!);
      dates[i] = d === null ? null : typeof d === 'string' ? d : undefined;
    }
  }
  pd.specs.set(spec, pc);
  return pc;
}

/** Facts read by record-wide computations: the built-in derived facts' inputs. */
const BUILTIN_RECORD_READS = [
  'disposition', 'level', 'disposition_date', 'sentence_type', 'sentence_completed', 'sentence_completed_date',
  'sentence_end_planned', 'case_number', 'release_date', 'incarcerated', 'on_parole', 'on_probation', 'record_complete',
  'birth_date', 'offense_date', 'age_at_offense',
];
const recordReadsCache = new WeakMap<Jurisdiction, Set<string>>();
/**
 * Every fact a record-wide fact of this jurisdiction may read (built-in derived facts, and each
 * `derive:`'s condition and date, through the facts those read in turn). A fact outside this set
 * can change only the charge it belongs to.
 */
export function recordReads(jur: Jurisdiction): Set<string> {
  let out = recordReadsCache.get(jur);
  if (out) return out;
  out = new Set(BUILTIN_RECORD_READS);
  for (const def of jur.facts.values()) {
    if (!def.derive) continue;
    for (const f of conditionFacts(def.derive.where)) out.add(f);
    const d = def.derive.latest ?? def.derive.earliest;
    if (d) out.add(d);
  }
  for (const l of jur.ladders.values()) {
    out.add(l.amount);
    out.add(l.date);
  }
  // a condition on a narrowed fact reads the facts that narrow it (and the other way round)
  for (const f of [...out]) for (const g of narrowPartners(jur, f)) out.add(g);
  recordReadsCache.set(jur, out);
  return out;
}

/** Past this many charges, facts relative to one charge are left unknown (each would read every other charge). */
export const MAX_RELATIVE_CHARGES = 2000;

function aggregate(scope: Scope, spec: DeriveSpec): Derived {
  const { person, charge: self } = scope;
  const complete = person.record_complete === true;
  if (spec.over !== 'record' && person.charges.length > MAX_RELATIVE_CHARGES) return undefined;
  const later = spec.latest !== undefined;
  const { mem, dates } = perCharge(scope, spec);
  let n = 0;
  let unsure = !complete;
  let best: string | undefined;
  let bestUnknown = false;
  let maybe: (string | undefined)[] | undefined;
  const charges = (scope.record ?? person).charges;
  const selfCase = self?.case_number;
  const selfDate = self?.disposition_date;
  for (let i = 0; i < charges.length; i++) {
    let m = mem[i];
    if (m === false) continue;
    if (spec.over !== 'record') {
      const c = charges[i]!;
      if (c.index === self!.index) continue;
      let related: Tri = true;
      if (spec.over === 'same_case') {
        // a charge of another state's courts, or of another kind of court, is another case; without
        // case numbers on both, another charge may or may not be of the same case
        if (c.state !== self!.state || (c.court !== undefined && self!.court !== undefined && c.court !== self!.court)) related = false;
        else related = c.case_number === undefined || selfCase === undefined ? undefined : c.case_number === selfCase;
      } else if (spec.over === 'later') {
        related = selfDate === undefined || c.disposition_date === undefined ? undefined : c.disposition_date > selfDate;
      }
      if (related === false) continue;
      if (related === undefined) m = undefined;
    }
    if (spec.exists) {
      if (m === true) return true;
      unsure = true;
      continue;
    }
    if (spec.count) {
      if (m === true) n++;
      else unsure = true;
      continue;
    }
    const date = dates![i];
    if (date === null) continue;
    if (m === true) {
      if (date === undefined) bestUnknown = true;
      else if (best === undefined || (later ? date > best : date < best)) best = date;
    } else (maybe ??= []).push(date);
  }
  if (spec.exists) return unsure ? undefined : false;
  if (spec.count) return unsure ? { atLeast: n } : n;
  if (!complete || bestUnknown) return undefined;
  if (maybe) for (const d of maybe) {
    if (d === undefined || best === undefined || (later ? d > best : d < best)) return undefined;
  }
  return best ?? null;
}

const regexCache = new Map<string, RegExp>();
export function regex(pattern: string): RegExp {
  let r = regexCache.get(pattern);
  if (!r) {
    r = new RegExp(pattern, 'i');
    regexCache.set(pattern, r);
  }
  return r;
}

/**
 * Most characters of a text a rule pattern is tried on: the first 1,000 (an offense, statute or
 * disposition is far shorter). `rules validate` rejects the patterns that take exponential time;
 * this bounds the rest (a pattern quadratic in the text's length stays in milliseconds, whatever
 * a case file holds: a 12 MB offense text is matched as its first 1,000 characters).
 */
export const MAX_MATCHED_CHARS = 1000;

/** Whether the pattern matches the text (its first MAX_MATCHED_CHARS characters), case-insensitive. */
export function patternMatches(pattern: string, text: string): boolean {
  return regex(pattern).test(text.length > MAX_MATCHED_CHARS ? text.slice(0, MAX_MATCHED_CHARS) : text);
}

function ladderValue(scope: Scope, ladder: Ladder): Derived {
  const charge = scope.charge;
  if (!charge) return undefined;
  if (charge.class !== undefined) {
    for (const m of ladder.record_class) if (patternMatches(m.matches, charge.class)) return m.value;
  }
  const amount = factValue(scope, ladder.amount);
  const date = factValue(scope, ladder.date);
  if (typeof amount !== 'number') return undefined;
  if (isNotAfter(date)) {
    // The date is not given but no later than a known day: the value every version in force up to
    // that day gives, when they agree and the earliest has no start.
    const upTo = ladder.versions.filter((v) => v.effective.from === undefined || v.effective.from <= date.notAfter);
    if (!upTo.some((v) => v.effective.from === undefined)) return undefined;
    let value: string | undefined;
    for (const v of upTo) {
      const b = v.bands.find((band) => band.up_to === undefined || amount <= band.up_to)?.value;
      if (b === undefined || (value !== undefined && b !== value)) return undefined;
      value = b;
    }
    return value;
  }
  if (typeof date !== 'string') return undefined;
  const version = ladder.versions.find(
    (v) => (v.effective.from === undefined || v.effective.from <= date) && (v.effective.to === undefined || date <= v.effective.to),
  );
  if (!version) return undefined;
  for (const band of version.bands) if (band.up_to === undefined || amount <= band.up_to) return band.value;
  return undefined;
}

const statuteCache = new Map<string, string>();
/**
 * Normalise a statute for prefix comparison, the way dockets and rap sheets write it:
 * "720 ILCS 5/12-3.2(a)" -> "720ilcs5/12-3.2(a)"; the Cook County docket style "720-5/16-25" and
 * "720 5/16-25", and the act written "5.0", read as "720ilcs5/16-25"; "§", "sec." and "section" are
 * dropped; the dots of a leading code name go ("O.C.G.A. 16-8-2" -> "ocga16-8-2", "G.L. c.268" ->
 * "glc268"), so either spelling matches the other.
 */
export function normaliseStatute(s: string): string {
  let n = statuteCache.get(s);
  if (n === undefined) {
    n = s
      .toLowerCase()
      .replace(/§|\bsec\.|\bsection\b/g, ' ')
      .trim()
      // Illinois chapter and act: "720 ILCS 5/", "720-5/", "720 5/", "720 ILCS 5.0/"
      .replace(/^(\d{1,3})\s*(?:ilcs|-|\s)\s*(\d{1,4})(?:\.0)?\s*\//, '$1ilcs$2/')
      .replace(/\s+/g, '');
    const head = /^[a-z.]+/.exec(n);
    if (head && head[0].includes('.')) n = head[0].replace(/\./g, '') + n.slice(head[0].length);
    if (statuteCache.size > 50_000) statuteCache.clear();
    statuteCache.set(s, n);
  }
  return n;
}

/**
 * A normalised statute split into its code ("720ilcs5/", "pc", "mcl", "ocga"; "" when it starts
 * with the section number) and its section ("16-25(a)").
 */
function splitStatute(n: string): [head: string, section: string] {
  const m = /^(?:\d{1,3}ilcs\d{1,4}\/|[a-z]+(?=\d))/.exec(n);
  return m ? [m[0], n.slice(m[0].length)] : ['', n];
}

/** The shape of a code, as a statute of the same code system would have it ("720ilcs5/" -> "9ilcs9/"). */
function headShape(head: string): string {
  return head.replace(/\d+/g, '9');
}

const wordCache = new Map<string, RegExp>();
/**
 * A phrase matched on word boundaries, case-insensitive ("dui" does not match "conduit"); a space
 * in the phrase stands for any run of spaces, hyphens, underscores, slashes or dots ("RETAIL-THEFT").
 */
export function wordRegex(phrase: string): RegExp {
  let r = wordCache.get(phrase);
  if (!r) {
    const body = phrase
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\-_/.]+');
    r = new RegExp(`(^|[^a-z0-9])${body}($|[^a-z0-9])`, 'i');
    wordCache.set(phrase, r);
  }
  return r;
}

export function statuteMatches(statute: string, prefix: string): boolean {
  const [sh, ss] = splitStatute(normaliseStatute(statute));
  const [ph, ps] = splitStatute(normaliseStatute(prefix));
  return headsMatch(sh, ph) && normalisedMatches(ss, ps);
}

/** A prefix written without its code ("16-8-2") stands for that section however the code is written. */
function headsMatch(statuteHead: string, prefixHead: string): boolean {
  return prefixHead === '' || statuteHead === prefixHead;
}

/** statuteMatches on sections already normalised. */
function normalisedMatches(s: string, p: string): boolean {
  // A prefix that is a whole code ("510 ILCS 70/") covers everything in it.
  if (p === '') return s !== '';
  if (!s.startsWith(p)) return false;
  // A prefix ending in punctuation ("720 ILCS 5/11-", "510 ILCS 70/") covers everything under it.
  if (/[^a-z0-9]$/.test(p)) return true;
  const next = s.charAt(p.length);
  // "11-501" matches "11-501(a)" but not "11-5010" or "11-501.1"
  return next === '' || !/[0-9.]/.test(next) || (next === '.' && !/[0-9]/.test(s.charAt(p.length + 1)));
}

/**
 * A list's categories, statute prefixes (split into code and section) and word patterns, made once
 * per list; and its answers so far, by what it looked at (`listKey`): offense texts and statutes
 * repeat from charge to charge, and a list's answer for them never changes.
 */
interface ListIndex {
  categories: Set<string>;
  statutes: [head: string, section: string][];
  words: RegExp[];
  answers: Map<string, Tri>;
}
const listIndexes = new WeakMap<OffenseList, ListIndex>();
function listIndex(list: OffenseList): ListIndex {
  let ix = listIndexes.get(list);
  if (!ix) {
    ix = {
      categories: new Set(list.categories),
      statutes: list.statutes.map((p) => splitStatute(normaliseStatute(p))),
      words: list.offense_words.map(wordRegex),
      answers: new Map(),
    };
    listIndexes.set(list, ix);
  }
  return ix;
}

/**
 * The code shapes the jurisdiction's lists write their statutes in ("9ilcs9/" for Illinois; "mcl";
 * "" for a bare section number). A statute in one of these shapes is one we can read; any other
 * text ("shoplifting", "38-16A-3" in Illinois) is not, and settles nothing.
 */
const jurShapes = new WeakMap<Jurisdiction, Set<string>>();
function citationShapes(jur: Jurisdiction): Set<string> {
  let s = jurShapes.get(jur);
  if (!s) {
    s = new Set();
    for (const list of jur.lists.values()) for (const [head] of listIndex(list).statutes) s.add(headShape(head));
    jurShapes.set(jur, s);
  }
  return s;
}

/** Answers remembered per list; past this the memory starts again (keys come from input data). */
const LIST_ANSWERS_MAX = 4096;
const NONE = '\u0002';

/**
 * What an offense list looks at on a charge, as one key. The last charge's key is kept: the engine
 * makes several scopes for one charge (each value tried), and each asks again.
 */
let keyCharge: Charge | undefined;
let keyText = '';
function listKeyOf(charge: Charge): string {
  if (charge === keyCharge) return keyText;
  keyText = `${charge.category ?? NONE}\u0001${charge.statute ?? NONE}\u0001${charge.offense ?? NONE}`;
  keyCharge = charge;
  return keyText;
}

export function inList(scope: Scope, list: OffenseList, missing: Missing): Tri {
  const charge = scope.charge;
  if (!charge) return undefined;
  const { category, statute } = charge;
  const ix = listIndex(list);
  const key = (scope.listKey ??= listKeyOf(charge));
  let r = ix.answers.get(key);
  if (r === undefined && !ix.answers.has(key)) {
    r = listAnswer(ix, list, charge, scope.jur);
    if (ix.answers.size >= LIST_ANSWERS_MAX) ix.answers.clear();
    ix.answers.set(key, r);
  }
  if (r === undefined) {
    // Not matched by anything we know, and not settled: what would settle it.
    if (category === undefined) missing.add('category');
    missing.add('statute');
  }
  return r;
}

function listAnswer(ix: ListIndex, list: OffenseList, charge: Charge, jur: Jurisdiction): Tri {
  const { category, statute, offense } = charge;
  if (category !== undefined && ix.categories.has(category)) return true;
  let readable = false;
  if (statute !== undefined) {
    const [sh, ss] = splitStatute(normaliseStatute(statute));
    for (const [ph, ps] of ix.statutes) if (headsMatch(sh, ph) && normalisedMatches(ss, ps)) return true;
    // The offense's name written where the statute goes ("Retail theft", "RETAIL THEFT/<$300").
    for (const w of ix.words) if (w.test(statute)) return true;
    // Readable: a section under a code written as the lists write theirs; where lists write bare
    // sections (matching them under any code), a section under any code name ("W.S. 6-2-106").
    const shapes = citationShapes(jur);
    readable = /^[0-9a-z]/.test(ss) && /[0-9]/.test(ss) && (shapes.has(headShape(sh)) || (shapes.has('') && /^[a-z]+$/.test(sh) && /^[0-9]/.test(ss)));
  }
  if (offense !== undefined) for (const w of ix.words) if (w.test(offense)) return true;
  // Not matched by anything we know. Is it settled? By a category the list cannot hold, or by a
  // statute we can read that is none of the list's; text we cannot read settles nothing.
  if (category !== undefined && !list.partial_categories.includes(category)) return false;
  if (readable) return false;
  return undefined;
}

type Compiled = (scope: Scope, missing: Missing) => Tri;
const compiled = new WeakMap<Condition, Compiled>();

/**
 * Evaluate a condition. Each condition object is compiled once into a closure (the forms are
 * known at load time), which keeps the per-charge cost low in batch runs.
 */
export function evalCondition(cond: Condition, scope: Scope, missing: Missing): Tri {
  let fn = compiled.get(cond);
  if (!fn) {
    fn = compile(cond);
    compiled.set(cond, fn);
  }
  return fn(scope, missing);
}

function compile(cond: Condition): Compiled {
  if ('all' in cond) {
    const parts = cond.all.map(compile);
    return (scope, missing) => {
      let result: Tri = true;
      for (const p of parts) {
        const r = p(scope, missing);
        if (r === false) return false;
        if (r === undefined) result = undefined;
      }
      return result;
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map(compile);
    return (scope, missing) => {
      let result: Tri = false;
      for (const p of parts) {
        const r = p(scope, missing);
        if (r === true) return true;
        if (r === undefined) result = undefined;
      }
      return result;
    };
  }
  if ('not' in cond) {
    const inner = compile(cond.not);
    return (scope, missing) => {
      const r = inner(scope, missing);
      return r === undefined ? undefined : !r;
    };
  }
  if ('open_question' in cond) {
    const oq = cond.open_question;
    const q = OPEN + (typeof oq === 'string' ? oq : JSON.stringify(oq));
    return (_scope, missing) => {
      missing.add(q);
      return undefined;
    };
  }
  if ('in_list' in cond) {
    const id = cond.in_list;
    return (scope, missing) => {
      const list = scope.jur.lists.get(id);
      if (!list) throw new Error(`unknown list ${id}`);
      return inList(scope, list, missing);
    };
  }
  const leaf = cond;
  // The narrowings of the fact in the jurisdiction last seen (a pointer compare per call: the plain
  // path is unchanged for a fact nothing narrows).
  let seenJur: Jurisdiction | undefined;
  let narrows: Narrow[] | undefined;
  return (scope, missing) => {
    if (scope.jur !== seenJur) {
      seenJur = scope.jur;
      narrows = narrowingsOf(scope.jur).get(leaf.fact);
    }
    const v = factValue(scope, leaf.fact);
    const r = narrows === undefined ? evalLeaf(leaf, v) : evalNarrowed(leaf, v, scope, narrows);
    if (r === undefined) missing.add(leaf.fact);
    return r;
  };
}

/**
 * One way a fact's possible values follow from another fact's value (`narrowed_by`, read forwards
 * on the fact that declares it, `forwards`; backwards on the fact it names).
 */
export interface Narrow {
  other: string;
  map: Map<string, string[]>;
  forwards: boolean;
}
const narrowCache = new WeakMap<Jurisdiction, Map<string, Narrow[]>>();
/** The jurisdiction's narrowings, by the fact narrowed (empty for most). */
export function narrowingsOf(jur: Jurisdiction): Map<string, Narrow[]> {
  let m = narrowCache.get(jur);
  if (!m) {
    m = new Map();
    const add = (fact: string, n: Narrow) => {
      const l = m!.get(fact);
      if (l) l.push(n);
      else m!.set(fact, [n]);
    };
    for (const def of jur.facts.values()) {
      const nb = def.narrowed_by;
      if (!nb) continue;
      add(def.name, { other: nb.fact, map: new Map(Object.entries(nb.values)), forwards: true });
      const back = new Map<string, string[]>();
      for (const [o, vs] of Object.entries(nb.values)) for (const v of vs) {
        const l = back.get(v);
        if (!l) back.set(v, [o]);
        else if (!l.includes(o)) l.push(o);
      }
      add(nb.fact, { other: def.name, map: back, forwards: false });
    }
    narrowCache.set(jur, m);
  }
  return m;
}

/** The facts a condition on `fact` may read through its narrowings, `fact` left out (usually none). */
export function narrowPartners(jur: Jurisdiction, fact: string): string[] {
  const m = narrowingsOf(jur);
  if (m.size === 0 || !m.has(fact)) return [];
  const out: string[] = [];
  const todo = [fact];
  while (todo.length > 0) {
    for (const n of m.get(todo.pop()!) ?? []) {
      if (n.other === fact || out.includes(n.other)) continue;
      out.push(n.other);
      todo.push(n.other);
    }
  }
  return out;
}

/** The values a fact can still take, from the other facts' known values (undefined when nothing narrows it here). */
function possible(scope: Scope, narrows: Narrow[]): string[] | undefined {
  let out: string[] | undefined;
  for (const n of narrows) {
    const o = factValue(scope, n.other);
    const vs = typeof o === 'string' ? n.map.get(o) : undefined;
    if (vs === undefined) continue;
    out = out === undefined ? vs : out.filter((v) => vs.includes(v));
  }
  return out;
}

/**
 * The values a fact of this charge (or person) can take: `all` cut down to the ones its
 * narrowings leave (the engine tries only these); `all` itself when nothing narrows it.
 */
export function possibleValues<T>(scope: Scope, fact: string, all: T[]): T[] {
  const narrows = narrowingsOf(scope.jur).get(fact);
  if (narrows === undefined) return all;
  const p = possible(scope, narrows);
  return p === undefined ? all : all.filter((v) => p.includes(v as unknown as string));
}

/**
 * A given value of a narrowed fact that the other fact's given value rules out (e.g. a summary
 * grade on a charge given as a misdemeanor): [fact, value, the other fact, its value] for each, to
 * warn about. Both are still read as given.
 */
export function contradictions(scope: Scope): [fact: string, value: string, other: string, otherValue: string][] {
  const out: [string, string, string, string][] = [];
  for (const [fact, narrows] of narrowingsOf(scope.jur)) {
    const v = factValue(scope, fact);
    if (typeof v !== 'string') continue;
    for (const n of narrows) {
      if (!n.forwards) continue;
      const o = factValue(scope, n.other);
      const vs = typeof o === 'string' ? n.map.get(o) : undefined;
      if (vs !== undefined && !vs.includes(v)) out.push([fact, v, n.other, o as string]);
    }
  }
  return out;
}

/**
 * A leaf on a narrowed fact: a given value as usual (even one the other fact rules out: that is
 * warned about, see contradictions); an unknown one over the values still possible: true when
 * every one satisfies the condition, false when none does, unknown otherwise.
 */
function evalNarrowed(c: LeafCondition, v: Derived, scope: Scope, narrows: Narrow[]): Tri {
  if (v !== undefined) return evalLeaf(c, v);
  const p = possible(scope, narrows);
  if (p === undefined || p.length === 0) return undefined;
  let r: Tri = evalLeaf(c, p[0]);
  for (let i = 1; i < p.length && r !== undefined; i++) if (evalLeaf(c, p[i]) !== r) r = undefined;
  return r;
}

export function evalLeaf(c: LeafCondition, v: Derived): Tri {
  if (v === undefined) return undefined;
  if (isAtLeast(v)) return evalBound(c, v.atLeast);
  if (isNotAfter(v)) {
    // A date not given but no later than a known one: decided when the whole span is on one side.
    if (c.before !== undefined) return v.notAfter < c.before ? true : undefined;
    if (c.on_or_after !== undefined) return v.notAfter < c.on_or_after ? false : undefined;
    return undefined;
  }
  if (v === null) {
    // Known to be absent: nothing equals it, nothing compares to it.
    if (c.ne !== undefined || c.not_in !== undefined) return true;
    return false;
  }
  if (c.eq !== undefined) return v === c.eq;
  if (c.ne !== undefined) return v !== c.ne;
  if (c.in !== undefined) return (c.in as unknown[]).includes(v);
  if (c.not_in !== undefined) return !(c.not_in as unknown[]).includes(v);
  if (c.lt !== undefined) return (v as number) < c.lt;
  if (c.lte !== undefined) return (v as number) <= c.lte;
  if (c.gt !== undefined) return (v as number) > c.gt;
  if (c.gte !== undefined) return (v as number) >= c.gte;
  if (c.before !== undefined) return (v as string) < c.before;
  if (c.on_or_after !== undefined) return (v as string) >= c.on_or_after;
  if (c.matches !== undefined) return patternMatches(c.matches, String(v));
  return undefined;
}

/** A comparison against a count known only to be at least `n`. */
function evalBound(c: LeafCondition, n: number): Tri {
  if (c.gte !== undefined) return n >= c.gte ? true : undefined;
  if (c.gt !== undefined) return n > c.gt ? true : undefined;
  if (c.lte !== undefined) return n > c.lte ? false : undefined;
  if (c.lt !== undefined) return n >= c.lt ? false : undefined;
  if (c.eq !== undefined && typeof c.eq === 'number') return n > c.eq ? false : undefined;
  if (c.ne !== undefined && typeof c.ne === 'number') return n > c.ne ? true : undefined;
  return undefined;
}

/** The fact names a condition reads, in reading order (lists read category, statute, offense). */
export function conditionFacts(cond: Condition | undefined, out: string[] = []): string[] {
  if (!cond) return out;
  const add = (f: string) => {
    if (!out.includes(f)) out.push(f);
  };
  if ('all' in cond) for (const c of cond.all) conditionFacts(c, out);
  else if ('any' in cond) for (const c of cond.any) conditionFacts(c, out);
  else if ('not' in cond) conditionFacts(cond.not, out);
  else if ('in_list' in cond) ['category', 'statute', 'offense'].forEach(add);
  else if ('fact' in cond) add(cond.fact);
  return out;
}
