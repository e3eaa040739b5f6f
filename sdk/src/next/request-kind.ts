/**
 * What kind of request this is, from its headers alone: a server action carries `next-action`; a document is what a
 * browser navigates to (`sec-fetch-dest: document|iframe`, or it accepts HTML) or an App Router navigation (a
 * `<Link>` or `router.push` fetch, prefetches included), so a signed-out one is sent to sign in; everything else —
 * including a plain `fetch()` of a page route — is an API request.
 *
 * An App Router navigation sends `rsc: 1` and, with it, `next-url`. Next removes `rsc` (and the other flight
 * headers) from the request its Node.js middleware sees, so there `next-url` is what is left of it — the header
 * @clerk/nextjs reads too.
 */
export type RequestKind = 'document' | 'api' | 'server_action';

export function requestKind(headers: Headers): RequestKind {
  if (headers.has('next-action')) return 'server_action';
  const dest = headers.get('sec-fetch-dest');
  if (dest === 'document' || dest === 'iframe') return 'document';
  if (headers.get('rsc') === '1' || headers.has('next-url')) return 'document';
  if (headers.get('accept')?.includes('text/html')) return 'document';
  return 'api';
}
