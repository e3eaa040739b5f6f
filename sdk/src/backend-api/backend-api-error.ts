import { AuthlensError } from '../errors.js';
import type { RateLimitSnapshot } from './rate-limit.js';

/** Stable codes of {@link BackendApiError}. */
export type BackendApiErrorCode =
  /** 429 and not retried (Retry-After beyond the bound, or the one retry was also limited). */
  | 'ERR_BACKEND_API_RATE_LIMITED'
  /** 404: the resource does not exist. */
  | 'ERR_BACKEND_API_NOT_FOUND'
  /** 401: the secret key is missing, wrong or revoked. */
  | 'ERR_BACKEND_API_UNAUTHORIZED'
  /** 403. */
  | 'ERR_BACKEND_API_FORBIDDEN'
  /** 400 / 422: the API rejected the parameters. */
  | 'ERR_BACKEND_API_BAD_REQUEST'
  /** 5xx: the API failed. */
  | 'ERR_BACKEND_API_SERVER_ERROR'
  /** Any other non-2xx status. */
  | 'ERR_BACKEND_API_ERROR'
  /** No HTTP answer at all: DNS, refused connection, reset, TLS. */
  | 'ERR_BACKEND_API_UNREACHABLE'
  /** No complete answer within the request timeout. */
  | 'ERR_BACKEND_API_TIMEOUT'
  /** The caller's AbortSignal fired. */
  | 'ERR_BACKEND_API_ABORTED'
  /** A 2xx answer whose body is not the JSON the call expects. */
  | 'ERR_BACKEND_API_BAD_RESPONSE'
  /** The call was made with unusable arguments (empty id, missing secret key); nothing was sent. */
  | 'ERR_BACKEND_API_INVALID_ARGUMENT'
  /**
   * A machine-token verification that would have used the part of the rate-limit window reserved for signed-in
   * users' calls; nothing was sent.
   */
  | 'ERR_BACKEND_API_BUDGET_RESERVED'
  /**
   * The fleet's shared rate-limit window is spent: the call would have got a 429, so it was not sent (only with a
   * shared budget; see the README's "Several servers").
   */
  | 'ERR_BACKEND_API_BUDGET_SPENT';

/** One entry of Clerk's `errors` array, camelCased like @clerk/shared's `ClerkAPIError`. */
export interface ClerkApiErrorEntry {
  code: string;
  message: string;
  longMessage: string | undefined;
  meta: Record<string, unknown> | undefined;
}

/** What is known about the call an error came from (the same facts a successful call reports). */
export interface BackendCallFacts {
  method: string;
  /** The route template, e.g. `/v1/users/{user_id}`: never a raw id. */
  pathTemplate: string;
  /** Retries made before giving up (0 or 1). */
  retries: number;
  rateLimit: RateLimitSnapshot | null;
}

export interface BackendApiErrorInit extends BackendCallFacts {
  code: BackendApiErrorCode;
  status?: number | null;
  retryAfter?: number | null;
  clerkTraceId?: string | null;
  errors?: ClerkApiErrorEntry[];
  cause?: unknown;
  /** Overrides the default message; must not contain ids, tokens, keys or emails. */
  message?: string;
}

/**
 * A Backend API call failed. `status` is the HTTP status (null when no answer came), `retryAfter` the seconds the API
 * asked to wait, `clerkTraceId` Clerk's trace id (body `clerk_trace_id`, else the `cf-ray` / `x-clerk-trace-id`
 * header), `errors` Clerk's error entries. The message names the route template and Clerk's error codes only, so it
 * can be logged.
 */
export class BackendApiError extends AuthlensError {
  declare readonly code: BackendApiErrorCode;
  readonly status: number | null;
  readonly retryAfter: number | null;
  readonly clerkTraceId: string | null;
  readonly errors: ClerkApiErrorEntry[];
  readonly method: string;
  readonly pathTemplate: string;
  readonly retries: number;
  readonly rateLimit: RateLimitSnapshot | null;

  constructor(init: BackendApiErrorInit) {
    super(
      init.code,
      init.message ?? defaultMessage(init),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.status = init.status ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.clerkTraceId = init.clerkTraceId ?? null;
    this.errors = init.errors ?? [];
    this.method = init.method;
    this.pathTemplate = init.pathTemplate;
    this.retries = init.retries;
    this.rateLimit = init.rateLimit;
  }
}

/** The error code for a non-2xx HTTP status. */
export function codeForStatus(status: number): BackendApiErrorCode {
  if (status === 429) return 'ERR_BACKEND_API_RATE_LIMITED';
  if (status === 404) return 'ERR_BACKEND_API_NOT_FOUND';
  if (status === 401) return 'ERR_BACKEND_API_UNAUTHORIZED';
  if (status === 403) return 'ERR_BACKEND_API_FORBIDDEN';
  if (status === 400 || status === 422) return 'ERR_BACKEND_API_BAD_REQUEST';
  if (status >= 500) return 'ERR_BACKEND_API_SERVER_ERROR';
  return 'ERR_BACKEND_API_ERROR';
}

function defaultMessage(init: BackendApiErrorInit): string {
  const call = `Backend API ${init.method} ${init.pathTemplate}`;
  switch (init.code) {
    case 'ERR_BACKEND_API_UNREACHABLE':
      return `${call} is unreachable (no HTTP response).`;
    case 'ERR_BACKEND_API_TIMEOUT':
      return `${call} timed out.`;
    case 'ERR_BACKEND_API_ABORTED':
      return `${call} was aborted by the caller.`;
    case 'ERR_BACKEND_API_BAD_RESPONSE':
      return `${call} answered ${init.status ?? '?'} with a body that is not the expected JSON.`;
    case 'ERR_BACKEND_API_INVALID_ARGUMENT':
      return `${call} was not sent: invalid argument.`;
    case 'ERR_BACKEND_API_BUDGET_RESERVED':
      return `${call} was not sent: the rest of the rate-limit window is reserved for signed-in users' calls.`;
    case 'ERR_BACKEND_API_BUDGET_SPENT':
      return `${call} was not sent: the fleet's rate-limit window is spent.`;
    default: {
      // Clerk's codes (`resource_not_found`, `too_many_requests`) are safe to show; its messages may quote input.
      const codes = (init.errors ?? []).map((e) => e.code).filter((c) => c.length > 0);
      const detail = codes.length > 0 ? ` (${codes.join(', ')})` : '';
      const wait = init.retryAfter != null ? `; retry after ${init.retryAfter}s` : '';
      return `${call} answered ${init.status ?? '?'}${detail}${wait}.`;
    }
  }
}

/**
 * Reads Clerk's error body `{ errors: [{ code, message, long_message, meta }], clerk_trace_id }`. Anything else
 * (HTML from a proxy, empty body) gives no entries.
 */
export function parseClerkErrors(body: unknown): ClerkApiErrorEntry[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  const entries: ClerkApiErrorEntry[] = [];
  for (const raw of body.errors) {
    if (!isRecord(raw)) continue;
    entries.push({
      code: typeof raw.code === 'string' ? raw.code : '',
      message: typeof raw.message === 'string' ? raw.message : '',
      longMessage: typeof raw.long_message === 'string' ? raw.long_message : undefined,
      meta: isRecord(raw.meta) ? raw.meta : undefined,
    });
  }
  return entries;
}

/** Clerk's trace id: the body's `clerk_trace_id`, else the `x-clerk-trace-id` or `cf-ray` header. */
export function readClerkTraceId(body: unknown, headers: Headers): string | null {
  if (isRecord(body) && typeof body.clerk_trace_id === 'string' && body.clerk_trace_id !== '') {
    return body.clerk_trace_id;
  }
  return headers.get('x-clerk-trace-id') || headers.get('cf-ray') || null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
