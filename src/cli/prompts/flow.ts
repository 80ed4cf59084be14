/**
 * The questionnaire's loop: ask what the planner (core/interview.ts) says, until nothing can
 * change the results; then the review screen, where any answer can be changed (the planner then
 * asks whatever the change opened up) or another case added. Returns the answers.
 */
import { answeredList, newAnswers, nextQuestion, withAnswer, type Ask, type RawPerson } from '../../core/interview.js';
import type { IsoDate, Lang, RuleSet } from '../../core/types.js';
import type { Prompter } from './prompter.js';
import { answerText, askOne, type AskContext } from './questions.js';
import { ui } from './words.js';

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

  const askLoop = async () => {
    for (;;) {
      const ask = !('state' in raw) ? ({ id: 'state', target: 'person', fact: 'state' } as Ask) : nextQuestion(raw, await getRules(), opts.asOf);
      if (!ask) return;
      if (ask.target !== 'person' && !headed.has(ask.target)) {
        headed.add(ask.target);
        if (ask.target === 0) p.note(ui('caseIntro', opts.lang));
        p.note(`— ${ui('caseHeading', opts.lang)} ${ask.target + 1} —`);
      }
      const value = await askOne(p, ask, raw, ctx);
      raw = withAnswer(raw, ask, value);
      opts.onAnswer?.(raw, ask);
    }
  };

  await askLoop();
  if (opts.review === false) return raw;
  for (;;) {
    const list = answeredList(raw);
    p.note('');
    p.note(ui('reviewTitle', opts.lang));
    const lines = list.map((a) => answerText(a, raw, ctx));
    for (const l of lines) p.note(`  ${l.label}: ${l.value}`);
    const choices = [
      { value: -1, name: ui('reviewDone', opts.lang) },
      ...lines.map((l, i) => ({ value: i, name: `${ui('reviewChange', opts.lang)}: ${l.label} (${l.value})` })),
      { value: -2, name: ui('reviewAdd', opts.lang) },
    ];
    const pickIx = await p.select({ id: 'review', message: ui('reviewQuestion', opts.lang), choices, default: -1 });
    if (pickIx === -1) return raw;
    if (pickIx === -2) {
      raw = withAnswer(raw, { id: 'more_charges', target: 'person', fact: 'more_charges' }, 'yes');
      headed = new Set([...headed].filter((i) => i < (raw.charges?.length ?? 1) - 1));
    } else {
      const ask = list[pickIx]!;
      await getRules();
      const value = await askOne(p, ask, raw, ctx);
      raw = withAnswer(raw, ask, value);
      opts.onAnswer?.(raw, ask);
    }
    await askLoop();
  }
}
