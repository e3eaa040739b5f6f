import type { SessionAuthState } from '../auth-state.js';
import { TokenVerificationError } from '../token-verification-error.js';
import { jwtTokenType } from './detect-token-type.js';
import type { JwtPolicy } from './jwt-policy.js';
import { type KeySource, pemKeySource } from './key-source.js';
import type { ParsedJws } from './parse-compact-jws.js';
import { toSessionAuthState } from './session-auth-state.js';
import { isNonSessionCategory } from './token-category.js';
import { type VerifiedJwt, verifyJwt } from './verify-jwt.js';

export interface VerifySessionTokenOptions extends JwtPolicy {
  /** PEM public key (`CLERK_JWT_KEY`): networkless verification. Wins over `jwks`. */
  jwtKey?: string;
  /** Keys from a JWKS, e.g. a `JwksCache` fed by the Backend API's `GET /v1/jwks`. */
  jwks?: KeySource;
}

/** The key source the options name: the PEM (imported once per process) or the JWKS. */
export function resolveKeySource(options: { jwtKey?: string; jwks?: KeySource }): KeySource {
  if (options.jwtKey) return pemKeySource(options.jwtKey);
  if (options.jwks) return options.jwks;
  throw new TokenVerificationError('key_unavailable', 'No jwtKey and no JWKS to verify the token with.');
}

/** Session-token rules on top of a verified JWT; the state is derived once per verified token. */
export function sessionStateOf(verified: VerifiedJwt): SessionAuthState {
  if (verified.session) return verified.session;
  if (isNonSessionCategory(verified.header.cat)) {
    throw new TokenVerificationError(
      'wrong_token_type',
      'The token is a Clerk JWT of another category, not a session token.',
    );
  }
  // Classified as @clerk/backend classifies machine JWTs (`sub` `mch_…`; `typ` `at+jwt`): never a session.
  const type = jwtTokenType(verified.header, verified.payload);
  if (type !== 'session_token') {
    throw new TokenVerificationError('wrong_token_type', `The token is a machine JWT (${type}), not a session token.`);
  }
  // A JWT-template token has no `sid`: toSessionAuthState refuses it as wrong_token_type.
  const state = toSessionAuthState(verified.payload);
  verified.session = state;
  return state;
}

/**
 * Verifies a Clerk session token without a network call (PEM key, or JWKS
 * already loaded) and returns the caller's auth state. Rejects with a
 * `TokenVerificationError` whose `reason` says why.
 */
export function verifySessionToken(
  token: string,
  options: VerifySessionTokenOptions,
  /** The token already decoded (by classifyToken), to skip decoding it twice. */
  parsed?: ParsedJws,
): Promise<SessionAuthState> {
  try {
    const verified = verifyJwt(token, resolveKeySource(options), options, undefined, parsed);
    return 'then' in verified ? verified.then(sessionStateOf) : Promise.resolve(sessionStateOf(verified));
  } catch (error) {
    return Promise.reject(error);
  }
}
