import { asObject, type Json, optionalNumber, optionalString, stringOr } from './read-json.js';

/** The state of verifying an identifier. */
export type VerificationStatus = 'unverified' | 'verified' | 'transferable' | 'failed' | 'expired' | (string & {});

export interface Verification {
  status: VerificationStatus;
  strategy: string;
  externalVerificationRedirectURL: URL | null;
  attempts: number | null;
  expireAt: number | null;
  nonce: string | null;
  message: string | null;
}

export function verificationFromJSON(value: unknown): Verification | null {
  if (value === undefined || value === null) return null;
  const json: Json = asObject(value, 'verification');
  const redirect = optionalString(json, 'verification', 'external_verification_redirect_url');
  return {
    status: stringOr(json, 'verification', 'status', ''),
    strategy: stringOr(json, 'verification', 'strategy', ''),
    externalVerificationRedirectURL: redirect ? safeUrl(redirect) : null,
    attempts: optionalNumber(json, 'verification', 'attempts'),
    expireAt: optionalNumber(json, 'verification', 'expire_at'),
    nonce: optionalString(json, 'verification', 'nonce'),
    message: optionalString(json, 'verification', 'message'),
  };
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
