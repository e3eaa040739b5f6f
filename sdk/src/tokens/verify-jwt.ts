import type { SessionAuthState } from '../auth-state.js';
import { TokenVerificationError } from '../token-verification-error.js';
import { isSupportedAlgorithm, type JwsAlgorithm } from './jws-algorithms.js';
import { assertJwtPolicy, type JwtPolicy } from './jwt-policy.js';
import type { KeySource } from './key-source.js';
import { type JwsHeader, type ParsedJws, parseCompactJws } from './parse-compact-jws.js';
import type { VerificationKey } from './verification-key.js';

/** The payload of a verified Clerk JWT (@clerk/backend's `JwtPayload`, loosely typed). */
export interface JwtPayload {
  sub: string;
  exp: number;
  iat?: number;
  nbf?: number;
  iss?: string;
  azp?: string;
  sid?: string;
  [claim: string]: unknown;
}

export interface VerifiedJwt {
  readonly header: Readonly<JwsHeader>;
  readonly payload: Readonly<JwtPayload>;
  /** The session view of the payload, derived once on first use (see verify-session-token.ts). */
  session?: SessionAuthState;
}

function finish(
  token: string,
  source: KeySource,
  policy: JwtPolicy,
  header: JwsHeader,
  payload: Record<string, unknown>,
  valid: boolean,
): VerifiedJwt {
  if (!valid) throw new TokenVerificationError('bad_signature', 'The token signature is invalid.');
  const now = Date.now();
  assertJwtPolicy(payload, policy, now);
  // Not frozen (that costs more than the rest of the bookkeeping): the cached payload is
  // shared by every later caller with this token; verifyToken hands out copies.
  const verified: VerifiedJwt = { header, payload: payload as JwtPayload };
  source.verifiedTokens.set(token, verified, (payload.exp as number) * 1000, now);
  return verified;
}

/** Session tokens' header type: `JWT`, or no `typ` at all. */
export const JWT_TYPES: readonly string[] = Object.freeze(['JWT']);

/** As @clerk/backend: without a `typ` a token passes only the default; a caller's own list requires one of it. */
function assertType(typ: string | undefined, types: readonly string[]): void {
  if (typ === undefined ? types !== JWT_TYPES : !types.includes(typ)) {
    throw new TokenVerificationError('wrong_token_type', 'The token header "typ" is not an accepted type.');
  }
}

/**
 * Verifies a compact JWS signed with RS256/384/512 by a key from `source`,
 * whose `typ` is one of `types` (absent allowed only for the default), then its registered claims
 * against `policy`. A token verified before (same key source, not expired)
 * skips parsing and the signature; its type and claims are checked again.
 * Synchronous when the key and the crypto are (Node, key loaded).
 */
export function verifyJwt(
  token: string,
  source: KeySource,
  policy: JwtPolicy,
  types: readonly string[] = JWT_TYPES,
  /** This token already decoded by parseCompactJws (e.g. to classify it), to skip decoding it twice. */
  parsed?: ParsedJws,
): VerifiedJwt | Promise<VerifiedJwt> {
  const cached = typeof token === 'string' ? source.verifiedTokens.get(token) : undefined;
  if (cached) {
    // The cache remembers the signature, not the context: type and claims are checked again.
    assertType(cached.header.typ, types);
    assertJwtPolicy(cached.payload, policy);
    return cached;
  }

  const jws = parsed ?? parseCompactJws(token);
  const alg = jws.header.alg;
  if (!isSupportedAlgorithm(alg)) {
    throw new TokenVerificationError('unsupported_alg', 'The token algorithm is not RS256, RS384 or RS512.');
  }
  assertType(jws.header.typ, types);

  const key = source.resolveKey(jws.header.kid);
  // No closure on the synchronous path (a loaded key on Node): this runs once per never-seen token.
  return 'verify' in key
    ? checkSignature(key, alg, token, jws, source, policy)
    : key.then((loaded) => checkSignature(loaded, alg, token, jws, source, policy));
}

function checkSignature(
  key: VerificationKey,
  alg: JwsAlgorithm,
  token: string,
  jws: ParsedJws,
  source: KeySource,
  policy: JwtPolicy,
): VerifiedJwt | Promise<VerifiedJwt> {
  if (key.alg !== null && key.alg !== alg) {
    throw new TokenVerificationError('unsupported_alg', "The token algorithm differs from its key's algorithm.");
  }
  const valid = key.verify(alg, jws.signingInput, jws.signature);
  return typeof valid === 'boolean'
    ? finish(token, source, policy, jws.header, jws.payload, valid)
    : valid.then((ok) => finish(token, source, policy, jws.header, jws.payload, ok));
}
