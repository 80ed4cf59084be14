/**
 * `fairshot voting XX`: a state's voting rule on one screen, for a volunteer who needs a quick
 * answer ("can someone on parole vote here?"). Generated from the rule file, like `rules show`.
 */
import { t } from '../../core/messages.js';
import type { Lang } from '../../core/types.js';
import { painter } from '../color.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { rulesFolderError } from '../rules-loader.js';

export interface VotingCmdOptions {
  json?: boolean;
  lang: Lang;
  rules?: string;
}

const STATUS: Record<string, { en: string; es: string }> = {
  can_vote: { en: 'can vote', es: 'puede votar' },
  not_yet: { en: 'cannot vote yet', es: 'aún no puede votar' },
  requires_action: { en: 'can vote after a step (apply, pay, or get a certificate)', es: 'puede votar después de un trámite (solicitud, pago o certificado)' },
  barred: { en: 'cannot vote (only a pardon or the Governor can restore it)', es: 'no puede votar (solo un indulto o el Gobernador puede devolverlo)' },
  needs_review: { en: 'needs a closer look', es: 'hay que revisarlo' },
};

export async function runVoting(state: string, opts: VotingCmdOptions, io: Io): Promise<number> {
  try {
    return await inner(state, opts, io);
  } catch (e) {
    throw rulesFolderError(e, opts.rules);
  }
}

async function inner(state: string, opts: VotingCmdOptions, io: Io): Promise<number> {
  const { loadRulesOrFail } = await import('../rules-loader.js');
  const { describeCondition } = await import('../../rules/describe.js');
  const rules = await loadRulesOrFail(io, opts);
  const code = state.toUpperCase();
  const jur = rules.jurisdictions.get(code);
  const known = [...rules.jurisdictions.values()].filter((j) => j.voting).map((j) => j.code);
  if (!jur?.voting) throw new UsageError(`no voting rule for "${state}"; known: ${known.join(', ')}`);
  const v = jur.voting;
  const lang = opts.lang;
  const outcomes = v.outcomes.map((o) => ({
    id: o.id,
    status: o.status,
    when: o.when ? describeCondition(o.when, jur, lang) : null,
    explain: t(o.explain, lang),
    next_steps: o.next_steps.map((s) => t(s, lang)),
  }));
  if (opts.json) {
    io.out(`${JSON.stringify({ jurisdiction: code, name: t(jur.name, lang), rule: v.id, citation: v.citation, source: v.source, last_reviewed: v.last_reviewed, review: v.review, outcomes }, null, 2)}\n`);
    return 0;
  }
  const c = painter(io.color.out);
  const es = lang === 'es';
  io.out(`${c.bold(es ? `Derecho al voto después de una condena: ${t(jur.name, lang)}` : `Voting after a conviction: ${t(jur.name, lang)}`)}\n`);
  io.out(`${v.citation} · ${es ? 'revisado' : 'reviewed'} ${v.last_reviewed} (${v.review})\n`);
  io.out(es ? 'La primera situación que corresponde a la persona decide:\n\n' : 'The first case that fits the person decides:\n\n');
  outcomes.forEach((o, i) => {
    const status = STATUS[o.status]?.[lang] ?? o.status;
    io.out(`${i + 1}. ${c.bold(status)} — ${o.when ? (es ? `si ${o.when}` : `if ${o.when}`) : es ? 'en los demás casos' : 'otherwise'}\n`);
    io.out(`   ${o.explain}\n`);
    for (const s of o.next_steps) io.out(`   → ${s}\n`);
  });
  io.out(`\n${es ? 'Fuente' : 'Source'}: ${v.source}\n`);
  io.out(es ? 'Esto es una evaluación, no asesoría legal.\n' : 'This is a screening aid, not legal advice.\n');
  return 0;
}
