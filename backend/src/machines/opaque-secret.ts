import { randomBytes } from 'node:crypto';

/** Prefixes Clerk gives its opaque machine credentials; @clerk/backend routes a token by them. */
export type OpaqueSecretPrefix = 'mt_' | 'ak_' | 'oat_';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 48 base62 characters carry about 285 bits: far beyond guessing, short enough for a header. */
const SECRET_LENGTH = 48;

/**
 * A fresh opaque credential such as `mt_…`. Bytes of 248 and above are dropped (rejection sampling) so every
 * base62 character is equally likely.
 */
export function generateOpaqueSecret(prefix: OpaqueSecretPrefix): string {
  let out = prefix;
  while (out.length < prefix.length + SECRET_LENGTH) {
    for (const byte of randomBytes(64)) {
      if (byte >= 248) continue;
      out += BASE62[byte % 62];
      if (out.length === prefix.length + SECRET_LENGTH) break;
    }
  }
  return out;
}
