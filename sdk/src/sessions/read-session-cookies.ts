/**
 * Reads a request's side of Clerk's cookie protocol: the session token and client "updated at" (suffixed or not,
 * by Clerk's rule), the dev browser, a handshake coming back, and the redirect-loop counter.
 */
import { peekCompactJws } from '../tokens/index.js';
import { suffixedCookieName } from './cookie-suffix.js';
import { parseCookieHeader } from './parse-cookie-header.js';
import { Cookie, QueryParam } from './protocol-names.js';
import type { SessionInstance } from './session-instance.js';

export interface SessionCookies {
  /** The `__session` token this instance's cookies hold (the suffixed one when {@link suffixed}). */
  sessionToken: string | undefined;
  /** `__client_uat` in seconds; 0 when absent, unparsable or signed out. */
  clientUat: number;
  /** Whether the instance's suffixed cookies are the ones in use (and what the handshake asks FAPI to set). */
  suffixed: boolean;
  /** The dev browser token: the `__clerk_db_jwt` query parameter, else the cookie. */
  devBrowser: string | undefined;
  handshakeToken: string | undefined;
  handshakeNonce: string | undefined;
  redirectCount: number;
}

interface Claims {
  iss?: unknown;
  iat?: unknown;
  exp?: unknown;
}

type DecodeClaims = (token: string) => Claims | null;

const peekClaims: DecodeClaims = (token) => peekCompactJws(token)?.payload ?? null;

export function readSessionCookies(
  url: URL,
  headers: Headers,
  instance: SessionInstance,
  /** Reads a token's claims unverified (a caller may serve them from its verified-token cache). */
  claimsOf: DecodeClaims = peekClaims,
): SessionCookies {
  const cookies = parseCookieHeader(headers.get('cookie'));
  const get = (name: string) => cookies.get(name) || undefined;
  const getSuffixed = (name: string) => get(suffixedCookieName(name, instance.cookieSuffix));
  const suffixed = usesSuffixedCookies(get, getSuffixed, instance, claimsOf);
  const either = (name: string) => (suffixed ? getSuffixed(name) : get(name));
  // Most URLs have no query: reading one builds a URLSearchParams.
  const query = url.search ? url.searchParams : null;
  return {
    sessionToken: either(Cookie.session),
    clientUat: Number.parseInt(either(Cookie.clientUat) || '', 10) || 0,
    suffixed,
    devBrowser: query?.get(QueryParam.devBrowser) || either(Cookie.devBrowser),
    handshakeToken: query?.get(QueryParam.handshake) || get(Cookie.handshake),
    handshakeNonce: query?.get(QueryParam.handshakeNonce) || get(Cookie.handshakeNonce),
    redirectCount: Number(get(Cookie.redirectCount)) || 0,
  };
}

/**
 * Clerk's rule for which cookies count: an unsuffixed `__session` that is no JWT with an issuer wins; one issued by
 * another Frontend API does not count (the suffixed ones do); otherwise the suffixed ones when present, unless the
 * unsuffixed pair is the more recent sign-in.
 */
function usesSuffixedCookies(
  get: (name: string) => string | undefined,
  getSuffixed: (name: string) => string | undefined,
  instance: SessionInstance,
  claimsOf: DecodeClaims,
): boolean {
  const suffixedClientUat = getSuffixed(Cookie.clientUat);
  const clientUat = get(Cookie.clientUat);
  const suffixedSession = getSuffixed(Cookie.session) || '';
  const session = get(Cookie.session) || '';
  const sessionClaims = session ? claimsOf(session) : null;
  if (session && !sessionClaims?.iss) return false;
  if (session && !belongsToInstance(sessionClaims, instance)) return true;
  if (!suffixedClientUat && !suffixedSession) return false;
  const suffixedClaims = suffixedSession ? claimsOf(suffixedSession) : null;
  const sessionIat = numberOr0(sessionClaims?.iat);
  const suffixedSessionIat = numberOr0(suffixedClaims?.iat);
  if (suffixedClientUat !== '0' && clientUat !== '0' && sessionIat > suffixedSessionIat) return false;
  if (suffixedClientUat === '0' && clientUat !== '0') return false;
  if (instance.instanceType !== 'production') {
    const exp = suffixedClaims?.exp;
    const suffixedExpired = typeof exp === 'number' && exp <= Math.floor(Date.now() / 1000);
    if (suffixedClientUat !== '0' && clientUat === '0' && suffixedExpired) return false;
  }
  if (!suffixedClientUat && suffixedSession) return false;
  return true;
}

function belongsToInstance(claims: Claims | null, instance: SessionInstance): boolean {
  if (typeof claims?.iss !== 'string') return false;
  return claims.iss.replace(/https?:\/\//gi, '') === instance.frontendApi;
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && value ? value : 0;
}
