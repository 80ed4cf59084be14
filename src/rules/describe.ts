/**
 * A readable summary of a jurisdiction's rules, generated from the rule files (never written
 * twice): `fairshot rules show XX` prints it, and docs/rules/XX.md is this text.
 */
import { rulesInForce } from '../core/evaluate.js';
import { t } from '../core/messages.js';
import type { Check, Condition, Jurisdiction, Lang, Note, Rule, Text } from '../core/types.js';

const OPS: Record<string, string> = {
  eq: 'is',
  ne: 'is not',
  in: 'is one of',
  not_in: 'is none of',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  before: 'is before',
  on_or_after: 'is on or after',
  matches: 'matches',
};

export function describeCondition(cond: Condition, jur: Jurisdiction, lang: Lang = 'en'): string {
  if ('all' in cond) return cond.all.map((c) => wrapIf(c, describeCondition(c, jur, lang))).join(' and ');
  if ('any' in cond) return cond.any.map((c) => wrapIf(c, describeCondition(c, jur, lang))).join(' or ');
  if ('not' in cond) return `not (${describeCondition(cond.not, jur, lang)})`;
  if ('open_question' in cond) return `[open question: ${typeof cond.open_question === 'string' ? cond.open_question : t(cond.open_question, lang)}]`;
  if ('in_list' in cond) {
    const l = jur.lists.get(cond.in_list);
    return `the offense is on the list "${l ? t(l.name, lang) : cond.in_list}"${l?.cite ? ` (${l.cite})` : ''}`;
  }
  const def = jur.facts.get(cond.fact);
  const ladder = jur.ladders.get(cond.fact);
  const label = def ? t(def.label, lang) : ladder ? t(ladder.name, lang) : cond.fact;
  const op = Object.keys(cond).find((k) => k !== 'fact')!;
  const value = (cond as unknown as Record<string, unknown>)[op];
  const shown = Array.isArray(value) ? value.map((v) => String(v).replace(/_/g, ' ')).join(', ') : String(value).replace(/_/g, ' ');
  const unit = def?.unit ? ` ${def.unit}` : '';
  return `${label} ${OPS[op] ?? op} ${shown}${unit}`;
}

function wrapIf(c: Condition, s: string): string {
  return 'all' in c || 'any' in c ? `(${s})` : s;
}

const line = (text: string) => `${text}\n`;

function check(c: Check, jur: Jurisdiction, label: string): string {
  return line(`- **${label}** (${c.id}${c.cite ? `, ${c.cite}` : ''}): ${t(c.explain, 'en')}  \n  _When:_ ${describeCondition(c.when, jur)}`);
}

function effective(r: { effective: { from?: string; to?: string } }): string {
  const { from, to } = r.effective;
  if (from && to) return `${from} to ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return 'always';
}

function text(x: Text | undefined): string {
  return x ? t(x, 'en').replace(/\s+/g, ' ').trim() : '';
}

export function describeRule(r: Rule, jur: Jurisdiction): string {
  let s = '';
  s += line(`### ${text(r.name)} — \`${r.id}\``);
  s += line('');
  s += line(text(r.summary));
  s += line('');
  s += line(`| | |`);
  s += line(`|---|---|`);
  s += line(`| relief | ${r.kind} (${r.automatic ? 'automatic' : 'by petition'}) |`);
  s += line(`| citation | ${r.citation} |`);
  s += line(`| source | ${r.source} |`);
  s += line(`| in force | ${effective(r)} |`);
  s += line(`| last reviewed | ${r.last_reviewed} |`);
  s += line(`| review | ${r.review}${r.review_note ? `: ${r.review_note.replace(/\s+/g, ' ').trim()}` : ''} |`);
  s += line(`| rule file | ${r.file} |`);
  s += line('');
  if (r.statute_text) s += line(`> ${r.statute_text.replace(/\s+/g, ' ').trim()}\n`);
  s += check(r.applies_to, jur, 'Applies to');
  for (const c of r.requires) s += check(c, jur, 'Requires');
  for (const c of r.exclusions) s += check(c, jur, 'Excluded');
  for (const c of r.exceptions) s += check(c, jur, `Exception to ${c.overrides.join(', ')}`);
  for (const w of r.waits) {
    s += line(
      `- **Wait** (${w.id}${w.cite ? `, ${w.cite}` : ''}): ${w.period} from ${jur.facts.get(w.from) ? text(jur.facts.get(w.from)!.label) : w.from}` +
        (w.when ? ` — when ${describeCondition(w.when, jur)}` : ''),
    );
  }
  if (r.waits.length > 1) s += line(`- Eligible on the latest of the waits that apply.`);
  if (r.waits.some((w) => /month|year/.test(w.period)))
    s += line(`- A period ending on a day the month lacks (29 February, the 31st) ends on the ${r.date_rounding === 'up' ? 'first day of the next month' : 'last day of the month'}.`);
  const notes: [string, Note | undefined][] = [
    ['How to check', r.notes.check],
    ['Where to file', r.notes.where],
    ['Fee', r.notes.fee],
    ['Ask a lawyer', r.notes.ask_a_lawyer],
  ];
  for (const [k, v] of notes)
    for (const variant of v ?? []) s += line(`- _${k}${variant.when ? ` (when ${describeCondition(variant.when, jur)})` : ''}:_ ${text(variant.text)}`);
  const worded = notes.filter(([, v]) => v?.every((x) => x.when));
  if (worded.length) s += line(`- ${worded.map(([k]) => `_${k}_`).join(', ')}: left out when none of the cases above holds.`);
  s += line(`- _Facts it reads:_ ${r.facts.join(', ')}`);
  s += line('');
  return s;
}

/** The summary; with `asOf`, only the version of each rule in force (or next to come) that day. */
export function describeJurisdiction(jur: Jurisdiction, asOf?: string): string {
  let s = '';
  s += line(`<!-- Generated from rules/${jur.code}/ by \`fairshot rules show ${jur.code}\`. Do not edit by hand. -->`);
  s += line(`# ${text(jur.name)} (${jur.code})`);
  s += line('');
  s += line(`Last reviewed ${jur.last_reviewed}. Courts covered: ${jur.courts.join(', ')}.${asOf ? ` The law as of ${asOf}.` : ''}`);
  s += line('');
  if (jur.notes) s += line(`${text(jur.notes)}\n`);
  const kinds = ['expungement', 'sealing', 'set_aside'] as const;
  const considered = asOf ? rulesInForce(jur, asOf) : jur.rules;
  for (const k of kinds) {
    const rules = considered.filter((r) => r.kind === k);
    s += line(`## ${k === 'set_aside' ? 'Set-aside / vacatur' : k[0]!.toUpperCase() + k.slice(1)}`);
    s += line('');
    if (rules.length === 0) {
      s += line(`${jur.not_covered[k] ? text(jur.not_covered[k]) : 'No rules.'}\n`);
      continue;
    }
    for (const r of rules) s += describeRule(r, jur);
  }
  if (jur.voting) {
    const v = jur.voting;
    s += line(`## Voting — \`${v.id}\``);
    s += line('');
    s += line(`Citation: ${v.citation}. Source: ${v.source}. Last reviewed ${v.last_reviewed}; review: ${v.review}.`);
    s += line('');
    for (const o of v.outcomes) {
      s += line(`- **${o.status}**${o.when ? ` when ${describeCondition(o.when, jur)}` : ' otherwise'}: ${text(o.explain)}`);
      for (const n of o.next_steps) s += line(`  - ${text(n)}`);
    }
    s += line('');
  }
  if (jur.lists.size > 0) {
    s += line(`## Offense lists`);
    s += line('');
    for (const l of jur.lists.values()) {
      const parts = [
        l.categories.length ? `categories: ${l.categories.join(', ')}` : '',
        l.statutes.length ? `statutes: ${l.statutes.join(', ')}` : '',
        l.offense_words.length ? `words: ${l.offense_words.join(', ')}` : '',
        l.partial_categories.length ? `decided by statute or words within: ${l.partial_categories.join(', ')}` : '',
      ].filter(Boolean);
      s += line(`- **${text(l.name)}** (\`${l.id}\`${l.cite ? `, ${l.cite}` : ''}): ${parts.join('; ')}`);
    }
    s += line('');
  }
  if (jur.ladders.size > 0) {
    s += line(`## Offense classes by amount and date`);
    s += line('');
    for (const l of jur.ladders.values()) {
      s += line(`**${text(l.name)}** (\`${l.id}\`, ${l.cite ?? ''}). The class on the record wins; otherwise the amount on the offense date:`);
      s += line('');
      for (const v of l.versions) {
        let lo = 0;
        const bands = v.bands.map((b) => {
          const r = b.up_to === undefined ? `over ${lo} g` : `${lo === 0 ? 'up to' : `over ${lo} to`} ${b.up_to} g`;
          lo = b.up_to ?? lo;
          return `${r}: ${b.value.replace(/_/g, ' ')}`;
        });
        s += line(`- ${effective(v)}${v.cite ? ` (${v.cite})` : ''}: ${bands.join('; ')}`);
      }
      s += line('');
    }
  }
  const own = [...jur.facts.values()].filter((f) => f.jurisdiction === jur.code);
  if (own.length > 0) {
    s += line(`## Facts this state adds`);
    s += line('');
    for (const f of own) {
      s += line(`- \`${f.name}\` (${f.level}, ${f.type}): ${text(f.question ?? f.label)}`);
      const nb = f.narrowed_by;
      if (nb) {
        const each = Object.entries(nb.values).map(([k, vs]) => `${k.replace(/_/g, ' ')}: ${vs.map((v) => v.replace(/_/g, ' ')).join(', ')}`);
        s += line(`  _Possible values by \`${nb.fact}\`:_ ${each.join('; ')}.`);
      }
    }
    s += line('');
  }
  return s;
}

/** docs/rules/README.md: one line per jurisdiction. */
export function rulesIndex(rules: { jurisdictions: Map<string, Jurisdiction> }): string {
  let s = line('<!-- Generated from rules/ by `npm run docs`. Do not edit by hand. -->');
  s += line('# Rules by jurisdiction');
  s += line('');
  s += line('| code | name | relief rules | voting | last reviewed | review |');
  s += line('|---|---|---|---|---|---|');
  for (const j of rules.jurisdictions.values()) {
    const review: Record<string, number> = {};
    for (const r of j.rules) review[r.review] = (review[r.review] ?? 0) + 1;
    if (j.voting) review[j.voting.review] = (review[j.voting.review] ?? 0) + 1;
    const rel = j.rules.length ? `[${new Set(j.rules.map((r) => r.id)).size} rules](${j.code}.md)` : '—';
    s += line(
      `| ${j.code} | ${text(j.name)} | ${rel} | ${j.voting ? `[${j.voting.id}](${j.code}.md#voting--${j.voting.id.toLowerCase().replace(/\./g, '')})` : '—'} | ${j.last_reviewed} | ${Object.entries(review).map(([k, v]) => `${v} ${k}`).join(', ')} |`,
    );
  }
  s += line('');
  return s;
}

/**
 * The README's coverage table, made from the rule files (`npm run docs` writes it between the
 * README's coverage markers; test/docs.test.ts fails when it is stale).
 */
export function readmeCoverage(rules: { jurisdictions: Map<string, Jurisdiction> }): string {
  const rows: string[] = ['| jurisdiction | record relief: routes by kind (how many are automatic) | voting |', '|---|---|---|'];
  const votingOnly: string[] = [];
  let voting = 0;
  for (const j of rules.jurisdictions.values()) {
    if (j.voting) voting++;
    if (j.rules.length === 0) {
      if (j.voting) votingOnly.push(j.code);
      continue;
    }
    const kinds: string[] = [];
    for (const kind of ['expungement', 'sealing', 'set_aside'] as const) {
      const ids = new Set(j.rules.filter((r) => r.kind === kind).map((r) => r.id));
      if (ids.size === 0) continue;
      const auto = new Set(j.rules.filter((r) => r.kind === kind && r.automatic).map((r) => r.id)).size;
      kinds.push(`${kind.replace('_', '-')} ${ids.size}${auto ? ` (${auto} automatic)` : ''}`);
    }
    rows.push(`| ${text(j.name)} (${j.code}) | ${kinds.join('; ')} | ${j.voting ? 'yes' : '—'} |`);
  }
  const out = [...rows, ''];
  out.push(`Voting rights after a conviction: ${voting} jurisdictions${voting === 51 ? ' (all 50 states and D.C.)' : ''}.` + (votingOnly.length ? ` Voting only, no record-relief rules yet: ${votingOnly.join(', ')}.` : ''));
  return `${out.join('\n')}\n`;
}
