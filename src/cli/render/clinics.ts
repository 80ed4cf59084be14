/**
 * `fairshot clinics` as text, in English or Spanish: each entry's name, how far (or "serves the
 * whole city" when the office is placed only at its city), place, contact, hours, who it serves,
 * upcoming events, notes, what is unverified, and when it was last checked. Pure: returns text.
 */
import type { NearestResult } from '../../clinics/find.js';
import type { ClinicResult } from '../../clinics/types.js';
import type { Lang } from '../../core/types.js';

export type Paint = { bold: (s: string) => string; dim: (s: string) => string; yellow: (s: string) => string; cyan: (s: string) => string };

interface ClinicWords {
  title: (service: string | null, state: string | null, near: string | null) => string;
  asOf: string;
  miles: string;
  wholeCity: (city: string) => string;
  byPhone: string;
  online: string;
  statewide: string;
  national: string;
  hours: string;
  languages: string;
  who: string;
  upcoming: string;
  noDate: string;
  unconfirmed: string;
  unverified: string;
  lastChecked: (d: string) => string;
  notChecked: string;
  notes: string;
  language: Record<string, string>;
}

const EN: ClinicWords = {
  title: (service, state, near) =>
    `${service ? `Free ${service.replace(/_/g, ' ')} help` : 'Free record-clearance help'}${state ? ` for ${state} cases` : ''}${near ? ` near ${near}` : ''}`,
  asOf: 'as of',
  miles: 'mi',
  wholeCity: (city) => `serves the whole city${city ? ` (${city})` : ''}`,
  byPhone: 'by phone / online / pop-up clinics',
  online: 'online / pop-up clinics (no phone listed)',
  statewide: 'statewide help',
  national: 'national',
  hours: 'Hours',
  languages: 'Languages',
  who: 'Who',
  upcoming: 'Upcoming',
  noDate: 'date not published',
  unconfirmed: 'unconfirmed',
  unverified: 'unverified',
  lastChecked: (d) => `Last checked by a person ${d}`,
  notChecked: 'Not yet checked by a person: call first',
  notes: 'Notes',
  language: { en: 'English', es: 'Spanish', zh: 'Chinese', haw: 'Hawaiian' },
};

const ES: ClinicWords = {
  title: (service, state, near) =>
    `${service ? `Ayuda gratuita: ${service.replace(/_/g, ' ')}` : 'Ayuda gratuita para limpiar antecedentes'}${state ? ` para casos de ${state}` : ''}${near ? ` cerca de ${near}` : ''}`,
  asOf: 'a fecha de',
  miles: 'mi',
  wholeCity: (city) => `atiende a toda la ciudad${city ? ` (${city})` : ''}`,
  byPhone: 'por teléfono / en línea / clínicas temporales',
  online: 'en línea / clínicas temporales (sin teléfono en la lista)',
  statewide: 'ayuda estatal',
  national: 'nacional',
  hours: 'Horario',
  languages: 'Idiomas',
  who: 'Quién',
  upcoming: 'Próximamente',
  noDate: 'fecha no publicada',
  unconfirmed: 'sin confirmar',
  unverified: 'sin verificar',
  lastChecked: (d) => `Verificado por una persona el ${d}`,
  notChecked: 'Todavía no verificado por una persona: llame primero',
  notes: 'Notas',
  language: { en: 'inglés', es: 'español', zh: 'chino', haw: 'hawaiano' },
};

export function clinicWords(lang: Lang): ClinicWords {
  return lang === 'es' ? ES : EN;
}

export function renderClinicsText(
  result: NearestResult,
  o: { service?: string | undefined; asOf: string; lang: Lang; stateNames: Readonly<Record<string, string>> },
  c: Paint,
): string {
  const w = clinicWords(o.lang);
  const lines: string[] = [];
  const near = result.origin ? `${result.origin.zip} (${result.origin.city}, ${result.origin.state})` : null;
  const state = result.state ? (o.stateNames[result.state] ?? result.state) : null;
  lines.push(c.bold(w.title(o.service ?? null, state, near)) + c.dim(` — ${w.asOf} ${o.asOf}`), '');
  result.clinics.forEach((k, i) => lines.push(...renderClinic(k, i + 1, c, w), ''));
  if (result.notes.length) {
    lines.push(c.bold(w.notes));
    for (const n of result.notes) lines.push(`  • ${n}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** How far, in words: miles to a placed office, never a city-centre figure posing as one. */
export function distanceTag(k: ClinicResult, w: ClinicWords): string {
  if (k.distance_miles !== null && k.precision !== 'city') return `${k.distance_miles.toFixed(1)} ${w.miles}`;
  if (k.distance_miles !== null) return w.wholeCity(cityOf(k.address));
  return k.kind === 'statewide' ? (k.phone ? w.byPhone : w.online) : k.kind === 'state_fallback' ? w.statewide : w.national;
}

function cityOf(address: string | null): string {
  return address ? (address.split(', ').slice(-2, -1)[0] ?? '') : '';
}

function renderClinic(k: ClinicResult, n: number, c: Paint, w: ClinicWords): string[] {
  const out = [`${c.bold(`${n}. ${k.name}`)} ${c.cyan(`— ${distanceTag(k, w)}`)}`];
  const pad = '   ';
  if (k.location && k.location !== k.name) out.push(`${pad}${k.location}`);
  if (k.address && k.precision !== 'city') out.push(`${pad}${k.address}`);
  const contact = [k.phone, k.email, k.url].filter(Boolean).join(' · ');
  if (contact) out.push(`${pad}${contact}`);
  if (k.hours.length) out.push(`${pad}${w.hours}: ${k.hours.join('; ')}`);
  if (k.languages.length) out.push(`${pad}${w.languages}: ${k.languages.map((l) => w.language[l] ?? l).join(', ')}`);
  if (k.limits.length) out.push(`${pad}${w.who}: ${k.limits.join('; ')}`);
  for (const e of k.events) {
    const when = [e.date, e.time].filter(Boolean).join(' ') || e.recurrence || w.noDate;
    const rec = e.date && e.recurrence ? ` (${e.recurrence})` : '';
    const flag = e.status === 'unconfirmed' ? c.yellow(` [${w.unconfirmed}]`) : '';
    out.push(`${pad}${w.upcoming}: ${when}${rec} — ${e.title}${e.where ? `, ${e.where}` : ''}${e.registration ? ` (${e.registration})` : ''}${flag}`);
  }
  for (const note of k.notes) out.push(`${pad}${c.dim(note)}`);
  for (const u of k.unverified) out.push(`${pad}${c.yellow(`${w.unverified}: ${u}`)}`);
  out.push(`${pad}${c.dim(k.last_verified ? w.lastChecked(k.last_verified) : w.notChecked)}`);
  return out;
}
