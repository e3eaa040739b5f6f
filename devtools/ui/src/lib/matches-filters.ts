import type { DecisionRecord } from '@authlens/otel';
import type { Filters } from './filters.js';

/**
 * A predicate for the filters, with the server's semantics (`GET /api/requests`): exact values for the enumerated
 * fields and the user, a case-insensitive substring for the path, and free text over the record's ids, names and
 * codes. The dashboard filters what it holds, so typing filters at once without a round trip.
 */
export function matchesFilters(filters: Filters): (decision: DecisionRecord) => boolean {
  const path = filters.path.toLowerCase();
  const q = filters.q.toLowerCase();
  const exact = (wanted: string, value: string | null) => wanted === '' || value === wanted;
  return (d) =>
    exact(filters.outcome, d.outcome) &&
    exact(filters.kind, d.requestKind) &&
    exact(filters.tokenType, d.tokenType) &&
    exact(filters.sessionStatus, d.sessionStatus) &&
    exact(filters.user, d.userId) &&
    (path === '' || (d.path ?? '').toLowerCase().includes(path)) &&
    (q === '' || searchText(d).includes(q));
}

function searchText(d: DecisionRecord): string {
  return [
    d.requestId,
    ...d.traceIds,
    d.method,
    d.path,
    d.route,
    d.requestKind,
    d.tokenSource,
    d.tokenType,
    d.sessionStatus,
    d.userId,
    d.sessionId,
    d.orgId,
    d.orgRole,
    d.outcome,
    d.reason,
    d.protect?.requirementValue,
    ...d.backendCalls.map((call) => call.pathTemplate),
  ]
    .filter((value): value is string => typeof value === 'string')
    .join('\n')
    .toLowerCase();
}
