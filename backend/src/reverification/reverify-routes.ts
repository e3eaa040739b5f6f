/**
 * The re-verify page (`/reverify`): the signed-in user (the `__session` cookie names the session) verifies again, the
 * session's factor times move to now, and the page sets a fresh session token — whose `fva` shows it — before
 * 303-redirecting to `redirect_url` (only to an allowed origin, like the sign-in page).
 */
import { cookieSuffix, readSuffixedOrPlain, SESSION_COOKIE, signedInCookies } from '../clients/frontend-cookies.js';
import type { BackendContext } from '../context.js';
import type { RouteContext } from '../http/route-context.js';
import type { Router } from '../http/router.js';
import { canMintTokens, effectiveStatus, SESSIONS, type SessionRecord } from '../sessions/session-record.js';
import { coreSessionIssuer } from '../sign-in/core-session-issuer.js';
import { formOriginAccepted } from '../sign-in/form-origin.js';
import { htmlDocument, htmlResponse } from '../sign-in/html.js';
import { alignLoopbackHost } from '../sign-in/loopback-host.js';
import { normaliseOrigins, RedirectTargetError, resolveRedirectTarget } from '../sign-in/redirect-target.js';
import { renderProblemPage } from '../sign-in/sign-in-page.js';
import { signedSessionId } from '../sign-in/signed-session-id.js';
import { USERS, type UserRecord } from '../users/user-record.js';
import { checkFactors } from './check-factors.js';
import { factorsToVerify, readLevel } from './factors-to-verify.js';
import { recordReverification } from './record-reverification.js';
import { renderReverifyPage } from './reverify-page.js';

export interface ReverifyOptions {
  /** Lifetime of the session token set after re-verifying (the sign-in page's). */
  tokenLifetimeSeconds: number;
}

function displayName(user: UserRecord): string {
  return [user.first_name, user.last_name].filter((p) => p).join(' ') || user.username || user.id;
}

export function registerReverifyRoutes(router: Router, ctx: BackendContext, options: ReverifyOptions): void {
  const allowed = normaliseOrigins(ctx.allowedOrigins);
  const issuer = coreSessionIssuer(ctx);
  const page = { access: 'public', unversioned: true } as const;

  const problem = (title: string, code: string, message: string, status: number) =>
    htmlResponse(renderProblemPage(title, code, message), status);

  /** The signed-in session and its user, from the cookie; null when signed out or the session has ended. */
  const signedIn = (req: Request): { session: SessionRecord; user: UserRecord } | null => {
    const token = readSuffixedOrPlain(req.headers.get('cookie'), SESSION_COOKIE, cookieSuffix(ctx.publishableKey));
    const named = token ? signedSessionId(token, ctx.keys.published()) : null;
    const session = named ? ctx.store.get<SessionRecord>(SESSIONS, named.sessionId) : undefined;
    const user = session ? ctx.store.get<UserRecord>(USERS, session.user_id) : undefined;
    if (!session || !user || !canMintTokens(effectiveStatus(session, ctx.clock()))) return null;
    return { session, user };
  };

  /** Parses `redirect_url` (null when absent); a refused one is answered with the 400 page. */
  const redirectTarget = (c: RouteContext): { url: URL | null; raw: string | null } | Response => {
    const raw = c.url.searchParams.get('redirect_url');
    if (raw === null) return { url: null, raw };
    try {
      return { url: resolveRedirectTarget(raw, allowed), raw };
    } catch (error) {
      if (error instanceof RedirectTargetError) return problem('Redirect refused', error.code, error.message, 400);
      throw error;
    }
  };

  const signedOut = () =>
    problem(
      'Not signed in',
      'ERR_REVERIFY_SIGNED_OUT',
      'There is no active session here to verify: sign in first (on this host name, where the app reads its cookies).',
      401,
    );

  router.get(
    '/reverify',
    (c) => {
      const target = redirectTarget(c);
      if (target instanceof Response) return target;
      // The cookie lives on the app's host name: read it there.
      const aligned = target.url && alignLoopbackHost(c.url, target.url);
      if (aligned)
        return new Response(null, { status: 302, headers: { Location: aligned.href, 'Cache-Control': 'no-store' } });
      const current = signedIn(c.req);
      if (!current) return signedOut();
      const level = readLevel(c.url.searchParams.get('level'));
      return htmlResponse(
        renderReverifyPage({
          displayName: displayName(current.user),
          level,
          factors: factorsToVerify(level, current.user, current.session),
          redirectUrl: target.raw,
        }),
      );
    },
    page,
  );

  router.post(
    '/reverify',
    async (c) => {
      // Like the sign-in form: only this backend's own pages or an allowed origin may post it.
      if (!formOriginAccepted(c.req, { ownOrigins: [c.url.origin, ctx.url()], allowedOrigins: allowed })) {
        return problem(
          'Cross-site request refused',
          'ERR_CROSS_SITE_FORM',
          'This form can only be submitted from this backend’s own pages or an allowed origin (--allowed-origin).',
          403,
        );
      }
      const target = redirectTarget(c);
      if (target instanceof Response) return target;
      const current = signedIn(c.req);
      if (!current) return signedOut();
      if (!(c.req.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
        return problem(
          'Bad form',
          'ERR_REVERIFY_FORM_INVALID',
          'Submit the form as application/x-www-form-urlencoded.',
          400,
        );
      }
      const form = new URLSearchParams(await c.req.text());
      const level = readLevel(c.url.searchParams.get('level'));
      const factors = factorsToVerify(level, current.user, current.session);
      const failed = await checkFactors(factors, current.user, form);
      if (failed) {
        return htmlResponse(
          renderReverifyPage({
            displayName: displayName(current.user),
            level,
            factors,
            redirectUrl: target.raw,
            error: { code: failed.code, message: failed.message },
          }),
          failed.status,
        );
      }
      if (!(await recordReverification(ctx, current.session.id, factors))) return signedOut();
      const token = await issuer.mintToken(current.session.id, options.tokenLifetimeSeconds);
      const cookies = signedInCookies(
        token,
        Math.floor(ctx.clock() / 1000),
        cookieSuffix(ctx.publishableKey),
        ctx.url().startsWith('https:'),
      );
      ctx.log(`reverify page: session ${current.session.id} verified ${level}`);
      const response = target.url
        ? new Response(null, { status: 303, headers: { Location: target.url.href, 'Cache-Control': 'no-store' } })
        : htmlResponse(
            htmlDocument(
              'Verified — authlens local backend',
              '<main><h1>Verified</h1><p>The session’s factors are verified again; its new token is in the <code>__session</code> cookie.</p></main>',
            ),
          );
      for (const cookie of cookies) response.headers.append('Set-Cookie', cookie);
      return response;
    },
    page,
  );
}
