/**
 * The request a handoff is made for: method, path and search of the request the render will serve. The middleware
 * signs it; the render (and the middleware's second pass for a rewritten 404) compares it with its own request, so a
 * handoff captured from one request is refused on any other (Hardening finding 3).
 */

export interface HandoffRequest {
  /** The HTTP method; null on the render's side where Next does not say (see render-request.ts). */
  method: string | null;
  /** The path as Next gives it (percent-encoding kept). */
  path: string;
  /** The search, canonical (see canonicalSearch). */
  search: string;
}

/** Next's cache-busting parameter of RSC requests: the middleware never sees it, the render may. */
const RSC_PARAM = '_rsc';

/**
 * One form of a search string for both ends: the middleware's URL and the render's may differ in encoding and in
 * Next's `_rsc` parameter. '' when there is none.
 */
export function canonicalSearch(search: string): string {
  if (search === '' || search === '?') return '';
  const params = new URLSearchParams(search);
  params.delete(RSC_PARAM);
  return params.toString();
}

/**
 * What the render will see of a middleware's request: the path and search of `rewrite` (the target of
 * `NextResponse.rewrite()` or of our 404) when the response rewrites, else the request's own.
 */
export function boundRequest(
  req: Request & { nextUrl?: URL },
  rewrite: string | null,
): HandoffRequest & { method: string } {
  const url = rewrite ? new URL(rewrite, req.url) : (req.nextUrl ?? new URL(req.url));
  return { method: req.method, path: url.pathname, search: canonicalSearch(url.search) };
}
