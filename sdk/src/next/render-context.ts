/**
 * What `auth()`, `auth.protect()` and `currentUser()` share in the render:
 * the verified handoff of this request (read through `next/headers`), and the
 * dependencies built from the render's environment.
 */
import { headers } from 'next/headers';
import { createHas } from '../authorization/index.js';
import { encryptionKeyFromEnv, handoffSecretFromEnv, MissingSecretKeyError, resolveRenderConfig } from '../config.js';
import type { AuthObjectDeps } from './auth-objects.js';
import { backendClientFor } from './backend-clients.js';
import { AuthMiddlewareMissingError, HandoffInvalidError, MissingEncryptionKeyError } from './errors.js';
import { handoffKey } from './handoff/handoff-key.js';
import { HANDOFF_HEADER, type HandoffState } from './handoff/handoff-state.js';
import { type InstanceKeys, openInstanceKeysCached } from './handoff/instance-keys.js';
import { verifyHandoff } from './handoff/verify-handoff.js';
import type { ProtectContext } from './protect.js';
import { renderRequest } from './render-request.js';

/** Per Next request store: the handoff it accepted, so later reads in a long (streaming) render are not re-judged. */
const accepted = new WeakMap<object, { value: string; state: Promise<HandoffState> }>();

/**
 * The handoff `value` verified and accepted for the request being rendered (made for it, fresh, credential
 * unexpired); the first read of a request decides, later reads reuse it.
 */
export function acceptedHandoff(value: string, secret: string): Promise<HandoffState> {
  const render = renderRequest();
  // Next did not say which request this is: nothing to bind to, so nothing is trusted.
  if (!render) return Promise.reject(new HandoffInvalidError('request_mismatch'));
  const kept = accepted.get(render.store);
  if (kept?.value === value) return kept.state;
  const state = verifyHandoff(value, handoffKey(secret), render.request);
  accepted.set(render.store, { value, state });
  return state;
}

/** The verified auth state the middleware handed to this request; a typed error when there is none. */
export async function requestState(caller: string): Promise<HandoffState> {
  const value = (await headers()).get(HANDOFF_HEADER);
  if (!value) throw new AuthMiddlewareMissingError(caller);
  const secret = handoffSecretFromEnv();
  if (!secret) {
    throw new MissingSecretKeyError(
      `${caller} in the render`,
      'Set CLERK_SECRET_KEY in its environment (or CLERK_ENCRYPTION_KEY when clerkMiddleware() gets its keys as options).',
    );
  }
  return acceptedHandoff(value, secret);
}

/**
 * The Backend API keys for this request: the instance keys the middleware sealed for it (keys given to
 * clerkMiddleware() as options), else the render's `CLERK_SECRET_KEY` / `CLERK_API_URL`.
 */
export async function renderBackendKeys(state: HandoffState): Promise<InstanceKeys> {
  if (state.sealedKeys) {
    const encryptionKey = encryptionKeyFromEnv();
    if (!encryptionKey) throw new HandoffInvalidError('undecryptable_keys');
    return openInstanceKeysCached(state.sealedKeys, encryptionKey);
  }
  if (state.keysWithheld) throw new MissingEncryptionKeyError();
  return resolveRenderConfig();
}

export async function renderBackendClient(state: HandoffState) {
  const { secretKey, apiUrl } = await renderBackendKeys(state);
  return backendClientFor(secretKey, apiUrl);
}

export function authObjectDeps(state: HandoffState): AuthObjectDeps {
  return {
    createHas,
    mintToken: async (sessionId, template, expiresInSeconds) =>
      (await renderBackendClient(state)).getSessionToken(sessionId, template, { expiresInSeconds }),
  };
}

export function protectContext(state: HandoffState, deps: AuthObjectDeps = authObjectDeps(state)): ProtectContext {
  return {
    request: state,
    redirect: {
      requestUrl: state.url,
      signInUrl: state.signInUrl,
      signUpUrl: state.signUpUrl,
      allowedRedirectOrigins: state.allowedRedirectOrigins,
    },
    deps,
  };
}
