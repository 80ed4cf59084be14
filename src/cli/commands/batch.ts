/**
 * `fairshot batch INPUT`: screening thousands to millions of records. This module only declares
 * the command; the run (batch-run.ts) is imported when the command is used, so --help stays fast.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { langOption } from '../program.js';
import { isIsoDate, MAX_AS_OF } from '../../core/dates.js';
import type { Lang } from '../../core/types.js';
import { INPUT_FORMATS, OUTPUT_FORMATS, type InputFormat, type OutputFormat } from '../../io/formats.js';
import type { Io } from '../io.js';

export interface CommandContext {
  globals: () => { lang: Lang; rules?: string; color: boolean };
  asOf: (o: { asOf?: string }) => string;
}

export function registerBatch(program: Command, io: Io, setExit: (code: number) => void, ctx: CommandContext): void {
  program
    .command('batch')
    .description('screen a whole file of persons (JSONL, CSV, JSON or YAML; - for stdin), one result per person, streaming')
    .argument('<input>', 'the case file, or - for standard input')
    .addOption(
      new Option('--format <format>', 'output format (default: from --output\'s extension, else table on a terminal, else jsonl)').choices(OUTPUT_FORMATS),
    )
    .option('-o, --output <file>', 'write results to FILE (written in full, then moved into place)')
    .addOption(
      new Option('--as-of <date>', 'judge as of this day, YYYY-MM-DD (default: today)').argParser((v: string) => {
        if (!isIsoDate(v)) throw new InvalidArgumentError(`"${v}" is not a real date written YYYY-MM-DD`);
        if (v > MAX_AS_OF) throw new InvalidArgumentError(`${v} is after ${MAX_AS_OF}, the latest day fairshot judges on`);
        return v;
      }),
    )
    .addOption(new Option('--input-format <format>', 'input format when the file name does not say (default: guessed from the content)').choices(INPUT_FORMATS))
    .option('--sorted', 'CSV: a promise that rows of a person are adjacent: stream them as they come, no temporary files (a split person is an error)')
    .option('--tmp-dir <dir>', 'CSV without --sorted: folder for the temporary files that group rows by person (default: the system temp folder)')
    .option('-q, --quiet', 'no progress bar, warnings or summary on stderr (fatal errors only)')
    .option('--strict', 'stop at the first record with errors (what was done is still written; exit 1)')
    .option('--summary <file.md>', 'also write a Markdown report: counts by state, relief and status, most common reasons')
    .option('--no-clinics', 'do not add the nearest clinics to each result')
    .option('--handouts <dir>', 'also write a printable summary per person into DIR (ID.html, and ID.ics when a date lies ahead; screens in one thread)')
    .option('--no-personal', 'handouts leave out id, birth date and case numbers (files are still named by id)')
    .addOption(langOption())
    .option(
      '--assume <fact=value>',
      'a fact true of every client, used where a record does not give it (repeatable), e.g. incarcerated=no',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .addOption(
      new Option('--jobs <n>', 'worker threads that screen in parallel; 0 = none (default: auto, by input size and cores)').argParser((v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 64) throw new InvalidArgumentError('expected a whole number from 0 to 64');
        return n;
      }),
    )
    .addHelpText(
      'after',
      `
Examples:
  fairshot batch people.csv --sorted --format csv --output results.csv --summary report.md
  fairshot batch people.jsonl --as-of 2026-11-28 > results.jsonl
  zcat export.csv.gz | fairshot batch - --input-format csv --quiet | jq .id
  fairshot batch jail-roster.csv --assume incarcerated=yes --summary report.md

Every input person gets exactly one output record, in input order; a record that cannot be
read gets "errors" (row, field, what is wrong) and no results, and the run goes on.
Exit codes: 0 every row read, 1 some rows had errors (or --strict stopped, or no persons),
2 usage error. See docs/batch.md.`,
    )
    .action(
      async (
        input: string,
        o: { format?: OutputFormat; output?: string; asOf?: string; inputFormat?: InputFormat; sorted?: boolean; quiet?: boolean; strict?: boolean; summary?: string; clinics?: boolean; jobs?: number; assume?: string[]; handouts?: string; personal?: boolean; tmpDir?: string },
      ) => {
        const g = ctx.globals();
        setExit(
          await (await import('./batch-run.js')).runBatch(
            input,
            {
              asOf: ctx.asOf(o),
              lang: g.lang,
              ...(g.rules ? { rules: g.rules } : {}),
              ...(o.format ? { format: o.format } : {}),
              ...(o.output ? { output: o.output } : {}),
              ...(o.inputFormat ? { inputFormat: o.inputFormat } : {}),
              ...(o.sorted ? { sorted: true } : {}),
              ...(o.quiet ? { quiet: true } : {}),
              ...(o.strict ? { strict: true } : {}),
              ...(o.summary ? { summary: o.summary } : {}),
              clinics: o.clinics !== false,
              ...(o.jobs !== undefined ? { jobs: o.jobs } : {}),
              ...(o.assume?.length ? { assume: o.assume } : {}),
              ...(o.handouts ? { handouts: o.handouts } : {}),
              ...(o.personal === false ? { personal: false } : {}),
              ...(o.tmpDir !== undefined ? { tmpDir: o.tmpDir } : {}),
            },
            io,
          ),
        );
      },
    );
}

