/**
 * The questionnaire's own words (choices, hints, headings) in English and Spanish. The questions
 * themselves come from the facts vocabulary and the rule files (`question`, `help`, `document`).
 * Plain words: every legal term comes with a short explanation.
 */
import { t } from '../../core/messages.js';
import type { Lang, Text } from '../../core/types.js';
import { STATE_NAMES_ES } from '../../clinics/states.js';

/** Words in both languages (the Spanish never missing). */
type Pair = Required<Text>;

export const UI = {
  welcome: {
    en: 'fairshot asks a few questions about your record and tells you what may help: clearing it (expungement or sealing) and voting. It takes about 5 minutes. Your answers stay on this computer.',
    es: 'fairshot le hace unas preguntas sobre su historial y le dice qué puede ayudar: limpiarlo (eliminación o sellado) y votar. Toma unos 5 minutos. Sus respuestas se quedan en esta computadora.',
  },
  neverHint: { en: 'Type no if it never happened.', es: 'Escriba no si nunca ocurrió.' },
  never: { en: 'No', es: 'No' },
  dontKnowHint: { en: 'Type ? if you do not know.', es: 'Escriba ? si no sabe.' },
  dateHint: {
    en: 'For example 2015-03-02, 3/2/2015, March 2015 or just 2015. Type ? if you do not know.',
    es: 'Por ejemplo 2015-03-02, 2 de marzo de 2015, marzo 2015 o solo 2015; con barras, mes/día/año como en los papeles de EE. UU. (3/2/2015). Escriba ? si no sabe.',
  },
  amountHint: {
    en: 'Grams or ounces, for example 20 g or 1 oz (1 ounce = 28.35 grams). Type ? if you do not know.',
    es: 'Gramos u onzas, por ejemplo 20 g o 1 oz (1 onza = 28.35 gramos). Escriba ? si no sabe.',
  },
  dateBefore: { en: 'That is before the {what} ({date}). Please check.', es: 'Eso es antes de la {what} ({date}). Revise, por favor.' },
  dateAfter: { en: 'That is after the {what} ({date}). Please check.', es: 'Eso es después de la {what} ({date}). Revise, por favor.' },
  dateAfterCase: { en: 'That is after the {what} of case {n} ({date}). Please check.', es: 'Eso es después de la {what} del caso {n} ({date}). Revise, por favor.' },
  dateTooOld: { en: 'That is more than {years} years ago. Please check the year.', es: 'Eso fue hace más de {years} años. Revise el año.' },
  optionalHint: { en: 'Press Enter to skip.', es: 'Presione Enter para saltar.' },
  zipState: {
    en: 'ZIP {zip} is in {state}: the questions go by that state. (You can change it on the review screen at the end.)',
    es: 'El código postal {zip} está en {state}: las preguntas siguen ese estado. (Puede cambiarlo en la revisión al final.)',
  },
  zipOtherState: {
    en: 'ZIP {zip} is in {state}. The state you live in is still {home}: change it on the review screen if that is wrong.',
    es: 'El código postal {zip} está en {state}. El estado donde vive sigue siendo {home}: cámbielo en la revisión si no es correcto.',
  },
  zipInvalid: {
    en: 'A ZIP code has 5 numbers, like 60614 (or 60614-1234). Or press Enter to skip.',
    es: 'Un código postal tiene 5 números, como 60614 (o 60614-1234). O presione Enter para saltar.',
  },
  numberInvalid: { en: 'Please write a number, like 19. Type ? if you do not know.', es: 'Escriba un número, como 19. Escriba ? si no sabe.' },
  yes: { en: 'Yes', es: 'Sí' },
  no: { en: 'No', es: 'No' },
  dontKnow: { en: "I don't know", es: 'No sé' },
  notSure: { en: "I'm not sure", es: 'No estoy seguro/a' },
  skipped: { en: 'skipped', es: 'saltado' },
  textLimitHint: { en: '(up to 200 characters)', es: '(hasta 200 caracteres)' },
  textTooLong: {
    en: 'That is {n} characters; please keep it to 200 (the main words as on the papers).',
    es: 'Son {n} caracteres; escriba como máximo 200 (las palabras principales, como en los papeles).',
  },
  noResults: { en: 'No results found; try another word', es: 'No se encontró nada; pruebe otra palabra' },
  skip: { en: '(skipped)', es: '(saltado)' },
  caseHeading: { en: 'Case', es: 'Caso' },
  caseIntro: {
    en: 'Now your record, one case at a time. Court papers or a rap sheet (your criminal history report) help, but you can answer from memory.',
    es: 'Ahora su historial, un caso a la vez. Los papeles del tribunal o su historial penal (rap sheet) ayudan, pero puede contestar de memoria.',
  },
  chargeState: { en: 'In which state was this case?', es: '¿En qué estado fue este caso?' },
  whereYouLive: { en: 'where you live', es: 'donde vive' },
  anotherState: { en: 'Another state', es: 'Otro estado' },
  federalCourt: { en: 'A federal court (U.S. District Court)', es: 'Un tribunal federal (U.S. District Court)' },
  pickState: { en: 'Which state?', es: '¿Qué estado?' },
  residence: { en: 'Which state do you live in?', es: '¿En qué estado vive?' },
  searchHint: { en: '(type to search)', es: '(escriba para buscar)' },
  categorySearch: { en: 'What was it for?', es: '¿Por qué fue?' },
  categoryHint: { en: '(type a word to search, e.g. cannabis, theft, DUI)', es: '(escriba una palabra para buscar, p. ej. cannabis, robo, DUI)' },
  classOther: { en: 'Something else (type it)', es: 'Otra (escríbala)' },
  classType: { en: 'Type the class as written on the papers:', es: 'Escriba la clase como aparece en los papeles:' },
  moreCharges: {
    en: 'Is there another case or charge on your record, in any state? Count a case still open in court too.',
    es: '¿Hay otro caso o cargo en su historial, en cualquier estado? Cuente también un caso todavía abierto en el tribunal.',
  },
  moreYes: { en: 'Yes, add another', es: 'Sí, agregar otro' },
  moreOpen: { en: 'Yes, a case still open in court (not decided yet)', es: 'Sí, un caso todavía abierto en el tribunal (sin decidir)' },
  moreNo: { en: 'No, that is all', es: 'No, eso es todo' },
  moreUnsure: { en: "I'm not sure (some rules will need a closer look)", es: 'No estoy seguro/a (algunas reglas necesitarán revisión)' },
  reviewTitle: { en: 'Please check your answers.', es: 'Revise sus respuestas.' },
  reviewQuestion: { en: 'Is everything right?', es: '¿Está todo bien?' },
  reviewDone: { en: 'Yes, show my results', es: 'Sí, mostrar mis resultados' },
  reviewChange: { en: 'Change', es: 'Cambiar' },
  reviewRemove: { en: 'Remove case', es: 'Quitar el caso' },
  reviewAdd: { en: 'Add another case', es: 'Agregar otro caso' },
  recordAll: { en: 'All cases are listed', es: 'Todos los casos están en la lista' },
  wentBack: { en: '← back one question', es: '← una pregunta atrás' },
  keysBack: { en: 'Esc back', es: 'Esc volver' },
  backChoice: { en: '← Back to the last question', es: '← Volver a la pregunta anterior' },
  backHint: { en: 'Press Esc to go back one question.', es: 'Presione Esc para volver a la pregunta anterior.' },
  keysSelect: { en: '↑↓ move • ⏎ choose', es: '↑↓ moverse • ⏎ elegir' },
  keysSearch: { en: 'type to search • ↑↓ move • ⏎ choose', es: 'escriba para buscar • ↑↓ moverse • ⏎ elegir' },
  goodbye: { en: 'Cancelled. Nothing was saved.', es: 'Cancelado. No se guardó nada.' },
  saved: { en: 'Your answers were saved to', es: 'Sus respuestas se guardaron en' },
  thinking: { en: 'Working out your results…', es: 'Calculando sus resultados…' },
  language: { en: 'Language / Idioma', es: 'Language / Idioma' },
  handoutOffer: {
    en: 'Save a one-page summary to print or keep on your phone (and calendar reminders)?',
    es: '¿Guardar un resumen de una página para imprimir o tener en el teléfono (y recordatorios de calendario)?',
  },
  handoutNo: { en: 'No, thanks', es: 'No, gracias' },
  handoutYes: { en: 'Yes, save it', es: 'Sí, guardarlo' },
  handoutFile: { en: 'File name for the summary', es: 'Nombre del archivo del resumen' },
} satisfies Record<string, Pair>;

export function ui(key: keyof typeof UI, lang: Lang): string {
  return t(UI[key], lang);
}

export { CATEGORY_WORDS, ENUM_WORDS, enumWord } from '../../core/value-words.js';
import { enumWord } from '../../core/value-words.js';


/** Short form of an enum word for the review screen (the part before a colon). */
export function enumShort(fact: string, value: string, lang: Lang): string {
  return enumWord(fact, value, lang).split(':')[0]!;
}

export const STATE_NAMES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
};

/** A state's name, in Spanish where it differs (`lang` 'es'). */
export const stateName = (code: string, lang?: Lang) => (lang === 'es' ? STATE_NAMES_ES[code] : undefined) ?? STATE_NAMES[code] ?? code;
/** The same, as a label or a choice in a list (no article: "Distrito de Columbia"). */
export const stateLabel = (code: string, lang?: Lang) => stateName(code, lang).replace(/^el /, '');
