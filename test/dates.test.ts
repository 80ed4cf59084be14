import { describe, expect, it } from 'vitest';
import { addPeriod, isIsoDate, parsePeriod, yearsBetween } from '../src/core/dates.js';

describe('calendar dates', () => {
  it('knows real dates from impossible ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-02-30')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2023-04-31')).toBe(false);
    expect(isIsoDate('2023-4-1')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
  });

  it.each([
    // from, period, rounding, first day the period has run
    ['2024-02-29', '2 years', 'up', '2026-03-01'],
    ['2024-02-29', '2 years', 'down', '2026-02-28'],
    ['2024-02-29', '4 years', 'up', '2028-02-29'],
    ['2023-01-31', '1 month', 'up', '2023-03-01'],
    ['2023-01-31', '1 month', 'down', '2023-02-28'],
    ['2024-01-31', '1 month', 'down', '2024-02-29'],
    ['2023-08-31', '1 month', 'up', '2023-10-01'],
    ['2023-03-15', '3 years', 'up', '2026-03-15'],
    ['2023-12-31', '1 day', 'up', '2024-01-01'],
    ['2023-12-31', '0 days', 'up', '2023-12-31'],
    ['2024-02-28', '1 year', 'up', '2025-02-28'],
  ] as const)('%s + %s (%s) = %s', (from, period, rounding, expected) => {
    expect(addPeriod(from, period, rounding)).toBe(expected);
  });

  it('parses periods as the rule files write them', () => {
    expect(parsePeriod('2 years')).toEqual({ n: 2, unit: 'year' });
    expect(parsePeriod('1 year')).toEqual({ n: 1, unit: 'year' });
    expect(parsePeriod('90 days')).toEqual({ n: 90, unit: 'day' });
    expect(parsePeriod('two years')).toBeUndefined();
  });

  it('counts whole years of age, a 29 February birthday counting on 1 March', () => {
    expect(yearsBetween('2000-02-29', '2025-02-28')).toBe(24);
    expect(yearsBetween('2000-02-29', '2025-03-01')).toBe(25);
    expect(yearsBetween('1990-06-15', '2015-06-14')).toBe(24);
    expect(yearsBetween('1990-06-15', '2015-06-15')).toBe(25);
  });
});
