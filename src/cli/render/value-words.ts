/**
 * A fact's value in words for a person, in their language: yes/no, the contract's own choices
 * (category, disposition, ...), or the words a rule file gives its own choices (`value_words`).
 * Used where the engine's "what would change" line names values as stored (raw English ids).
 */
import { t } from '../../core/messages.js';
import type { DependsOn, FactDef, Lang } from '../../core/types.js';
import { enumWord } from '../prompts/words.js';

export function valueText(def: FactDef | undefined, fact: string, value: unknown, lang: Lang): string {
  if (value === true) return lang === 'es' ? 'sí' : 'yes';
  if (value === false) return 'no';
  const v = String(value);
  const own = def?.value_words?.[v];
  if (own) return t(own, lang);
  // "Cannabis (marijuana): having it" reads as one value before the line's own colon
  // (in mid-sentence: lower case, unless it starts with an abbreviation such as DUI)
  const w = enumWord(fact, v, lang).replace(/: /g, ', ');
  return /^\p{Lu}\p{Ll}/u.test(w) ? w[0]!.toLowerCase() + w.slice(1) : w;
}

/**
 * The reasons with each "what would change" line saying its values in words. The engine writes
 * `<value id>: <verdict>` for each outcome; the line is found by its outcomes' own words.
 */
export function reasonsInWords(reasons: string[], dependsOn: DependsOn[], lang: Lang, facts: (name: string) => FactDef | undefined): string[] {
  if (dependsOn.length === 0) return reasons;
  return reasons.map((r) => {
    for (const d of dependsOn) {
      if (!d.label || !r.includes(d.label)) continue;
      const head = r.indexOf(' — ');
      if (head < 0) continue;
      // the engine joins one `<value>: <verdict>` part per outcome, in order
      const tail = r.slice(head + 3).replace(/\.$/, '');
      const parts = tail.split('; ');
      if (parts.length !== d.outcomes.length || !parts.every((p, i) => p.startsWith(`${d.outcomes[i]!.words}: `))) continue;
      const said = parts.map((p, i) => {
        const o = d.outcomes[i]!;
        return `${valueText(facts(d.fact), d.fact, o.value, lang)}: ${p.slice(o.words.length + 2)}`;
      });
      return `${r.slice(0, head + 3)}${said.join('; ')}${r.endsWith('.') ? '.' : ''}`;
    }
    return r;
  });
}

/**
 * One reason line with its "what would change" values in words, when all that is left is the
 * text (the batch --summary counts reason texts): the fact is found by its label, each value by
 * the words the engine wrote for it (its id with spaces).
 */
export function reasonTextInWords(reason: string, lang: Lang, facts: Iterable<FactDef>): string {
  const head = reason.indexOf(' — ');
  if (head < 0) return reason;
  const before = reason.slice(0, head);
  for (const def of facts) {
    if (def.type !== 'enum' && def.type !== 'boolean') continue;
    const label = t(def.label, lang);
    if (!before.endsWith(`${label} would change`) && !before.endsWith(`cambiaría ${label}`)) continue;
    const values: unknown[] = def.type === 'boolean' ? [true, false] : def.values ?? [];
    const byWords = new Map(values.map((v) => [v === true ? (lang === 'es' ? 'sí' : 'yes') : v === false ? 'no' : String(v).replace(/_/g, ' '), v]));
    const outcomes = [...byWords.entries()].map(([words, value]) => ({ value: value as string | boolean, words, status: '', date: null }));
    const d = { fact: def.name, label, question: null, outcomes };
    // the parts in the reason's own order
    const parts = reason.slice(head + 3).replace(/\.$/, '').split('; ');
    const ordered = parts.map((p) => outcomes.find((o) => p.startsWith(`${o.words}: `)));
    if (ordered.some((o) => !o)) continue;
    return reasonsInWords([reason], [{ ...d, outcomes: ordered as typeof outcomes }], lang, () => def)[0]!;
  }
  return reason;
}
