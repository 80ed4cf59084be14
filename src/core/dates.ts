/**
 * Calendar dates as ISO strings, and the one place where periods are added to them.
 *
 * How a period is added (documented in docs/rule-format.md):
 * - "N years" / "N months" land on the same day of the month N years / months later.
 * - When that month has no such day (29 February in a common year; the 31st in a 30-day
 *   month), the rule's `date_rounding` decides: `up` (the default) gives the first day of the
 *   next month, so the full period has always run; `down` gives the last day of the month.
 * - "N days" counts calendar days.
 * The result is the first day the waiting period is over.
 */
import { createRequire } from 'node:module';
import type { LocalDate as LocalDateType } from '@js-joda/core';
import type { IsoDate } from './types.js';

// @js-joda/core takes ~100 ms to load: load it on the first date sum, not at start-up.
const require = createRequire(import.meta.url);
let joda: { LocalDate: typeof LocalDateType } | undefined;
const LocalDateLazy = () => (joda ??= require('@js-joda/core') as { LocalDate: typeof LocalDateType }).LocalDate;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written as YYYY-MM-DD. */
/**
 * The latest screening date fairshot judges on: waiting periods are added to it, and a date past
 * year 9999 cannot be written YYYY-MM-DD, so later days are refused rather than misjudged.
 */
export const MAX_AS_OF = '2999-12-31';

export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export type PeriodUnit = 'day' | 'month' | 'year';
export interface Period {
  n: number;
  unit: PeriodUnit;
}

const PERIOD = /^(\d{1,3}) (day|month|year)s?$/;

export function parsePeriod(s: string): Period | undefined {
  const m = PERIOD.exec(s.trim());
  if (!m) return undefined;
  return { n: Number(m[1]), unit: m[2] as PeriodUnit };
}

const periodCache = new Map<string, Period>();
function cachedPeriod(s: string): Period {
  let p = periodCache.get(s);
  if (!p) {
    p = parsePeriod(s);
    if (!p) throw new Error(`not a period: "${s}"`);
    periodCache.set(s, p);
  }
  return p;
}

/** The first day on which `period` has run from `from`. */
export function addPeriod(from: IsoDate, period: string | Period, rounding: 'up' | 'down' = 'up'): IsoDate {
  const p = typeof period === 'string' ? cachedPeriod(period) : period;
  if (p.n === 0) return from;
  const date = LocalDateLazy().of(Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10)));
  if (p.unit === 'day') return date.plusDays(p.n).toString();
  const moved = p.unit === 'year' ? date.plusYears(p.n) : date.plusMonths(p.n);
  // js-joda clamps to the month's last day; that is `down`.
  if (rounding === 'up' && moved.dayOfMonth() < date.dayOfMonth()) return moved.plusDays(1).toString();
  return moved.toString();
}

export function addDays(from: IsoDate, days: number): IsoDate {
  return LocalDateLazy().of(Number(from.slice(0, 4)), Number(from.slice(5, 7)), Number(from.slice(8, 10))).plusDays(days).toString();
}

/** Whole years from `a` to `b` (age arithmetic: a birthday on 29 Feb counts on 1 Mar). */
export function yearsBetween(a: IsoDate, b: IsoDate): number {
  let years = Number(b.slice(0, 4)) - Number(a.slice(0, 4));
  if (b.slice(5) < a.slice(5)) years -= 1;
  return years;
}

export function maxDate(a: IsoDate | undefined, b: IsoDate | undefined): IsoDate | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}
