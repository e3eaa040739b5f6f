import { paramInvalid, paramMissing } from '../http/api-error.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where a handshake may send the browser back to: an absolute http(s) URL on a loopback host (any port: the app in
 * development) or on one of the allowed origins. Anything else is Clerk's 400 naming `redirect_url`, so the handshake
 * never carries a session token to a site the developer did not configure.
 */
export function handshakeRedirectTarget(redirectUrl: string | null, allowedOrigins: ReadonlySet<string>): URL {
  if (redirectUrl === null || redirectUrl === '') throw paramMissing('redirect_url');
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch {
    throw paramInvalid('redirect_url', 'it must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw paramInvalid('redirect_url', 'it must be an absolute http(s) URL');
  }
  if (!LOOPBACK_HOSTS.has(url.hostname) && !allowedOrigins.has(url.origin)) {
    throw paramInvalid(
      'redirect_url',
      `its origin ${url.origin} is neither a loopback origin nor an allowed origin (start the backend with --allowed-origin ${url.origin})`,
    );
  }
  return url;
}
