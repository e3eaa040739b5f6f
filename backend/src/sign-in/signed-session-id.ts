import { createPublicKey, verify } from 'node:crypto';
import type { PublicJwk } from '../keys/signing-keys.js';

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The session id (`sid`) of a session token this backend signed, or null for anything else (malformed, unknown key,
 * bad signature). Expiry is deliberately not checked: signing out with a stale cookie must still end the session it
 * names, and the signature already proves this backend issued it.
 */
export function signedSessionId(token: string, publishedKeys: readonly PublicJwk[]): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (header?.alg !== 'RS256' || typeof header.kid !== 'string') return null;
  const jwk = publishedKeys.find((k) => k.kid === header.kid);
  if (!jwk) return null;
  const key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
  const valid = verify(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    key,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!valid) return null;
  const payload = decodeJson(payloadPart);
  return payload && typeof payload.sid === 'string' ? payload.sid : null;
}
