import type { DevtoolsError } from '../errors.js';

/** A JSON response that is never cached (the data is live). */
export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(data), { ...init, headers });
}

/** The API's error body: the error's stable code and message. */
export function errorResponse(error: DevtoolsError): Response {
  return jsonResponse({ error: error.code, message: error.message }, { status: error.status });
}
