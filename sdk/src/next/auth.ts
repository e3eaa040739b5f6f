/**
 * `auth()` and `auth.protect()` for Server Components, Route Handlers and
 * Server Actions. They read the state the middleware verified and signed —
 * no token is verified again and no network call is made (except
 * `getToken({ template })`).
 */
import { SpanName } from '@authlens/otel';
import type { AnyAuthObject } from '../any-auth-object.js';
import { recordAuth } from '../telemetry/auth-span.js';
import { failSpan } from '../telemetry/span-status.js';
import { authlensTracer } from '../telemetry/tracer.js';
import type { AuthFn, AuthOptions, RedirectOptions } from '../types.js';
import { resolveAuthObject } from './auth-objects.js';
import { throwRedirect } from './control-flow.js';
import type { HandoffState } from './handoff/handoff-state.js';
import { createProtect } from './protect.js';
import { authPageUrl, type RedirectContext } from './redirect-targets.js';
import { protectContext, requestState } from './render-context.js';

/** Session auth objects carry `redirectToSignIn/Up`; they throw Next's redirect and never return. */
export function withRedirects<T extends AnyAuthObject>(authObject: T, ctx: RedirectContext): T {
  if (authObject.tokenType !== 'session_token') return authObject;
  return Object.assign(authObject, {
    redirectToSignIn: (options: RedirectOptions = {}): never =>
      throwRedirect(authPageUrl('sign-in', ctx, options.returnBackUrl)),
    redirectToSignUp: (options: RedirectOptions = {}): never =>
      throwRedirect(authPageUrl('sign-up', ctx, options.returnBackUrl)),
  });
}

/** One `auth()` call in its `authlens.auth` span (render and middleware alike). */
export function tracedAuth(
  options: AuthOptions,
  resolve: () => Promise<{ state: HandoffState; authObject: AnyAuthObject }>,
): Promise<AnyAuthObject> {
  return authlensTracer().startActiveSpan(SpanName.auth, async (span) => {
    try {
      const { state, authObject } = await resolve();
      recordAuth(span, state, options, authObject);
      return authObject;
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

function authImpl(options: AuthOptions = {}): Promise<AnyAuthObject> {
  return tracedAuth(options, async () => {
    const state = await requestState('auth()');
    const ctx = protectContext(state);
    return { state, authObject: withRedirects(resolveAuthObject(state, options, ctx.deps), ctx.redirect) };
  });
}

export const auth = Object.assign(authImpl, {
  protect: createProtect(async () => protectContext(await requestState('auth.protect()'))),
}) as unknown as AuthFn;
