import { createHash } from 'node:crypto';

/**
 * The stored form of a credential: SHA-256, base64url. Secrets are long and random, so a fast unsalted hash is
 * enough to make a leaked store useless while still allowing lookup by hash.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}
