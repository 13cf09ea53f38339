import {
  ANTIGEN_LOINC, COVID_VACCINES_BY_CVX, NAAT_LOINC, TEST_RESULT_BY_SNOMED, type VaccineProduct,
} from '../internal/health-codes.js';
import type { TestOutcome, TestType } from '../types.js';

/**
 * COVID-19 vaccines by CDC CVX code (shared with SMART Health Cards), and by the
 * AMA CPT administration codes that older IBM cards carry in `vaccineCode`
 * (0001A/0002A Pfizer dose 1/2, 0011A/0012A Moderna dose 1/2, 0031A Janssen).
 */
const CPT_DOSES: Record<string, { cvx: string; doseNumber: number }> = {
  '0001A': { cvx: '208', doseNumber: 1 },
  '0002A': { cvx: '208', doseNumber: 2 },
  '0011A': { cvx: '207', doseNumber: 1 },
  '0012A': { cvx: '207', doseNumber: 2 },
  '0031A': { cvx: '212', doseNumber: 1 },
};

export function vaccineByCode(code: string): (VaccineProduct & { doseNumber?: number }) | undefined {
  if (Object.hasOwn(COVID_VACCINES_BY_CVX, code)) return COVID_VACCINES_BY_CVX[code];
  if (!Object.hasOwn(CPT_DOSES, code)) return undefined;
  const { cvx, doseNumber } = CPT_DOSES[code]!;
  return { ...COVID_VACCINES_BY_CVX[cvx]!, doseNumber };
}

/** A test type from its LOINC code, or from the words of a free-text type ("PCR", "Rapid antigen"). */
export function testTypeOf(code: string): TestType {
  if (NAAT_LOINC.has(code)) return 'naat';
  if (ANTIGEN_LOINC.has(code)) return 'antigen';
  if (/\b(pcr|naat|rt-?pcr|rna|nucleic|molecular|lamp)\b/i.test(code)) return 'naat';
  if (/\b(antigen|ag|rat)\b/i.test(code)) return 'antigen';
  return 'other';
}

/** SNOMED CT result codes and the words seen in IBM test credentials. */
export function testOutcomeOf(result: string): TestOutcome {
  const text = result.trim().toLowerCase();
  if (Object.hasOwn(TEST_RESULT_BY_SNOMED, text)) return TEST_RESULT_BY_SNOMED[text]!;
  if (text === 'negative' || text === 'not detected') return 'negative';
  if (text === 'positive' || text === 'detected') return 'positive';
  return 'unknown';
}
