/**
 * Answers as precise as the facts allow. When a relief's answer turns on facts nobody gave, the
 * engine tries each value of each such fact (booleans and enums: the facts a person can answer with
 * a choice) and
 *
 *   1. gives the answer that holds whatever the values are: when every combination gives
 *      `eligible` or `eligible_on`, the latest of those; when every one gives `not_eligible`, that.
 *      `needs_review` stays only where some value could take the relief away, or the law is open;
 *   2. says what each value of each such fact would give (`depends_on`), so the person and the
 *      lawyer see what would change the answer.
 *
 * Pure, like the rest of the engine: it only re-runs the same rules on the same person with one
 * fact filled in.
 */
import { evalLeaf, narrowingsOf, narrowPartners, plainChargeFacts, possibleValues, recordReads, type Scope } from './conditions.js';
import { LATER_DATES, type Derived } from './derive.js';
import { M, t } from './messages.js';
import { valueText } from './value-words.js';
import type {
  Charge,
  ChargeStatus,
  Condition,
  DependsOn,
  FactDef,
  FactValue,
  IsoDate,
  Jurisdiction,
  Lang,
  LeafCondition,
  Person,
  ReliefKind,
  ReliefSlot,
  Rule,
  RuleResult,
  VotingResult,
} from './types.js';

/** Facts worth trying: few values, answerable with a choice. */
const MAX_VALUES = 8;
/** At most this many facts are tried together (2^6 = 64 combinations of yes/no). */
const MAX_FACTS = 6;
const MAX_COMBINATIONS = 64;
/**
 * Past this many charges on one person, values are not tried: each try re-reads the record, so the
 * cost grows with the square of the charges. Such a record reaches a lawyer anyway.
 */
export const MAX_CHARGES_TRIED = 500;

export const NO_DEPENDS: DependsOn[] = Object.freeze([]) as unknown as DependsOn[];

/** A yes/no fact's values: one list for all (asked for several times per charge), never changed. */
const BOOLEAN_VALUES: FactValue[] = Object.freeze([true, false]) as unknown as FactValue[];

export function valuesOf(def: FactDef | undefined): FactValue[] | undefined {
  if (!def || def.level === 'derived') return undefined;
  if (def.type === 'boolean') return BOOLEAN_VALUES;
  // a narrowed enum is tried at its possible values only (triedValues), fewer than all of them
  if (def.type === 'enum' && def.values && (def.values.length <= MAX_VALUES || def.narrowed_by)) return def.values;
  return undefined;
}

/**
 * The values to try each fact at on this charge (or the person): valuesOf, cut down to the values
 * another fact's known value leaves possible (`narrowed_by`).
 */
export function triedValues(tried: FactDef[], person: Person, charge: Charge | undefined, jur: Jurisdiction): FactValue[][] {
  const narrowed = narrowingsOf(jur);
  let scope: Scope | undefined;
  const out: FactValue[][] = new Array(tried.length);
  for (let i = 0; i < tried.length; i++) {
    const d = tried[i]!;
    const all = valuesOf(d)!;
    if (!narrowed.has(d.name)) {
      out[i] = all;
      continue;
    }
    scope ??= { person, ...(charge ? { charge } : {}), jur, cache: new Map(), personCache: new Map(), plain: plainChargeFacts(jur) };
    const p = possibleValues(scope, d.name, all);
    out[i] = p.length > 0 ? p : all;
  }
  return out;
}

/** The person and charge with some facts filled in (copies; the originals are untouched). */
export function withFacts(person: Person, charge: Charge | undefined, set: [FactDef, FactValue][], keepCharges = false): { person: Person; charge?: Charge } {
  let p = person;
  let c = charge;
  for (const [def, v] of set) {
    if (def.level === 'person') {
      if (p === person) p = { ...person, extra: { ...person.extra } };
      (p as unknown as Record<string, unknown>)[def.name] = v;
      p.extra[def.name] = v;
    } else if (c) {
      if (c === charge) c = { ...charge, extra: { ...charge.extra } };
      (c as unknown as Record<string, unknown>)[def.name] = v;
      c.extra[def.name] = v;
    }
  }
  if (!keepCharges && (c !== charge || p !== person)) {
    const cc = c;
    p = { ...p, charges: cc ? p.charges.map((x) => (x.index === cc.index ? cc : x)) : p.charges };
  }
  return { person: p, charge: c };
}

interface Outcome {
  status: ChargeStatus;
  date: IsoDate | null;
  best?: RuleResult;
  /** When `best` is lean: the scope it was run in (its rule: `bestAt` in the kind's rules). */
  bestScope?: Scope | undefined;
  bestAt?: number;
}

const RANK: Record<ChargeStatus, number> = { eligible: 0, eligible_on: 1, needs_review: 2, not_eligible: 3, not_covered: 4 };
function betterResult(a: RuleResult, b: RuleResult): boolean {
  if (RANK[a.status] !== RANK[b.status]) return RANK[a.status] < RANK[b.status];
  if (a.status === 'eligible_on') return (a.date ?? '') < (b.date ?? '');
  return false;
}

/** evaluateRule; `lean`: the status and date only (see evaluateRule), made in full when shown. */
type Evaluate = (rule: Rule, scope: Scope, asOf: IsoDate, lang: Lang, lean?: boolean) => RuleResult;

/** The outcome function of makeOutcome, and the full result of an outcome's best rule (as evaluateRule gives it). */
type OutcomeOf = ((at: number[]) => Outcome) & { full: (o: Outcome) => RuleResult };

/**
 * What a kind's rules read of a set of tried facts, worked out once per (rules in force, kind,
 * tried facts, whether record-wide facts are shared) and kept: the same few sets of tried facts
 * come back charge after charge.
 */
interface TryPlan {
  /** Per rule of the kind: whether it depends on a tried fact (else it answers as before). */
  depends: boolean[];
  /** Per rule: the positions (in `tried`) of the tried facts it depends on. */
  own: number[][];
  /**
   * Per rule, per position in `own`: for each value of that fact (its place among valuesOf), the
   * place of the first value the rule cannot tell from it (sameAnswers); undefined: each its own.
   */
  same: (number[] | undefined)[][];
}
/** Plans by rules in force, then kind and `shared`, then each tried fact in turn (a trie: no key text made). */
interface PlanNode {
  next?: Map<FactDef, PlanNode>;
  plan?: TryPlan;
}
const planCache = new WeakMap<Rule[], Map<string, PlanNode>>();
/**
 * The tries' shortcuts, on by default; off only to check them against the plain way (tests,
 * benchmarks): `stays`, a rule that answered not_eligible compared at that answer, not run;
 * `same`, a rule run once for values it cannot tell apart (sameAnswers).
 */
export const TRY_SHORTCUTS = { stays: true, same: true };
function tryPlan(jur: Jurisdiction, inForce: Rule[], kind: ReliefKind, kindRules: Rule[], tried: FactDef[], shared: boolean): TryPlan {
  let byKind = planCache.get(inForce);
  if (!byKind) planCache.set(inForce, (byKind = new Map()));
  const top = shared ? `${kind}s` : kind;
  let node: PlanNode | undefined = byKind.get(top);
  if (!node) byKind.set(top, (node = {}));
  for (const d of tried) {
    let n: PlanNode | undefined = node.next?.get(d);
    if (!n) (node.next ??= new Map()).set(d, (n = {}));
    node = n;
  }
  if (node.plan) return node.plan;
  const reads = recordReads(jur);
  const triedNames = new Set(tried.map((d) => d.name));
  // A rule that reads none of the facts tried answers as before. When no record-wide fact reads
  // them either, nothing worked out from the record changes, so only a direct read counts.
  const depends = kindRules.map((rule) => readsAnyOf(ruleReads(jur, rule), triedNames) || (!shared && readsWorkedOut(jur, rule)));
  const own = kindRules.map((rule, i) => {
    const pos: number[] = [];
    if (!depends[i]) return pos;
    const indirect = !shared && readsWorkedOut(jur, rule);
    const direct = ruleReads(jur, rule);
    tried.forEach((d, k) => {
      if (direct.has(d.name) || (indirect && reads.has(d.name))) pos.push(k);
    });
    return pos;
  });
  const same = kindRules.map((rule, i) => own[i]!.map((k) => sameAnswers(jur, rule, tried[k]!)));
  return (node.plan = { depends, own, same });
}

/**
 * Values of a fact that a rule cannot tell apart: every condition of the rule on the fact gives the
 * same for them (`{fact: pardon, eq: pardon_authorizing_expungement}` tells that value from the
 * three others, which it cannot tell from each other). Then the rule answers the same, reasons and
 * all, for each of them, and is run for the first only. Only where the rule reads the fact through
 * its own conditions and nothing else: not when it reads a fact worked out from others, when the
 * fact narrows or is narrowed by another, is read straight off the charge or person, or is a wait's
 * date. For each value (its place among valuesOf), the place of the first one like it; undefined
 * when every value is its own (test/batch-fast7.test.ts checks the answers against running each).
 */
function sameAnswers(jur: Jurisdiction, rule: Rule, def: FactDef): number[] | undefined {
  const values = valuesOf(def);
  const f = def.name;
  if (!values || values.length < 2 || readsWorkedOut(jur, rule) || READ_DIRECTLY.has(f) || narrowingsOf(jur).has(f)) return undefined;
  const leaves: LeafCondition[] = [];
  let plain = true;
  const walk = (c: Condition | undefined): void => {
    if (!c || !plain) return;
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else if ('in_list' in c) plain = f !== 'category' && f !== 'statute' && f !== 'offense';
    else if ('fact' in c && c.fact === f) leaves.push(c);
  };
  walk(rule.applies_to.when);
  for (const x of [...rule.exclusions, ...rule.exceptions, ...rule.requires]) walk(x.when);
  for (const w of rule.waits) {
    if (w.from === f) plain = false;
    walk(w.when);
  }
  if (!plain) return undefined;
  const sig = (v: FactValue) => leaves.map((l) => String(evalLeaf(l, v as Derived))).join(',');
  const sigs = values.map(sig);
  const first = sigs.map((x) => sigs.indexOf(x));
  return first.every((j, i) => j === i) ? undefined : first;
}

/**
 * The answer of a kind's rules with some tried facts set. Each rule is run once per assignment of
 * the tried facts it depends on, and the combinations are put together from those runs: rules are
 * independent of each other. A rule depends on the tried facts it reads, and, when it reads a fact
 * worked out from the record, on the tried facts something record-wide reads (`reads`; none when
 * `shared` is given: then nothing record-wide reads a tried fact).
 *
 * Two kinds of rule are not run for each assignment: those that depend on no tried fact (`fixed`:
 * their answer as before, `results` at `kindAt`; `depends` false), and those that answered
 * `not_eligible` before (`stays`): a fact nobody
 * gave never makes a rule not eligible, so a value given to it cannot undo that answer (rule by
 * rule, test/batch-fast7.test.ts); they are compared at that answer and run, in their assignment's
 * scope, only when one of them is the answer shown.
 */
function makeOutcome(
  ev: Evaluate,
  rules: Rule[],
  person: Person,
  charge: Charge,
  jur: Jurisdiction,
  tried: FactDef[],
  asOf: IsoDate,
  lang: Lang,
  results: RuleResult[],
  kindAt: number[],
  depends: boolean[],
  own: number[][],
  same: (number[] | undefined)[][],
  vals: FactValue[][],
  shared?: Map<string, Derived>,
  tries?: TriedScopes,
): OutcomeOf {
  const reads = recordReads(jur);
  // a key per assignment: each fact's value as its place among the fact's values, plus one (0: not set)
  const radix = Math.max(...vals.map((v) => v.length)) + 1;
  const stride: number[] = new Array(tried.length);
  for (let k = 0, m = 1; k < tried.length; k++, m *= radix) stride[k] = m;
  // one table for all the rules: rule i's result for assignment `key` at key * rules.length + i
  const memo = new Map<number, RuleResult>();
  const nRules = rules.length;
  // rule i's answer before, when it is not run for each assignment: fixed, or stays not eligible
  const stays = (i: number): boolean => depends[i]! && TRY_SHORTCUTS.stays && results[kindAt[i]!]!.status === 'not_eligible';
  const fixedOrStays = (i: number): RuleResult | undefined => (!depends[i] || stays(i) ? results[kindAt[i]!]! : undefined);
  // The rules run for each assignment, in order; and the best of the others (the first of equals),
  // the same for every assignment.
  const run: number[] = [];
  let held: RuleResult | undefined;
  let heldAt = -1;
  for (let i = 0; i < nRules; i++) {
    const r = fixedOrStays(i);
    if (!r) run.push(i);
    else if (!held || betterResult(r, held)) {
      held = r;
      heldAt = i;
    }
  }
  // One scope per assignment, shared by every rule that depends on the same tried facts: the copies
  // of the person and charge, and the facts worked out on them, are made once.
  const scopes = new Map<number, Scope>();
  type Rec = { person: Person; charge?: Charge; cache: Map<string, Derived> };
  let records: Map<number, Rec> | undefined;
  const plain = plainChargeFacts(jur);
  // The rules are run lean (status and date: all that is compared); the one shown is run again in
  // full, in the same scope (`scopes`).
  // The scope of rule i's assignment in `at` (its key), made once.
  const scopeOf = (i: number, key: number): Scope => {
    let scope = scopes.get(key);
    if (scope) return scope;
    // the assignment is read back from the key (a value's place plus one, 0: not set)
    const ok = own[i]!;
    let n = 0;
    for (let j = 0; j < ok.length; j++) if (Math.floor(key / stride[ok[j]!]!) % radix > 0) n++;
    const sub: [FactDef, FactValue][] = new Array(n);
    n = 0;
    for (let j = 0; j < ok.length; j++) {
      const k = ok[j]!;
      const x = Math.floor(key / stride[k]!) % radix;
      if (x > 0) sub[n++] = [tried[k]!, vals[k]![x - 1]!];
    }
    // The same facts set to the same values for another relief kind of this charge: the
    // same copy, and the facts already worked out on it.
    const tkey = tries ? triedKey(sub, shared !== undefined) : undefined;
    if (tkey !== undefined) scope = tries!.get(tkey);
    if (!scope) {
      // The record that record-wide facts are worked out from: the person's own when nothing
      // record-wide reads the tried facts; else one per assignment of the tried facts that
      // something record-wide reads (the others cannot change what is worked out from it).
      let record = person;
      let recordCharge: Charge | undefined = charge;
      let cache = shared;
      let rest = sub;
      if (!cache) {
        // split only when some tried fact is read record-wide (else: none to set on the record)
        let rsub: [FactDef, FactValue][] = NO_FACTS;
        for (const fv of sub) {
          if (!reads.has(fv[0].name)) continue;
          rsub = sub.filter(([d]) => reads.has(d.name));
          rest = sub.filter(([d]) => !reads.has(d.name));
          break;
        }
        let rkey = 0;
        for (const [d] of rsub) {
          const k = tried.indexOf(d);
          rkey += (Math.floor(key / stride[k]!) % radix) * stride[k]!;
        }
        records ??= new Map<number, Rec>();
        let r = records.get(rkey);
        if (!r) {
          const w = withFacts(person, charge, rsub);
          records.set(rkey, (r = { person: w.person, charge: w.charge, cache: new Map<string, Derived>() }));
        }
        record = r.person;
        recordCharge = r.charge;
        cache = r.cache;
      }
      // the record's other charges are read from `record`. A tried fact that nothing reads off
      // the charge or person object itself is set in the scope's own facts instead of a copy.
      const factCache = new Map<string, Derived>();
      let scopePlain = plain;
      let direct: [FactDef, FactValue][] | undefined;
      let overlaid = '';
      for (const fv of rest) {
        if (READ_DIRECTLY.has(fv[0].name)) (direct ??= []).push(fv);
        else {
          factCache.set(fv[0].name, fv[1] as Derived);
          if (plain.has(fv[0].name)) overlaid += `${fv[0].name}\u0000`;
        }
      }
      if (overlaid !== '') scopePlain = plainWithout(plain, overlaid);
      const w = direct ? withFacts(record, recordCharge, direct, true) : { person: record, charge: recordCharge };
      scope = { person: w.person, charge: w.charge, jur, cache: factCache, personCache: cache, plain: scopePlain, record };
      if (tkey !== undefined) tries!.set(tkey, scope);
    }
    scopes.set(key, scope);
    return scope;
  };
  // rule i's key for the assignment `at`: each value as the first the rule cannot tell from it
  const keyOf = (i: number, at: number[]): number => {
    let key = 0;
    const o = own[i]!;
    const sm = same[i]!;
    for (let j = 0; j < o.length; j++) {
      const k = o[j]!;
      const x = at[k]!;
      const c = sm[j];
      key += (c !== undefined && x > 0 ? c[x - 1]! + 1 : x) * stride[k]!;
    }
    return key;
  };
  // The rules are run lean (status and date: all that is compared); the one shown is run again in
  // full, in the same scope (`scopes`). The best is the first of the best answers in rule order.
  const outcome = (at: number[]): Outcome => {
    let best = held;
    let bestAt = heldAt;
    let bestKey = -1;
    for (let r = 0; r < run.length; r++) {
      const i = run[r]!;
      const key = keyOf(i, at);
      let res = memo.get(key * nRules + i);
      if (!res) {
        res = ev(rules[i]!, scopeOf(i, key), asOf, lang, true);
        memo.set(key * nRules + i, res);
      }
      if (!best || betterResult(res, best) || (i < bestAt && !betterResult(best, res))) {
        best = res;
        bestAt = i;
        bestKey = key;
      }
    }
    // a rule that stays not eligible shown: run in its assignment's scope when shown in full
    if (bestKey < 0 && stays(bestAt)) bestKey = keyOf(bestAt, at);
    const bestScope = bestKey >= 0 ? scopeOf(bestAt, bestKey) : undefined;
    return { status: best!.status, date: best!.date, best, bestScope, bestAt };
  };
  // a rule's own result (fixed), or a shared one (a rule that does not apply) is already full
  const full = (o: Outcome): RuleResult => (o.bestScope && !Object.isFrozen(o.best) ? ev(rules[o.bestAt!]!, o.bestScope, asOf, lang) : o.best!);
  return Object.assign(outcome, { full });
}

/** No facts to set (one list for all). */
const NO_FACTS: [FactDef, FactValue][] = [];

/**
 * The copies of one charge made while trying values, by the facts set and their values (and
 * whether record-wide facts come from the person's own cache), shared by the charge's relief kinds.
 */
export type TriedScopes = Map<string | number, Scope>;
/** A number per fact definition (for triedKey), given as facts are first tried. */
const factIds = new WeakMap<FactDef, number>();
let nextFactId = 0;
const DIGIT = 2 ** 15;
/**
 * The key of a set of facts and values: a number for up to three facts (each fact and value one
 * digit in base 2^15, after a leading digit for `shared`), as a number is found in a map without
 * hashing a new string; a string for more.
 */
function triedKey(sub: [FactDef, FactValue][], shared: boolean): string | number {
  if (sub.length <= 3) {
    let n = shared ? 1 : 2;
    for (const [d, v] of sub) {
      let id = factIds.get(d);
      if (id === undefined) factIds.set(d, (id = nextFactId++));
      const at = valuesOf(d)?.indexOf(v) ?? -1;
      if (at < 0 || at >= 63 || id >= 511) return triedText(sub, shared);
      n = n * DIGIT + id * 64 + at + 1;
    }
    return n;
  }
  return triedText(sub, shared);
}
function triedText(sub: [FactDef, FactValue][], shared: boolean): string {
  let k = shared ? 's' : 'r';
  for (const [d, v] of sub) k += `\u0001${d.name}\u0000${String(v)}`;
  return k;
}

/**
 * Facts some code reads straight off a charge or person object rather than through factValue
 * (derive.ts, aggregates, ladders, offense lists): a tried value of one of these needs a copy of
 * the object. Any other tried fact is given as a fact of the scope (its cache) instead, when no
 * record-wide fact reads it (those go through a copy of the record). The built-in record-wide
 * reads are listed too, though they never get here.
 */
const READ_DIRECTLY = new Set<string>(['court', 'class', 'offense', 'statute', 'category', 'state', 'index', 'extra', 'id', 'arrest_date', 'offense_date', 'disposition_date', 'sentence_completed_date', 'sentence_end_planned', 'release_date', 'case_number', 'disposition', 'level', 'sentence_type', 'sentence_completed', 'incarcerated', 'on_parole', 'on_probation', 'record_complete', 'birth_date', 'age_at_offense', 'charges', ...Object.keys(LATER_DATES)]);

/** The plain charge facts but some (read from the scope's cache instead), once per set. */
const plainWithoutCache = new WeakMap<Set<string>, Map<string, Set<string>>>();
function plainWithout(plain: Set<string>, names: string): Set<string> {
  let m = plainWithoutCache.get(plain);
  if (!m) plainWithoutCache.set(plain, (m = new Map()));
  let out = m.get(names);
  if (!out) {
    const drop = names.split('\u0000');
    out = new Set([...plain].filter((f) => !drop.includes(f)));
    m.set(names, out); // bounded: one per set of tried plain facts in the rule files
  }
  return out;
}

/**
 * The facts a rule reads: its own (`rule.facts`), and the facts that narrow them (`narrowed_by`:
 * a condition on level reads the grade when the level is not given), once per rule.
 */
const readsCache = new WeakMap<Rule, Set<string>>();
function ruleReads(jur: Jurisdiction, rule: Rule): Set<string> {
  let s = readsCache.get(rule);
  if (!s) {
    s = new Set(rule.facts);
    for (const f of rule.facts) for (const g of narrowPartners(jur, f)) s.add(g);
    readsCache.set(rule, s);
  }
  return s;
}

/** Whether any of `reads` is in `names` (no array made: this runs for every rule of every charge). */
function readsAnyOf(reads: Set<string>, names: Set<string>): boolean {
  for (const f of reads) if (names.has(f)) return true;
  return false;
}

/** Whether a rule reads a fact worked out from others (workedOut), once per rule. */
const workedOutCache = new WeakMap<Rule, boolean>();
function readsWorkedOut(jur: Jurisdiction, rule: Rule): boolean {
  let b = workedOutCache.get(rule);
  if (b === undefined) workedOutCache.set(rule, (b = rule.facts.some((f) => workedOut(jur, f))));
  return b;
}

/** Facts whose value is worked out from others (so a tried fact may change them). */
function workedOut(jur: Jurisdiction, f: string): boolean {
  if (jur.ladders.has(f)) return true;
  const def = jur.facts.get(f);
  return !def || def.level === 'derived' || def.derive !== undefined;
}

/** How a status reads in a "depends on" line. */
function statusWords(o: { status: string; date: IsoDate | null }, lang: Lang): string {
  return t(M.outcome(o.status, o.date ?? ''), lang);
}

/** Latest of two outcomes that are both eligible or eligible_on. */
const laterOf = (a: Outcome, b: Outcome, asOf: IsoDate): Outcome => {
  const da = a.status === 'eligible' ? asOf : a.date!;
  const db = b.status === 'eligible' ? asOf : b.date!;
  return db > da ? b : a;
};

const open = (o: Outcome) => o.status === 'eligible' || o.status === 'eligible_on';
const dayOf = (o: Outcome, asOf: IsoDate) => (o.status === 'eligible' ? asOf : o.date!);

/** Some combinations open, some not: the answer stays for a lawyer to review (one object for all). */
const REVIEW: Outcome = Object.freeze({ status: 'needs_review', date: null });

const sameOutcome = (a: Outcome, b: Outcome) => a.status === b.status && (a.date ?? '') === (b.date ?? '');

/** refineSlot's list of the facts left open, used again from call to call. */
const NAMES: string[] = [];
/** refineSlot's list of those facts that can be tried, used again likewise. */
const FACTS: FactDef[] = [];

/** The rules in force of one kind, and their places among them, once per rules in force. */
const kindCache = new WeakMap<Rule[], Map<ReliefKind, { rules: Rule[]; at: number[] }>>();
function kindRulesOf(inForce: Rule[], kind: ReliefKind): { rules: Rule[]; at: number[] } {
  let m = kindCache.get(inForce);
  if (!m) kindCache.set(inForce, (m = new Map()));
  let k = m.get(kind);
  if (!k) {
    const at: number[] = [];
    inForce.forEach((r, i) => {
      if (r.kind === kind) at.push(i);
    });
    m.set(kind, (k = { rules: at.map((i) => inForce[i]!), at }));
  }
  return k;
}

/**
 * Refine one relief slot of one charge. `results` are this charge's rule results (all kinds),
 * `inForce` the rules they came from, in the same order.
 */
export function refineSlot(
  kind: ReliefKind,
  slot: ReliefSlot,
  results: RuleResult[],
  inForce: Rule[],
  person: Person,
  charge: Charge,
  jur: Jurisdiction,
  asOf: IsoDate,
  lang: Lang,
  ev: Evaluate,
  personCache?: Map<string, Derived>,
  tries?: TriedScopes,
): ReliefSlot {
  if (slot.status !== 'needs_review' && slot.status !== 'eligible_on') return slot;
  if (person.charges.length > MAX_CHARGES_TRIED) return slot;
  // The facts that left a route of this kind open (a list used again: nothing here runs twice at once).
  const names = NAMES;
  names.length = 0;
  const { rules: kindRules, at: kindAt } = kindRulesOf(inForce, kind);
  for (let j = 0; j < kindAt.length; j++) {
    const r = results[kindAt[j]!]!;
    // open routes, and dated ones that could come sooner (their `missing`); when the answer has a
    // date already, an unconfirmed route cannot better it (it never answers eligible)
    if (r.status !== 'needs_review' && r.status !== 'eligible_on') continue;
    if (slot.status === 'eligible_on' && r.review === 'unconfirmed') continue;
    const missing = r.missing;
    for (let m = 0; m < missing.length; m++) if (!names.includes(missing[m]!)) names.push(missing[m]!);
  }
  let nFacts = 0;
  for (let j = 0; j < names.length; j++) {
    const n = names[j]!;
    const def = jur.facts.get(n);
    if (n === 'category' || jur.ladders.has(n)) continue;
    if (valuesOf(def)) FACTS[nFacts++] = def!;
  }
  names.length = 0;
  if (nFacts === 0) return slot;
  // the facts tried: a list of their own, no longer than needed
  const tried = FACTS.slice(0, Math.min(nFacts, MAX_FACTS));
  FACTS.length = 0;
  const vals = triedValues(tried, person, charge, jur);
  const reads = recordReads(jur);
  const shared = personCache && !tried.some((d) => reads.has(d.name)) ? personCache : undefined;
  const plan = tryPlan(jur, inForce, kind, kindRules, tried, shared !== undefined);
  const outcome = makeOutcome(ev, kindRules, person, charge, jur, tried, asOf, lang, results, kindAt, plan.depends, plan.own, TRY_SHORTCUTS.same ? plan.same : plan.own.map((o) => o.map(() => undefined)), vals, shared, tries);
  const base: Outcome = { status: slot.status, date: slot.date };

  // Every combination of the facts' values (when few enough), or each fact alone.
  let combos = 1;
  for (let k = 0; k < vals.length; k++) combos *= vals[k]!.length;
  // an assignment as each fact's place among its values, plus one (0: not set)
  // combination c: its outcome all[c], its assignment at sets[c * tried.length ...]
  const all: Outcome[] = combos <= MAX_COMBINATIONS ? new Array(combos) : [];
  const sets: number[] = combos <= MAX_COMBINATIONS ? new Array(combos * tried.length) : [];
  if (combos <= MAX_COMBINATIONS) {
    const at: number[] = new Array(tried.length).fill(1);
    for (let c = 0; ; c++) {
      all[c] = outcome(at);
      for (let k = 0; k < at.length; k++) sets[c * at.length + k] = at[k]!;
      // next combination, the last fact's value turning fastest (the order of a nested walk)
      let i = tried.length - 1;
      while (i >= 0 && at[i]! === vals[i]!.length) at[i--] = 1;
      if (i < 0) break;
      at[i]!++;
    }
  }
  /**
   * What holds over the combinations (those where fact `k` has its value `v`, or all when k < 0):
   * all eligible → the latest; all not eligible → that; all the same → that; else review.
   */
  const merge = (k: number, v: number): Outcome => {
    let first: Outcome | undefined;
    let latest: Outcome | undefined;
    let allOpen = true;
    let allNot = true;
    let allSame = true;
    for (let c = 0; c < all.length; c++) {
      if (k >= 0 && sets[c * tried.length + k] !== v) continue;
      const o = all[c]!;
      if (!first) first = latest = o;
      else if (allSame && !sameOutcome(o, first)) allSame = false;
      if (allOpen) {
        if (!open(o)) allOpen = false;
        else if (latest !== o) latest = laterOf(latest!, o, asOf);
      }
      if (o.status !== 'not_eligible') allNot = false;
    }
    if (allOpen) return latest!;
    if (allNot || allSame) return first!;
    return REVIEW;
  };

  // 2. What each value of each fact gives, whatever the others are.
  const depends: DependsOn[] = [];
  for (let k = 0; k < tried.length; k++) {
    const def = tried[k]!;
    const fv = vals[k]!;
    const outs: Outcome[] = new Array(fv.length);
    let alike = true;
    for (let j = 0; j < fv.length; j++) {
      let o: Outcome;
      if (all.length > 0) o = merge(k, j + 1);
      else {
        const at: number[] = new Array(tried.length).fill(0);
        at[k] = j + 1;
        o = outcome(at);
      }
      outs[j] = o;
      if (alike && !sameOutcome(o, outs[0]!)) alike = false;
    }
    if (alike && sameOutcome(outs[0]!, base)) continue;
    depends.push({
      fact: def.name,
      label: t(def.label, lang),
      question: def.question ? t(def.question, lang) : null,
      outcomes: fv.map((v, i) => ({ value: v as string | boolean, words: valueText(def, def.name, v, lang), status: outs[i]!.status, date: outs[i]!.date })),
    });
  }
  if (depends.length === 0) return slot;

  // 1. The answer that holds for every combination of the facts' values.
  let settled: Outcome | undefined;
  if (tried.length === nFacts && all.length > 0) {
    const m = merge(-1, 0);
    if (slot.status === 'needs_review' && m.status !== 'needs_review' && m.best) settled = m;
    // An answer with a date already: every value may open the relief sooner (by another route).
    if (slot.status === 'eligible_on' && open(m) && m.best && dayOf(m, asOf) < slot.date!) settled = m;
  }

  const lines = depends.map((d) =>
    t(M.dependsOn(d.label, d.outcomes.map((o) => `${o.words}: ${statusWords(o, lang)}`).join('; ')), lang),
  );
  if (settled?.best) {
    const b = outcome.full(settled);
    const labels = depends.map((d) => d.label).join(', ');
    return {
      status: settled.status,
      date: settled.status === 'eligible_on' ? settled.date : null,
      automatic: b.automatic,
      rule: b.rule,
      name: b.name,
      citation: b.citation,
      reasons: [...b.reasons, t(M.whatever(labels), lang), ...lines],
      depends_on: depends,
    };
  }
  return { ...slot, reasons: [...slot.reasons, ...lines], depends_on: depends };
}

/**
 * The same for voting: try each value of the person facts the answer turns on. Every combination
 * giving the same status settles it; otherwise the answer says what each value would give.
 */
export function refineVote(
  first: VotingResult,
  person: Person,
  jur: Jurisdiction,
  lang: Lang,
  voteOf: (p: Person, jur: Jurisdiction, lang: Lang) => VotingResult,
): VotingResult {
  const tried: FactDef[] = [];
  for (const n of first.missing) {
    const def = jur.facts.get(n);
    if (def?.level === 'person' && valuesOf(def) && tried.length < MAX_FACTS) tried.push(def);
  }
  if (tried.length === 0) return first;
  const vv = triedValues(tried, person, undefined, jur);
  let combos = 1;
  for (const v of vv) combos *= v.length;
  if (combos > MAX_COMBINATIONS) return first;
  const all: { set: FactValue[]; out: VotingResult }[] = [];
  const walk = (i: number, vals: FactValue[]) => {
    if (i === tried.length) {
      const set = tried.map((d, k) => [d, vals[k]] as [FactDef, FactValue]);
      all.push({ set: vals, out: voteOf(withFacts(person, undefined, set).person, jur, lang) });
      return;
    }
    for (const v of vv[i]!) walk(i + 1, [...vals, v]);
  };
  walk(0, []);
  const merge = (outs: VotingResult[]) => (outs.every((o) => o.status === outs[0]!.status) ? outs[0]!.status : 'needs_review');
  const depends: DependsOn[] = [];
  for (const [k, def] of tried.entries()) {
    const vals = vv[k]!;
    const outs = vals.map((v) => merge(all.filter((c) => c.set[k] === v).map((c) => c.out)));
    if (outs.every((o) => o === outs[0]) && outs[0] === first.status) continue;
    depends.push({
      fact: def.name,
      label: t(def.label, lang),
      question: def.question ? t(def.question, lang) : null,
      outcomes: vals.map((v, i) => ({ value: v as string | boolean, words: valueText(def, def.name, v, lang), status: outs[i]!, date: null })),
    });
  }
  const lines = depends.map((d) =>
    t(M.dependsOn(d.label, d.outcomes.map((o) => `${o.words}: ${statusWords(o, lang)}`).join('; ')), lang),
  );
  const status = merge(all.map((c) => c.out));
  if (status !== 'needs_review') {
    const o = all[all.length - 1]!.out;
    return { ...o, reasons: [...o.reasons, t(M.whatever(tried.map((d) => t(d.label, lang)).join(', ')), lang)], depends_on: depends };
  }
  return { ...first, reasons: [...first.reasons, ...lines], depends_on: depends };
}
