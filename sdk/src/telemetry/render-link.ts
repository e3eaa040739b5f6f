/** Links a render span to the middleware span of its request (from the handoff), when they are in different traces. */
import type { Span } from '@opentelemetry/api';
import { linkFromTraceParent } from './trace-context.js';

export function linkToMiddleware(span: Span, traceParent: string | null | undefined): void {
  if (!traceParent || !span.isRecording()) return;
  const link = linkFromTraceParent(traceParent);
  if (link && link.context.traceId !== span.spanContext().traceId) span.addLink(link);
}
