import { recordBudgetScope, traceBackendCall } from '../telemetry/backend-request-span.js';
import { injectTraceContext } from '../telemetry/trace-context.js';
import { BackendApiError, codeForStatus, parseClerkErrors, readClerkTraceId } from './backend-api-error.js';
import { createInFlight } from './in-flight.js';
import { type RateLimitSnapshot, readRateLimit, readRetryAfter } from './rate-limit.js';
import { assumedLimitFor, type BackendCallClass, type RateLimitBudget, WindowBudget } from './rate-limit-budget.js';
import { ResourceShapeError } from './resources/read-json.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;

/** One logical Backend API call. */
export interface BackendApiRequest {
  method: HttpMethod;
  /** Route template without the version prefix, e.g. `/users/{user_id}`; `{name}` segments come from `pathParams`. */
  path: string;
  pathParams?: Record<string, string>;
  query?: Record<string, QueryValue>;
  /** Sent as JSON (keys as given: callers write Clerk's snake_case). */
  body?: unknown;
  /**
   * false for the routes Clerk serves without `/v1` (@clerk/backend calls the machine-token verify endpoints that
   * way). Default true.
   */
  versioned?: boolean;
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
  /**
   * Turns the 2xx JSON into the call's result; a {@link ResourceShapeError} it throws becomes
   * `ERR_BACKEND_API_BAD_RESPONSE`. Runs once per sent call, so callers joining a GET share its result.
   */
  read?: (data: unknown) => unknown;
  /** Which share of the rate-limit window the call may use (see rate-limit-budget.ts). Default `standard`. */
  callClass?: BackendCallClass;
}

/** What a call did: everything telemetry reports about it, and nothing secret. */
export interface BackendCallMeta {
  method: HttpMethod;
  /** Route template with the version prefix, e.g. `/v1/users/{user_id}`: never a raw id. */
  pathTemplate: string;
  status: number;
  /** 0, or 1 when a 429 was retried. */
  retries: number;
  /** The rate-limit headers of the final answer (null when it had none). */
  rateLimit: RateLimitSnapshot | null;
  /** `Retry-After` of the last 429 met during the call (seconds), or null. */
  retryAfter: number | null;
  clerkTraceId: string | null;
  durationMs: number;
  /** true when this caller joined an identical GET already in flight instead of sending its own. */
  coalesced: boolean;
}

export interface BackendApiResult<T = unknown> {
  data: T;
  meta: BackendCallMeta;
}

/** What is known before a call is sent, e.g. to start a span. */
export interface BackendCallInfo {
  method: HttpMethod;
  pathTemplate: string;
}

/**
 * Wraps each call that is actually sent (not the callers that join one in flight), e.g. in a telemetry span:
 * `run()` resolves with the result and its `meta`, or rejects with a {@link BackendApiError} carrying the same facts.
 */
export type BackendApiInstrument = (
  call: BackendCallInfo,
  run: () => Promise<BackendApiResult>,
) => Promise<BackendApiResult>;

export interface BackendRequesterOptions {
  secretKey: string | undefined;
  /** Default `https://api.clerk.com`. */
  apiUrl?: string;
  /** Default `v1`. */
  apiVersion?: string;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Per attempt, including reading the body. Default 10 000 ms. */
  timeoutMs?: number;
  /** A 429 is retried once when its `Retry-After` is at most this many seconds. Default 2; 0 still retries `0`. */
  maxRetryAfterSeconds?: number;
  /** Sent as `Clerk-API-Version`, the version @clerk/backend 3.x pins, so answers have the shapes it parses. */
  clerkApiVersion?: string;
  instrument?: BackendApiInstrument;
  /** Called once per sent call with its final facts, after success or failure. */
  onResponse?: (meta: BackendCallMeta, error: BackendApiError | null) => void;
  /** Which calls may use which share of the rate-limit window. Default a {@link WindowBudget} (20% reserved). */
  budget?: RateLimitBudget;
}

export interface BackendRequester {
  /** Sends one call; `T` is what `req.read` returns (the raw JSON when there is no `read`). */
  request<T = unknown>(req: BackendApiRequest): Promise<BackendApiResult<T>>;
  /** The budget from the latest answer that carried rate-limit headers. */
  readonly rateLimit: RateLimitSnapshot | null;
  readonly apiUrl: string;
}

export const DEFAULT_API_URL = 'https://api.clerk.com';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RETRY_AFTER_SECONDS = 2;
const CLERK_API_VERSION = '2026-05-12';
const USER_AGENT = '@authlens/nextjs';

export function createBackendRequester(options: BackendRequesterOptions): BackendRequester {
  const apiUrl = normaliseApiUrl(options.apiUrl ?? DEFAULT_API_URL);
  const apiVersion = options.apiVersion ?? 'v1';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) invalidOption('timeoutMs must be a positive number of ms.');
  if (!(maxRetryAfter >= 0 && Number.isFinite(maxRetryAfter))) {
    invalidOption('maxRetryAfterSeconds must be a non-negative number of seconds.');
  }
  const inFlight = createInFlight();
  const budget = options.budget ?? new WindowBudget({ assumedLimit: assumedLimitFor(options.secretKey) });
  let latestRateLimit: RateLimitSnapshot | null = null;

  const send = async (req: BackendApiRequest, pathTemplate: string, url: string): Promise<BackendApiResult> => {
    const facts = { method: req.method, pathTemplate, retries: 0, rateLimit: null as RateLimitSnapshot | null };
    const secretKey = options.secretKey;
    if (!secretKey || /\s/.test(secretKey)) {
      throw new BackendApiError({
        ...facts,
        code: 'ERR_BACKEND_API_INVALID_ARGUMENT',
        message: `Backend API ${req.method} ${pathTemplate} was not sent: no usable secret key (set CLERK_SECRET_KEY).`,
      });
    }
    const doFetch = options.fetch ?? globalThis.fetch;
    const headers = new Headers({
      Authorization: `Bearer ${secretKey}`,
      Accept: 'application/json',
      'Clerk-API-Version': options.clerkApiVersion ?? CLERK_API_VERSION,
      'User-Agent': USER_AGENT,
    });
    // W3C trace context of the active span (this call's span), when an OpenTelemetry propagator is registered.
    injectTraceContext(headers);
    let body: string | undefined;
    if (req.body !== undefined && req.method !== 'GET') {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(req.body);
    }
    const started = now();
    let lastRetryAfter: number | null = null;

    for (;;) {
      const attempt = await attemptOnce(
        doFetch,
        url,
        { method: req.method, headers, body },
        {
          timeoutMs: req.timeoutMs ?? timeoutMs,
          signal: req.signal,
          facts,
        },
      );
      const { response, parsed } = attempt;
      const rateLimit = readRateLimit(response.headers);
      if (rateLimit) latestRateLimit = rateLimit;
      facts.rateLimit = rateLimit;
      const clerkTraceId = readClerkTraceId(parsed.ok ? parsed.value : undefined, response.headers);
      const retryAfter = response.status === 429 || response.status === 503 ? readRetryAfter(response.headers) : null;
      if (retryAfter !== null) lastRetryAfter = retryAfter;
      await budget.observe({ callClass: req.callClass ?? 'standard', status: response.status, rateLimit, retryAfter });

      if (response.status === 429 && facts.retries === 0 && retryAfter !== null && retryAfter <= maxRetryAfter) {
        await sleep(retryAfter * 1000, req.signal, facts);
        facts.retries += 1;
        continue;
      }

      if (!response.ok) {
        throw new BackendApiError({
          ...facts,
          code: codeForStatus(response.status),
          status: response.status,
          retryAfter: lastRetryAfter,
          clerkTraceId,
          errors: parseClerkErrors(parsed.ok ? parsed.value : undefined),
        });
      }
      if (!parsed.ok) {
        throw new BackendApiError({
          ...facts,
          code: 'ERR_BACKEND_API_BAD_RESPONSE',
          status: response.status,
          clerkTraceId,
          cause: parsed.error,
        });
      }
      let data = parsed.value;
      if (req.read) {
        try {
          data = req.read(parsed.value);
        } catch (error) {
          if (!(error instanceof ResourceShapeError)) throw error;
          throw new BackendApiError({
            ...facts,
            code: 'ERR_BACKEND_API_BAD_RESPONSE',
            status: response.status,
            clerkTraceId,
            cause: error,
            message: `Backend API ${req.method} ${pathTemplate} answered ${response.status} with unexpected JSON: ${error.message}.`,
          });
        }
      }
      return {
        data,
        meta: {
          method: req.method,
          pathTemplate,
          status: response.status,
          retries: facts.retries,
          rateLimit,
          retryAfter: lastRetryAfter,
          clerkTraceId,
          durationMs: now() - started,
          coalesced: false,
        },
      };
    }
  };

  const observed = async (req: BackendApiRequest, pathTemplate: string, url: string): Promise<BackendApiResult> => {
    const run = async () => {
      const callClass = req.callClass ?? 'standard';
      const allowed = await budget.take(callClass);
      recordBudgetScope(budget.scope ?? 'local');
      if (!allowed) {
        // Not sent, so not reported to onResponse; the span (if any) records it.
        throw new BackendApiError({
          method: req.method,
          pathTemplate,
          retries: 0,
          rateLimit: latestRateLimit,
          code: callClass === 'standard' ? 'ERR_BACKEND_API_BUDGET_SPENT' : 'ERR_BACKEND_API_BUDGET_RESERVED',
        });
      }
      const started = now();
      try {
        const result = await send(req, pathTemplate, url);
        options.onResponse?.(result.meta, null);
        return result;
      } catch (error) {
        if (error instanceof BackendApiError && options.onResponse) {
          options.onResponse(metaOfError(error, now() - started), error);
        }
        throw error;
      }
    };
    const call = { method: req.method, pathTemplate };
    // Every sent call is traced; the instrument hook (if any) wraps the traced call.
    const traced = () => traceBackendCall(call, run);
    return options.instrument ? options.instrument(call, traced) : traced();
  };

  return {
    get rateLimit() {
      return latestRateLimit;
    },
    apiUrl,
    async request<T>(req: BackendApiRequest): Promise<BackendApiResult<T>> {
      const versioned = req.versioned ?? true;
      const pathTemplate = versioned ? `/${apiVersion}${req.path}` : req.path;
      const url = buildUrl(apiUrl, versioned ? apiVersion : null, req, pathTemplate);
      if (req.method !== 'GET') return (await observed(req, pathTemplate, url)) as BackendApiResult<T>;

      // Identical concurrent GETs share one call. The shared call ignores each caller's own signal (one caller giving
      // up must not fail the others); each caller still stops waiting when its signal fires.
      const { promise, shared } = inFlight.run(`GET ${url}`, () =>
        observed({ ...req, signal: undefined }, pathTemplate, url),
      );
      const result = await raceAbort(promise, req.signal, { method: req.method, pathTemplate, retries: 0 });
      return (
        shared ? { data: result.data, meta: { ...result.meta, coalesced: true } } : result
      ) as BackendApiResult<T>;
    },
  };
}

function metaOfError(error: BackendApiError, durationMs: number): BackendCallMeta {
  return {
    method: error.method as HttpMethod,
    pathTemplate: error.pathTemplate,
    status: error.status ?? 0,
    retries: error.retries,
    rateLimit: error.rateLimit,
    retryAfter: error.retryAfter,
    clerkTraceId: error.clerkTraceId,
    durationMs,
    coalesced: false,
  };
}

type Facts = { method: string; pathTemplate: string; retries: number; rateLimit?: RateLimitSnapshot | null };
type Parsed = { ok: true; value: unknown } | { ok: false; error: unknown };

const TIMEOUT = Symbol('timeout');

async function attemptOnce(
  doFetch: typeof fetch,
  url: string,
  init: { method: string; headers: Headers; body: string | undefined },
  ctx: { timeoutMs: number; signal: AbortSignal | undefined; facts: Facts },
): Promise<{ response: Response; parsed: Parsed }> {
  const { facts } = ctx;
  const base = { ...facts, rateLimit: facts.rateLimit ?? null };
  if (ctx.signal?.aborted) throw new BackendApiError({ ...base, code: 'ERR_BACKEND_API_ABORTED' });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMEOUT), ctx.timeoutMs);
  const onCallerAbort = () => controller.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    // Never follow a redirect: it would carry the Bearer secret key to wherever the Location points. `no-store`
    // keeps Next's patched fetch from putting one user's data (or a minted token) in its shared Data Cache.
    const response = await doFetch(url, { ...init, signal: controller.signal, redirect: 'manual', cache: 'no-store' });
    // The body is read under the same timeout: a server that stalls mid-body is as stuck as one that never answers.
    const parsed = await readJson(response);
    return { response, parsed };
  } catch (error) {
    if (controller.signal.aborted) {
      const timedOut = controller.signal.reason === TIMEOUT;
      throw new BackendApiError({
        ...base,
        code: timedOut ? 'ERR_BACKEND_API_TIMEOUT' : 'ERR_BACKEND_API_ABORTED',
        message: timedOut
          ? `Backend API ${facts.method} ${facts.pathTemplate} timed out after ${ctx.timeoutMs} ms.`
          : undefined,
        cause: error,
      });
    }
    throw new BackendApiError({ ...base, code: 'ERR_BACKEND_API_UNREACHABLE', cause: error });
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', onCallerAbort);
  }
}

async function readJson(response: Response): Promise<Parsed> {
  if (response.status === 204) return { ok: true, value: null };
  const text = await response.text();
  if (text === '') return { ok: false, error: new SyntaxError('empty body') };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, facts: Facts): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new BackendApiError({ ...facts, rateLimit: facts.rateLimit ?? null, code: 'ERR_BACKEND_API_ABORTED' }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, facts: Facts): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(new BackendApiError({ ...facts, rateLimit: facts.rateLimit ?? null, code: 'ERR_BACKEND_API_ABORTED' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function invalidOption(message: string): never {
  throw new BackendApiError({
    method: '',
    pathTemplate: '',
    retries: 0,
    rateLimit: null,
    code: 'ERR_BACKEND_API_INVALID_ARGUMENT',
    message: `Backend API client: ${message}`,
  });
}

function normaliseApiUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    invalidOption('the API URL (CLERK_API_URL / apiUrl) is not an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    invalidOption('the API URL (CLERK_API_URL / apiUrl) must use http or https.');
  }
  return url.href.replace(/\/+$/, '');
}

function buildUrl(apiUrl: string, version: string | null, req: BackendApiRequest, pathTemplate: string): string {
  const path = req.path.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = req.pathParams?.[name];
    if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
      throw new BackendApiError({
        method: req.method,
        pathTemplate,
        retries: 0,
        rateLimit: null,
        code: 'ERR_BACKEND_API_INVALID_ARGUMENT',
        message: `Backend API ${req.method} ${pathTemplate} was not sent: ${name} must be a non-empty string.`,
      });
    }
    return encodeURIComponent(value);
  });
  const url = new URL(`${apiUrl}${version ? `/${version}` : ''}${path}`);
  for (const [key, value] of Object.entries(req.query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  return url.href;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
