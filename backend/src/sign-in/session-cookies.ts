/** Clerk's cookie names: the app's middleware reads the session token and the client's last-update time. */
export const SESSION_COOKIE = '__session';
export const CLIENT_UAT_COOKIE = '__client_uat';

export interface SessionCookieOptions {
  /** The session token (a JWT). */
  token: string;
  /** When the client last changed (sign-in time), Unix seconds; Clerk's `__client_uat` value. */
  clientUatSeconds: number;
  /** How long both cookies live, seconds: the token's lifetime, since nothing here refreshes it. */
  maxAgeSeconds: number;
  /** Add `Secure` (when the backend itself is served over https). */
  secure: boolean;
}

// Like Clerk's, the cookies are not HttpOnly (clerk-js writes __session from the page); SameSite=Lax lets the
// top-level redirect back to the app carry them. Cookies are scoped by host, not port, so a cookie set by the
// backend on localhost reaches the app on localhost.
function serialise(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  const parts = [`${name}=${value}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, 'SameSite=Lax'];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** `Set-Cookie` values for a signed-in browser. */
export function signedInCookies(options: SessionCookieOptions): string[] {
  return [
    serialise(SESSION_COOKIE, options.token, options.maxAgeSeconds, options.secure),
    serialise(CLIENT_UAT_COOKIE, String(Math.floor(options.clientUatSeconds)), options.maxAgeSeconds, options.secure),
  ];
}

/** `Set-Cookie` values that delete both cookies. */
export function signedOutCookies(secure: boolean): string[] {
  return [serialise(SESSION_COOKIE, '', 0, secure), serialise(CLIENT_UAT_COOKIE, '', 0, secure)];
}

/** The value of one cookie from a `Cookie` request header, or null. */
export function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const pair of cookieHeader.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return null;
}
