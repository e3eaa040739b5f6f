import { TokenVerificationError } from '../token-verification-error.js';

/** What a verified token's claims must satisfy beyond the signature. Clerk's option names. */
export interface JwtPolicy {
  /** Origins allowed in `azp`. When set (non-empty), a token without `azp` or with an unlisted one fails. */
  authorizedParties?: readonly string[];
  /** Checked against `aud` when both are present, as @clerk/backend does. */
  audience?: string | readonly string[];
  /** When set, `iss` must be one of these. */
  issuer?: string | readonly string[];
  /** Allowed clock difference for `exp`/`nbf`/`iat`. Default 5000 ms. */
  clockSkewInMs?: number;
}

export const DEFAULT_CLOCK_SKEW_MS = 5_000;

const NONE: readonly string[] = Object.freeze([]);

function list(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined || value === null) return NONE;
  return (typeof value === 'string' ? [value] : value).filter((v) => typeof v === 'string' && v.length > 0);
}

/** The skew allowed on `exp`/`nbf`: the policy's `clockSkewInMs`, else the default. */
export function skewOf(policy: JwtPolicy): number {
  const skew = policy.clockSkewInMs;
  return typeof skew === 'number' && Number.isFinite(skew) && skew >= 0 ? skew : DEFAULT_CLOCK_SKEW_MS;
}

/**
 * Checks the registered claims of an already signature-verified payload, in
 * @clerk/backend's order (sub, aud, azp, iss, exp, nbf, iat) so both report the
 * same first failure. Runs on every cache hit too: it is cheap.
 */
export function assertJwtPolicy(payload: Record<string, unknown>, policy: JwtPolicy, now: number = Date.now()): void {
  const { sub, aud, azp, iss, exp, nbf, iat } = payload;
  if (typeof sub !== 'string' || sub.length === 0) {
    throw new TokenVerificationError('invalid_claims', 'The token has no subject ("sub").');
  }

  const audiences = list(policy.audience);
  if (audiences.length > 0 && aud !== undefined && aud !== null && aud !== '') {
    const tokenAudiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : null;
    if (tokenAudiences === null || !tokenAudiences.some((a) => typeof a === 'string' && audiences.includes(a))) {
      throw new TokenVerificationError('wrong_audience', 'The token\'s audience ("aud") is not an accepted audience.');
    }
  }

  const parties = policy.authorizedParties;
  if (parties && parties.length > 0) {
    if (typeof azp !== 'string' || azp.length === 0) {
      throw new TokenVerificationError(
        'wrong_azp',
        'The token has no authorized party ("azp") and authorized parties are configured.',
      );
    }
    if (!parties.includes(azp)) {
      throw new TokenVerificationError(
        'wrong_azp',
        'The token\'s authorized party ("azp") is not in authorizedParties.',
      );
    }
  }

  const issuers = list(policy.issuer);
  if (issuers.length > 0 && (typeof iss !== 'string' || !issuers.includes(iss))) {
    throw new TokenVerificationError('wrong_issuer', 'The token\'s issuer ("iss") is not an accepted issuer.');
  }

  const skew = skewOf(policy);
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw new TokenVerificationError('invalid_claims', 'The token has no numeric expiry ("exp").');
  }
  if (exp * 1000 <= now - skew) throw new TokenVerificationError('expired', 'The token has expired.');
  if (nbf !== undefined) {
    if (typeof nbf !== 'number' || !Number.isFinite(nbf)) {
      throw new TokenVerificationError('invalid_claims', 'The token\'s "nbf" is not a number.');
    }
    if (nbf * 1000 > now + skew)
      throw new TokenVerificationError('not_yet_valid', 'The token is not valid yet ("nbf").');
  }
  if (iat !== undefined) {
    if (typeof iat !== 'number' || !Number.isFinite(iat)) {
      throw new TokenVerificationError('invalid_claims', 'The token\'s "iat" is not a number.');
    }
    if (iat * 1000 > now + skew)
      throw new TokenVerificationError('issued_in_future', 'The token was issued in the future ("iat").');
  }
}
