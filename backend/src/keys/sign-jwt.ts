import { type KeyObject, sign } from 'node:crypto';
import type { JwtCategory } from './jwt-category.js';

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** Signs a compact RS256 JWT with header `{ alg: 'RS256', typ: 'JWT', kid }`, plus Clerk's `cat` when given. */
export function signJwt(
  payload: Readonly<Record<string, unknown>>,
  key: KeyObject,
  kid: string,
  category?: JwtCategory,
): string {
  const header = { alg: 'RS256', kid, typ: 'JWT', ...(category ? { cat: category } : {}) };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(signingInput), key);
  return `${signingInput}.${base64url(signature)}`;
}
