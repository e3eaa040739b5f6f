/**
 * The Frontend API side of Clerk's session protocol, which this backend plays (its publishable key names it):
 * - `GET /v1/client/handshake` (public): finds the browser's client (dev browser token, else the `__client`
 *   cookie), and sends the browser back to `redirect_url` with the directives — by nonce (`format=nonce`) or as a
 *   signed token (`__clerk_handshake`).
 * - `GET /v1/clients/handshake_payload?nonce=` (Backend API, secret key): the directives of a nonce, once.
 * - `POST /v1/dev_browser` (public): a new dev browser; its token is the answer's `id`, as clerk-js reads it.
 */
import type { BackendContext } from '../context.js';
import { notFound, paramInvalid, paramMissing } from '../http/api-error.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { createDevBrowser, findBrowserClient } from './browser-client.js';
import {
  CLIENT_COOKIE,
  cookieSuffix,
  DEV_BROWSER_COOKIE,
  readCookie,
  readSuffixedOrPlain,
} from './frontend-cookies.js';
import { handshakeDirectives } from './handshake-directives.js';
import { HandshakeNonces } from './handshake-nonces.js';
import { handshakeRedirectTarget } from './handshake-redirect.js';
import { signHandshakeToken } from './handshake-token.js';

export const HANDSHAKE_PARAM = '__clerk_handshake';
export const HANDSHAKE_NONCE_PARAM = '__clerk_handshake_nonce';

export interface ClientRoutesOptions {
  /** Lifetime of the session tokens the handshake mints. */
  tokenLifetimeSeconds: number;
}

function oneOf<T extends string>(name: string, value: string | null, allowed: readonly T[], fallback: T): T {
  if (value === null) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw paramInvalid(name, `it must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
}

export function registerClientRoutes(router: Router, ctx: BackendContext, options: ClientRoutesOptions): void {
  // Already origins (startBackend normalises them).
  const allowed: ReadonlySet<string> = new Set(ctx.allowedOrigins);
  const nonces = new HandshakeNonces(ctx.clock);

  router.get(
    '/client/handshake',
    async (c) => {
      const query = c.url.searchParams;
      const redirectTo = handshakeRedirectTarget(query.get('redirect_url'), allowed);
      // Without `format`, Clerk answers with the token format (older SDKs).
      const format = oneOf('format', query.get('format'), ['nonce', 'token'], 'token');
      const suffixed = oneOf('suffixed_cookies', query.get('suffixed_cookies'), ['true', 'false'], 'false');
      const suffix = cookieSuffix(ctx.publishableKey);
      const cookies = c.req.headers.get('cookie');
      const credentials = {
        devBrowserToken: query.get(DEV_BROWSER_COOKIE) || readSuffixedOrPlain(cookies, DEV_BROWSER_COOKIE, suffix),
        clientToken: readCookie(cookies, CLIENT_COOKIE),
      };
      const { client, devBrowser } = findBrowserClient(ctx.store, credentials);
      // A development instance needs a dev browser: a handshake without a known one creates it and hands it over.
      const newDevBrowserToken = devBrowser
        ? null
        : await ctx.store.transact((tx) => createDevBrowser(tx, client?.id ?? null, ctx.clock()));
      const { directives, sessionId } = await handshakeDirectives(ctx, {
        client,
        authorizedParty: redirectTo.origin,
        suffix: suffixed === 'true' ? suffix : null,
        tokenLifetimeSeconds: options.tokenLifetimeSeconds,
        newDevBrowserToken,
      });
      ctx.log(`handshake: ${sessionId ? `session ${sessionId}` : 'signed out'} (${format})`);
      redirectTo.searchParams.delete(HANDSHAKE_PARAM);
      redirectTo.searchParams.delete(HANDSHAKE_NONCE_PARAM);
      if (format === 'nonce') redirectTo.searchParams.set(HANDSHAKE_NONCE_PARAM, nonces.issue(directives));
      else redirectTo.searchParams.set(HANDSHAKE_PARAM, await signHandshakeToken(ctx, directives));
      return new Response(null, { status: 307, headers: { Location: redirectTo.href, 'Cache-Control': 'no-store' } });
    },
    { access: 'public' },
  );

  router.get('/clients/handshake_payload', (c) => {
    const nonce = c.url.searchParams.get('nonce');
    if (!nonce) throw paramMissing('nonce');
    const directives = nonces.take(nonce);
    if (!directives) throw notFound('handshake payload (the nonce is unknown, spent or expired)');
    return json({ directives });
  });

  router.post(
    '/dev_browser',
    async () => {
      const now = ctx.clock();
      const token = await ctx.store.transact((tx) => createDevBrowser(tx, null, now));
      return json({ object: 'dev_browser', id: token, client_id: null, created_at: now, updated_at: now });
    },
    { access: 'public' },
  );
}
