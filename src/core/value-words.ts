/**
 * A fact's value in words for a person, in their language: yes/no, the case-file contract's own
 * choices (category, disposition, level, ...), or the words a rule file gives its own choices
 * (`value_words`). The engine says values this way in its "what would change" lines and
 * warnings; the questionnaire offers the contract's choices in their longer form (enumWord).
 */
import { t } from './messages.js';
import type { FactDef, Lang, Text } from './types.js';

/** Words in both languages (the Spanish never missing). */
type Pair = Required<Text>;

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
    return c ? t(c, lang) : value;
  }
  const w = ENUM_WORDS[fact]?.[value];
  return w ? t(w, lang) : value.replace(/_/g, ' ');
}

/** Values in words by language, long or short, fact and value: made once (no key text per call). */
const said: Record<Lang, [Map<string, Map<string, string>>, Map<string, Map<string, string>>]> = {
  en: [new Map(), new Map()],
  es: [new Map(), new Map()],
};

/**
 * A value in words, for mid-sentence ("— a pardon that authorizes expungement: may apply now"):
 * the rule file's own words first, else the contract's choice (its colon read as a comma, in lower
 * case unless it starts with an abbreviation such as DUI), else the id with spaces. `short`: the
 * contract's choice only up to its colon ("Felony: the most serious kind ..." as "felony").
 */
export function valueText(def: FactDef | undefined, fact: string, value: unknown, lang: Lang, short = false): string {
  if (value === true) return lang === 'es' ? 'sí' : 'yes';
  if (value === false) return 'no';
  const v = String(value);
  const own = def?.value_words?.[v];
  if (own) return t(own, lang);
  const byFact = said[lang === 'es' ? 'es' : 'en'][short ? 1 : 0];
  let byValue = byFact.get(fact);
  if (!byValue) byFact.set(fact, (byValue = new Map()));
  let s = byValue.get(v);
  if (s === undefined) {
    // "Cannabis (marijuana): having it" reads as one value before the line's own colon
    const word = enumWord(fact, v, lang);
    const w = short ? word.split(':')[0]! : word.replace(/: /g, ', ');
    s = /^\p{Lu}(?!\p{Lu})/u.test(w) ? w[0]!.toLowerCase() + w.slice(1) : w; // "DUI" stays
    if (byValue.size < 256) byValue.set(v, s);
  }
  return s;
}
