/**
 * Authenticates a request by Clerk's cookie protocol, with the verdicts of @clerk/backend's `authenticateRequest()`
 * for a request without an `Authorization` token (primary domain; no satellite, proxy or organization sync):
 * signed in, signed out, or a handshake with the Frontend API to refresh the cookies first.
 */
import type { VerifiedAuthState } from '../auth-state.js';
import {
  isNonSessionCategory,
  isTokenVerificationError,
  jwtTokenType,
  type KeySource,
  type ParsedJws,
  peekCompactJws,
  type TokenVerificationReason,
} from '../tokens/index.js';
import { isHandshakeEligible } from './handshake-eligibility.js';
import { handshakeRedirectHeaders } from './handshake-redirect.js';
import { isKnownClerkReferrer } from './known-clerk-referrer.js';
import { QueryParam } from './protocol-names.js';
import { readSessionCookies, type SessionCookies } from './read-session-cookies.js';
import type { SessionInstance } from './session-instance.js';
import { SessionReason, sessionTokenExpiredReason } from './session-reason.js';
import type { HandshakeFailure, SessionVerdict, SignedOutVerdict } from './session-verdict.js';
import { directiveName, directiveValue } from './set-cookie-directive.js';
import { verifyHandshakeToken } from './verify-handshake-token.js';

export interface SessionAuthDeps {
  instance: SessionInstance;
  /** Verifies a session token from a cookie; rejects with a `TokenVerificationError`. */
  verifySessionToken(token: string): Promise<VerifiedAuthState>;
  /** The instance's keys, for the handshake token; may throw a `TokenVerificationError` (`key_unavailable`). */
  handshakeKeys(): KeySource;
  /** `GET /v1/clients/handshake_payload?nonce=` through the Backend API client. */
  getHandshakePayload(nonce: string): Promise<{ directives: string[] }>;
  /** Decodes a token without verifying it; defaults to decoding it (callers may serve verified tokens from a cache). */
  decode?(token: string): Pick<ParsedJws, 'header' | 'payload'> | null;
}

interface Context {
  method: string;
  url: URL;
  headers: Headers;
  deps: SessionAuthDeps;
  cookies: SessionCookies;
}

/**
 * @param url the request's URL as the browser addressed it (behind a proxy, from `x-forwarded-*`); default
 *   `request.url`.
 */
export async function authenticateSessionRequest(
  request: Request,
  deps: SessionAuthDeps,
  url: URL = new URL(request.url),
): Promise<SessionVerdict> {
  const decode = deps.decode ?? peekCompactJws;
  const cookies = readSessionCookies(url, request.headers, deps.instance, (token) => decode(token)?.payload ?? null);
  const ctx: Context = { method: request.method, url, headers: request.headers, deps, cookies };
  const { instance } = deps;
  const development = instance.instanceType === 'development';

  if (cookies.handshakeNonce || cookies.handshakeToken) {
    const resolved = await resolveHandshake(ctx);
    if (resolved) return resolved;
  }
  if (development && url.search !== '' && url.searchParams.has(QueryParam.devBrowser))
    return maybeHandshake(ctx, SessionReason.devBrowserSync);
  if (development && !cookies.devBrowser) return maybeHandshake(ctx, SessionReason.devBrowserMissing);

  const { sessionToken, clientUat } = cookies;
  if (!clientUat && !sessionToken) return signedOut(SessionReason.sessionTokenAndUatMissing);
  if (!clientUat) return maybeHandshake(ctx, SessionReason.sessionTokenWithoutClientUat);
  if (!sessionToken) return maybeHandshake(ctx, SessionReason.clientUatWithoutSessionToken);

  const decoded = decode(sessionToken);
  if (!decoded) return signedOut('malformed', { tokenReason: 'malformed', token: sessionToken });
  if (jwtTokenType(decoded.header, decoded.payload) !== 'session_token' || isNonSessionCategory(decoded.header.cat)) {
    return signedOut(SessionReason.tokenTypeMismatch, { tokenReason: 'wrong_token_type', token: sessionToken });
  }
  if ((decoded.payload.iat as number) < clientUat)
    return maybeHandshake(ctx, SessionReason.sessionTokenIatBeforeClientUat);

  let auth: VerifiedAuthState;
  try {
    auth = await deps.verifySessionToken(sessionToken);
  } catch (error) {
    return tokenError(ctx, error, sessionToken);
  }
  const crossOriginNavigation =
    ctx.method === 'GET' &&
    ctx.headers.get('sec-fetch-dest') === 'document' &&
    cookies.redirectCount === 0 &&
    isCrossOriginReferrer(ctx) &&
    !isKnownClerkReferrer(ctx.headers.get('referer'), instance);
  if (crossOriginNavigation) return maybeHandshake(ctx, SessionReason.primaryDomainCrossOriginSync);
  return {
    status: 'signed-in',
    reason: null,
    token: sessionToken,
    auth,
    headers: new Headers(),
    resolvedHandshake: false,
  };
}

function signedOut(
  reason: string,
  extra: Partial<Pick<SignedOutVerdict, 'tokenReason' | 'failure' | 'token' | 'headers' | 'resolvedHandshake'>> = {},
): SignedOutVerdict {
  return {
    status: 'signed-out',
    reason,
    tokenReason: extra.tokenReason ?? null,
    failure: extra.failure ?? null,
    token: extra.token ?? null,
    headers: extra.headers ?? new Headers(),
    resolvedHandshake: extra.resolvedHandshake ?? false,
  };
}

/** A handshake when the request can take one (a GET document, fewer than 3 loops), else signed out for `reason`. */
function maybeHandshake(ctx: Context, reason: string): SessionVerdict {
  if (!isHandshakeEligible(ctx.method, ctx.headers)) return signedOut(reason);
  const { cookies, deps } = ctx;
  const headers = handshakeRedirectHeaders(
    {
      instance: deps.instance,
      requestUrl: ctx.url,
      reason,
      suffixed: cookies.suffixed,
      sessionToken: cookies.sessionToken,
      devBrowser: cookies.devBrowser,
    },
    cookies.redirectCount,
  );
  if (!headers) return signedOut(reason, { failure: 'handshake_loop' });
  return { status: 'handshake', reason, headers, resolvedHandshake: false };
}

/** As Clerk: an expired, not-yet-valid or future-dated cookie token is refreshed by a handshake; others sign out. */
function tokenError(ctx: Context, error: unknown, token: string): SessionVerdict {
  if (!isTokenVerificationError(error)) return signedOut(SessionReason.unexpectedError, { token });
  const tokenReason: TokenVerificationReason = error.reason;
  if (tokenReason === 'expired') return maybeHandshake(ctx, sessionTokenExpiredReason(ctx.method));
  if (tokenReason === 'not_yet_valid') return maybeHandshake(ctx, SessionReason.sessionTokenNbf);
  if (tokenReason === 'issued_in_future') return maybeHandshake(ctx, SessionReason.sessionTokenIatInTheFuture);
  return signedOut(tokenReason, { tokenReason, token });
}

/**
 * The way back from the Frontend API: the nonce resolved through the Backend API (or the handshake token verified)
 * into cookie directives, which go on the response; on development instances the response redirects to the URL
 * without the handshake parameters. Null when the new session token does not verify: then, as Clerk, the request is
 * decided by the cookies it came with.
 */
async function resolveHandshake(ctx: Context): Promise<SessionVerdict | null> {
  const { deps, cookies } = ctx;
  let directives: string[] = [];
  let failure: HandshakeFailure | null = null;
  if (cookies.handshakeNonce) {
    try {
      directives = (await deps.getHandshakePayload(cookies.handshakeNonce)).directives;
    } catch {
      // Unknown, used or unresolvable nonce: no directives, so signed out below (Clerk logs it and does the same).
      failure = 'handshake_nonce_unresolved';
    }
  } else if (cookies.handshakeToken) {
    try {
      directives = await verifyHandshakeToken(cookies.handshakeToken, deps.handshakeKeys());
    } catch (error) {
      // A forged or malformed token sets no cookie and redirects nowhere: signed out, cookies untouched.
      const tokenReason = isTokenVerificationError(error) ? error.reason : 'verification_failed';
      return signedOut(SessionReason.handshakeTokenInvalid, { tokenReason, failure: 'handshake_token_invalid' });
    }
  }

  const headers = new Headers({ 'access-control-allow-origin': 'null', 'access-control-allow-credentials': 'true' });
  let sessionToken = '';
  for (const directive of directives) {
    headers.append('set-cookie', directive);
    if (directiveName(directive).startsWith('__session')) sessionToken = directiveValue(directive);
  }
  if (deps.instance.instanceType === 'development') {
    const clean = new URL(ctx.url);
    for (const name of [
      QueryParam.handshake,
      QueryParam.handshakeHelp,
      QueryParam.devBrowser,
      QueryParam.handshakeNonce,
    ]) {
      clean.searchParams.delete(name);
    }
    headers.append('location', clean.href);
    headers.set('cache-control', 'no-store');
  }
  if (sessionToken === '') {
    return signedOut(SessionReason.sessionTokenMissing, { headers, failure, resolvedHandshake: true });
  }
  try {
    const auth = await deps.verifySessionToken(sessionToken);
    return { status: 'signed-in', reason: null, token: sessionToken, auth, headers, resolvedHandshake: true };
  } catch {
    return null;
  }
}

function isCrossOriginReferrer(ctx: Context): boolean {
  const referrer = ctx.headers.get('referer');
  if (!referrer) return false;
  try {
    return new URL(referrer).origin !== ctx.url.origin;
  } catch {
    return false;
  }
}
