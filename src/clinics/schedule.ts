/**
 * Dates for clinic hours and events: a small RFC 5545 subset (FREQ=WEEKLY|MONTHLY with BYDAY),
 * next occurrence on or after an as-of date, and plain-English descriptions. Pure: the as-of
 * date is always passed in.
 */
const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const DAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface ByDay {
  /** 1..5 = nth weekday of the month, -1 = last; undefined = every such weekday. */
  ord?: number;
  day: number;
}

export interface Rule {
  freq: 'WEEKLY' | 'MONTHLY';
  byday: ByDay[];
}

export function parseRule(rrule: string): Rule | undefined {
  const parts = new Map<string, string>();
  for (const p of rrule.split(';')) {
    const [k, v] = p.split('=');
    if (!k || v === undefined) return undefined;
    parts.set(k.toUpperCase(), v.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY') return undefined;
  const byday: ByDay[] = [];
  const raw = parts.get('BYDAY');
  if (raw) {
    for (const item of raw.split(',')) {
      const m = /^(-1|[1-5])?(SU|MO|TU|WE|TH|FR|SA)$/.exec(item);
      if (!m) return undefined;
      const day = DAYS.indexOf(m[2] as (typeof DAYS)[number]);
      byday.push(m[1] ? { ord: Number(m[1]), day } : { day });
    }
  }
  for (const k of parts.keys()) if (k !== 'FREQ' && k !== 'BYDAY') return undefined;
  return { freq, byday };
}

/** Days since the epoch for a YYYY-MM-DD string (UTC, so no time-zone drift). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / 86_400_000);
}

export function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return dateOf(dayNumber(s)) === s;
}

function matches(rule: Rule, day: number): boolean {
  const d = new Date(day * 86_400_000);
  const dow = d.getUTCDay();
  if (rule.freq === 'WEEKLY') return rule.byday.some((b) => b.day === dow);
  const dom = d.getUTCDate();
  const dim = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  return rule.byday.some((b) => {
    if (b.day !== dow) return false;
    if (b.ord === undefined) return true;
    if (b.ord === -1) return dom + 7 > dim;
    return Math.ceil(dom / 7) === b.ord;
  });
}

/**
 * The first date on or after `from` that the rule hits, inside [validFrom, validTo], within
 * `horizonDays`. `null` when the rule names no day (e.g. plain FREQ=MONTHLY) or nothing falls
 * inside the window.
 */
export function nextOccurrence(
  rule: Rule,
  from: string,
  validFrom?: string | null,
  validTo?: string | null,
  horizonDays = 400,
): string | null {
  if (rule.byday.length === 0) return null;
  let start = dayNumber(from);
  if (validFrom) start = Math.max(start, dayNumber(validFrom));
  let end = dayNumber(from) + horizonDays;
  if (validTo) end = Math.min(end, dayNumber(validTo));
  for (let d = start; d <= end; d++) if (matches(rule, d)) return dateOf(d);
  return null;
}

const DAY_SHORT_ES = ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'];
const DAY_LONG_ES = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];
const ORD_ES = ['', 'primer', 'segundo', 'tercer', 'cuarto', 'quinto'];

function ordinal(n: number, lang: 'en' | 'es'): string {
  if (lang === 'es') return n === -1 ? 'último' : (ORD_ES[n] ?? `${n}.º`);
  if (n === -1) return 'last';
  return `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
}

function joinWords(words: string[], lang: 'en' | 'es' = 'en'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${lang === 'es' ? 'y' : 'and'} ${words[words.length - 1]}`;
}

/** "Mon–Thu", "2nd and 4th Wednesday of the month", "monthly" (Spanish with lang 'es'). */
export function describeRule(rrule: string, lang: 'en' | 'es' = 'en'): string {
  const rule = parseRule(rrule);
  if (!rule) return rrule;
  const es = lang === 'es';
  if (rule.byday.length === 0) return rule.freq === 'WEEKLY' ? (es ? 'semanal' : 'weekly') : es ? 'mensual' : 'monthly';
  const short = es ? DAY_SHORT_ES : DAY_SHORT;
  const long = es ? DAY_LONG_ES : DAY_LONG;
  if (rule.freq === 'WEEKLY' || rule.byday.every((b) => b.ord === undefined)) {
    const days = [...new Set(rule.byday.map((b) => b.day))].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    // Collapse runs of consecutive weekdays (Mon..Sun order).
    const order = days.map((d) => (d + 6) % 7);
    const runs: string[] = [];
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1] === order[j]! + 1) j++;
      const a = short[(order[i]! + 1) % 7]!;
      const b = short[(order[j]! + 1) % 7]!;
      runs.push(j - i >= 2 ? `${a}–${b}` : j > i ? `${a}, ${b}` : a);
      i = j + 1;
    }
    const text = runs.join(', ');
    return rule.freq === 'WEEKLY' ? text : es ? `cada ${text}` : `every ${text}`;
  }
  const byDay = new Map<number, number[]>();
  for (const b of rule.byday) byDay.set(b.day, [...(byDay.get(b.day) ?? []), b.ord ?? 0]);
  if (es) {
    const parts = [...byDay.entries()].map(([day, ords]) => `${joinWords(ords.map((o) => ordinal(o, 'es')), 'es')} ${long[day]}`);
    return `${joinWords(parts, 'es')} de cada mes`;
  }
  const parts = [...byDay.entries()].map(([day, ords]) => `${joinWords(ords.map((o) => ordinal(o, 'en')))} ${long[day]}`);
  return `${joinWords(parts)} of the month`;
}

export function describeHours(
  h: { rrule?: string | null; opens?: string | null; closes?: string | null; note?: string },
  lang: 'en' | 'es' = 'en',
  tr: (s: string) => string = (s) => s,
): string {
  const es = lang === 'es';
  const days = h.rrule ? describeRule(h.rrule, lang) : '';
  const time =
    h.opens && h.closes ? `${h.opens}–${h.closes}` : h.opens ? `${es ? 'desde las' : 'from'} ${h.opens}` : h.closes ? `${es ? 'hasta las' : 'until'} ${h.closes}` : '';
  const main = [days, time].filter(Boolean).join(' ');
  const note = h.note ? tr(h.note) : undefined;
  return [main, note].filter(Boolean).join(main && note ? ' — ' : '');
}
