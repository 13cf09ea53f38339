// Facts shared by every format that uses US codes (SMART Health Cards, IBM Digital Health Pass): the CDC CVX code set (COVID-19 vaccines) and LOINC/SNOMED CT:
// names, how many doses make a primary series, which test a lab code is.
// Bivalent and updated-formula products are boosters, not a primary series, so
// they carry no series length: they never complete a series on their own.

export interface VaccineProduct {
  name: string;
  /** Doses in the primary series; absent for boosters and unspecified products. */
  seriesDoses?: number;
}

export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';

export const COVID_VACCINES_BY_CVX: Readonly<Record<string, VaccineProduct>> = {
  '207': { name: 'Moderna COVID-19 (Spikevax)', seriesDoses: 2 },
  '208': { name: 'Pfizer-BioNTech COVID-19 (Comirnaty)', seriesDoses: 2 },
  '210': { name: 'AstraZeneca COVID-19 (Vaxzevria)', seriesDoses: 2 },
  '211': { name: 'Novavax COVID-19 (Nuvaxovid)', seriesDoses: 2 },
  '212': { name: 'Janssen COVID-19 (Johnson & Johnson)', seriesDoses: 1 },
  '213': { name: 'COVID-19 vaccine, unspecified' },
  '217': { name: 'Pfizer-BioNTech COVID-19, 12 years and older (gray cap)', seriesDoses: 2 },
  '218': { name: 'Pfizer-BioNTech COVID-19, 5-11 years (orange cap)', seriesDoses: 2 },
  '219': { name: 'Pfizer-BioNTech COVID-19, 6 months-4 years (maroon cap)', seriesDoses: 3 },
  '221': { name: 'Moderna COVID-19, 50 mcg dose', seriesDoses: 2 },
  '227': { name: 'Moderna COVID-19, 6 months-5 years', seriesDoses: 2 },
  '228': { name: 'Moderna COVID-19, 6-11 years', seriesDoses: 2 },
  '229': { name: 'Moderna COVID-19 bivalent' },
  '230': { name: 'Moderna COVID-19 bivalent, 6 months-5 years' },
  '300': { name: 'Pfizer-BioNTech COVID-19 bivalent, 12 years and older' },
  '301': { name: 'Pfizer-BioNTech COVID-19 bivalent, 5-11 years' },
  '302': { name: 'Pfizer-BioNTech COVID-19 bivalent, 6 months-4 years' },
  '502': { name: 'Bharat Biotech COVAXIN', seriesDoses: 2 },
  '505': { name: 'Gamaleya Sputnik V', seriesDoses: 2 },
  '506': { name: 'CanSino Convidecia', seriesDoses: 1 },
  '510': { name: 'Sinopharm BIBP COVID-19', seriesDoses: 2 },
  '511': { name: 'Sinovac CoronaVac', seriesDoses: 2 },
};

export const LOINC_SYSTEM = 'http://loinc.org';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';

/** SARS-CoV-2 RNA (NAAT/PCR) LOINC codes. */
export const NAAT_LOINC = new Set([
  '94306-8', '94309-2', '94500-6', '94502-2', '94531-1', '94533-7', '94534-5', '94559-2', '94565-9', '94640-0',
  '94756-4', '94757-2', '94759-8', '94760-6', '94845-5', '95406-5', '95409-9', '95425-5', '96986-5',
]);
/** SARS-CoV-2 antigen LOINC codes. */
export const ANTIGEN_LOINC = new Set(['94558-4', '95209-3', '96119-3', '97097-0']);

/** SNOMED CT result codes to an outcome. */
export const TEST_RESULT_BY_SNOMED: Readonly<Record<string, 'negative' | 'positive'>> = {
  '260385009': 'negative',
  '260415000': 'negative', // not detected
  '10828004': 'positive',
  '260373001': 'positive', // detected
};
