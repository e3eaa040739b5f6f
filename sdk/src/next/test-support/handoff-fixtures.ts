/** States the handoff and auth-object tests share: a request's handoff state and a verified M2M caller. */
import type { MachineAuthState } from '../../auth-state.js';
import type { HandoffState } from '../handoff/handoff-state.js';
import { newRequestId } from '../handoff/sign-handoff.js';

/** A verified M2M token's state, as the middleware hands it over. */
export const m2mState: MachineAuthState = {
  tokenType: 'm2m_token',
  id: 'mt_1',
  subject: 'mch_1',
  name: null,
  scopes: ['mch_2'],
  claims: { a: 1 },
  userId: null,
  orgId: null,
  clientId: null,
  expiration: null,
};

/** The request the fixtures' handoffs are made for, as the render sees it. */
export const boundRequest = { method: 'GET', path: '/dashboard', search: 'x=1' };

/** A handoff state for a document request to {@link boundRequest} carrying `token`, signed now. */
export function handoffState(token: string, over: Partial<HandoffState> = {}): HandoffState {
  return {
    requestId: newRequestId(),
    issuedAt: Date.now(),
    url: 'http://app.test/dashboard?x=1',
    request: boundRequest,
    clockSkewInMs: 5000,
    kind: 'document',
    token,
    tokenSource: 'cookie',
    tokenType: 'session_token',
    auth: null,
    reason: null,
    signInUrl: 'http://backend.test/sign-in',
    signUpUrl: null,
    allowedRedirectOrigins: ['https://ok.test', /^https:\/\/.*\.ok\.test$/i],
    ...over,
  };
}
