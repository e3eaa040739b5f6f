import type { DecisionRecord } from '@authlens/otel';
import { decisionMatcher } from '../../../src/shared/decision-filter.js';
import type { Filters } from './filters.js';

const listOf = (value: string) => (value === '' ? undefined : [value]);

/**
 * A predicate for the dashboard's filters, with the server's own matcher (`GET /api/requests`), so the list filters
 * what it holds as the user types, without a round trip, and means the same as the API.
 */
export function matchesFilters(filters: Filters): (decision: DecisionRecord) => boolean {
  return decisionMatcher({
    outcome: listOf(filters.outcome),
    reason: listOf(filters.reason),
    hasErrors: filters.errors === '1',
    kind: listOf(filters.kind),
    tokenType: listOf(filters.tokenType),
    sessionStatus: listOf(filters.sessionStatus),
    user: listOf(filters.user),
    path: filters.path === '' ? undefined : filters.path,
    q: filters.q === '' ? undefined : filters.q,
  });
}
