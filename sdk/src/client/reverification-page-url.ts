import { accountPortalUrl, parsePublishableKey } from '../publishable-key.js';
import type { ReverificationLevel } from '../types.js';
import { ReverificationUnavailableError } from './errors.js';

/** Where the re-verify page is; the first one given wins, in this order. */
export interface ReverificationPageOptions {
  /** The page itself, e.g. `http://localhost:4000/reverify`. */
  reverificationUrl?: string | undefined;
  /** An absolute sign-in URL: its origin's `/reverify` (the local backend serves both). */
  signInUrl?: string | undefined;
  /** A publishable key: its Account Portal's `/reverify` (the local backend's key names the backend itself). */
  publishableKey?: string | undefined;
}

function absolute(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The re-verify page's URL for this level, returning to `returnUrl` afterwards (`?level=…&redirect_url=…`, the
 * local backend's parameters). Throws `ERR_REVERIFICATION_URL_MISSING` when no option names a page.
 */
export function reverificationPageUrl(
  level: ReverificationLevel | undefined,
  returnUrl: string,
  options: ReverificationPageOptions,
): string {
  const signIn = absolute(options.signInUrl);
  const key = options.publishableKey ? parsePublishableKey(options.publishableKey) : null;
  const page =
    absolute(options.reverificationUrl) ??
    (signIn ? new URL('/reverify', signIn) : null) ??
    (key ? new URL('/reverify', accountPortalUrl(key.frontendApi)) : null);
  if (!page) throw new ReverificationUnavailableError();
  if (level) page.searchParams.set('level', level);
  page.searchParams.set('redirect_url', returnUrl);
  return page.href;
}
