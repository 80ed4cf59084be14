/** US states, D.C. and the inhabited territories: codes the clinic directory accepts. */
export const STATE_NAMES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
  CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia',
  HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas',
  KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts',
  MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico',
  NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma',
  OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota',
  TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington',
  WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  PR: 'Puerto Rico', VI: 'U.S. Virgin Islands', GU: 'Guam', MP: 'Northern Mariana Islands', AS: 'American Samoa',
};

/** The 50 states and D.C.: each must have a statewide fallback. */
export const REQUIRED_FALLBACK_STATES: readonly string[] = Object.keys(STATE_NAMES).filter(
  (c) => !['PR', 'VI', 'GU', 'MP', 'AS'].includes(c),
);

/** "il", "IL", "Illinois", "D.C.", "Washington DC" -> "IL"/"DC"; undefined when not a known place. */
export function normalizeState(input: string): string | undefined {
  const t = input.trim();
  const up = t.toUpperCase();
  if (STATE_NAMES[up]) return up;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  const k = squash(t);
  if (k === 'dc' || k === 'washingtondc' || k === 'districtofcolumbia') return 'DC';
  for (const [code, name] of Object.entries(STATE_NAMES)) if (squash(name) === k) return code;
  return undefined;
}

/** Spanish state names where they differ from the English ones. */
export const STATE_NAMES_ES: Readonly<Record<string, string>> = {
  DC: 'el Distrito de Columbia',
  HI: 'Hawái',
  LA: 'Luisiana',
  MI: 'Míchigan',
  NY: 'Nueva York',
  NJ: 'Nueva Jersey',
  NM: 'Nuevo México',
  NC: 'Carolina del Norte',
  SC: 'Carolina del Sur',
  ND: 'Dakota del Norte',
  SD: 'Dakota del Sur',
  PA: 'Pensilvania',
  NH: 'Nuevo Hampshire',
  VA: 'Virginia',
  WV: 'Virginia Occidental',
  PR: 'Puerto Rico',
  VI: 'las Islas Vírgenes de EE. UU.',
  MP: 'las Islas Marianas del Norte',
  AS: 'Samoa Americana',
};
