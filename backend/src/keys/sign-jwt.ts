import { type KeyObject, sign } from 'node:crypto';

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** Signs a compact RS256 JWT with header `{ alg: 'RS256', typ: 'JWT', kid }`. */
export function signJwt(payload: Readonly<Record<string, unknown>>, key: KeyObject, kid: string): string {
  const header = { alg: 'RS256', kid, typ: 'JWT' };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(signingInput), key);
  return `${signingInput}.${base64url(signature)}`;
}
