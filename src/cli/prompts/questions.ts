/**
 * One question on screen: the wording from the facts vocabulary (or the state's rule file), the
 * kind of prompt from the fact's type, "I don't know" offered everywhere, and the answer turned
 * into the value stored in the answers (contract shape; null = don't know; partial dates kept).
 */
import { birthClash, dateClashes, NEVER_DATES, type DateClash, type DateSpan } from '../../core/intake.js';
import { factDef, type Ask, type RawPerson } from '../../core/interview.js';
import { t } from '../../core/messages.js';
import { dateAnswerText, FUTURE_DATES, isDontKnow, parseAmount, parseDateInput, storedDate } from '../../core/parse-answer.js';
import type { FactDef, IsoDate, Lang, RuleSet } from '../../core/types.js';
import { GoBack, type Choice, type Prompter } from './prompter.js';
import { STATE_NAMES_ES } from '../../clinics/states.js';
import { CATEGORY_WORDS, ENUM_WORDS, STATE_NAMES, enumShort, enumWord, stateLabel, ui } from './words.js';

export interface AskContext {
  rules: RuleSet;
  asOf: IsoDate;
  lang: Lang;
}

const DK = Symbol('dont-know');
type Stored = string | number | boolean | null;

function stateOf(raw: RawPerson, ask: Ask): string | undefined {
  if (ask.target === 'person') return raw.state as string | undefined;
  return (raw.charges?.[ask.target]?.state as string | undefined) ?? (raw.state as string | undefined);
}

/** Class choices for a state: read from its rule files (the record_class patterns of its ladders). */
export function classChoices(rules: RuleSet, state: string | undefined, level: unknown): string[] {
  const jur = state ? rules.jurisdictions.get(state) : undefined;
  if (!jur) return [];
  const out: string[] = [];
  for (const ladder of jur.ladders.values()) {
    for (const m of ladder.record_class) {
      const label = m.matches.replace(/\\s\*/g, ' ').replace(/\\s\+/g, ' ').replace(/\\b/g, '').replace(/[\\^$()?]/g, '').trim();
      const words = label.split(' ').map((w) => w.charAt(0).toUpperCase() + w.slice(1));
      const name = words.join(' ');
      if (!/^[A-Za-z ]+[A-Za-z0-9]$/.test(name) || out.includes(name)) continue;
      out.push(name);
    }
  }
  const letter = (s: string) => /\s[A-C]$/.test(s);
  const felonyish = (s: string) => /\s([0-9]|X)$/.test(s);
  const filtered = level === 'misdemeanor' ? out.filter(letter) : level === 'felony' ? out.filter(felonyish) : out;
  const ORDER = 'ABC4321X';
  const rank = (s: string) => {
    const i = ORDER.indexOf(s.slice(-1).toUpperCase());
    return i < 0 ? 99 : i;
  };
  return filtered.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
/**
 * In Spanish "5/3/2020" is 5 March to the person typing, and 3 May on a US court paper: when the
 * day and the month could swap (both 12 or less, and different), ask which, by the month's name.
 */
function ambiguousSpanishDate(s: string): string | undefined {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a === b || a < 1 || b < 1 || a > 12 || b > 12) return undefined;
  const y = m[3]!;
  return `¿${b} de ${MESES[a - 1]} o ${a} de ${MESES[b - 1]}? Escriba el mes con letras, como «${b} de ${MESES[a - 1]} de ${y}», o año-mes-día.`;
}

/** Longest free text (a class, a statute, an offense as written on the papers). */
export const MAX_TEXT = 200;
const textLimit = (s: string, lang: Lang): true | string => (s.trim().length <= MAX_TEXT ? true : ui('textTooLong', lang).replace('{n}', String(s.trim().length)));

/**
 * What the answered line shows: "I don't know" for ? (and its other spellings), "skipped" for
 * nothing typed where that skips (`optional`), else what was typed.
 */
function echoed(s: string, lang: Lang, optional = false): string {
  if (s.trim() === '') return optional ? ui('skipped', lang) : ui('dontKnow', lang);
  if (isDontKnow(s)) return ui('dontKnow', lang);
  return s;
}

/** "no", "never", "none", "nunca", "ninguno": it never happened. */
function isNever(s: string): boolean {
  return /^(no|never|none|not pardoned|nunca|ninguno|ninguna|no me indultaron)\.?$/i.test(s.trim());
}

const yesNo = (lang: Lang): Choice<boolean | typeof DK>[] => [
  { value: true, name: ui('yes', lang) },
  { value: false, name: ui('no', lang) },
  { value: DK, name: ui('dontKnow', lang) },
];

function dkChoice<V>(lang: Lang): Choice<V | typeof DK> {
  return { value: DK, name: ui('dontKnow', lang) };
}

function message(def: FactDef | undefined, fact: string, lang: Lang): string {
  return def?.question ? t(def.question, lang) : fact;
}

/**
 * Is a date impossible beside the dates already answered (before the offense, before birth, a
 * century ago)? The same check as answers files and `check` (core/intake.ts), said in plain
 * words: "That is before the offense date (2016). Please check."
 */
export function dateProblem(ask: Ask, value: DateSpan, raw: RawPerson, ctx: AskContext): string | undefined {
  const { lang, asOf } = ctx;
  const spanOf = (v: unknown, fact: string): DateSpan | undefined => {
    const d = storedDate(v, asOf, FUTURE_DATES.has(fact));
    return d ? { from: d.from, to: d.to } : undefined;
  };
  const label = (fact: string, target: 'person' | number) => {
    const def = factDef(ctx.rules, stateOf(raw, { id: fact, target, fact }), fact);
    return def ? t(def.label, lang) : fact.replace(/_/g, ' ');
  };
  const say = (key: 'dateBefore' | 'dateAfter' | 'dateAfterCase', what: string, date: string, n?: number) =>
    ui(key, lang).replace('{what}', what).replace('{date}', date).replace('{n}', String(n ?? ''));
  const old = (c: DateClash) => (c.kind === 'old' ? ui('dateTooOld', lang).replace('{years}', c.field === 'birth_date' ? '120' : '100') : undefined);
  const charges = raw.charges ?? [];
  if (ask.target === 'person') {
    if (ask.fact !== 'birth_date') return undefined;
    const b = birthClash(value, asOf);
    if (b) return old(b);
    for (let i = 0; i < charges.length; i++) {
      const c = charges[i]!;
      const spans: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c)) spans[k] = spanOf(v, k);
      const hit = dateClashes(spans, value, asOf).find((x) => x.kind === 'order' && x.earlier === 'birth_date');
      if (hit) return say('dateAfterCase', label(hit.field, i), String(c[hit.field]), i + 1);
    }
    return undefined;
  }
  const c = charges[ask.target] ?? {};
  const spans: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) spans[k] = spanOf(v, k);
  spans[ask.fact] = value;
  const birth = spanOf(raw.birth_date, 'birth_date');
  for (const x of dateClashes(spans, birth, asOf)) {
    if (x.kind === 'old') {
      if (x.field === ask.fact) return old(x);
      continue;
    }
    if (x.field === ask.fact) {
      const shown = x.earlier === 'birth_date' ? String(raw.birth_date) : String(c[x.earlier]);
      return say('dateBefore', label(x.earlier, x.earlier === 'birth_date' ? 'person' : ask.target), shown);
    }
    if (x.earlier === ask.fact) return say('dateAfter', label(x.field, ask.target), String(c[x.field]));
  }
  return undefined;
}

/** A choice's own words, when the rule file gives them (`value_words`). */
function ownWords(def: FactDef | undefined, v: string, lang: Lang): string | undefined {
  const own = def?.value_words?.[v];
  return own ? t(own, lang) : undefined;
}

/** Ask one question; resolves to the stored answer. */
export async function askOne(p: Prompter, ask: Ask, raw: RawPerson, ctx: AskContext): Promise<Stored> {
  const { lang, asOf } = ctx;
  const state = stateOf(raw, ask);

  if (ask.id === 'state') {
    // Not reading ctx.rules here: the rules load while this first question is on screen.
    // Spanish names find their state too ("Nueva York", "Carolina del Norte")
    const choices = Object.entries(STATE_NAMES).map(([code, name]) => ({ value: code, name: `${name} (${code})`, keys: STATE_NAMES_ES[code] ?? '' }));
    return p.search({ id: 'state', message: ui('residence', lang), hint: ui('searchHint', lang), choices });
  }
  const rules = ctx.rules;
  if (ask.id === 'zip') {
    const def = factDef(rules, undefined, 'zip');
    if (def?.help) p.note(t(def.help, lang));
    // ZIP+4 (60614-1234) is a ZIP: its first five digits are kept.
    const zip = (s: string) => /^(\d{5})(?:[-\s]?\d{4})?$/.exec(s.trim())?.[1];
    const v = await p.input({
      id: 'zip',
      message: message(def, 'zip', lang),
      hint: ui('optionalHint', lang),
      validate: (s) => (s.trim() === '' || isDontKnow(s) || zip(s) ? true : ui('zipInvalid', lang)),
      echo: (s) => zip(s) ?? echoed(s, lang, true),
    });
    return zip(v) ?? null;
  }
  if (ask.fact === 'more_charges') {
    return p.select<string>({
      id: 'more_charges',
      message: ui('moreCharges', lang),
      choices: [
        { value: 'yes', name: ui('moreYes', lang) },
        { value: 'no', name: ui('moreNo', lang) },
        // once an open case is said, the question comes again for the finished ones
        ...(raw.pending_charges === true ? [] : [{ value: 'open', name: ui('moreOpen', lang) }]),
        { value: 'unsure', name: ui('moreUnsure', lang) },
      ],
    });
  }
  if (ask.target !== 'person' && ask.fact === 'state') {
    const home = raw.state as string;
    // Where you live and a federal court first: the other states follow, in a long list.
    const choices: Choice<string>[] = [
      { value: home, name: `${stateLabel(home, lang)} (${ui('whereYouLive', lang)})` },
      { value: 'federal', name: ui('federalCourt', lang) },
    ];
    for (const code of rules.jurisdictions.keys()) if (code !== home) choices.push({ value: code, name: stateLabel(code, lang) });
    choices.push({ value: 'other', name: ui('anotherState', lang) });
    for (;;) {
      const v = await p.select({ id: ask.id, message: ui('chargeState', lang), choices });
      if (v !== 'other') return v;
      const all = Object.entries(STATE_NAMES).map(([code, name]) => ({ value: code, name: `${name} (${code})`, keys: STATE_NAMES_ES[code] ?? '' }));
      try {
        return await p.search({ id: `${ask.id}.other`, message: ui('pickState', lang), hint: ui('searchHint', lang), choices: all });
      } catch (e) {
        if (!(e instanceof GoBack)) throw e; // back from "which state?": the list again
      }
    }
  }

  const def = factDef(rules, state, ask.fact);
  const msg = message(def, ask.fact, lang);
  // Our own hints already say it: the amount hint gives the ounce, and the level choices explain
  // each level. Their help would only repeat it.
  const ownHint = def?.unit === 'grams' || ask.fact in ENUM_WORDS;
  if (def?.help && !ownHint) p.note(t(def.help, lang));

  if (ask.fact === 'category') {
    const values = def?.values ?? Object.keys(CATEGORY_WORDS);
    const choices = values.map((v) => ({ value: v as string | typeof DK, name: enumWord('category', v, lang), keys: CATEGORY_WORDS[v]?.keys ?? '' }));
    const v = await p.search<string | typeof DK>({ id: ask.id, message: ui('categorySearch', lang), hint: ui('categoryHint', lang), choices, always: [{ value: DK, name: ui('notSure', lang) }] });
    return v === DK ? null : v;
  }
  if (ask.fact === 'class') {
    const charge = ask.target === 'person' ? undefined : raw.charges?.[ask.target];
    const classes = classChoices(rules, state, charge?.level);
    if (classes.length > 0) {
      const choices: Choice<string | typeof DK>[] = classes.map((c) => ({ value: c, name: c }));
      choices.push({ value: 'other', name: ui('classOther', lang) }, dkChoice(lang));
      for (;;) {
        const v = await p.select({ id: ask.id, message: msg, choices });
        if (v === DK) return null;
        if (v !== 'other') return v;
        try {
          const typed = await p.input({ id: `${ask.id}.other`, message: ui('classType', lang), hint: ui('textLimitHint', lang), validate: (s) => textLimit(s, lang), echo: (s) => echoed(s, lang) });
          return typed.trim() === '' || isDontKnow(typed) ? null : typed.trim();
        } catch (e) {
          if (!(e instanceof GoBack)) throw e; // back from typing the class: the list again
        }
      }
    }
  }

  switch (def?.type) {
    case 'boolean': {
      // The cursor starts on "I don't know": an Enter pressed once too often records nothing
      // wrong ("registered as a sex offender: Yes" by accident). Yes is ↑↑, No is ↑.
      const v = await p.select({ id: ask.id, message: msg, choices: yesNo(lang), default: DK });
      return v === DK ? null : v;
    }
    case 'enum': {
      const values = def.values ?? [];
      const choices: Choice<string | typeof DK>[] = values.map((v) => ({ value: v, name: ownWords(def, v, lang) ?? enumWord(ask.fact, v, lang) }));
      choices.push(dkChoice(lang));
      const v = await p.select({ id: ask.id, message: msg, choices });
      return v === DK ? null : v;
    }
    case 'date': {
      // "Were you pardoned? If so, when?": "no" is an answer (stored as none), not a bad date.
      const canBeNever = NEVER_DATES.has(ask.fact);
      p.note(canBeNever ? `${ui('dateHint', lang)} ${ui('neverHint', lang)}` : ui('dateHint', lang));
      const v = await p.input({
        id: ask.id,
        message: msg,
        echo: (s) => (canBeNever && isNever(s) ? ui('never', lang) : echoed(s, lang)),
        validate: (s) => {
          if (s.trim() === '' || isDontKnow(s)) return true;
          if (canBeNever && isNever(s)) return true;
          if (lang === 'es') {
            const which = ambiguousSpanishDate(s);
            if (which) return which;
          }
          const r = parseDateInput(s, asOf, FUTURE_DATES.has(ask.fact));
          if (!r.ok) return t(r.error, lang);
          return dateProblem(ask, r.value, raw, ctx) ?? true;
        },
      });
      if (v.trim() === '' || isDontKnow(v)) return null;
      if (canBeNever && isNever(v)) return 'none';
      const r = parseDateInput(v, asOf, FUTURE_DATES.has(ask.fact));
      return r.ok ? dateAnswerText(r.value) : null;
    }
    case 'number': {
      const grams = def.unit === 'grams';
      p.note(grams ? ui('amountHint', lang) : ui('dontKnowHint', lang));
      const parse = (s: string) => {
        if (grams) return parseAmount(s, lang);
        const n = Number(s.trim());
        return Number.isFinite(n) && n >= 0 && s.trim() !== '' ? ({ ok: true, value: n } as const) : ({ ok: false, error: { en: ui('numberInvalid', 'en'), es: ui('numberInvalid', 'es') } } as const);
      };
      const v = await p.input({
        id: ask.id,
        message: msg,
        echo: (s) => echoed(s, lang),
        validate: (s) => {
          if (s.trim() === '' || isDontKnow(s)) return true;
          const r = parse(s);
          return r.ok ? true : t(r.error, lang);
        },
      });
      if (v.trim() === '' || isDontKnow(v)) return null;
      const r = parse(v);
      return r.ok ? r.value : null;
    }
    default: {
      const v = await p.input({ id: ask.id, message: msg, hint: `${ui('optionalHint', lang)} ${ui('textLimitHint', lang)}`, validate: (s) => textLimit(s, lang), echo: (s) => echoed(s, lang, true) });
      return v.trim() === '' || isDontKnow(v) ? null : v.trim();
    }
  }
}

/** How an answer reads on the review screen. */
export function answerText(ask: Ask, raw: RawPerson, ctx: AskContext): { label: string; value: string } {
  const { rules, lang } = ctx;
  if (ask.fact === 'more_charges') {
    return { label: ui('recordAll', lang), value: raw.record_complete === true ? ui('yes', lang) : ui('notSure', lang) };
  }
  const rec = ask.target === 'person' ? raw : raw.charges?.[ask.target] ?? {};
  const value = rec[ask.fact];
  const state = stateOf(raw, ask);
  const def = factDef(rules, state, ask.fact);
  let label = def ? t(def.label, lang) : ask.fact;
  if (ask.target !== 'person' && ask.fact === 'state') label = lang === 'es' ? 'estado del caso' : 'state of the case';
  label = label.charAt(0).toUpperCase() + label.slice(1);
  if (ask.target !== 'person') label = `${ui('caseHeading', lang)} ${ask.target + 1} · ${label}`;
  if (value === null || value === undefined) {
    // Enter skips the ZIP and the free-text boxes: say so, not "I don't know".
    const skippable = ask.fact === 'zip' || (def !== undefined && def.type !== 'boolean' && def.type !== 'enum' && def.type !== 'date' && def.type !== 'number' && ask.fact !== 'category');
    return { label, value: ui(skippable ? 'skipped' : 'dontKnow', lang) };
  }
  if (ask.target !== 'person' && ask.fact === 'state') {
    const court = (rec as Record<string, unknown>).court;
    return { label, value: court === 'federal' ? ui('federalCourt', lang) : stateLabel(String(value), lang) };
  }
  if (ask.id === 'state') return { label, value: stateLabel(String(value), lang) };
  if (typeof value === 'boolean') return { label, value: ui(value ? 'yes' : 'no', lang) };
  // What it was for keeps its detail ("Cannabis (marijuana): having it", not "Cannabis (marijuana)").
  if (ask.fact === 'category') return { label, value: enumWord('category', String(value), lang) };
  if (def?.type === 'enum') return { label, value: ownWords(def, String(value), lang) ?? enumShort(ask.fact, String(value), lang) };
  if (def?.type === 'number' && def.unit === 'grams') return { label, value: `${value} g` };
  if (def?.type === 'date' && value === 'none') return { label, value: ui('never', lang) };
  if (def?.type === 'date') {
    const d = storedDate(value, ctx.asOf, FUTURE_DATES.has(ask.fact));
    if (d && d.precision !== 'day') {
      return { label, value: lang === 'es' ? `${value} (entre ${d.from} y ${d.to})` : `${value} (between ${d.from} and ${d.to})` };
    }
  }
  return { label, value: String(value) };
}
