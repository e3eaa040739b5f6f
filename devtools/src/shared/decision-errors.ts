import type { DecisionRecord } from '@authlens/otel';

/** One error of a request as the list shows it: a stable code and, when recorded, the message (with its fix). */
export interface DecisionErrorSummary {
  readonly code: string;
  readonly message: string | null;
}

/**
 * The errors of a request: spans that failed (`ERR_AUTH_MIDDLEWARE_MISSING`, `ERR_BACKEND_API_RATE_LIMITED`, …) and
 * Backend API calls answered 429 or failed, each once, in order. Pure: the server and the dashboard share it.
 */
export function decisionErrors(d: DecisionRecord): DecisionErrorSummary[] {
  const seen = new Map<string, DecisionErrorSummary>();
  const add = (code: string, message: string | null) => {
    const existing = seen.get(code);
    if (!existing || (existing.message === null && message !== null)) seen.set(code, { code, message });
  };
  for (const error of d.errors) {
    const code = error.errorType ?? error.spanName;
    // The SDK's spans carry the stable code as their status message: saying it twice says nothing more.
    add(code, error.message === code ? null : error.message);
  }
  for (const call of d.backendCalls) {
    if (call.statusCode === 429) add(call.errorType ?? 'HTTP 429', null);
    else if (call.errorType !== null || (call.statusCode !== null && call.statusCode >= 500)) {
      add(call.errorType ?? `HTTP ${call.statusCode}`, null);
    }
  }
  return [...seen.values()];
}
