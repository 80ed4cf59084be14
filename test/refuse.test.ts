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

describe('types and values that cannot be meant (robustness L4, L9)', () => {
  const run = (p: object, args: string[] = []) => fairshot(['check', '-', '--as-of', '2026-12-06', '--json', '--no-clinics', ...args], { input: JSON.stringify(p) });
  const base = { id: 'p9', state: 'IL', charges: [{ category: 'theft', disposition: 'convicted', disposition_date: '2019-01-01' }] };
  it('a list where one value belongs is an error naming the field', () => {
    const r = run({ ...base, charges: [{ ...base.charges[0], category: ['theft'] }] });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ field: 'category', message: 'expected one value, found a list' });
  });
  it('"0x1e" is not read as 30 grams', () => {
    const r = run({ ...base, charges: [{ ...base.charges[0], cannabis_grams: '0x1e' }] });
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ field: 'cannabis_grams', message: '"0x1e" is not a number' });
  });
  it('a sentence finished before the case ended, and a prior relief in the future, are errors', () => {
    let r = run({ ...base, charges: [{ ...base.charges[0], sentence_completed_date: '2018-01-01' }] });
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ field: 'sentence_completed_date', message: '2018-01-01 is before the disposition date 2019-01-01' });
    r = run({ ...base, prior_relief: [{ kind: 'sealing', date: '2030-01-01' }] });
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ field: 'prior_relief' });
  });
  it('a screening date past 2999 is refused, not misjudged (waits would run past year 9999)', () => {
    const r = fairshot(['check', '-', '--as-of', '9999-12-31', '--json'], { input: JSON.stringify(base) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/9999-12-31 is after 2999-12-31, the latest day fairshot judges on/);
    const own = run({ ...base, as_of: '9999-12-31' });
    expect(JSON.parse(own.stdout).errors[0]).toMatchObject({ field: 'as_of' });
  });
});
