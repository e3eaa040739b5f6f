/** `createRouteMatcher` names the pattern that matched on the enclosing middleware span (`http.route`). */
import { AttributeName as A } from '@authlens/otel';
import { trace } from '@opentelemetry/api';
import { isMiddlewareSpan } from './middleware-span.js';

export function noteMatchedRoute(pattern: string | RegExp): void {
  const span = trace.getActiveSpan();
  if (!isMiddlewareSpan(span)) return;
  span.setAttribute(A.httpRoute, typeof pattern === 'string' ? pattern : pattern.toString());
}
