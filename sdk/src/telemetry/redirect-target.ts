/**
 * `authlens.redirect.target`: where a redirect sent the browser, with nothing secret in it. A handshake URL carries
 * the dev-browser token in its query, and a `redirect_url` may carry Clerk's own parameters; only the origin, the
 * path and `redirect_url` (itself without `__clerk…`, `__session` and `__client` parameters) are kept.
 */
import { AttributeName as A } from '@authlens/otel';
import type { Span } from '@opentelemetry/api';

const RELATIVE_BASE = 'http://relative.invalid';

const isClerkParam = (name: string) => name.startsWith('__clerk') || name === '__session' || name === '__client';

function withoutSecrets(raw: string, keep: (name: string) => boolean): string {
  let url: URL;
  try {
    url = new URL(raw, RELATIVE_BASE);
  } catch {
    return '';
  }
  const params = new URLSearchParams();
  for (const [name, value] of url.searchParams) if (keep(name)) params.append(name, value);
  const query = params.size > 0 ? `?${params}` : '';
  const origin = url.origin === RELATIVE_BASE ? '' : url.origin;
  return `${origin}${url.pathname}${query}`;
}

/** The recordable form of a redirect's `Location`. */
export function redirectTargetOf(location: string): string {
  let url: URL;
  try {
    url = new URL(location, RELATIVE_BASE);
  } catch {
    return '';
  }
  const redirectUrl = url.searchParams.get('redirect_url');
  const base = withoutSecrets(location, () => false);
  if (redirectUrl === null) return base;
  const inner = withoutSecrets(redirectUrl, (name) => !isClerkParam(name));
  return `${base}?${new URLSearchParams({ redirect_url: inner })}`;
}

/** Records the target of a redirect answer (3xx with a `Location`) on the span; anything else leaves it alone. */
export function recordRedirectTarget(span: Span, status: number | null, location: string | null): void {
  if (status === null || status < 300 || status > 399 || !location || !span.isRecording()) return;
  const target = redirectTargetOf(location);
  if (target) span.setAttribute(A.redirectTarget, target);
}
