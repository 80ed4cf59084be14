/**
 * The calendar file beside the handout (RFC 5545): an all-day event for every future day on
 * which a relief may open (`eligible_on`), saying what opens and what to do, and for the
 * nearest clinics' upcoming events. Pure: returns the text. Lines end CRLF and are folded at 75
 * octets; text is escaped; UIDs come from the screening itself, so the same screening gives the
 * same UIDs (a calendar app updates the events instead of adding copies). DTSTAMP is the
 * screening date, not the clock, so the same screening gives the same file.
 */
import { noteWords } from '../../core/notes.js';
import { createHash } from 'node:crypto';
import { rulesInForce } from '../../core/evaluate.js';
import { t } from '../../core/messages.js';
import { RELIEF_KINDS, type IsoDate, type Lang, type Person, type PersonResult, type RuleSet } from '../../core/types.js';
import { chargeWords, handoutWords, longDate, type HandoutClinic } from './handout.js';
import { words } from './words.js';

export interface IcsOptions {
  lang: Lang;
  rules?: RuleSet;
  person?: Person;
  clinics?: HandoutClinic[];
  /** false (--no-personal): no case numbers or id in the events. */
  personal: boolean;
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > limit) {
      out.push(cur);
      cur = ' ';
      bytes = 1;
      limit = 75;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n');
}

const compact = (d: IsoDate) => d.replace(/-/g, '');
function nextDay(d: IsoDate): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10).replace(/-/g, '');
}
const uid = (...parts: string[]) => `${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}@fairshot`;

const W = {
  en: {
    opens: (relief: string, n: number) => `${relief} may open: charge ${n}`,
    what: (relief: string, n: number, charge: string) => `From today ${relief.toLowerCase()} may apply to charge ${n}${charge ? ` (${charge})` : ''}.`,
    auto: 'It may happen automatically: check whether it did.',
    todo: 'What to do',
    clinic: 'Call a free clinic to confirm before you file.',
    event: (title: string, org: string) => `${title} — ${org}`,
    calName: 'fairshot reminders',
  },
  es: {
    opens: (relief: string, n: number) => `Puede abrirse: ${relief}, cargo ${n}`,
    what: (relief: string, n: number, charge: string) => `Desde hoy puede aplicar ${relief.toLowerCase()} al cargo ${n}${charge ? ` (${charge})` : ''}.`,
    auto: 'Puede pasar automáticamente: verifique si ocurrió.',
    todo: 'Qué hacer',
    clinic: 'Llame a una clínica gratuita para confirmar antes de presentar.',
    event: (title: string, org: string) => `${title} — ${org}`,
    calName: 'Recordatorios de fairshot',
  },
};

/** Whether the screening has anything for a calendar (a future opening or a dated clinic event). */
export function icsEventCount(r: PersonResult, clinics: HandoutClinic[] = r.clinics as HandoutClinic[]): number {
  let n = 0;
  for (const cr of r.charges) for (const k of RELIEF_KINDS) if (cr.relief[k].status === 'eligible_on' && (cr.relief[k].date ?? '') > r.as_of) n++;
  for (const c of clinics) for (const e of c.events ?? []) if (e.date && /^\d{4}-\d{2}-\d{2}$/.test(e.date) && e.date >= r.as_of) n++;
  return n;
}

export function renderIcs(r: PersonResult, o: IcsOptions): string {
  const lang = o.lang;
  const w = W[lang];
  const tw = words(lang);
  const hw = handoutWords(lang);
  const stamp = `${compact(r.as_of)}T000000Z`;
  // The UIDs' seed: the screening (id, state, charges as entered), never the clock.
  const seed = JSON.stringify([r.id, r.state, o.person?.charges.map((c) => [c.case_number, c.offense, c.statute, c.disposition_date]) ?? []]);
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//fairshot//take-home summary//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(w.calName)}`];
  const event = (id: string, date: IsoDate, summary: string, description: string, extra: string[] = []) => {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${id}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(date)}`,
      `DTEND;VALUE=DATE:${nextDay(date)}`,
      `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(description)}`,
      ...extra,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  };
  for (const cr of r.charges) {
    const n = cr.index + 1;
    const ch = o.person?.charges[cr.index];
    for (const kind of RELIEF_KINDS) {
      const s = cr.relief[kind];
      if (s.status !== 'eligible_on' || !s.date || s.date <= r.as_of) continue;
      const relief = tw.kind[kind];
      const jur = s.rule ? o.rules?.jurisdictions.get(s.rule.slice(0, 2)) : undefined;
      const rule = jur && s.rule ? rulesInForce(jur, s.date).find((x) => x.id === s.rule) ?? rulesInForce(jur, r.as_of).find((x) => x.id === s.rule) : undefined;
      const where = noteWords(rule, 'where', lang, { person: o.person, charge: ch, rules: o.rules });
      const check = noteWords(rule, 'check', lang, { person: o.person, charge: ch, rules: o.rules });
      const desc = [
        w.what(relief, n, chargeWords(ch, lang, o.personal)),
        s.name || s.citation ? `${hw.law}: ${[s.name, s.citation].filter(Boolean).join(' — ')}` : '',
        s.automatic ? `${w.auto}${check ? ` ${check}` : ''}` : where ? `${w.todo}: ${where}` : '',
        w.clinic,
        tw.notLegalAdvice,
      ].filter(Boolean);
      event(uid(seed, 'relief', String(cr.index), kind, s.rule ?? ''), s.date, w.opens(relief, n), desc.join('\n'));
    }
  }
  const clinics = o.clinics ?? (r.clinics as HandoutClinic[]);
  for (const c of clinics) {
    for (const e of c.events ?? []) {
      if (!e.date || !/^\d{4}-\d{2}-\d{2}$/.test(e.date) || e.date < r.as_of) continue;
      const desc = [e.time ?? '', e.where ?? '', e.registration ?? '', c.phone ? `☎ ${c.phone}` : '', c.url ?? ''].filter(Boolean);
      event(uid('clinic-event', String(c.name), e.title, e.date), e.date, w.event(e.title, c.name), desc.join('\n'), e.where ? [`LOCATION:${icsText(e.where)}`] : []);
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

