import type { TokenType } from '../auth-state.js';
import { peekCompactJws } from './parse-compact-jws.js';

export const M2M_TOKEN_PREFIX = 'mt_';
export const OAUTH_TOKEN_PREFIX = 'oat_';
export const API_KEY_PREFIX = 'ak_';
export const M2M_SUBJECT_PREFIX = 'mch_';
const OAUTH_JWT_TYPES = new Set(['at+jwt', 'application/at+jwt']);

/**
 * What kind of credential a token is, from its form alone (nothing is
 * verified here): `mt_`/`oat_`/`ak_` opaque machine tokens, JWTs whose `sub`
 * is a machine (`mch_…`, M2M) or whose `typ` is `at+jwt` (OAuth), and
 * otherwise a session token. Same precedence as @clerk/backend.
 */
export function detectTokenType(token: string): TokenType {
  if (token.startsWith(M2M_TOKEN_PREFIX)) return 'm2m_token';
  if (token.startsWith(OAUTH_TOKEN_PREFIX)) return 'oauth_token';
  if (token.startsWith(API_KEY_PREFIX)) return 'api_key';
  const jws = peekCompactJws(token);
  if (jws) {
    const { sub } = jws.payload;
    if (typeof sub === 'string' && sub.startsWith(M2M_SUBJECT_PREFIX)) return 'm2m_token';
    if (typeof jws.header.typ === 'string' && OAUTH_JWT_TYPES.has(jws.header.typ)) return 'oauth_token';
  }
  return 'session_token';
}
