/**
 * The data model shared by the pure engine, the rule loader and the I/O edges.
 * Nothing in src/core touches the file system, the clock or the console.
 */

/** An ISO calendar date, `YYYY-MM-DD`. Lexicographic order is date order. */
export type IsoDate = string;

export type Lang = 'en' | 'es';
/** Text a person reads, in English and (where written) Spanish. */
export interface Text {
  en: string;
  es?: string;
}

export const RELIEF_KINDS = ['expungement', 'sealing', 'set_aside'] as const;
export type ReliefKind = (typeof RELIEF_KINDS)[number];

export const CHARGE_STATUSES = ['eligible', 'eligible_on', 'needs_review', 'not_eligible', 'not_covered'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

export const VOTING_STATUSES = ['can_vote', 'not_yet', 'requires_action', 'barred', 'needs_review'] as const;
export type VotingStatus = (typeof VOTING_STATUSES)[number];

export const REVIEW_STATES = ['confirmed', 'partly_confirmed', 'unconfirmed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** A fact value after intake: `undefined` always means "unknown", never false. */
export type FactValue = string | number | boolean | undefined;

/** One charge, normalised from the case-file contract. Unknown fields stay undefined. */
export interface Charge {
  index: number;
  case_number?: string;
  state: string;
  court?: string;
  offense?: string;
  statute?: string;
  category?: string;
  level?: string;
  class?: string;
  /** Absent when unknown (a blank cell, `null` in JSON): the engine then tries each way the case could have ended. */
  disposition?: string;
  disposition_detail?: string;
  disposition_date?: IsoDate;
  arrest_date?: IsoDate;
  offense_date?: IsoDate;
  sentence_date?: IsoDate;
  sentence_type?: string;
  release_date?: IsoDate;
  sentence_completed?: boolean;
  sentence_completed_date?: IsoDate;
  pardon_date?: IsoDate;
  fines_paid?: boolean;
  sentence_revoked?: boolean;
  /** The day an unfinished sentence is planned to end (a sentence_completed_date after the screening date becomes this). */
  sentence_end_planned?: IsoDate;
  cannabis_grams?: number;
  age_at_offense?: number;
  /** Facts a state's rule files declare (e.g. `il_qualified_probation`). */
  extra: Record<string, FactValue>;
}

export interface PriorRelief {
  kind: string;
  state?: string;
  date?: IsoDate;
}

export interface Person {
  id: string;
  state: string;
  zip?: string;
  birth_date?: IsoDate;
  pending_charges?: boolean;
  incarcerated?: boolean;
  on_parole?: boolean;
  on_probation?: boolean;
  registered_sex_offender?: boolean;
  record_complete: boolean;
  prior_relief: PriorRelief[];
  as_of?: IsoDate;
  charges: Charge[];
  extra: Record<string, FactValue>;
  /** Assumptions (`batch --assume`) filled in because the record did not say, as FACT=VALUE. */
  assumed?: string[];
}

// ---------------------------------------------------------------------------
// Conditions: a small closed language. Every leaf names a fact.

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { in_list: string }
  /** A point of law fairshot cannot settle: always unknown, and said as such. */
  | { open_question: string | Text }
  | LeafCondition;

export interface LeafCondition {
  fact: string;
  eq?: string | number | boolean;
  ne?: string | number | boolean;
  in?: (string | number)[];
  not_in?: (string | number)[];
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  before?: IsoDate;
  on_or_after?: IsoDate;
  matches?: string;
}

// ---------------------------------------------------------------------------
// Rule files

export interface Located {
  /** file:line:col of the construct, for messages. */
  at?: string;
}

export interface Check extends Located {
  id: string;
  when: Condition;
  cite?: string;
  /** Said when the check fails (or, for an exclusion, when it applies). */
  explain: Text;
  /** Said when the check is met, as part of why a rule applies. */
  met?: Text;
}

export interface Exclusion extends Check {}

export interface Exception extends Check {
  overrides: string[];
}

export interface Wait extends Located {
  id: string;
  /** The named date the period runs from. */
  from: string;
  /** "2 years", "6 months", "90 days", "0 days". */
  period: string;
  /** The wait applies only when this holds (three-valued). */
  when?: Condition;
  cite?: string;
  explain: Text;
}

export interface Effective {
  from?: IsoDate;
  to?: IsoDate;
}

/**
 * One wording of a rule note. A note is one text, or several worded for different cases: the first
 * whose `when` holds on the charge is shown (a variant without `when` always holds); when none
 * holds, or its facts are unknown, the note is left out.
 */
export interface NoteVariant {
  when?: Condition;
  text: Text;
}
export type Note = NoteVariant[];

export interface RuleNotes {
  check?: Note;
  where?: Note;
  fee?: Note;
  ask_a_lawyer?: Note;
}

export interface Rule extends Located {
  id: string;
  kind: ReliefKind;
  jurisdiction: string;
  /** The state's own name for the remedy. */
  name: Text;
  /** A one-line plain description. */
  summary: Text;
  automatic: boolean;
  citation: string;
  source: string;
  statute_text?: string;
  effective: Effective;
  /** How a period ending on a day the month lacks is rounded: up = first of next month. */
  date_rounding: 'up' | 'down';
  last_reviewed: IsoDate;
  review: ReviewState;
  review_note?: string;
  applies_to: Check;
  requires: Check[];
  exclusions: Exclusion[];
  exceptions: Exception[];
  waits: Wait[];
  notes: RuleNotes;
  /** Facts the rule reads anywhere (computed by the loader, in reading order). */
  facts: string[];
  file: string;
}

export interface OffenseList extends Located {
  id: string;
  name: Text;
  cite?: string;
  /** Every charge in these categories is on the list. */
  categories: string[];
  /** Some charges in these categories are on the list: decided by statute or offense words. */
  partial_categories: string[];
  /** Statute prefixes, compared after normalising spaces and punctuation. */
  statutes: string[];
  /** Words or phrases looked for in the offense description. */
  offense_words: string[];
}

export interface LadderBand {
  up_to?: number;
  value: string;
}
export interface LadderVersion {
  effective: Effective;
  cite?: string;
  bands: LadderBand[];
}
/** A derived fact: a value read from the record's class, else from an amount on a dated schedule. */
export interface Ladder extends Located {
  id: string;
  name: Text;
  cite?: string;
  amount: string;
  date: string;
  values: string[];
  record_class: { matches: string; value: string }[];
  versions: LadderVersion[];
}

export interface VotingOutcome extends Located {
  id: string;
  when?: Condition;
  status: VotingStatus;
  explain: Text;
  next_steps: Text[];
}

export interface VotingRule extends Located {
  id: string;
  jurisdiction: string;
  citation: string;
  source: string;
  last_reviewed: IsoDate;
  review: ReviewState;
  review_note?: string;
  outcomes: VotingOutcome[];
  facts: string[];
  file: string;
}

export interface FactDef {
  name: string;
  level: 'person' | 'charge' | 'derived';
  type: 'boolean' | 'date' | 'number' | 'string' | 'enum';
  values?: string[];
  /** An enum's values in words (a rule file's own choices; the contract's are in the CLI). */
  value_words?: Record<string, Text>;
  unit?: string;
  question?: Text;
  help?: Text;
  /** What document answers the question, said when it is unknown. */
  document?: Text;
  /** Short label used in summaries and "missing fact" lists. */
  label: Text;
  /** Declared by a state's rule file (`jurisdiction`), or by the shared vocabulary. */
  jurisdiction?: string;
  /** When not given, inferred from a text fact: the first pattern that matches gives the value. */
  infer?: { from: string; map: { matches: string; value: string | number | boolean }[] };
  /** A derived fact declared in a rule file: computed from the person's charges (see DeriveSpec). */
  derive?: DeriveSpec;
  /** An enum whose possible values another fact's known value narrows (see NarrowedBy). */
  narrowed_by?: NarrowedBy;
}

/**
 * On an enum fact: the values it can take for each value of another enum fact (`fact`), e.g. a
 * state's grade of an offense for each shared `level`. When this fact is not given but the other
 * is, a condition on this fact is read over its possible values (true when all of them satisfy
 * it, false when none does); read backwards, a given value of this fact narrows the other fact's
 * values when that one is not given. A given value is always read as given: one outside the
 * values the other fact's given value allows is a contradiction, warned about.
 */
export interface NarrowedBy {
  fact: string;
  values: Record<string, string[]>;
}

/**
 * A derived fact computed from the person's charges, declared in a rule file (`derive:`).
 * `over` picks the charges: the whole record, the others (not the charge being judged), the others
 * in the same case, or the others decided after it. `where` is read on each of them (three-valued).
 * Exactly one of count (number), exists (boolean), latest / earliest (the latest or earliest
 * value of a date fact among them).
 */
export interface DeriveSpec {
  over: 'record' | 'others' | 'same_case' | 'later';
  where?: Condition;
  count?: true;
  exists?: true;
  latest?: string;
  earliest?: string;
  /**
   * On a fact that can also be asked (level person or charge): the values the record may settle
   * when nobody gave the fact; any other value read from the record leaves it unknown (asked).
   */
  settles?: (string | number | boolean)[];
}

export interface Jurisdiction {
  code: string;
  name: Text;
  last_reviewed: IsoDate;
  /** Courts whose records this jurisdiction's rules reach. */
  courts: string[];
  notes?: Text;
  /** Why a relief kind has no rule here (e.g. the state has no general set-aside). */
  not_covered: Partial<Record<ReliefKind, Text>>;
  rules: Rule[];
  voting?: VotingRule;
  lists: Map<string, OffenseList>;
  ladders: Map<string, Ladder>;
  /** The shared vocabulary plus the facts this jurisdiction declares. */
  facts: Map<string, FactDef>;
  files: string[];
}

export interface RuleSet {
  /** The shared vocabulary plus every jurisdiction's declared facts (for reading input). */
  facts: Map<string, FactDef>;
  jurisdictions: Map<string, Jurisdiction>;
}

// ---------------------------------------------------------------------------
// Results: the case-file contract's output

export interface RuleResult {
  rule: string;
  kind: ReliefKind;
  name: string;
  status: ChargeStatus;
  date: IsoDate | null;
  automatic: boolean;
  citation: string;
  reasons: string[];
  /** Facts that, once known, would settle a `needs_review`. */
  missing: string[];
  review: ReviewState;
  /** Whether the rule speaks of this kind of charge at all (its applies_to); null when unknown. */
  applies: boolean | null;
}

export interface ReliefSlot {
  status: ChargeStatus;
  date: IsoDate | null;
  automatic: boolean;
  rule: string | null;
  name: string | null;
  citation: string | null;
  reasons: string[];
  /**
   * The facts nobody gave that this answer turns on, each with what each of its values would give
   * (empty when none does). Made by the engine, not written by hand.
   */
  depends_on: DependsOn[];
}

/** One unknown fact an answer turns on, and what each value would give. */
export interface DependsOn {
  fact: string;
  label: string;
  question: string | null;
  outcomes: { value: string | boolean; words: string; status: string; date: IsoDate | null }[];
}

export interface ChargeResult {
  index: number;
  relief: Record<ReliefKind, ReliefSlot>;
  rules: RuleResult[];
}

export interface VotingResult {
  status: VotingStatus;
  rule: string | null;
  citation: string | null;
  reasons: string[];
  next_steps: string[];
  missing: string[];
  /** The facts nobody gave that the answer turns on, and what each value would give. */
  depends_on: DependsOn[];
}

export interface ClinicRef {
  name: string;
  distance_miles: number | null;
  address: string | null;
  phone: string | null;
  url: string | null;
  [k: string]: unknown;
}

export interface Problem {
  /** 1-based row or line in the input, where known. */
  row?: number;
  /** Index of the charge within the person, where it is about one charge. */
  charge?: number;
  field?: string;
  message: string;
}

export interface PersonResult {
  id: string | null;
  as_of: IsoDate;
  state: string | null;
  charges: ChargeResult[];
  voting: VotingResult | null;
  clinics: ClinicRef[];
  warnings: string[];
  errors: Problem[];
}
