import { randomBytes } from 'node:crypto';
import type { ApiError } from './api-error.js';

const JSON_TYPE = 'application/json';

/** A JSON response; @clerk/backend only parses bodies whose content type is exactly `application/json`. */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

/** Clerk's paginated list shape. */
export function paginated(data: readonly unknown[], totalCount: number): Response {
  return json({ data, total_count: totalCount });
}

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

/** Clerk's error shape: `{ errors: [{ code, message, long_message, meta? }], clerk_trace_id }`. */
export function errorResponse(error: ApiError): Response {
  return json({ errors: [error.toEntry()], clerk_trace_id: newTraceId() }, error.status, error.headers);
}
