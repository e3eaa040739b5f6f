/**
 * `currentUser()`: the signed-in user from the Backend API, or null. One
 * Backend API call per request however often it is called (a request-scoped
 * cache keyed by the signed request id), and concurrent requests for the same
 * user share one in-flight call (the client's GET coalescing).
 */
import type { CurrentUserOptions, User } from '../types.js';
import { renderBackendClient, requestState } from './render-context.js';
import { dedupeInRequest } from './request-cache.js';

export async function currentUser(options: CurrentUserOptions = {}): Promise<User | null> {
  const state = await requestState('currentUser()');
  const session = state.auth?.tokenType === 'session_token' ? state.auth : null;
  if (!session) return null;
  if (options.treatPendingAsSignedOut && session.sessionStatus === 'pending') return null;
  const { userId } = session;
  return dedupeInRequest(state.requestId, `user:${userId}`, () => renderBackendClient().getUser(userId)).value;
}
