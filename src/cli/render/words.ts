/** The words of the human output (tables, the screening's results), in English and Spanish. */
import type { ChargeStatus, Lang, ReliefKind, VotingStatus } from '../../core/types.js';

interface Words {
  status: Record<ChargeStatus, string>;
  statusOn: (date: string) => string;
  automatic: string;
  voting: Record<VotingStatus, string>;
  kind: Record<ReliefKind, string>;
  charge: string;
  person: string;
  asOf: string;
  votingTitle: string;
  clinicsTitle: string;
  nextSteps: string;
  why: string;
  howToCheck: string;
  whereToFile: string;
  fee: string;
  askALawyer: string;
  errors: string;
  warnings: string;
  notLegalAdvice: string;
  miles: string;
  noCharges: string;
  unconfirmed: string;
  also: string;
  yourResults: string;
  kindHelp: Record<ReliefKind, string>;
  statusAuto: string;
  statusAutoOn: (date: string) => string;
  needsReviewBecause: string;
  notEligibleBecause: string;
  law: string;
  needsLawyer: string;
  unknownKind: string;
  rapSheet: string;
  rapSheetHow: string;
  bring: string;
  bringList: string;
}

const en: Words = {
  status: {
    eligible: 'may apply now',
    eligible_on: 'may apply from',
    needs_review: 'needs a closer look',
    not_eligible: 'does not appear to apply',
    not_covered: 'not covered by fairshot',
  },
  statusOn: (d) => `may apply from ${d}`,
  automatic: 'automatic: check whether it already happened',
  voting: {
    can_vote: 'you can vote',
    not_yet: 'not yet: comes back with time',
    requires_action: 'you must act first',
    barred: 'lost for this offense unless pardoned',
    needs_review: 'needs a closer look',
  },
  kind: { expungement: 'Expungement', sealing: 'Sealing', set_aside: 'Set-aside / vacatur' },
  charge: 'Charge',
  person: 'Person',
  asOf: 'as of',
  votingTitle: 'Voting',
  clinicsTitle: 'Free help nearby',
  nextSteps: 'Next',
  why: 'Why',
  howToCheck: 'How to check',
  whereToFile: 'Where to file',
  fee: 'Fee',
  askALawyer: 'Ask a lawyer',
  errors: 'Problems with this record',
  warnings: 'Note',
  notLegalAdvice: 'This is a screening, not legal advice. Laws change; a free legal clinic can confirm.',
  miles: 'mi',
  noCharges: 'No charges were given.',
  unconfirmed: 'rule not fully confirmed',
  also: 'Also',
  yourResults: 'Your results',
  kindHelp: {
    expungement: 'Expungement: the record is destroyed, as if it never happened.',
    sealing: 'Sealing: the record is hidden from the public (employers, landlords); police and courts can still see it.',
    set_aside: 'Set-aside: the court cancels or reduces the conviction.',
  },
  statusAuto: 'may happen automatically: check whether it already happened (how: below)',
  statusAutoOn: (d) => `may happen automatically from ${d}`,
  needsReviewBecause: "needs a lawyer's look, because:",
  notEligibleBecause: 'does not appear to apply, because:',
  law: 'Law',
  needsLawyer: "needs a lawyer's look",
  unknownKind: 'We do not know what this charge was for, so we cannot tell which laws fit it. Your rap sheet says what it was and how it ended.',
  rapSheet: 'Find your rap sheet',
  rapSheetHow:
    'it is your criminal history report. Ask the state police of the state where the case was for your own record (most states take the request online or by mail, sometimes with fingerprints and a small fee), or ask a free legal clinic to get it with you. The court clerk of the county can print the case docket.',
  bring: 'What to bring to a lawyer or clinic',
  bringList: 'your rap sheet, any court papers for this case (the charge, how it ended, the sentence) and an ID.',
};

const es: Words = {
  status: {
    eligible: 'puede aplicar ahora',
    eligible_on: 'puede aplicar desde',
    needs_review: 'necesita una revisión más detallada',
    not_eligible: 'no parece aplicar',
    not_covered: 'fairshot no lo cubre',
  },
  statusOn: (d) => `puede aplicar desde el ${d}`,
  automatic: 'automático: verifique si ya ocurrió',
  voting: {
    can_vote: 'usted puede votar',
    not_yet: 'todavía no: regresa con el tiempo',
    requires_action: 'debe hacer algo primero',
    barred: 'perdido por este delito salvo indulto',
    needs_review: 'necesita una revisión más detallada',
  },
  kind: { expungement: 'Eliminación (expungement)', sealing: 'Sellado', set_aside: 'Anulación (set-aside)' },
  charge: 'Cargo',
  person: 'Persona',
  asOf: 'a fecha de',
  votingTitle: 'Voto',
  clinicsTitle: 'Ayuda gratis cerca',
  nextSteps: 'Siguiente paso',
  why: 'Por qué',
  howToCheck: 'Cómo verificar',
  whereToFile: 'Dónde presentar',
  fee: 'Costo',
  askALawyer: 'Pregunte a un abogado',
  errors: 'Problemas con este registro',
  warnings: 'Nota',
  notLegalAdvice: 'Esto es una evaluación, no asesoría legal. Las leyes cambian; una clínica legal gratuita puede confirmarlo.',
  miles: 'mi',
  noCharges: 'No se dieron cargos.',
  unconfirmed: 'regla no confirmada del todo',
  also: 'También',
  yourResults: 'Sus resultados',
  kindHelp: {
    expungement: 'Eliminación (expungement): el registro se destruye, como si nunca hubiera pasado.',
    sealing: 'Sellado: el registro se oculta al público (empleadores, caseros); la policía y los tribunales aún lo ven.',
    set_aside: 'Anulación (set-aside): el tribunal cancela o reduce la condena.',
  },
  statusAuto: 'puede pasar automáticamente: verifique si ya ocurrió (cómo: abajo)',
  statusAutoOn: (d) => `puede pasar automáticamente desde el ${d}`,
  needsReviewBecause: 'necesita que lo revise un abogado, porque:',
  notEligibleBecause: 'no parece aplicar, porque:',
  law: 'Ley',
  needsLawyer: 'necesita que lo revise un abogado',
  unknownKind: 'No sabemos de qué fue este cargo, así que no podemos decir qué leyes le aplican. Su historial penal (rap sheet) dice qué fue y cómo terminó.',
  rapSheet: 'Consiga su historial penal',
  rapSheetHow:
    'es el informe de sus antecedentes (rap sheet). Pídalo a la policía estatal del estado donde fue el caso (la mayoría de los estados lo aceptan en línea o por correo, a veces con huellas digitales y un pequeño costo), o pida a una clínica legal gratuita que lo consiga con usted. El secretario del tribunal del condado puede imprimir el expediente del caso.',
  bring: 'Qué llevar a un abogado o a una clínica',
  bringList: 'su historial penal, los papeles del tribunal de este caso (el cargo, cómo terminó, la sentencia) y una identificación.',
};

export function words(lang: Lang): Words {
  return lang === 'es' ? es : en;
}

/** Symbols that carry the verdict without colour. */
export const SYMBOL: Record<ChargeStatus | VotingStatus, string> = {
  eligible: '✔',
  eligible_on: '◷',
  needs_review: '?',
  not_eligible: '✘',
  not_covered: '–',
  can_vote: '✔',
  not_yet: '◷',
  requires_action: '!',
  barred: '✘',
};
