/**
 * The questionnaire's own words (choices, hints, headings) in English and Spanish. The questions
 * themselves come from the facts vocabulary and the rule files (`question`, `help`, `document`).
 * Plain words: every legal term comes with a short explanation.
 */
import type { Lang } from '../../core/types.js';
import { STATE_NAMES_ES } from '../../clinics/states.js';

type Pair = { en: string; es: string };
const pick = (p: Pair, lang: Lang) => (lang === 'es' ? p.es : p.en);

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
  return pick(UI[key], lang);
}

/** Plain-word choices for the enums of the case-file contract. */
export const ENUM_WORDS: Record<string, Record<string, Pair>> = {
  level: {
    felony: { en: 'Felony: the most serious kind (can mean a year or more in prison)', es: 'Delito grave (felony): el tipo más serio (puede significar un año o más de prisión)' },
    misdemeanor: { en: 'Misdemeanor: a less serious crime (up to a year in jail)', es: 'Delito menor (misdemeanor): menos serio (hasta un año de cárcel)' },
    petty: { en: 'Petty offense: a small offense, usually only a fine', es: 'Falta menor (petty offense): algo pequeño, casi siempre solo una multa' },
    infraction: { en: 'Infraction or ticket: not a crime (like most traffic tickets)', es: 'Infracción o multa: no es un delito (como casi todas las multas de tránsito)' },
  },
  disposition: {
    convicted: { en: 'Found guilty or pleaded guilty (a conviction)', es: 'Lo declararon culpable o se declaró culpable (una condena)' },
    dismissed: { en: 'Dismissed: the case was dropped', es: 'Desestimado: retiraron el caso' },
    acquitted: { en: 'Found not guilty at trial', es: 'Lo declararon no culpable en el juicio' },
    not_charged: { en: 'Arrested, but never charged', es: 'Lo arrestaron, pero nunca lo acusaron' },
    diversion_completed: { en: 'Finished a diversion program before any guilty plea', es: 'Terminó un programa de desvío (diversion) antes de declararse culpable' },
    supervision_completed: {
      en: 'Finished court supervision or first-offender probation (not a conviction)',
      es: 'Terminó la supervisión judicial o la probatoria de primer delito (no es condena)',
    },
    vacated: { en: 'A conviction that was later vacated or reversed (thrown out)', es: 'Una condena que después fue anulada o revocada' },
    adjudicated_delinquent: { en: 'Juvenile court: found delinquent (as a minor)', es: 'Tribunal de menores: declarado delincuente (siendo menor)' },
  },
  sentence_type: {
    none: { en: 'No sentence', es: 'Ninguna sentencia' },
    fine: { en: 'Only a fine', es: 'Solo una multa' },
    probation: { en: 'Probation: supervision by the court instead of jail', es: 'Probatoria: supervisión del tribunal en vez de cárcel' },
    jail: { en: 'Jail (usually under a year)', es: 'Cárcel (casi siempre menos de un año)' },
    prison: { en: 'Prison', es: 'Prisión' },
    other: { en: 'Something else (like community service)', es: 'Otra cosa (como servicio comunitario)' },
  },
  court: {
    state: { en: 'A state court', es: 'Un tribunal estatal' },
    municipal: { en: 'A city court', es: 'Un tribunal municipal' },
    federal: { en: 'A federal court', es: 'Un tribunal federal' },
    military: { en: 'A military court', es: 'Un tribunal militar' },
    tribal: { en: 'A tribal court', es: 'Un tribunal tribal' },
    juvenile: { en: 'A juvenile court (as a minor)', es: 'Un tribunal de menores (siendo menor)' },
  },
};

/** Offense categories, with extra search words. */
export const CATEGORY_WORDS: Record<string, Pair & { keys: string }> = {
  cannabis_possession: { en: 'Cannabis (marijuana): having it', es: 'Cannabis (marihuana): tenerla', keys: 'weed pot marihuana mota hierba possession posesion' },
  cannabis_sale: { en: 'Cannabis: selling or delivering it', es: 'Cannabis: venderla o entregarla', keys: 'weed pot marihuana mota delivery sale venta entrega' },
  cannabis_cultivation: { en: 'Cannabis: growing plants', es: 'Cannabis: cultivar plantas', keys: 'weed pot marihuana grow cultivo plantas' },
  cannabis_paraphernalia: { en: 'Cannabis pipes, papers or other gear', es: 'Pipas, papel u otros objetos para cannabis', keys: 'weed pot marihuana paraphernalia parafernalia bong' },
  drug_possession: { en: 'Other drugs: having them', es: 'Otras drogas: tenerlas', keys: 'cocaine heroin pills controlled substance cocaina heroina pastillas' },
  drug_sale: { en: 'Other drugs: selling or delivering them', es: 'Otras drogas: venderlas o entregarlas', keys: 'cocaine heroin delivery trafficking cocaina heroina venta' },
  drug_paraphernalia: { en: 'Drug gear (needles, pipes)', es: 'Objetos para drogas (jeringas, pipas)', keys: 'paraphernalia parafernalia syringe' },
  dui: { en: 'Driving under the influence (DUI)', es: 'Manejar bajo la influencia (DUI)', keys: 'drunk driving dwi alcohol borracho' },
  traffic: { en: 'Traffic (no license, reckless driving…)', es: 'Tránsito (sin licencia, manejo imprudente…)', keys: 'driving license licencia reckless manejo trafico' },
  theft: { en: 'Theft or shoplifting', es: 'Robo o hurto en tiendas', keys: 'stealing retail theft larceny hurto tienda' },
  fraud: { en: 'Fraud, forgery or bad checks', es: 'Fraude, falsificación o cheques sin fondos', keys: 'forgery identity fraude cheque' },
  burglary: { en: 'Burglary (going in somewhere to steal)', es: 'Allanamiento (entrar a un lugar para robar)', keys: 'break in breaking robo casa' },
  property_damage: { en: 'Damaging property (vandalism)', es: 'Daños a la propiedad (vandalismo)', keys: 'criminal damage graffiti vandalismo' },
  trespass: { en: 'Trespassing (being somewhere without permission)', es: 'Entrar sin permiso (trespass)', keys: 'trespass entrada' },
  public_order: { en: 'Disorderly conduct or public order', es: 'Alteración del orden público', keys: 'disorderly loitering resisting desorden' },
  prostitution: { en: 'Prostitution', es: 'Prostitución', keys: 'solicitation sex work' },
  weapons: { en: 'Weapons (gun or knife)', es: 'Armas (pistola o cuchillo)', keys: 'gun firearm uuw pistola arma' },
  assault: { en: 'Assault or battery (hurting or threatening someone)', es: 'Agresión (lastimar o amenazar a alguien)', keys: 'battery fight pelea golpes asalto' },
  domestic_violence: { en: 'Domestic violence or domestic battery', es: 'Violencia doméstica', keys: 'domestic battery family pareja familia' },
  robbery: { en: 'Robbery (taking something by force)', es: 'Robo con violencia', keys: 'armed robbery atraco' },
  homicide: { en: 'Homicide', es: 'Homicidio', keys: 'murder manslaughter asesinato' },
  kidnapping: { en: 'Kidnapping', es: 'Secuestro', keys: 'abduction' },
  sex_offense: { en: 'Sex offense', es: 'Delito sexual', keys: 'sexual abuso' },
  child_abuse: { en: 'Child abuse or neglect', es: 'Abuso o descuido de menores', keys: 'child endangerment niños' },
  election_offense: { en: 'Election or voting offense', es: 'Delito electoral', keys: 'vote voting fraud elecciones' },
  other: { en: 'Something else', es: 'Otra cosa', keys: 'other otro' },
};

export function enumWord(fact: string, value: string, lang: Lang): string {
  if (fact === 'category') {
    const c = CATEGORY_WORDS[value];
    return c ? pick(c, lang) : value;
  }
  const w = ENUM_WORDS[fact]?.[value];
  return w ? pick(w, lang) : value.replace(/_/g, ' ');
}

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
