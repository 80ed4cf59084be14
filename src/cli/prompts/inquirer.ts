/**
 * The real Prompter: @inquirer/prompts drawn on stderr (results go to stdout), reading the
 * Io's stdin. Colour follows the Io (NO_COLOR, --no-color, TERM=dumb): without it the prompts
 * use a plain theme, so nothing but text and symbols reaches the terminal's styling.
 * Ctrl-C makes inquirer throw ExitPromptError; the screen command turns it into exit 130.
 */
import type { Lang } from '../../core/types.js';
import type { Io } from '../io.js';
import { wrap } from '../render/person.js';
import { GoBack, searchChoices, type Choice, type InputQ, type Prompter, type SearchQ, type SelectQ } from './prompter.js';
import { ui } from './words.js';

type Inquirer = typeof import('@inquirer/prompts');

/** The three prompts used; tests pass wrappers around @inquirer/testing's render(). */
export type PromptImpl = Pick<Inquirer, 'select' | 'search' | 'input'>;

export async function inquirerPrompter(io: Io, lang: Lang, impl?: PromptImpl): Promise<Prompter & { setLang(l: Lang): void }> {
  const inq: PromptImpl = impl ?? (await import('@inquirer/prompts'));
  let current = lang;
  const context = { input: io.stdin, output: io.stderr } as Parameters<Inquirer['input']>[1];
  const plain = !io.color.err;
  const id = (s: string) => s;
  const self: Prompter & { setLang(l: Lang): void } = {} as never;
  /**
   * The theme of one prompt. `hint` follows the question while it is asked ("type to search",
   * "Press Enter to skip") and is dropped from the answered line, which keeps the question and
   * the answer only.
   */
  const theme = (keys: 'keysSelect' | 'keysSearch' | null, hint?: string) => {
    const t: Record<string, unknown> = {};
    const style: Record<string, unknown> = {};
    const tip = () => `${ui(keys!, current)}${self.canGoBack ? ` • ${ui('keysBack', current)}` : ''}`;
    if (keys) style.keysHelpTip = () => (plain ? tip() : `\x1b[2m${tip()}\x1b[22m`);
    style.message = (text: string, status: string) => {
      const shown = status === 'done' || !hint ? text : `${text} ${hint}`;
      return plain ? shown : `\x1b[1m${shown}\x1b[22m`;
    };
    if (plain) {
      t.prefix = { idle: '?', done: '✔' };
      Object.assign(style, {
        answer: id,
        error: (s: string) => `> ${s}`,
        defaultAnswer: (s: string) => `(${s})`,
        help: id,
        highlight: id,
        key: (s: string) => `<${s}>`,
        description: id,
        disabled: id,
        searchTerm: id,
      });
    }
    // the search prompt's own "No results found", in the questionnaire's language
    const error = (style.error as ((s: string) => string) | undefined) ?? ((s: string) => `\x1b[31m> ${s}\x1b[39m`);
    style.error = (s: string) => error(s === 'No results found' ? ui('noResults', current) : s);
    t.style = style;
    return t;
  };
  const pageSize = Math.max(5, Math.min(10, ((io.stderr as { rows?: number }).rows ?? 24) - 6));
  /**
   * Run one prompt; while `canGoBack` is set, Escape aborts it and it throws GoBack. Ctrl-C is
   * inquirer's own (ExitPromptError): unchanged. Readline reports a lone Escape after its short
   * wait, so the arrows (which start with the same byte) never count as one.
   */
  const backable = async <T>(start: (ctx: typeof context) => Promise<T>): Promise<T> => {
    if (!self.canGoBack) return start(context);
    const ctl = new AbortController();
    const onKey = (_s: unknown, key?: { name?: string; ctrl?: boolean }) => {
      if (key?.name === 'escape' && !key.ctrl) ctl.abort();
    };
    io.stdin.on('keypress', onKey);
    try {
      return await start({ ...context, signal: ctl.signal } as typeof context);
    } catch (e) {
      if (ctl.signal.aborted && (e as Error)?.name === 'AbortPromptError') {
        io.err(`\n${ui('wentBack', current)}\n`);
        throw new GoBack();
      }
      throw e;
    } finally {
      io.stdin.off('keypress', onKey);
    }
  };
  const BACK_CHOICE = Symbol('back');
  return Object.assign(self, {
    canGoBack: false,
    setLang(l: Lang) {
      current = l;
    },
    async select<V>(q: SelectQ<V>): Promise<V> {
      const back: Choice<V>[] = self.canGoBack ? [{ value: BACK_CHOICE as unknown as V, name: ui('backChoice', current) }] : [];
      const v = await backable((ctx) => inq.select<V>(
        {
          message: q.message,
          choices: [...q.choices, ...back].map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) })),
          ...(q.default !== undefined ? { default: q.default } : {}),
          pageSize,
          loop: q.loop ?? false,
          theme: theme('keysSelect', q.hint),
        },
        ctx,
      ));
      if ((v as unknown) === BACK_CHOICE) {
        throw new GoBack();
      }
      return v;
    },
    async search<V>(q: SearchQ<V>): Promise<V> {
      return backable((ctx) => inq.search<V>(
        {
          message: q.message,
          source: async (term) =>
            [...searchChoices(q.choices, term), ...(q.always ?? [])].map((c) => ({
              value: c.value,
              name: c.name,
              ...(c.description ? { description: c.description } : {}),
            })),
          pageSize,
          theme: theme('keysSearch', q.hint),
        },
        ctx,
      ));
    },
    async input(q: InputQ): Promise<string> {
      return backable((ctx) => inq.input(
        {
          message: q.message,
          ...(q.default !== undefined ? { default: q.default } : {}),
          ...(q.validate ? { validate: q.validate } : {}),
          // The answered line says what was understood: "I don't know" for ?, "skipped" for nothing.
          ...(q.echo ? { transformer: (value: string, { isFinal }: { isFinal: boolean }) => (isFinal ? q.echo!(value) : value) } : {}),
          theme: theme(null, q.hint),
        },
        ctx,
      ));
    },
    note(text: string) {
      const width = Math.max(30, Math.min(io.stderr.columns ?? 80, 100) - 1);
      const lead = /^\s*/.exec(text)![0];
      const body = text.trim() === '' ? '' : wrap(text.trim(), width, `${lead}  `, lead);
      io.err(`${plain || body === '' ? body : `\x1b[2m${body}\x1b[22m`}\n`);
    },
  });
}
