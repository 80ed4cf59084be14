/**
 * Writing take-home summaries (render/handout.ts, render/ics.ts) to files: for `screen
 * --handout`, `check --handout` and `batch --handouts DIR`. The nearest clinics are looked up
 * again here with their hours and upcoming events (the results carry only the contract's slim
 * form); the directory is loaded once. Every file is written mode 0600 through a temporary
 * sibling renamed into place, so a half-written file never stands and a symlink at the target is
 * replaced, never followed.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Lang, Person, PersonResult, RuleSet } from '../core/types.js';
import { InputError } from './errors.js';
import { renderHandout, type HandoutClinic } from './render/handout.js';
import { icsEventCount, renderIcs } from './render/ics.js';

export interface HandoutSettings {
  lang: Lang;
  rules: RuleSet;
  /** false: no clinics (--no-clinics). */
  clinics: boolean;
  /** Rank clinics by this service (the questionnaire asks for record clearance). */
  service?: string;
  /** false (--no-personal): no id, birth date or case numbers. */
  personal: boolean;
  warn: (message: string) => void;
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Writes TEXT to FILE, mode 0600, via a temporary sibling renamed over FILE. */
export function writePrivateFile(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    writeSync(fd, text);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* not made */
    }
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message;
    throw new InputError(`cannot write ${file}: ${why}`);
  }
}

/** The calendar file beside a handout: FILE.html -> FILE.ics. */
export function icsBeside(html: string): string {
  return /\.html?$/i.test(html) ? html.replace(/\.html?$/i, '.ics') : `${html}.ics`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name (no extension) for a person id: letters, digits, dot, dash and underscore only, no
 * leading dot, at most 60 characters; an id changed on the way (or a reserved name) gets a short
 * hash of itself, so two ids never share a file.
 */
export function safeName(id: string): string {
  let base = id.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '').slice(0, 60);
  if (!base) base = 'person';
  if (base === id && !WINDOWS_RESERVED.test(base)) return base;
  return `${base}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
}

type Finder = (zip: string | null, state: string | null, asOf: string) => HandoutClinic[];

export async function makeHandoutWriter(s: HandoutSettings) {
  let finder: Finder | null | undefined = s.clinics ? undefined : null;
  const cache = new Map<string, HandoutClinic[]>();
  const v = version();
  const clinicsFor = async (zip: string | null, state: string | null, asOf: string): Promise<HandoutClinic[]> => {
    if (finder === undefined) {
      try {
        const [{ loadScreeningDirectory }, { nearestClinics }] = await Promise.all([import('../clinics/bundle.js'), import('../clinics/find.js')]);
        const { directory } = await loadScreeningDirectory();
        finder = directory
          ? (z, st, d) =>
              nearestClinics(directory, { zip: z, state: st, asOf: d, limit: 3, lang: s.lang, ...(s.service ? { service: s.service } : {}) }).clinics.map(
                // a place known only by its city has no distance to an office
                (c) => (c.precision === 'city' ? { ...c, distance_miles: null } : c),
              ) as HandoutClinic[]
          : null;
        if (!directory) s.warn('the clinic directory could not be read; the handout has no clinics');
      } catch (e) {
        finder = null;
        s.warn(`clinics are not available (${(e as Error).message}); the handout has no clinics`);
      }
    }
    if (!finder || (!zip && !state)) return [];
    const key = `${zip ?? ''}|${state ?? ''}|${asOf}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = finder(zip, state, asOf);
      if (cache.size > 10_000) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };

  const render = async (r: PersonResult, person: Person | undefined, icsName?: string) => {
    const clinics = await clinicsFor(person?.zip ?? null, person?.state ?? r.state, r.as_of);
    const common = { lang: s.lang, rules: s.rules, clinics, personal: s.personal, ...(person ? { person } : {}) };
    const html = renderHandout(r, { ...common, version: v, ...(icsName ? { icsName } : {}) });
    const ics = renderIcs(r, common);
    return { html, ics, events: icsEventCount(r, clinics) };
  };

  return {
    /**
     * One person's handout to HTML, and calendar to ICS: always when `icsAsked` (--ics), else only
     * when it holds an event. Returns the calendar file written, if any, and its event count.
     */
    async write(
      r: PersonResult,
      person: Person | undefined,
      html: string | undefined,
      ics: string | undefined,
      icsAsked: boolean,
    ): Promise<{ ics?: string; events: number }> {
      const events = icsEventCount(r, await clinicsFor(person?.zip ?? null, person?.state ?? r.state, r.as_of));
      const icsFile = ics && (icsAsked || events > 0) ? ics : undefined;
      const out = await render(r, person, icsFile && events > 0 ? basename(icsFile) : undefined);
      if (html) writePrivateFile(html, out.html);
      if (icsFile) writePrivateFile(icsFile, out.ics);
      return { ...(icsFile ? { ics: icsFile } : {}), events };
    },
    /** A writer into DIR for batch: one NAME.html per person (NAME.ics beside it when it has dates). */
    intoDir(dir: string) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      } catch (e) {
        throw new InputError(`cannot write handouts into ${dir}: ${(e as Error).message}`);
      }
      const root = realpathSync(dir);
      const used = new Set<string>();
      let written = 0;
      return {
        async write(r: PersonResult, person: Person | undefined): Promise<void> {
          if (r.errors.length > 0) return;
          let name = safeName(r.id ?? 'person');
          for (let k = 2; used.has(name.toLowerCase()); k++) name = `${safeName(r.id ?? 'person')}-${k}`;
          used.add(name.toLowerCase());
          const htmlFile = join(root, `${name}.html`);
          const icsFile = join(root, `${name}.ics`);
          // never outside DIR, whatever the id says
          if (dirname(htmlFile) !== root || dirname(icsFile) !== root) throw new InputError(`refusing to write a handout outside ${dir}`);
          const out = await render(r, person, `${name}.ics`);
          writePrivateFile(htmlFile, out.html);
          if (out.events > 0) writePrivateFile(icsFile, out.ics);
          written++;
        },
        get written() {
          return written;
        },
      };
    },
  };
}
