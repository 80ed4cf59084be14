/**
 * The line guard in front of the batch readers: however the input is cut into chunks, lines up
 * to the limit pass through byte for byte, every longer line becomes one stand-in line naming
 * its row and length, and the first line is reported once.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvGuard, csvStandIn, LineGuard } from '../src/io/line-guard.js';
import { parse } from 'csv-parse/sync';
import { CSV_PARSE_OPTIONS } from '../src/io/read-records.js';

async function guard(chunks: Buffer[], max: number) {
  let first: string | undefined;
  let firstCalls = 0;
  const g = new LineGuard({
    maxLineBytes: max,
    replace: (prefix, line) => `LONG row=${line.row} bytes=${line.bytes} starts=${prefix.subarray(0, 3).toString('hex')}`,
    onFirstLine: (l) => {
      first = l.toString('latin1');
      firstCalls++;
    },
  });
  const parts: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from(chunks).pipe(g).on('data', (b: Buffer) => parts.push(b)).on('end', resolve).on('error', reject);
  });
  return { text: Buffer.concat(parts).toString('latin1'), first, firstCalls, overlong: [...g.overlong.values()], bytes: g.bytes };
}

/** What the guard should give: computed line by line, without chunks. */
function expected(lines: string[], endsWithNl: boolean, max: number) {
  const out = lines.map((l, i) => {
    const isLast = i === lines.length - 1;
    const body = l;
    if (body.length > max) return `LONG row=${i + 1} bytes=${body.length} starts=${Buffer.from(body.slice(0, 3), 'latin1').toString('hex')}\n`;
    return isLast && !endsWithNl ? body : `${body}\n`;
  });
  return out.join('');
}

describe('LineGuard', () => {
  it('gives the same lines whatever the chunking, and stands in for each overlong line', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\r', 'é'), maxLength: 40 }).map((s) => Buffer.from(s, 'utf8').toString('latin1'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 3, max: 30 }), // at least the 3 bytes the stand-in quotes (in use it is 16 MB)
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        async (lines, endsWithNl, max, cuts) => {
          const text = lines.join('\n') + (endsWithNl ? '\n' : '');
          const all = Buffer.from(text, 'latin1');
          const chunks: Buffer[] = [];
          for (let pos = 0, i = 0; pos < all.length; i++) {
            const n = cuts[i % cuts.length]!;
            chunks.push(all.subarray(pos, pos + n));
            pos += n;
          }
          const r = await guard(chunks, max);
          // a final empty "line" after the last newline is not a line
          const real = endsWithNl || lines.at(-1) === '' ? lines.slice(0, endsWithNl ? lines.length : -1) : lines;
          const want = expected(real, endsWithNl || lines.at(-1) === '', max);
          expect(r.text).toBe(want);
          expect(r.bytes).toBe(all.length);
          expect(r.overlong.map((o) => o.row)).toEqual(real.flatMap((l, i) => (l.length > max ? [i + 1] : [])));
          // the first line is reported once, unless it was too long to hold
          const firstFits = real.length > 0 && real[0]!.length <= max;
          expect(r.firstCalls).toBe(firstFits ? 1 : 0);
          if (firstFits) expect(r.first).toBe(real[0]);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

async function csvGuard(chunks: Buffer[], max: number): Promise<string> {
  const g = new CsvGuard(max);
  const parts: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from(chunks, { objectMode: false }).pipe(g).on('data', (b: Buffer) => parts.push(b)).on('end', resolve).on('error', reject);
  });
  return Buffer.concat(parts).toString('latin1');
}

describe('CsvGuard', () => {
  it('an overlong line cut into 1-byte chunks keeps the same id as read whole (a counterexample fast-check found)', async () => {
    const all = Buffer.from('id,a,b,c\n"a""""""""""",""\n\n', 'latin1');
    const whole = await csvGuard([all], 12);
    const bytes = [...all].map((b) => Buffer.from([b]));
    expect(await csvGuard(bytes, 12)).toBe(whole);
    expect(whole.startsWith('id,a,b,c\n"a"""""""""""')).toBe(true);
  });
  it('gives the same output whatever the chunking, and output csv-parse reads without a quoting error', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ' ', '"', '\n', '\r\n'), maxLength: 12 });
    const quoted = cell.map((c) => `"${c.replace(/"/g, '""')}"`);
    const rowArb = fc.array(fc.oneof(cell, quoted), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(','));
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 12, max: 60 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        async (rows, max, cuts) => {
          const all = Buffer.from(`id,a,b,c\n${rows.join('\n')}\n`, 'latin1');
          const chunks: Buffer[] = [];
          for (let pos = 0, i = 0; pos < all.length; i++) {
            const n = cuts[i % cuts.length]!;
            chunks.push(all.subarray(pos, pos + n));
            pos += n;
          }
          const whole = await csvGuard([all], max);
          expect(await csvGuard(chunks, max)).toBe(whole);
          // the guard leaves nothing csv-parse would refuse for its quotes
          const recs = parse(whole, { ...CSV_PARSE_OPTIONS, info: false }) as string[][];
          for (const r of recs) {
            const p = r.length > 4 ? csvStandIn(r.at(-1)!) : undefined;
            if (p) expect(p.message).toMatch(/unreadable CSV row|MB long/);
          }
        },
      ),
      { numRuns: 800 },
    );
  });
});
