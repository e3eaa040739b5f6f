/**
 * What `auth()`, `auth.protect()` and `currentUser()` share in the render:
 * the verified handoff of this request (read through `next/headers`), and the
 * dependencies built from the render's environment.
 */
import { headers } from 'next/headers';
import { createHas } from '../authorization/index.js';
import { resolveRenderConfig } from '../config.js';
import type { AuthObjectDeps } from './auth-objects.js';
import { backendClientFor } from './backend-clients.js';
import { AuthMiddlewareMissingError } from './errors.js';
import { handoffKey } from './handoff/handoff-key.js';
import { HANDOFF_HEADER, type HandoffState } from './handoff/handoff-state.js';
import { verifyHandoff } from './handoff/verify-handoff.js';
import type { ProtectContext } from './protect.js';

/** The verified auth state the middleware handed to this request; a typed error when there is none. */
export async function requestState(caller: string): Promise<HandoffState> {
  const value = (await headers()).get(HANDOFF_HEADER);
  if (!value) throw new AuthMiddlewareMissingError(caller);
  return verifyHandoff(value, handoffKey(resolveRenderConfig().secretKey));
}

export function renderBackendClient() {
  const { secretKey, apiUrl } = resolveRenderConfig();
  return backendClientFor(secretKey, apiUrl);
}

export function authObjectDeps(): AuthObjectDeps {
  return {
    createHas,
    mintToken: (sessionId, template, expiresInSeconds) =>
      renderBackendClient().getSessionToken(sessionId, template, { expiresInSeconds }),
  };
}

export function protectContext(state: HandoffState, deps: AuthObjectDeps = authObjectDeps()): ProtectContext {
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
