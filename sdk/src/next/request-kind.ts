/**
 * What kind of request this is, from its headers alone (DESIGN.md): a server
 * action carries `next-action`; a document is what a browser navigates to
 * (`sec-fetch-dest: document|iframe`, or it accepts HTML); everything else —
 * including a `fetch()` of a page route — is an API request.
 */
export type RequestKind = 'document' | 'api' | 'server_action';

export function requestKind(headers: Headers): RequestKind {
  if (headers.has('next-action')) return 'server_action';
  const dest = headers.get('sec-fetch-dest');
  if (dest === 'document' || dest === 'iframe') return 'document';
  if (headers.get('accept')?.includes('text/html')) return 'document';
  return 'api';
}
