import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Clerk's id prefixes for the resources this backend serves. */
export const ID_PREFIX = {
  user: 'user_',
  session: 'sess_',
  client: 'client_',
  organization: 'org_',
  membership: 'orgmem_',
  emailAddress: 'idn_',
  phoneNumber: 'idn_',
  jwtTemplate: 'jtmp_',
  role: 'role_',
  permission: 'perm_',
  signingKey: 'ins_',
  instance: 'ins_',
} as const;

/** Random base62 text from a CSPRNG (rejection sampling, so every character is equally likely). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A new id such as `user_2abc…` (27 base62 characters after the prefix, like Clerk's). */
export function newId(prefix: string): string {
  return `${prefix}${randomBase62(27)}`;
}
