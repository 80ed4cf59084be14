/**
 * Which wording of a rule note (notes.check, where, fee, ask_a_lawyer) fits a charge: the first
 * variant whose `when` holds; a variant without `when` always fits. A `when` that is false or
 * unknown (a fact nobody gave) passes to the next variant; when none fits, there is no note.
 * Pure: reads the person as given.
 */
import { evalCondition } from './conditions.js';
import { t } from './messages.js';
import type { Charge, Jurisdiction, Lang, Note, Person, Rule, RuleNotes, RuleSet, Text } from './types.js';

export function pickNote(note: Note | undefined, at?: { person?: Person; charge?: Charge; jur?: Jurisdiction }): Text | undefined {
  if (!note) return undefined;
  for (const v of note) {
    if (!v.when) return v.text;
    if (!at?.person || !at.jur) continue;
    const scope = { person: at.person, jur: at.jur, cache: new Map(), personCache: new Map(), ...(at.charge ? { charge: at.charge } : {}) };
    if (evalCondition(v.when, scope, new Set()) === true) return v.text;
  }
  return undefined;
}

/** The words of one of a rule's notes for a charge, in a language; '' when none fits. */
export function noteWords(
  rule: Rule | undefined,
  key: keyof RuleNotes,
  lang: Lang,
  at: { person?: Person | undefined; charge?: Charge | undefined; rules?: RuleSet | undefined },
): string {
  const text = pickNote(rule?.notes[key], {
    ...(at.person ? { person: at.person } : {}),
    ...(at.charge ? { charge: at.charge } : {}),
    ...(rule && at.rules?.jurisdictions.get(rule.jurisdiction) ? { jur: at.rules.jurisdictions.get(rule.jurisdiction)! } : {}),
  });
  return text ? t(text, lang) : '';
}
