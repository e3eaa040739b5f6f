/**
 * The cookies of Clerk's frontend, as `Set-Cookie` strings: `__session` and `__client_uat` (plus their forms suffixed
 * with the publishable key's cookie suffix) and the dev browser's `__clerk_db_jwt` for the app's host, and the
 * HttpOnly `__client` for the backend's own host. Cookies are scoped by host name, not port, so on loopback the app
 * and the backend share them.
 */
import { createHash } from 'node:crypto';

export const SESSION_COOKIE = '__session';
export const CLIENT_UAT_COOKIE = '__client_uat';
export const DEV_BROWSER_COOKIE = '__clerk_db_jwt';
export const CLIENT_COOKIE = '__client';

/** clerk-js keeps its cookies for a year; the token inside `__session` lives far shorter and is refreshed. */
export const FRONTEND_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** Clerk's cookie suffix: the first 8 characters of the base64url SHA-1 of the publishable key. */
export function cookieSuffix(publishableKey: string): string {
  return createHash('sha1').update(publishableKey, 'utf8').digest('base64url').slice(0, 8);
}

export interface CookieOptions {
  maxAgeSeconds: number;
  /** Add `Secure` (when the backend itself is served over https). */
  secure: boolean;
  httpOnly?: boolean;
}

// SameSite=Lax lets the top-level redirect back to the app carry them.
export function serialiseCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`];
  parts.push('SameSite=Lax');
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The cookie and, when a suffix is given, its suffixed twin (clerk-js writes both). */
function withSuffixed(name: string, value: string, suffix: string | null, options: CookieOptions): string[] {
  const plain = serialiseCookie(name, value, options);
  return suffix ? [plain, serialiseCookie(`${name}_${suffix}`, value, options)] : [plain];
}

/** A signed-in browser: the session token and the client's last-update time (Unix seconds). */
export function signedInCookies(token: string, clientUatSeconds: number, suffix: string | null, secure: boolean) {
  const options = { maxAgeSeconds: FRONTEND_COOKIE_MAX_AGE_SECONDS, secure };
  return [
    ...withSuffixed(SESSION_COOKIE, token, suffix, options),
    ...withSuffixed(CLIENT_UAT_COOKIE, String(Math.floor(clientUatSeconds)), suffix, options),
  ];
}

/** A signed-out browser, as Clerk says it: `__session` deleted and `__client_uat=0`. */
export function signedOutCookies(suffix: string | null, secure: boolean): string[] {
  return [
    ...withSuffixed(SESSION_COOKIE, '', suffix, { maxAgeSeconds: 0, secure }),
    ...withSuffixed(CLIENT_UAT_COOKIE, '0', suffix, { maxAgeSeconds: FRONTEND_COOKIE_MAX_AGE_SECONDS, secure }),
  ];
}

/** The dev browser token, readable by the app (clerk-js keeps it in a script-readable cookie). */
export function devBrowserCookies(token: string, suffix: string | null, secure: boolean): string[] {
  return withSuffixed(DEV_BROWSER_COOKIE, token, suffix, { maxAgeSeconds: FRONTEND_COOKIE_MAX_AGE_SECONDS, secure });
}

/** The client, HttpOnly: only the backend reads it. */
export function clientCookie(token: string, secure: boolean): string {
  return serialiseCookie(CLIENT_COOKIE, token, {
    maxAgeSeconds: FRONTEND_COOKIE_MAX_AGE_SECONDS,
    secure,
    httpOnly: true,
  });
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

/** A cookie in its suffixed form first, else its plain form (Clerk's reading order). */
export function readSuffixedOrPlain(cookieHeader: string | null, name: string, suffix: string): string | null {
  return readCookie(cookieHeader, `${name}_${suffix}`) || readCookie(cookieHeader, name);
}
