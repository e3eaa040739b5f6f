import { explainDecision } from '@authlens/otel';
import { DevtoolsError } from '../errors.js';
import { errorResponse, jsonResponse } from '../http/json-response.js';
import type { ReceivedSpan } from '../otlp/received-span.js';
import type { DecisionStore } from '../store/decision-store.js';
import { parseDecisionQuery, queryDecisions } from '../store/query-decisions.js';
import { type DecisionListItem, toListItem } from './decision-json.js';

/** The body of `GET /api/requests`. */
export interface DecisionListResponse {
  items: DecisionListItem[];
  nextCursor: string | null;
  /** Decisions stored in all (before filtering). */
  total: number;
}

/** The body of `GET /api/requests/:id`. */
export interface DecisionDetailResponse extends DecisionListItem {
  /** The decision in words, as the dashboard shows it. */
  explanation: string[];
  /** Every span of the request's trace(s), by start time: the waterfall. */
  spans: ReceivedSpan[];
}

/** `GET /api/requests`: stored decisions, newest first, filtered and paged (see `parseDecisionQuery`). */
export function listRequests(store: DecisionStore) {
  return (_request: Request, _params: unknown, url: URL): Response => {
    try {
      const page = queryDecisions(store, parseDecisionQuery(url.searchParams));
      const body: DecisionListResponse = {
        items: page.items.map(toListItem),
        nextCursor: page.nextCursor,
        total: store.stats().decisions,
      };
      return jsonResponse(body);
    } catch (error) {
      if (error instanceof DevtoolsError) return errorResponse(error);
      throw error;
    }
  };
}

/** `GET /api/requests/:id`: one decision with its explanation and spans; `id` is a request id or a trace id. */
export function getRequest(store: DecisionStore) {
  return (_request: Request, params: Readonly<Record<string, string>>): Response => {
    const entry = store.get(params.id ?? '');
    if (!entry) {
      return jsonResponse(
        { error: 'ERR_NOT_FOUND', message: 'no stored request has this request id or trace id' },
        { status: 404 },
      );
    }
    const body: DecisionDetailResponse = {
      ...toListItem(entry),
      explanation: explainDecision(entry.decision),
      spans: store.spansOf(entry),
    };
    return jsonResponse(body);
  };
}
