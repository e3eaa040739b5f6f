/** The `authlens.get_token` span around `getToken()`: which session, which template (never the token it returns). */
import { AttributeName as A, SpanName } from '@authlens/otel';
import { failSpan } from './span-status.js';
import { authlensTracer } from './tracer.js';

export function traceGetToken(
  requestId: string,
  sessionId: string,
  template: string | undefined,
  run: () => Promise<string | null>,
): Promise<string | null> {
  return authlensTracer().startActiveSpan(SpanName.getToken, async (span) => {
    if (span.isRecording()) {
      span.setAttribute(A.requestId, requestId);
      span.setAttribute(A.sessionId, sessionId);
      if (template !== undefined) span.setAttribute(A.tokenTemplate, template);
    }
    try {
      return await run();
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
