/**
 * Whether a request may be answered with a handshake redirect: only a GET that is probably a document navigation
 * (Clerk's heuristic). A `fetch()`, an App Router RSC request or a form POST cannot follow a redirect to the Frontend
 * API and back, so those are decided signed out instead.
 */
export function isHandshakeEligible(method: string, headers: Headers): boolean {
  if (method !== 'GET') return false;
  const dest = headers.get('sec-fetch-dest');
  if (dest === 'document' || dest === 'iframe') return true;
  return !dest && (headers.get('accept')?.startsWith('text/html') ?? false);
}
