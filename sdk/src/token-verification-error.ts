import { AuthlensError } from './errors.js';

/**
 * Why a credential was refused. Stable strings: telemetry reports them as the
 * decision's reason, and tests assert them.
 */
export type TokenVerificationReason =
  | 'malformed'
  | 'unsupported_alg'
  | 'bad_signature'
  | 'unknown_kid'
  | 'expired'
  | 'not_yet_valid'
  | 'issued_in_future'
  | 'wrong_azp'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'invalid_claims'
  | 'wrong_token_type'
  | 'key_unavailable'
  | 'invalid_key'
  | 'machine_token_invalid'
  | 'machine_token_unverified'
  /** An opaque machine token not of the form Clerk issues: refused before any Backend API call. */
  | 'machine_token_malformed'
  /** The Backend API refused this machine token moments ago: refused again from the negative cache, no call. */
  | 'refused_recently'
  /** Not checked: the rest of the rate-limit window is reserved for signed-in users' calls (no call sent). */
  | 'budget_reserved'
  | 'verification_failed';

/** The stable `code` for each reason, jose-style. */
export const TOKEN_ERROR_CODES = {
  malformed: 'ERR_TOKEN_MALFORMED',
  unsupported_alg: 'ERR_TOKEN_ALG_NOT_ALLOWED',
  bad_signature: 'ERR_TOKEN_SIGNATURE_INVALID',
  unknown_kid: 'ERR_TOKEN_KID_UNKNOWN',
  expired: 'ERR_TOKEN_EXPIRED',
  not_yet_valid: 'ERR_TOKEN_NOT_YET_VALID',
  issued_in_future: 'ERR_TOKEN_IAT_IN_FUTURE',
  wrong_azp: 'ERR_TOKEN_AZP_NOT_ALLOWED',
  wrong_audience: 'ERR_TOKEN_AUDIENCE_MISMATCH',
  wrong_issuer: 'ERR_TOKEN_ISSUER_MISMATCH',
  invalid_claims: 'ERR_TOKEN_CLAIMS_INVALID',
  wrong_token_type: 'ERR_TOKEN_TYPE_MISMATCH',
  key_unavailable: 'ERR_TOKEN_KEY_UNAVAILABLE',
  invalid_key: 'ERR_TOKEN_KEY_INVALID',
  machine_token_invalid: 'ERR_MACHINE_TOKEN_INVALID',
  machine_token_unverified: 'ERR_MACHINE_TOKEN_UNVERIFIED',
  machine_token_malformed: 'ERR_MACHINE_TOKEN_MALFORMED',
  // The same verdict as before, served from the negative cache.
  refused_recently: 'ERR_MACHINE_TOKEN_INVALID',
  // The Backend API client's own code for the call it did not send.
  budget_reserved: 'ERR_BACKEND_API_BUDGET_RESERVED',
  verification_failed: 'ERR_TOKEN_VERIFICATION_FAILED',
} as const satisfies Record<TokenVerificationReason, string>;

export type TokenVerificationErrorCode = (typeof TOKEN_ERROR_CODES)[TokenVerificationReason];

/**
 * A credential could not be verified. `reason` says why in one word; the
 * message explains, and never contains the token, a key or a claim value.
 */
export class TokenVerificationError extends AuthlensError {
  declare readonly code: TokenVerificationErrorCode;
  readonly reason: TokenVerificationReason;

  constructor(reason: TokenVerificationReason, message: string, options?: { cause?: unknown }) {
    super(TOKEN_ERROR_CODES[reason], message, options);
    this.reason = reason;
  }
}

/** Narrowing helper that also works across duplicated module instances. */
export function isTokenVerificationError(error: unknown): error is TokenVerificationError {
  return (
    error instanceof TokenVerificationError ||
    (error instanceof Error && error.name === 'TokenVerificationError' && typeof (error as any).reason === 'string')
  );
}
