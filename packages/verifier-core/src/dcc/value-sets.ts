// Names for the codes of the EU DCC value sets (eHealth Network, "Value Sets for
// Digital COVID Certificates") that a door check shows. Unlisted codes are shown as given.

/** vaccine-medicinal-product (mp): the common products. */
export const VACCINE_PRODUCTS: Readonly<Record<string, string>> = {
  'EU/1/20/1528': 'Comirnaty (Pfizer-BioNTech)',
  'EU/1/20/1507': 'Spikevax (Moderna)',
  'EU/1/21/1529': 'Vaxzevria (AstraZeneca)',
  'EU/1/20/1525': 'COVID-19 Vaccine Janssen (Jcovden)',
  'EU/1/21/1618': 'Nuvaxovid (Novavax)',
  'EU/1/21/1624': 'COVID-19 Vaccine Valneva',
  'Covishield': 'Covishield (ChAdOx1_nCoV-19)',
  'Sputnik-V': 'Sputnik V',
  'BBIBP-CorV': 'BBIBP-CorV (Sinopharm)',
  'CoronaVac': 'CoronaVac (Sinovac)',
  'Covaxin': 'Covaxin (Bharat Biotech)',
};

/** test-type (tt). */
export const TEST_TYPES = { naat: 'LP6464-4', antigen: 'LP217198-3' } as const;

/** test-result (tr). */
export const TEST_RESULTS = { notDetected: '260415000', detected: '260373001' } as const;

/**
 * Where a pass's codes are checked against the value sets, and when. A code is judged only when it is
 * written in the code system its field's value set is drawn from, because that system is closed: the
 * EU lists every EMA organisation id (ORG-…) a vaccine may name as its maker, every EU register number
 * (EU/1/…) a product may carry, every rapid-test device id of the JRC list, both LOINC test types,
 * and every ISO 3166 country. An invented code in one of those systems (device 9999, ORG-99999999,
 * country XY) is a forgery or an error, and the pass is SCHEMA-invalid. Codes of other systems (a
 * product written as free text, a national placeholder) are left to the business rules, which check
 * them against the same value sets (CertLogic `in` over `external.valueSets`); the EU's own test
 * data holds such passes as schema-valid.
 */
const EU_REGISTER_NUMBER = /^EU\/\d\/\d{2}\/\d+$/;
const EMA_ORGANISATION_ID = /^ORG-\d+$/;
export const RAPID_ANTIGEN_TEST = TEST_TYPES.antigen;

/** What a check needs: whether a value set holds a code. */
export interface ValueSetLookup { has(valueSetId: string, code: string): boolean }

type Entry = { get(key: string): unknown };
const text = (entry: Entry, key: string): string | undefined => {
  const value = entry.get(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The first coded field of a DCC entry (`v`, `t` or `r`, entry 0) whose code is outside the value sets
 * by the rule above, as `v[0].ma`; undefined when every judged code is listed.
 */
export function codeOutsideValueSets(group: 'v' | 't' | 'r', entry: Entry, sets: ValueSetLookup): string | undefined {
  const at = (field: string) => `${group}[0].${field}`;
  const country = text(entry, 'co');
  if (country !== undefined && !sets.has('country-2-codes', country)) return at('co');
  if (group === 'v') {
    const maker = text(entry, 'ma');
    if (maker !== undefined && EMA_ORGANISATION_ID.test(maker) && !sets.has('vaccines-covid-19-auth-holders', maker)) return at('ma');
    const product = text(entry, 'mp');
    if (product !== undefined && EU_REGISTER_NUMBER.test(product) && !sets.has('vaccines-covid-19-names', product)) return at('mp');
  } else if (group === 't') {
    const type = text(entry, 'tt');
    if (type !== undefined && !sets.has('covid-19-lab-test-type', type)) return at('tt');
    // The device list is the list of rapid antigen tests: a NAAT names no device from it.
    const device = text(entry, 'ma');
    if (type === RAPID_ANTIGEN_TEST && device !== undefined && !sets.has('covid-19-lab-test-manufacturer-and-name', device)) return at('ma');
  }
  return undefined;
}
