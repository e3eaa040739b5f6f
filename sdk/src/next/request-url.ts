/**
 * The URL of a request as the browser addressed it. Next hands the middleware a
 * URL built from its own listening address (`localhost` even when the browser
 * used `127.0.0.1` or a domain); `redirect_url` and the same-origin checks need
 * the origin the browser sees: `x-forwarded-host`/`x-forwarded-proto` behind a
 * proxy, else the `Host` header.
 */
function first(value: string | null): string | null {
  const v = value?.split(',')[0]?.trim();
  return v ? v : null;
}

export function publicRequestUrl(req: Request): string {
  const url = new URL((req as Request & { nextUrl?: URL }).nextUrl?.href ?? req.url);
  const host = first(req.headers.get('x-forwarded-host')) ?? first(req.headers.get('host'));
  const proto = first(req.headers.get('x-forwarded-proto'));
  if (!host && !proto) return url.href;
  try {
    const origin = new URL(
      `${proto === 'https' || proto === 'http' ? proto : url.protocol.slice(0, -1)}://${host ?? url.host}`,
    );
    // A Host header with a path, credentials or junk is not an origin: keep Next's URL.
    if (origin.pathname !== '/' || origin.username || origin.password || origin.search || origin.hash) return url.href;
    return new URL(`${url.pathname}${url.search}`, origin).href;
  } catch {
    return url.href;
  }
}
