/**
 * The CSV writer's shortcuts that make less garbage per charge (twelfth session, issue 21): the
 * reasons cell put together from the reasons, and a relief's head cells (kind through citation)
 * used again for the same rule and answer. Both must give csv-stringify's text, byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonResult, ReliefKind, ReliefSlot } from '../src/core/types.js';
import { CSV_COLUMNS, CSV_STRINGIFY_OPTIONS, csvCellEncoder, makeWriter, reasonsCell } from '../src/io/write-results.js';

// texts made of the characters that matter: delimiters, quotes, line breaks, formula starts
// (plain and full-width), the joiner's own characters, spaces, accents
const ch = fc.constantFrom(...'ab ,."\n\r\t-=+@|é\uFF1D\uFF0B\uFF0D\uFF20'.split(''), 'x');
const text = fc.oneof(fc.array(ch, { maxLength: 50 }).map((a) => a.join('')), fc.constantFrom('', '-', '=x', 'plain words', 'a, b', '(§ 5/1)'));

describe('the reasons cell', () => {
  it('is what csv-stringify writes for the reasons joined by " | "', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const encode = await csvCellEncoder();
    let made = 0;
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), (reasons) => {
        const want = stringify([[reasons.join(' | ')]], CSV_STRINGIFY_OPTIONS).slice(0, -1);
        expect(reasonsCell(encode, reasons)).toBe(want);
        if (reasons.length > 1 && reasons[0] !== '' && !reasons.some((r) => r.includes('"'))) made++;
      }),
      { numRuns: 3000 },
    );
    expect(made).toBeGreaterThan(500); // the put-together path, not only the library's
  });
});

describe('a relief written again for the same rule', () => {
  it('is rewritten whenever any of its cells changes', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const kinds: ReliefKind[] = ['expungement', 'sealing', 'set_aside'];
    // a few rules, each answering with any of a few statuses, dates, names and citations, in any
    // order: charge after charge, the same rule comes back with one field or another changed
    const slot: fc.Arbitrary<ReliefSlot> = fc.record({
      status: fc.constantFrom('eligible', 'eligible_on', 'needs_review', 'not_eligible'),
      date: fc.constantFrom(null, '2027-01-01', '2028-05-05'),
      automatic: fc.boolean(),
      rule: fc.constantFrom(null, 'il-a', 'il-b'),
      name: fc.constantFrom(null, 'Name', 'Other, name', '=name'),
      citation: fc.constantFrom(null, '20 ILCS 2630/5.2', 'cite "q"'),
      reasons: fc.array(text, { maxLength: 3 }),
      depends_on: fc.constant([]),
    }) as fc.Arbitrary<ReliefSlot>;
    const charge = fc.tuple(slot, slot, slot);
    await fc.assert(
      fc.asyncProperty(fc.array(charge, { minLength: 1, maxLength: 12 }), async (charges) => {
        let out = '';
        const w = await makeWriter('csv', (t) => (out += t), undefined, true, undefined, 0);
        const r: PersonResult = {
          id: 'p1',
          as_of: '2026-11-28',
          state: 'IL',
          charges: charges.map(([a, b, c], index) => ({ index, relief: { expungement: a, sealing: b, set_aside: c }, rules: [] })),
          voting: null,
          clinics: [],
          warnings: [],
          errors: [],
        };
        w.write(r);
        w.end();
        const rows: (string | number | boolean | null)[][] = [[...CSV_COLUMNS]];
        for (const [i, c] of charges.entries()) {
          c.forEach((s, k) => {
            rows.push(['p1', '2026-11-28', 'IL', i + 1, kinds[k]!, s.status, s.date, s.automatic, s.rule, s.name, s.citation, s.reasons.join(' | '), null, null]);
          });
        }
        expect(out).toBe(stringify(rows, CSV_STRINGIFY_OPTIONS));
      }),
      { numRuns: 400 },
    );
  });
});
