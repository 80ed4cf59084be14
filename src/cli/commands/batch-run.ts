/**
 * `fairshot batch INPUT`: the run itself (registered in batch.ts, loaded only when batch runs).
 *
 * A stream, one person at a time: bytes -> line guard (JSONL/CSV) -> reader -> input order ->
 * screenRecord (pure, rules loaded once) -> clinics (optional, directory loaded once) -> writer ->
 * sink (backpressure; a file is written beside the target and renamed when complete).
 * Memory stays flat for JSONL and CSV: --sorted CSV streams one person at a time, other CSV is
 * grouped by an external sort whose run files go to --tmp-dir (src/io/spill-sort.ts). JSON and
 * YAML input are read whole.
 */
import { accessSync, constants, createReadStream, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { parseAssumption, type Assumption } from '../../core/intake.js';
import type { Lang, Person, PersonResult, Problem, RuleSet } from '../../core/types.js';
import { didYouMean } from '../../rules/yaml-source.js';
import { makeBatchScreener, prepareOne, screenOne, type ScreenedBatch } from '../../io/batch-core.js';
import { encodePrepared } from '../../io/person-codec.js';
import { loadClinicFinder, type ClinicFinder } from '../../io/clinic-finder.js';
import type { FromWorker, ToWorker, WorkerInit } from '../../io/screen-worker.js';
import { makeGuard, overlongProblem } from '../../io/line-guard.js';
import { peek, sniffFormat, whyUnreadable } from '../../io/input-format.js';
import { openBytes } from '../../io/open-input.js';
import { inInputOrder, type OrderedRecord } from '../../io/ordered.js';
import { noteRepeatedIds, repeatedIdWarning } from '../../io/repeated-ids.js';
import { makeProgress } from '../../io/progress.js';
import { capYoungGeneration, holdYoungGeneration, releaseYoungGeneration, startWorkersYoung } from '../../io/young-gen.js';
import { csvPersonFields, formatFromPath, INPUT_FORMATS, NotGroupedError, readRecords, type InputFormat } from '../../io/read-records.js';
import { fileSink, stdoutSink, type Sink } from '../../io/sink.js';
import { renderMarkdown, renderRunSummary, Tally } from '../../io/summary.js';
import { makeWriter, OUTPUT_FORMATS, type OutputFormat } from '../../io/write-results.js';
import { painter } from '../color.js';
import { printable } from '../render/printable.js';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';

export interface BatchOptions {
  asOf: string;
  lang: Lang;
  rules?: string;
  format?: OutputFormat;
  output?: string;
  inputFormat?: InputFormat;
  sorted?: boolean;
  quiet?: boolean;
  strict?: boolean;
  summary?: string;
  /** Add the nearest clinics to each result (default true). */
  clinics?: boolean;
  /** Worker threads screening in parallel; 0 = in this thread (default: auto). */
  jobs?: number;
  /** FACT=VALUE assumed where a person's record does not give it (repeatable). */
  assume?: string[];
  /** Write a take-home summary per person into this folder (screens in this thread). */
  handouts?: string;
  /** false (--no-personal): handouts leave out id, birth date and case numbers. */
  personal?: boolean;
  /** Longest JSONL/CSV line read (bytes); a longer line is an error for its person. */
  maxLineBytes?: number;
  /** Unsorted CSV: the folder for the sort's temporary files (default: the system temp directory). */
  tmpDir?: string;
}

/** 16 MiB: far above any real person record, far below what would hurt memory. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Unknown field names warned about, one line each, before one line for the rest. */
const MAX_UNKNOWN_SHOWN = 20;
/** Row errors echoed on stderr before "... and N more". */
const MAX_ERRORS_SHOWN = 10;
/** Below this input size (~25,000 charges of CSV), starting a worker (~0.4 s) costs more than it saves. */
const AUTO_JOBS_MIN_BYTES = 4 * 1024 * 1024;
/** Persons per batch: a batch's text stays small enough for the young generation (~100 KB). */
const BATCH_SIZE = 150;
/**
 * ...and at most about this many bytes of JSON text (a person's line is never split). Each line is
 * written into the batch's buffer as soon as it is made, so the main thread's heap never holds a
 * batch: 150 lines kept as strings until the batch was full, then joined, outlived the main
 * thread's small young generation and piled up in its old generation (~1-2 MB a second, freed only
 * at its next full collection; a joined batch over 128 KB went to the large-object space, where
 * the same happened). docs/performance.md, "Eleventh session: memory".
 */
export const BATCH_MAX_BYTES = 96 * 1024;
const IN_FLIGHT_PER_WORKER = 3;

/**
 * One worker per spare core, at most 3 (reading, checking and writing keep the main thread busy);
 * none on one core. On 2 cores one worker runs the rules while the main thread reads, checks and
 * writes: ~1.5× faster than one thread, for ~25 MB more memory (docs/performance.md).
 */
export function defaultJobs(cores = availableParallelism()): number {
  return cores >= 2 ? Math.min(3, cores - 1) : 0;
}

/** The output format: --format, else the --output file's extension, else table on a terminal, else jsonl. */
export function outputFormatFor(opts: Pick<BatchOptions, 'format' | 'output'>, stdoutIsTTY: boolean): OutputFormat {
  if (opts.format) return opts.format;
  if (opts.output) {
    const ext = /\.([a-z]+)$/i.exec(opts.output)?.[1]?.toLowerCase();
    if (ext === 'csv') return 'csv';
    if (ext === 'json') return 'json';
    if (ext === 'txt') return 'table';
    return 'jsonl';
  }
  return stdoutIsTTY ? 'table' : 'jsonl';
}

/** One line for stderr about a record's errors. */
export function describeProblem(id: string | null, p: Problem): string {
  const where = [
    p.row !== undefined ? `row ${p.row}` : '',
    id ? `person ${printable(id)}` : '',
    p.charge !== undefined ? `charge ${p.charge + 1}` : '',
    p.field !== undefined ? printable(p.field) : '',
  ].filter(Boolean);
  return `${where.join(', ')}${where.length ? ': ' : ''}${printable(p.message)}`;
}

/** `--assume FACT=VALUE` options, checked against the facts the rules know; a mistake is a usage error. */
export function readAssumptions(texts: string[], rules: RuleSet): Assumption[] {
  const out: Assumption[] = [];
  for (const text of texts) {
    const r = parseAssumption(text, rules.facts);
    if (!r.ok) {
      const askable = [...rules.facts.values()].filter((d) => d.level === 'person' || d.level === 'charge').map((d) => d.name);
      throw new UsageError(`--assume ${text}: ${r.error}${r.badName ? didYouMean(r.badName, askable) || '; see `fairshot rules show STATE` for the facts' : ''}`);
    }
    if (out.some((a) => a.fact === r.value.fact)) throw new UsageError(`--assume names ${r.value.fact} twice`);
    out.push(r.value);
  }
  return out;
}

/**
 * A CSV file whose rows may be grouped by person is first read as if they were (read-records.ts,
 * `speculate`): persons are screened as their rows come, with no temporary files. Rows found
 * scattered early go through the sorter from there on, in the same run. A row whose person was
 * already screened means reading the file again through the sorter: the output written so far is
 * dropped (it went to a temporary file beside --output, never to the output itself), and messages
 * already shown are not shown twice. Either way the output is that of a run through the sorter.
 */
export async function runBatch(input: string, opts: BatchOptions, io: Io): Promise<number> {
  const said = new Set<string>();
  const first: Io = {
    ...io,
    err: (s) => {
      said.add(s);
      io.err(s);
    },
  };
  try {
    return await runOnce(input, opts, first, true);
  } catch (e) {
    if (!(e instanceof NotGroupedError)) throw e;
    if (!opts.quiet) {
      const id = printable(e.id);
      io.err(
        opts.lang === 'es'
          ? `nota: las filas de la persona "${id}" no están juntas (fila ${e.row}): se agrupan primero las filas por persona y se vuelve a leer ${input}\n`
          : `note: the rows of person "${id}" are not together (row ${e.row}): grouping the rows by person first, reading ${input} again\n`,
      );
    }
    holdYoungGeneration(); // as at the start of the command (main.ts)
    return runOnce(input, opts, { ...io, err: (s) => (said.has(s) ? undefined : io.err(s)) }, false);
  }
}

async function runOnce(input: string, opts: BatchOptions, io: Io, mayGuess: boolean): Promise<number> {
  const started = performance.now();
  const quiet = Boolean(opts.quiet);
  const warn = (s: string) => {
    if (!quiet) io.err(s);
  };
  const maxLine = opts.maxLineBytes ?? (Number(io.env.FAIRSHOT_MAX_LINE_BYTES) || DEFAULT_MAX_LINE_BYTES);

  // 1. Arguments, before any work.
  const format = outputFormatFor(opts, Boolean(io.stdout.isTTY));
  const same = (a?: string, b?: string) => {
    if (a === undefined || b === undefined || a === '-' || b === '-') return false;
    if (resolve(a) === resolve(b)) return true;
    try {
      // the same file through a symlink or a hard link
      const x = statSync(a);
      const y = statSync(b);
      return x.isFile() && x.dev === y.dev && x.ino === y.ino;
    } catch {
      return false;
    }
  };
  if (same(opts.output, input)) throw new UsageError('--output is the input file; choose another name (the input would be overwritten)');
  if (same(opts.summary, input)) throw new UsageError('--summary is the input file; choose another name');
  if (same(opts.summary, opts.output)) throw new UsageError('--summary and --output name the same file');
  if (input === '-' && (io.stdin as Readable & { isTTY?: boolean }).isTTY === true) {
    throw new UsageError('standard input is a terminal: pipe a file in (… | fairshot batch -) or give a file name');
  }

  // 2. Open the input (bytes) and find its format.
  let totalBytes: number | undefined;
  /** A file that can be read again from the start (not standard input, not a named pipe). */
  let regularFile = false;
  let bytes: Readable;
  if (input === '-') {
    bytes = io.stdin;
  } else {
    try {
      const st = statSync(input);
      if (st.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
      totalBytes = st.size;
      regularFile = st.isFile();
    } catch (e) {
      throw new InputError(`cannot read ${input}: ${whyUnreadable(e)}`);
    }
    bytes = openBytes(input, { highWaterMark: 256 * 1024 });
  }
  let inputFormat = opts.inputFormat ?? (input === '-' ? undefined : formatFromPath(input));
  let head: Buffer | null;
  try {
    head = await peek(bytes);
  } catch (e) {
    throw new InputError(`cannot read ${input === '-' ? 'standard input' : input}: ${whyUnreadable(e)}`);
  }
  if (!inputFormat && head) {
    inputFormat = sniffFormat(head);
    if (!inputFormat) {
      bytes.destroy();
      throw new UsageError(
        `cannot tell the format of ${input === '-' ? 'standard input' : `"${input}"`}; pass --input-format jsonl|json|yaml|csv`,
      );
    }
  }
  inputFormat ??= 'jsonl';
  if (opts.sorted && inputFormat !== 'csv') warn('warning: --sorted only matters for CSV input; ignored\n');
  if (opts.tmpDir !== undefined && inputFormat === 'csv' && !opts.sorted) {
    try {
      if (!statSync(opts.tmpDir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      accessSync(opts.tmpDir, constants.W_OK | constants.X_OK);
    } catch (e) {
      bytes.destroy();
      throw new InputError(`--tmp-dir ${opts.tmpDir}: cannot write temporary files there: ${whyUnreadable(e)}`);
    }
  }

  // 3. Rules and clinics, once.
  const { loadRulesOrFail } = await import('../rules-loader.js');
  const rules: RuleSet = await loadRulesOrFail(io, opts);
  let assume: Assumption[];
  try {
    assume = readAssumptions(opts.assume ?? [], rules);
  } catch (e) {
    bytes.destroy();
    throw e;
  }
  const intakeOpts = { asOf: opts.asOf, lang: opts.lang, ...(assume.length ? { assume } : {}) };
  // --strict (stop at the first error), table output (rendered here) and --handouts (written here) run in one thread, whatever --jobs says
  const oneThread = Boolean(opts.strict) || format === 'table' || Boolean(opts.handouts);
  if (oneThread && opts.jobs !== undefined && opts.jobs > 0) warn(`warning: --jobs ignored: ${opts.strict ? '--strict' : opts.handouts ? '--handouts' : 'table output'} runs in one thread\n`);
  const jobs = oneThread ? 0 : (opts.jobs ?? (totalBytes !== undefined && totalBytes < AUTO_JOBS_MIN_BYTES ? 0 : defaultJobs()));
  let clinicsFor: ClinicFinder | undefined;
  if (opts.clinics !== false && jobs === 0) {
    const c = await loadClinicFinder(opts.asOf, 3, opts.lang);
    if (c.warning) warn(`warning: ${c.warning}\n`);
    clinicsFor = c.finder;
  }

  let handouts: { write: (r: PersonResult, p?: Person) => Promise<void>; written: number } | undefined;
  if (opts.handouts) {
    try {
      const { makeHandoutWriter } = await import('../handout-out.js');
      const hw = await makeHandoutWriter({
        lang: opts.lang,
        rules,
        clinics: opts.clinics !== false,
        personal: opts.personal !== false,
        warn: (m) => warn(`warning: ${m}\n`),
      });
      handouts = hw.intoDir(opts.handouts);
    } catch (e) {
      bytes.destroy();
      throw e;
    }
  }

  // 4. The output.
  let sink: Sink;
  if (opts.output) {
    try {
      sink = await fileSink(opts.output);
    } catch (e) {
      bytes.destroy();
      throw new InputError(`cannot write ${opts.output}: ${whyUnreadable(e)}`);
    }
  } else {
    sink = stdoutSink(io.stdout);
  }
  const width = io.stdout.columns ?? 100;
  const color = painter(opts.output ? false : io.color.out);
  let renderPerson: typeof import('../render/person.js').renderPerson | undefined;
  if (format === 'table') renderPerson = (await import('../render/person.js')).renderPerson;
  /** A result too large for JSON is written as an error record, and counted as one. */
  let written: PersonResult | undefined;
  const writer = await makeWriter(
    format,
    (s) => sink.write(s),
    (r, p) => renderPerson!(r, { lang: opts.lang, color, width, rules, ...(p ? { person: p } : {}) }),
    true,
    (w) => {
      written = w;
    },
  );

  // 5. The stream.
  const guard = inputFormat === 'jsonl' || inputFormat === 'csv' ? makeGuard(inputFormat, maxLine) : undefined;
  let source: Readable;
  if (guard) {
    bytes.on('error', (e) => guard.destroy(e));
    guard.on('error', () => {}); // reported through the reader, which ends with it
    source = bytes.pipe(guard);
  } else {
    bytes.setEncoding('utf8');
    source = bytes;
  }
  let progress: Awaited<ReturnType<typeof makeProgress>> | undefined;
  // a CSV file read again if its rows turn out scattered (runBatch); --strict and --handouts act on
  // persons as they come, and standard output cannot be taken back: those go through the sorter
  const speculate = mayGuess && inputFormat === 'csv' && !opts.sorted && regularFile && opts.output !== undefined && !opts.strict && !opts.handouts;
  const ordered = inInputOrder(
    readRecords(source, inputFormat, {
      sorted: Boolean(opts.sorted),
      speculate,
      ...(Number(io.env.FAIRSHOT_SPECULATE_ROWS) > 0 ? { speculateRows: Number(io.env.FAIRSHOT_SPECULATE_ROWS) } : {}),
      // a file of more persons than the check of grouped rows may remember goes to the sort (SPECULATE_MAX_PERSONS)
      ...(totalBytes !== undefined ? { fileBytes: totalBytes } : {}),
      ...(Number(io.env.FAIRSHOT_SPECULATE_MAX_PERSONS) > 0 ? { speculateMaxPersons: Number(io.env.FAIRSHOT_SPECULATE_MAX_PERSONS) } : {}),
      personFields: csvPersonFields(rules),
      maxPersonBytes: maxLine,
      onWarning: (m) => warn(`warning: ${printable(m)}\n`),
      ...(opts.tmpDir !== undefined ? { tmpDir: opts.tmpDir } : {}),
      // the bar moves while rows are grouped (bytes read, no persons yet)
      onGrouping: () => progress?.tick(guard?.bytes ?? 0, 0),
      ...(Number(io.env.FAIRSHOT_SORT_BUFFER_BYTES) > 0 ? { sortBufferBytes: Number(io.env.FAIRSHOT_SORT_BUFFER_BYTES) } : {}),
      ...(Number(io.env.FAIRSHOT_SORT_FAN_IN) >= 2 ? { sortFanIn: Math.floor(Number(io.env.FAIRSHOT_SORT_FAN_IN)) } : {}),
    }),
  );
  // CSV rows of one id are one person; elsewhere a repeated id is two persons: say so (up to 20)
  let repeated = 0;
  const records =
    inputFormat === 'csv'
      ? ordered
      : noteRepeatedIds(ordered, (id, row) => {
          if (++repeated <= MAX_UNKNOWN_SHOWN) say(repeatedIdWarning(printable(id), row));
          else if (repeated === MAX_UNKNOWN_SHOWN + 1) say('warning: more repeated ids (not listed)\n');
        });

  const tally = new Tally({ reasons: Boolean(opts.summary) });
  progress = await makeProgress(io.stderr, { enabled: !quiet, ...(totalBytes !== undefined && guard ? { totalBytes } : {}) });
  const warned = new Set<string>();
  let shownErrors = 0;
  let stopped: string | undefined;
  const lines: string[] = [];
  const say = (s: string) => {
    // while the bar owns the terminal line, messages wait until it stops; while the rows may still
    // turn out scattered (speculate), until the end: a person met early may have rows further on
    if (quiet) return;
    if (progress.active || speculate) lines.push(s);
    else io.err(s);
  };
  const noteUnknown = (fields: Iterable<string>) => {
    for (const f of fields) {
      if (!warned.has(f)) {
        warned.add(f);
        // one warning per name, up to MAX_UNKNOWN_SHOWN: a file of 200,000 columns is not 200,000 lines
        if (warned.size <= MAX_UNKNOWN_SHOWN) say(`warning: unknown field "${printable(f)}" ignored\n`);
        else if (warned.size === MAX_UNKNOWN_SHOWN + 1) say('warning: more unknown fields ignored (not listed)\n');
      }
    }
  };
  const noteErrors = (id: string | null, errors: Problem[]) => {
    for (const p of errors) {
      if (shownErrors < MAX_ERRORS_SHOWN) say(`error: ${describeProblem(id, p)}\n`);
      shownErrors++;
    }
  };
  let jsonFirst = true;
  try {
    if (jobs > 0) {
      // this thread reads, sorts, checks and writes, the rules run in the workers: its garbage is
      // short-lived and a small young generation holds it (young-gen.ts)
      capYoungGeneration();
      // Intake here, the rules in the workers: the main thread would otherwise wait on them. Each
      // checked record goes on as one line of JSON (person-codec.ts).
      const prepared = (async function* () {
        for await (const rec of records) {
          const p = prepareOne(overlongProblem(rec, guard, maxLine), rules, intakeOpts);
          if ('person' in p.prepared && p.prepared.person.assumed) tally.noteAssumed(p.prepared.person.assumed);
          noteUnknown(p.unknownFields);
          if ('result' in p.prepared && p.prepared.result.errors.length > 0) noteErrors(p.prepared.result.id, p.prepared.result.errors);
          yield encodePrepared(p.prepared);
        }
      })();
      const init: WorkerInit = {
        ...(opts.rules ? { rules: opts.rules } : {}),
        asOf: opts.asOf,
        lang: opts.lang,
        format: format as WorkerInit['format'],
        clinics: opts.clinics !== false,
        reasons: Boolean(opts.summary),
      };
      let persons = 0;
      let screenBatch: ((batch: Uint8Array) => ScreenedBatch) | undefined;
      const workerTally = await screenInWorkers(prepared, jobs, init, {
        onParts: (parts, count, giveBack) => {
          for (const part of parts) {
            if (format === 'json') {
              sink.write(`${jsonFirst ? '[\n' : ',\n'}${part as string}`);
              jsonFirst = false;
            } else if (typeof part === 'string') sink.write(part);
            else sink.write(part, () => giveBack(part.buffer as ArrayBuffer));
          }
          persons += count;
          progress.tick(guard?.bytes ?? 0, persons);
        },
        screenHere: async (batch) => {
          // Batches screened here: those of a worker that ran out of memory. The same code as a
          // worker's, so the output is the same.
          if (!screenBatch) {
            const finder = opts.clinics !== false ? (await loadClinicFinder(opts.asOf, 3, opts.lang)).finder : undefined;
            screenBatch ??= await makeBatchScreener(rules, init, finder); // another call may have made it meanwhile
          }
          return screenBatch(batch);
        },
        ready: () => sink.ready(),
        warn: (w) => warn(`warning: ${w}\n`),
      });
      tally.merge(workerTally);
    } else {
      releaseYoungGeneration(); // the rules run here: V8's own sizing
      for await (const rec0 of records) {
        const rec = overlongProblem(rec0, guard, maxLine);
        const { result, unknownFields, person } = screenOne(rec, rules, intakeOpts, clinicsFor);
        if (person?.assumed) tally.noteAssumed(person.assumed);
        noteUnknown(unknownFields);
        written = undefined;
        writer.write(result, person);
        const shown = written ?? result;
        tally.add(shown);
        if (shown.errors.length > 0) noteErrors(shown.id, shown.errors);
        await handouts?.write(result, person);
        jsonFirst = false;
        await sink.ready();
        progress.tick(guard?.bytes ?? 0, tally.persons);
        if (opts.strict && result.errors.length > 0) {
          const p = result.errors[0]!;
          stopped = `--strict: stopped at the first record with errors (${describeProblem(result.id, p)}); later records were not read`;
          break;
        }
      }
    }
  } catch (e) {
    releaseYoungGeneration();
    progress.stop();
    sink.abort();
    bytes.destroy();
    if (e instanceof InputError || e instanceof UsageError || e instanceof NotGroupedError) throw e;
    if ((e as { spill?: boolean }).spill) throw new InputError(`${(e as Error).message}${opts.output ? `; ${opts.output} was not changed` : ''}`);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EPIPE') return 0;
    throw new InputError(
      `${sink.error() ? `cannot write ${opts.output ?? 'the output'}` : `reading ${input === '-' ? 'standard input' : input} failed`}: ${whyUnreadable(sink.error() ?? e)}` +
        (opts.output ? `; ${opts.output} was not changed` : ''),
    );
  }
  releaseYoungGeneration();
  progress.stop();
  if (stopped) bytes.destroy();
  if (jobs > 0 && format === 'json') sink.write(jsonFirst ? '[]\n' : '\n]\n');
  else writer.end();
  try {
    await sink.commit();
  } catch (e) {
    sink.abort();
    throw new InputError(`cannot write ${opts.output ?? 'the output'}: ${whyUnreadable(e)}${opts.output ? `; ${opts.output} was not changed` : ''}`);
  }
  const ms = performance.now() - started;

  for (const l of lines) io.err(l);
  if (shownErrors > MAX_ERRORS_SHOWN) warn(`… and ${shownErrors - MAX_ERRORS_SHOWN} more errors (see the "errors" field of those records)\n`);
  if (tally.persons === 0) {
    io.err(`fairshot: ${input === '-' ? 'standard input' : input} holds no person records\n`);
  }

  if (opts.summary) {
    const md = renderMarkdown(tally, { input, asOf: opts.asOf, ms, ...(stopped ? { stopped } : {}) });
    try {
      const s = await fileSink(opts.summary);
      s.write(md);
      await s.commit();
    } catch (e) {
      throw new InputError(`cannot write ${opts.summary}: ${whyUnreadable(e)} (the results were written)`);
    }
  }
  // nothing was read: the one message above says so, without a summary of nothing
  if (tally.persons > 0 || stopped) warn(renderRunSummary(tally, ms, { ...(stopped ? { stopped } : {}), ...(opts.output ? { output: opts.output } : {}) }, opts.lang));
  if (handouts) warn(`${handouts.written} handout${handouts.written === 1 ? '' : 's'} written to ${opts.handouts}\n`);
  if (stopped && quiet) io.err(`fairshot: ${stopped}\n`);
  return stopped || tally.personsWithErrors > 0 || tally.persons === 0 ? 1 : 0;
}

interface PoolHooks {
  /** Results of one batch, in input order; `giveBack` returns a written part's buffer to its worker. */
  onParts: (parts: (string | Uint8Array)[], count: number, giveBack: (buf: ArrayBuffer) => void) => void;
  /** Screen one batch in this thread, exactly as a worker would (for a worker that ran out of memory). */
  screenHere: (batch: Uint8Array) => Promise<ScreenedBatch>;
  /** Resolves when the output can take more. */
  ready: () => Promise<void>;
  warn: (w: string) => void;
}

/**
 * Heap limits for each screening worker. Without them V8 lets garbage pile up to hundreds of MB
 * per thread; the live set of a worker (rules, clinics, ZIP table, a batch) is far smaller. The
 * young generation may reach 16 MB (V8's default grows to 32 MB); in practice V8 keeps a worker's
 * at ~2 × 2 MB unless WORKER_SEMI_SPACE_MB (young-gen.ts) starts it larger (2 × 5 MB, faster; on
 * since the eleventh session). The main thread, idle two thirds of a run, is held at 2 MB
 * meanwhile, its old generation collected as it fills (young-gen.ts).
 * A worker that still runs out (one enormous person record) is replaced by screening its batches
 * in the main thread, which has the default limits: nothing is lost.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 };

/**
 * Screen records in worker threads: batches go out round-robin with a bounded number in flight
 * (so memory stays flat), results come back tagged with their batch number and are handed on
 * strictly in input order. Resolves with the batches' tallies merged.
 */
async function screenInWorkers(records: AsyncIterable<string>, n: number, init: WorkerInit, hooks: PoolHooks): Promise<Tally> {
  // Beside this code in the bundle (dist/app/, scripts/build-app.mjs), else in dist/io/.
  const bundled = new URL('./screen-worker.js', import.meta.url);
  const url = existsSync(bundled) ? bundled : new URL('../../io/screen-worker.js', import.meta.url);
  // each worker's young generation starts at its full size (young-gen.ts), until all are online
  const young = startWorkersYoung();
  let online = 0;
  const workers = Array.from({ length: n }, () => new Worker(url, { workerData: init, resourceLimits: WORKER_LIMITS }));
  for (const w of workers) {
    w.once('online', () => {
      if (++online === n) young();
    });
    w.once('exit', young);
  }
  const alive = workers.map(() => true);
  /**
   * Batches sent and not yet back: their worker, and the records as sent (to re-screen if the
   * worker dies). A batch is built as the JSON text's bytes, outside the JavaScript heap, in a
   * buffer used again and again (`spare`), which stays as the batch's copy until it is back:
   * records, or one large string, held this long would survive into the old generation, and a new
   * buffer per batch would pile up as garbage between collections; either took ~15 MB more at peak.
   */
  const inFlight = new Map<number, { w: number; copy?: Buffer; bytes?: number }>();
  const spare: Buffer[] = [];
  const results = new Map<number, ScreenedBatch & { w: number }>();
  const total = new Tally();
  let sent = 0;
  let next = 0;
  let turn = 0;
  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  /** A written output buffer, back to the worker that made it, to be filled again. */
  const giveBack = (w: number) => (buf: ArrayBuffer) => {
    if (!done && w >= 0 && alive[w]) workers[w]!.postMessage({ reuse: buf } satisfies ToWorker, [buf]);
  };
  const deliver = (seq: number, r: ScreenedBatch) => {
    const f = inFlight.get(seq);
    if (f?.copy && spare.length < 2 * fill) spare.push(f.copy);
    inFlight.delete(seq);
    results.set(seq, { ...r, w: f?.w ?? -1 });
    while (results.has(next)) {
      const b = results.get(next)!;
      results.delete(next);
      next++;
      total.merge(b.tally);
      hooks.onParts(b.parts, b.count, giveBack(b.w));
    }
    poke();
  };
  /** A worker ran out of memory: screen what it held here, and send it nothing more. */
  let rescuing = Promise.resolve();
  const rescue = (i: number) => {
    if (!alive[i]) return;
    alive[i] = false;
    hooks.warn(`a screening thread ran out of memory (a very large record?); its share is screened in the main thread`);
    const mine = [...inFlight].filter(([, f]) => f.w === i).sort((a, b) => a[0] - b[0]);
    rescuing = rescuing.then(async () => {
      for (const [seq, f] of mine) deliver(seq, await hooks.screenHere(f.copy!.subarray(0, f.bytes)));
    }).catch((e: Error) => {
      failed ??= e;
      poke();
    });
  };
  let warned = false;
  workers.forEach((w, i) => {
    w.on('message', (m: FromWorker) => {
      if ('ready' in m) {
        if (m.warning && !warned) {
          warned = true;
          hooks.warn(m.warning);
        }
        return;
      }
      const { seq, ...r } = m;
      if (inFlight.get(seq)?.w === i) deliver(seq, r);
    });
    w.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') rescue(i);
      else failed ??= e;
      poke();
    });
    w.on('exit', (code) => {
      if (code !== 0 && alive[i] && !done) failed ??= new Error(`a screening worker stopped (exit code ${code})`);
      poke();
    });
  });
  let done = false;
  const waitFor = async (cond: () => boolean) => {
    while (!cond()) {
      if (failed) throw failed;
      await new Promise<void>((r) => (wake = r));
    }
    if (failed) throw failed;
  };
  const fill = n * IN_FLIGHT_PER_WORKER;
  /** Batches sent to workers and not yet back. */
  const atWorkers = () => {
    let k = 0;
    for (const f of inFlight.values()) if (f.w >= 0) k++;
    return k;
  };
  /**
   * Waits until a batch may go out. Each worker holds a few batches, so it never waits for the
   * next; finished batches waiting for an earlier one (a slow worker's) are as few, so memory stays
   * flat. The main thread checks and writes but does not run the rules: screening batches here too
   * was ~10 % faster, but a screening heap and the clinic directory in this thread as well took
   * the run over the memory target (docs/performance.md).
   */
  const room = async () => {
    await waitFor(() => atWorkers() < fill && sent - next < 2 * fill);
    await hooks.ready();
  };
  /** The batch being built: its buffer, bytes used, lines. */
  let buf: Buffer = Buffer.allocUnsafeSlow(256 * 1024);
  let used = 0;
  let lines = 0;
  const add = (line: string) => {
    const most = line.length > 65536 ? Buffer.byteLength(line, 'utf8') : line.length * 3; // at most 3 bytes per UTF-16 unit
    if (used + most + 1 > buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(2 * buf.length, used + most + 1));
      buf.copy(bigger, 0, 0, used);
      buf = bigger;
    }
    if (lines > 0) buf[used++] = 0x0a; // '\n': never inside a JSON line, nor inside a UTF-8 sequence
    used += buf.write(line, used, 'utf8');
    lines++;
  };
  /** Sends the batch built (after `room`: a batch made and then kept waiting would outlive young garbage). */
  const send = async () => {
    const seq = sent++;
    const copy = buf;
    const bytes = used;
    buf = spare.pop() ?? Buffer.allocUnsafeSlow(256 * 1024);
    used = 0;
    lines = 0;
    const live = alive.flatMap((a, i) => (a ? [i] : []));
    if (live.length === 0) {
      await rescuing;
      inFlight.set(seq, { w: -1 });
      deliver(seq, await hooks.screenHere(copy.subarray(0, bytes)));
      if (spare.length < 2 * fill) spare.push(copy);
      return;
    }
    const w = live[turn++ % live.length]!;
    inFlight.set(seq, { w, copy, bytes });
    // As bytes handed over (one copy of exactly the batch, off the heap): far cheaper to pass
    // between threads than many small objects, and no string in either heap.
    const out = copy.buffer.slice(copy.byteOffset, copy.byteOffset + bytes) as ArrayBuffer;
    workers[w]!.postMessage({ seq, batch: out } satisfies ToWorker, [out]);
  };
  // Nothing is read until the workers are online (a few ms; a worker that fails to start is
  // reported by the handlers above): setting up their heaps resets what young-gen.ts holds, and
  // this thread, reading meanwhile, grew its young generation.
  await Promise.all(workers.map((w) => new Promise<void>((ok) => ['online', 'error', 'exit'].forEach((e) => w.once(e, () => ok())))));
  young();
  try {
    for await (const line of records) {
      add(line);
      if (lines >= BATCH_SIZE || used >= BATCH_MAX_BYTES) {
        await room();
        await send();
      }
    }
    if (lines > 0) {
      await room();
      await send();
    }
    await waitFor(() => next === sent);
    done = true;
    return total;
  } finally {
    done = true;
    young();
    // awaited: a run that reads its file again (runBatch) starts its workers after these are gone
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
