/**
 * Records, once per transition, that the shared store stopped answering (the SDK now uses in-process state) or
 * answered again: an event on the active span, one count on `authlens.store.transitions` and one log line. The error's class
 * name is recorded, never its message (it may quote a Redis URL).
 */
import { AttributeName as A, SpanEventName } from '@authlens/otel';
import { trace } from '@opentelemetry/api';
import type { StoreScope } from '../fleet/fleet-store.js';
import { instruments } from './instruments.js';

export function recordStoreTransition(now: StoreScope, error: unknown = null): void {
  const attributes: Record<string, string> = { [A.storeScope]: now };
  if (error !== null) attributes[A.errorType] = errorTypeOf(error);
  trace
    .getActiveSpan()
    ?.addEvent(now === 'local' ? SpanEventName.storeFallback : SpanEventName.storeRecovered, attributes);
  instruments()?.storeTransitions.add(1, attributes);
  // Also in the server's log: an operator watching logs rather than traces still learns of it (once per switch).
  console.warn(
    now === 'local'
      ? `authlens: the shared store (Redis) did not answer (${attributes[A.errorType]}); using in-process state`
      : 'authlens: the shared store (Redis) answers again; using it',
  );
}

function errorTypeOf(error: unknown): string {
  if (error instanceof Error) return error.name === 'Error' ? error.constructor.name : error.name;
  return 'unknown';
}
