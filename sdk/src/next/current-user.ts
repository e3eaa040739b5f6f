/**
 * `currentUser()`: the signed-in user from the Backend API, or null. One
 * Backend API call per request however often it is called (a request-scoped
 * cache keyed by the signed request id), and concurrent requests for the same
 * user share one in-flight call (the client's GET coalescing). With the user
 * cache on (`AUTHLENS_USER_CACHE_TTL`), a user fetched moments ago — on any
 * server, when they share a Redis — costs no call. Traced as
 * `authlens.current_user` with how the call was served: hit (the request's
 * result was there), joined (waited for a call of this request or another
 * still in flight) or miss.
 */
import { AttributeName, DedupeResult, SpanName } from '@authlens/otel';
import { fleetSettings } from '../fleet/fleet-settings.js';
import { pendingPolicyOf } from '../telemetry/auth-span.js';
import { recordCurrentUser, recordUserName } from '../telemetry/current-user-span.js';
import { linkToMiddleware } from '../telemetry/render-link.js';
import { failSpan } from '../telemetry/span-status.js';
import { authlensTracer } from '../telemetry/tracer.js';
import type { CurrentUserOptions, User } from '../types.js';
import { renderBackendClient, requestState } from './render-context.js';
import { dedupeInRequest } from './request-cache.js';

// The cache attributes only mean something when the user cache is on.
const cacheOn = () => fleetSettings().userCacheTtlMs > 0;

export function currentUser(options: CurrentUserOptions = {}): Promise<User | null> {
  return authlensTracer().startActiveSpan(SpanName.currentUser, async (span) => {
    try {
      const state = await requestState('currentUser()');
      const session = state.auth?.tokenType === 'session_token' ? state.auth : null;
      const signedOut = !session || (options.treatPendingAsSignedOut && session.sessionStatus === 'pending');
      const userId = signedOut ? null : session.userId;
      const record = (dedupe: DedupeResult | null) =>
        recordCurrentUser(
          span,
          state.requestId,
          userId,
          dedupe,
          pendingPolicyOf(options.treatPendingAsSignedOut),
          (s) => linkToMiddleware(s, state.traceParent),
        );
      if (userId === null) {
        record(null);
        return null;
      }
      const { value, hit, joined } = dedupeInRequest(state.requestId, `user:${userId}`, () =>
        renderBackendClient(state).then((client) => client.getCachedUser(userId)),
      );
      if (hit) {
        // Another call of this request was still loading the user: this one waited for its result.
        record(joined ? DedupeResult.joined : DedupeResult.hit);
        const { data } = await value;
        recordUserName(span, data);
        return data;
      }
      // A miss for this request may still join another request's call for the same user already in flight.
      const result = await value;
      record(result.meta?.coalesced ? DedupeResult.joined : DedupeResult.miss);
      recordUserName(span, result.data);
      if (cacheOn() && span.isRecording()) {
        span.setAttribute(AttributeName.userCacheHit, result.cacheHit);
        span.setAttribute(AttributeName.storeScope, result.scope);
      }
      return result.data;
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
