import { createHash } from 'node:crypto';
import { randomBase62 } from '../store/ids.js';

/** The `__client` cookie's value: a random secret that names one client. */
export function newClientToken(): string {
  return `clt_${randomBase62(43)}`;
}

/** A dev browser token (`__clerk_db_jwt`): `dvb_…`, as Clerk's. */
export function newDevBrowserToken(): string {
  return `dvb_${randomBase62(43)}`;
}

/** The stored form of a client or dev browser token (SHA-256, base64url): a leaked store signs no one in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
