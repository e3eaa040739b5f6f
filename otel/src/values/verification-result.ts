import { valuesOf } from './define-values.js';

/** The result of one token verification. */
export const VERIFICATION_RESULT_DESCRIPTIONS = {
  valid: 'The token verified.',
  invalid: 'The token was rejected; the reason says why.',
} as const;

export const VerificationResult = valuesOf(VERIFICATION_RESULT_DESCRIPTIONS);
export type VerificationResult = keyof typeof VERIFICATION_RESULT_DESCRIPTIONS;
