/**
 * Refuse what cannot be meant: nothing is silently bent into another value. The questionnaire's
 * amount reader asks again (with an example) for a bare fraction or date, an amount no cannabis
 * charge could concern, or a number that may be a thousand or a decimal; a case file gets a row
 * error naming the person, charge and field.
 */
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../src/core/parse-answer.js';
import { fairshot } from './helpers/cli.js';

describe('amounts typed in the questionnaire', () => {
  it('reads numbers the way people in the screening language write them', () => {
    expect(parseAmount('1,000 g', 'en')).toEqual({ ok: true, value: 1000 });
    expect(parseAmount('12,500.5 g', 'en')).toEqual({ ok: true, value: 12500.5 });
    expect(parseAmount('1,5 g', 'es')).toEqual({ ok: true, value: 1.5 });
    expect(parseAmount('1.234,5 gramos', 'es')).toEqual({ ok: true, value: 1234.5 });
    expect(parseAmount('1/2 oz')).toEqual({ ok: true, value: 14.18 });
  });
  it('asks again when a number may be a thousand or a decimal, saying both readings', () => {
    for (const [s, lang] of [['1,000 g', 'es'], ['1.000', 'es'], ['1.000 g', 'en']] as const) {
      const r = parseAmount(s, lang);
      expect(r.ok, `${s} ${lang}`).toBe(false);
      if (!r.ok) expect(r.error.en).toMatch(/Is that 1000 g or 1 g\?/);
    }
  });
  it('a bare fraction or a month/year is not an amount', () => {
    for (const s of ['3/2016', '3/16']) {
      const r = parseAmount(s);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.en).toMatch(/looks like a date, not an amount.*20 g or 1 oz/);
    }
  });
  it('an amount no cannabis charge could concern is refused with an example', () => {
    const r = parseAmount('2000 kg');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.en).toMatch(/more than a tonne/);
  });
});

describe('case files: a row error naming person, charge and field', () => {
  const person = (charge: object, extra: object = {}) =>
    JSON.stringify({ id: 'p7', state: 'IL', ...extra, charges: [{ category: 'cannabis_possession', disposition: 'dismissed', arrest_date: '2017-03-04', ...charge }] });
  it('an implausible amount', () => {
    const r = fairshot(['check', '-', '--as-of', '2026-12-06', '--json', '--no-clinics'], { input: person({ cannabis_grams: 5_000_000 }) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors).toEqual([expect.objectContaining({ charge: 0, field: 'cannabis_grams', message: expect.stringMatching(/more than a tonne/) })]);
  });
  it('a date before the birth date', () => {
    const r = fairshot(['check', '-', '--as-of', '2026-12-06', '--json', '--no-clinics'], { input: person({}, { birth_date: '1999-05-01', arrest_date: undefined }) .replace('"arrest_date":"2017-03-04"', '"arrest_date":"1998-03-04"') });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors).toEqual([expect.objectContaining({ charge: 0, field: 'arrest_date', message: '1998-03-04 is before the birth date 1999-05-01' })]);
  });
  it('a fraction given as the amount is not a number', () => {
    const r = fairshot(['check', '-', '--as-of', '2026-12-06', '--json', '--no-clinics'], { input: person({ cannabis_grams: '3/2016' }) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ field: 'cannabis_grams' });
  });
});
