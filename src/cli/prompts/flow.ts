/**
 * The questionnaire's loop: ask what the planner (core/interview.ts) says, until nothing can
 * change the results; then the review screen, where any answer can be changed (the planner then
 * asks whatever the change opened up), a case removed or another added. Escape (or "← Back")
 * steps back one question, as often as wanted; Ctrl-C still cancels. Returns the answers.
 */
import { answeredList, newAnswers, nextQuestion, withAnswer, type Ask, type RawPerson } from '../../core/interview.js';
import type { IsoDate, Lang, RuleSet } from '../../core/types.js';
import { GoBack, type Prompter } from './prompter.js';
import { answerText, askOne, type AskContext } from './questions.js';
import { STATE_NAMES, stateName, ui } from './words.js';

export interface InterviewOptions {
  /** The rules, or a promise of them (awaited only once a question needs them). */
  rules: RuleSet | Promise<RuleSet>;
  asOf: IsoDate;
  lang: Lang;
  /** Answers to start from (default: nothing yet). */
  start?: RawPerson;
  /** Called after each answer (e.g. to start the clinic lookup once the ZIP is known). */
  onAnswer?: (raw: RawPerson, ask: Ask) => void;
  /** Show the review screen (default true). */
  review?: boolean;
  /**
   * The state a ZIP code is in, if known (offline; src/clinics/zip.ts): the state you live in is
   * then read from your ZIP and not asked (the review screen shows it, and it can be changed).
   */
  stateOfZip?: (zip: string) => string | undefined;
}

/** Fields a state's rules do not define but every record keeps. */
const KEEP_PERSON = new Set(['id', 'state', 'zip', 'charges', 'record_complete', 'as_of']);
const KEEP_CHARGE = new Set(['state', 'court']);

/**
 * After a state changes, the answers to questions only the old state asks (Illinois's "Section 7
 * enhancement" on a case moved to Wisconsin) are dropped: they would show on the review and in
 * the saved file, and no rule of the new state reads them.
 */
export function withoutForeignFacts(raw: RawPerson, ask: Ask, rules: RuleSet): RawPerson {
  if (ask.fact !== 'state') return raw;
  const next: RawPerson = { ...raw, charges: (raw.charges ?? []).map((c) => ({ ...c })) };
  // A state's facts are the shared vocabulary plus its own (rules.facts holds every state's).
  const prune = (rec: Record<string, unknown>, state: string | undefined, keep: Set<string>) => {
    const jur = state ? rules.jurisdictions.get(state.toUpperCase()) : undefined;
    if (!jur) return;
    for (const k of Object.keys(rec)) if (!keep.has(k) && !jur.facts.has(k)) delete rec[k];
  };
  if (ask.target === 'person') {
    const home = typeof next.state === 'string' ? next.state : undefined;
    prune(next, home, KEEP_PERSON);
  } else {
    const c = next.charges![ask.target];
    if (c) prune(c, typeof c.state === 'string' ? c.state : undefined, KEEP_CHARGE);
  }
  return next;
}

/** The answers without case `index` (the cases after it move up one). */
export function withoutCase(raw: RawPerson, index: number): RawPerson {
  const charges = (raw.charges ?? []).filter((_, i) => i !== index);
  return { ...raw, charges: charges.length > 0 ? charges : [{}] };
}

export async function runInterview(p: Prompter, opts: InterviewOptions): Promise<RawPerson> {
  let loaded: RuleSet | undefined = opts.rules instanceof Promise ? undefined : opts.rules;
  const getRules = async () => (loaded ??= await opts.rules);
  const ctx: AskContext = {
    get rules() {
      if (!loaded) throw new Error('the rules are not loaded yet');
      return loaded;
    },
    asOf: opts.asOf,
    lang: opts.lang,
  };
  let raw = opts.start ?? newAnswers();
  let headed = new Set<number>();
  /** The answers before each answer given, newest last: what "back" returns to. */
  const history: RawPerson[] = [];
  const before = p.canGoBack;
  p.canGoBack = true;

  const answer = async (ask: Ask, value: unknown) => {
    history.push(raw);
    raw = withAnswer(raw, ask, value);
    if (ask.id === 'zip' && typeof value === 'string') raw = withStateOfZip(raw, value);
    if (ask.fact === 'state' && loaded) raw = withoutForeignFacts(raw, ask, loaded);
    opts.onAnswer?.(raw, ask);
  };
  /** Step back: the answers as they were before the last answer (its question comes again). */
  const back = () => {
    const prev = history.pop();
    if (prev) raw = prev;
    // a case whose first question comes again gets its heading again
    headed = new Set([...headed].filter((i) => raw.charges?.[i] && 'state' in raw.charges[i]!));
  };

  /**
   * A ZIP answered before the state: the state is read from it, and said. A ZIP changed on the
   * review to one in another state leaves the state as it is, and says so.
   */
  const withStateOfZip = (r: RawPerson, zip: string): RawPerson => {
    const state = opts.stateOfZip?.(zip);
    if (!state || !Object.hasOwn(STATE_NAMES, state)) return r;
    if (!('state' in r)) {
      p.note(ui('zipState', opts.lang).replace('{zip}', zip).replace('{state}', stateName(state, opts.lang)));
      return { ...r, state };
    }
    if (r.state !== state) {
      const home = typeof r.state === 'string' ? stateName(r.state, opts.lang) : '';
      p.note(ui('zipOtherState', opts.lang).replace('{zip}', zip).replace('{state}', stateName(state, opts.lang)).replace('{home}', home));
    }
    return r;
  };

  let lastCase: number | undefined;
  const askLoop = async () => {
    for (;;) {
      const ask = nextQuestion(raw, await getRules(), opts.asOf);
      if (!ask) return;
      // A heading whenever the questions turn to a case (again): with two cases, the first one's
      // details may be asked after the second one's kind is known.
      if (ask.target !== 'person' && (!headed.has(ask.target) || lastCase !== ask.target)) {
        if (ask.target === 0 && !headed.has(0)) p.note(ui('caseIntro', opts.lang));
        headed.add(ask.target);
        p.note(`— ${ui('caseHeading', opts.lang)} ${ask.target + 1} —`);
      }
      lastCase = ask.target === 'person' ? undefined : ask.target;
      try {
        await answer(ask, await askOne(p, ask, raw, ctx));
      } catch (e) {
        if (!(e instanceof GoBack)) throw e;
        back();
      }
    }
  };

  try {
    p.note(ui('backHint', opts.lang));
    await askLoop();
    if (opts.review === false) return raw;
    for (;;) {
      const list = answeredList(raw);
      const cases = raw.charges?.length ?? 0;
      p.note('');
      p.note(ui('reviewTitle', opts.lang));
      const lines = list.map((a) => answerText(a, raw, ctx));
      for (const l of lines) p.note(`  ${l.label}: ${l.value}`);
      // Show, add and remove first: a long list of answers does not hide them.
      const choices = [
        { value: -1, name: ui('reviewDone', opts.lang) },
        { value: -2, name: ui('reviewAdd', opts.lang) },
        ...(cases > 1 ? Array.from({ length: cases }, (_, i) => ({ value: -10 - i, name: `${ui('reviewRemove', opts.lang)} ${i + 1}` })) : []),
        ...lines.map((l, i) => ({ value: i, name: `${ui('reviewChange', opts.lang)}: ${l.label}: ${l.value}` })),
      ];
      let pickIx: number;
      try {
        pickIx = await p.select({ id: 'review', message: ui('reviewQuestion', opts.lang), choices, default: -1, loop: true });
      } catch (e) {
        if (!(e instanceof GoBack)) throw e;
        back();
        await askLoop();
        continue;
      }
      if (pickIx === -1) return raw;
      if (pickIx === -2) {
        await answer({ id: 'more_charges', target: 'person', fact: 'more_charges' }, 'yes');
        headed = new Set([...headed].filter((i) => i < (raw.charges?.length ?? 1) - 1));
      } else if (pickIx <= -10) {
        history.push(raw);
        raw = withoutCase(raw, -10 - pickIx);
        headed = new Set((raw.charges ?? []).map((_, i) => i));
      } else {
        const ask = list[pickIx]!;
        await getRules();
        try {
          await answer(ask, await askOne(p, ask, raw, ctx));
        } catch (e) {
          if (!(e instanceof GoBack)) throw e;
          continue; // back from a change: the review again, nothing changed
        }
      }
      await askLoop();
    }
  } finally {
    p.canGoBack = before;
  }
}
