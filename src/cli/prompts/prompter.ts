/**
 * The questionnaire talks to a person only through a Prompter, so the flow can run against
 * @inquirer/prompts on a terminal (inquirer.ts) or against scripted answers in tests (below).
 */

export interface Choice<V> {
  value: V;
  name: string;
  /** Shown under the list while the choice is highlighted. */
  description?: string;
  /** Extra words a search matches (not shown). */
  keys?: string;
}

export interface SelectQ<V> {
  /** Stable id of the question (tests script answers by it). */
  id: string;
  message: string;
  choices: Choice<V>[];
  default?: V;
  /** Shown after the question while it is asked, not on the answered line ("type to search"). */
  hint?: string;
  /** Wrap around at the ends of the list (default false). */
  loop?: boolean;
}

export interface SearchQ<V> extends SelectQ<V> {
  /** Choices always offered whatever is typed (e.g. "not sure"). */
  always?: Choice<V>[];
}

export interface InputQ {
  id: string;
  message: string;
  default?: string;
  /** true, or a message saying what is wrong. */
  validate?: (value: string) => true | string;
  /** Shown after the question while it is asked, not on the answered line ("Press Enter to skip"). */
  hint?: string;
  /** How the answered line shows what was typed ("?" → "I don't know"). */
  echo?: (value: string) => string;
}

/**
 * Thrown by a prompt when the person asks to step back one question (Escape on a terminal, or
 * the "← Back" choice); only while `canGoBack` is set. Not a cancel: Ctrl-C stays exit 130.
 */
export class GoBack extends Error {
  constructor() {
    super('back one question');
    this.name = 'GoBack';
  }
}

/** A scripted answer that steps back one question (ScriptedPrompter). */
export const BACK = '<back>';

export interface Prompter {
  /** While true, Escape (or the "← Back" choice) makes a prompt throw GoBack. */
  canGoBack?: boolean;
  select<V>(q: SelectQ<V>): Promise<V>;
  search<V>(q: SearchQ<V>): Promise<V>;
  input(q: InputQ): Promise<string>;
  /** A line of help or a heading, printed before the next question (stderr). */
  note(text: string): void;
}

/** Filter choices by a search term (name and keys, accents ignored). */
export function searchChoices<V>(choices: Choice<V>[], term: string | undefined): Choice<V>[] {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = fold(term ?? '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return choices;
  return choices.filter((c) => {
    const hay = fold(`${c.name} ${c.keys ?? ''} ${String(c.value)}`);
    return words.every((w) => hay.includes(w));
  });
}

/**
 * Answers from a script, for tests: a map from question id to the answer, or a list used in
 * order. An answer for a select/search is matched to a choice's value, then to the start of its
 * name; an answer for an input goes through the question's validation. Throws when a question
 * has no answer, so a test sees exactly which question it did not expect.
 */
export class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  readonly notes: string[] = [];
  private queue: unknown[] | undefined;
  /**
   * @param opts.dontKnow answer "I don't know" to any question the script does not name
   *   (instead of failing), like a person unsure of everything else.
   */
  constructor(
    private script: Record<string, unknown> | unknown[],
    private opts: { dontKnow?: boolean } = {},
  ) {
    if (Array.isArray(script)) this.queue = [...script];
  }

  private next(id: string): unknown {
    this.asked.push(id);
    if (this.queue) {
      if (this.queue.length === 0) throw new Error(`no scripted answer left for "${id}"`);
      return this.queue.shift();
    }
    const s = this.script as Record<string, unknown>;
    if (!(id in s)) {
      if (this.opts.dontKnow) return null;
      throw new Error(`no scripted answer for "${id}"`);
    }
    const v = s[id];
    if (Array.isArray(v)) {
      if (v.length === 0) throw new Error(`no scripted answer left for "${id}"`);
      return v.length === 1 ? v[0] : v.shift();
    }
    return v;
  }

  canGoBack = false;

  private choose<V>(id: string, choices: Choice<V>[]): V {
    const want = this.next(id);
    if (want === BACK && this.canGoBack) throw new GoBack();
    if (want === null) {
      // null scripts the "I don't know" / "not sure" choice
      const dk = choices.find((c) => typeof c.value === 'symbol' || c.value === null);
      if (dk) return dk.value;
    }
    const byValue = choices.find((c) => c.value === want);
    if (byValue) return byValue.value;
    const text = String(want).toLowerCase();
    const byName = choices.find((c) => c.name.toLowerCase().startsWith(text));
    if (byName) return byName.value;
    throw new Error(`scripted answer ${JSON.stringify(want)} is not a choice of "${id}": ${choices.map((c) => c.name).join(' | ')}`);
  }

  async select<V>(q: SelectQ<V>): Promise<V> {
    return this.choose(q.id, q.choices);
  }

  async search<V>(q: SearchQ<V>): Promise<V> {
    return this.choose(q.id, [...q.choices, ...(q.always ?? [])]);
  }

  async input(q: InputQ): Promise<string> {
    const want = this.next(q.id);
    if (want === BACK && this.canGoBack) throw new GoBack();
    const v = String(want ?? '?');
    const ok = q.validate ? q.validate(v) : true;
    if (ok !== true) throw new Error(`scripted answer "${v}" for "${q.id}" was refused: ${ok}`);
    return v;
  }

  note(text: string): void {
    this.notes.push(text);
  }
}
