/**
 * OAuth access tokens (`oat_…`) as Clerk's OAuth provider would issue them. There is no OAuth flow here: a dev-only
 * admin endpoint mints one for a user and client, and `/oauth_applications/access_tokens/verify` verifies it.
 */
import type { BackendContext } from '../context.js';
import { notFound, paramInvalid } from '../http/api-error.js';
import { nullableString, optionalInteger, optionalString, requiredString } from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { newId } from '../store/ids.js';
import { findBySecret, requireActiveCredential } from './find-credential.js';
import { hashSecret } from './hash-secret.js';
import { signMachineJwt } from './machine-jwt.js';
import { generateOpaqueSecret } from './opaque-secret.js';
import {
  OAUTH_ACCESS_TOKEN_SECRETS,
  OAUTH_ACCESS_TOKENS,
  type OAuthAccessTokenRecord,
  type SecretIndex,
} from './records.js';
import { oauthAccessTokenJSON } from './resource-json.js';
import { subjectExists } from './subjects.js';
import { expirationFrom } from './token-lifetime.js';

/** Lifetime of a minted OAuth access token when none is asked for, seconds. */
export const DEFAULT_OAUTH_ACCESS_TOKEN_SECONDS = 3600;

/** `scopes` as an array of strings or one space-separated string (OAuth's `scope` form). */
function readScopes(body: Record<string, unknown>): string[] {
  const value = body.scopes ?? body.scope;
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/\s+/).filter((s) => s !== '');
  if (Array.isArray(value) && value.every((s) => typeof s === 'string')) return value as string[];
  throw paramInvalid('scopes', 'expected an array of strings or a space-separated string');
}

export function registerOAuthAccessTokenRoutes(router: Router, ctx: BackendContext): void {
  router.post(
    '/__admin/oauth_access_tokens',
    async (c) => {
      const body = await c.body();
      const userId = requiredString(body, 'user_id');
      if (!userId.startsWith('user_') || !subjectExists(ctx.store, userId))
        throw paramInvalid('user_id', `no user ${userId}`);
      const clientId = requiredString(body, 'client_id');
      const scopes = readScopes(body);
      const seconds =
        optionalInteger(body, 'seconds_until_expiration', 1) ??
        optionalInteger(body, 'seconds', 1) ??
        DEFAULT_OAUTH_ACCESS_TOKEN_SECONDS;
      const format = optionalString(body, 'token_format') ?? 'opaque';
      if (format !== 'opaque' && format !== 'jwt') throw paramInvalid('token_format', "expected 'opaque' or 'jwt'");
      const now = ctx.clock();
      const token: OAuthAccessTokenRecord = {
        id: newId('oat_'),
        client_id: clientId,
        subject: userId,
        scopes,
        revoked: false,
        revocation_reason: null,
        expiration: expirationFrom(now, seconds),
        created_at: now,
        updated_at: now,
      };
      if (format === 'jwt') {
        // An `at+jwt` access token (RFC 9068 style), verified offline; not stored, so it cannot be revoked.
        const iat = Math.floor(now / 1000);
        const jwt = await signMachineJwt(
          {
            iss: ctx.url(),
            sub: userId,
            client_id: clientId,
            scope: scopes.join(' '),
            iat,
            nbf: iat,
            exp: iat + seconds,
            jti: token.id,
          },
          ctx.keys.current(),
          'at+jwt',
        );
        return json(oauthAccessTokenJSON(token, now, jwt));
      }
      const secret = generateOpaqueSecret('oat_');
      await ctx.store.transact((tx) => {
        tx.put(OAUTH_ACCESS_TOKENS, token);
        tx.put<SecretIndex>(OAUTH_ACCESS_TOKEN_SECRETS, { id: hashSecret(secret), record_id: token.id });
      });
      return json(oauthAccessTokenJSON(token, now, secret));
    },
    { access: 'admin', unversioned: true },
  );

  router.post(
    '/__admin/oauth_access_tokens/{token_id}/revoke',
    async (c) => {
      const body = await c.body();
      const reason = nullableString(body, 'revocation_reason') ?? null;
      const now = ctx.clock();
      const token = await ctx.store.transact((tx) => {
        const current = tx.get<OAuthAccessTokenRecord>(OAUTH_ACCESS_TOKENS, c.param('token_id'));
        if (!current) throw notFound('OAuth access token');
        const next: OAuthAccessTokenRecord = current.revoked
          ? current
          : { ...current, revoked: true, revocation_reason: reason, updated_at: now };
        tx.put(OAUTH_ACCESS_TOKENS, next);
        return next;
      });
      return json(oauthAccessTokenJSON(token, now));
    },
    { access: 'admin', unversioned: true },
  );

  router.post('/oauth_applications/access_tokens/verify', async (c) => {
    const body = await c.body();
    const secret = requiredString(body, 'access_token');
    const now = ctx.clock();
    const token = secret.startsWith('oat_')
      ? findBySecret<OAuthAccessTokenRecord>(ctx.store, OAUTH_ACCESS_TOKEN_SECRETS, OAUTH_ACCESS_TOKENS, secret)
      : undefined;
    return json(oauthAccessTokenJSON(requireActiveCredential(token, now, 'OAuth token'), now));
  });
}
