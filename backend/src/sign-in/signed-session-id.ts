import { createPublicKey, verify } from 'node:crypto';
import { JWT_CATEGORY_SESSION_TOKEN } from '../keys/jwt-category.js';
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

/** The session a session token names, and the user it was issued to. */
export interface NamedSession {
  sessionId: string;
  userId: string;
}

/**
 * The session (`sid`) and user (`sub`) of a *session token* this backend signed, or null for anything else:
 * malformed, unknown key, bad signature, and every other JWT the same key signs — an M2M JWT (`sub: mch_…`, whose
 * custom claims may say `sid`), an OAuth access token (`typ: at+jwt`), a JWT-template token. Only session tokens
 * carry Clerk's session-token category (`cat`) in their header, which no claim can forge. Expiry is deliberately not
 * checked: signing out with a stale cookie must still end the session it names.
 */
export function signedSessionId(token: string, publishedKeys: readonly PublicJwk[]): NamedSession | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (header?.alg !== 'RS256' || typeof header.kid !== 'string') return null;
  if (header.typ !== 'JWT' || header.cat !== JWT_CATEGORY_SESSION_TOKEN) return null;
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
  const { sid, sub } = payload ?? {};
  if (typeof sid !== 'string' || !sid.startsWith('sess_')) return null;
  if (typeof sub !== 'string' || !sub.startsWith('user_')) return null;
  return { sessionId: sid, userId: sub };
}
