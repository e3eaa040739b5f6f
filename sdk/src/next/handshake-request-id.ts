/**
 * Joins a handshake round trip into one request for telemetry: the handshake redirect leaves the request id in a
 * short-lived HttpOnly cookie on the app's origin, and the request that comes back from the Frontend API (with the
 * nonce or handshake token) takes it over and clears it. Only a well-formed id is taken over, never any value.
 */
import { parseCookieHeader } from '../sessions/index.js';

export const HANDSHAKE_REQUEST_ID_COOKIE = '__authlens_handshake_rid';

/** Long enough for a redirect to the Frontend API and back, short enough not to join unrelated requests. */
const MAX_AGE_SECONDS = 60;

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function setHandshakeRequestId(headers: Headers, requestId: string): void {
  headers.append(
    'set-cookie',
    `${HANDSHAKE_REQUEST_ID_COOKIE}=${requestId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}`,
  );
}

export function clearHandshakeRequestId(headers: Headers): void {
  headers.append('set-cookie', `${HANDSHAKE_REQUEST_ID_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
}

/** The id the handshake redirect left, if the request carries a well-formed one. */
export function handshakeRequestIdOf(headers: Headers): string | null {
  const value = parseCookieHeader(headers.get('cookie')).get(HANDSHAKE_REQUEST_ID_COOKIE);
  return value && REQUEST_ID.test(value) ? value : null;
}
