/**
 * Which header made `requestKind` decide what it did, in the order it looks: shown in the devtools so "why is this
 * an API request?" has an answer. `none`: no header said document or server action, so it is an API request.
 */
export function requestKindSignal(headers: Headers): string {
  if (headers.has('next-action')) return 'next-action';
  const dest = headers.get('sec-fetch-dest');
  if (dest === 'document' || dest === 'iframe') return `sec-fetch-dest: ${dest}`;
  if (headers.get('rsc') === '1') return 'rsc: 1';
  if (headers.has('next-url')) return 'next-url';
  if (headers.get('accept')?.includes('text/html')) return 'accept: text/html';
  return 'none';
}
