import { type KeyObject, sign } from 'node:crypto';

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** Clerk's JOSE header category of M2M JWTs (`cat`), which keeps them from passing as session tokens. */
export const JWT_CATEGORY_M2M_TOKEN = 'cl_B7d4PD333AAA';

/**
 * Signs a JWT-format machine token with the instance signing key (RS256, `kid`), so @clerk/backend verifies it
 * locally through the JWKS or `jwtKey`. `typ` is `JWT` for M2M tokens (whose `sub` is the machine, `mch_…`) and
 * `at+jwt` for OAuth access tokens: that is how a verifier tells them apart. M2M tokens also carry Clerk's M2M
 * category in `cat`, as Clerk's do, so even a verifier that only reads the header refuses them as session tokens.
 */
export function signMachineJwt(
  payload: Readonly<Record<string, unknown>>,
  key: { privateKey: KeyObject; kid: string },
  typ: 'JWT' | 'at+jwt',
): string {
  const header = { alg: 'RS256', kid: key.kid, typ, ...(typ === 'JWT' ? { cat: JWT_CATEGORY_M2M_TOKEN } : {}) };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${base64url(sign('sha256', Buffer.from(signingInput), key.privateKey))}`;
}

/** Claims a caller may not override in a machine JWT. */
const RESERVED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'scopes', 'scope', 'client_id']);

/** The caller's custom claims without the registered ones (which the backend sets). */
export function customClaims(claims: Readonly<Record<string, unknown>> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims ?? {})) if (!RESERVED.has(name)) out[name] = value;
  return out;
}
