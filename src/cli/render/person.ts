/**
 * A person's results for a human: per charge and relief kind a verdict in words and a symbol
 * (never colour alone), the statute, why, and what to do next; then voting and clinics.
 * Pure: returns text. Wraps to the terminal width (60 columns still reads well).
 */
import { noteWords } from '../../core/notes.js';
import { valueText } from '../../core/value-words.js';
import { printable } from './printable.js';
import type { ChalkInstance } from 'chalk';
import { rulesInForce } from '../../core/evaluate.js';
import { M, t } from '../../core/messages.js';
import {
  RELIEF_KINDS,
  type Charge,
  type ChargeStatus,
  type Lang,
  type Person,
  type PersonResult,
  type RuleSet,
} from '../../core/types.js';
import { SYMBOL, words } from './words.js';

export interface RenderOptions {
  lang: Lang;
  color: ChalkInstance;
  width: number;
  rules?: RuleSet;
  person?: Person;
  /** Show every rule considered, not just the best per kind. */
  verbose?: boolean;
  /** For the person themself (the screening): a short glossary and verdicts that say "because". */
  explain?: boolean;
  /** Notes from the clinic finder (shown under the clinics). */
  clinicNotes?: string[];
  /** Describes a charge in the reader's words (default: the record's own words). */
  describe?: (ch: Charge) => string;
}

export function wrap(text: string, width: number, indent: string, first = indent): string {
  const out: string[] = [];
  let line = first;
  let lineHasWord = false;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (lineHasWord && line.length + 1 + word.length > width) {
      out.push(line);
      line = indent + word;
    } else {
      line += (lineHasWord ? ' ' : '') + word;
    }
    lineHasWord = true;
  }
  out.push(line);
  return out.join('\n');
}

function paintStatus(c: ChalkInstance, status: ChargeStatus | string, s: string): string {
  switch (status) {
    case 'eligible':
    case 'can_vote':
      return c.green(s);
    case 'eligible_on':
    case 'not_yet':
      return c.cyan(s);
    case 'needs_review':
    case 'requires_action':
      return c.yellow(s);
    case 'not_eligible':
    case 'barred':
      return c.red(s);
    default:
      return c.dim(s);
  }
}

const LEVEL_ES: Record<string, string> = { felony: 'delito grave', misdemeanor: 'delito menor', petty: 'falta menor', infraction: 'infracción' };
const DISPOSITION_ES: Record<string, string> = {
  convicted: 'condenado',
  dismissed: 'desestimado',
  acquitted: 'absuelto',
  not_charged: 'sin acusación',
  diversion_completed: 'programa de desvío cumplido',
  supervision_completed: 'supervisión cumplida',
  vacated: 'condena anulada',
  adjudicated_delinquent: 'declarado delincuente (menor)',
};

export function describeCharge(ch: Charge | undefined, lang: Lang): string {
  return printable(describeChargeRaw(ch, lang));
}

function describeChargeRaw(ch: Charge | undefined, lang: Lang): string {
  if (!ch) return '';
  const parts: string[] = [];
  const es = lang === 'es';
  // no offense text: the kind of offense, in the reader's words
  parts.push(ch.offense ?? (ch.category ? (es ? valueText(undefined, 'category', ch.category, 'es') : ch.category.replace(/_/g, ' ')) : es ? 'tipo desconocido' : 'kind unknown'));
  if (ch.statute) parts.push(ch.statute);
  const level = ch.level && es ? (LEVEL_ES[ch.level] ?? ch.level) : ch.level;
  const klass = ch.class && es ? ch.class.replace(/^Class\b/i, 'Clase') : ch.class;
  const lvl = [level, klass].filter(Boolean).join(', ');
  if (lvl) parts.push(lvl);
  // A disposition saved as "I don't know" (null) stays unknown: say so, never "convicted".
  const disp =
    ch.disposition === undefined
      ? es ? 'resultado desconocido' : 'outcome unknown'
      : es ? (DISPOSITION_ES[ch.disposition] ?? ch.disposition.replace(/_/g, ' ')) : ch.disposition.replace(/_/g, ' ');
  parts.push(disp + (ch.disposition_date ? ` ${ch.disposition_date}` : ''));
  if (ch.state) parts.push(ch.state);
  return parts.join(' · ');
}

export function renderPerson(r0: PersonResult, o: RenderOptions): string {
  // what came from the input never reaches the terminal raw
  const r: PersonResult = {
    ...r0,
    id: r0.id === null ? null : printable(r0.id),
    errors: r0.errors.map((e) => ({ ...e, message: printable(e.message), ...(e.field !== undefined ? { field: printable(e.field) } : {}) })),
    warnings: r0.warnings.map(printable),
  };
  const w = words(o.lang);
  const c = o.color;
  const width = Math.max(40, Math.min(o.width, 100));
  const lines: string[] = [];
  const head = [o.explain ? w.yourResults : `${w.person} ${r.id ?? '?'}`, r.state, `${w.asOf} ${r.as_of}`].filter(Boolean).join(' · ');
  lines.push(c.bold(head));
  if (o.explain && r.errors.length === 0 && r.charges.length > 0) {
    for (const kind of RELIEF_KINDS) lines.push(wrap(w.kindHelp[kind], width, '    ', '  '));
  }
  if (r.errors.length > 0) {
    lines.push(c.red(`${w.errors}:`));
    for (const e of r.errors) {
      const where = [e.row !== undefined ? `${o.lang === 'es' ? 'fila' : 'row'} ${e.row}` : '', e.charge !== undefined ? `${o.lang === 'es' ? 'cargo' : 'charge'} ${e.charge + 1}` : '', e.field ?? '']
        .filter(Boolean)
        .join(', ');
      lines.push(wrap(`${where ? `${where}: ` : ''}${e.message}`, width, '    ', '  ✘ '));
    }
    return lines.join('\n');
  }
  for (const wn of r.warnings) lines.push(wrap(wn, width, '    ', `  ${w.warnings}: `));
  if (r.charges.length === 0) lines.push(`  ${w.noCharges}`);
  for (const cr of r.charges) {
    const ch = o.person?.charges[cr.index];
    lines.push('');
    const desc = ch && o.describe ? printable(o.describe(ch)) : describeCharge(ch, o.lang);
    lines.push(wrap(`${w.charge} ${cr.index + 1}: ${desc}`, width, '  ', ''));
    // A charge of unknown kind (the screening's "I'm not sure"): what is undecided gets one line,
    // not every route's conditions stated as facts; then what to do to find out (see below).
    const unknownKind = o.explain === true && ch !== undefined && !ch.category && !ch.offense && !ch.statute;
    let undecided = false;
    for (const kind of RELIEF_KINDS) {
      const s = cr.relief[kind];
      if (unknownKind && s.status === 'needs_review') {
        undecided = true;
        lines.push(paintStatus(c, s.status, wrap(`${SYMBOL[s.status]} ${w.kind[kind]}: ${w.needsLawyer}`, width, '    ', '  ')));
        continue;
      }
      let verdict = s.status === 'eligible_on' && s.date ? w.statusOn(s.date) : w.status[s.status];
      if (o.explain) {
        if (s.automatic && s.status === 'eligible') verdict = w.statusAuto;
        else if (s.automatic && s.status === 'eligible_on' && s.date) verdict = w.statusAutoOn(s.date);
        else if (s.status === 'needs_review') verdict = w.needsReviewBecause;
        else if (s.status === 'not_eligible') verdict = w.notEligibleBecause;
      }
      const label = `${SYMBOL[s.status]} ${w.kind[kind]}: ${verdict}`;
      lines.push(paintStatus(c, s.status, wrap(label, width, '    ', '  ')));
      if (s.status === 'not_covered') {
        for (const reason of s.reasons) lines.push(wrap(reason, width, '      ', '      '));
        continue;
      }
      if (s.name) lines.push(wrap(`${o.explain ? `${w.law}: ` : ''}${s.name}${s.citation ? ` — ${s.citation}` : ''}`, width, '      ', '    '));
      if (!o.explain && s.automatic && (s.status === 'eligible' || s.status === 'eligible_on')) lines.push(wrap(w.automatic, width, '      ', '    '));
      for (const reason of s.reasons) lines.push(wrap(reason, width, '      ', '    • '));
      for (const other of cr.rules) {
        if (other.kind !== kind || other.rule === s.rule || (other.status !== 'eligible' && other.status !== 'eligible_on')) continue;
        const v = other.status === 'eligible_on' && other.date ? w.statusOn(other.date) : w.status[other.status];
        lines.push(wrap(`${w.also}: ${other.name} — ${other.citation}: ${v}`, width, '      ', '    '));
      }
      if (o.explain) {
        // An undecided route that could still help (e.g. automatic relief): say what would settle it.
        for (const other of cr.rules) {
          if (other.kind !== kind || other.rule === s.rule || other.status !== 'needs_review' || other.missing.length === 0) continue;
          if (!other.automatic && s.status !== 'needs_review') continue;
          const jur = o.rules?.jurisdictions.get(other.rule.slice(0, 2));
          const labels = other.missing.map((m) => (jur?.facts.get(m) ? t(jur.facts.get(m)!.label, o.lang) : (jur?.ladders.get(m) ? t(jur.ladders.get(m)!.name, o.lang) : m)));
          const docs = [...new Set(other.missing.map((m) => jur?.facts.get(m)?.document).filter(Boolean).map((d) => t(d, o.lang)))];
          const text = [
            `${w.also}: ${other.name} — ${other.citation}: ${w.status.needs_review}.`,
            t(M.unknownFacts(labels.join(', ')), o.lang),
            docs.length ? t(M.lookIn(docs.join('; ')), o.lang) : '',
          ].filter(Boolean).join(' ');
          lines.push(wrap(text, width, '      ', '    '));
        }
      }
      const rule = s.rule ? findRule(o.rules, s.rule, r.as_of) : undefined;
      if (rule && s.status !== 'not_eligible') {
        const at = { person: o.person, charge: ch, rules: o.rules };
        const check = rule.automatic ? noteWords(rule, 'check', o.lang, at) : '';
        const where = noteWords(rule, 'where', o.lang, at);
        const fee = noteWords(rule, 'fee', o.lang, at);
        const ask = noteWords(rule, 'ask_a_lawyer', o.lang, at);
        if (check) lines.push(wrap(check, width, '      ', `    ${w.howToCheck}: `));
        if (where) lines.push(wrap(where, width, '      ', `    ${w.whereToFile}: `));
        if (fee) lines.push(wrap(fee, width, '      ', `    ${w.fee}: `));
        // what to ask a lawyer matters whenever the remedy may apply, not only when it is unclear
        if (ask) lines.push(wrap(ask, width, '      ', `    ${w.askALawyer}: `));
      }
    }
    if (undecided) {
      lines.push(wrap(w.unknownKind, width, '    ', '    '));
      lines.push(wrap(w.rapSheetHow, width, '      ', `    ${w.rapSheet}: `));
      lines.push(wrap(w.bringList, width, '      ', `    ${w.bring}: `));
    }
    if (o.verbose) {
      for (const rr of cr.rules) {
        lines.push(wrap(`${SYMBOL[rr.status]} ${rr.rule} (${rr.kind}): ${rr.status}${rr.date ? ` ${rr.date}` : ''}`, width, '      ', '    · '));
        for (const reason of rr.reasons) lines.push(wrap(reason, width, '        ', '        - '));
      }
    }
  }
  if (r.voting) {
    const v = r.voting;
    lines.push('');
    lines.push(paintStatus(c, v.status, wrap(`${SYMBOL[v.status]} ${w.votingTitle}: ${w.voting[v.status]}`, width, '    ', '')));
    for (const reason of v.reasons) lines.push(wrap(reason, width, '      ', '    • '));
    for (const step of v.next_steps) lines.push(wrap(step, width, '      ', `    ${w.nextSteps}: `));
  }
  if (r.clinics.length > 0) {
    lines.push('');
    lines.push(c.bold(w.clinicsTitle));
    for (const cl of r.clinics) {
      const dist = cl.distance_miles !== null && cl.distance_miles !== undefined ? ` (${cl.distance_miles} ${w.miles})` : '';
      lines.push(wrap(`${cl.name}${dist}`, width, '      ', '  • '));
      const contact = [cl.address, cl.phone, cl.url].filter(Boolean).join(' · ');
      if (contact) lines.push(wrap(contact, width, '      ', '    '));
    }
  }
  for (const n of o.clinicNotes ?? []) lines.push(wrap(n, width, '    ', '  '));
  lines.push('');
  lines.push(c.dim(wrap(w.notLegalAdvice, width, '', '')));
  return lines.join('\n');
}

function findRule(rules: RuleSet | undefined, id: string, asOf: string) {
  const jur = rules?.jurisdictions.get(id.slice(0, 2));
  return jur ? rulesInForce(jur, asOf).find((r) => r.id === id) : undefined;
}
