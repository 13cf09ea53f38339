import type { TestOutcome, TestType } from '../types.js';

interface VaccineProduct { name: string; seriesDoses: number }

/**
 * COVID-19 vaccines by CDC CVX code (the CVX table, as published by the CDC),
 * and by the AMA CPT administration codes that older IBM cards carry in
 * `vaccineCode` (0001A/0002A Pfizer dose 1/2, 0011A/0012A Moderna dose 1/2,
 * 0031A Janssen). `seriesDoses` is the primary series length.
 */
const CVX: Record<string, VaccineProduct> = {
  '207': { name: 'Moderna COVID-19', seriesDoses: 2 },
  '208': { name: 'Pfizer-BioNTech COVID-19', seriesDoses: 2 },
  '210': { name: 'AstraZeneca COVID-19', seriesDoses: 2 },
  '211': { name: 'Novavax COVID-19', seriesDoses: 2 },
  '212': { name: 'Janssen COVID-19', seriesDoses: 1 },
  '217': { name: 'Pfizer-BioNTech COVID-19 (12+, tris-sucrose)', seriesDoses: 2 },
  '218': { name: 'Pfizer-BioNTech COVID-19 (5–11)', seriesDoses: 2 },
};
const CPT: Record<string, VaccineProduct & { doseNumber: number }> = {
  '0001A': { name: 'Pfizer-BioNTech COVID-19', seriesDoses: 2, doseNumber: 1 },
  '0002A': { name: 'Pfizer-BioNTech COVID-19', seriesDoses: 2, doseNumber: 2 },
  '0011A': { name: 'Moderna COVID-19', seriesDoses: 2, doseNumber: 1 },
  '0012A': { name: 'Moderna COVID-19', seriesDoses: 2, doseNumber: 2 },
  '0031A': { name: 'Janssen COVID-19', seriesDoses: 1, doseNumber: 1 },
};

export function vaccineByCode(code: string): (VaccineProduct & { doseNumber?: number }) | undefined {
  return Object.hasOwn(CVX, code) ? CVX[code] : Object.hasOwn(CPT, code) ? CPT[code] : undefined;
}

/** SARS-CoV-2 LOINC codes (loinc.org) by kind of test. */
const LOINC_NAAT = new Set(['94500-6', '94309-2', '94531-1', '94306-8', '94533-7', '94534-5', '94759-8', '94845-5']);
const LOINC_ANTIGEN = new Set(['94558-4', '95209-3', '97097-0']);

/** A test type from its LOINC code, or from the words of a free-text type ("PCR", "Rapid antigen"). */
export function testTypeOf(code: string): TestType {
  if (LOINC_NAAT.has(code)) return 'naat';
  if (LOINC_ANTIGEN.has(code)) return 'antigen';
  if (/\b(pcr|naat|rt-?pcr|rna|nucleic|molecular|lamp)\b/i.test(code)) return 'naat';
  if (/\b(antigen|ag|rat)\b/i.test(code)) return 'antigen';
  return 'other';
}

/** SNOMED CT result codes and the words seen in IBM test credentials. */
export function testOutcomeOf(result: string): TestOutcome {
  const text = result.trim().toLowerCase();
  if (text === '260385009' || text === '260415000' || text === 'negative' || text === 'not detected') return 'negative';
  if (text === '10828004' || text === '260373001' || text === 'positive' || text === 'detected') return 'positive';
  return 'unknown';
}
