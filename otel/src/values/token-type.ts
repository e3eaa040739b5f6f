import { valuesOf } from './define-values.js';

/** The kind of token the request carried, named as Clerk's `tokenType` / `acceptsToken` name it. */
export const TOKEN_TYPE_DESCRIPTIONS = {
  session_token: 'A session JWT from the `__session` cookie or a Bearer header.',
  m2m_token: 'A machine-to-machine token: `mt_…`, or a JWT whose `sub` is `mch_…`.',
  oauth_token: 'An OAuth access token: `oat_…`, or a JWT with `typ: at+jwt`.',
  api_key: 'An API key: `ak_…`.',
} as const;

export const TokenType = valuesOf(TOKEN_TYPE_DESCRIPTIONS);
export type TokenType = keyof typeof TOKEN_TYPE_DESCRIPTIONS;
