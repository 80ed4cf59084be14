/**
 * Reading what a person types: dates (exact or partial), amounts of cannabis, and "I don't know".
 * Pure: the as-of date is passed in. Messages come back in English and Spanish.
 */
import { daysInMonth, isIsoDate } from './dates.js';
import type { IsoDate, Lang, Text } from './types.js';

/** A date as answered: one day, or every day of a month or a year (clamped to the as-of date). */
export interface DateAnswer {
  from: IsoDate;
  to: IsoDate;
  precision: 'day' | 'month' | 'year';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: Text };

const DONT_KNOW = new Set([
  '?', '??', 'idk', "i don't know", 'i dont know', "don't know", 'dont know', 'not sure', 'unknown', 'no idea',
  'no sé', 'no se', 'nose', 'no lo sé', 'no lo se', 'no estoy seguro', 'no estoy segura', 'desconocido',
]);

/** True for the ways people say "I don't know" (in English or Spanish). */
export function isDontKnow(s: string): boolean {
  return DONT_KNOW.has(s.trim().toLowerCase().replace(/[’`]/g, "'").replace(/[.!]+$/, ''));
}

const MONTHS: Record<string, number> = {};
const addMonths = (names: string[]) => names.forEach((n, i) => (MONTHS[n] = i + 1));
addMonths(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
addMonths(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);
addMonths(['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre']);
addMonths(['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic']);
MONTHS['sept'] = 9;
MONTHS['setiembre'] = 9;
MONTHS['set'] = 9;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

const DATE_HELP: Text = {
  en: 'Write a date like 2015-03-02, 3/2/2015, March 2015 or 2015 (or ? if you do not know).',
  es: 'Escriba una fecha como 2015-03-02, 3/2/2015, marzo 2015 o 2015 (o ? si no sabe).',
};

/** Facts whose date may lie ahead (a planned end); every other date is of something that happened. */
export const FUTURE_DATES = new Set(['sentence_end_planned']);

function build(y: number, m: number | undefined, d: number | undefined, asOf: IsoDate, future = false): Parsed<DateAnswer> {
  if (y < 1900 || y > 2100) return { ok: false, error: { en: `${y} does not look like a year. ${DATE_HELP.en}`, es: `${y} no parece un año. ${DATE_HELP.es}` } };
  if (m !== undefined && (m < 1 || m > 12)) return { ok: false, error: { en: `There is no month ${m}. ${DATE_HELP.en}`, es: `No existe el mes ${m}. ${DATE_HELP.es}` } };
  let from: string;
  let to: string;
  let precision: DateAnswer['precision'];
  if (m === undefined) {
    from = iso(y, 1, 1);
    to = iso(y, 12, 31);
    precision = 'year';
  } else if (d === undefined) {
    from = iso(y, m, 1);
    to = iso(y, m, daysInMonth(y, m));
    precision = 'month';
  } else {
    from = to = iso(y, m, d);
    precision = 'day';
    if (!isIsoDate(from)) {
      return { ok: false, error: { en: `${from} is not a real day of the calendar.`, es: `${from} no es un día real del calendario.` } };
    }
  }
  if (future) return { ok: true, value: { from, to, precision } };
  if (from > asOf) {
    return { ok: false, error: { en: `That is after today (${asOf}). Please check the year.`, es: `Eso es después de hoy (${asOf}). Revise el año.` } };
  }
  if (to > asOf) to = asOf;
  return { ok: true, value: { from, to, precision } };
}

/**
 * Accepts 2015-03-02 (also 2015/03/02), 3/2/2015 (month/day/year, as on US court papers), 2015-03, 3/2015,
 * "March 2015", "March 2, 2015", "2 March 2015", "marzo de 2015", "2 de marzo de 2015", 2015.
 */
export function parseDateInput(input: string, asOf: IsoDate, future = false): Parsed<DateAnswer> {
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ').replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) return build(+m[1]!, +m[2]!, +m[3]!, asOf, future);
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) return build(+m[1]!, +m[2]!, undefined, asOf, future);
  if ((m = /^(\d{4})$/.exec(s))) return build(+m[1]!, undefined, undefined, asOf, future);
  // year first with slashes or dots (2015/03/02, 2015.03): always year, month, day
  if ((m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s))) return build(+m[1]!, +m[2]!, +m[3]!, asOf, future);
  if ((m = /^(\d{4})[/.](\d{1,2})$/.exec(s))) return build(+m[1]!, +m[2]!, undefined, asOf, future);
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(s))) {
    return build(fullYear(m[3]!, asOf), +m[1]!, +m[2]!, asOf, future);
  }
  if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(s))) return build(+m[2]!, +m[1]!, undefined, asOf, future);
  // Words: "march 2015", "march 2 2015", "2 march 2015", "2 de marzo de 2015", "marzo de 2015"
  const words = s.replace(/\bde\b/g, ' ').replace(/\bdel\b/g, ' ').replace(/(\d)(st|nd|rd|th)\b/g, '$1').replace(/\./g, '').replace(/\s+/g, ' ').trim();
  if ((m = /^([a-zé]+) (\d{4})$/.exec(words)) && MONTHS[m[1]!]) return build(+m[2]!, MONTHS[m[1]!], undefined, asOf, future);
  if ((m = /^([a-zé]+) (\d{1,2}) (\d{4})$/.exec(words)) && MONTHS[m[1]!]) return build(+m[3]!, MONTHS[m[1]!], +m[2]!, asOf, future);
  if ((m = /^(\d{1,2}) ([a-zé]+) (\d{4})$/.exec(words)) && MONTHS[m[2]!]) return build(+m[3]!, MONTHS[m[2]!], +m[1]!, asOf, future);
  return { ok: false, error: DATE_HELP };
}

function fullYear(y: string, asOf: IsoDate): number {
  if (y.length === 4) return +y;
  const n = +y;
  const century = Math.floor(+asOf.slice(0, 4) / 100) * 100;
  return century + n > +asOf.slice(0, 4) ? century - 100 + n : century + n;
}

/** How an answered date is stored in an answers file: YYYY-MM-DD, YYYY-MM or YYYY. */
export function dateAnswerText(d: DateAnswer): string {
  if (d.precision === 'day') return d.from;
  if (d.precision === 'month') return d.from.slice(0, 7);
  return d.from.slice(0, 4);
}

/** Reads a stored date (YYYY-MM-DD, YYYY-MM, YYYY) back; anything else is not a date answer. */
export function storedDate(value: unknown, asOf: IsoDate, future = false): DateAnswer | undefined {
  if (typeof value !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return undefined;
  const r = parseDateInput(value, asOf, future);
  return r.ok ? r.value : undefined;
}

export const GRAMS_PER_OUNCE = 28.35;

/** More than this many grams is no cannabis charge a screening concerns: a typing mistake. */
export const MAX_GRAMS = 1_000_000;

/**
 * A number as people write it in the screening's language: "1,000" is a thousand in English;
 * "1,5" is one and a half; "1.000" or "1,000" in Spanish may be either, so it is asked again.
 * Returns the number, or why it cannot be read.
 */
function readNumber(t: string, lang: Lang): { value: number } | { ambiguous: [number, number] } | undefined {
  if (/^\d+$/.test(t)) return { value: +t };
  // grouped thousands, optionally with decimals: 1,000 / 12,500.5 / 1.000.000 / 1.234,5
  let m = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/.exec(t);
  if (m && (m[2] !== undefined || m[1]!.split(',').length > 2 || lang === 'en')) return { value: +`${m[1]!.replace(/,/g, '')}.${m[2] ?? 0}` };
  m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(t);
  if (m && (m[2] !== undefined || m[1]!.split('.').length > 2)) return { value: +`${m[1]!.replace(/\./g, '')}.${m[2] ?? 0}` };
  // one separator followed by exactly three digits: a thousand, or a decimal?
  m = /^(\d{1,3})[.,](\d{3})$/.exec(t);
  if (m) {
    return { ambiguous: [+`${m[1]}${m[2]}`, +`${m[1]}.${m[2]}`] };
  }
  // a decimal with a point or a comma
  m = /^(\d+)[.,](\d+)$/.exec(t);
  if (m) return { value: +`${m[1]}.${m[2]}` };
  return undefined;
}

const UNITS: [string[], number][] = [
  [['', 'g', 'gr', 'grs', 'gram', 'grams', 'gramo', 'gramos', 'gm', 'gms'], 1],
  [['oz', 'ozs', 'ounce', 'ounces', 'onza', 'onzas'], GRAMS_PER_OUNCE],
  [['kg', 'kilo', 'kilos', 'kilogram', 'kilograms', 'kilogramo', 'kilogramos'], 1000],
  [['lb', 'lbs', 'pound', 'pounds', 'libra', 'libras'], 453.59],
];

/**
 * "20", "20 g", "20 grams", "1 oz", "1.5 ounces", "media onza", "1/2 oz", "15 gramos", "1,000 g".
 * Grams when no unit. Refuses what cannot be meant: a bare fraction or something that reads as a
 * date ("3/2016"), an amount too large for any cannabis charge, and, in Spanish, a number that may
 * be a thousand or a decimal ("1.000").
 */
export function parseAmount(input: string, lang: Lang = 'en'): Parsed<number> {
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const help: Text = {
    en: 'Write an amount like 20 g or 1 oz (1 ounce = 28.35 grams), or ? if you do not know.',
    es: 'Escriba una cantidad como 20 g o 1 oz (1 onza = 28.35 gramos), o ? si no sabe.',
  };
  if (/^(half|a half|half an|half a|media)( an| a)? (oz|ounce|onza)s?$/.test(s)) return { ok: true, value: round(GRAMS_PER_OUNCE / 2) };
  const m = /^([\d.,]+|\d+\/\d+)\s*([a-z]*)$/.exec(s);
  if (!m) return { ok: false, error: help };
  const unit = m[2]!;
  const factor = UNITS.find(([names]) => names.includes(unit))?.[1];
  if (factor === undefined) return { ok: false, error: help };
  let num: number;
  if (m[1]!.includes('/')) {
    const [a, b] = m[1]!.split('/').map(Number) as [number, number];
    // "3/2016" or "3/16" with no unit reads as a date, not an amount
    if (unit === '' || b === 0 || b > 64) {
      return { ok: false, error: { en: `"${input.trim()}" looks like a date, not an amount. ${help.en}`, es: `"${input.trim()}" parece una fecha, no una cantidad. ${help.es}` } };
    }
    num = a / b;
  } else {
    const n = readNumber(m[1]!, lang);
    if (!n) return { ok: false, error: help };
    if ('ambiguous' in n) {
      const [big, small] = n.ambiguous;
      const u = unit || 'g';
      return {
        ok: false,
        error: {
          en: `Is that ${big} ${u} or ${small} ${u}? Write it without a separator, like ${big} ${u} or ${small} ${u}.`,
          es: `¿Es ${big} ${u} o ${String(small).replace('.', ',')} ${u}? Escríbalo sin separador de miles, como ${big} ${u}, o con coma decimal, como ${String(small).replace('.', ',')} ${u}.`,
        },
      };
    }
    num = n.value;
  }
  if (!Number.isFinite(num) || num < 0) return { ok: false, error: help };
  const grams = round(num * factor);
  if (grams > MAX_GRAMS) {
    return {
      ok: false,
      error: {
        en: `${grams.toLocaleString('en-US')} grams is more than a tonne: please check the amount. ${help.en}`,
        es: `${grams.toLocaleString('es-US')} gramos es más de una tonelada: revise la cantidad. ${help.es}`,
      },
    };
  }
  return { ok: true, value: grams };
}

const round = (n: number) => Math.round(n * 100) / 100;
