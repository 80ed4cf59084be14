/**
 * The take-home summary: one self-contained HTML page (inline CSS, no scripts, no fetched
 * resources, system fonts) that a person prints at a clinic table or keeps on a phone.
 * Pure: returns the text of the file. Every piece of text from a case file, a rule file or the
 * clinic directory is escaped; links are plain anchors to http(s) addresses only.
 * Print: US Letter and A4 (the page box is the printer's), one page for a typical record.
 */
import { noteWords } from '../../core/notes.js';
import { barredRoutes, barsOf, rulesInForce } from '../../core/evaluate.js';
import { t } from '../../core/messages.js';
import {
  RELIEF_KINDS,
  type Charge,
  type ClinicRef,
  type DependsOn,
  type IsoDate,
  type Lang,
  type Person,
  type PersonResult,
  type ReliefKind,
  type ReliefSlot,
  type Rule,
  type RuleSet,
} from '../../core/types.js';
import { enumShort, stateLabel } from '../prompts/words.js';
import { escapeHtml as h, safeHref } from './escape.js';
import { words } from './words.js';

/** A clinic as the handout shows it: the contract's ClinicRef plus hours and upcoming events when known. */
export interface HandoutClinic extends ClinicRef {
  hours?: string[];
  events?: { title: string; date: string | null; time: string | null; recurrence?: string | null; where?: string | null; registration?: string | null }[];
}

export interface HandoutOptions {
  lang: Lang;
  rules?: RuleSet;
  person?: Person;
  /** Clinics with hours and events (default: the result's own). */
  clinics?: HandoutClinic[];
  /** fairshot's version, said beside the rules' review dates. */
  version: string;
  /** false (--no-personal): no id, birth date or case numbers. */
  personal: boolean;
  /** A calendar file is written beside the handout (its name, said in the steps). */
  icsName?: string;
}

interface HWords {
  title: string;
  screened: string;
  rulesLine: (version: string, reviewed: string) => string;
  for: string;
  born: string;
  charge: (n: number) => string;
  now: string;
  from: (d: string) => string;
  auto: string;
  autoFrom: (d: string) => string;
  review: string;
  notApply: string;
  notCovered: string;
  law: string;
  why: string;
  change: string;
  notOpen: string;
  voting: string;
  whatToDo: string;
  steps: string;
  clinics: string;
  hours: string;
  events: string;
  noClinics: string;
  stepCheck: (relief: string, n: string, how: string) => string;
  stepFile: (relief: string, n: string, where: string) => string;
  stepWait: (date: string, relief: string, n: string, ics?: string) => string;
  stepReview: (n: string, ask: string) => string;
  charges: (ns: number[]) => string;
  stepClinic: (name: string, phone: string | null) => string;
  stepKeep: string;
  noCharges: string;
  errors: string;
  and: string;
  glossary: string;
}

const en: HWords = {
  title: 'Your record-clearance summary',
  screened: 'Screened on',
  rulesLine: (v, r) => `fairshot ${v} · rules ${r}`,
  for: 'For',
  born: 'born',
  charge: (n) => `Charge ${n}`,
  now: 'May apply now',
  from: (d) => `May apply from ${d}`,
  auto: 'May happen automatically: check whether it already happened',
  autoFrom: (d) => `May happen automatically from ${d}`,
  review: "Needs a lawyer's look",
  notApply: 'Does not appear to apply',
  notCovered: 'Not covered by fairshot',
  law: 'Law',
  why: 'Why',
  change: 'What would change the answer',
  notOpen: 'Another route, not open',
  voting: 'Voting',
  whatToDo: 'What to do',
  steps: 'Next steps, in order',
  clinics: 'Free help nearby',
  hours: 'Hours',
  events: 'Events',
  noClinics: 'No clinic was found for this place; your state court’s self-help center can point you to free help.',
  stepCheck: (r, n, how) => `Check whether ${r} of ${n} already happened${how ? `: ${how}` : '.'}`,
  stepFile: (r, n, where) => `Apply for ${r} of ${n}${where ? `: ${where}` : '.'}`,
  stepWait: (d, r, n, ics) => `On ${d}, ${r} of ${n} may open: apply then${ics ? ` (a reminder is in ${ics})` : ''}.`,
  stepReview: (n, ask) => `Bring this sheet to a free clinic and ask about ${n}${ask ? `: ${ask}` : '.'}`,
  charges: (ns) => (ns.length === 1 ? `charge ${ns[0]}` : `charges ${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`),
  stepClinic: (name, phone) => `Call ${name}${phone ? ` (${phone})` : ''} to confirm before you file.`,
  stepKeep: 'Keep this sheet with your court papers.',
  noCharges: 'No charges were given.',
  errors: 'This record could not be screened',
  and: 'and',
  glossary: 'Words used here',
};

const es: HWords = {
  title: 'Resumen para limpiar su récord',
  screened: 'Evaluado el',
  rulesLine: (v, r) => `fairshot ${v} · reglas ${r}`,
  for: 'Para',
  born: 'nacido/a el',
  charge: (n) => `Cargo ${n}`,
  now: 'Puede aplicar ahora',
  from: (d) => `Puede aplicar desde el ${d}`,
  auto: 'Puede pasar automáticamente: verifique si ya ocurrió',
  autoFrom: (d) => `Puede pasar automáticamente desde el ${d}`,
  review: 'Necesita que lo revise un abogado',
  notApply: 'No parece aplicar',
  notCovered: 'fairshot no lo cubre',
  law: 'Ley',
  why: 'Por qué',
  change: 'Qué cambiaría la respuesta',
  notOpen: 'Otra vía, no abierta',
  voting: 'Voto',
  whatToDo: 'Qué hacer',
  steps: 'Próximos pasos, en orden',
  clinics: 'Ayuda gratis cerca',
  hours: 'Horario',
  events: 'Eventos',
  noClinics: 'No se encontró una clínica para este lugar; el centro de autoayuda del tribunal de su estado puede indicarle ayuda gratis.',
  stepCheck: (r, n, how) => `Verifique si ya ocurrió: ${r} (${n})${how ? `. ${how}` : '.'}`,
  stepFile: (r, n, where) => `Solicite: ${r} (${n})${where ? `. ${where}` : '.'}`,
  stepWait: (d, r, n, ics) => `El ${d} puede abrirse: ${r} (${n}). Solicítelo entonces${ics ? ` (hay un recordatorio en ${ics})` : ''}.`,
  stepReview: (n, ask) => `Lleve esta hoja a una clínica gratuita y pregunte por ${n}${ask ? `: ${ask}` : '.'}`,
  charges: (ns) => (ns.length === 1 ? `cargo ${ns[0]}` : `cargos ${ns.slice(0, -1).join(', ')} y ${ns[ns.length - 1]}`),
  stepClinic: (name, phone) => `Llame a ${name}${phone ? ` (${phone})` : ''} para confirmar antes de presentar.`,
  stepKeep: 'Guarde esta hoja con sus papeles del tribunal.',
  noCharges: 'No se dieron cargos.',
  errors: 'Este registro no se pudo evaluar',
  and: 'y',
  glossary: 'Palabras usadas aquí',
};

export function handoutWords(lang: Lang): HWords {
  return lang === 'es' ? es : en;
}

/** "March 1, 2027" / "1 de marzo de 2027" (a YYYY-MM or odd value is left as written). */
export function longDate(d: string | null | undefined, lang: Lang): string {
  if (!d) return '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  const date = new Date(`${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return d;
  return new Intl.DateTimeFormat(lang === 'es' ? 'es' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function findRule(rules: RuleSet | undefined, id: string | null, asOf: IsoDate): Rule | undefined {
  if (!id) return undefined;
  const jur = rules?.jurisdictions.get(id.slice(0, 2));
  return jur ? rulesInForce(jur, asOf).find((r) => r.id === id) : undefined;
}

/** The charge as the record says it, in the reader's words; case numbers only when personal. */
export function chargeWords(ch: Charge | undefined, lang: Lang, personal: boolean): string {
  if (!ch) return '';
  const parts: string[] = [];
  parts.push(ch.offense ?? (ch.category ? enumShort('category', ch.category, lang) : lang === 'es' ? 'cargo' : 'charge'));
  if (ch.statute) parts.push(ch.statute);
  const lvl = [ch.level ? enumShort('level', ch.level, lang) : undefined, ch.class].filter(Boolean).join(', ');
  if (lvl) parts.push(lvl);
  const disp = ch.disposition ? enumShort('disposition', ch.disposition, lang) : '';
  parts.push([disp, ch.disposition_date ? longDate(ch.disposition_date, lang) : ''].filter(Boolean).join(' '));
  parts.push(ch.court === 'federal' ? enumShort('court', 'federal', lang) : stateLabel(ch.state, lang));
  if (personal && ch.case_number) parts.push(`#${ch.case_number}`);
  return parts.filter(Boolean).join(' · ');
}

/** The verdict of a relief slot in plain words. */
export function verdictWords(s: Pick<ReliefSlot, 'status' | 'date' | 'automatic'>, lang: Lang): string {
  const w = handoutWords(lang);
  switch (s.status) {
    case 'eligible':
      return s.automatic ? w.auto : w.now;
    case 'eligible_on':
      return s.automatic ? w.autoFrom(longDate(s.date, lang)) : w.from(longDate(s.date, lang));
    case 'needs_review':
      return w.review;
    case 'not_eligible':
      return w.notApply;
    default:
      return w.notCovered;
  }
}

function outcomeWords(o: DependsOn['outcomes'][number], lang: Lang): string {
  const status = o.status as ReliefSlot['status'];
  return `${o.words}: ${verdictWords({ status, date: o.date, automatic: false }, lang).toLowerCase()}`;
}

/** Reasons said by depends_on are left out (the "what would change" line says them). */
function plainReasons(s: ReliefSlot, max: number): string[] {
  const labels = s.depends_on.map((d) => d.label);
  return s.reasons.filter((r) => !labels.some((l) => l && r.includes(l))).slice(0, max);
}

const ICON: Record<ReliefSlot['status'], string> = {
  eligible: '✔',
  eligible_on: '◷',
  needs_review: '?',
  not_eligible: '✘',
  not_covered: '–',
};

const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:46rem;padding:1rem;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;font-size:16px;line-height:1.4;color:#111;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.35rem;margin:0 0 .2rem}
h2{font-size:1.05rem;margin:.9rem 0 .3rem;border-bottom:1px solid #999;padding-bottom:.1rem}
h3{font-size:1rem;margin:.6rem 0 .15rem}
p{margin:.15rem 0}
ul,ol{margin:.15rem 0;padding-left:1.3rem}
li{margin:.1rem 0}
.meta{color:#333;font-size:.9rem}
.slot{margin:.15rem 0 .25rem}
.v{font-weight:700}
.d{margin-left:1.3rem;font-size:.92rem;color:#222}
.cite{font-style:italic}
.st-eligible .v,.st-can_vote .v{color:#0a5c1a}
.st-eligible_on .v,.st-not_yet .v{color:#0b4a7a}
.st-needs_review .v,.st-requires_action .v{color:#7a4a00}
.st-not_eligible .v,.st-barred .v{color:#8a1010}
.small{font-size:.85rem;color:#333}
.clinic{margin:.3rem 0}
.legal{margin-top:.8rem;font-size:.85rem;border-top:1px solid #999;padding-top:.3rem}
a{color:#0b4a7a}
@media print{
  @page{size:auto;margin:10mm 11mm}
  body{max-width:none;padding:0;font-size:8.2pt;line-height:1.22}
  h1{font-size:12.5pt}
  h2{font-size:9.8pt;margin:.45rem 0 .15rem;break-after:avoid}
  h3{font-size:9pt;margin:.3rem 0 .05rem;break-after:avoid}
  .d{font-size:7.9pt}
  .small,.meta,.legal{font-size:7.5pt}
  .clinics{columns:3;column-gap:1.2em}
  .clinic{break-inside:avoid;margin:0 0 .2rem}
  .slot,li{break-inside:avoid}
  a{color:#111;text-decoration:none}
}
`;

export function renderHandout(r: PersonResult, o: HandoutOptions): string {
  const lang = o.lang;
  const w = handoutWords(lang);
  const tw = words(lang);
  const person = o.person;
  const out: string[] = [];
  const put = (s: string) => out.push(s);

  // The rules' review dates, per jurisdiction this record touches.
  const codes = [...new Set([r.state, ...(person?.charges.map((c) => c.state) ?? [])].filter((c): c is string => !!c))];
  const reviewed = codes
    .map((c) => {
      const j = o.rules?.jurisdictions.get(c);
      return j ? `${c} ${j.last_reviewed}` : null;
    })
    .filter(Boolean)
    .join(', ');

  put('<!DOCTYPE html>');
  put(`<html lang="${lang}">`);
  put('<head>');
  put('<meta charset="utf-8">');
  put('<meta name="viewport" content="width=device-width, initial-scale=1">');
  // Belt and braces: even a mistake below could load nothing and run nothing.
  put(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">`);
  put('<meta name="referrer" content="no-referrer">');
  put(`<title>${h(w.title)}</title>`);
  put(`<style>${CSS}</style>`);
  put('</head>');
  put('<body>');
  put(`<h1>${h(w.title)}</h1>`);
  const who: string[] = [];
  if (o.personal && r.id && r.id !== 'me') who.push(`${w.for}: ${r.id}`);
  if (o.personal && person?.birth_date) who.push(`${w.born} ${longDate(person.birth_date, lang)}`);
  if (r.state) who.push(stateLabel(r.state, lang));
  put(`<p class="meta">${[...who.map(h), `${h(w.screened)} ${h(longDate(r.as_of, lang))}`].join(' · ')}</p>`);
  put(`<p class="meta small">${h(w.rulesLine(o.version, reviewed || '—'))}</p>`);

  /** Steps grouped by what to do and by which route, so a route shared by charges is said once. */
  const groups = new Map<string, { order: number; charges: number[]; make: (ns: string) => string }>();
  const group = (order: number, key: string, n: number, make: (ns: string) => string) => {
    const g = groups.get(key);
    if (g) {
      if (!g.charges.includes(n)) g.charges.push(n);
    } else groups.set(key, { order, charges: [n], make });
  };
  const steps: string[] = [];

  if (r.errors.length > 0) {
    put(`<h2>${h(w.errors)}</h2><ul>`);
    for (const e of r.errors) put(`<li>${h(e.field ? `${e.field}: ${e.message}` : e.message)}</li>`);
    put('</ul>');
  } else if (r.charges.length === 0) {
    put(`<p>${h(w.noCharges)}</p>`);
  }

  const kindsShown = new Set<ReliefKind>();
  // A kind no charge is covered for is said once, after the charges, not under each.
  const neverCovered = RELIEF_KINDS.filter((k) => r.charges.length > 1 && r.charges.every((cr) => cr.relief[k].status === 'not_covered'));
  for (const cr of r.charges) {
    const n = cr.index + 1;
    const ch = person?.charges[cr.index];
    put(`<h3>${h(w.charge(n))}${ch ? `: ${h(chargeWords(ch, lang, o.personal))}` : ''}</h3>`);
    const notCovered: string[] = [];
    for (const kind of RELIEF_KINDS) {
      const s = cr.relief[kind];
      const relief = tw.kind[kind];
      if (s.status === 'not_covered') {
        if (!neverCovered.includes(kind)) notCovered.push(relief);
        continue;
      }
      kindsShown.add(kind);
      const rule = findRule(o.rules, s.rule, r.as_of);
      put(`<div class="slot st-${s.status}">`);
      put(`<p><span aria-hidden="true">${ICON[s.status]}</span> <span class="v">${h(relief)}: ${h(verdictWords(s, lang))}</span></p>`);
      const details: string[] = [];
      if (s.name || s.citation) details.push(`${h(w.law)}: ${h(s.name ?? '')}${s.citation ? ` — <span class="cite">${h(s.citation)}</span>` : ''}`);
      const check = noteWords(rule, 'check', lang, { person, charge: ch, rules: o.rules });
      const where = noteWords(rule, 'where', lang, { person, charge: ch, rules: o.rules });
      const ask = noteWords(rule, 'ask_a_lawyer', lang, { person, charge: ch, rules: o.rules });
      const reliefLower = relief.toLowerCase();
      if (s.status === 'eligible') {
        if (s.automatic) group(1, `check|${kind}|${check || s.rule}`, n, (ns) => w.stepCheck(reliefLower, ns, check));
        else group(2, `file|${kind}|${where || s.rule}`, n, (ns) => w.stepFile(reliefLower, ns, where));
      } else if (s.status === 'eligible_on') {
        if (s.date && s.date > r.as_of) {
          const date = s.date;
          group(4, `wait|${date}|${kind}|${s.rule}`, n, (ns) => w.stepWait(longDate(date, lang), reliefLower, ns, o.icsName) + (where && !s.automatic ? ` ${tw.whereToFile}: ${where}` : ''));
        }
      } else if (s.status === 'needs_review') {
        for (const d of s.depends_on) {
          details.push(`${h(w.change)}: ${h(d.label)} — ${d.outcomes.map((x) => h(outcomeWords(x, lang))).join('; ')}`);
        }
        // with depends_on the "what would change" lines are the why
        if (!s.depends_on.length) for (const reason of plainReasons(s, 2)) details.push(`${h(w.why)}: ${h(reason)}`);
        // the route surely about this record, and why it is not open (what the person can act on)
        for (const x of barredRoutes(cr.rules, kind, cr.rules.find((y) => y.rule === s.rule))) {
          for (const why of barsOf(x, 1)) details.push(`${h(w.notOpen)}: ${h(x.name)} — ${h(why)}`);
        }
        group(3, `review|${ask}`, n, (ns) => w.stepReview(ns, ask));
      } else if (s.status === 'not_eligible') {
        const why = plainReasons(s, 2);
        if (why.length) details.push(`${h(w.why)}: ${why.map(h).join(' ')}`);
      }
      if (s.depends_on.length && s.status !== 'needs_review') {
        for (const d of s.depends_on) details.push(`${h(w.change)}: ${h(d.label)} — ${d.outcomes.map((x) => h(outcomeWords(x, lang))).join('; ')}`);
      }
      for (const d of details) put(`<p class="d">${d}</p>`);
      put('</div>');
    }
    if (notCovered.length) put(`<p class="d small">${h(w.notCovered)}: ${h(notCovered.join(', '))}</p>`);
  }

  if (neverCovered.length) put(`<p class="d small">${h(w.notCovered)}: ${h(neverCovered.map((k) => tw.kind[k]).join(', '))}</p>`);

  if (r.voting) {
    const v = r.voting;
    put(`<h2>${h(w.voting)}</h2>`);
    put(`<div class="slot st-${h(v.status)}"><p class="v">${h(tw.voting[v.status])}</p>`);
    // "you can vote" needs no why; any other answer says it
    const why = v.status === 'can_vote' ? '' : v.reasons[0] ?? '';
    if (why || v.citation) put(`<p class="d">${h(why)}${v.citation ? `${why ? ' — ' : `${h(w.law)}: `}<span class="cite">${h(v.citation)}</span>` : ''}</p>`);
    for (const d of v.depends_on) {
      put(`<p class="d">${h(w.change)}: ${h(d.label)} — ${d.outcomes.map((x) => `${h(x.words)}: ${h(tw.voting[x.status as keyof typeof tw.voting] ?? x.status)}`).join('; ')}</p>`);
    }
    if (v.next_steps.length) put(`<p class="d">${h(w.whatToDo)}: ${v.next_steps.map(h).join(' ')}</p>`);
    put('</div>');
  }

  // Next steps: what can be done now, then the reviews, then the dates ahead (earliest first), then the call.
  const ordered = [...groups.entries()].sort((a, b) => a[1].order - b[1].order || (a[1].order === 4 ? a[0].localeCompare(b[0]) : 0));
  const step = (s: string) => {
    if (!steps.includes(s)) steps.push(s);
  };
  for (const [, g] of ordered) step(g.make(w.charges(g.charges)));
  const clinics: HandoutClinic[] = o.clinics ?? (r.clinics as HandoutClinic[]);
  if (clinics[0]) step(w.stepClinic(clinics[0].name, clinics[0].phone));
  if (r.voting && r.voting.status !== 'can_vote' && r.voting.next_steps[0]) step(`${w.voting}: ${r.voting.next_steps[0]}`);
  step(w.stepKeep);
  if (r.errors.length === 0) {
    put(`<h2>${h(w.steps)}</h2><ol>`);
    for (const s of steps) put(`<li>${h(s)}</li>`);
    put('</ol>');
  }

  put(`<h2>${h(w.clinics)}</h2>`);
  if (clinics.length === 0) put(`<p class="small">${h(w.noClinics)}</p>`);
  else {
    put('<div class="clinics">');
    for (const c of clinics.slice(0, 3)) {
      put('<div class="clinic">');
      const href = safeHref(c.url);
      put(`<p><strong>${h(c.name)}</strong>${c.distance_miles !== null && c.distance_miles !== undefined ? ` <span class="small">(${h(c.distance_miles)} ${h(tw.miles)})</span>` : ''}</p>`);
      if (c.address) put(`<p class="small">${h(c.address)}</p>`);
      if (c.phone) put(`<p class="small">☎ ${h(c.phone)}</p>`);
      if (c.hours?.length) put(`<p class="small">${h(w.hours)}: ${c.hours.map(h).join('; ')}</p>`);
      for (const e of (c.events ?? []).slice(0, 2)) {
        const when = [e.date ? longDate(e.date, lang) : e.recurrence, e.time].filter(Boolean).join(' ');
        put(`<p class="small">${h(w.events)}: ${h(e.title)}${when ? ` — ${h(when)}` : ''}${e.where ? ` — ${h(e.where)}` : ''}</p>`);
      }
      if (href) put(`<p class="small"><a href="${h(href)}" rel="noreferrer">${h(c.url)}</a></p>`);
      put('</div>');
    }
    put('</div>');
  }

  if (kindsShown.size > 0) {
    put(`<p class="small"><strong>${h(w.glossary)}:</strong> ${[...kindsShown].map((k) => h(tw.kindHelp[k])).join(' ')}</p>`);
  }
  put(`<p class="legal">${h(tw.notLegalAdvice)}</p>`);
  put('</body>');
  put('</html>');
  return `${out.join('\n')}\n`;
}

/** What the command says on stderr after writing a handout and its calendar. */
export function savedWords(lang: Lang, html: string | undefined, ics: string | undefined, events: number): string[] {
  const es = lang === 'es';
  const out: string[] = [];
  if (html) out.push(`${es ? 'Resumen para imprimir guardado en' : 'Printable summary written to'} ${html}`);
  if (ics) {
    out.push(
      events > 0
        ? `${es ? `Recordatorios de calendario (${events}) guardados en` : `Calendar reminders (${events}) written to`} ${ics}`
        : `${es ? 'Calendario sin fechas futuras guardado en' : 'Calendar with no future dates written to'} ${ics}`,
    );
  }
  return out;
}
