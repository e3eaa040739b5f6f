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
