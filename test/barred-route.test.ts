/**
 * When the answer shown is an undecided route that may not concern the record at all (a pardon
 * nobody mentioned), the route that surely does and says no is said too, with its reason: that
 * reason (a fine still owed) is what the person can act on. Through the built binary, on the real
 * Georgia rules (O.C.G.A. 35-3-37(j)(4): "completed the terms of his or her sentence").
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fairshot } from './helpers/cli.js';

const AS_OF = '2026-12-06';
// A Georgia misdemeanor theft conviction, probation over in 2019; the pardon is not mentioned.
const person = (finesPaid: boolean) =>
  JSON.stringify({
    id: 'a',
    state: 'GA',
    charges: [
      {
        category: 'theft',
        level: 'misdemeanor',
        disposition: 'convicted',
        disposition_date: '2018-03-01',
        offense_date: '2017-10-01',
        arrest_date: '2017-10-01',
        sentence_type: 'probation',
        sentence_completed: true,
        sentence_completed_date: '2019-03-01',
        fines_paid: finesPaid,
      },
    ],
  });

type Slot = { status: string; rule: string | null; reasons: string[] };
const sealing = (stdout: string): Slot => JSON.parse(stdout).charges[0].relief.sealing as Slot;

describe('an undecided route shown, a barred route that surely applies said too', () => {
  it('a fine still owed: the pardon route is shown, and the misdemeanor route says why it is not open', () => {
    const r = fairshot(['check', '-', '--json', '--no-clinics', '--as-of', AS_OF], { input: person(false) });
    expect(r.code).toBe(0);
    const s = sealing(r.stdout);
    expect(s.status).toBe('needs_review');
    expect(s.rule).toBe('GA.pardon-restriction');
    const line = s.reasons.find((x) => x.startsWith('Another route, record restriction of a misdemeanor conviction, is not open:'));
    expect(line).toMatch(/must be paid before you can petition/);
    // once, after the shown route's own reasons
    expect(s.reasons.filter((x) => x.startsWith('Another route')).length).toBe(1);
    expect(s.reasons.indexOf(line!)).toBeGreaterThan(0);
  });

  it('the same in Spanish, and in the table a person reads', () => {
    const es = fairshot(['--lang', 'es', 'check', '-', '--json', '--no-clinics', '--as-of', AS_OF], { input: person(false) });
    expect(sealing(es.stdout).reasons.some((x) => x.startsWith('Otra vía, ') && /no está abierta: /.test(x))).toBe(true);
    const table = fairshot(['check', '-', '--format', 'table', '--no-clinics', '--as-of', AS_OF], { input: person(false) });
    expect(table.stdout.replace(/\s+/g, ' ')).toMatch(/Another route, record restriction of a misdemeanor conviction, is not open: A fine/);
  });

  it('the take-home handout says it too, in English and Spanish', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairshot-barred-'));
    const text = (lang: string) => {
      const f = join(dir, `${lang}.html`);
      const r = fairshot(['--lang', lang, 'check', '-', '--handout', f, '--no-clinics', '--as-of', AS_OF], { input: person(false) });
      expect(r.code).toBe(0);
      return readFileSync(f, 'utf8').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
    };
    expect(text('en')).toMatch(/Another route, not open: record restriction of a misdemeanor conviction — A fine, fees or restitution/);
    expect(text('es')).toMatch(/Otra vía, no abierta: restricción del registro de una condena por delito menor — Una multa/);
  });

  it('the fine paid: that route answers, and no such line', () => {
    const r = fairshot(['check', '-', '--json', '--no-clinics', '--as-of', AS_OF], { input: person(true) });
    const s = sealing(r.stdout);
    expect(s.rule).toBe('GA.misdemeanor-restriction');
    expect(s.status).not.toBe('not_eligible');
    expect(s.reasons.join(' ')).not.toMatch(/Another route/);
  });
});
