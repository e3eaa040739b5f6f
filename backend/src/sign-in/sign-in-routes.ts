/**
 * The dev sign-in and sign-out pages (`/sign-in`, `/sign-up`, `/sign-out`; HTML, no JavaScript). Signing in creates
 * a session with the chosen options in the browser's client, mints a session token and hands it over as Clerk's
 * frontend would: `__client` (HttpOnly), `__session`, `__client_uat` and the dev browser's `__clerk_db_jwt`, then
 * 303-redirects to `redirect_url` — only when its origin is an allowed origin.
 */
import { findBrowserClient, planSignInClient } from '../clients/browser-client.js';
import {
  CLIENT_COOKIE,
  clientCookie,
  cookieSuffix,
  DEV_BROWSER_COOKIE,
  devBrowserCookies,
  readCookie,
  readSuffixedOrPlain,
  SESSION_COOKIE,
  signedInCookies,
  signedOutCookies,
} from '../clients/frontend-cookies.js';
import { DEFAULT_FRONTEND_TOKEN_SECONDS, MAX_FRONTEND_TOKEN_SECONDS } from '../clients/token-lifetime.js';
import type { BackendContext } from '../context.js';
import { ApiError } from '../http/api-error.js';
import type { RouteContext } from '../http/route-context.js';
import type { Router } from '../http/router.js';
import {
  MEMBERSHIPS,
  type MembershipRecord,
  ORGANIZATIONS,
  type OrganizationRecord,
} from '../organizations/organization-record.js';
import { SESSIONS, type SessionRecord } from '../sessions/session-record.js';
import { assertCanSignIn } from '../users/assert-can-sign-in.js';
import { readUserInput } from '../users/user-input.js';
import { USERS, type UserRecord } from '../users/user-record.js';
import { insertUser } from '../users/write-user.js';
import { formOriginAccepted } from './form-origin.js';
import { escapeHtml, htmlDocument, htmlResponse } from './html.js';
import { alignLoopbackHost } from './loopback-host.js';
import { normaliseOrigins, RedirectTargetError, resolveRedirectTarget } from './redirect-target.js';
import type { SessionIssuer } from './session-issuer.js';
import {
  FIRST_FACTOR_AGE_BY_DEFAULT,
  organizationByDefault,
  pendingByDefault,
  secondFactorAgeByDefault,
} from './sign-in-defaults.js';
import { parseSignInForm, SignInFormError, type SignInRequest } from './sign-in-form.js';
import {
  renderProblemPage,
  renderSignInPage,
  type SignInOrganizationChoice,
  type SignInUserChoice,
} from './sign-in-page.js';
import { renderSignOutPage } from './sign-out-page.js';
import { renderSignUpPage } from './sign-up-page.js';
import { signedSessionId } from './signed-session-id.js';

/** Lifetime of the session token put in the cookie: Clerk's 60 s; the handshake replaces it when it expires. */
export const DEFAULT_SIGN_IN_TOKEN_SECONDS = DEFAULT_FRONTEND_TOKEN_SECONDS;
const MAX_SIGN_IN_TOKEN_SECONDS = MAX_FRONTEND_TOKEN_SECONDS;

export interface SignInOptions {
  /** Overrides {@link DEFAULT_SIGN_IN_TOKEN_SECONDS}. */
  tokenLifetimeSeconds?: number;
}

function displayName(user: UserRecord): string {
  const name = [user.first_name, user.last_name].filter((p) => p).join(' ');
  return name || user.username || user.id;
}

/** The organizations a user belongs to, with their role, in membership order. */
function userOrganizations(ctx: BackendContext, userId: string): SignInOrganizationChoice[] {
  return ctx.store
    .list<MembershipRecord>(MEMBERSHIPS)
    .filter((m) => m.user_id === userId)
    .flatMap((m) => {
      const org = ctx.store.get<OrganizationRecord>(ORGANIZATIONS, m.organization_id);
      return org ? [{ id: org.id, name: org.name, role: m.role }] : [];
    });
}

function userChoices(ctx: BackendContext): SignInUserChoice[] {
  return ctx.store.list<UserRecord>(USERS).map((user) => ({
    id: user.id,
    username: user.username,
    displayName: displayName(user),
    banned: user.banned,
    twoFactorEnabled: user.totp_enabled || user.backup_code_enabled,
    organizations: userOrganizations(ctx, user.id),
  }));
}

async function readForm(req: Request): Promise<URLSearchParams> {
  const type = req.headers.get('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(await req.text());
  if (type.startsWith('multipart/form-data')) {
    const out = new URLSearchParams();
    for (const [name, value] of await req.formData()) if (typeof value === 'string') out.append(name, value);
    return out;
  }
  throw new SignInFormError('content-type', 'submit the form as application/x-www-form-urlencoded');
}

/** A Response carrying several Set-Cookie headers. */
function withCookies(response: Response, cookies: readonly string[]): Response {
  for (const cookie of cookies) response.headers.append('Set-Cookie', cookie);
  return response;
}

/**
 * Login/logout CSRF guard (Hardening finding 7): a form is accepted only with an `Origin` that is this backend or an
 * allowed origin. Another site, another port of the same host, and a request with no `Origin` are refused before
 * anything is read or written.
 */
function refuseForeignOrigin(c: RouteContext, ctx: BackendContext, allowed: ReadonlySet<string>): Response | null {
  if (formOriginAccepted(c.req, { ownOrigins: [c.url.origin, ctx.url()], allowedOrigins: allowed })) return null;
  return htmlResponse(
    renderProblemPage(
      'Cross-site request refused',
      'ERR_CROSS_SITE_FORM',
      'This form can only be submitted from this backend’s own pages or an allowed origin (--allowed-origin).',
    ),
    403,
  );
}

function seeOther(location: URL, cookies: readonly string[]): Response {
  return withCookies(
    new Response(null, { status: 303, headers: { Location: location.href, 'Cache-Control': 'no-store' } }),
    cookies,
  );
}

export function registerSignInRoutes(
  router: Router,
  ctx: BackendContext,
  issuer: SessionIssuer,
  options: SignInOptions = {},
): void {
  const allowed = normaliseOrigins(ctx.allowedOrigins);
  const defaultLifetime = options.tokenLifetimeSeconds ?? DEFAULT_SIGN_IN_TOKEN_SECONDS;
  const page = { access: 'public', unversioned: true } as const;

  /** The redirect target, or null when none was asked for; throws RedirectTargetError when refused. */
  const target = (redirectUrl: string | null): URL | null =>
    redirectUrl === null ? null : resolveRedirectTarget(redirectUrl, allowed);

  const refusedRedirect = (error: RedirectTargetError): Response =>
    htmlResponse(renderProblemPage('Redirect refused', error.code, error.message), 400);

  /** The redirect target (null when none was asked for), or the 400 page that refuses it. */
  const targetOrRefusal = (redirectUrl: string | null): URL | null | Response => {
    try {
      return target(redirectUrl);
    } catch (error) {
      if (error instanceof RedirectTargetError) return refusedRedirect(error);
      throw error;
    }
  };

  const secureCookies = () => ctx.url().startsWith('https:');
  const suffix = () => cookieSuffix(ctx.publishableKey);
  const refused = (c: RouteContext) => refuseForeignOrigin(c, ctx, allowed);

  const showSignIn = (redirectUrl: string | null, status = 200, error?: { code: string; message: string }) =>
    htmlResponse(
      renderSignInPage({ users: userChoices(ctx), redirectUrl, error, defaultTokenLifetimeSeconds: defaultLifetime }),
      status,
    );

  /** Moves a GET page to the app's loopback host name first, so the cookies it sets reach the app. */
  const alignedPage = (c: RouteContext, redirectTo: URL | null): Response | null => {
    const aligned = redirectTo && alignLoopbackHost(c.url, redirectTo);
    return aligned
      ? new Response(null, { status: 302, headers: { Location: aligned.href, 'Cache-Control': 'no-store' } })
      : null;
  };

  /** A GET page that checks its redirect_url up front. */
  const getPage = (c: RouteContext, render: (redirectUrl: string | null) => Response): Response => {
    const redirectUrl = c.url.searchParams.get('redirect_url');
    const redirectTo = targetOrRefusal(redirectUrl);
    if (redirectTo instanceof Response) return redirectTo;
    return alignedPage(c, redirectTo) ?? render(redirectUrl);
  };

  router.get('/sign-in', (c) => getPage(c, (redirectUrl) => showSignIn(redirectUrl)), page);

  /** Signs in as the requested user; every check happens before anything is written. */
  const signIn = async (
    request: SignInRequest,
    lifetimeSeconds: number,
    cookieHeader: string | null,
  ): Promise<Response> => {
    const redirectTo = targetOrRefusal(request.redirectUrl);
    if (redirectTo instanceof Response) return redirectTo;
    const user = request.userId
      ? ctx.store.get<UserRecord>(USERS, request.userId)
      : ctx.store.list<UserRecord>(USERS).find((u) => u.username === request.username?.toLowerCase());
    if (!user) {
      return showSignIn(request.redirectUrl, 404, {
        code: 'form_identifier_not_found',
        message: "Couldn't find your account.",
      });
    }
    const twoFactor = user.totp_enabled || user.backup_code_enabled;
    const pending = request.pending ?? pendingByDefault(user.username);
    const [firstFactorAge, secondFactorAge] = request.factorVerificationAge;
    const activeOrganizationId =
      request.activeOrganizationId === undefined
        ? organizationByDefault(userOrganizations(ctx, user.id).map((o) => o.id))
        : request.activeOrganizationId;
    // The browser's client (its __client cookie, else its dev browser), or a new one: the session joins it.
    const client = planSignInClient(ctx.store, {
      devBrowserToken: readSuffixedOrPlain(cookieHeader, DEV_BROWSER_COOKIE, suffix()),
      clientToken: readCookie(cookieHeader, CLIENT_COOKIE),
    });
    let sessionId: string;
    let clientUpdatedAt: number;
    try {
      // Banned and locked users are refused with Clerk's 403 user_banned / user_locked, an organization the user
      // is not a member of with a 400 naming the field; nothing is written then.
      assertCanSignIn(user);
      ({ sessionId, clientUpdatedAt } = await issuer.createSession({
        userId: user.id,
        activeOrganizationId,
        pending,
        factorVerificationAge: [
          firstFactorAge ?? FIRST_FACTOR_AGE_BY_DEFAULT,
          secondFactorAge ?? secondFactorAgeByDefault(twoFactor),
        ],
        authorizedParty: redirectTo?.origin ?? ctx.allowedOrigins[0] ?? null,
        client,
      }));
    } catch (error) {
      if (error instanceof ApiError) {
        return showSignIn(request.redirectUrl, error.status, { code: error.code, message: error.longMessage });
      }
      throw error;
    }
    const token = await issuer.mintToken(sessionId, lifetimeSeconds);
    const secure = secureCookies();
    const cookies = [
      clientCookie(client.clientToken, secure),
      ...signedInCookies(token, clientUpdatedAt / 1000, suffix(), secure),
      ...devBrowserCookies(client.devBrowserToken, suffix(), secure),
    ];
    ctx.log(`sign-in page: signed in ${user.id} (session ${sessionId})`);
    if (redirectTo) return seeOther(redirectTo, cookies);
    return withCookies(
      htmlResponse(
        htmlDocument(
          'Signed in — authlens local backend',
          `<main><h1>Signed in</h1><p>Signed in as <strong>${escapeHtml(displayName(user))}</strong>, session <code>${escapeHtml(sessionId)}</code>${pending ? ' (pending)' : ''}. The session token in <code>__session</code> is valid for ${lifetimeSeconds} s; the app refreshes it through the handshake.</p><p><a href="/sign-out">Sign out</a></p></main>`,
        ),
      ),
      cookies,
    );
  };

  const lifetimeFrom = (form: URLSearchParams): number => {
    const raw = form.get('token_lifetime_seconds');
    if (raw === null || raw === '') return defaultLifetime;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < 1 || value > MAX_SIGN_IN_TOKEN_SECONDS) {
      throw new SignInFormError(
        'token_lifetime_seconds',
        `token_lifetime_seconds must be 1 to ${MAX_SIGN_IN_TOKEN_SECONDS}`,
      );
    }
    return value;
  };

  const formProblem = (error: SignInFormError, redirectUrl: string | null) =>
    showSignIn(redirectUrl, 400, { code: error.code, message: error.message });

  router.post(
    '/sign-in',
    async (c) => {
      const refusal = refused(c);
      if (refusal) return refusal;
      let form: URLSearchParams | undefined;
      try {
        form = await readForm(c.req);
        return await signIn(parseSignInForm(form), lifetimeFrom(form), c.req.headers.get('cookie'));
      } catch (error) {
        if (error instanceof SignInFormError) return formProblem(error, form?.get('redirect_url') ?? null);
        throw error;
      }
    },
    page,
  );

  const showSignUp = (c: RouteContext) => getPage(c, (redirectUrl) => htmlResponse(renderSignUpPage({ redirectUrl })));
  router.get('/sign-up', showSignUp, page);
  // Where Clerk's SDKs send a sign-up when only a sign-in URL is configured (the <SignIn /> page's sign-up step).
  router.get('/sign-in/create', showSignUp, page);

  router.post(
    '/sign-up',
    async (c) => {
      const refusal = refused(c);
      if (refusal) return refusal;
      let form: URLSearchParams | undefined;
      try {
        form = await readForm(c.req);
        const redirectUrl = form.get('redirect_url') || null;
        const checked = targetOrRefusal(redirectUrl);
        if (checked instanceof Response) return checked;
        const lifetime = lifetimeFrom(form);
        const field = (name: string) => {
          const value = form?.get(name)?.trim();
          return value ? value : undefined;
        };
        const email = field('email_address');
        let user: UserRecord;
        try {
          const input = readUserInput({
            username: field('username'),
            first_name: field('first_name'),
            last_name: field('last_name'),
            ...(email ? { email_address: [email] } : {}),
          });
          if (!input.username && !input.email_address) {
            throw new SignInFormError('username', 'a username or an email address is required');
          }
          user = await ctx.store.transact((tx) => insertUser(tx, input, ctx.clock(), null));
        } catch (error) {
          if (error instanceof ApiError) {
            return htmlResponse(
              renderSignUpPage({ redirectUrl, error: { code: error.code, message: error.longMessage } }),
              error.status,
            );
          }
          throw error;
        }
        return await signIn(
          {
            userId: user.id,
            username: null,
            redirectUrl,
            activeOrganizationId: null,
            pending: false,
            factorVerificationAge: [null, null],
          },
          lifetime,
          c.req.headers.get('cookie'),
        );
      } catch (error) {
        if (error instanceof SignInFormError) {
          return htmlResponse(renderSignUpPage({ redirectUrl: form?.get('redirect_url') || null, error }), 400);
        }
        throw error;
      }
    },
    page,
  );

  /** GET /sign-out never signs out (a link or an image on any page could): it shows the button that does. */
  router.get('/sign-out', (c) => getPage(c, (redirectUrl) => htmlResponse(renderSignOutPage(redirectUrl))), page);

  /**
   * POST /sign-out (Origin checked): ends the session of the browser's client (`__client`, else its dev browser) and
   * the session its `__session` cookie names when that is a session token this backend signed (expired or not) for
   * that session's own user; then clears `__session` and sets `__client_uat=0`.
   */
  router.post(
    '/sign-out',
    async (c) => {
      const refusal = refused(c);
      if (refusal) return refusal;
      let redirectUrl = c.url.searchParams.get('redirect_url');
      if (redirectUrl === null) {
        const type = c.req.headers.get('content-type') ?? '';
        if (type.startsWith('application/x-www-form-urlencoded')) {
          redirectUrl = new URLSearchParams(await c.req.text()).get('redirect_url') || null;
        }
      }
      const redirectTo = targetOrRefusal(redirectUrl);
      if (redirectTo instanceof Response) return redirectTo;
      const cookieHeader = c.req.headers.get('cookie');
      const { client } = findBrowserClient(ctx.store, {
        devBrowserToken: readSuffixedOrPlain(cookieHeader, DEV_BROWSER_COOKIE, suffix()),
        clientToken: readCookie(cookieHeader, CLIENT_COOKIE),
      });
      if (client) {
        const ended = await issuer.signOutClient(client.id);
        if (ended) ctx.log(`sign-out page: ended session ${ended}`);
      }
      const token = readSuffixedOrPlain(cookieHeader, SESSION_COOKIE, suffix());
      const named = token ? signedSessionId(token, ctx.keys.published()) : null;
      const session = named ? ctx.store.get<SessionRecord>(SESSIONS, named.sessionId) : undefined;
      // Only a session token names a session, and only its own user's (Hardening finding 8).
      if (named && session?.user_id === named.userId) {
        const revoked = await issuer.revokeSession(named.sessionId);
        if (revoked) ctx.log(`sign-out page: ended session ${named.sessionId}`);
      }
      const cookies = signedOutCookies(suffix(), secureCookies());
      if (redirectTo) return seeOther(redirectTo, cookies);
      return withCookies(
        htmlResponse(
          htmlDocument(
            'Signed out — authlens local backend',
            '<main><h1>Signed out</h1><p>The session is ended and its cookies cleared.</p><p><a href="/sign-in">Sign in</a></p></main>',
          ),
        ),
        cookies,
      );
    },
    page,
  );
}
