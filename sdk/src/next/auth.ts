/**
 * `auth()` and `auth.protect()` for Server Components, Route Handlers and
 * Server Actions. They read the state the middleware verified and signed —
 * no token is verified again and no network call is made (except
 * `getToken({ template })`).
 */
import type { AuthFn, AuthOptions, RedirectOptions } from '../types.js';
import { type AnyAuthObject, resolveAuthObject } from './auth-objects.js';
import { throwRedirect } from './control-flow.js';
import { createProtect } from './protect.js';
import { authPageUrl, type RedirectContext } from './redirect-targets.js';
import { authObjectDeps, protectContext, requestState } from './render-context.js';

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

async function authImpl(options: AuthOptions = {}): Promise<AnyAuthObject> {
  const state = await requestState('auth()');
  const ctx = protectContext(state);
  return withRedirects(resolveAuthObject(state, options, ctx.deps), ctx.redirect);
}

export const auth = Object.assign(authImpl, {
  protect: createProtect(async () => protectContext(await requestState('auth.protect()'), authObjectDeps())),
}) as unknown as AuthFn;
