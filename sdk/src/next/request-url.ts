/**
 * The URL of a request as the browser addressed it, for `redirect_url` and the same-origin checks. Next hands the
 * middleware a URL built from its own listening address (`localhost` even when the browser used `127.0.0.1` or a
 * domain). The `Host` / `x-forwarded-host` / `x-forwarded-proto` headers name the origin the browser saw, but any
 * client can send them: the origin they name is used only when the app vouches for it — it is in
 * `allowedRedirectOrigins`, or it is a loopback alias of Next's own loopback origin (same scheme and port: a dev
 * server visited on 127.0.0.1 vs localhost). Anything else keeps Next's own URL.
 */
import { isListedOrigin } from './redirect-targets.js';

function first(value: string | null): string | null {
  const v = value?.split(',')[0]?.trim();
  return v ? v : null;
}

const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);

/** The app vouches for this origin: listed by it, or the same loopback server as Next's own URL. */
function isTrustedOrigin(origin: URL, own: URL, allowed: ReadonlyArray<string | RegExp>): boolean {
  if (origin.origin === own.origin || isListedOrigin(origin.origin, allowed)) return true;
  return (
    origin.protocol === own.protocol &&
    origin.port === own.port &&
    isLoopback(origin.hostname) &&
    isLoopback(own.hostname)
  );
}

export function publicRequestUrl(req: Request, allowedRedirectOrigins: ReadonlyArray<string | RegExp>): string {
  // Next's own URL of the request; its host and protocol are read without parsing the URL again.
  const own: Pick<URL, 'href' | 'host' | 'protocol'> = (req as Request & { nextUrl?: URL }).nextUrl ?? new URL(req.url);
  const host = first(req.headers.get('x-forwarded-host')) ?? first(req.headers.get('host'));
  const proto = first(req.headers.get('x-forwarded-proto'));
  // Most requests name Next's own origin: nothing to vouch for.
  if ((host === null || host === own.host) && (proto === null || `${proto}:` === own.protocol)) return own.href;
  const url = new URL(own.href);
  try {
    const origin = new URL(
      `${proto === 'https' || proto === 'http' ? proto : url.protocol.slice(0, -1)}://${host ?? url.host}`,
    );
    // A Host header with a path, credentials or junk is not an origin: keep Next's URL.
    if (origin.pathname !== '/' || origin.username || origin.password || origin.search || origin.hash) return url.href;
    if (!isTrustedOrigin(origin, url, allowedRedirectOrigins)) return url.href;
    return new URL(`${url.pathname}${url.search}`, origin).href;
  } catch {
    return url.href;
  }
}
