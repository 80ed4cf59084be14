/** The engine's own sentences, in English and Spanish. Rule-specific words live in the rule files. */
import type { Lang, Text } from './types.js';

export function t(text: Text | undefined, lang: Lang): string {
  if (!text) return '';
  return (lang === 'es' ? text.es : undefined) ?? text.en;
}

type Msg = (...a: string[]) => Text;
/** A message whose sentence is also wanted in one language only (`.in`), without making the other. */
type Msg1 = Msg & { in: (lang: Lang, ...a: string[]) => string };
function msg(en: (...a: string[]) => string, es: (...a: string[]) => string): Msg1 {
  const m = ((...a: string[]) => ({ en: en(...a), es: es(...a) })) as Msg1;
  m.in = (lang, ...a) => (lang === 'es' ? es(...a) : en(...a));
  return m;
}

export const M = {
  waitDone: msg(
    (explain, from, period, date) => `${explain}: ${period} from ${from}, over on ${date}.`,
    (explain, from, period, date) => `${explain}: ${period} desde ${from}, se cumple el ${date}.`,
  ),
  waitPending: msg(
    (explain, from, period, date) => `${explain}: ${period} from ${from}, so not before ${date}.`,
    (explain, from, period, date) => `${explain}: ${period} desde ${from}, así que no antes del ${date}.`,
  ),
  waitUnknownDate: ((explain, fact) => ({
    en: `${explain}: the waiting period runs from the ${fact}, which we do not know.`,
    es: `${explain}: el plazo de espera corre desde la ${fact}, que no sabemos.`,
  })) as Msg,
  waitBoundDone: msg(
    (explain, label, bound, period, date) => `${explain}: ${period} from the ${label}, which we do not know but is no later than ${bound}, so over by ${date} at the latest.`,
    (explain, label, bound, period, date) => `${explain}: ${period} desde la ${label}, que no sabemos pero no es posterior al ${bound}, así que se cumple a más tardar el ${date}.`,
  ),
  waitBoundPending: msg(
    (explain, label, bound, period, date) => `${explain}: ${period} from the ${label}, which we do not know but is no later than ${bound}, so by ${date} at the latest.`,
    (explain, label, bound, period, date) => `${explain}: ${period} desde la ${label}, que no sabemos pero no es posterior al ${bound}, así que a más tardar el ${date}.`,
  ),
  waitMaybe: msg(
    (explain, date) => `${explain}: if this applies, not before ${date}.`,
    (explain, date) => `${explain}: si esto aplica, no antes del ${date}.`,
  ),
  lawStarts: ((date) => ({
    en: `This law takes effect on ${date}.`,
    es: `Esta ley entra en vigor el ${date}.`,
  })) as Msg,
  unknownFacts: ((list) => ({
    en: `We need to know: ${list}.`,
    es: `Necesitamos saber: ${list}.`,
  })) as Msg,
  openQuestion: ((q) => ({
    en: `An open question of law that fairshot cannot settle: ${q}`,
    es: `Una cuestión legal abierta que fairshot no puede resolver: ${q}`,
  })) as Msg,
  lookIn: ((list) => ({
    en: `Where to look: ${list}.`,
    es: `Dónde buscarlo: ${list}.`,
  })) as Msg,
  unclear: ((explain) => ({
    en: `Not sure yet: ${explain}`,
    es: `Aún no está claro: ${explain}`,
  })) as Msg,
  unconfirmed: ((note) => ({
    en: `This rule has not been fully confirmed against the statute${note ? ` (${note})` : ''}; have a lawyer check it.`,
    es: `Esta regla no se ha confirmado del todo con la ley${note ? ` (${note})` : ''}; pida a un abogado que la revise.`,
  })) as Msg,
  exceptionApplies: ((explain) => ({ en: `Exception: ${explain}`, es: `Excepción: ${explain}` })) as Msg,
  noRulesForKind: ((kind, state) => ({
    en: `fairshot has no ${state} rules for ${kind}.`,
    es: `fairshot no tiene reglas de ${state} para ${kind}.`,
  })) as Msg,
  noRulesForState: ((state) => ({
    en: `fairshot has no rules for ${state} yet; ask a legal-aid clinic.`,
    es: `fairshot aún no tiene reglas para ${state}; consulte a una clínica de ayuda legal.`,
  })) as Msg,
  courtNotCovered: ((court) => ({
    en: `State relief laws do not reach ${court} court records; a lawyer can tell you what applies.`,
    es: `Las leyes estatales no alcanzan los registros de tribunales de tipo ${court}; un abogado puede decirle qué aplica.`,
  })) as Msg,
  noVotingRule: ((state) => ({
    en: `fairshot has no voting rule for ${state} yet.`,
    es: `fairshot aún no tiene una regla de voto para ${state}.`,
  })) as Msg,
  noRouteCovers: ((kind, state, names) => ({
    en: `None of the ${state} ${kind} routes covers this kind of record. They are: ${names}.`,
    es: `Ninguna de las vías de ${kind} de ${state} cubre este tipo de registro. Son: ${names}.`,
  })) as Msg,
  outcome: ((status, date) => {
    switch (status) {
      case 'eligible':
        return { en: 'may apply now', es: 'puede aplicar ya' };
      case 'eligible_on':
        return { en: `may apply from ${date}`, es: `puede aplicar desde el ${date}` };
      case 'not_eligible':
        return { en: 'does not appear to apply', es: 'no parece aplicar' };
      case 'not_covered':
        return { en: 'not covered', es: 'no cubierto' };
      case 'can_vote':
        return { en: 'can vote', es: 'puede votar' };
      case 'not_yet':
        return { en: 'cannot vote yet', es: 'aún no puede votar' };
      case 'requires_action':
        return { en: 'can vote after taking a step', es: 'puede votar después de un trámite' };
      case 'barred':
        return { en: 'cannot vote', es: 'no puede votar' };
      default:
        return { en: 'needs a closer look', es: 'hay que revisarlo' };
    }
  }) as Msg,
  dependsOn: ((label, outcomes) => ({
    en: `What ${label} would change — ${outcomes}.`,
    es: `Lo que cambiaría ${label} — ${outcomes}.`,
  })) as Msg,
  whatever: ((labels) => ({
    en: `This answer holds whatever the answer about ${labels}.`,
    es: `Esta respuesta vale sea cual sea la respuesta sobre ${labels}.`,
  })) as Msg,
  soonerIf: ((list) => ({
    en: `It may be sooner, depending on: ${list}.`,
    es: `Puede ser antes, según: ${list}.`,
  })) as Msg,
  plannedEnd: ((n, date) => ({
    en: `Charge ${n}: the sentence is not finished; it is planned to end on ${date}. Answers that wait for it assume it ends as planned.`,
    es: `Cargo ${n}: la sentencia no ha terminado; debe terminar el ${date}. Las respuestas que dependen de ella suponen que termina en esa fecha.`,
  })) as Msg,
  ifPlanned: ((date) => ({
    en: `If the sentence ends as planned on ${date}; a violation or an extension moves this date.`,
    es: `Si la sentencia termina como está previsto el ${date}; una violación o una extensión cambia esta fecha.`,
  })) as Msg,
  contradiction: ((n, fact, value, otherFact, otherValue) => ({
    en: `Charge ${n}: ${fact} is "${value}" but ${otherFact} is "${otherValue}": they cannot both be right. Each rule used the one it reads, so the answers for this charge may be wrong: check both on the court papers.`,
    es: `Cargo ${n}: ${fact} es «${value}» pero ${otherFact} es «${otherValue}»: no pueden ser ambos correctos. Cada regla usó el dato que lee, así que las respuestas para este cargo pueden estar mal: revise ambos en los papeles del tribunal.`,
  })) as Msg,
  assumed: ((list) => ({
    en: `Assumed for this screening, because the record did not say: ${list}.`,
    es: `Se supuso para esta evaluación, porque el historial no lo decía: ${list}.`,
  })) as Msg,
  routes: ((name, reason) => ({ en: `${name}: ${reason}`, es: `${name}: ${reason}` })) as Msg,
  /** An undecided route is shown, but the route surely about this record says no: say why too. */
  barredRoute: ((name, reason) => ({ en: `Another route, ${name}, is not open: ${reason}`, es: `Otra vía, ${name}, no está abierta: ${reason}` })) as Msg,
};

const UNITS_ES: Record<string, [string, string]> = { day: ['día', 'días'], month: ['mes', 'meses'], year: ['año', 'años'] };

/** "2 years" as the rule files write it, in the reader's language. */
export function periodText(period: string, lang: Lang): string {
  if (lang !== 'es') return period;
  const m = /^(\d+) (day|month|year)s?$/.exec(period.trim());
  if (!m) return period;
  const n = Number(m[1]);
  const [one, many] = UNITS_ES[m[2]!]!;
  return `${n} ${n === 1 ? one : many}`;
}

export const KIND_WORDS: Record<string, Text> = {
  expungement: { en: 'expungement', es: 'eliminación (expungement)' },
  sealing: { en: 'sealing', es: 'sellado' },
  set_aside: { en: 'set-aside or vacatur', es: 'anulación (set-aside o vacatur)' },
};
