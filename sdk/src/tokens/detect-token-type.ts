import type { TokenType } from '../auth-state.js';
import { type ParsedJws, peekCompactJws } from './parse-compact-jws.js';

export const M2M_TOKEN_PREFIX = 'mt_';
export const OAUTH_TOKEN_PREFIX = 'oat_';
export const API_KEY_PREFIX = 'ak_';
export const M2M_SUBJECT_PREFIX = 'mch_';
/** Header types of an OAuth access token that is a JWT (RFC 9068). */
export const OAUTH_JWT_TYPES: readonly string[] = Object.freeze(['at+jwt', 'application/at+jwt']);

/**
 * What kind of credential a token is, from its form alone (nothing is
 * verified here): `mt_`/`oat_`/`ak_` opaque machine tokens, JWTs whose `sub`
 * is a machine (`mch_…`, M2M) or whose `typ` is `at+jwt` (OAuth), and
 * otherwise a session token. Same precedence as @clerk/backend.
 */
export function detectTokenType(token: string): TokenType {
  return classifyToken(token).type;
}

/** The type of a JWT from its (unverified) header and payload. */
export function jwtTokenType(header: { typ?: unknown }, payload: { sub?: unknown }): TokenType {
  const { sub } = payload;
  if (typeof sub === 'string' && sub.startsWith(M2M_SUBJECT_PREFIX)) return 'm2m_token';
  if (typeof header.typ === 'string' && OAUTH_JWT_TYPES.includes(header.typ)) return 'oauth_token';
  return 'session_token';
}

/** The type, and the decoded JWS when the token is one (so a verifier need not decode it again). */
export function classifyToken(token: string): { type: TokenType; parsed: ParsedJws | null } {
  if (token.startsWith(M2M_TOKEN_PREFIX)) return { type: 'm2m_token', parsed: null };
  if (token.startsWith(OAUTH_TOKEN_PREFIX)) return { type: 'oauth_token', parsed: null };
  if (token.startsWith(API_KEY_PREFIX)) return { type: 'api_key', parsed: null };
  const parsed = peekCompactJws(token);
  return { type: parsed ? jwtTokenType(parsed.header, parsed.payload) : 'session_token', parsed };
}
