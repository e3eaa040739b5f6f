import { DevtoolsError } from '../errors.js';
import { errorResponse } from '../http/json-response.js';
import type { DecisionStore } from '../store/decision-store.js';
import { decisionMatcher, parseDecisionQuery } from '../store/query-decisions.js';
import { eventStreamResponse, type ServerSentEvent } from '../stream/event-stream.js';
import { toListItem } from './decision-json.js';

/**
 * `GET /api/stream`: Server-Sent Events. `hello` first (how many decisions are stored), then `decision`
 * (`{ change: 'new' | 'updated', item }`) as decisions are assembled or updated, and `removed` (`{ id }`) when one
 * is evicted or merged into another; heartbeat comments in between. Takes the list filters of `/api/requests`.
 */
export function streamRequests(store: DecisionStore, heartbeatMs: number) {
  return (request: Request, _params: unknown, url: URL): Response => {
    let matches: ReturnType<typeof decisionMatcher>;
    try {
      matches = decisionMatcher(parseDecisionQuery(url.searchParams));
    } catch (error) {
      if (error instanceof DevtoolsError) return errorResponse(error);
      throw error;
    }
    return eventStreamResponse({
      signal: request.signal,
      heartbeatMs,
      initial: [{ event: 'hello', data: { total: store.stats().decisions, timeMs: Date.now() } }],
      subscribe: (send) =>
        store.subscribe((changes) => {
          for (const change of changes) {
            let event: ServerSentEvent;
            if (change.type === 'removed') event = { event: 'removed', data: { id: change.id } };
            else if (matches(change.entry.decision)) {
              event = { event: 'decision', data: { change: change.type, item: toListItem(change.entry) } };
            } else continue;
            send(event);
          }
        }),
    });
  };
}
