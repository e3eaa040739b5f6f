import { Outcome, RequestKind, SessionStatus, TokenType } from '@authlens/otel';
import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToSearch, NO_FILTERS } from './filters.js';
import { matchesFilters } from './matches-filters.js';
import { testRecord } from './test-record.js';

const denied = testRecord({
  requestId: 'req_denied',
  method: 'GET',
  path: '/admin/Users',
  requestKind: RequestKind.document,
  tokenType: TokenType.session_token,
  sessionStatus: SessionStatus.active,
  userId: 'user_member',
  orgRole: 'org:member',
  outcome: Outcome.not_found,
  reason: 'role_missing',
});
const pending = testRecord({
  requestId: 'req_pending',
  path: '/onboarding',
  requestKind: RequestKind.api,
  sessionStatus: SessionStatus.pending,
  userId: 'user_pending',
  outcome: Outcome.signed_in,
});

const pick = (search: string) =>
  [denied, pending].filter(matchesFilters(filtersFromSearch(search))).map((d) => d.requestId);

describe('matchesFilters', () => {
  it('matches everything without filters', () => {
    expect([denied, pending].filter(matchesFilters(NO_FILTERS))).toHaveLength(2);
  });

  it('takes exact values for the enumerated fields and the user', () => {
    expect(pick('?outcome=not_found')).toEqual(['req_denied']);
    expect(pick('?kind=api')).toEqual(['req_pending']);
    expect(pick('?sessionStatus=pending')).toEqual(['req_pending']);
    expect(pick('?tokenType=session_token')).toEqual(['req_denied']);
    expect(pick('?user=user_member')).toEqual(['req_denied']);
    expect(pick('?user=user_mem')).toEqual([]);
    expect(pick('?outcome=not_found&kind=api')).toEqual([]);
  });

  it('finds a path substring and free text case-insensitively', () => {
    expect(pick('?path=admin%2Fusers')).toEqual(['req_denied']);
    expect(pick('?q=ROLE_MISSING')).toEqual(['req_denied']);
    expect(pick('?q=org%3Amember')).toEqual(['req_denied']);
    expect(pick('?q=req_pend')).toEqual(['req_pending']);
    expect(pick('?q=0af7651916cd')).toEqual(['req_denied', 'req_pending']);
  });
});

describe('filters in the URL', () => {
  it('round-trip, leaving out empty ones', () => {
    const filters = { ...NO_FILTERS, outcome: 'not_found', q: 'user 1' };
    expect(filtersToSearch(filters)).toBe('?q=user+1&outcome=not_found');
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
    expect(filtersToSearch(NO_FILTERS)).toBe('');
  });
});

describe('matchesFilters: errors, reasons and names', () => {
  const rateLimited = testRecord({
    userId: 'user_a',
    userName: 'alice',
    backendCalls: [
      {
        spanId: 'b1',
        method: 'GET',
        pathTemplate: '/v1/users/{user_id}',
        statusCode: 429,
        rateLimitLimit: 8,
        rateLimitRemaining: 0,
        rateLimitReset: null,
        retryAfter: 1,
        retryCount: 0,
        clerkTraceId: null,
        errorType: 'ERR_BACKEND_API_RATE_LIMITED',
        durationMs: 3,
      },
    ],
  });
  const missing = testRecord({
    errors: [
      {
        spanId: 'a1',
        spanName: 'authlens.auth',
        errorType: 'ERR_AUTH_MIDDLEWARE_MISSING',
        message: 'auth() was called on a path clerkMiddleware() did not run for: widen the matcher',
      },
    ],
  });
  const fine = testRecord({ reason: 'expired' });

  it('"has errors" keeps the requests with a 429 or an auth error', () => {
    const matches = matchesFilters({ ...NO_FILTERS, errors: '1' });
    expect([rateLimited, missing, fine].map(matches)).toEqual([true, true, false]);
  });

  it('finds error codes, error messages and usernames by search, and filters by reason', () => {
    const search = (q: string) => [rateLimited, missing, fine].map(matchesFilters({ ...NO_FILTERS, q }));
    expect(search('err_backend_api_rate_limited')).toEqual([true, false, false]);
    expect(search('widen the matcher')).toEqual([false, true, false]);
    expect(search('alice')).toEqual([true, false, false]);
    expect([rateLimited, missing, fine].map(matchesFilters({ ...NO_FILTERS, reason: 'expired' }))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('round-trips reason, errors and loop through the query string', () => {
    const filters = { ...NO_FILTERS, reason: 'expired', errors: '1', loop: '1' };
    expect(filtersToSearch(filters)).toBe('?reason=expired&errors=1&loop=1');
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
  });
});

describe('matchesFilters: the Session filter and expired tokens', () => {
  // Refused as expired: no status of its own, but the user and session of the (signature-checked) token.
  const expired = testRecord({
    requestId: 'req_expired',
    userId: 'user_alice',
    sessionId: 'sess_alice',
    outcome: Outcome.signed_out,
    reason: 'expired',
    verifications: [
      {
        spanId: 'v1',
        timeMs: 0,
        tokenType: TokenType.session_token,
        result: 'invalid',
        reason: 'expired',
        algorithm: 'RS256',
        kid: 'ins_1',
        jwksCache: null,
        verifiedTokenCacheHit: false,
        expiresAt: 1,
        notBefore: null,
        issuedAt: 0,
        clockSkewMs: 5000,
        durationMs: 1,
      },
    ],
  });
  const missingToken = testRecord({ requestId: 'req_missing', outcome: Outcome.signed_out, reason: 'missing_token' });
  const pickOf = (search: string) =>
    [denied, pending, expired, missingToken].filter(matchesFilters(filtersFromSearch(search))).map((d) => d.requestId);

  it('matches a request refused for an expired session token as an expired session, and by its user', () => {
    expect(pickOf('?sessionStatus=expired')).toEqual(['req_expired']);
    expect(pickOf('?user=user_alice')).toEqual(['req_expired']);
    expect(pickOf('?q=sess_alice')).toEqual(['req_expired']);
    expect(pickOf('?sessionStatus=active')).toEqual(['req_denied']);
  });
});
