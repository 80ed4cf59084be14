/**
 * Partial dates ("March 2015", "2015") kept as ranges. A record with ranged dates is evaluated
 * twice, with every range at its earliest and at its latest possible day. Where the verdict is the
 * same, it stands; where it differs, the result says needs_review and names the date to look up.
 * Two `eligible_on` answers that differ only in the day keep the later day (by then it is sure).
 * Pure: the evaluation is passed in.
 */
import { CHARGE_DATES, DATE_ORDER } from './intake.js';
import { FUTURE_DATES, storedDate } from './parse-answer.js';
import {
  RELIEF_KINDS,
  type ChargeResult,
  type ChargeStatus,
  type IsoDate,
  type Lang,
  type PersonResult,
  type ReliefSlot,
  type RuleResult,
} from './types.js';

export type RawRecord = Record<string, unknown>;
export interface RawPerson extends RawRecord {
  charges?: RawRecord[];
}

export interface RangedField {
  /** Index of the charge, or undefined for a person field. */
  charge?: number;
  field: string;
  from: IsoDate;
  to: IsoDate;
  /** What the person typed, as stored (2015-03, 2015). */
  text: string;
}

export interface FieldWords {
  label: string;
  document?: string;
}

/** Date fields that hold a month or a year instead of a day. */
export function findRanges(raw: RawPerson, dateFields: ReadonlySet<string>, asOf: IsoDate): RangedField[] {
  const out: RangedField[] = [];
  const scan = (rec: RawRecord, charge?: number) => {
    for (const [field, value] of Object.entries(rec)) {
      if (!dateFields.has(field)) continue;
      const d = storedDate(value, asOf, FUTURE_DATES.has(field));
      if (!d || d.precision === 'day') continue;
      out.push({ ...(charge !== undefined ? { charge } : {}), field, from: d.from, to: d.to, text: String(value) });
    }
  };
  scan(raw);
  (raw.charges ?? []).forEach((c, i) => c && typeof c === 'object' && scan(c, i));
  return out;
}

/** A copy of the record with each range set to one end (`pick` chooses per field). */
export function fillDates(raw: RawPerson, ranges: RangedField[], pick: (r: RangedField) => 'from' | 'to'): RawPerson {
  const copy: RawPerson = { ...raw, charges: (raw.charges ?? []).map((c) => ({ ...c })) };
  for (const r of ranges) {
    const rec = r.charge === undefined ? copy : copy.charges![r.charge]!;
    rec[r.field] = r[pick(r)];
  }
  // Dates keep their order (a case cannot end before the offense, nor anything happen before
  // birth; core/intake.ts refuses it): where one end of a range breaks it, move that ranged date
  // within its own range. Twice over the pairs, for chains (offense, arrest, end of the case).
  const ranged = (i: number | undefined, f: string) => ranges.find((r) => r.charge === i && r.field === f);
  const order = (lo: RawRecord, loCharge: number | undefined, loField: string, hi: RawRecord, hiCharge: number | undefined, hiField: string) => {
    const a = lo[loField];
    const b = hi[hiField];
    if (typeof a !== 'string' || typeof b !== 'string' || b >= a) return;
    const rHi = ranged(hiCharge, hiField);
    const rLo = ranged(loCharge, loField);
    if (rHi && a <= rHi.to) hi[hiField] = a;
    else if (rLo && b >= rLo.from) lo[loField] = b;
  };
  for (let pass = 0; pass < 2; pass++) {
    copy.charges!.forEach((c, i) => {
      for (const f of CHARGE_DATES) order(copy, undefined, 'birth_date', c, i, f);
      for (const [e, l] of DATE_ORDER) order(c, i, e, c, i, l);
    });
  }
  return copy;
}

const sameSlot = (a: { status: ChargeStatus; date: IsoDate | null }, b: { status: ChargeStatus; date: IsoDate | null }) =>
  a.status === b.status && a.date === b.date;

function verdict(status: ChargeStatus, date: IsoDate | null, lang: Lang): string {
  const en: Record<ChargeStatus, string> = {
    eligible: 'it may apply now',
    eligible_on: `it may apply from ${date}`,
    needs_review: 'it is unclear',
    not_eligible: 'it does not appear to apply',
    not_covered: 'it is not covered',
  };
  const es: Record<ChargeStatus, string> = {
    eligible: 'puede aplicar ahora',
    eligible_on: `puede aplicar desde el ${date}`,
    needs_review: 'no está claro',
    not_eligible: 'no parece aplicar',
    not_covered: 'no está cubierto',
  };
  return (lang === 'es' ? es : en)[status];
}

function dependsText(fields: RangedField[], words: (r: RangedField) => FieldWords, lang: Lang): string[] {
  const out: string[] = [];
  const docs: string[] = [];
  for (const f of fields) {
    const w = words(f);
    out.push(
      lang === 'es'
        ? `Depende de la ${w.label} exacta: usted dijo "${f.text}", es decir entre el ${f.from} y el ${f.to}.`
        : `It depends on the exact ${w.label}: you said "${f.text}", so between ${f.from} and ${f.to}.`,
    );
    if (w.document && !docs.includes(w.document)) docs.push(w.document);
  }
  if (docs.length > 0) out.push(lang === 'es' ? `Busque el día exacto en: ${docs.join('; ')}.` : `Look up the exact day in: ${docs.join('; ')}.`);
  return out;
}

function splitText(e: { status: ChargeStatus; date: IsoDate | null }, l: { status: ChargeStatus; date: IsoDate | null }, lang: Lang): string {
  return lang === 'es'
    ? `Con el primer día posible, ${verdict(e.status, e.date, lang)}; con el último, ${verdict(l.status, l.date, lang)}.`
    : `With the earliest possible day, ${verdict(e.status, e.date, lang)}; with the latest, ${verdict(l.status, l.date, lang)}.`;
}

function laterDayText(early: IsoDate, late: IsoDate, lang: Lang): string {
  return lang === 'es'
    ? `Podría ser ya desde el ${early}, según el día exacto; el ${late} es seguro.`
    : `It could be as early as ${early}, depending on the exact day; ${late} is sure.`;
}

/**
 * Evaluate a record whose dates may be ranges. `evaluate` screens one record with full dates.
 */
export function screenWithRanges(
  raw: RawPerson,
  ranges: RangedField[],
  evaluate: (raw: RawPerson) => PersonResult,
  words: (r: RangedField) => FieldWords,
  lang: Lang,
): PersonResult {
  const early = evaluate(fillDates(raw, ranges, () => 'from'));
  if (ranges.length === 0 || early.errors.length > 0) return early;
  const late = evaluate(fillDates(raw, ranges, () => 'to'));
  if (late.errors.length > 0) return early;

  // One extra evaluation per range (that range late, the rest early) tells which dates matter.
  const single = new Map<RangedField, PersonResult>();
  const alone = (r: RangedField) => {
    let v = single.get(r);
    if (!v) single.set(r, (v = evaluate(fillDates(raw, ranges, (x) => (x === r ? 'to' : 'from')))));
    return v;
  };
  const culprits = (pick: (p: PersonResult) => { status: ChargeStatus; date: IsoDate | null } | undefined, base: { status: ChargeStatus; date: IsoDate | null }) => {
    const hits = ranges.filter((r) => {
      const s = pick(alone(r));
      return s !== undefined && !sameSlot(s, base);
    });
    return hits.length > 0 ? hits : ranges;
  };

  const charges: ChargeResult[] = early.charges.map((ce, ci) => {
    const cl = late.charges[ci];
    if (!cl) return ce;
    const relief = { ...ce.relief };
    for (const kind of RELIEF_KINDS) {
      const e = ce.relief[kind];
      const l = cl.relief[kind];
      if (sameSlot(e, l)) {
        if (e.rule === l.rule && e.automatic === l.automatic) continue;
        // The same verdict by different routes at the two ends (say automatic at the earliest day,
        // by petition at the latest): show the route whose answer holds over the whole range.
        const holds = (slot: ReliefSlot, other: ChargeResult) => {
          const r = other.rules.find((x) => x.rule === slot.rule);
          return r !== undefined && r.status === slot.status && (r.date ?? null) === slot.date;
        };
        if (!holds(e, cl) && holds(l, ce)) relief[kind] = l;
        else if (!holds(e, cl)) relief[kind] = l;
        continue;
      }
      if (e.status === 'eligible_on' && l.status === 'eligible_on') {
        relief[kind] = { ...l, reasons: [...l.reasons, laterDayText(e.date!, l.date!, lang)] };
        continue;
      }
      const fields = culprits((p) => p.charges[ci]?.relief[kind], e);
      const slot: ReliefSlot = {
        status: 'needs_review',
        date: null,
        automatic: e.automatic && l.automatic,
        rule: e.rule ?? l.rule,
        name: e.name ?? l.name,
        citation: e.citation ?? l.citation,
        reasons: [splitText(e, l, lang), ...dependsText(fields, words, lang)],
        depends_on: e.depends_on,
      };
      relief[kind] = slot;
    }
    const rules: RuleResult[] = ce.rules.map((re, ri) => {
      const rl = cl.rules[ri];
      if (!rl || rl.rule !== re.rule || sameSlot(re, rl)) return re;
      if (re.status === 'eligible_on' && rl.status === 'eligible_on') {
        return { ...rl, reasons: [...rl.reasons, laterDayText(re.date!, rl.date!, lang)] };
      }
      const fields = culprits((p) => p.charges[ci]?.rules[ri], re);
      return {
        ...re,
        status: 'needs_review',
        date: null,
        reasons: [splitText(re, rl, lang), ...dependsText(fields, words, lang)],
        missing: [...new Set(fields.map((f) => f.field))],
      };
    });
    return { ...ce, relief, rules };
  });

  let voting = early.voting;
  if (early.voting && late.voting && early.voting.status !== late.voting.status) {
    voting = {
      ...early.voting,
      status: 'needs_review',
      next_steps: [],
      reasons: dependsText(ranges, words, lang),
      missing: [...new Set(ranges.map((r) => r.field))],
    };
  }
  return { ...early, charges, voting };
}
