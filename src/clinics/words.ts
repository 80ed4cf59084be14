/**
 * The finder's own sentences in English and Spanish. Text that comes from the directory (notes,
 * event titles, hours notes) is translated through the directory's `translations.es` table
 * (data/clinics.yaml), keyed by the English text; see docs/clinics.md.
 */
export type ClinicLang = 'en' | 'es';

export interface FinderWords {
  notAZip: (raw: string) => string;
  /** The words of a ZIP note saying statewide help is shown, and what replaces them when no state is known. */
  statewideShown: string;
  nationalShown: string;
  zipNotListed: (zip: string, vintage: string) => string;
  notAState: (s: string) => string;
  otherState: (home: string, law: string) => string;
  giveState: string;
  noFallback: (state: string) => string;
  unknownService: (s: string) => string;
  notListed: (name: string, reason: string) => string;
  noneNear: (what: string | null, miles: number, state: string) => string;
  /** The service group `record_clearance` in words. */
  recordClearance: string;
  /** A case in another state than the person's: that state's own help is listed too. */
  caseElsewhere: (state: string) => string;
  campaign: (name: string, start: string, end: string, site: string | null) => string;
  callFirst: string;
  countyCases: (counties: string) => string;
  countyOutside: (counties: string) => string;
  focus: (areas: string) => string;
  clientsOnly: string;
  juvenileOnly: (place: string) => string;
  bring: (what: string) => string;
  newWeek: (years: string) => string;
  stateResidents: (state: string) => string;
  zipResidents: (zips: string) => string;
  namedResidents: (names: string, county: boolean) => string;
  proofRequired: string;
  zipUnchecked: (label: string) => string;
  zipOutside: (label: string, zip: string) => string;
  stateOutside: (label: string, state: string) => string;
  cityOutside: (label: string, zip: string, city: string, state: string) => string;
  checkYouQualify: string;
  place: string;
  phone: string;
  online: string;
  recurring: string;
  registrationRequired: string;
  noRecordClearance: string;
  noContact: string;
  checked: (date: string, how: string) => string;
  checkedHow: Record<string, string>;
}

export const FINDER_WORDS: Record<ClinicLang, FinderWords> = {
  en: {
    notAZip: (raw) => `"${raw}" is not a ZIP code (expected 5 digits, like 60614). Showing statewide help instead.`,
    statewideShown: 'Showing statewide help',
    nationalShown: 'Showing national help',
    zipNotListed: (zip, v) =>
      `ZIP ${zip} is not in the offline ZIP list (${v}); it may be newer than the list or mistyped. ` +
      'Showing statewide help; try a neighbouring ZIP to see distances.',
    notAState: (s) => `"${s}" is not a US state, D.C. or territory code.`,
    otherState: (home, law) => `Your ZIP is in ${home}; showing help with ${law} cases (the state whose law applies), with distances from your ZIP.`,
    giveState: 'Give the state whose law applies to see clinics there; meanwhile, national help:',
    noFallback: (st) => `The directory has no statewide fallback for ${st}; showing national help.`,
    unknownService: (s) => `Unknown service "${s}"; showing every service.`,
    notListed: (name, reason) => `Not listed: ${name} — ${reason}.`,
    noneNear: (what, miles, st) => `No listed ${what ? `${what} help` : 'clinic'} within ${miles} miles serves ${st} cases; statewide help is listed.`,
    recordClearance: 'record-clearance',
    caseElsewhere: (st) => `A case in ${st} is decided by ${st} law: ${st}'s own legal-aid help is listed too.`,
    campaign: (name, start, end, site) => `${name} runs ${start} to ${end}: look for a free local event${site ? ` (${site})` : ''}.`,
    callFirst: 'Call before you go: no listing here has been confirmed by a person by phone or visit; they were checked only against stored public pages.',
    countyCases: (c) => `handles ${c} County cases`,
    countyOutside: (c) => `handles ${c} County cases only: your ZIP looks outside; go there only if your case was in that county`,
    focus: (a) => `focus: ${a}`,
    clientsOnly: 'helps its own clients only',
    juvenileOnly: (p) => `${p}: juvenile records only`,
    bring: (w) => `Bring: ${w}`,
    newWeek: (y) => `Took part in National Expungement Week (${y}): ask about this year's event.`,
    stateResidents: (s) => `${s} residents only`,
    zipResidents: (z) => `residents of ZIPs ${z} only`,
    namedResidents: (n, county) => `${n}${county ? ' County' : ''} residents only`,
    proofRequired: ' (proof of residence required)',
    zipUnchecked: (l) => `${l}, and your ZIP could not be checked`,
    zipOutside: (l, z) => `${l}; your ZIP ${z} is outside`,
    stateOutside: (l, s) => `${l}; your ZIP is in ${s}`,
    cityOutside: (l, z, c, s) => `${l}; your ZIP ${z} is in ${c}, ${s}`,
    checkYouQualify: ' — check you qualify',
    place: 'place',
    phone: 'phone',
    online: 'online',
    recurring: 'recurring',
    registrationRequired: 'registration required',
    noRecordClearance: 'does not clear records itself: ask for a referral',
    noContact: 'no phone, address or website listed',
    checked: (d, how) => `checked ${d}: ${how}`,
    checkedHow: {
      website: "stored copy of the organization's website",
      news: 'dated news item or notice',
      third_party: 'third-party listings only',
      phone: 'by phone',
    },
  },
  es: {
    notAZip: (raw) => `"${raw}" no es un código postal (ZIP de 5 dígitos, como 60614). Se muestra ayuda estatal.`,
    statewideShown: 'Se muestra ayuda estatal',
    nationalShown: 'Se muestra ayuda nacional',
    zipNotListed: (zip, v) =>
      `El código postal ${zip} no está en la lista sin conexión (${v}); puede ser más nuevo que la lista o tener un error. ` +
      'Se muestra ayuda estatal; pruebe un código postal vecino para ver distancias.',
    notAState: (s) => `"${s}" no es el código de un estado de EE. UU., de D.C. ni de un territorio.`,
    otherState: (home, law) => `Su código postal está en ${home}; se muestra ayuda con casos de ${law} (el estado cuya ley aplica), con distancias desde su código postal.`,
    giveState: 'Indique el estado cuya ley aplica para ver clínicas allí; mientras tanto, ayuda nacional:',
    noFallback: (st) => `El directorio no tiene ayuda estatal para ${st}; se muestra ayuda nacional.`,
    unknownService: (s) => `Servicio desconocido "${s}"; se muestran todos los servicios.`,
    notListed: (name, reason) => `No se incluye: ${name} — ${reason}.`,
    noneNear: (what, miles, st) => `Ninguna ${what ? `ayuda de ${what}` : 'clínica'} en la lista a menos de ${miles} millas atiende casos de ${st}; se muestra ayuda estatal.`,
    recordClearance: 'limpieza de antecedentes',
    caseElsewhere: (st) => `Un caso en ${st} se decide por la ley de ${st}: también se incluye la ayuda legal de ${st}.`,
    campaign: (name, start, end, site) => `${name} va del ${start} al ${end}: busque un evento local gratuito${site ? ` (${site})` : ''}.`,
    callFirst: 'Llame antes de ir: ninguna persona ha confirmado estos lugares por teléfono ni en persona; solo se compararon con copias guardadas de páginas públicas.',
    countyCases: (c) => `atiende casos del condado de ${c}`,
    countyOutside: (c) => `solo atiende casos del condado de ${c}: su código postal parece estar fuera; vaya solo si su caso fue en ese condado`,
    focus: (a) => `se enfoca en: ${a}`,
    clientsOnly: 'solo ayuda a sus propios clientes',
    juvenileOnly: (p) => `${p}: solo antecedentes juveniles`,
    bring: (w) => `Traiga: ${w}`,
    newWeek: (y) => `Participó en la Semana Nacional de Eliminación de Antecedentes (National Expungement Week) (${y}): pregunte por el evento de este año.`,
    stateResidents: (s) => `solo residentes de ${s}`,
    zipResidents: (z) => `solo residentes de los códigos postales ${z}`,
    namedResidents: (n, county) => `solo residentes ${county ? 'del condado de ' : 'de '}${n}`,
    proofRequired: ' (se exige prueba de residencia)',
    zipUnchecked: (l) => `${l}, y no se pudo verificar su código postal`,
    zipOutside: (l, z) => `${l}; su código postal ${z} queda fuera`,
    stateOutside: (l, s) => `${l}; su código postal está en ${s}`,
    cityOutside: (l, z, c, s) => `${l}; su código postal ${z} está en ${c}, ${s}`,
    checkYouQualify: ' — verifique si reúne los requisitos',
    place: 'lugar',
    phone: 'teléfono',
    online: 'en línea',
    recurring: 'periódico',
    registrationRequired: 'inscripción obligatoria',
    noRecordClearance: 'no limpia antecedentes por sí misma: pida una referencia',
    noContact: 'sin teléfono, dirección ni sitio web en la lista',
    checked: (d, how) => `verificado ${d}: ${how}`,
    checkedHow: {
      website: 'copia guardada del sitio web de la organización',
      news: 'noticia o aviso con fecha',
      third_party: 'solo listados de terceros',
      phone: 'por teléfono',
    },
  },
};
