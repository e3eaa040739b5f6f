/**
 * The form of an opaque machine token, checked before anything is sent: a token that cannot be one Clerk issued is
 * refused without spending a Backend API call on it.
 *
 * The rule is the prefix (`mt_`, `oat_`, `ak_`), then 16–128 characters of the base64 / base64url alphabet
 * (`A–Z a–z 0–9 + / _ -`), then at most two `=` of padding. It admits the local backend's tokens (48 base62
 * characters) and the forms @clerk/backend's own fixtures show for Clerk's (32 base62 characters for `mt_` / `oat_`,
 * padded standard base64 for `ak_`), and nothing with spaces, dots, quotes or control characters.
 */
import type { MachineTokenType } from '../auth-state.js';

export const OPAQUE_TOKEN_MIN_BODY = 16;
export const OPAQUE_TOKEN_MAX_BODY = 128;

const FORMS: ReadonlyArray<readonly [prefix: string, type: MachineTokenType]> = [
  ['mt_', 'm2m_token'],
  ['oat_', 'oauth_token'],
  ['ak_', 'api_key'],
];

const BODY = new RegExp(`^[A-Za-z0-9+/_-]{${OPAQUE_TOKEN_MIN_BODY},${OPAQUE_TOKEN_MAX_BODY}}={0,2}$`);

/** The machine-token type of a well-formed opaque token; null when the token is not one (whatever its prefix). */
export function opaqueTokenType(token: string): MachineTokenType | null {
  for (const [prefix, type] of FORMS) {
    if (token.startsWith(prefix)) return BODY.test(token.slice(prefix.length)) ? type : null;
  }
  return null;
}

/** True when the token starts with an opaque machine-token prefix, well-formed or not. */
export function hasOpaquePrefix(token: string): boolean {
  return FORMS.some(([prefix]) => token.startsWith(prefix));
}
