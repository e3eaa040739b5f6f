import type { DecisionRecord } from '@authlens/otel';
import type { StoredDecision } from '../store/decision-store.js';

/** A decision as the API lists and streams it. */
export interface DecisionListItem {
  /** The request id, or the trace id when the request has none. */
  id: string;
  receivedAtMs: number;
  updatedAtMs: number;
  decision: DecisionRecord;
}

export function toListItem(entry: StoredDecision): DecisionListItem {
  return { id: entry.id, receivedAtMs: entry.receivedAtMs, updatedAtMs: entry.updatedAtMs, decision: entry.decision };
}
