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
