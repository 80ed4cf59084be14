/**
 * The questionnaire's planner: given the answers so far, the rules and the as-of date, which
 * question comes next. Pure (no prompts, no clock), so it is tested on the real rule files.
 *
 * The answers are kept in the case-file contract's person shape (`RawPerson`): a key that is
 * present has been asked; `null` means "I don't know"; dates may be partial ("2015-03", "2015").
 *
 * How it chooses (docassemble's "a checklist, not a flowchart"):
 *   1. your ZIP (for clinics; the questionnaire reads the state you live in from it), then the
 *      state you live in when the ZIP did not settle it;
 *   2. for each case: which state it was in; then the facts that the rules still undecided for
 *      that charge read, in rule order: evaluate, take the `missing` facts of the needs_review
 *      results, turn facts the engine derives into the facts a person can answer, ask the first
 *      one not asked yet. A relief kind already settled is left alone: its best rule is eligible
 *      and no automatic rule of that kind is still open, or nothing of that kind is undecided;
 *   3. "another case?"; after the last case, person-level facts (custody, parole, probation,
 *      registration) that an undecided rule or the voting rule reads, then any charge facts
 *      those answers opened up. Nothing more once no answer can change a verdict.
 * A partial date is evaluated at both ends of its range; the union of what both need is asked.
 */
import { conditionFacts, OPEN } from './conditions.js';
import { addDays, addPeriod } from './dates.js';
import { FUTURE_DATES } from './parse-answer.js';
import { DERIVED_CHARGE_FACTS, DERIVED_PERSON_FACTS } from './derive.js';
import { evaluatePerson } from './evaluate.js';
import { intakePerson } from './intake.js';
import { M, t } from './messages.js';
import { fillDates, findRanges, screenWithRanges, type FieldWords, type RangedField, type RawPerson, type RawRecord } from './ranges.js';
import { failed } from './screen.js';
import { triedValues, valuesOf, withFacts } from './unknowns.js';
import {
  RELIEF_KINDS,
  type ChargeResult,
  type DependsOn,
  type FactDef,
  type IsoDate,
  type Jurisdiction,
  type Lang,
  type FactValue,
  type Person,
  type PersonResult,
  type ReliefKind,
  type RuleResult,
  type RuleSet,
} from './types.js';

export type { RawPerson, RawRecord };

/** One question: a fact about the person or about one charge. */
export interface Ask {
  /** Stable id, for tests and the review screen: `state`, `zip`, `on_parole`, `charge.0.category`, `more_charges`. */
  id: string;
  /** 'person', or the index of the charge. */
  target: 'person' | number;
  fact: string;
}

/** Facts asked by the flow itself, not because a rule reads them. */
export const FLOW_FACTS = new Set(['state', 'zip', 'more_charges']);

export function newAnswers(id = 'me'): RawPerson {
  return { id, charges: [{}] };
}

const chargeDerived = new Set<string>(DERIVED_CHARGE_FACTS);
const personDerived = new Set<string>(DERIVED_PERSON_FACTS);

export function dateFields(rules: RuleSet): Set<string> {
  const out = new Set<string>();
  for (const [name, def] of rules.facts) if (def.type === 'date' && def.level !== 'derived') out.add(name);
  return out;
}

/** The definition of a fact as the charge's (or person's) state declares it. */
export function factDef(rules: RuleSet, state: string | undefined, fact: string): FactDef | undefined {
  return (state ? rules.jurisdictions.get(state)?.facts.get(fact) : undefined) ?? rules.facts.get(fact);
}

// ---------------------------------------------------------------------------
// Evaluating answers

export interface Screened {
  result: PersonResult;
  /** The checked record (dates at the earliest end of each range), for describing charges. */
  person?: Person;
  ranges: RangedField[];
  unknownFields: string[];
}

/** Intake then the engine, keeping "how it ended: I don't know" unknown (the contract's default is convicted). */
function evaluateFull(raw: RawPerson, rules: RuleSet, asOf: IsoDate, lang: Lang): { result: PersonResult; person?: Person; unknownFields: string[] } {
  const intake = intakePerson(raw, rules.facts, { asOf });
  if (!intake.person) {
    const state = typeof raw.state === 'string' ? raw.state.toUpperCase() : null;
    return { result: failed(typeof raw.id === 'string' ? raw.id : null, asOf, intake.errors, state), unknownFields: intake.unknownFields };
  }
  const person = intake.person;
  (raw.charges ?? []).forEach((rc, i) => {
    const c = person.charges[i];
    if (c && (rc?.disposition === undefined || rc.disposition === null || rc.disposition === '')) {
      delete c.disposition;
    }
  });
  return { result: evaluatePerson(person, rules, { asOf, lang }), person, unknownFields: intake.unknownFields };
}

function fieldWords(rules: RuleSet, raw: RawPerson, lang: Lang) {
  return (r: RangedField): FieldWords => {
    const state = r.charge === undefined ? (raw.state as string | undefined) : ((raw.charges?.[r.charge]?.state as string | undefined) ?? (raw.state as string | undefined));
    const def = factDef(rules, state?.toUpperCase(), r.field);
    const w: FieldWords = { label: def ? t(def.label, lang) : r.field };
    if (def?.document) w.document = t(def.document, lang);
    return w;
  };
}

/**
 * The results for a set of answers (partial dates evaluated as ranges). Facts nobody was asked
 * because no value of them can change what is seen are not spoken of (see `quiet`).
 */
export function screenAnswers(raw: RawPerson, rules: RuleSet, asOf: IsoDate, lang: Lang = 'en'): Screened {
  const personAsOf = typeof raw.as_of === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw.as_of) ? raw.as_of : asOf;
  const ranges = findRanges(raw, dateFields(rules), personAsOf);
  const first = evaluateFull(fillDates(raw, ranges, () => 'from'), rules, asOf, lang);
  if (!first.person) return { ...first, ranges };
  const result = ranges.length === 0 ? first.result : screenWithRanges(raw, ranges, (r) => evaluateFull(r, rules, asOf, lang).result, fieldWords(rules, raw, lang), lang);
  quiet(result, raw, rules, asOf, lang);
  return { result, person: first.person, ranges, unknownFields: first.unknownFields };
}

// ---------------------------------------------------------------------------
// Planning

interface Need {
  target: 'person' | number;
  fact: string;
  /** The results it is read for: `0.sealing` (charge 0's sealing), `vote`. */
  slots: Set<string>;
  /** The rules that read it: `0.IL.conviction-sealing`, `vote`. */
  rules: Set<string>;
}

/** Is there nothing left to learn for this relief kind of this charge? */
export function settled(cr: ChargeResult, kind: ReliefKind): boolean {
  const slot = cr.relief[kind];
  if (slot.status === 'not_covered') return true;
  // routes still open, and dated routes that a fact could bring forward
  const open = cr.rules.filter((r) => r.kind === kind && (r.status === 'needs_review' || r.status === 'eligible_on') && r.missing.length > 0);
  if (open.length === 0) return true;
  // Eligible now: nothing can make it sooner. (Whether it also comes by itself is not asked after:
  // what a person sees is whether and from when relief may apply, and their right to vote.)
  return slot.status === 'eligible';
}

const isConviction = (p: Person, i: number) => p.charges[i]?.disposition === 'convicted';

type Add = (n: { target: 'person' | number; fact: string }) => void;

/** The facts a person can answer that settle a missing fact (derived facts become their inputs). */
function expand(fact: string, ci: number | undefined, person: Person, jur: Jurisdiction, add: Add): void {
  const charges = person.charges.map((_, i) => i);
  const sameState = (i: number, j: number) => person.charges[i]?.state === person.charges[j]?.state;
  const sentenceEnd = (i: number) => {
    const c = person.charges[i];
    if (!c || c.disposition !== 'convicted') return;
    if (c.sentence_completed_date !== undefined) return;
    if (c.sentence_type === undefined) add({ target: i, fact: 'sentence_type' });
    if (c.sentence_type === 'none') {
      add({ target: i, fact: 'disposition_date' });
      return;
    }
    if (c.sentence_completed === undefined) add({ target: i, fact: 'sentence_completed' });
    if (c.sentence_completed !== false) add({ target: i, fact: 'sentence_completed_date' });
  };
  if (ci !== undefined && chargeDerived.has(fact)) {
    switch (fact) {
      case 'sentence_end':
        return sentenceEnd(ci);
      case 'later_convictions':
        add({ target: ci, fact: 'disposition_date' });
        for (const i of charges) if (i !== ci && isConviction(person, i)) add({ target: i, fact: 'disposition_date' });
        return;
      case 'same_case_conviction':
        for (const i of charges) if (sameState(i, ci)) add({ target: i, fact: 'case_number' });
        return;
      case 'age_at_offense':
      case 'sentence_completed':
        add({ target: ci, fact });
        return;
    }
  }
  if (personDerived.has(fact)) {
    switch (fact) {
      case 'all_sentences_completed':
        for (const i of charges) if (isConviction(person, i) && person.charges[i]!.sentence_completed_date === undefined) add({ target: i, fact: 'sentence_completed' });
        for (const f of ['incarcerated', 'on_parole', 'on_probation']) add({ target: 'person', fact: f });
        return;
      case 'last_sentence_end':
        for (const i of charges) sentenceEnd(i);
        return;
      case 'last_conviction_date':
        for (const i of charges) if (isConviction(person, i)) add({ target: i, fact: 'disposition_date' });
        return;
      default: // counts of convictions
        for (const i of charges) {
          if (i === ci) continue;
          add({ target: i, fact: 'disposition' });
          add({ target: i, fact: 'level' });
          add({ target: i, fact: 'disposition_date' });
        }
        return;
    }
  }
  const ladder = jur.ladders.get(fact);
  if (ladder) {
    if (ci !== undefined) {
      add({ target: ci, fact: ladder.amount });
      add({ target: ci, fact: ladder.date });
    }
    return;
  }
  const def = jur.facts.get(fact);
  if (!def) return;
  if (def.derive && def.level === 'derived') {
    // A derived fact declared in a rule file: the facts its condition and date read, on each
    // charge it looks at, and whether the record is complete.
    const d = def.derive;
    const relative = d.over !== 'record';
    if (relative && ci === undefined) return;
    add({ target: 'person', fact: 'record_complete' });
    if (d.over === 'same_case') add({ target: ci!, fact: 'case_number' });
    if (d.over === 'later') add({ target: ci!, fact: 'disposition_date' });
    for (const i of charges) {
      if (relative && i === ci) continue;
      // a case of another state's courts is never the same case
      if (d.over === 'same_case' && !sameState(i, ci!)) continue;
      if (d.over === 'same_case') add({ target: i, fact: 'case_number' });
      if (d.over === 'later') add({ target: i, fact: 'disposition_date' });
      for (const f of conditionFacts(d.where)) expand(f, i, person, jur, add);
      const date = d.latest ?? d.earliest;
      if (date !== undefined) expand(date, i, person, jur, add);
    }
    return;
  }
  if (def.level === 'person') add({ target: 'person', fact });
  else if (def.level === 'charge' && ci !== undefined) add({ target: ci, fact });
}

function askable(rules: RuleSet, raw: RawPerson, n: { target: 'person' | number; fact: string }): boolean {
  const rec = n.target === 'person' ? raw : raw.charges?.[n.target];
  if (!rec || n.fact in rec) return false;
  const state = (n.target === 'person' ? raw.state : (rec.state ?? raw.state)) as string | undefined;
  return factDef(rules, state, n.fact)?.question !== undefined;
}

/** The facts the flow itself asks for, never tried with each value. */
const NOT_TRIED = new Set(['category', 'record_complete', 'state']);

/**
 * The definition of a fact whose values can be tried (yes/no, or a choice of few values), when
 * nobody knows it: not asked yet, or not a question at all.
 */
function tryable(rules: RuleSet, raw: RawPerson, person: Person, n: { target: 'person' | number; fact: string }): FactDef | undefined {
  if (NOT_TRIED.has(n.fact)) return undefined;
  const rec = n.target === 'person' ? raw : raw.charges?.[n.target];
  // An answer "I don't know" stays unknown: it is not tried again (asking about what follows from
  // each of its values would make a person who does not know answer for every case).
  if (!rec || n.fact in rec) return undefined;
  const state = (n.target === 'person' ? raw.state : (rec.state ?? raw.state)) as string | undefined;
  const def = factDef(rules, state, n.fact);
  // (a date that lies ahead, like the planned end of a sentence, is asked, not tried: the values
  // tried lie between the earliest day and the screening day)
  if (!valuesOf(def) && !(def && (def.type === 'date' || def.type === 'number') && def.level !== 'derived' && !FUTURE_DATES.has(n.fact))) return undefined;
  const holder = n.target === 'person' ? person : person.charges[n.target];
  if (!holder) return undefined;
  if ((holder as unknown as Record<string, unknown>)[n.fact] !== undefined || holder.extra[n.fact] !== undefined) return undefined;
  return def;
}

interface Needs {
  /** Facts to ask, in today's order (charges in order, then voting). */
  ask: Map<string, Need>;
  /** Facts nobody knows that cannot be asked (no question): tried with each value only. */
  unknown: Map<string, Need & { def: FactDef }>;
  /**
   * Rules still open whose every missing fact can still be learned (nothing answered "I don't
   * know"): the keys of the facts that may settle them. A rule's `missing` names facts only, so an
   * open question of law does not make it unsolvable here: under `any: [fact, open_question]` the
   * fact's answer can settle it; where no answer can, asking its facts is only wasted, not wrong.
   */
  solvable: Map<string, Set<string>>;
  /** Of those, the automatic ones (relief the state grants without a petition): the result each is a route to (`0.sealing`). */
  automatic: Map<string, string>;
}

const keyOf = (n: { target: 'person' | number; fact: string }) => `${n.target}.${n.fact}`;

function needsOf(result: PersonResult, person: Person, raw: RawPerson, rules: RuleSet, out: Needs): void {
  let added = 0;
  let keys: Set<string> | undefined;
  const adder = (slot: string, rule: string): Add => (n) => {
    const key = keyOf(n);
    let e: Need | undefined = out.ask.get(key) ?? out.unknown.get(key);
    if (!e) {
      if (askable(rules, raw, n)) out.ask.set(key, (e = { ...n, slots: new Set(), rules: new Set() }));
      else {
        const def = tryable(rules, raw, person, n);
        if (!def) return;
        out.unknown.set(key, (e = { ...n, slots: new Set(), rules: new Set(), def } as Need & { def: FactDef }));
      }
    }
    e.slots.add(slot);
    e.rules.add(rule);
    added++;
    keys?.add(key);
  };
  for (const cr of result.charges) {
    const charge = person.charges[cr.index];
    const jur = charge ? rules.jurisdictions.get(charge.state) : undefined;
    if (!jur) continue;
    const open = RELIEF_KINDS.filter((k) => !settled(cr, k));
    for (const rr of cr.rules) {
      if ((rr.status !== 'needs_review' && rr.status !== 'eligible_on') || !open.includes(rr.kind)) continue;
      const ruleKey = `${cr.index}.${rr.rule}`;
      const add = adder(`${cr.index}.${rr.kind}`, ruleKey);
      keys = new Set();
      let solvable = rr.missing.length > 0;
      for (const m of rr.missing) {
        added = 0;
        expand(m, cr.index, person, jur, add);
        if (added === 0) solvable = false; // unknown, and nothing left to ask that settles it
      }
      if (solvable) {
        out.solvable.set(ruleKey, new Set([...(out.solvable.get(ruleKey) ?? []), ...keys]));
        if (rr.automatic) out.automatic.set(ruleKey, `${cr.index}.${rr.kind}`);
      }
      keys = undefined;
    }
    // A sentence not finished: when it is planned to end says from when relief may open.
    if (charge?.disposition === 'convicted' && charge.sentence_completed === false && charge.sentence_end_planned === undefined) {
      for (const k of RELIEF_KINDS) adder(`${cr.index}.${k}`, `${cr.index}.planned`)({ target: cr.index, fact: 'sentence_end_planned' });
    }
  }
  const home = rules.jurisdictions.get(person.state);
  if (result.voting && home) {
    const add = adder('vote', 'vote');
    for (const m of result.voting.missing) expand(m, undefined, person, home, add);
  }
}

/** The answers evaluated at each end of every partial date (one evaluation when no date is partial). */
function evaluateEnds(raw: RawPerson, rules: RuleSet, asOf: IsoDate): { result: PersonResult; person?: Person }[] {
  const ranges = findRanges(raw, dateFields(rules), asOf);
  return (ranges.length > 0 ? (['from', 'to'] as const) : (['from'] as const)).map((end) => evaluateFull(fillDates(raw, ranges, () => end), rules, asOf, 'en'));
}

function collectNeeds(raw: RawPerson, rules: RuleSet, ends: { result: PersonResult; person?: Person }[]): Needs {
  const out: Needs = { ask: new Map(), unknown: new Map(), solvable: new Map(), automatic: new Map() };
  for (const { result, person } of ends) if (person) needsOf(result, person, raw, rules, out);
  return out;
}

/** Every fact the rules still undecided read and a person could answer, in rule order (charges in order, then voting). */
export function neededFacts(raw: RawPerson, rules: RuleSet, asOf: IsoDate): { target: 'person' | number; fact: string }[] {
  return [...collectNeeds(raw, rules, evaluateEnds(raw, rules, asOf)).ask.values()].map(({ target, fact }) => ({ target, fact }));
}

// ---------------------------------------------------------------------------
// Can an answer change what the person sees?
//
// What a person sees of the results: each relief's status, its date, whether it comes by itself
// (automatic), and the voting status. A fact with few values (yes/no, a choice) is tried with each
// value, the same way the engine tries facts nobody gave (core/unknowns.ts). A fact is asked when
// some value changes what the person would see. When no value does alone, the fact is tried
// together with the other unknown facts the same results read (every combination): it is asked
// when, for some values of the others, its own value changes what is seen. Facts whose values
// cannot be listed (dates, amounts, text) are asked as before: when an undecided rule reads them.

/** Past this many evaluations for one fact's combinations, the fact is asked rather than tried. */
const MAX_GRID = 64;
/** At most this many evaluations per question; facts left untried are asked. */
const MAX_EVALS = 150;

interface Setting {
  target: 'person' | number;
  def: FactDef;
  value: FactValue;
}

/** A person with some facts filled in (copies; the original is untouched). */
function withSettings(p: Person, set: readonly Setting[]): Person {
  let out = p;
  const personPairs: [FactDef, FactValue][] = [];
  const byCharge = new Map<number, [FactDef, FactValue][]>();
  for (const s of set) {
    if (s.target === 'person') personPairs.push([s.def, s.value]);
    else {
      let l = byCharge.get(s.target);
      if (!l) byCharge.set(s.target, (l = []));
      l.push([s.def, s.value]);
    }
  }
  if (personPairs.length > 0) out = withFacts(out, undefined, personPairs).person;
  for (const [i, pairs] of byCharge) {
    const c = out.charges[i];
    if (c) out = withFacts(out, c, pairs).person;
  }
  return out;
}

/** What the person sees of a result, one entry per relief of each charge (whether, and from when) and one for voting. */
function seenOf(r: PersonResult): string {
  const parts: string[] = [];
  for (const cr of r.charges) {
    for (const k of RELIEF_KINDS) {
      const s = cr.relief[k];
      parts.push(`${s.status} ${s.date ?? ''}`);
    }
  }
  parts.push(r.voting?.status ?? '');
  return parts.join('|');
}

/**
 * How many facts the results not yet settled still read (each charge's facts counted apart): about
 * how many questions are left.
 */
function leftCount(r: PersonResult): number {
  const s = new Set<string>();
  for (const cr of r.charges) {
    for (const k of RELIEF_KINDS) {
      if (settled(cr, k)) continue;
      for (const rr of cr.rules) if (rr.kind === k && (rr.status === 'needs_review' || rr.status === 'eligible_on')) for (const m of rr.missing) if (!m.startsWith(OPEN)) s.add(`${cr.index}.${m}`);
    }
  }
  if (r.voting && r.voting.status === 'needs_review') for (const m of r.voting.missing) s.add(`v.${m}`);
  return s.size;
}

/** How many results are settled (nothing left to learn for them). */
function settledCount(r: PersonResult): number {
  let n = 0;
  for (const cr of r.charges) for (const k of RELIEF_KINDS) if (settled(cr, k)) n++;
  if (r.voting && r.voting.status !== 'needs_review') n++;
  return n;
}

class Trier {
  evals = 0;
  /** What trying each fact gave, for one question. */
  readonly verdicts = new Map<Need, Verdict>();
  private cache = new Map<string, Outlook>();
  constructor(
    private bases: Person[],
    private rules: RuleSet,
    readonly asOf: IsoDate,
  ) {}

  get exhausted(): boolean {
    return this.evals >= MAX_EVALS;
  }

  /** The values to try a fact at: each value of a choice; for a date or an amount, see spanValues. */
  valuesFor(x: Need & { def: FactDef }): FactValue[] {
    let v = this.values.get(x);
    if (!v) this.values.set(x, (v = this.listValues(x)));
    return v;
  }

  private readonly values = new Map<Need, FactValue[]>();
  private listValues(x: Need & { def: FactDef }): FactValue[] {
    const base = this.bases[0]!;
    if (valuesOf(x.def)) {
      // a choice another answer narrows (Pennsylvania's grade by the level) at its possible values
      const charge = typeof x.target === 'number' ? base.charges[x.target] : undefined;
      const jur = this.rules.jurisdictions.get(charge?.state ?? base.state);
      return jur ? triedValues([x.def], base, charge, jur)[0]! : valuesOf(x.def)!;
    }
    const state = x.target === 'person' ? base.state : (base.charges[x.target]?.state ?? base.state);
    return spanValues(this.rules, this.rules.jurisdictions.get(state), x.def.name, this.bases, this.asOf);
  }

  /** What is seen, how much is settled and how much is left, with these facts filled in (over every end of a partial date). */
  at(set: readonly Setting[]): Outlook {
    const key = set.map((s) => `${s.target}.${s.def.name}=${String(s.value)}`).sort().join(';');
    let hit = this.cache.get(key);
    if (!hit) {
      this.evals++;
      const seen: string[] = [];
      let count = 0;
      let left = 0;
      for (const base of this.bases) {
        const r = evaluatePerson(set.length > 0 ? withSettings(base, set) : base, this.rules, { asOf: this.asOf, lang: 'en' });
        seen.push(seenOf(r));
        count += settledCount(r);
        left += leftCount(r);
      }
      this.cache.set(key, (hit = { seen: seen.join('#'), settled: count / this.bases.length, left: left / this.bases.length }));
    }
    return hit;
  }
}

/** What is seen, how many results are settled, and how many facts the others still read. */
interface Outlook {
  seen: string;
  settled: number;
  left: number;
}

/** A fact that changes what is seen, and on average over its values, what it settles and leaves. */
interface Gain {
  settles: number;
  left: number;
}
type Verdict = ({ kind: 'changes' } & Gain) | { kind: 'nothing' } | { kind: 'untried' };

/** Changes what is seen, but not ranked (a date, or a fact that changes it only with others): asked after the ranked ones. */
const UNRANKED: Verdict = { kind: 'changes', settles: 0, left: Infinity };

/**
 * Automatic relief first. Per result (a relief of a charge), its shortest automatic routes: the
 * rules still open that the state applies without a petition, with the fewest facts left to learn
 * (every one of them askable). A fact's count is the number of results it is on such a route for.
 * Those facts come first: a conjunction of several facts (a Prop 64 conviction: before 2016-11-09,
 * 21 or over, up to 28.5 g, not concentrate) settles nothing until all are known, so asking one
 * of them never looks best on its own; but once they hold, the relief may already have happened,
 * and the weaker routes' facts no longer change what is seen.
 */
function automaticRoutes(needs: Needs): Map<string, number> {
  const shortest = new Map<string, number>();
  for (const [rule, slot] of needs.automatic) shortest.set(slot, Math.min(shortest.get(slot) ?? Infinity, needs.solvable.get(rule)!.size));
  const slots = new Map<string, Set<string>>();
  for (const [rule, slot] of needs.automatic) {
    const facts = needs.solvable.get(rule)!;
    if (facts.size !== shortest.get(slot)) continue;
    for (const f of facts) {
      let s = slots.get(f);
      if (!s) slots.set(f, (s = new Set()));
      s.add(slot);
    }
  }
  const out = new Map<string, number>();
  for (const [f, s] of slots) out.set(f, s.size);
  return out;
}

/** Yes/no and choice facts are tried with each value; dates and amounts with the values of `spans`. */
const isSpan = (def: FactDef) => def.type === 'date' || def.type === 'number';

/**
 * Values to try a date or an amount at: one on each side of every line a rule draws in it. The
 * rules compare amounts and dates only with fixed values (and a date with the other dates of the
 * record, or a birthday); between two such lines every condition reads the same, and a waiting
 * period can only end later as its date moves later. So what is seen at both ends of each stretch
 * is what is seen all along it: if every value tried shows the same, no value can change it.
 */
function spanValues(rules: RuleSet, jur: Jurisdiction | undefined, fact: string, bases: Person[], asOf: IsoDate): FactValue[] {
  const lines = jur ? factLines(rules, jur) : { numbers: new Map<string, number[]>(), dates: new Map<string, string[]>(), ages: [] as number[] };
  const def = (jur?.facts.get(fact) ?? rules.facts.get(fact))!;
  if (def.type === 'number') {
    const out = new Set<number>([0]);
    const cs = lines.numbers.get(fact) ?? [];
    for (const c of cs) for (const d of [-0.01, 0, 0.01]) if (c + d >= 0) out.add(Math.round((c + d) * 1000) / 1000);
    out.add(Math.max(0, ...cs) + 1000);
    return [...out].sort((a, b) => a - b);
  }
  const out = new Set<string>([EARLY_DAY, asOf]);
  // a line at day d: the day before and the day itself (before d / on or after d); a date of the
  // record also the day after (a later conviction is one dated after)
  const add = (d: string, after = false) => {
    if (d >= EARLY_DAY && d <= asOf) {
      out.add(d);
      out.add(addDays(d, -1));
      if (after) out.add(addDays(d, 1));
    }
  };
  for (const c of lines.dates.get(fact) ?? []) add(c);
  for (const c of lines.dates.get('*') ?? []) add(c);
  // the other dates of the record, and birthdays that change an age
  for (const p of bases) {
    for (const c of p.charges) for (const f of DATE_FIELDS) if (typeof c[f] === 'string') add(c[f] as string, true);
    if (p.birth_date) for (const a of lines.ages) add(addPeriod(p.birth_date, `${a} years`));
  }
  // the ends first: a date that matters usually shows it there
  return [EARLY_DAY, asOf, ...[...out].filter((d) => d !== EARLY_DAY && d !== asOf).sort()];
}

const DATE_FIELDS = ['offense_date', 'arrest_date', 'disposition_date', 'sentence_date', 'sentence_completed_date', 'release_date', 'pardon_date'] as const;

const linesCache = new WeakMap<Jurisdiction, { numbers: Map<string, number[]>; dates: Map<string, string[]>; ages: number[] }>();
/** The fixed values each fact is compared with in a jurisdiction's rules (dates of any derived fact under '*'). */
function factLines(rules: RuleSet, jur: Jurisdiction) {
  let hit = linesCache.get(jur);
  if (hit) return hit;
  const numbers = new Map<string, number[]>();
  const dates = new Map<string, string[]>();
  const ages: number[] = [];
  const push = <T,>(m: Map<string, T[]>, k: string, v: T) => {
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    if (!l.includes(v)) l.push(v);
  };
  const derivedDates = new Set<string>();
  for (const [name, d] of jur.facts) if (d.type === 'date' && d.level === 'derived') derivedDates.add(name);
  const walk = (c: unknown): void => {
    if (!c || typeof c !== 'object') return;
    if (Array.isArray(c)) return c.forEach(walk);
    const o = c as Record<string, unknown>;
    if (typeof o.fact === 'string') {
      const f = o.fact;
      for (const k of ['lt', 'lte', 'gt', 'gte', 'eq', 'ne']) if (typeof o[k] === 'number') {
        push(numbers, f, o[k] as number);
        if (f === 'age_at_offense') ages.push(o[k] as number);
      }
      for (const k of ['before', 'on_or_after']) if (typeof o[k] === 'string') push(dates, derivedDates.has(f) || !rules.facts.has(f) ? '*' : f, o[k] as string);
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk([...jur.rules.map((r) => r), jur.voting ?? null, [...jur.facts.values()].map((f) => f.derive ?? null)]);
  for (const l of jur.ladders.values()) {
    for (const v of l.versions) {
      for (const b of v.bands) if (b.up_to !== undefined) push(numbers, l.amount, b.up_to);
      for (const d of [v.effective.from, v.effective.to]) if (d) push(dates, l.date, d);
    }
  }
  // (a rule's own effective dates are compared with the screening day, not with a fact)
  hit = { numbers, dates, ages };
  linesCache.set(jur, hit);
  return hit;
}

/**
 * Does some value of `x` alone change what is seen (the others unknown, as the engine tries them)?
 * And how many results would it settle, on average over the values tried? A date is not ranked
 * (one change is enough: it has many values to try); an amount is, when `rank` is set (an amount
 * under a line can settle everything at once, like a small quantity of cannabis).
 */
function tryAlone(trier: Trier, x: Need & { def: FactDef }, rank = false): Verdict {
  const values = trier.valuesFor(x);
  const base = trier.at([]).seen;
  let changes = false;
  let settles = 0;
  let left = 0;
  for (const v of values) {
    const o = trier.at([{ target: x.target, def: x.def, value: v }]);
    if (o.seen !== base) {
      changes = true;
      if (isSpan(x.def) && !(rank && x.def.type === 'number')) return UNRANKED;
    }
    settles += o.settled;
    left += o.left;
  }
  return changes ? { kind: 'changes', settles: settles / values.length, left: left / values.length } : { kind: 'nothing' };
}

/** Does some value of `x` change what is seen, alone or together with `others`? */
function tryFact(trier: Trier, x: Need & { def: FactDef }, others: (Need & { def: FactDef })[]): Verdict {
  const alone = tryAlone(trier, x);
  if (alone.kind === 'changes') return alone;
  // A date or an amount that changes nothing alone is not tried with the others (too many values).
  if (isSpan(x.def)) return alone;
  const values = trier.valuesFor(x);
  // Alone it changes nothing: every combination of the other unknown facts its results read (or,
  // when those are too many, of the facts the same rules read).
  const sizeOf = (ds: (Need & { def: FactDef })[]) => ds.reduce((n, d) => n * trier.valuesFor(d).length, values.length);
  const choices = others.filter((o) => o !== x && valuesOf(o.def) !== undefined);
  let dims = choices.filter((o) => [...o.slots].some((s) => x.slots.has(s)));
  if (sizeOf(dims) > MAX_GRID) dims = choices.filter((o) => [...o.rules].some((r) => x.rules.has(r)));
  const size = sizeOf(dims);
  if (size > MAX_GRID || trier.evals + size > MAX_EVALS) return { kind: 'untried' };
  const idx = dims.map(() => 0);
  for (;;) {
    const set: Setting[] = dims.map((d, k) => ({ target: d.target, def: d.def, value: trier.valuesFor(d)[idx[k]!]! }));
    let first: string | undefined;
    for (const v of values) {
      const seen = trier.at([...set, { target: x.target, def: x.def, value: v }]).seen;
      if (first === undefined) first = seen;
      else if (seen !== first) return UNRANKED;
    }
    let k = 0;
    while (k < dims.length) {
      idx[k]!++;
      if (idx[k]! < trier.valuesFor(dims[k]!).length) break;
      idx[k] = 0;
      k++;
    }
    if (k === dims.length) return { kind: 'nothing' };
  }
}

/**
 * Facts never asked that no value of can change what is seen (the ones the questionnaire skips):
 * taken out of what the results say is missing or what the answer depends on, so the results
 * read the same whether or not an answers file holds them.
 */
function quiet(result: PersonResult, raw: RawPerson, rules: RuleSet, asOf: IsoDate, lang: Lang): void {
  if (result.errors.length > 0) return;
  const ends = evaluateEnds(raw, rules, asOf);
  const persons = ends.map((e) => e.person).filter((p): p is Person => p !== undefined);
  if (persons.length === 0) return;
  const needs = collectNeeds(raw, rules, ends);
  const trier = new Trier(persons, rules, asOf);
  const everyUnknown: (Need & { def: FactDef })[] = [...needs.unknown.values()];
  const tried = new Map<Need, Need & { def: FactDef }>();
  for (const n of needs.ask.values()) {
    const def = tryable(rules, raw, persons[0]!, n);
    if (def) {
      const t = Object.assign(n, { def });
      tried.set(n, t);
      everyUnknown.push(t);
    }
  }
  const verdicts = new Map<Need, Verdict>();
  const verdictOf = (t: Need & { def: FactDef }): Verdict => {
    let v = verdicts.get(t);
    if (!v) verdicts.set(t, (v = tryFact(trier, t, everyUnknown)));
    return v;
  };
  /** Is this fact of this charge (or the person) never asked and unable to change anything? */
  const skipped = new Map<string, boolean>();
  const isSkipped = (target: 'person' | number, fact: string): boolean => {
    const key = `${target}.${fact}`;
    let v = skipped.get(key);
    if (v !== undefined) return v;
    const rec = target === 'person' ? raw : raw.charges?.[target];
    const def = rec ? factDef(rules, (target === 'person' ? raw.state : (rec.state ?? raw.state)) as string | undefined, fact) : undefined;
    if (!rec || fact in rec || !def?.question || def.level === 'derived' || FLOW_FACTS.has(fact) || fact === 'record_complete') v = false;
    else {
      const n = needs.ask.get(key);
      const t = n ? tried.get(n) : undefined;
      // not read by anything still open, or tried and changing nothing
      // (a date or an amount that only several answers together can settle is not skipped)
      v = n === undefined ? valuesOf(def) !== undefined : t !== undefined && verdictOf(t).kind === 'nothing' && !(isSpan(t.def) && neededTogether(n, needs, tried, verdictOf, raw));
    }
    skipped.set(key, v);
    return v;
  };
  const person = persons[0]!;
  result.charges = result.charges.map((cr) => {
    const jur = rules.jurisdictions.get(person.charges[cr.index]?.state ?? '');
    if (!jur) return cr;
    const level = (f: string) => (jur.facts.get(f)?.level === 'person' ? 'person' : cr.index);
    const lines = new Map<string, string | null>();
    const missing = new Map<RuleResult, string[]>();
    for (const rr of cr.rules) {
      const drop = rr.missing.filter((m) => !m.startsWith(OPEN) && isSkipped(level(m), m));
      if (drop.length === 0) continue;
      const keep = rr.missing.filter((m) => !drop.includes(m));
      const facts = (l: string[]) => l.filter((m) => jur.facts.has(m) || jur.ladders.has(m));
      const said = (l: string[]) => {
        const labels = facts(l).map((m) => (jur.facts.get(m) ? t(jur.facts.get(m)!.label, lang) : t(jur.ladders.get(m)!.name, lang)));
        const docs: string[] = [];
        for (const m of facts(l)) {
          const d = jur.facts.get(m)?.document;
          if (d && !docs.includes(t(d, lang))) docs.push(t(d, lang));
        }
        return { labels: labels.join(', '), docs: docs.join('; ') };
      };
      const before = said(rr.missing);
      const after = said(keep);
      const swap = (msg: typeof M.unknownFacts) => {
        if (before.labels) lines.set(t(msg(before.labels), lang), after.labels ? t(msg(after.labels), lang) : null);
      };
      swap(M.unknownFacts);
      swap(M.soonerIf);
      if (before.docs) lines.set(t(M.lookIn(before.docs), lang), after.docs ? t(M.lookIn(after.docs), lang) : null);
      missing.set(rr, keep);
    }
    const reword = (reasons: string[]) => reasons.flatMap((r) => (lines.has(r) ? (lines.get(r) === null ? [] : [lines.get(r)!]) : [r]));
    const relief = { ...cr.relief };
    for (const k of RELIEF_KINDS) {
      const q = quietDepends(relief[k], (f) => isSkipped(level(f), f), lang);
      relief[k] = { ...relief[k], depends_on: q.depends_on, reasons: reword(q.reasons) };
    }
    return {
      ...cr,
      relief,
      rules: cr.rules.map((rr) => (missing.has(rr) ? { ...rr, missing: missing.get(rr)!, reasons: reword(rr.reasons) } : rr)),
    };
  });
  if (result.voting) {
    const q = quietDepends(result.voting, (f) => isSkipped('person', f), lang);
    result.voting = { ...result.voting, ...q, missing: result.voting.missing.filter((m) => !isSkipped('person', m)) };
  }
}

/** A result without the "depends on" entries (and their lines) of skipped facts. */
function quietDepends<R extends { reasons: string[]; depends_on: DependsOn[] }>(r: R, skip: (fact: string) => boolean, lang: Lang): { reasons: string[]; depends_on: DependsOn[] } {
  const drop = r.depends_on.filter((d) => skip(d.fact));
  if (drop.length === 0) return { reasons: r.reasons, depends_on: r.depends_on };
  const line = (d: DependsOn) => t(M.dependsOn(d.label, d.outcomes.map((o) => `${o.words}: ${t(M.outcome(o.status, o.date ?? ''), lang)}`).join('; ')), lang);
  const gone = new Set(drop.map(line));
  const keep = r.depends_on.filter((d) => !skip(d.fact));
  const whatever = t(M.whatever(r.depends_on.map((d) => d.label).join(', ')), lang);
  const reasons = r.reasons.flatMap((x) => (gone.has(x) ? [] : x === whatever ? (keep.length > 0 ? [t(M.whatever(keep.map((d) => d.label).join(', ')), lang)] : []) : [x]));
  return { reasons, depends_on: keep };
}

const askId = (n: { target: 'person' | number; fact: string }) => (n.target === 'person' ? n.fact : `charge.${n.target}.${n.fact}`);
const toAsk = (n: { target: 'person' | number; fact: string }): Ask => ({ id: askId(n), target: n.target, fact: n.fact });

/** The facts to ask that can be tried value by value, and what trying one gives (kept per question in `trier`). */
function verdicts(needs: Needs, trier: Trier, raw: RawPerson, rules: RuleSet, person: Person) {
  const tried = new Map<Need, Need & { def: FactDef }>();
  for (const n of needs.ask.values()) {
    const def = tryable(rules, raw, person, n);
    if (def) tried.set(n, Object.assign(n, { def }));
  }
  const everyUnknown = [...tried.values(), ...needs.unknown.values()];
  const verdict = (n: Need & { def: FactDef }): Verdict => {
    let v = trier.verdicts.get(n);
    if (!v) {
      v = trier.exhausted ? { kind: 'untried' } : tryFact(trier, n, everyUnknown);
      trier.verdicts.set(n, v);
    }
    return v;
  };
  return { tried, verdict };
}

/** What a case is comes first: what it was for, then how it ended. */
const FIRST = ['category', 'disposition'];

/**
 * The question to ask next in one group (one charge, or the person), or none when nothing in it
 * can change what is seen: what the case is first (what it was for, how it ended); then, of the
 * facts that change what is seen, one on the shortest automatic route of the most results (see
 * automaticRoutes), then the one that leaves the fewest facts still to learn (on average over its
 * values; then the one that settles the most results); then the others in rule
 * order (a fact that changes something only together with other unknown facts, or one with too
 * many combinations to try); then dates, amounts and text. Facts that cannot change anything are
 * left out.
 */
function pickInGroup(group: Need[], needs: Needs, trier: Trier, raw: RawPerson, rules: RuleSet, person: Person, textNow: boolean): Need | undefined {
  const { tried, verdict } = verdicts(needs, trier, raw, rules, person);
  for (const f of FIRST) {
    const n = group.find((x) => x.fact === f);
    if (!n) continue;
    const t = tried.get(n);
    if (!t || verdict(t).kind !== 'nothing') return n;
  }
  const rest = group.filter((n) => !FIRST.includes(n.fact));
  let best: (Gain & { n: Need }) | undefined;
  const onRoute = automaticRoutes(needs);
  const sc = (n: Need) => onRoute.get(keyOf(n)) ?? 0;
  // on the shortest automatic route of more results first, then fewer facts left to ask, then more settled
  const better = (a: Gain & { n: Need }, b: (Gain & { n: Need }) | undefined) =>
    !b || (sc(a.n) !== sc(b.n) ? sc(a.n) > sc(b.n) : a.left < b.left || (a.left === b.left && a.settles > b.settles));
  const later: (Need & { def: FactDef })[] = [];
  for (const n of rest) {
    const t = tried.get(n);
    if (!t) continue;
    // An amount competes with the choices by what it settles (a date only below, when finished)
    if (isSpan(t.def)) {
      if (t.def.type !== 'number' || trier.exhausted) continue;
      const v = tryAlone(trier, t, true);
      if (v.kind !== 'changes') continue;
      const g = { n, settles: v.settles, left: v.left };
      if (better(g, best)) best = g;
      continue;
    }
    const v = trier.exhausted ? ({ kind: 'untried' } as Verdict) : tryAlone(trier, t);
    if (v.kind === 'changes') {
      const g = { n, settles: v.settles, left: v.left };
      if (better(g, best)) best = g;
    } else later.push(t);
  }
  // Dates and amounts are asked when some value tried changes what is seen, or when a rule still
  // open can be settled only by several of them together (each alone changes nothing while the
  // others are unknown, like a wait from a date that applies only once the sentence is finished).
  const together = (n: Need) => neededTogether(n, needs, tried, verdict, raw);
  // The end of the sentence, once it is known to be over, competes too, tried at an early and a late
  // day: knowing it often settles more than a choice does, and it bounds the case's earlier dates.
  for (const n of rest) {
    if (n.fact !== 'sentence_completed_date' || trier.exhausted || typeof n.target !== 'number') continue;
    const c = raw.charges?.[n.target];
    if (c?.sentence_completed !== true) continue;
    const def = factDef(rules, (c?.state ?? raw.state) as string | undefined, n.fact);
    const t = tried.get(n);
    if (!def || !t || (verdict(t).kind === 'nothing' && !together(n))) continue;
    const early = trier.at([{ target: n.target, def, value: EARLY_DAY }]);
    const late = trier.at([{ target: n.target, def, value: trier.asOf }]);
    const gain = { settles: (early.settled + late.settled) / 2, left: (early.left + late.left) / 2 };
    const g = { n, ...gain };
    if (better(g, best)) best = g;
  }
  if (best) return best.n;
  // No choice changes what is seen alone: the ones that do only together with others would be asked
  // blind, in rule order. A date of the case that is needed may make them rankable (the wait from
  // the conviction, once known, tells which of them still counts), so the dates compete first,
  // each tried at an early and a late day, by what they leave to learn.
  if (!trier.exhausted && later.some((t) => verdict(t).kind !== 'nothing')) {
    for (const n of rest) {
      const t = tried.get(n);
      if (!t || t.def.type !== 'date' || typeof n.target !== 'number' || (verdict(t).kind === 'nothing' && !together(n))) continue;
      // never before a later date of the case still read (it bounds this one, and may settle it),
      // unless this one is on the shortest automatic route of more results
      const at = LATEST_FIRST.indexOf(n.fact);
      if (rest.some((o) => o.target === n.target && LATEST_FIRST.indexOf(o.fact) >= 0 && LATEST_FIRST.indexOf(o.fact) < at && sc(n) <= sc(o))) continue;
      const early = trier.at([{ target: n.target, def: t.def, value: EARLY_DAY }]);
      const late = trier.at([{ target: n.target, def: t.def, value: trier.asOf }]);
      const gain = { settles: (early.settled + late.settled) / 2, left: (early.left + late.left) / 2 };
      const g = { n, ...gain };
    if (better(g, best)) best = g;
    }
    if (best) return best.n;
  }
  for (const t of later) if (verdict(t).kind !== 'nothing') return t;
  // Dates, amounts and text, in rule order, except that the dates of a case come latest first: a
  // later date bounds the earlier ones (an offense lies before the end of its sentence), which can
  // settle them without asking.
  // Text (a statute, a class) waits until the person's own facts are known, unless asked for now:
  // it cannot be tried value by value, and those answers often settle what it was read for.
  const open = rest.filter((n) => {
    const t = tried.get(n);
    if (t) return isSpan(t.def) && (verdict(t).kind !== 'nothing' || together(n));
    return textNow || !isText(rules, raw, n);
  });
  const rank = (n: Need) => {
    const i = LATEST_FIRST.indexOf(n.fact);
    return i < 0 ? LATEST_FIRST.length + (isText(rules, raw, n) ? 1 : 0) : i;
  };
  return open.reduce<Need | undefined>((a, n) => (a === undefined || rank(n) < rank(a) ? n : a), undefined);
}

/**
 * Is `n` one of the facts a rule still open needs together: every fact that rule is missing can
 * still be learned, and none changes what is seen alone (so only answering them together can)?
 */
function neededTogether(n: Need, needs: Needs, tried: Map<Need, Need & { def: FactDef }>, verdict: (t: Need & { def: FactDef }) => Verdict, raw: RawPerson): boolean {
  return [...n.rules].some((r) => {
    const keys = needs.solvable.get(r);
    // not before "another case?": whether the record is complete is asked then, and may settle it
    if (!keys || (keys.has('person.record_complete') && !('record_complete' in raw))) return false;
    return [...keys].every((k) => {
      const o = needs.ask.get(k);
      const t = o ? tried.get(o) : undefined;
      return o !== undefined && (t === undefined || verdict(t).kind === 'nothing');
    });
  });
}

function isText(rules: RuleSet, raw: RawPerson, n: Need): boolean {
  const rec = n.target === 'person' ? raw : raw.charges?.[n.target];
  const state = (n.target === 'person' ? raw.state : (rec?.state ?? raw.state)) as string | undefined;
  return factDef(rules, state, n.fact)?.type === 'string';
}

/** An early day, to try a date at (with the screening day as the late one). */
const EARLY_DAY = '1970-01-01';

/** The dates of a case, latest first (see LATER_DATES in derive.ts). */
const LATEST_FIRST = ['sentence_completed_date', 'sentence_date', 'disposition_date', 'arrest_date', 'offense_date'];

/** The next question, or null when nothing more can change the results. */
export function nextQuestion(raw: RawPerson, rules: RuleSet, asOf: IsoDate): Ask | null {
  // The ZIP first: the questionnaire reads the state from it (one question less for everyone
  // who gives one), and asks the state only when the ZIP did not settle it.
  if (!('zip' in raw) && !('state' in raw)) return { id: 'zip', target: 'person', fact: 'zip' };
  if (!('state' in raw) || typeof raw.state !== 'string') return { id: 'state', target: 'person', fact: 'state' };
  if (!('zip' in raw)) return { id: 'zip', target: 'person', fact: 'zip' };
  const charges = raw.charges ?? [];
  for (let i = 0; i < charges.length; i++) {
    if (!('state' in charges[i]!)) return { id: `charge.${i}.state`, target: i, fact: 'state' };
  }
  const ends = evaluateEnds(raw, rules, asOf);
  const needs = collectNeeds(raw, rules, ends);
  const persons = ends.map((e) => e.person).filter((p): p is Person => p !== undefined);
  // Before "another case?" only the cases are asked about; after it, the person first.
  const recordDone = 'record_complete' in raw;
  const groups: ('person' | number)[] = charges.map((_, i) => i);
  if (recordDone) groups.unshift('person');
  if (persons.length > 0) {
    const trier = new Trier(persons, rules, asOf);
    // What each case is (what it was for, how it ended) before the details of any case: a new
    // case changes what the earlier ones need.
    for (const g of groups) {
      if (g === 'person') continue;
      const group = [...needs.ask.values()].filter((n) => n.target === g && FIRST.includes(n.fact));
      if (group.length === 0) continue;
      const best = pickInGroup(group, needs, trier, raw, rules, persons[0]!, false);
      if (best) return toAsk(best);
    }
    // The details of the cases. Before "another case?" (asked anyway) its likeliest answer, "No,
    // that is all", is looked ahead to: of the details that change what is seen now, the one that
    // would be best after that answer comes first; and a detail that answer would make moot waits
    // for it (New York's Clean Slate, settled by no case being open, no longer needs the details
    // that decided it otherwise). Any other answer leaves the detail to be asked after it, so the
    // order costs no question.
    for (const textNow of recordDone ? [false, true] : [false]) {
      for (const g of groups) {
        const group = [...needs.ask.values()].filter((n) => n.target === g);
        if (group.length === 0) continue;
        const best = pickInGroup(group, needs, trier, raw, rules, persons[0]!, textNow);
        if (!best) continue;
        if (recordDone) return toAsk(best);
        // (planned only once a detail is found: a question that asks none needs no look ahead)
        const ahead = assumingComplete(raw, rules, asOf);
        if (ahead.persons.length === 0) return toAsk(best);
        const keys = new Set(group.map(keyOf));
        const stillRead = [...ahead.needs.ask.values()].filter((n) => n.target === g && keys.has(keyOf(n)));
        const first = stillRead.length > 0 ? pickInGroup(stillRead, ahead.needs, ahead.trier, ahead.raw, rules, ahead.persons[0]!, textNow) : undefined;
        if (first && keyOf(first) !== keyOf(best) && matters(needs.ask.get(keyOf(first))!, needs, trier, raw, rules, persons[0]!)) return toAsk(first);
        const bestAhead = ahead.needs.ask.get(keyOf(best));
        if (!bestAhead || !matters(bestAhead, ahead.needs, ahead.trier, ahead.raw, rules, ahead.persons[0]!)) return MORE;
        return toAsk(best);
      }
    }
  }
  return recordDone ? null : MORE;
}

/** The planning state with "another case?" answered "No, that is all". */
function assumingComplete(raw: RawPerson, rules: RuleSet, asOf: IsoDate) {
  const done = withAnswer(raw, MORE, 'no');
  const ends = evaluateEnds(done, rules, asOf);
  const persons = ends.map((e) => e.person).filter((p): p is Person => p !== undefined);
  return { raw: done, needs: collectNeeds(done, rules, ends), persons, trier: new Trier(persons, rules, asOf) };
}

/** Can some value of `n` change what is seen (alone or with the other unknown facts), or is it needed together with others? Text: yes. */
function matters(n: Need, needs: Needs, trier: Trier, raw: RawPerson, rules: RuleSet, person: Person): boolean {
  const { tried, verdict } = verdicts(needs, trier, raw, rules, person);
  const t = tried.get(n);
  return !t || verdict(t).kind !== 'nothing' || neededTogether(n, needs, tried, verdict, raw);
}

const MORE: Ask = { id: 'more_charges', target: 'person', fact: 'more_charges' };

/**
 * The stored form of an answer to `more_charges` ("another case, finished or still open?"):
 * `yes` adds a case; `open` says a case is still open in court (pending_charges), and the
 * question comes again; `no` says the record is complete and, since the question counts open
 * cases too, that none is open (pending_charges false, unless already answered); `unsure` leaves
 * both unknown.
 */
export type MoreCharges = 'yes' | 'open' | 'no' | 'unsure';

/** A copy of the answers with one more answer (`null` = "I don't know"). */
export function withAnswer(raw: RawPerson, ask: Ask, value: unknown): RawPerson {
  const next: RawPerson = { ...raw, charges: (raw.charges ?? []).map((c) => ({ ...c })) };
  if (ask.fact === 'more_charges') {
    if (value === 'yes') {
      next.charges!.push({});
      delete next.record_complete;
    } else if (value === 'open') {
      next.pending_charges = true;
      delete next.record_complete;
    } else {
      next.record_complete = value === 'no';
      if (value === 'no' && !('pending_charges' in raw)) next.pending_charges = false;
    }
    return next;
  }
  if (ask.target === 'person') {
    next[ask.fact] = value;
    return next;
  }
  const c = next.charges![ask.target]!;
  if (ask.fact === 'state') {
    if (value === 'federal') {
      c.state = raw.state ?? null;
      c.court = 'federal';
    } else {
      c.state = value;
      if (c.court === 'federal') delete c.court;
    }
    return next;
  }
  c[ask.fact] = value;
  return next;
}

/** Listed first on the review, in this order (indexOf: -1 for the rest, which keep their order). */
const HOME_FIRST = ['zip', 'state'];

/** Answers for review: every asked fact, in the order of the record. */
export function answeredList(raw: RawPerson): Ask[] {
  const out: Ask[] = [];
  // where you live first, then your ZIP, whichever was asked first
  const keys = Object.keys(raw).sort((a, b) => HOME_FIRST.indexOf(b) - HOME_FIRST.indexOf(a));
  for (const k of keys) {
    if (k === 'id' || k === 'charges' || k === 'as_of' || k === 'record_complete') continue;
    out.push({ id: k, target: 'person', fact: k });
  }
  (raw.charges ?? []).forEach((c, i) => {
    for (const k of Object.keys(c)) {
      if (k === 'court') continue;
      out.push({ id: `charge.${i}.${k}`, target: i, fact: k });
    }
  });
  if ('record_complete' in raw) out.push({ id: 'more_charges', target: 'person', fact: 'more_charges' });
  return out;
}

/** The answers with one fact forgotten, so the planner asks it again. */
export function withoutAnswer(raw: RawPerson, ask: Ask): RawPerson {
  const next: RawPerson = { ...raw, charges: (raw.charges ?? []).map((c) => ({ ...c })) };
  if (ask.fact === 'more_charges') delete next.record_complete;
  else if (ask.target === 'person') delete next[ask.fact];
  else delete next.charges![ask.target]![ask.fact];
  return next;
}
