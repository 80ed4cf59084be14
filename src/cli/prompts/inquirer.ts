/**
 * The real Prompter: @inquirer/prompts drawn on stderr (results go to stdout), reading the
 * Io's stdin. Colour follows the Io (NO_COLOR, --no-color, TERM=dumb): without it the prompts
 * use a plain theme, so nothing but text and symbols reaches the terminal's styling.
 * Ctrl-C makes inquirer throw ExitPromptError; the screen command turns it into exit 130.
 */
import type { Lang } from '../../core/types.js';
import type { Io } from '../io.js';
import { wrap } from '../render/person.js';
import { searchChoices, type InputQ, type Prompter, type SearchQ, type SelectQ } from './prompter.js';
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
  const theme = (keys: 'keysSelect' | 'keysSearch' | null) => {
    const t: Record<string, unknown> = {};
    const style: Record<string, unknown> = {};
    if (keys) style.keysHelpTip = () => (plain ? ui(keys, current) : `\x1b[2m${ui(keys, current)}\x1b[22m`);
    if (plain) {
      t.prefix = { idle: '?', done: '✔' };
      Object.assign(style, {
        answer: id,
        message: id,
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
  return {
    setLang(l: Lang) {
      current = l;
    },
    async select<V>(q: SelectQ<V>): Promise<V> {
      return inq.select<V>(
        {
          message: q.message,
          choices: q.choices.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) })),
          ...(q.default !== undefined ? { default: q.default } : {}),
          pageSize,
          loop: false,
          theme: theme('keysSelect'),
        },
        context,
      );
    },
    async search<V>(q: SearchQ<V>): Promise<V> {
      return inq.search<V>(
        {
          message: q.message,
          source: async (term) =>
            [...searchChoices(q.choices, term), ...(q.always ?? [])].map((c) => ({
              value: c.value,
              name: c.name,
              ...(c.description ? { description: c.description } : {}),
            })),
          pageSize,
          theme: theme('keysSearch'),
        },
        context,
      );
    },
    async input(q: InputQ): Promise<string> {
      return inq.input(
        {
          message: q.message,
          ...(q.default !== undefined ? { default: q.default } : {}),
          ...(q.validate ? { validate: q.validate } : {}),
          theme: theme(null),
        },
        context,
      );
    },
    note(text: string) {
      const width = Math.max(30, Math.min(io.stderr.columns ?? 80, 100) - 1);
      const lead = /^\s*/.exec(text)![0];
      const body = text.trim() === '' ? '' : wrap(text.trim(), width, `${lead}  `, lead);
      io.err(`${plain || body === '' ? body : `\x1b[2m${body}\x1b[22m`}\n`);
    },
  };
}
