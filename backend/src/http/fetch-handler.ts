/**
 * The request pipeline in front of every handler: route match → request counter → credentials → rate limit →
 * injected faults → handler, with every failure in Clerk's error shape and rate-limit headers on limited routes.
 */
import { createHash } from 'node:crypto';
import type { BackendContext } from '../context.js';
import type { RateLimitDecision } from '../rate-limit/rate-limiter.js';
import { ApiError, unauthorized } from './api-error.js';
import { readBearer, sameSecret } from './bearer.js';
import { errorResponse } from './respond.js';
import { createRouteContext } from './route-context.js';
import type { Router } from './router.js';

export type FetchHandler = (req: Request) => Promise<Response>;

export function createFetchHandler(router: Router, ctx: BackendContext): FetchHandler {
  return async (req) => {
    const started = performance.now();
    const url = new URL(req.url);
    const result = router.match(req.method, url.pathname);
    if (result.kind === 'not_found') {
      return errorResponse(
        new ApiError(404, 'resource_not_found', 'not found', {
          longMessage: `No endpoint ${req.method} ${url.pathname}.`,
        }),
      );
    }
    if (result.kind === 'method_not_allowed') {
      return errorResponse(
        new ApiError(405, 'method_not_allowed', 'method not allowed', {
          longMessage: `${req.method} is not allowed on ${url.pathname}.`,
        }),
      );
    }
    const { route, params } = result.match;
    if (route.access !== 'admin') ctx.counters.record(route.name);
    const bearer = readBearer(req.headers);

    if ((route.access === 'secret_key' || route.access === 'admin') && !sameSecret(bearer, ctx.secretKey)) {
      return errorResponse(unauthorized());
    }

    let budget: RateLimitDecision | undefined;
    if (route.access === 'secret_key' || route.access === 'handler') {
      budget = ctx.rateLimiter.take(limitKey(bearer));
      if (budget && !budget.allowed) {
        const error = new ApiError(429, 'too_many_requests', 'Too many requests', {
          longMessage: `Too many requests: the limit is ${budget.limit} requests per window; retry after ${budget.resetSeconds} s.`,
          headers: { 'retry-after': String(budget.resetSeconds) },
        });
        return withBudget(errorResponse(error), budget);
      }
    }

    let response: Response;
    try {
      if (route.access !== 'admin') {
        const fault = ctx.faults.decide(route.name);
        if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
        if (fault.failWith !== undefined) {
          const limited = fault.failWith === 429;
          throw new ApiError(fault.failWith, limited ? 'too_many_requests' : 'injected_fault', 'Injected fault', {
            longMessage: `A fault injected through /__admin/faults answered ${route.name}.`,
            headers: fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {},
          });
        }
      }
      response = await route.handler(createRouteContext(req, url, route.name, params, bearer));
    } catch (error) {
      if (error instanceof ApiError) {
        response = errorResponse(error);
      } else {
        ctx.log(`error in ${route.name}: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown'}`);
        response = errorResponse(
          new ApiError(500, 'internal_clerk_error', 'Something went wrong', {
            longMessage: 'The local backend failed to handle this request; see its log.',
          }),
        );
      }
    }
    // Route templates only: no ids, emails or tokens reach the log.
    if (route.access !== 'admin')
      ctx.log(`${route.name} ${response.status} ${Math.round(performance.now() - started)}ms`);
    return budget ? withBudget(response, budget) : response;
  };
}

/** Budgets are per credential; a hash keeps secrets out of memory dumps of the limiter. */
function limitKey(bearer: string | undefined): string {
  return bearer === undefined ? 'anonymous' : createHash('sha256').update(bearer).digest('base64url');
}

function withBudget(response: Response, budget: RateLimitDecision): Response {
  const headers = new Headers(response.headers);
  headers.set('RateLimit-Limit', String(budget.limit));
  headers.set('RateLimit-Remaining', String(budget.remaining));
  headers.set('RateLimit-Reset', String(budget.resetSeconds));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
