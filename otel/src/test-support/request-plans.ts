import type { Attributes } from '@opentelemetry/api';
import { AttributeName as A } from '../attribute-names.js';
import { SpanName } from '../span-names.js';
import { Outcome } from '../values/outcome.js';
import type { Reason } from '../values/reason.js';
import { RequestKind } from '../values/request-kind.js';
import { SessionStatus } from '../values/session-status.js';
import { TokenSource } from '../values/token-source.js';
import { TokenType } from '../values/token-type.js';
import { VerificationResult } from '../values/verification-result.js';
import { RECORDING_START_MS, type SpanPlan } from './record-spans.js';

/**
 * Span plans shaped the way the SDK emits them (by the contract's constants), so decision tests read like requests.
 */
export const REQUEST_ID = 'req_test_1';
export const NOW_SECONDS = RECORDING_START_MS / 1000;

export const activeSession: Attributes = {
  [A.tokenSource]: TokenSource.cookie,
  [A.tokenType]: TokenType.session_token,
  [A.sessionStatus]: SessionStatus.active,
  [A.userId]: 'user_1',
  [A.sessionId]: 'sess_1',
  [A.orgId]: 'org_1',
  [A.orgRole]: 'org:member',
};

export const noToken: Attributes = { [A.tokenSource]: TokenSource.none };

export function middleware(
  kind: RequestKind,
  state: Attributes,
  outcome: Outcome,
  reason: Reason,
  children: SpanPlan[] = [],
  extra: Attributes = {},
): SpanPlan {
  return {
    name: SpanName.middleware,
    at: 0,
    duration: 5,
    attributes: {
      [A.requestId]: REQUEST_ID,
      [A.httpRequestMethod]: kind === RequestKind.server_action ? 'POST' : 'GET',
      [A.urlPath]: '/dashboard',
      [A.requestKind]: kind,
      ...state,
      [A.outcome]: outcome,
      [A.reason]: reason,
      ...extra,
    },
    children,
  };
}

export function verify(result: VerificationResult, reason: Reason, attributes: Attributes = {}): SpanPlan {
  return {
    name: SpanName.tokenVerify,
    at: 1,
    duration: 1,
    attributes: {
      [A.tokenType]: TokenType.session_token,
      [A.tokenAlgorithm]: 'RS256',
      [A.tokenKid]: 'ins_key_1',
      [A.verificationResult]: result,
      [A.reason]: reason,
      ...attributes,
    },
  };
}

export const validVerify = (attributes: Attributes = {}) =>
  verify(VerificationResult.valid, 'valid_token', {
    [A.jwksCacheResult]: 'hit',
    [A.verifiedTokenCacheHit]: false,
    [A.tokenExpiresAt]: NOW_SECONDS + 50,
    ...attributes,
  });

export function authCall(attributes: Attributes, at = 10): SpanPlan {
  return { name: SpanName.auth, at, duration: 2, attributes: { [A.requestId]: REQUEST_ID, ...attributes } };
}

export function protectCall(
  kind: RequestKind,
  outcome: Outcome,
  reason: Reason,
  attributes: Attributes = {},
  at = 11,
): SpanPlan {
  return {
    name: SpanName.protect,
    at,
    duration: 2,
    attributes: {
      [A.requestId]: REQUEST_ID,
      [A.requestKind]: kind,
      [A.protectRequirementKind]: 'none',
      [A.outcome]: outcome,
      [A.reason]: reason,
      ...attributes,
    },
  };
}

/** The common shape: a signed-in document request that passed the middleware. */
export function signedInMiddleware(kind: RequestKind = RequestKind.document): SpanPlan {
  return middleware(kind, activeSession, Outcome.signed_in, 'valid_token', [validVerify()]);
}

/** `redirectToSignIn()` / `redirectToSignUp()` (the app's own redirect, after `auth()`). */
export function redirectCall(outcome: Outcome, reason: Reason, target: string, at = 12): SpanPlan {
  return {
    name: SpanName.redirect,
    at,
    duration: 1,
    attributes: {
      [A.requestId]: REQUEST_ID,
      [A.requestKind]: 'document',
      [A.outcome]: outcome,
      [A.reason]: reason,
      [A.httpResponseStatusCode]: 307,
      [A.redirectTarget]: target,
    },
  };
}
