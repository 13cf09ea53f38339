// The door decision from a result: the policy's, on a valid pass; never "accepted" without a policy.
import type { VerificationResult } from '@pass-check/verifier-core';
import { Verdicts, type Verdict } from '../pass-scanner/states.js';

export function isAccepted(result: VerificationResult): boolean {
  // Fail closed: no policy, no admission (authentic is not the same as admissible).
  return result.policy?.decision === 'accept' && result.status === 'valid';
}

/** `duplicateOf`: when (or, `true`, that) the pass was let in before; a duplicate is never "accepted". */
export function verdictOf(result: VerificationResult, duplicateOf?: Date | boolean): Verdict {
  if (!isAccepted(result)) return Verdicts.rejected;
  return duplicateOf ? Verdicts.duplicate : Verdicts.accepted;
}

/** Why a pass was turned away, in the verifier's (localized) words. */
export function reasonsOf(result: VerificationResult): string[] {
  if (result.errors.length) return result.errors.map((e) => e.message);
  // Two rules can fail for the same reason (PCR and antigen: "not a test result"): say it once.
  if (result.policy?.decision === 'reject') return [...new Set(result.policy.reasons.map((r) => r.message))];
  return [];
}

/**
 * Reasons as one piece of text: each a sentence of its own, ending in its own
 * full stop (never "complete.; This…"), joined by a space.
 */
export function sentencesOf(parts: readonly string[]): string {
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/[.!?。！？।]$/u.test(part) ? part : `${part}.`))
    .join(' ');
}
