/**
 * The engine: one pure function of (person, rules, as-of date). It never reads the clock,
 * the file system or the environment.
 *
 * For each charge and each rule in force: applies_to, exclusions (with named exceptions),
 * requirements, then waiting periods; eligible on the LATEST of the waiting periods' ends.
 * Per relief kind the best rule wins: eligible > eligible_on (earliest) > needs_review > not_eligible.
 */
import { contradictions, evalCondition, factValue, narrowingsOf, OPEN, plainChargeFacts, type Missing, type Scope, type Tri } from './conditions.js';
import { addPeriod } from './dates.js';
import { isNotAfter, type Derived } from './derive.js';
import { KIND_WORDS, M, periodText, t } from './messages.js';
import { NO_DEPENDS, refineSlot, refineVote, type TriedScopes } from './unknowns.js';
import { valueText } from './value-words.js';
import {
  RELIEF_KINDS,
  type Charge,
  type ChargeResult,
  type ChargeStatus,
  type Check,
  type IsoDate,
  type Jurisdiction,
  type Lang,
  type Person,
  type PersonResult,
  type ReliefKind,
  type ReliefSlot,
  type Rule,
  type RuleResult,
  type RuleSet,
  type Text,
  type VotingResult,
  type Wait,
} from './types.js';

export interface EvalOptions {
  /** The day to judge on, used when the person record has no `as_of`. */
  asOf: IsoDate;
  lang?: Lang;
}

// ---------------------------------------------------------------------------
// Which version of each rule is in force

const versionCache = new WeakMap<Jurisdiction, Map<IsoDate, Rule[]>>();

/**
 * The rules to consider on `asOf`: for each rule id the version in force that day, or, when none
 * is in force yet, the earliest future version (its start date then acts as a waiting period).
 */
export function rulesInForce(jur: Jurisdiction, asOf: IsoDate): Rule[] {
  let byDate = versionCache.get(jur);
  if (!byDate) versionCache.set(jur, (byDate = new Map()));
  const hit = byDate.get(asOf);
  if (hit) return hit;
  const chosen = new Map<string, Rule>();
  for (const rule of jur.rules) {
    const { from, to } = rule.effective;
    if (to !== undefined && to < asOf) continue; // repealed or replaced
    const current = chosen.get(rule.id);
    const inForce = from === undefined || from <= asOf;
    if (!current) {
      chosen.set(rule.id, rule);
      continue;
    }
    const curFrom = current.effective.from;
    const curInForce = curFrom === undefined || curFrom <= asOf;
    if (inForce && !curInForce) chosen.set(rule.id, rule);
    else if (!inForce && !curInForce && from! < curFrom!) chosen.set(rule.id, rule);
  }
  const list = [...chosen.values()];
  if (byDate.size > 64) byDate.clear();
  byDate.set(asOf, list);
  return list;
}

// ---------------------------------------------------------------------------
// One rule, one charge

/**
 * The end of a waiting period (addPeriod), remembered per period text, rounding and start day: a
 * batch asks for the same few periods from the same days over and over, and the date arithmetic
 * is the dearest step of a wait. Bounded: starts again past WAIT_END_MAX days per period.
 */
const WAIT_END_MAX = 4096;
const waitEnds: Record<'up' | 'down', Map<string, Map<IsoDate, IsoDate>>> = { up: new Map(), down: new Map() };
export function waitEnd(anchor: IsoDate, period: string, rounding: 'up' | 'down'): IsoDate {
  const byPeriod = waitEnds[rounding] ?? waitEnds.up;
  let m = byPeriod.get(period);
  if (!m) byPeriod.set(period, (m = new Map()));
  let end = m.get(anchor);
  if (end === undefined) {
    end = addPeriod(anchor, period, rounding);
    if (m.size >= WAIT_END_MAX) m.clear();
    m.set(anchor, end);
  }
  return end;
}

/** "Text." + cite -> "Text (cite)." */
const withCite = (text: string, cite?: string) => {
  if (!cite) return text;
  const body = text.trimEnd();
  const last = body.charAt(body.length - 1);
  return '.!?:'.includes(last) && last !== '' ? `${body.slice(0, -1)} (${cite})${last}` : `${body} (${cite}).`;
};

/** What an open question (an OPEN-marked entry of `missing`) says, made once per question and language. */
const openQuestionCache: Partial<Record<Lang, Map<string, string>>> = {};
function openQuestionText(m: string, lang: Lang): string {
  const cache = (openQuestionCache[lang] ??= new Map());
  let s = cache.get(m);
  if (s === undefined) {
    const q = m.slice(1);
    s = t(M.openQuestion(q.startsWith('{') ? t(JSON.parse(q) as Text, lang) : q), lang);
    cache.set(m, s); // bounded: one per open question in the rule files
  }
  return s;
}

/**
 * What a set of missing facts and open questions says (missingReasons), and the facts alone, made
 * once per set, jurisdiction and language: a batch meets the same few sets over and over. Found by
 * walking the set's entries in order (no key string per charge); the entries come from the rule
 * files, so the tree stays small. The fact lists are shared by results: frozen.
 */
interface MissingNode {
  next: Map<string, MissingNode>;
  said?: { reasons: string[]; facts: string[] };
}
const missingTrees = new WeakMap<Jurisdiction, Partial<Record<Lang, MissingNode>>>();
function missingSaid(missing: Missing, jur: Jurisdiction, lang: Lang): { reasons: string[]; facts: string[] } {
  let byLang = missingTrees.get(jur);
  if (!byLang) missingTrees.set(jur, (byLang = {}));
  let node: MissingNode = (byLang[lang] ??= { next: new Map() });
  for (const m of missing) {
    let n = node.next.get(m);
    if (!n) node.next.set(m, (n = { next: new Map() }));
    node = n;
  }
  return (node.said ??= { reasons: missingReasons(missing, jur, lang), facts: Object.freeze(factsOnly(missing)) as string[] });
}

/** Reasons that say what is missing: facts to look up, and open questions of law. */
function missingReasons(missing: Missing, jur: Jurisdiction, lang: Lang): string[] {
  const out: string[] = [];
  const facts = [...missing].filter((m) => !m.startsWith(OPEN));
  for (const m of missing) {
    if (!m.startsWith(OPEN)) continue;
    out.push(openQuestionText(m, lang));
  }
  const { labels, docs } = factLabels(facts, jur, lang);
  if (labels) out.push(t(M.unknownFacts(labels), lang));
  if (docs) out.push(t(M.lookIn(docs), lang));
  return out;
}

/** What could make an `eligible_on` date sooner: open questions, and facts to look up. */
function soonerReasons(sooner: Missing, jur: Jurisdiction, lang: Lang): string[] {
  const out: string[] = [];
  for (const m of sooner) if (m.startsWith(OPEN)) out.push(openQuestionText(m, lang));
  const { labels, docs } = factLabels(factsOnly(sooner), jur, lang);
  if (labels) out.push(t(M.soonerIf(labels), lang));
  if (docs) out.push(t(M.lookIn(docs), lang));
  return out;
}

const factsOnly = (missing: Missing) => [...missing].filter((m) => !m.startsWith(OPEN));

function factLabels(names: Iterable<string>, jur: Jurisdiction, lang: Lang): { labels: string; docs: string } {
  const labels: string[] = [];
  const docs: string[] = [];
  for (const n of names) {
    const def = jur.facts.get(n);
    const ladder = jur.ladders.get(n);
    labels.push(def ? t(def.label, lang) : ladder ? t(ladder.name, lang) : n);
    const doc = def?.document ? t(def.document, lang) : undefined;
    if (doc && !docs.includes(doc)) docs.push(doc);
  }
  return { labels: labels.join(', '), docs: docs.join('; ') };
}

/**
 * The fixed sentences of a check (its explanation, or what it says when met or unclear), with
 * the citation, made once per check and language: a batch run asks for them millions of times.
 */
type Said = 'explain' | 'met' | 'unclear' | 'bare';
const saidCache: Partial<Record<Lang, Record<Said, WeakMap<Check, string>>>> = {};
function said(c: Check, what: Said, lang: Lang): string {
  const m = (saidCache[lang] ??= { explain: new WeakMap(), met: new WeakMap(), unclear: new WeakMap(), bare: new WeakMap() })[what];
  let s = m.get(c);
  if (s === undefined) {
    const explain = t(c.explain, lang);
    if (what === 'bare') s = explain;
    else if (what === 'met') s = withCite(t(c.met ?? c.explain, lang), c.cite);
    else if (what === 'unclear') s = withCite(t(M.unclear(explain), lang), c.cite);
    else s = withCite(explain, c.cite);
    m.set(c, s);
  }
  return s;
}

/** An unconfirmed rule's note, made once per rule and language. */
const unconfirmedCache: Partial<Record<Lang, WeakMap<Rule, string>>> = {};
function unconfirmedNote(rule: Rule, lang: Lang): string {
  const cache = (unconfirmedCache[lang] ??= new WeakMap());
  let s = cache.get(rule);
  if (s === undefined) cache.set(rule, (s = t(M.unconfirmed(rule.review_note ?? ''), lang)));
  return s;
}

/** Scratch set for one condition's unknown facts (evaluateRule is not re-entered while in use). */
const scratch: Missing = new Set();
/** The unknown facts of the rule being evaluated (copied out before evaluateRule returns). */
const missing: Missing = new Set();
const NO_WAIT_MISSING: Missing = new Set();
/** What could bring an `eligible_on` date forward: the unknowns of waits that may not apply. */
const sooner: Missing = new Set();

/**
 * The result of a rule that does not speak of the charge at all (most rules, for most charges):
 * always the same, so made once per rule and language, and frozen (shared by every such charge).
 */
const notApplyingCache: Partial<Record<Lang, WeakMap<Rule, RuleResult>>> = {};
function notApplying(rule: Rule, lang: Lang): RuleResult {
  const cache = (notApplyingCache[lang] ??= new WeakMap());
  let r = cache.get(rule);
  if (!r) {
    // the same fields, in the same order, as evaluateRule's own result
    r = Object.freeze({
      rule: rule.id,
      kind: rule.kind,
      name: t(rule.name, lang),
      status: 'not_eligible',
      date: null,
      automatic: rule.automatic,
      citation: rule.citation,
      reasons: Object.freeze([said(rule.applies_to, 'explain', lang)]) as string[],
      missing: Object.freeze([]) as unknown as string[],
      review: rule.review,
      applies: false,
    }) as RuleResult;
    cache.set(rule, r);
  }
  return r;
}

/** A check's outcome (met, not met, unknown); its unknown facts go into `missing`. */
function check(c: Check, scope: Scope): Tri {
  if (scratch.size > 0) scratch.clear(); // clear() allocates a new table: only when needed
  const r = evalCondition(c.when, scope, scratch);
  if (r === undefined) for (const f of scratch) missing.add(f);
  return r;
}

/**
 * A lean result (`lean`): the status and date of a rule's full result, and nothing to read (no
 * reasons, no missing facts). Trying values of unknown facts (unknowns.ts) runs rules again many
 * times a charge and only compares their statuses and dates; the one result it shows is then made
 * in full, from the same scope. Its reasons are this shared empty list.
 */
const LEAN_REASONS: string[] = Object.freeze([]) as unknown as string[];
const LEAN = '';
/** A lean run's lists, used again by every lean run (evaluateRule is not re-entered). */
const leanNotMet: string[] = [];
const leanUnsure: string[] = [];
const leanWaitMissing: Missing = new Set();

export function evaluateRule(rule: Rule, scope: Scope, asOf: IsoDate, lang: Lang = 'en', lean = false): RuleResult {
  // 1. Does the rule speak of this charge at all? If not, nothing else matters: not eligible
  // under this rule, for that one reason (no waits, and no review note: an unconfirmed rule that
  // does not apply changes nothing). Most rules, for most charges: decided before anything else
  // is made.
  if (missing.size > 0) missing.clear();
  const applies = check(rule.applies_to, scope);
  if (applies === false) return notApplying(rule, lang);
  let notMet: string[];
  let unsure: string[];
  if (lean) {
    notMet = leanNotMet;
    unsure = leanUnsure;
    notMet.length = 0;
    unsure.length = 0;
  } else {
    notMet = [];
    unsure = [];
  }
  const met: string[] = lean ? LEAN_REASONS : [];
  if (applies === undefined) unsure.push(lean ? LEAN : said(rule.applies_to, 'bare', lang));
  else if (!lean) met.push(said(rule.applies_to, 'met', lang));

  // 2. Exclusions, each unless a named exception overrides it.
  for (const ex of rule.exclusions) {
    const excluded = check(ex, scope);
    if (excluded === false) continue;
    let saved: Tri = false;
    for (const exc of rule.exceptions) {
      if (!exc.overrides.includes(ex.id)) continue;
      const r = check(exc, scope);
      if (r === true) {
        saved = true;
        if (!lean) met.push(withCite(t(M.exceptionApplies(t(exc.explain, lang)), lang), exc.cite));
        break;
      }
      if (r === undefined) saved = undefined;
    }
    if (saved === true) continue;
    if (excluded === true && saved === false) notMet.push(lean ? LEAN : said(ex, 'explain', lang));
    else unsure.push(lean ? LEAN : said(ex, 'unclear', lang));
  }

  // 3. Requirements.
  for (const req of rule.requires) {
    const r = check(req, scope);
    if (r === false) notMet.push(lean ? LEAN : said(req, 'explain', lang));
    else if (r === undefined) unsure.push(lean ? LEAN : said(req, 'unclear', lang));
    else if (req.met && !lean) met.push(said(req, 'met', lang));
  }

  // 4. Waiting periods: eligible on the latest of their ends.
  let date: IsoDate | undefined;
  const waitNotes: string[] = [];
  const maybeLater: { end: IsoDate; explain: string; anchor: IsoDate; cite: string | undefined; period: Wait['period']; missing: Missing; bound?: string }[] = [];
  let unknownAnchors: Map<string, { sure: boolean; text: string }> | undefined;
  if (sooner.size > 0) sooner.clear();
  if (rule.effective.from !== undefined && rule.effective.from > asOf) {
    date = rule.effective.from;
    if (!lean) waitNotes.push(withCite(t(M.lawStarts(rule.effective.from), lang), rule.citation));
  }
  if (notMet.length === 0) {
    for (const w of rule.waits) {
      let m: Missing = NO_WAIT_MISSING;
      if (w.when) {
        if (!lean) m = new Set();
        else {
          m = leanWaitMissing;
          if (m.size > 0) m.clear();
        }
      }
      const applies = w.when ? evalCondition(w.when, scope, m) : true;
      if (applies === false) continue;
      const anchor = factValue(scope, w.from);
      const explain = t(w.explain, lang);
      if (anchor === null) continue; // nothing to wait from (e.g. no conviction at all)
      if (isNotAfter(anchor)) {
        // The date is not given, but a later date of the case is: the wait ends by then at the
        // latest. It can only delay, like a wait that may not apply: the relief opens by that day
        // whatever the exact date, possibly sooner.
        let m2 = NO_WAIT_MISSING;
        if (!lean) {
          m2 = new Set(m);
          m2.add(w.from);
        }
        const label = lean ? LEAN : factLabels([w.from], scope.jur, lang).labels;
        maybeLater.push({ end: waitEnd(anchor.notAfter, w.period, rule.date_rounding), explain, anchor: anchor.notAfter, cite: w.cite, period: w.period, missing: m2, bound: label });
        continue;
      }
      if (typeof anchor !== 'string') {
        // One note per unknown date, from the wait that surely applies if there is one.
        missing.add(w.from);
        for (const f of m) missing.add(f);
        unknownAnchors ??= new Map();
        const prior = unknownAnchors.get(w.from);
        if (!prior || (applies === true && !prior.sure)) {
          const text = lean ? LEAN : withCite(t(M.waitUnknownDate(explain, factLabels([w.from], scope.jur, lang).labels), lang), w.cite);
          unknownAnchors.set(w.from, { sure: applies === true, text });
        }
        continue;
      }
      const end = waitEnd(anchor, w.period, rule.date_rounding);
      if (applies === true) {
        if (date === undefined || end > date) date = end;
        if (lean) continue;
        const msg = end <= asOf ? M.waitDone : M.waitPending;
        waitNotes.push(withCite(msg.in(lang, explain, anchor, periodText(w.period, lang), end), w.cite));
      } else {
        maybeLater.push({ end, explain, anchor, cite: w.cite, period: w.period, missing: m });
      }
    }
    if (unknownAnchors) for (const u of unknownAnchors.values()) unsure.push(u.text);
    const settled = date !== undefined && date > asOf ? date : asOf;
    let latestDone: (typeof maybeLater)[number] | undefined;
    for (const ml of maybeLater) {
      if (ml.end > settled) {
        // A wait that may or may not apply can only delay: the relief opens by its end whatever the
        // answer, and possibly sooner. The answer is that certain date, and says what could bring it forward.
        if (date === undefined || ml.end > date) date = ml.end;
        if (lean) continue;
        waitNotes.push(withCite(ml.bound !== undefined ? M.waitBoundPending.in(lang, ml.explain, ml.bound, ml.anchor, periodText(ml.period, lang), ml.end) : M.waitMaybe.in(lang, ml.explain, ml.end), ml.cite));
        for (const f of ml.missing) sooner.add(f);
      } else if (!latestDone || ml.end > latestDone.end) {
        latestDone = ml;
      }
    }
    // A wait that may or may not apply but is over either way: show the longest, if it binds.
    if (latestDone && !lean && (date === undefined || latestDone.end > date)) {
      const d = latestDone;
      waitNotes.push(withCite(d.bound !== undefined ? M.waitBoundDone.in(lang, d.explain, d.bound, d.anchor, periodText(d.period, lang), d.end) : M.waitDone.in(lang, d.explain, d.anchor, periodText(d.period, lang), d.end), d.cite));
    }
  }

  // 5. The verdict.
  if (lean) {
    let status: ChargeStatus = notMet.length > 0 ? 'not_eligible' : unsure.length > 0 ? 'needs_review' : date !== undefined && date > asOf ? 'eligible_on' : 'eligible';
    let outDate = status === 'eligible_on' ? date! : null;
    if (rule.review === 'unconfirmed' && (status === 'eligible' || status === 'eligible_on')) {
      status = 'needs_review';
      outDate = null;
    }
    return {
      rule: rule.id,
      kind: rule.kind,
      name: LEAN,
      status,
      date: outDate,
      automatic: rule.automatic,
      citation: rule.citation,
      reasons: LEAN_REASONS,
      missing: LEAN_REASONS,
      review: rule.review,
      applies: applies === undefined ? null : applies,
    };
  }
  let status: ChargeStatus;
  let reasons: string[];
  let outDate: IsoDate | null = null;
  if (notMet.length > 0) {
    status = 'not_eligible';
    reasons = notMet;
  } else if (unsure.length > 0) {
    status = 'needs_review';
    reasons = [...unsure, ...waitNotes, ...missingSaid(missing, scope.jur, lang).reasons];
  } else if (date !== undefined && date > asOf) {
    status = 'eligible_on';
    outDate = date;
    reasons = waitNotes.length > 0 ? met.concat(waitNotes) : met;
    if (sooner.size > 0) reasons = reasons.concat(soonerReasons(sooner, scope.jur, lang));
  } else {
    status = 'eligible';
    reasons = waitNotes.length > 0 ? met.concat(waitNotes) : met;
  }
  if (rule.review === 'unconfirmed') {
    reasons.push(unconfirmedNote(rule, lang));
    if (status === 'eligible' || status === 'eligible_on') {
      status = 'needs_review';
      outDate = null;
    }
  }
  return {
    rule: rule.id,
    kind: rule.kind,
    name: t(rule.name, lang),
    status,
    date: outDate,
    automatic: rule.automatic,
    citation: rule.citation,
    reasons,
    missing: status === 'needs_review' ? missingSaid(missing, scope.jur, lang).facts : status === 'eligible_on' && sooner.size > 0 ? factsOnly(sooner) : [],
    review: rule.review,
    applies: applies === undefined ? null : applies,
  };
}

// ---------------------------------------------------------------------------
// One charge: every rule, then the best per relief kind

const RANK: Record<ChargeStatus, number> = { eligible: 0, eligible_on: 1, needs_review: 2, not_eligible: 3, not_covered: 4 };

const REVIEW_RANK: Record<string, number> = { confirmed: 0, partly_confirmed: 1, unconfirmed: 2 };

export function better(a: RuleResult, b: RuleResult): boolean {
  if (RANK[a.status] !== RANK[b.status]) return RANK[a.status] < RANK[b.status];
  if (a.status === 'eligible_on') return (a.date ?? '') < (b.date ?? '');
  if (a.status === 'needs_review') {
    // Of two open routes, speak of the one surely about this charge, then the better-confirmed one.
    if ((a.applies === true) !== (b.applies === true)) return a.applies === true;
    return (REVIEW_RANK[a.review] ?? 3) < (REVIEW_RANK[b.review] ?? 3);
  }
  return false;
}

function slot(status: ChargeStatus, reasons: string[], r?: RuleResult): ReliefSlot {
  return {
    status,
    date: r?.date ?? null,
    automatic: r?.automatic ?? false,
    rule: r?.rule ?? null,
    name: r?.name ?? null,
    citation: r?.citation ?? null,
    reasons,
    depends_on: NO_DEPENDS,
  };
}

function uncovered(reason: string): Record<ReliefKind, ReliefSlot> {
  return {
    expungement: slot('not_covered', [reason]),
    sealing: slot('not_covered', [reason]),
    set_aside: slot('not_covered', [reason]),
  };
}

/** A slot that is the same for every charge, frozen like the results it is made from. */
function frozenSlot(status: ChargeStatus, reasons: string[], r?: RuleResult): ReliefSlot {
  const made = slot(status, reasons, r);
  Object.freeze(made.reasons);
  return Object.freeze(made);
}

/** A relief kind the state has no rules for: one shared slot per state, kind and language. */
const notCoveredCache = new WeakMap<Jurisdiction, Map<string, ReliefSlot>>();
function notCoveredSlot(jur: Jurisdiction, kind: ReliefKind, lang: Lang): ReliefSlot {
  let m = notCoveredCache.get(jur);
  if (!m) notCoveredCache.set(jur, (m = new Map()));
  const key = `${lang}:${kind}`;
  let s = m.get(key);
  if (!s) {
    const why = jur.not_covered[kind];
    s = frozenSlot('not_covered', [why ? t(why, lang) : t(M.noRulesForKind(t(KIND_WORDS[kind]!, lang), jur.code), lang)]);
    m.set(key, s);
  }
  return s;
}

/** The slot a rule's result fills; for a shared (frozen) result, a shared slot. */
const slotCache = new WeakMap<RuleResult, ReliefSlot>();
function slotOf(r: RuleResult): ReliefSlot {
  if (!Object.isFrozen(r)) return slot(r.status, r.reasons, r);
  let s = slotCache.get(r);
  if (!s) slotCache.set(r, (s = frozenSlot(r.status, r.reasons, r)));
  return s;
}

/**
 * "None of the routes covers this charge": the same slot for every charge no route of the kind
 * concerns, since those routes' results are then the shared not-applying ones. Made once per set
 * of routes (found by the identity of their results), and frozen.
 */
const noRouteCache = new WeakMap<RuleResult, { mine: RuleResult[]; slot: ReliefSlot }[]>();
/** The results of one kind, in order (made only when a slot needs them as a list). */
const ofKind = (results: RuleResult[], kind: ReliefKind) => results.filter((r) => r.kind === kind);
/** True when the results of `kind` are exactly `mine`, in order (compared without a list). */
function sameRoutes(results: RuleResult[], kind: ReliefKind, mine: RuleResult[]): boolean {
  let i = 0;
  for (const r of results) {
    if (r.kind !== kind) continue;
    if (mine[i++] !== r) return false;
  }
  return i === mine.length;
}
function noRouteSlot(results: RuleResult[], first: RuleResult, kind: ReliefKind, jur: Jurisdiction, lang: Lang): ReliefSlot {
  const variants = noRouteCache.get(first) ?? [];
  const hit = variants.find((v) => sameRoutes(results, kind, v.mine));
  if (hit) return hit.slot;
  const mine = ofKind(results, kind);
  const text = t(M.noRouteCovers(t(KIND_WORDS[kind]!, lang), t(jur.name, lang), mine.map((r) => r.name).join('; ')), lang);
  const made = frozenSlot('not_eligible', [text]);
  // only shared results are worth remembering (their identity is stable); a handful per jurisdiction
  if (Object.isFrozen(first) && variants.length < 16) noRouteCache.set(first, [...variants, { mine, slot: made }]);
  return made;
}

const NONE_BARRED: RuleResult[] = Object.freeze([]) as unknown as RuleResult[];
/**
 * When the answer shown for `kind` rests on a route that may not even concern this record (a
 * pardon nobody mentioned), the routes that surely do and say no: their reasons (a fine still owed,
 * a wait) are what the person can act on, so every output says them too (pickBest; the handout).
 */
export function barredRoutes(results: RuleResult[], kind: ReliefKind, shown: RuleResult | undefined): RuleResult[] {
  if (!shown || shown.status !== 'needs_review' || shown.applies === true) return NONE_BARRED;
  let out: RuleResult[] | undefined;
  for (const r of results) if (r !== shown && r.kind === kind && r.applies === true && r.status === 'not_eligible') (out ??= []).push(r);
  return out ?? NONE_BARRED;
}

/** What bars a not-eligible result, at most `max`: its reasons without an unconfirmed rule's review note (its last). */
export function barsOf(r: RuleResult, max: number): string[] {
  return r.reasons.slice(0, Math.min(max, r.review === 'unconfirmed' ? r.reasons.length - 1 : r.reasons.length));
}

/** Per relief kind, the best rule's slot (one pass per kind over the results, no lists made). */
export function pickBest(results: RuleResult[], jur: Jurisdiction, lang: Lang): Record<ReliefKind, ReliefSlot> {
  const out = {} as Record<ReliefKind, ReliefSlot>;
  for (const kind of RELIEF_KINDS) {
    let first: RuleResult | undefined;
    let best: RuleResult | undefined;
    let routes = 0;
    let relevant = 0;
    let lastRelevant: RuleResult | undefined;
    for (const r of results) {
      if (r.kind !== kind) continue;
      routes++;
      first ??= r;
      if (!best || better(r, best)) best = r;
      if (r.applies !== false) {
        relevant++;
        lastRelevant = r;
      }
    }
    if (!best) {
      out[kind] = notCoveredSlot(jur, kind, lang);
      continue;
    }
    if (best.status === 'not_eligible' && routes > 1) {
      // Speak of the routes that concern this charge; if none does, say so in one line.
      if (relevant === 1) out[kind] = slot('not_eligible', lastRelevant!.reasons, lastRelevant);
      else if (relevant > 1) {
        const concern = ofKind(results, kind).filter((r) => r.applies !== false);
        out[kind] = slot('not_eligible', concern.flatMap((r) => r.reasons.map((x) => t(M.routes(r.name, x), lang))));
      } else out[kind] = noRouteSlot(results, first!, kind, jur, lang);
    } else if (best.status === 'needs_review' && best.applies !== true && routes > 1) {
      // Say why the route surely about this record is not open, after the shown route's own reasons.
      const barred = barredRoutes(results, kind, best);
      out[kind] = barred.length ? slot('needs_review', best.reasons.concat(barred.flatMap((r) => barsOf(r, 2).map((x) => t(M.barredRoute(r.name, x), lang)))), best) : slotOf(best);
    } else {
      out[kind] = slotOf(best);
    }
  }
  return out;
}

export function evaluateCharge(
  person: Person,
  charge: Charge,
  rules: RuleSet,
  asOf: IsoDate,
  lang: Lang,
  personCache: Map<string, Derived> = new Map(),
): ChargeResult {
  const jur = rules.jurisdictions.get(charge.state);
  if (!jur) return { index: charge.index, relief: uncovered(t(M.noRulesForState(charge.state), lang)), rules: [] };
  if (jur.rules.length === 0) {
    // A state fairshot knows for voting only: each kind says why it is not covered.
    return { index: charge.index, relief: { expungement: notCoveredSlot(jur, 'expungement', lang), sealing: notCoveredSlot(jur, 'sealing', lang), set_aside: notCoveredSlot(jur, 'set_aside', lang) }, rules: [] };
  }
  const court = charge.court ?? 'state';
  if (!jur.courts.includes(court)) {
    return { index: charge.index, relief: uncovered(t(M.courtNotCovered(court), lang)), rules: [] };
  }
  const scope: Scope = { person, charge, jur, cache: new Map(), personCache, plain: plainChargeFacts(jur) };
  const inForce = rulesInForce(jur, asOf);
  const results: RuleResult[] = new Array(inForce.length);
  let open = false;
  for (let i = 0; i < inForce.length; i++) {
    const r = (results[i] = evaluateRule(inForce[i]!, scope, asOf, lang));
    if (r.missing.length > 0 && (r.status === 'needs_review' || r.status === 'eligible_on')) open = true;
  }
  const relief = pickBest(results, jur, lang);
  if (open) {
    // Some route turns on facts nobody gave: the answer that holds whatever they are, and what each would change.
    // The kinds share the copies of the charge made for the same values.
    let tries: TriedScopes | undefined;
    for (const kind of RELIEF_KINDS) {
      const s = relief[kind];
      if (s.status === 'needs_review' || s.status === 'eligible_on') relief[kind] = refineSlot(kind, s, results, inForce, person, charge, jur, asOf, lang, evaluateRule, personCache, (tries ??= new Map()));
    }
  }
  return { index: charge.index, relief, rules: results };
}

// ---------------------------------------------------------------------------
// Voting: per person, under the law of the state of residence

export function evaluateVoting(person: Person, rules: RuleSet, asOf: IsoDate, lang: Lang = 'en'): VotingResult {
  const jur = rules.jurisdictions.get(person.state);
  const vote = jur?.voting;
  if (!jur || !vote) {
    return {
      status: 'needs_review',
      rule: null,
      citation: null,
      reasons: [t(M.noVotingRule(person.state), lang)],
      next_steps: [],
      missing: [],
      depends_on: NO_DEPENDS,
    };
  }
  void asOf; // voting outcomes depend on present facts, not on elapsed time
  const first = voteOf(person, jur, lang);
  if (first.status !== 'needs_review' || first.missing.length === 0) return first;
  return refineVote(first, person, jur, lang, voteOf);
}

function voteOf(person: Person, jur: Jurisdiction, lang: Lang): VotingResult {
  const vote = jur.voting!;
  const scope: Scope = { person, jur, cache: new Map(), personCache: new Map() };
  const unsure: string[] = [];
  const missing: Missing = new Set();
  for (const o of vote.outcomes) {
    const m: Missing = new Set();
    const r = o.when === undefined ? true : evalCondition(o.when, scope, m);
    if (r === false) continue;
    if (r === undefined) {
      for (const f of m) missing.add(f);
      unsure.push(t(o.explain, lang));
      continue;
    }
    if (unsure.length > 0) break; // an earlier outcome might have applied
    const reasons = [withCite(t(o.explain, lang), vote.citation)];
    if (vote.review === 'unconfirmed') reasons.push(t(M.unconfirmed(vote.review_note ?? ''), lang));
    return {
      status: vote.review === 'unconfirmed' && o.status === 'can_vote' ? 'needs_review' : o.status,
      rule: vote.id,
      citation: vote.citation,
      reasons,
      next_steps: o.next_steps.map((s) => t(s, lang)),
      missing: [],
      depends_on: NO_DEPENDS,
    };
  }
  const reasons = [...unsure.map((u) => t(M.unclear(u), lang)), ...missingReasons(missing, jur, lang)];
  return { status: 'needs_review', rule: vote.id, citation: vote.citation, reasons, next_steps: [], missing: factsOnly(missing), depends_on: NO_DEPENDS };
}

// ---------------------------------------------------------------------------
// One person

export function evaluatePerson(person: Person, rules: RuleSet, opts: EvalOptions): PersonResult {
  const asOf = person.as_of ?? opts.asOf;
  const lang = opts.lang ?? 'en';
  const personCache = new Map<string, Derived>();
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const c of person.charges) {
    if (!rules.jurisdictions.has(c.state) && !seen.has(c.state)) {
      seen.add(c.state);
      warnings.push(t(M.noRulesForState(c.state), lang));
    }
  }
  if (person.assumed?.length) warnings.push(t(M.assumed(person.assumed.join(', ')), lang));
  contradictionWarnings(person, rules, lang, warnings);
  const charges = person.charges.map((c) => evaluateCharge(person, c, rules, asOf, lang, personCache));
  const planned = person.charges.filter((c) => c.sentence_end_planned !== undefined && c.sentence_completed_date === undefined);
  if (planned.length > 0) asPlanned(person, planned, charges, rules, asOf, lang, warnings);
  return {
    id: person.id,
    as_of: asOf,
    state: person.state,
    charges,
    voting: evaluateVoting(person, rules, asOf, lang),
    clinics: [],
    warnings,
    errors: [],
  };
}

/**
 * A given value that another given fact rules out (`narrowed_by`, e.g. a summary grade on a charge
 * given as a misdemeanor): said, naming the charge and both facts (both are used as given).
 */
function contradictionWarnings(person: Person, rules: RuleSet, lang: Lang, warnings: string[]): void {
  for (const c of person.charges) {
    const jur = rules.jurisdictions.get(c.state);
    if (!jur || narrowingsOf(jur).size === 0) continue;
    const scope: Scope = { person, charge: c, jur, cache: new Map(), personCache: new Map(), plain: plainChargeFacts(jur) };
    for (const [fact, value, other, otherValue] of contradictions(scope)) {
      const def = jur.facts.get(fact)!;
      const odef = jur.facts.get(other)!;
      const w = t(M.contradiction(String(c.index + 1), t(def.label, lang), valueText(def, fact, value, lang, true), t(odef.label, lang), valueText(odef, other, otherValue, lang, true)), lang);
      if (!warnings.includes(w)) warnings.push(w);
    }
  }
}

/**
 * Sentences not finished but planned to end on a day: what opens once they end as planned. The
 * record is judged again, as of the last planned end, with those sentences finished then; a relief
 * that is not open today but opens then is `eligible_on` that day (or its own later date), and
 * says it assumes the sentence ends as planned. Voting speaks of today only.
 */
function asPlanned(person: Person, planned: Charge[], charges: ChargeResult[], rules: RuleSet, asOf: IsoDate, lang: Lang, warnings: string[]): void {
  let last = asOf;
  for (const c of planned) {
    warnings.push(t(M.plannedEnd(String(c.index + 1), c.sentence_end_planned!), lang));
    if (c.sentence_end_planned! > last) last = c.sentence_end_planned!;
  }
  const done: Person = {
    ...person,
    charges: person.charges.map((c) =>
      planned.includes(c) ? { ...c, sentence_completed: true, sentence_completed_date: c.sentence_end_planned! < asOf ? asOf : c.sentence_end_planned! } : c,
    ),
  };
  const cache = new Map<string, Derived>();
  const note = t(M.ifPlanned(last), lang);
  done.charges.forEach((c, i) => {
    const later = evaluateCharge(done, c, rules, last, lang, cache);
    for (const kind of RELIEF_KINDS) {
      const now = charges[i]!.relief[kind];
      if (now.status === 'eligible' || now.status === 'eligible_on' || now.status === 'not_covered') continue;
      const then = later.relief[kind];
      if (then.status === 'eligible') {
        charges[i]!.relief[kind] = { ...then, status: last > asOf ? 'eligible_on' : 'eligible', date: last > asOf ? last : null, reasons: [...then.reasons, note] };
      } else if (then.status === 'eligible_on') {
        charges[i]!.relief[kind] = { ...then, reasons: [...then.reasons, note] };
      }
    }
  });
}

