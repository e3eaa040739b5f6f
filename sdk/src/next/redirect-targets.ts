/**
 * Where redirects may go. A `returnBackUrl` must stay on the app's own origin
 * or an allowed one (no open redirects through `redirect_url`); the sign-in/up
 * pages themselves are configuration and may live elsewhere (Clerk's Account
 * Portal, the local backend's dev page).
 */
import { MissingSignInUrlError, RedirectNotAllowedError } from './errors.js';

export interface RedirectContext {
  /** The request URL the middleware saw. */
  requestUrl: string;
  signInUrl: string | null;
  signUpUrl: string | null;
  allowedRedirectOrigins: ReadonlyArray<string | RegExp>;
}

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** Is `origin` one of `allowedRedirectOrigins` (a string compared as an origin, a RegExp tested against it)? */
export function isListedOrigin(origin: string, allowedRedirectOrigins: ReadonlyArray<string | RegExp>): boolean {
  for (const allowed of allowedRedirectOrigins) {
    if (typeof allowed === 'string' ? originOf(allowed) === origin : allowed.test(origin)) return true;
  }
  return false;
}

export function isAllowedOrigin(url: URL, ctx: RedirectContext, extra: ReadonlyArray<string | null> = []): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const origin = url.origin;
  if (origin === new URL(ctx.requestUrl).origin) return true;
  if (isListedOrigin(origin, ctx.allowedRedirectOrigins)) return true;
  return extra.some((e) => e !== null && originOf(new URL(e, ctx.requestUrl).href) === origin);
}

/** A caller-given redirect target (`unauthenticatedUrl`, `unauthorizedUrl`), absolute, or a typed error. */
export function checkedRedirectTarget(target: string, ctx: RedirectContext, option: string): string {
  let url: URL;
  try {
    url = new URL(target, ctx.requestUrl);
  } catch {
    throw new RedirectNotAllowedError(option);
  }
  if (!isAllowedOrigin(url, ctx, [ctx.signInUrl, ctx.signUpUrl])) throw new RedirectNotAllowedError(option);
  return url.href;
}

/**
 * The sign-in (or sign-up) URL with `redirect_url`: the current request URL by
 * default, the given `returnBackUrl` (checked), or none when it is null.
 */
export function authPageUrl(
  which: 'sign-in' | 'sign-up',
  ctx: RedirectContext,
  returnBackUrl?: string | URL | null,
): string {
  const page = which === 'sign-in' ? ctx.signInUrl : ctx.signUpUrl;
  if (!page) throw new MissingSignInUrlError(which);
  const url = new URL(page, ctx.requestUrl);
  if (returnBackUrl !== null) {
    let back: URL;
    try {
      back = new URL(returnBackUrl === undefined ? ctx.requestUrl : String(returnBackUrl), ctx.requestUrl);
    } catch {
      throw new RedirectNotAllowedError('returnBackUrl');
    }
    if (!isAllowedOrigin(back, ctx)) throw new RedirectNotAllowedError('returnBackUrl');
    url.searchParams.set('redirect_url', back.href);
  }
  return url.href;
}
