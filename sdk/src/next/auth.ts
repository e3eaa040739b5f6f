/**
 * `auth()` and `auth.protect()` for Server Components, Route Handlers and
 * Server Actions. They read the state the middleware verified and signed —
 * no token is verified again and no network call is made (except
 * `getToken({ template })`).
 */
import { SpanName } from '@authlens/otel';
import type { AnyAuthObject } from '../any-auth-object.js';
import { authReason, recordAuth } from '../telemetry/auth-span.js';
import { type RedirectingRequest, recordRedirect } from '../telemetry/redirect-span.js';
import { failSpan } from '../telemetry/span-status.js';
import { authlensTracer, tracingRegistered } from '../telemetry/tracer.js';
import type { AuthFn, AuthOptions, RedirectOptions } from '../types.js';
import { resolveAuthObject } from './auth-objects.js';
import { controlFlowOf, throwRedirect } from './control-flow.js';
import type { HandoffState } from './handoff/handoff-state.js';
import { createProtect } from './protect.js';
import { authPageUrl, type RedirectContext } from './redirect-targets.js';
import { protectContext, requestState } from './render-context.js';

/** One `redirectToSignIn/Up()` in its `authlens.redirect` span: where it sent the browser, and why. */
function tracedRedirect(
  page: 'sign-in' | 'sign-up',
  ctx: RedirectContext,
  request: RedirectingRequest,
  returnBackUrl: RedirectOptions['returnBackUrl'],
): never {
  return authlensTracer().startActiveSpan(SpanName.redirect, (span) => {
    try {
      throwRedirect(authPageUrl(page, ctx, returnBackUrl));
    } catch (error) {
      const control = controlFlowOf(error);
      if (control?.type === 'redirect') recordRedirect(span, request, page, control.status, control.url);
      else failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Session auth objects carry `redirectToSignIn/Up`; they throw Next's redirect and never return. */
export function withRedirects<T extends AnyAuthObject>(
  authObject: T,
  ctx: RedirectContext,
  state: HandoffState,
  options: AuthOptions,
): T {
  if (authObject.tokenType !== 'session_token') return authObject;
  const request = (): RedirectingRequest => ({
    requestId: state.requestId,
    kind: state.kind,
    tokenType: state.tokenType,
    reason: authReason(state, authObject, options.treatPendingAsSignedOut ?? false),
    traceParent: state.traceParent,
  });
  return Object.assign(authObject, {
    redirectToSignIn: (redirect: RedirectOptions = {}): never =>
      tracedRedirect('sign-in', ctx, request(), redirect.returnBackUrl),
    redirectToSignUp: (redirect: RedirectOptions = {}): never =>
      tracedRedirect('sign-up', ctx, request(), redirect.returnBackUrl),
  });
}

/** One `auth()` call in its `authlens.auth` span (render and middleware alike). */
export function tracedAuth(
  options: AuthOptions,
  resolve: () => Promise<{ state: HandoffState; authObject: AnyAuthObject }>,
): Promise<AnyAuthObject> {
  // No tracer provider: the span would record nothing (recordAuth records spans only), so none is made.
  if (!tracingRegistered()) return resolve().then(({ authObject }) => authObject);
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
    return {
      state,
      authObject: withRedirects(resolveAuthObject(state, options, ctx.deps), ctx.redirect, state, options),
    };
  });
}

export const auth = Object.assign(authImpl, {
  protect: createProtect(async () => protectContext(await requestState('auth.protect()'))),
}) as unknown as AuthFn;
