/**
 * The take-home summary through the BUILT binary: `check --handout/--ics/--no-personal`,
 * `screen --answers --handout`, `batch --handouts DIR`; the calendar parsed by ical.js; the page
 * rendered by headless Chromium (Debian's chromium, installed by .ci/run) to PDF (pages counted
 * for Letter and A4), to PNG at phone width, and its DOM read back; its network traffic logged.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { fairshot } from './helpers/cli.js';
import { ROOT } from './helpers/rules.js';

const AS_OF = '2026-12-06';
const TYPICAL = join(ROOT, 'examples', 'il-cannabis.json');
const INJECTION = join(ROOT, 'test', 'fixtures', 'handout', 'injection.json');
const LONG = join(ROOT, 'test', 'fixtures', 'handout', 'long.json');
const tmp = mkdtempSync(join(tmpdir(), 'fairshot-handout-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function handout(file: string, extra: string[] = [], lang = 'en') {
  const dir = join(tmp, `h${n++}`);
  mkdirSync(dir);
  const html = join(dir, 'summary.html');
  const r = fairshot(['--lang', lang, 'check', file, '--as-of', AS_OF, '--format', 'json', '--handout', html, ...extra]);
  return { r, dir, html, ics: join(dir, 'summary.ics') };
}
const mode = (f: string) => statSync(f).mode & 0o777;
/** The text a reader sees: tags dropped, entities decoded. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)))
    .replace(/\s+/g, ' ');

describe('check --handout', () => {
  const { r, html, ics } = handout(TYPICAL);
  const page = readFileSync(html, 'utf8');

  it('writes one self-contained page, mode 0600, and says so on stderr; stdout keeps the results', () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Printable summary written to .*summary\.html/);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(mode(html)).toBe(0o600);
    // nothing lies ahead for this person: no calendar file unless asked
    expect(existsSync(ics)).toBe(false);
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toMatch(/<style>[\s\S]*@media print/);
  });

  it('says each verdict, the statute, voting, steps, the three nearest clinics and the not-legal-advice line', () => {
    const t = text(page);
    expect(t).toMatch(/Screened on December 6, 2026/);
    expect(t).toMatch(/fairshot \d+\.\d+\.\d+ · rules IL \d{4}-\d{2}-\d{2}/);
    expect(t).toMatch(/Expungement: May happen automatically: check whether it already happened/);
    expect(t).toMatch(/Sealing: May apply now/);
    expect(t).toMatch(/Expungement: Needs a lawyer's look/);
    expect(t).toMatch(/What would change the answer: a pardon/);
    expect(t).toMatch(/20 ILCS 2630\/5\.2/);
    expect(t).toMatch(/Voting you can vote/);
    expect(page).toMatch(/<h2>Next steps, in order<\/h2><ol>\n<li>Check whether expungement of charge 2 already happened/);
    expect(t).toMatch(/Apply for sealing of charges 1, 2 and 3: File a Request to Expunge and Seal/);
    expect(t).toMatch(/Cabrini Green Legal Aid .*Legal Aid Chicago .*Illinois Legal Aid Online/);
    expect(t).toMatch(/Hours: Mon–Thu 09:00–16:00/);
    expect(t).toMatch(/312-229-6071/);
    expect(t).toMatch(/This is a screening, not legal advice\./);
    // personal data the person entered is there by default
    expect(t).toMatch(/For: example-1 · born May 1, 1990/);
    expect(t).toMatch(/#2014-CR-0101/);
  });

  it('loads nothing and runs nothing: no scripts, no fetched resources, links are plain anchors', () => {
    expect(page).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|<form|@import|url\(/i);
    expect(page).not.toMatch(/\ssrc\s*=/i);
    expect(page).not.toMatch(/\son\w+\s*=/i);
    for (const m of page.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^https?:\/\//);
    for (const m of page.matchAll(/<(\w+)[\s>]/g)) expect(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'span', 'strong', 'div', 'ul', 'ol', 'li', 'a']).toContain(m[1]);
    expect(page).toMatch(/Content-Security-Policy" content="default-src 'none'/);
  });

  it('--no-personal leaves out the id, birth date and case numbers', () => {
    const { r: r2, html: h2 } = handout(TYPICAL, ['--no-personal']);
    expect(r2.code).toBe(0);
    const t = text(readFileSync(h2, 'utf8'));
    expect(t).not.toMatch(/example-1|1990|2014-CR-0101|2017-CM-2240|2021-CF-0033/);
    expect(t).toMatch(/Charge 1: possession of cannabis/);
  });

  it('follows the language: --lang es', () => {
    const { r: r2, html: h2 } = handout(TYPICAL, [], 'es');
    expect(r2.stderr).toMatch(/Resumen para imprimir guardado en/);
    const p = readFileSync(h2, 'utf8');
    expect(p).toMatch(/<html lang="es">/);
    const t = text(p);
    expect(t).toMatch(/Evaluado el 6 de diciembre de 2026/);
    expect(t).toMatch(/Sellado: Puede aplicar ahora/);
    expect(t).toMatch(/Próximos pasos, en orden/);
    expect(t).toMatch(/Esto es una evaluación, no asesoría legal/);
  });

  it('more than one person: usage error, nothing written', () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    const r2 = fairshot(['check', join(ROOT, 'examples', 'people.csv'), '--format', 'json', '--handout', join(dir, 'x.html')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--handouts DIR/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('escaping: text from a case file is text', () => {
  const { r, html, ics } = handout(INJECTION);
  it('a name or offense holding markup prints as text, in the page and the calendar', () => {
    expect(r.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<script|<img|<b>/i);
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    const t = text(page);
    expect(t).toContain('For: <script>alert(1)</script> Ana & "Bo"');
    expect(t).toContain('retail theft <img src=x onerror=alert(1)>');
    expect(t).toContain('#24-CM-<b>9</b>');
    // the calendar carries it as escaped TEXT, read back unchanged
    const cal = new ICAL.Component(ICAL.parse(readFileSync(ics, 'utf8')));
    const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(ev.description).toContain('retail theft <img src=x onerror=alert(1)>');
    expect(ev.description).toContain('#24-CM-<b>9</b>');
  });
});

describe('the calendar file (RFC 5545)', () => {
  const a = handout(LONG);
  const b = handout(LONG);
  const raw = readFileSync(a.ics, 'utf8');
  it('is written beside the handout when a date lies ahead, mode 0600, and said on stderr', () => {
    expect(a.r.code).toBe(0);
    expect(a.r.stderr).toMatch(/Calendar reminders \(\d+\) written to .*summary\.ics/);
    expect(mode(a.ics)).toBe(0o600);
  });
  it('has CRLF lines folded at 75 octets, and parses with ical.js: one event per eligible_on date ahead', () => {
    expect(raw.endsWith('\r\n')).toBe(true);
    const lines = raw.split('\r\n').slice(0, -1);
    for (const l of lines) {
      expect(l).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    }
    const result = JSON.parse(a.r.stdout)[0] as { as_of: string; charges: { index: number; relief: Record<string, { status: string; date: string | null }> }[] };
    const ahead = result.charges.flatMap((c) =>
      Object.entries(c.relief)
        .filter(([, s]) => s.status === 'eligible_on' && s.date! > result.as_of)
        .map(([kind, s]) => ({ n: c.index + 1, kind, date: s.date! })),
    );
    expect(ahead.length).toBeGreaterThan(1);
    const cal = new ICAL.Component(ICAL.parse(raw));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const got = events.map((e) => ({ date: e.startDate.toString(), summary: e.summary, description: e.description }));
    for (const x of ahead) {
      const e = got.find((g) => g.date === x.date && g.summary.includes(`charge ${x.n}`));
      expect(e, `${x.kind} of charge ${x.n} on ${x.date}`).toBeDefined();
      expect(e!.description).toMatch(/may apply to charge \d+/);
      expect(e!.description).toMatch(/What to do: |check whether/);
    }
    for (const e of events) {
      expect(e.startDate.isDate).toBe(true);
      expect(e.uid).toMatch(/@fairshot$/);
    }
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });
  it('in Spanish too: folded on character boundaries (accents are two octets), read back whole', () => {
    const es = handout(LONG, [], 'es');
    const raw2 = readFileSync(es.ics, 'utf8');
    for (const l of raw2.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(raw2).not.toContain('\uFFFD');
    const events = new ICAL.Component(ICAL.parse(raw2)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThan(1);
    expect(events[0]!.summary).toMatch(/^Puede abrirse: /);
    expect(events[0]!.description).toMatch(/Desde hoy puede aplicar .* al cargo \d+/);
    expect(events[0]!.description).toContain('Esto es una evaluación, no asesoría legal.');
  });
  it('the same screening gives the same file (stable UIDs, DTSTAMP from the screening date)', () => {
    expect(readFileSync(b.ics, 'utf8')).toBe(raw);
  });
  it('--ics FILE alone writes only the calendar, even with no date ahead', () => {
    const dir = join(tmp, 'icsonly');
    mkdirSync(dir);
    const f = join(dir, 'me.ics');
    const r = fairshot(['check', TYPICAL, '--as-of', AS_OF, '--format', 'json', '--ics', f]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['me.ics']);
    expect(r.stderr).toMatch(/Calendar with no future dates written to/);
    const cal = new ICAL.Component(ICAL.parse(readFileSync(f, 'utf8')));
    expect(cal.getAllSubcomponents('vevent')).toHaveLength(0);
  });
});

describe('clinic events', () => {
  it("the nearest clinics' upcoming events are on the page and, when dated, in the calendar", () => {
    const { r, html, ics } = handout(join(ROOT, 'test', 'fixtures', 'handout', 'ma-events.json'));
    expect(r.code).toBe(0);
    const t = text(readFileSync(html, 'utf8'));
    expect(t).toMatch(/Events: CORI sealing clinic \(Zoom\) — December 9, 2026 14:00–16:00 — online/);
    const events = new ICAL.Component(ICAL.parse(readFileSync(ics, 'utf8'))).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const e = events.find((x) => x.summary.startsWith('CORI sealing clinic (Zoom)'));
    expect(e?.startDate.toString()).toBe('2026-12-09');
    expect(e?.location).toBe('online');
    expect(e?.description).toMatch(/14:00–16:00/);
  });
});

describe('screen --answers --handout', () => {
  it('writes the handout for the screened person', () => {
    const dir = join(tmp, 'screen');
    mkdirSync(dir);
    const f = join(dir, 'mine.html');
    const r = fairshot(['--lang', 'es', 'screen', '--answers', INJECTION, '--as-of', AS_OF, '--handout', f, '--no-personal']);
    expect(r.code).toBe(0);
    expect(mode(f)).toBe(0o600);
    expect(mode(join(dir, 'mine.ics'))).toBe(0o600);
    const t = text(readFileSync(f, 'utf8'));
    expect(t).toMatch(/Sellado: Puede aplicar desde el 1 de mayo de 2027/);
    expect(t).not.toMatch(/Ana|1991|24-CM/);
  });
});

describe('batch --handouts DIR', () => {
  it('one file per person, named by a safe form of the id, never outside DIR, mode 0600', () => {
    const input = join(tmp, 'people.jsonl');
    const base = JSON.parse(readFileSync(INJECTION, 'utf8')) as Record<string, unknown>;
    const ids = ['p1', '../../escape', '/etc/passwd', 'P1', 'p1', '.hidden', 'con'];
    writeFileSync(input, ids.map((id) => JSON.stringify({ ...base, id })).join('\n') + '\n');
    const dir = join(tmp, 'out', 'handouts');
    mkdirSync(join(tmp, 'out'));
    // a symlink in DIR named like a handout is replaced, never written through
    mkdirSync(dir);
    const victim = join(tmp, 'victim.txt');
    writeFileSync(victim, 'keep');
    symlinkSync(victim, join(dir, 'p1.html'));
    const r = fairshot(['batch', input, '--as-of', AS_OF, '--handouts', dir, '-o', join(tmp, 'out', 'r.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/7 handouts written to/);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(7);
    expect(files.filter((f) => f.endsWith('.ics'))).toHaveLength(7);
    for (const f of files) {
      expect(f).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.(html|ics)$/);
      expect(mode(join(dir, f))).toBe(0o600);
    }
    // P1 and p1 would be one file on a case-blind disk; the same id twice gets two files
    expect(files).toEqual(expect.arrayContaining(['p1.html', 'P1-2.html', 'p1-3.html']));
    // a changed or reserved id gets a hash of itself: two ids never share a file
    expect(files.filter((f) => /^(escape|etc_passwd|hidden|con)-[0-9a-f]{8}\.html$/.test(f))).toHaveLength(4);
    expect(files.some((f) => f.startsWith('.'))).toBe(false);
    expect(readdirSync(join(tmp, 'out')).sort()).toEqual(['handouts', 'r.jsonl']);
    expect(existsSync(join(tmp, 'escape.html'))).toBe(false);
  });
});

// --- In a real browser -------------------------------------------------------------------------

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const hasPdfinfo = spawnSync('pdfinfo', ['-v'], { stdio: 'ignore' }).status === 0;
if (!CHROMIUM) console.warn('test/handout.test.ts: chromium is not installed here; the browser tests are skipped (.ci/run installs it)');

function chromium(args: string[], url: string) {
  const profile = mkdtempSync(join(tmpdir(), 'fairshot-chromium-'));
  try {
    const r = spawnSync(
      CHROMIUM!,
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, ...args, url],
      { encoding: 'utf8', timeout: 90000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.status !== 0) throw new Error(`chromium failed (${r.status}): ${r.stderr.slice(-2000)}`);
    return r.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Pages of a PDF: pdfinfo where installed, else the page objects counted. */
function pages(pdf: string): number {
  if (hasPdfinfo) {
    const out = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    return Number(/Pages:\s+(\d+)/.exec(out)![1]);
  }
  return (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

function printPages(html: string, paper: 'letter' | 'A4'): number {
  const copy = html.replace(/\.html$/, `-${paper}.html`);
  const src = readFileSync(html, 'utf8');
  expect(src).toContain('@page{size:auto;');
  writeFileSync(copy, src.replace('@page{size:auto;', `@page{size:${paper};`));
  const pdf = `${copy}.pdf`;
  chromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`], `file://${copy}`);
  expect(readFileSync(pdf, 'latin1').slice(0, 5)).toBe('%PDF-');
  return pages(pdf);
}

/** The http(s) addresses Chromium asked for while loading a page, its own services left out. */
function fetched(html: string): string[] {
  const log = join(tmp, `net${n++}.json`);
  chromium([`--log-net-log=${log}`, '--dump-dom'], `file://${html}`);
  const events = (JSON.parse(readFileSync(log, 'utf8')) as { events: { params?: { url?: string } }[] }).events;
  const own = /^https?:\/\/([a-z0-9-]+\.)*(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)(:\d+)?\//;
  return [...new Set(events.map((e) => e.params?.url).filter((u): u is string => !!u && /^https?:/.test(u) && !own.test(u)))];
}

describe.skipIf(!CHROMIUM)('the handout in headless Chromium', () => {
  const typical = handout(TYPICAL);
  const typicalEs = handout(TYPICAL, [], 'es');
  const long = handout(LONG);

  it('a typical person fits on one page, US Letter and A4, in English and Spanish', () => {
    for (const h of [typical, typicalEs]) {
      expect(printPages(h.html, 'letter')).toBe(1);
      expect(printPages(h.html, 'A4')).toBe(1);
    }
  });

  it('a long record (8 charges) takes two pages at most', () => {
    expect(printPages(long.html, 'letter')).toBeLessThanOrEqual(2);
    expect(printPages(long.html, 'A4')).toBeLessThanOrEqual(2);
  });

  it('renders: the verdicts and clinic names are in the rendered DOM, and a phone-width screenshot is made', () => {
    const dom = chromium(['--dump-dom'], `file://${typical.html}`);
    const t = text(dom);
    expect(t).toMatch(/Sealing: May apply now/);
    expect(t).toMatch(/Cabrini Green Legal Aid/);
    expect(t).toMatch(/Legal Aid Chicago/);
    const png = join(tmp, 'phone.png');
    chromium(['--window-size=390,844', '--hide-scrollbars', `--screenshot=${png}`], `file://${typical.html}`);
    const head = readFileSync(png);
    expect(head.subarray(1, 4).toString()).toBe('PNG');
    expect(head.readUInt32BE(16)).toBe(390); // PNG width: the page laid out at phone width
  });

  it('markup from a case file stays text in the browser: no element made from it', () => {
    const inj = handout(INJECTION);
    const dom = chromium(['--dump-dom'], `file://${inj.html}`);
    expect(dom).not.toMatch(/<script|<img|<b>/i);
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Ana &amp; "Bo"');
    expect(dom).toContain('retail theft &lt;img src=x onerror=alert(1)&gt;');
  });

  it('fetches nothing from the network (and the check would see a page that did)', () => {
    expect(fetched(typical.html)).toEqual([]);
    const control = join(tmp, 'control.html');
    writeFileSync(control, '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/pixel.png"></body></html>');
    expect(fetched(control)).toContain('http://127.0.0.1:9/pixel.png');
  });
});
