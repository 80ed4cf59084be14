/**
 * The nearest clinics for batch results: the directory is loaded once, answers are cached by
 * (ZIP, state) since a batch repeats the same few thousand ZIPs. A directory that cannot be
 * loaded means no clinics, with one warning.
 */
import type { ClinicRef } from '../core/types.js';

/** `otherStates`: states of the person's other cases (their statewide help is added); `adult`: no juvenile case. */
export type ClinicFinder = (zip: string | undefined, state: string | null, extra?: { otherStates?: string[]; adult?: boolean }) => ClinicRef[];

export async function loadClinicFinder(asOf: string, limit = 3, lang: 'en' | 'es' = 'en'): Promise<{ finder?: ClinicFinder; warning?: string }> {
  try {
    const [{ loadScreeningDirectory }, { nearestClinics }] = await Promise.all([import('../clinics/bundle.js'), import('../clinics/find.js')]);
    const { directory, diagnostics } = await loadScreeningDirectory();
    if (!directory) {
      const first = diagnostics.find((d) => d.severity === 'error');
      return { warning: `the clinic directory could not be loaded${first ? ` (${first.message})` : ''}; results have no clinics` };
    }
    const cache = new Map<string, ClinicRef[]>();
    const finder: ClinicFinder = (zip, state, extra = {}) => {
      const other = (extra.otherStates ?? []).filter((s) => s !== state);
      const key = `${zip ?? ''}|${state ?? ''}|${other.join(',')}|${extra.adult ? 'a' : ''}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const { clinics } = nearestClinics(directory, { zip: zip ?? null, state, limit, asOf, lang, ...(other.length ? { otherStates: other } : {}) });
      // an adult's record: a juvenile-only desk is given by phone and website, not its address
      const refs: ClinicRef[] = clinics.map((c) => {
        const desk = extra.adult === true && c.juvenile_desk === true;
        return { name: c.name, distance_miles: c.precision === 'city' || desk ? null : c.distance_miles, address: desk ? null : c.address, phone: c.phone, url: c.url };
      });
      if (cache.size >= 50_000) cache.clear();
      cache.set(key, refs);
      return refs;
    };
    return { finder };
  } catch (e) {
    return { warning: `clinics are not available (${(e as Error).message}); results have no clinics` };
  }
}
