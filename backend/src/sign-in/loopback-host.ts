const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Cookies belong to a host name, not a port: a page served as `127.0.0.1:4000` cannot set a cookie the app on
 * `localhost:3000` receives. When both the page and the app are on loopback under different names, this is the same
 * page under the app's host name (a redirect to the backend itself, never elsewhere); otherwise null.
 */
export function alignLoopbackHost(pageUrl: URL, appUrl: URL): URL | null {
  if (pageUrl.hostname === appUrl.hostname) return null;
  if (!LOOPBACK.has(pageUrl.hostname) || !LOOPBACK.has(appUrl.hostname)) return null;
  const aligned = new URL(pageUrl.href);
  aligned.hostname = appUrl.hostname;
  return aligned;
}
