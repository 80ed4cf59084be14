/**
 * `fairshot` / `fairshot screen`: the questionnaire on a terminal, or `--answers FILE` without
 * prompts. Prompts go to stderr, results to stdout. Nothing is written unless --save-answers.
 * Without a terminal and without --answers: exit 2 at once. Ctrl-C: exit 130, one line, no trace.
 */
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RawPerson, Screened } from '../../core/interview.js';
import type { Lang, Person, PersonResult, RuleSet } from '../../core/types.js';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { adultOnly, caseStates } from '../../clinics/attach.js';
import { lookupZip } from '../../clinics/zip.js';
import type { ClinicAnswer, ClinicLookup } from '../prompts/clinics.js';
import type { Prompter } from '../prompts/prompter.js';

export interface ScreenOptions {
  answers?: string;
  saveAnswers?: string;
  asOf: string;
  json?: boolean;
  lang: Lang;
  /** False when --lang was not given: the questionnaire asks first. */
  langGiven?: boolean;
  rules?: string;
  /** Tests: answer with this prompter instead of a terminal. */
  prompter?: Prompter;
  /** Tests: find clinics with this instead of the directory. */
  clinics?: ClinicLookup | null;
  /** Write the take-home summary to this HTML file (a calendar file beside it when a date lies ahead). */
  handout?: string;
  /** Write calendar reminders to this .ics file. */
  ics?: string;
  /** false (--no-personal): the handout leaves out id, birth date and case numbers. */
  personal?: boolean;
}

const isCancel = (e: unknown) => {
  const n = (e as Error)?.name;
  return n === 'ExitPromptError' || n === 'AbortPromptError';
};

async function readAnswers(file: string, io: Io): Promise<unknown> {
  let text: string;
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const c of io.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
      text = Buffer.concat(chunks).toString('utf8');
    } else {
      text = readFileSync(file, 'utf8');
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`);
  }
  const trimmed = text.trim();
  let data: unknown;
  try {
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) data = JSON.parse(trimmed);
    else {
      const { parse } = await import('yaml');
      data = parse(text, { maxAliasCount: 100 });
    }
  } catch (e) {
    throw new InputError(`${file === '-' ? 'standard input' : file} is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (Array.isArray(data)) {
    if (data.length !== 1) throw new InputError(`${file} holds ${data.length} persons; screen takes one (use \`fairshot check ${file}\` for many)`);
    data = data[0];
  }
  if (typeof data !== 'object' || data === null) throw new InputError(`${file} must hold one person object (id, state, charges)`);
  return data;
}

async function saveAnswers(file: string, raw: RawPerson): Promise<void> {
  const clean = JSON.parse(JSON.stringify(raw)) as RawPerson;
  let text: string;
  if (/\.ya?ml$/i.test(file)) {
    const { stringify } = await import('yaml');
    text = stringify(clean);
  } else {
    text = `${JSON.stringify(clean, null, 2)}\n`;
  }
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new InputError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/**
 * Can --save-answers be written? Checked before the first question, so that nobody answers every
 * question only to lose the answers at the end (a missing folder, a folder given as the file).
 */
function checkSavePath(file: string): void {
  const full = resolve(file);
  let why: string | undefined;
  try {
    if (statSync(full).isDirectory()) why = 'it is a folder; give a file name such as answers.yaml';
    else accessSync(full, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      try {
        if (!statSync(dirname(full)).isDirectory()) why = `${dirname(full)} is not a folder`;
        else accessSync(dirname(full), constants.W_OK);
      } catch (e2) {
        why = (e2 as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder ${dirname(full)} does not exist` : (e2 as Error).message;
      }
    } else if (!why) why = (e as Error).message;
  }
  if (why) throw new UsageError(`--save-answers: cannot write ${file}: ${why}`);
}

function loadRules(io: Io, dir: string | undefined): Promise<RuleSet> {
  return import('../rules-loader.js').then(({ loadRulesOrFail }) => loadRulesOrFail(io, dir ? { rules: dir } : {}));
}

async function finish(
  raw: RawPerson,
  rules: RuleSet,
  opts: ScreenOptions,
  lang: Lang,
  io: Io,
  clinicsP: Promise<ClinicAnswer | undefined>,
  /** At the end of a questionnaire on a terminal: offer to write the handout. */
  offer?: Prompter,
): Promise<number> {
  const { screenAnswers } = await import('../../core/interview.js');
  const screened: Screened = screenAnswers(raw, rules, opts.asOf, lang);
  for (const f of screened.unknownFields) io.err(`warning: unknown field "${f}" ignored\n`);
  const result: PersonResult = screened.result;
  // an answers file may hold a month or a year (docs/screen.md), unlike a case file for `check`
  for (const e of result.errors) e.message = e.message.replace(/is not a date written YYYY-MM-DD$/, 'is not a date written YYYY-MM-DD, YYYY-MM (a month) or YYYY (a year)');
  const found = result.errors.length === 0 ? await clinicsP : undefined;
  if (found) result.clinics = found.clinics;
  if (opts.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const [{ renderPerson }, { painter }, { enumShort, stateLabel }] = await Promise.all([
      import('../render/person.js'),
      import('../color.js'),
      import('../prompts/words.js'),
    ]);
    const describe = (ch: Person['charges'][number]) =>
      [
        ch.offense ?? (ch.category ? enumShort('category', ch.category, lang) : lang === 'es' ? 'tipo desconocido' : 'kind unknown'),
        ch.statute,
        ch.class,
        ch.disposition ? enumShort('disposition', ch.disposition, lang) : undefined,
        ch.court === 'federal' ? enumShort('court', 'federal', lang) : stateLabel(ch.state, lang),
      ]
        .filter(Boolean)
        .join(' · ');
    const width = io.stdout.columns ?? 80;
    const person: Person | undefined = screened.person;
    io.out(
      `${renderPerson(result, {
        lang,
        color: painter(io.color.out),
        width,
        rules,
        explain: true,
        describe,
        ...(person ? { person } : {}),
        ...(found?.notes.length ? { clinicNotes: found.notes } : {}),
      })}\n`,
    );
  }
  // Saved after the results are shown: a file that cannot be written loses no results.
  if (opts.saveAnswers) {
    await saveAnswers(opts.saveAnswers, raw);
    io.err(`${lang === 'es' ? 'Sus respuestas se guardaron en' : 'Your answers were saved to'} ${opts.saveAnswers}\n`);
  }
  if (result.errors.length === 0) await handout(result, screened.person, rules, opts, lang, io, offer);
  return result.errors.length > 0 ? 1 : 0;
}

/** --handout / --ics, or (on a terminal, neither given) the offer to write them. */
async function handout(result: PersonResult, person: Person | undefined, rules: RuleSet, opts: ScreenOptions, lang: Lang, io: Io, offer?: Prompter): Promise<void> {
  let html = opts.handout;
  const ics = opts.ics;
  if (!html && !ics && offer && !opts.json) {
    const { ui } = await import('../prompts/words.js');
    const want = await offer.select<boolean>({
      id: 'handout',
      message: ui('handoutOffer', lang),
      choices: [
        { value: false, name: ui('handoutNo', lang) },
        { value: true, name: ui('handoutYes', lang) },
      ],
      default: false,
    });
    if (!want) return;
    html = await offer.input({
      id: 'handout_file',
      message: ui('handoutFile', lang),
      default: lang === 'es' ? 'resumen-fairshot.html' : 'fairshot-summary.html',
      validate: (v) => (v.trim() ? true : ui('handoutFile', lang)),
    });
    html = html.trim();
  }
  if (!html && !ics) return;
  const { makeHandoutWriter, icsBeside } = await import('../handout-out.js');
  const writer = await makeHandoutWriter({
    lang,
    rules,
    clinics: opts.clinics !== null,
    service: 'record_clearance',
    personal: opts.personal !== false,
    warn: (m) => io.err(`warning: ${m}\n`),
  });
  const done = await writer.write(result, person, html, ics ?? (html ? icsBeside(html) : undefined), Boolean(ics));
  const { savedWords } = await import('../render/handout.js');
  for (const line of savedWords(lang, html, done.ics, done.events)) io.err(`${line}\n`);
}

function clinicsFor(lookup: ClinicLookup | null | undefined, raw: RawPerson, asOf: string, lang: Lang = 'en'): Promise<ClinicAnswer | undefined> {
  if (!lookup || typeof raw.state !== 'string') return Promise.resolve(undefined);
  const otherStates = caseStates(raw as { charges?: { state?: unknown; court?: unknown }[] }).filter((s) => s !== String(raw.state).toUpperCase());
  const adult = Array.isArray(raw.charges) && raw.charges.length > 0 && adultOnly(raw as { charges?: { court?: unknown; disposition?: unknown }[] });
  lookup.start({ zip: typeof raw.zip === 'string' ? raw.zip : null, state: raw.state.toUpperCase(), asOf, lang, ...(otherStates.length ? { otherStates } : {}), ...(adult ? { adult } : {}) });
  return lookup.get();
}

export async function runScreen(opts: ScreenOptions, io: Io): Promise<number> {
  const { clinicLookup } = await import('../prompts/clinics.js');
  const lookup = opts.clinics === undefined ? clinicLookup() : opts.clinics;
  if (opts.saveAnswers) checkSavePath(opts.saveAnswers);

  if (opts.answers) {
    const data = (await readAnswers(opts.answers, io)) as RawPerson;
    const rules = await loadRules(io, opts.rules);
    if (data.id === undefined || data.id === null || data.id === '') data.id = 'me';
    return finish(data, rules, opts, opts.lang, io, clinicsFor(lookup, data, opts.asOf, opts.lang));
  }

  let prompter = opts.prompter;
  if (!prompter) {
    const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY) && Boolean(io.stderr.isTTY) && !io.env.CI;
    if (!interactive) {
      throw new UsageError(
        opts.lang === 'es'
          ? 'no hay una terminal donde hacer las preguntas; use --answers ARCHIVO (una persona, JSON o YAML) o `fairshot check ARCHIVO`'
          : 'no terminal to ask questions on; pass --answers FILE (one person, JSON or YAML) or use `fairshot check FILE`',
      );
    }
  }

  let lang = opts.lang;
  let rulesP: Promise<RuleSet> | undefined;
  try {
    const real = prompter ? undefined : await (await import('../prompts/inquirer.js')).inquirerPrompter(io, lang);
    prompter ??= real!;
    // The rules load while the first question (the language) is on screen; the timer is not
    // unref'd: with --lang the ZIP question waits for the rules, and nothing else holds the loop.
    rulesP = new Promise<void>((r) => setTimeout(r, 30)).then(() => loadRules(io, opts.rules));
    rulesP.catch(() => undefined);
    const { ui } = await import('../prompts/words.js');
    if (!opts.langGiven) {
      lang = await prompter.select<Lang>({
        id: 'lang',
        message: ui('language', lang),
        choices: [
          { value: 'en', name: 'English' },
          { value: 'es', name: 'Español' },
        ],
      });
      real?.setLang(lang);
    }
    prompter.note(ui('welcome', lang));
    const { runInterview } = await import('../prompts/flow.js');
    const raw = await runInterview(prompter, {
      rules: rulesP,
      asOf: opts.asOf,
      lang,
      stateOfZip: (zip) => lookupZip(zip)?.state,
      onAnswer: (r, ask) => {
        if (ask.id === 'zip' || ask.id === 'state') void clinicsFor(lookup, r, opts.asOf, lang);
      },
    });
    prompter.note('');
    return await finish(raw, await rulesP, opts, lang, io, clinicsFor(lookup, raw, opts.asOf, lang), real);
  } catch (e) {
    if (isCancel(e)) {
      const { ui } = await import('../prompts/words.js');
      io.err(`\n${ui('goodbye', lang)}\n`);
      return 130;
    }
    throw e;
  }
}
