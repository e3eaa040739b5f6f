/**
 * How long the session tokens the frontend side hands out live (the sign-in page's cookie, the handshake's
 * directives): Clerk's 60 s, unless `AUTHLENS_SIGN_IN_TOKEN_SECONDS` (server-wide, read at start) says otherwise.
 * Expired tokens are replaced through the handshake.
 */
import { SESSION_TOKEN_LIFETIME_SECONDS } from '../sessions/session-claims.js';

export const DEFAULT_FRONTEND_TOKEN_SECONDS = SESSION_TOKEN_LIFETIME_SECONDS;
export const MAX_FRONTEND_TOKEN_SECONDS = 7 * 24 * 3600;

/** The lifetime `AUTHLENS_SIGN_IN_TOKEN_SECONDS` sets (whole seconds, 1 to 7 days), else the default. */
export function frontendTokenSeconds(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.AUTHLENS_SIGN_IN_TOKEN_SECONDS;
  if (!raw || !/^\d+$/.test(raw)) return DEFAULT_FRONTEND_TOKEN_SECONDS;
  const value = Number(raw);
  return value >= 1 && value <= MAX_FRONTEND_TOKEN_SECONDS ? value : DEFAULT_FRONTEND_TOKEN_SECONDS;
}
