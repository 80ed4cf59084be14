/**
 * `fairshot clinics`: the nearest free record-clearance help, and the directory volunteer's
 * tools (--stale, --validate). Heavy modules (the ZIP database, YAML, ajv, chalk) are loaded
 * inside the action so `fairshot --help` stays fast.
 */
import { Option, type Command } from 'commander';
import type { Lang } from '../../core/types.js';
import type { Io } from '../io.js';
import type { ClinicDirectory, ClinicResult } from '../../clinics/types.js';
import type { NearestResult } from '../../clinics/find.js';

export interface ClinicsOptions {
  zip?: string;
  state?: string;
  service?: string;
  limit?: number;
  json?: boolean;
  stale?: number;
  asOf?: string;
  /** Another directory file instead of the bundled data/clinics.yaml. */
  data?: string;
  /** Only check the directory file and report problems. */
  validate?: boolean;
  /** Language of the list (default English). */
  lang?: Lang;
}

const USAGE = 'usage: fairshot clinics --zip <ZIP> [--state <XX>] [--service <name>] [--limit <n>] [--json]\n' +
  '       fairshot clinics --state <XX>          (statewide help only)\n' +
  '       fairshot clinics --stale <days>        (entries not verified in that many days)\n' +
  '       fairshot clinics --validate [--data <file>]';

export async function runClinics(opts: ClinicsOptions, io: Io): Promise<number> {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: io.color.out ? 1 : 0 });
  const ce = new Chalk({ level: io.color.err ? 1 : 0 });
  const usage = (msg: string) => {
    io.err(`${ce.red('fairshot:')} ${msg}\n${USAGE}\n`);
    return 2;
  };

  if (opts.zip === undefined && opts.state === undefined && opts.stale === undefined && !opts.validate) {
    return usage('give --zip, --state, --stale or --validate');
  }
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > 100)) {
    return usage('--limit must be a whole number from 1 to 100');
  }
  if (opts.stale !== undefined && (!Number.isInteger(opts.stale) || opts.stale < 0)) {
    return usage('--stale must be a whole number of days, such as 365');
  }
  const { isRealDate, dayNumber } = await import('../../clinics/schedule.js');
  if (opts.asOf !== undefined && !isRealDate(opts.asOf)) return usage(`--as-of "${opts.asOf}" is not a date written YYYY-MM-DD`);
  const asOf = opts.asOf ?? io.today;

  const [{ loadClinicDirectory }, { formatDiagnostic, didYouMean }] = await Promise.all([
    import('../../clinics/load.js'),
    import('../../rules/yaml-source.js'),
  ]);
  const maintainer = opts.validate === true || opts.stale !== undefined;
  const { directory, diagnostics } = loadClinicDirectory(opts.data, { today: asOf });
  for (const d of diagnostics) {
    if (d.severity === 'error' || maintainer) io.err(`${formatDiagnostic(d)}\n`);
  }
  if (!directory) {
    const n = diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`${ce.red('fairshot:')} the clinic directory has ${n} problem${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} and try again.\n`);
    return 1;
  }

  if (opts.validate) {
    const orgs = directory.organizations.length;
    const fallbacks = Object.values(directory.fallbacks.states).reduce((s, l) => s + l.length, 0) + directory.fallbacks.national.length;
    const warnings = diagnostics.length;
    io.out(`${directory.file}: ok — ${orgs} organizations, ${fallbacks} fallback entries${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}\n`);
    if (opts.stale === undefined && opts.zip === undefined && opts.state === undefined) return 0;
  }

  if (opts.stale !== undefined) {
    const entries = staleEntries(directory, opts.stale, asOf, dayNumber);
    if (opts.json) {
      io.out(`${JSON.stringify({ as_of: asOf, days: opts.stale, file: directory.file, entries }, null, 2)}\n`);
    } else {
      const total = directory.origins.size;
      io.out(`${entries.length} of ${total} entries not verified in the last ${opts.stale} days (as of ${asOf}):\n`);
      for (const e of entries) {
        const when = e.last_verified ? `last checked ${e.last_verified} (${e.days_since} days ago)` : 'never checked';
        io.out(`${c.dim(`${e.file}:${e.line}:${e.col}`)}  ${e.name} ${c.dim(`[${e.id}]`)} — ${when}\n`);
      }
    }
    return 0;
  }

  const lang = opts.lang ?? 'en';
  const [{ nearestClinics, isKnownService, knownServices, STATE_NAMES_ES }, { normalizeState, STATE_NAMES }, { normalizeZip }] = await Promise.all([
    import('../../clinics/find.js'),
    import('../../clinics/states.js'),
    import('../../clinics/zip.js'),
  ]);
  let state: string | undefined;
  if (opts.state !== undefined) {
    state = normalizeState(opts.state);
    if (!state) {
      io.err(`${ce.red('fairshot:')} unknown state "${opts.state}"${didYouMean(opts.state.toUpperCase(), Object.keys(STATE_NAMES)) || '; use a two-letter code such as IL, or DC'}\n`);
      return 1;
    }
  }
  if (opts.service !== undefined && !isKnownService(opts.service)) {
    io.err(`${ce.red('fairshot:')} unknown service "${opts.service}"${didYouMean(opts.service, knownServices()) || `; choose from: ${knownServices().join(', ')}`}\n`);
    return 1;
  }
  const badZip = opts.zip !== undefined && normalizeZip(opts.zip) === undefined;
  const result = nearestClinics(directory, {
    zip: opts.zip ?? null,
    state: state ?? null,
    service: opts.service ?? null,
    limit: opts.limit ?? 3,
    asOf,
    lang,
  });
  if (badZip) io.err(`${ce.red('fairshot:')} "${opts.zip}" is not a ZIP code (expected 5 digits, like 60614); listing ${state ? 'statewide' : 'national'} help instead.\n`);

  if (opts.json) {
    io.out(
      `${JSON.stringify(
        {
          as_of: asOf,
          query: { zip: opts.zip ?? null, state: state ?? null, service: opts.service ?? null, limit: opts.limit ?? 3 },
          origin: result.origin,
          state: result.state,
          // A place known only by its city has no distance to an office (precision says why).
          clinics: result.clinics.map((k) => (k.precision === 'city' ? { ...k, distance_miles: null } : k)),
          statewide: result.statewide,
          notes: result.notes,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const { renderClinicsText } = await import('../render/clinics.js');
    io.out(renderClinicsText(result, { service: opts.service, asOf, lang, stateNames: lang === 'es' ? { ...STATE_NAMES, ...STATE_NAMES_ES } : STATE_NAMES }, c));
  }
  return badZip ? 1 : 0;
}

interface StaleEntry {
  id: string;
  name: string;
  kind: 'organization' | 'fallback';
  last_verified: string | null;
  days_since: number | null;
  file: string;
  line: number;
  col: number;
}

function staleEntries(dir: ClinicDirectory, days: number, asOf: string, dayNumber: (d: string) => number): StaleEntry[] {
  const out: StaleEntry[] = [];
  const today = dayNumber(asOf);
  const add = (id: string, name: string, kind: StaleEntry['kind'], lv: string | null) => {
    const since = lv ? today - dayNumber(lv) : null;
    if (since !== null && since <= days) return;
    const [line, col] = dir.origins.get(id) ?? [1, 1];
    out.push({ id, name, kind, last_verified: lv, days_since: since, file: dir.file, line, col });
  };
  for (const o of dir.organizations) add(o.id, o.name, 'organization', o.last_verified);
  for (const list of Object.values(dir.fallbacks.states)) for (const f of list) add(f.id, f.name, 'fallback', f.last_verified);
  for (const f of dir.fallbacks.national) add(f.id, f.name, 'fallback', f.last_verified);
  // Never checked first, then the oldest check; file order within each.
  return out.sort((a, b) => (b.days_since ?? Infinity) - (a.days_since ?? Infinity) || a.line - b.line);
}

/** Adds `fairshot clinics` to the program. */
export function registerClinics(program: Command, makeIo: () => Io, setExit: (code: number) => void, globalLang: () => Lang = () => 'en'): void {
  program
    .command('clinics')
    .description('find free record-clearance help (legal aid, clinics, events) near a ZIP code')
    .option('--zip <zip>', "the person's 5-digit ZIP code; distances are measured from its centre")
    .option('--state <code>', "the state whose law applies (where the case was); defaults to the ZIP's state")
    .option('--service <name>', 'only organizations offering this, e.g. sealing, expungement, vacatur, record_clearance')
    .option('--limit <n>', 'how many to list (default 3)')
    .option('--json', 'print JSON on stdout')
    .option('--stale <days>', 'list directory entries not verified in this many days (for volunteers)')
    .option('--as-of <date>', 'date (YYYY-MM-DD) for upcoming events and --stale; default today')
    .option('--data <file>', 'read another directory file instead of the bundled one')
    .option('--validate', 'check the directory file and report problems as file:line:col')
    .addOption(new Option('--lang <lang>', 'language of the list: en or es (also accepted before the command)').choices(['en', 'es']))
    .addHelpText(
      'after',
      `
Examples:
  fairshot clinics --zip 60614
  fairshot clinics --zip 07102 --state NY --service sealing --limit 5
  fairshot clinics --state MT --json
  fairshot clinics --stale 365
  fairshot clinics --zip 60614 --lang es

Distances are great-circle miles between ZIP centres (offline ZIP list from about 2012).
Exit status: 0 ok, 1 bad input (unknown state/service, malformed ZIP) or directory errors, 2 usage.`,
    )
    .action(async (raw: Record<string, string | boolean | undefined>) => {
      const num = (v: unknown) => (v === undefined ? undefined : /^\s*\d+\s*$/.test(String(v)) ? Number(v) : Number.NaN);
      const code = await runClinics(
        {
          zip: raw.zip as string | undefined,
          state: raw.state as string | undefined,
          service: raw.service as string | undefined,
          limit: num(raw.limit),
          json: raw.json === true,
          stale: num(raw.stale),
          asOf: raw.asOf as string | undefined,
          data: raw.data as string | undefined,
          validate: raw.validate === true,
          lang: (raw.lang as Lang | undefined) ?? globalLang(),
        },
        makeIo(),
      );
      setExit(code);
    });
}
