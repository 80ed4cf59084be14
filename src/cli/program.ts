/**
 * The commander program, built fresh by a factory (tests build their own). Actions import their
 * command modules lazily so `fairshot --help` stays fast, and return exit codes through `setExit`;
 * only main.ts exits.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { isIsoDate, MAX_AS_OF } from '../core/dates.js';
import type { Lang } from '../core/types.js';
import { registerBatch } from './commands/batch.js';
import { registerClinics } from './commands/clinics.js';
import type { Io } from './io.js';

export interface Program {
  program: Command;
  /** The exit code the last action asked for. */
  exitCode: () => number;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

export function parseDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`"${value}" is not a real date written YYYY-MM-DD`);
  if (value > MAX_AS_OF) throw new InvalidArgumentError(`${value} is after ${MAX_AS_OF}, the latest day fairshot judges on`);
  return value;
}

const asOfOption = () => new Option('--as-of <date>', 'judge as of this day, YYYY-MM-DD (default: today)').argParser(parseDate);
/** `--lang` after a command too (`fairshot check f.json --lang es`); the program option reads it either way. */
export const langOption = () =>
  new Option('--lang <lang>', 'language of the results, clinic list and warnings: en or es (also accepted before the command)').choices(['en', 'es']);
const jsonOption = (what = 'the result as JSON (the case-file contract, docs/contract.md)') => new Option('--json', `print ${what}`);

export function buildProgram(io: Io): Program {
  let code = 0;
  const setExit = (c: number) => {
    code = Math.max(code, c);
  };
  const program = new Command();
  program
    .name('fairshot')
    .version(version(), '-V, --version')
    .description(
      'Whether sealing, expungement, set-aside or voting-rights restoration may apply to a criminal record, ' +
        'from when, and why — and where the nearest free clinic is. Not legal advice.',
    )
    .option('--no-color', 'plain text, no colour (NO_COLOR is honoured too)')
    .addOption(new Option('--lang <lang>', 'language of questions and results').choices(['en', 'es']).default('en', 'en; the questionnaire asks when --lang is not given'))
    .option('--rules <dir>', 'use the rule files in DIR instead of the built-in ones')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'fairshot: ')),
    })
    .showHelpAfterError('(run fairshot --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  fairshot                                   start the screening questionnaire (on a terminal)
  fairshot --answers me.yaml                 the same as fairshot screen --answers me.yaml
                                             (plain fairshot takes the screen options)
  fairshot check examples/il-cannabis.json   screen the person(s) in a case file
  fairshot rules list                        which states fairshot knows, and how current

Exit codes: 0 ok, 1 input or rule-file error, 2 usage error, 130 cancelled.`,
    );

  const globals = () => program.opts<{ lang: Lang; rules?: string; color: boolean }>();
  const asOf = (o: { asOf?: string }) => o.asOf ?? io.today;

  program
    .command('check')
    .description('screen the persons in a case file (JSON, JSONL, YAML or CSV; - for stdin)')
    .argument('<file>', 'the case file')
    .addOption(asOfOption())
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else jsonl)').choices(['table', 'jsonl', 'json', 'csv']))
    .addOption(jsonOption())
    .addOption(new Option('--input-format <format>', 'input format when the file name does not say (default: guessed from the first bytes)').choices(['jsonl', 'json', 'yaml', 'csv']))
    .option('-v, --verbose', 'show every rule considered, not just the best per relief')
    .option('--no-clinics', 'leave out the nearest free clinics')
    .option('--handout <file.html>', 'also write a printable one-page summary (one person); a calendar file FILE.ics beside it when a date lies ahead')
    .option('--ics <file.ics>', 'also write calendar reminders for the dates a relief opens (one person)')
    .option('--no-personal', 'the handout and calendar leave out id, birth date and case numbers')
    .addOption(langOption())
    .addHelpText(
      'after',
      '\nUnknown facts: a field left out is unknown, never false. It makes an answer "needs a closer look"\n' +
        'only where some value of it could change the answer; otherwise the answer that holds whatever it\n' +
        'is is given (the latest date), and each answer says what each value would change (JSON: depends_on).\n' +
        'With record_complete (default true) facts the record settles are read from it.\n' +
        '\nExample:\n  fairshot check person.yaml --as-of 2026-11-28\n  fairshot check person.yaml --handout summary.html --lang es\n  fairshot check people.csv --format csv > results.csv\n  cat person.json | fairshot check -',
    )
    .action(async (file: string, o: { asOf?: string; format?: 'table'; json?: boolean; inputFormat?: 'csv'; verbose?: boolean; clinics: boolean; handout?: string; ics?: string; personal: boolean }) => {
      const { runCheck } = await import('./commands/check.js');
      const g = globals();
      setExit(
        await runCheck(
          file,
          {
            asOf: asOf(o),
            lang: g.lang,
            ...(o.format ? { format: o.format } : {}),
            ...(o.json ? { json: true } : {}),
            ...(o.inputFormat ? { inputFormat: o.inputFormat } : {}),
            ...(o.verbose ? { verbose: true } : {}),
            ...(o.clinics === false ? { clinics: false } : {}),
            ...(o.handout ? { handout: o.handout } : {}),
            ...(o.ics ? { ics: o.ics } : {}),
            ...(o.personal === false ? { personal: false } : {}),
            ...(g.rules ? { rules: g.rules } : {}),
          },
          io,
        ),
      );
    });

  program
    .command('voting')
    .description("a state's voting rule after a conviction, on one screen")
    .argument('<state>', 'two-letter code, e.g. FL')
    .addOption(jsonOption("the state's voting rule as JSON"))
    .addHelpText('after', '\nExamples:\n  fairshot voting FL\n  fairshot --lang es voting NY --json')
    .action(async (state: string, o: { json?: boolean }) => {
      const { runVoting } = await import('./commands/voting.js');
      const g = globals();
      setExit(await runVoting(state, { ...o, lang: g.lang, ...(g.rules ? { rules: g.rules } : {}) }, io));
    });

  const rules = program.command('rules').description('validate, test, list and explain the rule files');
  rules.addHelpText('after', '\nExamples:\n  fairshot rules validate\n  fairshot rules test IL\n  fairshot rules show IL');
  rules
    .command('validate')
    .description('check rule files against the schema and the lint (default: all)')
    .argument('[paths...]', 'rule files or jurisdiction folders')
    .addOption(jsonOption('the problems found as JSON'))
    .addHelpText('after', '\nExample:\n  fairshot rules validate rules/IL/sealing.yaml')
    .action(async (paths: string[], o: { json?: boolean }) => {
      const { runValidate } = await import('./commands/rules.js');
      setExit(await runValidate(paths, { ...o, ...pickRules(globals()) }, io));
    });
  rules
    .command('test')
    .description("run the rule files' YAML test cases")
    .argument('[states...]', 'two-letter codes (default: all)')
    .addOption(jsonOption('each test case and its result as JSON'))
    .addHelpText('after', '\nExample:\n  fairshot rules test IL')
    .action(async (states: string[], o: { json?: boolean }) => {
      const { runRulesTest } = await import('./commands/rules.js');
      setExit(await runRulesTest(states, { ...o, ...pickRules(globals()) }, io));
    });
  rules
    .command('list')
    .description('jurisdictions, remedies, last review and review status')
    .addOption(jsonOption('the jurisdictions as JSON'))
    .addOption(new Option('--as-of <date>', 'count only the rules in force on this day').argParser(parseDate))
    .addHelpText('after', '\nExample:\n  fairshot rules list --json')
    .action(async (o: { json?: boolean; asOf?: string }) => {
      const { runRulesList } = await import('./commands/rules.js');
      setExit(await runRulesList({ ...o, ...pickRules(globals()) }, io));
    });
  rules
    .command('show')
    .description("a readable summary of a state's rules, with citations")
    .argument('<state>', 'two-letter code, e.g. IL')
    .addOption(jsonOption("the state's rules as JSON (as loaded from the rule files)"))
    .addOption(new Option('--as-of <date>', 'show only the version of each rule in force on this day').argParser(parseDate))
    .addHelpText('after', '\nExamples:\n  fairshot rules show IL > illinois.md\n  fairshot rules show IL --as-of 2026-05-01')
    .action(async (state: string, o: { json?: boolean; asOf?: string }) => {
      const { runRulesShow } = await import('./commands/rules.js');
      setExit(await runRulesShow(state, { ...o, ...pickRules(globals()) }, io));
    });

  program
    .command('screen', { isDefault: false })
    .description('the questionnaire: answer questions on a terminal, or pass --answers FILE')
    .option('--answers <file>', 'one person as JSON or YAML (the case-file contract); - for stdin; no questions asked')
    .option('--save-answers <file>', 'write what was entered to FILE (.json or .yaml), to resume or hand to a lawyer')
    .option('--handout <file.html>', 'write a printable one-page summary; a calendar file FILE.ics beside it when a date lies ahead')
    .option('--ics <file.ics>', 'write calendar reminders for the dates a relief opens')
    .option('--no-personal', 'the handout and calendar leave out id, birth date and case numbers')
    .addOption(asOfOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      '\nExamples:\n  fairshot                                  (same as fairshot screen)\n  fairshot --lang es screen --save-answers me.yaml\n  fairshot screen --handout summary.html    (a page to print, and reminders in summary.ics)\n  fairshot screen --answers me.yaml --json\n\nPrompts are drawn on stderr, results on stdout. See docs/screen.md.',
    )
    .action(async (o: { answers?: string; saveAnswers?: string; asOf?: string; json?: boolean; handout?: string; ics?: string; personal: boolean }) => {
      const { runScreen } = await import('./commands/screen.js');
      const g = globals();
      const langGiven = program.getOptionValueSource('lang') !== 'default';
      const { personal, ...rest } = o;
      setExit(await runScreen({ ...rest, ...(personal === false ? { personal: false } : {}), asOf: asOf(o), lang: g.lang, langGiven, ...pickRules(g) }, io));
    });

  registerBatch(program, io, setExit, { globals, asOf });
  registerClinics(program, () => io, setExit, () => globals().lang);

  // a usage error inside a command points at that command's own help
  const pointAtHelp = (cmd: Command, path: string) => {
    for (const sub of cmd.commands) {
      const name = `${path} ${sub.name()}`;
      sub.showHelpAfterError(`(run ${name} --help for usage)`);
      pointAtHelp(sub, name);
    }
  };
  pointAtHelp(program, 'fairshot');

  return { program, exitCode: () => code };
}

const pickRules = (g: { rules?: string }) => (g.rules ? { rules: g.rules } : {});
export { asOfOption, jsonOption };
