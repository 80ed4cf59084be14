/**
 * The nearest clinics for batch results: the directory is loaded once, answers are cached by
 * (ZIP, state) since a batch repeats the same few thousand ZIPs. A directory that cannot be
 * loaded means no clinics, with one warning.
 */
import type { ClinicRef } from '../core/types.js';

export type ClinicFinder = (zip: string | undefined, state: string | null) => ClinicRef[];

export async function loadClinicFinder(asOf: string, limit = 3, lang: 'en' | 'es' = 'en'): Promise<{ finder?: ClinicFinder; warning?: string }> {
  try {
    const [{ loadScreeningDirectory }, { nearestClinics }] = await Promise.all([import('../clinics/bundle.js'), import('../clinics/find.js')]);
    const { directory, diagnostics } = await loadScreeningDirectory();
    if (!directory) {
      const first = diagnostics.find((d) => d.severity === 'error');
      return { warning: `the clinic directory could not be loaded${first ? ` (${first.message})` : ''}; results have no clinics` };
    }
    const cache = new Map<string, ClinicRef[]>();
    const finder: ClinicFinder = (zip, state) => {
      const key = `${zip ?? ''}|${state ?? ''}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const { clinics } = nearestClinics(directory, { zip: zip ?? null, state, limit, asOf, lang });
      const refs: ClinicRef[] = clinics.map((c) => ({ name: c.name, distance_miles: c.precision === 'city' ? null : c.distance_miles, address: c.address, phone: c.phone, url: c.url }));
      if (cache.size >= 50_000) cache.clear();
      cache.set(key, refs);
      return refs;
    };
    return { finder };
  } catch (e) {
    return { warning: `clinics are not available (${(e as Error).message}); results have no clinics` };
  }
}
