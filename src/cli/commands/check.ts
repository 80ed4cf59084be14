/**
 * `fairshot check FILE`: screen the persons in a case file and print the results.
 * Steps: 1 open the input and find its format  2 load rules  3 read and screen each record
 * 4 write. Returns the exit code.
 */
import { createReadStream, statSync } from 'node:fs';
import { screenRecord } from '../../core/screen.js';
import type { Lang, Person, PersonResult } from '../../core/types.js';
import { peek, sniffFormat, whyUnreadable } from '../../io/input-format.js';
import { makeGuard, overlongProblem } from '../../io/line-guard.js';
import { csvPersonFields, formatFromPath, openInput, readRecords, type InputFormat } from '../../io/read-records.js';
import { makeWriter, resultJson, type OutputFormat } from '../../io/write-results.js';
import { painter } from '../color.js';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { renderPerson } from '../render/person.js';
import { noteRepeatedIds, repeatedIdWarning } from '../../io/repeated-ids.js';
import { printable } from '../render/printable.js';
import { loadRulesOrFail } from '../rules-loader.js';

export interface CheckOptions {
  asOf: string;
  format?: OutputFormat;
  json?: boolean;
  inputFormat?: InputFormat;
  lang: Lang;
  verbose?: boolean;
  rules?: string;
  /** false: leave out the nearest clinics (--no-clinics). */
  clinics?: boolean;
  /** Write the take-home summary (one person) to this HTML file; a calendar file beside it. */
  handout?: string;
  /** Write the calendar reminders (one person) to this .ics file. */
  ics?: string;
  /** false (--no-personal): the handout leaves out id, birth date and case numbers. */
  personal?: boolean;
}

export async function runCheck(file: string, opts: CheckOptions, io: Io): Promise<number> {
  const format: OutputFormat = opts.json ? 'json' : (opts.format ?? (io.stdout.isTTY ? 'table' : 'jsonl'));

  if (file === '-' && (io.stdin as { isTTY?: boolean }).isTTY === true) {
    throw new UsageError('standard input is a terminal: pipe a file in (… | fairshot check -) or give a file name');
  }
  const stream = openInput(file, io.stdin);
  const what = file === '-' ? 'standard input' : file;
  let head: Buffer | null;
  try {
    head = await peek(stream);
  } catch (e) {
    throw new InputError(`cannot read ${what}: ${whyUnreadable(e)}`);
  }
  // By --input-format, else the file name, else the first bytes (standard input, odd names).
  const inputFormat = opts.inputFormat ?? (file === '-' ? undefined : formatFromPath(file)) ?? (head ? sniffFormat(head) : undefined);
  if (!inputFormat) {
    stream.destroy();
    if (!head) throw new InputError(`${what} is empty: no person records`);
    throw new UsageError(`cannot tell the format of ${file === '-' ? 'standard input' : `"${file}"`}; pass --input-format jsonl|json|yaml|csv`);
  }
  const rules = await loadRulesOrFail(io, opts);

  const { makeClinicFinder } = await import('../../clinics/attach.js');
  const clinics = opts.clinics === false ? undefined : await makeClinicFinder((m) => io.err(`warning: ${m}\n`), 3, opts.lang);
  const color = painter(io.color.out);
  const results: { r: PersonResult; p?: Person; row: number }[] = [];
  const warned = new Set<string>();
  let anyErrors = false;
  // JSONL and CSV go through the same guard as in batch: lines, CSV records and CSV persons limited
  // to 16 MB (FAIRSHOT_MAX_LINE_BYTES), CSV quoting checked per record
  const max = Number(io.env.FAIRSHOT_MAX_LINE_BYTES) || 16 * 1024 * 1024;
  let source = stream;
  const guard = inputFormat === 'csv' || inputFormat === 'jsonl' ? makeGuard(inputFormat, max) : undefined;
  if (guard) {
    // a file is read again as bytes (the guard reads UTF-16 by its BOM; the peeked stream is text)
    // (only a regular file: a FIFO cannot be read twice)
    let regular = false;
    try {
      regular = file !== '-' && statSync(file).isFile();
    } catch {
      /* read as it is */
    }
    const bytes = regular ? createReadStream(file) : stream;
    if (bytes !== stream) stream.destroy();
    bytes.on('error', (e: Error) => guard.destroy(e));
    guard.on('error', () => {}); // reported through the reader
    source = bytes.pipe(guard);
  }
  try {
    const read = readRecords(source, inputFormat, { personFields: csvPersonFields(rules), maxPersonBytes: max, onWarning: (m) => io.err(`warning: ${printable(m)}\n`) });
    // CSV rows of one id are one person; elsewhere a repeated id is two persons: say so (up to 20)
    let repeated = 0;
    const recs =
      inputFormat === 'csv'
        ? read
        : noteRepeatedIds(read, (id, row) => {
            if (++repeated <= 20) io.err(repeatedIdWarning(printable(id), row));
            else if (repeated === 21) io.err('warning: more repeated ids (not listed)\n');
          });
    for await (const rec0 of recs) {
      const rec = overlongProblem(rec0, guard, max);
      const { result, unknownFields, person } = screenRecord(rec, rules, { asOf: opts.asOf, lang: opts.lang });
      for (const f of unknownFields) {
        if (!warned.has(f)) {
          warned.add(f);
          // one warning per name, up to 20: a file of 200,000 columns is not 200,000 lines
          if (warned.size <= 20) io.err(`warning: unknown field "${printable(f)}" ignored\n`);
          else if (warned.size === 21) io.err('warning: more unknown fields ignored (not listed)\n');
        }
      }
      if (result.errors.length > 0) anyErrors = true;
      else clinics?.attach(result, person);
      results.push(person ? { r: result, p: person, row: rec.row } : { r: result, row: rec.row });
    }
  } catch (e) {
    stream.destroy();
    const tooBig = e instanceof RangeError && /string length|Array buffer allocation/i.test(e.message);
    throw new InputError(
      `reading ${what} failed: ${tooBig ? 'it is too large to read whole (use `fairshot batch`, which streams JSONL and CSV)' : whyUnreadable(e)}`,
    );
  }
  // In input order: a CSV row's error record in that row's place, not first (the reader gives
  // errors as it meets them and persons at the end).
  results.sort((a, b) => a.row - b.row);
  if (results.length === 0) throw new InputError(`${file} holds no person records`);
  if ((opts.handout || opts.ics) && results.length > 1) {
    throw new UsageError(`--handout and --ics take one person; ${file} holds ${results.length} (use \`fairshot batch ${file} --handouts DIR\`)`);
  }

  // a result too large for JSON is written as an error record: exit 1 then
  const onTooLarge = () => {
    anyErrors = true;
  };
  if (opts.json && results.length === 1) {
    io.out(`${resultJson(results[0]!.r, 2, onTooLarge)}\n`);
  } else {
    const width = io.stdout.columns ?? 80;
    const writer = await makeWriter(format, io.out, (r, p) =>
      renderPerson(r, { lang: opts.lang, color, width, rules, ...(p ? { person: p } : {}), ...(opts.verbose ? { verbose: true } : {}) }),
      true,
      onTooLarge,
    );
    for (const { r, p } of results) writer.write(r, p);
    writer.end();
  }
  if (opts.handout || opts.ics) {
    const { r, p } = results[0]!;
    if (r.errors.length > 0) {
      io.err(`fairshot: no handout written: the record has errors\n`);
    } else {
      const { makeHandoutWriter, icsBeside } = await import('../handout-out.js');
      const writer = await makeHandoutWriter({
        lang: opts.lang,
        rules,
        clinics: opts.clinics !== false,
        personal: opts.personal !== false,
        warn: (m) => io.err(`warning: ${m}\n`),
      });
      const ics = opts.ics ?? (opts.handout ? icsBeside(opts.handout) : undefined);
      const done = await writer.write(r, p, opts.handout, ics, Boolean(opts.ics));
      const { savedWords } = await import('../render/handout.js');
      for (const line of savedWords(opts.lang, opts.handout, done.ics, done.events)) io.err(`${line}\n`);
    }
  }
  return anyErrors ? 1 : 0;
}
