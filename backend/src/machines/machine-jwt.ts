import { JWT_CATEGORY_M2M_TOKEN } from '../keys/jwt-category.js';
import { type JwtSigner, signJwt } from '../keys/sign-jwt.js';

/**
 * Signs a JWT-format machine token with the instance signing key (RS256, `kid`), so @clerk/backend verifies it
 * locally through the JWKS or `jwtKey`. `typ` is `JWT` for M2M tokens and `at+jwt` for OAuth access tokens: that is
 * how a verifier tells them apart. M2M JWTs also carry Clerk's M2M category (`cat`), so no session-token reader
 * takes one for a session token.
 */
export function signMachineJwt(
  payload: Readonly<Record<string, unknown>>,
  key: JwtSigner & { readonly kid: string },
  typ: 'JWT' | 'at+jwt',
): Promise<string> {
  return signJwt(payload, key, typ === 'JWT' ? { typ, cat: JWT_CATEGORY_M2M_TOKEN } : { typ });
}

/** Claims a caller may not override in a machine JWT. */
const RESERVED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'scopes', 'scope', 'client_id']);

/** The caller's custom claims without the registered ones (which the backend sets). */
export function customClaims(claims: Readonly<Record<string, unknown>> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims ?? {})) if (!RESERVED.has(name)) out[name] = value;
  return out;
}
