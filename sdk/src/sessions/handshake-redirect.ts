/**
 * The handshake redirect: a 307 to `{FAPI}/v1/client/handshake` with Clerk's parameters, which refreshes the
 * instance's cookies on the app's origin and comes back to `redirect_url`. Each one counts itself in a short-lived
 * cookie, so a loop (keys that do not match the instance, cookies the browser refuses) stops.
 */
import { Cookie, HANDSHAKE_API_VERSION, MAX_HANDSHAKE_REDIRECTS, QueryParam } from './protocol-names.js';
import type { SessionInstance } from './session-instance.js';

export interface HandshakeRedirectInput {
  instance: SessionInstance;
  /** The request's URL as the browser addressed it. */
  requestUrl: URL;
  reason: string;
  suffixed: boolean;
  /** The request's session token, if any (Clerk sends it along). */
  sessionToken: string | undefined;
  devBrowser: string | undefined;
}

/** The handshake URL for a request. */
export function handshakeUrl(input: HandshakeRedirectInput): URL {
  const { instance } = input;
  const redirectUrl = new URL(input.requestUrl);
  redirectUrl.searchParams.delete(QueryParam.devBrowser);
  redirectUrl.searchParams.delete(QueryParam.legacyDevBrowser);
  const url = new URL('/v1/client/handshake', `${instance.frontendApiUrl}/`);
  const params = url.searchParams;
  params.append(QueryParam.redirectUrl, redirectUrl.href);
  params.append(QueryParam.apiVersion, HANDSHAKE_API_VERSION);
  params.append(QueryParam.suffixedCookies, String(input.suffixed));
  params.append(QueryParam.handshakeReason, input.reason);
  params.append(QueryParam.handshakeFormat, 'nonce');
  if (input.sessionToken) params.append(QueryParam.session, input.sessionToken);
  if (instance.instanceType === 'development' && input.devBrowser)
    params.append(QueryParam.devBrowser, input.devBrowser);
  return url;
}

/**
 * The headers of the handshake response (Location, `Cache-Control: no-store`, the next loop count), or null when the
 * request already came back {@link MAX_HANDSHAKE_REDIRECTS} times: then it proceeds signed out.
 */
export function handshakeRedirectHeaders(input: HandshakeRedirectInput, redirectCount: number): Headers | null {
  if (redirectCount === MAX_HANDSHAKE_REDIRECTS) return null;
  const headers = new Headers({ location: handshakeUrl(input).href, 'cache-control': 'no-store' });
  headers.append('set-cookie', `${Cookie.redirectCount}=${redirectCount + 1}; SameSite=Lax; HttpOnly; Max-Age=2`);
  return headers;
}
