/**
 * Test and operator endpoints under `/__admin` (instance secret key; not counted, no faults, not rate limited).
 */
import type { BackendContext } from '../context.js';
import { paramInvalid } from '../http/api-error.js';
import { optionalBoolean, optionalInteger, requiredString } from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { Fault } from './faults.js';

export function registerAdminRoutes(router: Router, ctx: BackendContext): void {
  const admin = { access: 'admin', unversioned: true } as const;

  router.get('/__admin/counters', () => json({ counts: ctx.counters.snapshot() }), admin);
  router.post(
    '/__admin/counters/reset',
    () => {
      ctx.counters.reset();
      return json({ counts: {} });
    },
    admin,
  );

  router.get('/__admin/faults', () => json({ faults: ctx.faults.list() }), admin);
  router.put(
    '/__admin/faults',
    async (c) => {
      const body = await c.body();
      const fault: Fault = { route: normaliseRouteName(requiredString(body, 'route')) };
      const latencyMs = optionalInteger(body, 'latencyMs', 0);
      if (latencyMs !== undefined) fault.latencyMs = latencyMs;
      const errorRate = body.errorRate;
      if (errorRate !== undefined && errorRate !== null) {
        if (typeof errorRate !== 'number' || errorRate < 0 || errorRate > 1) {
          throw paramInvalid('errorRate', 'expected a number between 0 and 1');
        }
        fault.errorRate = errorRate;
      }
      const status = optionalInteger(body, 'status', 400);
      if (status !== undefined) {
        if (status > 599) throw paramInvalid('status', 'expected an HTTP error status (400..599)');
        fault.status = status;
      }
      const times = optionalInteger(body, 'times', 1);
      if (times !== undefined) fault.times = times;
      const retryAfter = optionalInteger(body, 'retryAfterSeconds', 0);
      if (retryAfter !== undefined) fault.retryAfterSeconds = retryAfter;
      ctx.faults.set(fault);
      return json({ faults: ctx.faults.list() });
    },
    admin,
  );
  router.delete(
    '/__admin/faults',
    () => {
      ctx.faults.clear();
      return json({ faults: [] });
    },
    admin,
  );

  router.post(
    '/__admin/keys/rotate',
    async (c) => {
      const body = await c.body();
      const overlapSeconds = optionalInteger(body, 'overlapSeconds', 0);
      const { kid, retiredKid } = await ctx.keys.rotate(
        overlapSeconds === undefined ? ctx.keyOverlapMs : overlapSeconds * 1000,
      );
      return json({ kid, retired_kid: retiredKid ?? null, jwt_key: ctx.keys.current().publicPem });
    },
    admin,
  );

  router.put(
    '/__admin/rate-limit',
    async (c) => {
      const body = await c.body();
      if (optionalBoolean(body, 'off') === true) {
        ctx.rateLimiter.configure('off');
        return json({ rate_limit: 'off' });
      }
      const limit = optionalInteger(body, 'limit', 1);
      const windowSeconds = optionalInteger(body, 'windowSeconds', 1);
      if (limit === undefined) throw paramInvalid('limit', 'expected { limit, windowSeconds } or { off: true }');
      if (windowSeconds === undefined) throw paramInvalid('windowSeconds', 'expected an integer >= 1');
      ctx.rateLimiter.configure({ limit, windowSeconds });
      return json({ rate_limit: { limit, windowSeconds } });
    },
    admin,
  );
}

/** `GET /users/{user_id}` and `GET /v1/users/{user_id}` name the same route; `*` means every route. */
function normaliseRouteName(route: string): string {
  if (route === '*') return route;
  const match = /^([A-Za-z]+)\s+(\S+)$/.exec(route.trim());
  if (!match) throw paramInvalid('route', 'expected "METHOD /path/{param}" or "*"');
  const method = match[1]!.toUpperCase();
  const path = match[2]!;
  if (path.startsWith('/v1/') || path.startsWith('/__') || path.startsWith('/sign-')) return `${method} ${path}`;
  return `${method} /v1${path}`;
}
