/**
 * The auth objects `auth()` returns, built from the verified request state,
 * with Clerk's shapes and its `acceptsToken` mismatch rules:
 * - 'any' → the caller as it is;
 * - a list → the caller if its type is listed, else an object with `tokenType: null`;
 * - one type → the caller if it matches, else a signed-out object of that type
 *   (an unauthenticated machine object for machine types).
 */

import { acceptsType } from '../accepts-token.js';
import type { AnyAuthObject } from '../any-auth-object.js';
import type {
  MachineAuthState,
  MachineTokenType,
  SessionAuthState,
  TokenType,
  VerifiedAuthState,
} from '../auth-state.js';
import { traceGetToken } from '../telemetry/get-token-span.js';
import type {
  AcceptsToken,
  AuthenticatedMachineObject,
  GetTokenOptions,
  HasParams,
  InvalidTokenAuthObject,
  SignedInAuthObject,
  SignedOutAuthObject,
  UnauthenticatedMachineObject,
} from '../types.js';
import { dedupeInRequest } from './request-cache.js';

/** What the auth objects need from the request (the handoff, or the middleware's own state). */
export interface RequestAuthState {
  requestId: string;
  token: string | null;
  tokenType: TokenType | null;
  auth: VerifiedAuthState | null;
}

export interface AuthObjectDeps {
  createHas: (state: VerifiedAuthState | null) => (params: HasParams) => boolean;
  /** Mints a session or JWT-template token through the Backend API. */
  mintToken: (sessionId: string, template: string | undefined, expiresInSeconds: number | undefined) => Promise<string>;
}

export interface ResolveAuthOptions {
  acceptsToken?: AcceptsToken;
  treatPendingAsSignedOut?: boolean;
}

const noToken = () => Promise.resolve(null);
const never = () => false;

export function signedOutAuthObject(sessionStatus: string | null = null): SignedOutAuthObject {
  return {
    tokenType: 'session_token',
    isAuthenticated: false,
    userId: null,
    sessionId: null,
    orgId: null,
    orgRole: null,
    orgSlug: null,
    orgPermissions: null,
    actor: null,
    sessionStatus,
    sessionClaims: null,
    factorVerificationAge: null,
    getToken: noToken,
    has: never,
  };
}

function signedInAuthObject(state: SessionAuthState, req: RequestAuthState, deps: AuthObjectDeps): SignedInAuthObject {
  const getToken = (options: GetTokenOptions = {}): Promise<string | null> =>
    traceGetToken(req.requestId, state.sessionId, options.template, async () => {
      if (options.template === undefined && options.expiresInSeconds === undefined) return req.token;
      const mint = () => deps.mintToken(state.sessionId, options.template, options.expiresInSeconds);
      if (options.skipCache) return mint();
      const key = `token:${state.sessionId}:${options.template ?? ''}:${options.expiresInSeconds ?? ''}`;
      return dedupeInRequest(req.requestId, key, mint).value;
    });
  return {
    tokenType: 'session_token',
    isAuthenticated: true,
    userId: state.userId,
    sessionId: state.sessionId,
    orgId: state.orgId,
    orgRole: state.orgRole,
    orgSlug: state.orgSlug,
    orgPermissions: state.orgPermissions ? [...state.orgPermissions] : null,
    actor: state.actor,
    sessionStatus: state.sessionStatus,
    sessionClaims: state.claims,
    factorVerificationAge: state.factorVerificationAge,
    getToken,
    has: deps.createHas(state),
  };
}

function authenticatedMachineObject(state: MachineAuthState, token: string | null): AuthenticatedMachineObject {
  const base = {
    isAuthenticated: true as const,
    id: state.id,
    subject: state.subject,
    scopes: [...state.scopes],
    getToken: () => Promise.resolve(token),
    has: never,
  };
  switch (state.tokenType) {
    case 'm2m_token':
      return { ...base, tokenType: 'm2m_token', machineId: state.subject, claims: state.claims };
    case 'oauth_token':
      return { ...base, tokenType: 'oauth_token', userId: state.userId ?? state.subject, clientId: state.clientId };
    case 'api_key':
      return {
        ...base,
        tokenType: 'api_key',
        name: state.name,
        claims: state.claims,
        userId: state.userId ?? (state.subject.startsWith('user_') ? state.subject : null),
        orgId: state.orgId ?? (state.subject.startsWith('org_') ? state.subject : null),
      };
  }
}

export function unauthenticatedMachineObject(tokenType: MachineTokenType): UnauthenticatedMachineObject {
  const base = {
    isAuthenticated: false as const,
    id: null,
    subject: null,
    scopes: null,
    getToken: noToken,
    has: never,
  };
  switch (tokenType) {
    case 'm2m_token':
      return { ...base, tokenType, machineId: null, claims: null };
    case 'oauth_token':
      return { ...base, tokenType, userId: null, clientId: null };
    case 'api_key':
      return { ...base, tokenType, name: null, claims: null, userId: null, orgId: null };
  }
}

export function invalidTokenAuthObject(): InvalidTokenAuthObject {
  return { tokenType: null, isAuthenticated: false, getToken: noToken, has: never };
}

/** The caller as verified, before `acceptsToken` applies. */
function callerAuthObject(
  req: RequestAuthState,
  treatPendingAsSignedOut: boolean,
  deps: AuthObjectDeps,
): AnyAuthObject {
  const state = req.auth;
  if (state?.tokenType === 'session_token') {
    if (treatPendingAsSignedOut && state.sessionStatus === 'pending') return signedOutAuthObject('pending');
    return signedInAuthObject(state, req, deps);
  }
  if (state) return authenticatedMachineObject(state, req.token);
  if (req.tokenType && req.tokenType !== 'session_token') return unauthenticatedMachineObject(req.tokenType);
  return signedOutAuthObject();
}

export function resolveAuthObject(
  req: RequestAuthState,
  options: ResolveAuthOptions,
  deps: AuthObjectDeps,
): AnyAuthObject {
  const accepts = options.acceptsToken ?? 'session_token';
  const caller = callerAuthObject(req, options.treatPendingAsSignedOut ?? false, deps);
  if (accepts === 'any' || acceptsType(caller.tokenType, accepts)) return caller;
  if (Array.isArray(accepts)) return invalidTokenAuthObject();
  return accepts === 'session_token' ? signedOutAuthObject() : unauthenticatedMachineObject(accepts);
}
