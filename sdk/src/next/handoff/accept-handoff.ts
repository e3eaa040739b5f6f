/**
 * Whether a verified handoff may serve this request: made for it (method, path, search), recent, and its credential
 * still unexpired. Checked on each request that reads it (not cached with the signature), so a value replayed on
 * another request is judged against that request. Hardening finding 3.
 */
import { HandoffInvalidError } from '../errors.js';
import type { HandoffState } from './handoff-state.js';
import { canonicalSearch, type HandoffRequest } from './request-binding.js';

/**
 * How long after the middleware signed it the render may first read a handoff. A render reads it within
 * milliseconds; the margin covers `next dev` compiling the route on a first visit and a Server Action's request body
 * arriving before the action runs. Later reads within the same request reuse the first (render-context.ts), so a long
 * streaming render is not cut off.
 */
export const HANDOFF_MAX_AGE_MS = 60 * 1000;
/** Middleware and render may run on different hosts (an Edge middleware): tolerate a clock ahead by this much. */
const FUTURE_TOLERANCE_MS = 60 * 1000;

/** When the carried credential expires, epoch ms; null when there is none or it has no expiry. */
function credentialExpiry(state: HandoffState): number | null {
  const auth = state.auth;
  if (!auth) return null;
  // A session the middleware verified has a numeric exp; anything else counts as expired (0).
  if (auth.tokenType === 'session_token') return Number.isFinite(auth.claims.exp) ? auth.claims.exp * 1000 : 0;
  return auth.expiration;
}

export function acceptHandoff(state: HandoffState, request: HandoffRequest, now: number): HandoffState {
  if (now - state.issuedAt > HANDOFF_MAX_AGE_MS || state.issuedAt - now > FUTURE_TOLERANCE_MS) {
    throw new HandoffInvalidError('stale');
  }
  const bound = state.request;
  if (
    bound.path !== request.path ||
    bound.search !== canonicalSearch(request.search) ||
    (request.method !== null && bound.method !== request.method)
  ) {
    throw new HandoffInvalidError('request_mismatch');
  }
  const expiry = credentialExpiry(state);
  if (expiry !== null && now > expiry + state.clockSkewInMs) throw new HandoffInvalidError('token_expired');
  return state;
}
