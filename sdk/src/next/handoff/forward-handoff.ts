/**
 * Puts the signed handoff on the request the render will see, through Next's
 * request-header override (`x-middleware-override-headers` +
 * `x-middleware-request-*`, what `NextResponse.next({ request: { headers } })`
 * produces). The override list is authoritative — Next drops every request
 * header not in it — so every inbound `x-authlens-*` header (a client's forgery)
 * is left out, and so is any the user's handler tried to forward.
 */
import { HANDOFF_HEADER, HANDOFF_HEADER_PREFIX } from './handoff-state.js';

const OVERRIDE = 'x-middleware-override-headers';
const REQUEST_PREFIX = 'x-middleware-request-';

const isOurs = (name: string) => name.startsWith(HANDOFF_HEADER_PREFIX);

/** Does this middleware response lead to a render (next() or rewrite) rather than end the request? */
export function continuesToRender(response: Response): boolean {
  return response.headers.has('x-middleware-next') || response.headers.has('x-middleware-rewrite');
}

/** Does the response rewrite to another origin (Next proxies it there: no render of ours)? */
export function rewritesElsewhere(response: Response, requestUrl: string): boolean {
  const rewrite = response.headers.get('x-middleware-rewrite');
  return rewrite !== null && new URL(rewrite, requestUrl).origin !== new URL(requestUrl).origin;
}

/** `handoff` null: only strip ours (a request proxied to another origin must not carry a handoff to capture). */
export function forwardHandoff(response: Response, inbound: Headers, handoff: string | null): Response {
  const h = response.headers;
  // Drop any request header of ours the handler set, before the copies below make the list long.
  const stale: string[] = [];
  h.forEach((_, name) => {
    if (name.startsWith(REQUEST_PREFIX) && isOurs(name.slice(REQUEST_PREFIX.length))) stale.push(name);
  });
  for (const name of stale) h.delete(name);
  const existing = h.get(OVERRIDE);
  const names: string[] = [];
  if (existing !== null) {
    // The user's handler overrode request headers: keep its list, minus ours.
    for (const raw of existing.split(',')) {
      const name = raw.trim().toLowerCase();
      if (name && !isOurs(name)) names.push(name);
    }
  } else {
    inbound.forEach((value, name) => {
      if (isOurs(name)) return;
      h.set(REQUEST_PREFIX + name, value);
      names.push(name);
    });
  }
  if (handoff !== null) {
    h.set(REQUEST_PREFIX + HANDOFF_HEADER, handoff);
    names.push(HANDOFF_HEADER);
  }
  h.set(OVERRIDE, names.join(','));
  return response;
}
