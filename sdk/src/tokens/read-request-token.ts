import type { TokenSource } from '../auth-state.js';

export const SESSION_COOKIE_NAME = '__session';

export interface RequestToken {
  token: string | null;
  source: TokenSource;
}

/** `Bearer <token>` (scheme case-insensitive), or a bare token as @clerk/backend also accepts. */
function tokenFromAuthorization(value: string | null): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  if (space === -1) return trimmed.length > 0 && trimmed.toLowerCase() !== 'bearer' ? trimmed : null;
  if (trimmed.slice(0, space).toLowerCase() !== 'bearer') return null;
  const token = trimmed.slice(space + 1).trim();
  return token.length > 0 && !token.includes(' ') ? token : null;
}

function tokenFromCookies(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (value.includes('%')) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // Not percent-encoded after all: keep it as sent.
      }
    }
    return value.length > 0 ? value : null;
  }
  return null;
}

/**
 * Finds the request's credential. Like @clerk/backend, a token in the
 * `Authorization` header wins over the `__session` cookie: a header is set on
 * purpose by a non-browser caller, a cookie rides along with every request.
 */
export function readRequestToken(headers: Headers): RequestToken {
  const fromHeader = readAuthorizationToken(headers);
  if (fromHeader) return { token: fromHeader, source: 'header' };
  const fromCookie = tokenFromCookies(headers.get('cookie'), SESSION_COOKIE_NAME);
  if (fromCookie) return { token: fromCookie, source: 'cookie' };
  return { token: null, source: 'none' };
}

/** The token of the `Authorization` header alone (null when it has none): what wins over any cookie. */
export function readAuthorizationToken(headers: Headers): string | null {
  return tokenFromAuthorization(headers.get('authorization'));
}
