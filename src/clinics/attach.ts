/**
 * The nearest clinics for each screening result. The directory (and the ZIP list, ~200 ms) are
 * loaded once, on the first person who has a ZIP or a state; a directory with errors is reported
 * once and the results go on without clinics.
 */
import type { ClinicRef, Person, PersonResult } from '../core/types.js';
import type { ClinicDirectory, ClinicResult } from './types.js';

export interface ClinicFinder {
  attach(result: PersonResult, person?: Person): void;
}

/**
 * Whether a person's record is about adult cases only (no juvenile court, no delinquency
 * finding): then a juvenile-only desk is no place to go, and its address is not given.
 */
export function adultOnly(person: { charges?: readonly { court?: unknown; disposition?: unknown }[] } | undefined): boolean {
  return !!person && !(person.charges ?? []).some((c) => c.court === 'juvenile' || c.disposition === 'adjudicated_delinquent');
}

/**
 * Where a clinic is, as a person should be told: an adult calls or writes to a juvenile-only desk
 * (its court would turn them away), so it gets no address or distance; a place known only by its
 * city is not a distance to an office (docs/clinics.md).
 */
export function clinicPlace(c: ClinicResult, adult: boolean): { desk: boolean; distance_miles: number | null; address: ClinicResult['address'] } {
  const desk = adult && c.juvenile_desk === true;
  return { desk, distance_miles: c.precision === 'city' || desk ? null : c.distance_miles, address: desk ? null : c.address };
}

/** The slim form carried in output records (the case-file contract's `clinics` items). */
export function toRef(c: ClinicResult, adult = false): ClinicRef {
  const { distance_miles, address } = clinicPlace(c, adult);
  return {
    name: c.name,
    distance_miles,
    address,
    phone: c.phone,
    url: c.url,
    id: c.id,
    kind: c.kind,
    languages: c.languages,
    events: c.events,
    verified: c.last_verified !== null,
  };
}

export async function makeClinicFinder(warn: (message: string) => void, limit = 3, lang: 'en' | 'es' = 'en'): Promise<ClinicFinder> {
  const { loadScreeningDirectory } = await import('./bundle.js');
  const { nearestClinics } = await import('./find.js');
  const loaded = await loadScreeningDirectory();
  const directory: ClinicDirectory | undefined = loaded.directory;
  if (!directory) {
    const { formatDiagnostic } = await import('../rules/yaml-source.js');
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    warn(`the clinic directory could not be read; results have no clinics (${errors.map(formatDiagnostic).join('; ')})`);
  }
  return {
    attach(result, person) {
      const zip = person?.zip ?? null;
      const state = person?.state ?? result.state;
      if (!zip && !state) return;
      if (!directory) return;
      const otherStates = caseStates(person);
      const found = nearestClinics(directory, { zip, state, limit, asOf: result.as_of, lang, ...(otherStates.length ? { otherStates } : {}) });
      const adult = adultOnly(person);
      result.clinics = found.clinics.map((c) => toRef(c, adult));
      for (const n of found.notes) if (!result.warnings.includes(n)) result.warnings.push(n);
    },
  };
}

/** The states of a person's state-court cases (a federal case has no state law to look up). */
export function caseStates(person: { charges?: readonly { state?: unknown; court?: unknown }[] } | undefined): string[] {
  const out = new Set<string>();
  for (const c of person?.charges ?? []) if (typeof c.state === 'string' && c.state && c.court !== 'federal') out.add(c.state.toUpperCase());
  return [...out];
}
