import type { TokenType } from '@authlens/nextjs/server';

/** The serialisable fields of any auth object (for the e2e tests and for people poking at the example). */
export function describeAuth(authObject: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(authObject)) {
    if (typeof value !== 'function' && key !== 'sessionClaims') out[key] = value;
  }
  return out;
}

const TOKEN_TYPES = new Set<string>(['session_token', 'm2m_token', 'oauth_token', 'api_key']);

/** `?accepts=any`, `?accepts=m2m_token`, `?accepts=session_token,api_key` (a list). */
export function parseAccepts(value: string | null): TokenType | TokenType[] | 'any' | undefined {
  if (!value) return undefined;
  if (value === 'any') return 'any';
  const list = value.split(',').filter((t): t is TokenType => TOKEN_TYPES.has(t));
  return value.includes(',') ? list : list[0];
}
