/** One `authlens.decisions` data point: outcome, reason, request kind, token type (all low-cardinality). */
import { AttributeName as A, type Outcome, type Reason } from '@authlens/otel';
import type { Attributes } from '@opentelemetry/api';
import { instruments } from './instruments.js';

export function countDecision(outcome: Outcome, reason: Reason, kind: string, tokenType: string | null): void {
  const metrics = instruments();
  if (!metrics) return;
  const attributes: Attributes = { [A.outcome]: outcome, [A.reason]: reason, [A.requestKind]: kind };
  if (tokenType) attributes[A.tokenType] = tokenType;
  metrics.decisions.add(1, attributes);
}
