/**
 * What a handshake tells the app to set on its own origin: a fresh session token for the client's active session
 * and the client's `__client_uat`; or, when the client has no usable session (none, revoked, ended, expired, or its
 * user banned or gone), Clerk's signed-out pair. Plus the dev browser cookie when the handshake created one.
 */
import type { BackendContext } from '../context.js';
import { ApiError } from '../http/api-error.js';
import { mintSessionToken } from '../sessions/mint-token.js';
import { SESSIONS, type SessionRecord } from '../sessions/session-record.js';
import type { ClientRecord } from './client-record.js';
import { devBrowserCookies, signedInCookies, signedOutCookies } from './frontend-cookies.js';

export interface HandshakeDirectiveInput {
  client: ClientRecord | null;
  /** The app's origin: the `azp` of the token. */
  authorizedParty: string;
  /** The cookie suffix when the app asked for suffixed cookies too. */
  suffix: string | null;
  tokenLifetimeSeconds: number;
  /** A dev browser token created by this handshake, to hand to the app. */
  newDevBrowserToken: string | null;
}

export interface HandshakeDirectives {
  directives: string[];
  /** The session the directives sign in, or null when they sign out. */
  sessionId: string | null;
}

async function mintFor(
  ctx: BackendContext,
  input: HandshakeDirectiveInput,
): Promise<{ token: string; sessionId: string } | null> {
  const sessionId = input.client?.last_active_session_id;
  const session = sessionId ? ctx.store.get<SessionRecord>(SESSIONS, sessionId) : undefined;
  if (!session) return null;
  try {
    const token = await mintSessionToken(ctx, session, {
      expiresInSeconds: input.tokenLifetimeSeconds,
      azp: input.authorizedParty,
    });
    return { token, sessionId: session.id };
  } catch (error) {
    // session_not_active, user_banned, a deleted user: the browser is signed out.
    if (error instanceof ApiError) return null;
    throw error;
  }
}

export async function handshakeDirectives(
  ctx: BackendContext,
  input: HandshakeDirectiveInput,
): Promise<HandshakeDirectives> {
  const secure = ctx.url().startsWith('https:');
  const minted = await mintFor(ctx, input);
  const directives =
    minted && input.client
      ? signedInCookies(minted.token, input.client.updated_at / 1000, input.suffix, secure)
      : signedOutCookies(input.suffix, secure);
  if (input.newDevBrowserToken) directives.push(...devBrowserCookies(input.newDevBrowserToken, input.suffix, secure));
  return { directives, sessionId: minted?.sessionId ?? null };
}
