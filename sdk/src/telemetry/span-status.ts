/**
 * Failure on a span: status ERROR and `error.type` set to the error's stable
 * code. The status message is the code too — an error message is never
 * copied into telemetry, so nothing it might quote can leak.
 */
import { AttributeName as A } from '@authlens/otel';
import { type Span, SpanStatusCode } from '@opentelemetry/api';

export function errorTypeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code) return code;
  if (error instanceof Error && error.name) return error.name;
  return 'Error';
}

export function failSpan(span: Span, error: unknown): void {
  const type = errorTypeOf(error);
  span.setAttribute(A.errorType, type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}
