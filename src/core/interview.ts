/**
 * The questionnaire's planner: given the answers so far, the rules and the as-of date, which
 * question comes next. Pure (no prompts, no clock), so it is tested on the real rule files.
 *
 * The answers are kept in the case-file contract's person shape (`RawPerson`): a key that is
 * present has been asked; `null` means "I don't know"; dates may be partial ("2015-03", "2015").
 *
 * How it chooses (docassemble's "a checklist, not a flowchart"):
 *   1. the state you live in, then your ZIP (for clinics);
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
import { conditionFacts } from './conditions.js';
import { DERIVED_CHARGE_FACTS, DERIVED_PERSON_FACTS } from './derive.js';
import { evaluatePerson } from './evaluate.js';
import { intakePerson } from './intake.js';
import { t } from './messages.js';
import { fillDates, findRanges, screenWithRanges, type FieldWords, type RangedField, type RawPerson, type RawRecord } from './ranges.js';
import { failed } from './screen.js';
import {
  RELIEF_KINDS,
  type ChargeResult,
  type FactDef,
  type IsoDate,
  type Jurisdiction,
  type Lang,
  type Person,
  type PersonResult,
  type ReliefKind,
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
      delete (c as { disposition?: string }).disposition;
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

/** The results for a set of answers (partial dates evaluated as ranges). */
export function screenAnswers(raw: RawPerson, rules: RuleSet, asOf: IsoDate, lang: Lang = 'en'): Screened {
  const personAsOf = typeof raw.as_of === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw.as_of) ? raw.as_of : asOf;
  const ranges = findRanges(raw, dateFields(rules), personAsOf);
  const first = evaluateFull(fillDates(raw, ranges, () => 'from'), rules, asOf, lang);
  if (!first.person || ranges.length === 0) return { ...first, ranges };
  const result = screenWithRanges(raw, ranges, (r) => evaluateFull(r, rules, asOf, lang).result, fieldWords(rules, raw, lang), lang);
  return { result, person: first.person, ranges, unknownFields: first.unknownFields };
}

// ---------------------------------------------------------------------------
// Planning

interface Need {
  target: 'person' | number;
  fact: string;
}

/** Is there nothing left to learn for this relief kind of this charge? */
export function settled(cr: ChargeResult, kind: ReliefKind): boolean {
  const slot = cr.relief[kind];
  if (slot.status === 'not_covered') return true;
  // routes still open, and dated routes that a fact could bring forward
  const open = cr.rules.filter((r) => r.kind === kind && (r.status === 'needs_review' || r.status === 'eligible_on') && r.missing.length > 0);
  if (open.length === 0) return true;
  // Eligible now by petition: worth asking on only if an automatic route could still open (an
  // unconfirmed rule never answers eligible, so it cannot).
  return slot.status === 'eligible' && (slot.automatic || !open.some((r) => r.automatic && r.review !== 'unconfirmed'));
}

const isConviction = (p: Person, i: number) => p.charges[i]?.disposition === 'convicted';

/** The facts a person can answer that settle a missing fact (derived facts become their inputs). */
function expand(fact: string, ci: number | undefined, person: Person, jur: Jurisdiction, add: (n: Need) => void): void {
  const charges = person.charges.map((_, i) => i);
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
        for (const i of charges) add({ target: i, fact: 'case_number' });
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

function askable(rules: RuleSet, raw: RawPerson, n: Need): boolean {
  const rec = n.target === 'person' ? raw : raw.charges?.[n.target];
  if (!rec || n.fact in rec) return false;
  const state = (n.target === 'person' ? raw.state : (rec.state ?? raw.state)) as string | undefined;
  return factDef(rules, state, n.fact)?.question !== undefined;
}

function needsOf(result: PersonResult, person: Person, raw: RawPerson, rules: RuleSet, out: Need[]): void {
  const seen = new Set(out.map((n) => `${n.target}.${n.fact}`));
  const add = (n: Need) => {
    const key = `${n.target}.${n.fact}`;
    if (seen.has(key) || !askable(rules, raw, n)) return;
    seen.add(key);
    out.push(n);
  };
  for (const cr of result.charges) {
    const charge = person.charges[cr.index];
    const jur = charge ? rules.jurisdictions.get(charge.state) : undefined;
    if (!jur) continue;
    const open = RELIEF_KINDS.filter((k) => !settled(cr, k));
    for (const rr of cr.rules) {
      if ((rr.status !== 'needs_review' && rr.status !== 'eligible_on') || !open.includes(rr.kind)) continue;
      for (const m of rr.missing) expand(m, cr.index, person, jur, add);
    }
    // A sentence not finished: when it is planned to end says from when relief may open.
    if (charge?.disposition === 'convicted' && charge.sentence_completed === false && charge.sentence_end_planned === undefined) {
      add({ target: cr.index, fact: 'sentence_end_planned' });
    }
  }
  const home = rules.jurisdictions.get(person.state);
  if (result.voting && home) for (const m of result.voting.missing) expand(m, undefined, person, home, add);
}

/** Every fact still worth asking, in order (charges in order, then voting). */
export function neededFacts(raw: RawPerson, rules: RuleSet, asOf: IsoDate): Need[] {
  const ranges = findRanges(raw, dateFields(rules), asOf);
  const out: Need[] = [];
  for (const end of ranges.length > 0 ? (['from', 'to'] as const) : (['from'] as const)) {
    const { result, person } = evaluateFull(fillDates(raw, ranges, () => end), rules, asOf, 'en');
    if (person) needsOf(result, person, raw, rules, out);
  }
  return out;
}

const askId = (n: Need) => (n.target === 'person' ? n.fact : `charge.${n.target}.${n.fact}`);
const toAsk = (n: Need): Ask => ({ id: askId(n), target: n.target, fact: n.fact });

/** The next question, or null when nothing more can change the results. */
export function nextQuestion(raw: RawPerson, rules: RuleSet, asOf: IsoDate): Ask | null {
  if (!('state' in raw) || typeof raw.state !== 'string') return { id: 'state', target: 'person', fact: 'state' };
  if (!('zip' in raw)) return { id: 'zip', target: 'person', fact: 'zip' };
  const charges = raw.charges ?? [];
  for (let i = 0; i < charges.length; i++) {
    if (!('state' in charges[i]!)) return { id: `charge.${i}.state`, target: i, fact: 'state' };
  }
  const needs = neededFacts(raw, rules, asOf);
  if (!('record_complete' in raw)) {
    const n = needs.find((x) => x.target !== 'person');
    return n ? toAsk(n) : { id: 'more_charges', target: 'person', fact: 'more_charges' };
  }
  const n = needs.find((x) => x.target === 'person') ?? needs[0];
  return n ? toAsk(n) : null;
}

/** The stored form of an answer to `more_charges`. */
export type MoreCharges = 'yes' | 'no' | 'unsure';

/** A copy of the answers with one more answer (`null` = "I don't know"). */
export function withAnswer(raw: RawPerson, ask: Ask, value: unknown): RawPerson {
  const next: RawPerson = { ...raw, charges: (raw.charges ?? []).map((c) => ({ ...c })) };
  if (ask.fact === 'more_charges') {
    if (value === 'yes') {
      next.charges!.push({});
      delete next.record_complete;
    } else next.record_complete = value === 'no';
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

/** Answers for review: every asked fact, in the order of the record. */
export function answeredList(raw: RawPerson): Ask[] {
  const out: Ask[] = [];
  for (const k of Object.keys(raw)) {
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
