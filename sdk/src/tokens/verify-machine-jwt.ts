import type { MachineAuthState } from '../auth-state.js';
import { TokenVerificationError } from '../token-verification-error.js';
import { M2M_SUBJECT_PREFIX, OAUTH_JWT_TYPES } from './detect-token-type.js';
import { DEFAULT_CLOCK_SKEW_MS } from './jwt-policy.js';
import type { ParsedJws } from './parse-compact-jws.js';
import { JWT_CATEGORY_M2M_TOKEN } from './token-category.js';
import { type JwtPayload, verifyJwt } from './verify-jwt.js';
import { resolveKeySource, type VerifySessionTokenOptions } from './verify-session-token.js';

// Registered claims of an M2M JWT; the rest are the token's custom claims (as @clerk/backend reads them).
const M2M_RESERVED_CLAIMS = new Set(['iss', 'sub', 'exp', 'nbf', 'iat', 'jti']);

function words(value: unknown): string[] | null {
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : null;
}

function stringList(value: unknown): string[] | null {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...value] : null;
}

function m2mState(payload: Readonly<JwtPayload>): MachineAuthState {
  const claims: Record<string, unknown> = {};
  for (const key of Object.keys(payload)) if (!M2M_RESERVED_CLAIMS.has(key)) claims[key] = payload[key];
  return {
    tokenType: 'm2m_token',
    id: typeof payload.jti === 'string' ? payload.jti : '',
    subject: payload.sub,
    name: null,
    scopes: words(payload.scopes) ?? stringList(payload.aud) ?? [],
    claims,
    userId: null,
    orgId: null,
    clientId: null,
    expiration: payload.exp * 1000,
  };
}

function oauthState(payload: Readonly<JwtPayload>): MachineAuthState {
  return {
    tokenType: 'oauth_token',
    id: typeof payload.jti === 'string' ? payload.jti : '',
    subject: payload.sub,
    name: null,
    scopes: stringList(payload.scp) ?? words(payload.scope) ?? [],
    claims: null,
    userId: payload.sub,
    orgId: null,
    clientId: typeof payload.client_id === 'string' ? payload.client_id : '',
    expiration: payload.exp * 1000,
  };
}

/**
 * Verifies a JWT-format machine token locally, with the same keys as session
 * tokens: an M2M JWT (`sub` `mch_…`, category absent or M2M) or an OAuth
 * access token JWT (`typ: at+jwt`). When `audience` is set, an OAuth token
 * must carry a matching `aud` (as @clerk/backend requires).
 */
export async function verifyMachineJwt(
  token: string,
  type: 'm2m_token' | 'oauth_token',
  options: VerifySessionTokenOptions,
  parsed?: ParsedJws,
): Promise<MachineAuthState> {
  const source = resolveKeySource(options);
  const policy = { clockSkewInMs: options.clockSkewInMs ?? DEFAULT_CLOCK_SKEW_MS };
  if (type === 'm2m_token') {
    const { header, payload } = await verifyJwt(token, source, policy, undefined, parsed);
    if (header.cat !== undefined && header.cat !== JWT_CATEGORY_M2M_TOKEN) {
      throw new TokenVerificationError('wrong_token_type', 'The JWT is not in the M2M token category.');
    }
    if (!payload.sub.startsWith(M2M_SUBJECT_PREFIX)) {
      throw new TokenVerificationError('wrong_token_type', 'An M2M JWT must have a machine subject.');
    }
    return m2mState(payload);
  }
  const { payload } = await verifyJwt(token, source, policy, OAUTH_JWT_TYPES, parsed);
  const expected = stringList(options.audience) ?? [];
  if (expected.length > 0) {
    const aud = stringList(payload.aud);
    if (!aud || aud.length === 0 || aud.some((a) => a.length === 0) || !aud.some((a) => expected.includes(a))) {
      throw new TokenVerificationError('wrong_audience', "The OAuth token's audience does not match.");
    }
  }
  return oauthState(payload);
}
