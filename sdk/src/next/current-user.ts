/**
 * `currentUser()`: the signed-in user from the Backend API, or null. One
 * Backend API call per request however often it is called (a request-scoped
 * cache keyed by the signed request id), and concurrent requests for the same
 * user share one in-flight call (the client's GET coalescing). Traced as
 * `authlens.current_user` with how the call was served (hit / joined / miss).
 */
import { DedupeResult, SpanName } from '@authlens/otel';
import { pendingPolicyOf } from '../telemetry/auth-span.js';
import { recordCurrentUser, recordUserName } from '../telemetry/current-user-span.js';
import { linkToMiddleware } from '../telemetry/render-link.js';
import { failSpan } from '../telemetry/span-status.js';
import { authlensTracer } from '../telemetry/tracer.js';
import type { CurrentUserOptions, User } from '../types.js';
import { renderBackendClient, requestState } from './render-context.js';
import { dedupeInRequest } from './request-cache.js';

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
      const { value, hit } = dedupeInRequest(state.requestId, `user:${userId}`, () =>
        renderBackendClient(state).then((client) => client.getUserResult(userId)),
      );
      if (hit) {
        record(DedupeResult.hit);
        const { data } = await value;
        recordUserName(span, data);
        return data;
      }
      // A miss for this request may still join another request's call for the same user already in flight.
      const result = await value;
      record(result.meta.coalesced ? DedupeResult.joined : DedupeResult.miss);
      recordUserName(span, result.data);
      return result.data;
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
