import { describe, expect, it } from 'vitest';
import type { DecisionRecord, ProtectCall, Verification } from './decision-record.js';
import { explainDecision } from './explain-decision.js';
import { SpanName } from './span-names.js';

/** A signed-in document request with nothing else recorded; each test overrides what it is about. */
function record(overrides: Partial<DecisionRecord>): DecisionRecord {
  return {
    traceId: 't'.repeat(32),
    traceIds: ['t'.repeat(32)],
    requestId: 'req_1',
    startTimeMs: 0,
    endTimeMs: 5,
    method: 'GET',
    path: '/',
    route: null,
    requestKind: 'document',
    requestKindSignal: null,
    serverActionId: null,
    tokenSource: 'cookie',
    tokenType: 'session_token',
    sessionStatus: 'active',
    userId: 'user_1',
    userName: null,
    sessionId: 'sess_1',
    orgId: null,
    orgRole: null,
    pendingPolicy: null,
    acceptsToken: null,
    acceptsTokenMatched: null,
    outcome: 'signed_in',
    reason: 'valid_token',
    statusCode: null,
    redirectTarget: null,
    protect: null,
    middlewarePasses: [],
    protectCalls: [],
    authLatencyMs: 5,
    verifications: [],
    currentUserCalls: [],
    backendCalls: [],
    getTokenCalls: [],
    errors: [],
    spanIds: ['s1'],
    ...overrides,
  };
}

const protect = (call: Partial<ProtectCall>): ProtectCall => ({
  spanId: 'p1',
  requirementKind: 'none',
  requirementValue: null,
  acceptsToken: null,
  outcome: 'allowed',
  reason: 'authorized',
  statusCode: null,
  durationMs: 1,
  ...call,
});

const rejected = (verification: Partial<Verification>): Verification => ({
  spanId: 'v1',
  timeMs: 1_000_000_000_000,
  tokenType: 'session_token',
  result: 'invalid',
  reason: 'expired',
  algorithm: 'RS256',
  kid: 'ins_1',
  jwksCache: 'hit',
  verifiedTokenCacheHit: false,
  expiresAt: null,
  notBefore: null,
  issuedAt: null,
  clockSkewMs: null,
  durationMs: 1,
  ...verification,
});

describe('explainDecision', () => {
  it('says how long ago a token expired in the unit a person would use', () => {
    const at = (secondsAgo: number) =>
      explainDecision(
        record({
          outcome: 'signed_out',
          reason: 'expired',
          verifications: [rejected({ expiresAt: 1_000_000_000 - secondsAgo })],
        }),
      )[0];
    expect(at(12)).toBe('token expired 12 s ago → signed out');
    expect(at(300)).toBe('token expired 5 min ago → signed out');
    expect(at(3 * 3600)).toBe('token expired 3 h ago → signed out');
    expect(at(3 * 86400)).toBe('token expired 3 d ago → signed out');
  });

  it('falls back to the reason alone when the claim was not recorded', () => {
    expect(
      explainDecision(record({ outcome: 'signed_out', reason: 'expired', verifications: [rejected({})] }))[0],
    ).toBe('token expired → signed out');
    expect(
      explainDecision(
        record({
          outcome: 'signed_out',
          reason: 'unsupported_alg',
          verifications: [rejected({ reason: 'unsupported_alg', algorithm: null })],
        }),
      )[0],
    ).toBe('token algorithm is not supported → signed out');
  });

  it('names a missing organization when a role was required', () => {
    const sentences = explainDecision(
      record({
        outcome: 'not_found',
        reason: 'role_missing',
        protectCalls: [
          protect({
            requirementKind: 'role',
            requirementValue: 'org:admin',
            outcome: 'not_found',
            reason: 'role_missing',
          }),
        ],
      }),
    );
    expect(sentences).toEqual([
      'signed in as user_1 (session sess_1, active)',
      'role org:admin required, user has no active organization role → 404',
    ]);
  });

  it('explains a token-type requirement that was met', () => {
    const sentences = explainDecision(
      record({
        tokenType: 'm2m_token',
        sessionId: null,
        userId: 'mch_1',
        outcome: 'allowed',
        reason: 'authorized',
        protectCalls: [
          protect({ requirementKind: 'token', requirementValue: 'm2m_token', acceptsToken: ['m2m_token'] }),
        ],
      }),
    );
    expect(sentences).toEqual([
      'm2m_token for mch_1 verified → authenticated',
      'm2m_token required, got m2m_token → allowed',
    ]);
  });

  it('reports failures of the decision spans, and of getToken, once each', () => {
    const sentences = explainDecision(
      record({
        getTokenCalls: [{ spanId: 'g1', template: null, errorType: 'ERR_BACKEND_API_NOT_FOUND', durationMs: 3 }],
        errors: [
          { spanId: 'a1', spanName: SpanName.auth, errorType: 'ERR_AUTH_HANDOFF_INVALID', message: 'no signed state' },
          { spanId: 'g1', spanName: SpanName.getToken, errorType: 'ERR_BACKEND_API_NOT_FOUND', message: null },
        ],
      }),
    );
    expect(sentences.slice(1)).toEqual([
      'getToken() failed: ERR_BACKEND_API_NOT_FOUND',
      'authlens.auth failed: ERR_AUTH_HANDOFF_INVALID',
    ]);
  });

  it('says nothing about identity when no identity was recorded', () => {
    expect(
      explainDecision(record({ userId: null, tokenSource: null, sessionStatus: null, outcome: null, reason: null })),
    ).toEqual([]);
  });
});
