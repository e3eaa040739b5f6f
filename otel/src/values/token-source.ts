import { valuesOf } from './define-values.js';

/** Where the token was read from. */
export const TOKEN_SOURCE_DESCRIPTIONS = {
  cookie: 'The `__session` cookie.',
  header: 'The `Authorization: Bearer` header.',
  none: 'Neither: the request carries no token.',
} as const;

export const TokenSource = valuesOf(TOKEN_SOURCE_DESCRIPTIONS);
export type TokenSource = keyof typeof TOKEN_SOURCE_DESCRIPTIONS;
