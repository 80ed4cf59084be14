/**
 * The three nearest free clinics for the results, found while the questions are still being
 * answered: as soon as the ZIP is known, a worker thread loads the clinic directory and the ZIP
 * database (too slow to do after the last answer) and ranks the clinics (src/clinics).
 * When the worker file is not there (tests run the TypeScript sources), it runs in-process.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClinicRef } from '../../core/types.js';

export interface ClinicAnswer {
  clinics: ClinicRef[];
  notes: string[];
}

export interface ClinicQuery {
  zip: string | null;
  state: string | null;
  asOf: string;
  lang?: 'en' | 'es';
  /** States of cases other than the person's own: their statewide help is added. */
  otherStates?: string[];
  /** The record is about adult cases only: a juvenile-only desk is listed without its address. */
  adult?: boolean;
}

/** Finds clinics for one query; `get` waits for the answer (undefined when the finder failed). */
export interface ClinicLookup {
  start(q: ClinicQuery): void;
  get(): Promise<ClinicAnswer | undefined>;
}

export async function findClinics(q: ClinicQuery): Promise<ClinicAnswer> {
  const [{ loadScreeningDirectory }, { nearestClinics }, { clinicPlace }] = await Promise.all([
    import('../../clinics/bundle.js'),
    import('../../clinics/find.js'),
    import('../../clinics/attach.js'),
  ]);
  const { directory } = await loadScreeningDirectory();
  if (!directory) return { clinics: [], notes: [] };
  const r = nearestClinics(directory, { zip: q.zip, state: q.state, asOf: q.asOf, limit: 3, service: 'record_clearance', ...(q.lang ? { lang: q.lang } : {}), ...(q.otherStates?.length ? { otherStates: q.otherStates } : {}) });
  // an adult's record: a juvenile-only desk is given by phone and website, not its address
  const clinics = r.clinics.map((c) => {
    const { desk, distance_miles, address } = clinicPlace(c, q.adult === true);
    return { name: c.name, distance_miles, address, phone: c.phone, url: c.url, ...(c.hours?.length && !desk ? { hours: c.hours } : {}) };
  });
  return { clinics, notes: r.notes };
}

export function clinicLookup(): ClinicLookup {
  let pending: Promise<ClinicAnswer | undefined> | undefined;
  let key = '';
  return {
    start(q) {
      const k = JSON.stringify(q);
      if (k === key && pending) return;
      key = k;
      const workerFile = fileURLToPath(new URL('./clinics-worker.js', import.meta.url));
      if (!existsSync(workerFile)) {
        pending = findClinics(q).catch(() => undefined);
        return;
      }
      pending = import('node:worker_threads').then(
        ({ Worker }) =>
          new Promise<ClinicAnswer | undefined>((resolve) => {
            const w = new Worker(workerFile, { workerData: q, stdout: true, stderr: true });
            w.unref();
            w.once('message', (m: ClinicAnswer) => resolve(m));
            w.once('error', () => resolve(undefined));
            w.once('exit', () => resolve(undefined));
          }),
      );
    },
    async get() {
      return pending ? pending : undefined;
    },
  };
}
