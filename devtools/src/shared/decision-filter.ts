import type { DecisionRecord } from '@authlens/otel';
import { decisionErrors } from './decision-errors.js';
import { sessionStatusOf } from './session-status.js';

/**
 * The filters of the request list, with one meaning for the server (`GET /api/requests`, `/api/stream`) and the
 * dashboard (which filters what it holds as the user types). List filters match any of their values; all given
 * filters must match. Pure: the dashboard bundles it too.
 */
export interface DecisionFilter {
  outcome?: readonly string[];
  reason?: readonly string[];
  /** Exact user id (also the user of a session token refused as expired). */
  user?: readonly string[];
  /** Substring of the path, case-insensitive. */
  path?: string;
  tokenType?: readonly string[];
  /** Session status; `expired` also matches a request whose session token was refused as expired. */
  sessionStatus?: readonly string[];
  /** Request kind: document, api, server_action. */
  kind?: readonly string[];
  /** Only requests with an error (see `decisionErrors`). */
  hasErrors?: boolean;
  /** Free-text search over ids, path, route, method, outcome, reason, kinds and types, case-insensitive. */
  q?: string;
}

/** A predicate for `filter`. */
export function decisionMatcher(filter: DecisionFilter): (decision: DecisionRecord) => boolean {
  const path = filter.path?.toLowerCase();
  const q = filter.q?.toLowerCase();
  const oneOf = (allowed: readonly string[] | undefined, value: string | null) =>
    allowed === undefined || (value !== null && allowed.includes(value));
  return (d) =>
    oneOf(filter.outcome, d.outcome) &&
    oneOf(filter.reason, d.reason) &&
    oneOf(filter.user, d.userId) &&
    oneOf(filter.tokenType, d.tokenType) &&
    oneOf(filter.sessionStatus, sessionStatusOf(d)) &&
    oneOf(filter.kind, d.requestKind) &&
    (filter.hasErrors !== true || decisionErrors(d).length > 0) &&
    (path === undefined || (d.path ?? '').toLowerCase().includes(path)) &&
    (q === undefined || searchText(d).includes(q));
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
    d.userName,
    d.sessionId,
    d.orgId,
    d.orgRole,
    d.outcome,
    d.reason,
    d.protect?.requirementValue,
    d.redirectTarget,
    ...d.backendCalls.map((call) => call.pathTemplate),
    ...decisionErrors(d).flatMap((error) => [error.code, error.message]),
  ]
    .filter((value) => typeof value === 'string')
    .join('\n')
    .toLowerCase();
}
