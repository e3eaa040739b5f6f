/**
 * M2M tokens (`/m2m_tokens`, opaque `mt_…`). A machine creates tokens with its machine secret key; the token's
 * scopes are the machines it may call. Verification and revocation accept the instance secret key (any token) or a
 * machine secret key (verify: tokens that grant access to that machine; revoke/list: that machine's own tokens).
 */
import type { BackendContext } from '../context.js';
import { ApiError, notFound, paramInvalid, paramMissing, unauthorized } from '../http/api-error.js';
import {
  nullableString,
  optionalInteger,
  optionalObject,
  optionalString,
  queryInteger,
  requiredString,
} from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { newId } from '../store/ids.js';
import { findBySecret, requireActiveCredential } from './find-credential.js';
import { hashSecret } from './hash-secret.js';
import { authenticateMachineCaller, type MachineCaller } from './machine-caller.js';
import { customClaims, signMachineJwt } from './machine-jwt.js';
import { generateOpaqueSecret } from './opaque-secret.js';
import {
  M2M_TOKEN_SECRETS,
  M2M_TOKENS,
  type M2MTokenRecord,
  MACHINES,
  type MachineRecord,
  type SecretIndex,
} from './records.js';
import { m2mTokenJSON } from './resource-json.js';
import { expirationFrom, tokenStatus } from './token-lifetime.js';

const M2M_TOKEN_ID_PREFIX = 'mt_';

function queryBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false') throw paramInvalid(name, 'expected true or false');
  return raw === 'true';
}

export function registerM2MTokenRoutes(router: Router, ctx: BackendContext): void {
  const caller = (bearer: string | undefined): MachineCaller => authenticateMachineCaller(ctx, bearer);

  router.post(
    '/m2m_tokens',
    async (c) => {
      const who = caller(c.bearer);
      if (who.kind !== 'machine') {
        throw unauthorized(
          'Creating an M2M token requires a machine secret key (createClerkClient({ machineSecretKey })).',
        );
      }
      const body = await c.body();
      const format = optionalString(body, 'token_format') ?? 'opaque';
      if (format !== 'opaque' && format !== 'jwt') throw paramInvalid('token_format', "expected 'opaque' or 'jwt'");
      const seconds = optionalInteger(body, 'seconds_until_expiration', 1);
      const claims = optionalObject(body, 'claims') ?? null;
      const now = ctx.clock();
      const machine = ctx.store.get<MachineRecord>(MACHINES, who.machine.id);
      if (!machine) throw unauthorized('The machine of this secret key no longer exists.');
      const id = newId(M2M_TOKEN_ID_PREFIX);
      // No lifetime given: the machine's default token TTL, as Clerk does.
      const expiration = expirationFrom(now, seconds ?? machine.default_token_ttl);
      const record: M2MTokenRecord = {
        id,
        subject: machine.id,
        scopes: [...machine.scoped_machine_ids],
        claims,
        revoked: false,
        revocation_reason: null,
        expiration,
        created_at: now,
        updated_at: now,
      };
      if (format === 'jwt') {
        // Like Clerk, JWT-format tokens are not stored: they verify offline and cannot be listed or revoked.
        const iat = Math.floor(now / 1000);
        const jwt = await signMachineJwt(
          {
            ...customClaims(claims),
            iss: ctx.url(),
            sub: machine.id,
            ...(record.scopes.length > 0 ? { aud: record.scopes, scopes: record.scopes.join(' ') } : {}),
            iat,
            nbf: iat,
            exp: Math.floor((expiration ?? now) / 1000),
            jti: id,
          },
          ctx.keys.current(),
          'JWT',
        );
        return json(m2mTokenJSON(record, now, jwt));
      }
      const secret = generateOpaqueSecret('mt_');
      await ctx.store.transact((tx) => {
        tx.put(M2M_TOKENS, record);
        tx.put<SecretIndex>(M2M_TOKEN_SECRETS, { id: hashSecret(secret), record_id: record.id });
      });
      return json(m2mTokenJSON(record, now, secret));
    },
    { access: 'handler' },
  );

  router.post(
    '/m2m_tokens/verify',
    async (c) => {
      const who = caller(c.bearer);
      const body = await c.body();
      const secret = requiredString(body, 'token');
      const now = ctx.clock();
      let token = secret.startsWith('mt_')
        ? findBySecret<M2MTokenRecord>(ctx.store, M2M_TOKEN_SECRETS, M2M_TOKENS, secret)
        : undefined;
      // A token of a deleted machine, or one that does not grant access to the verifying machine, is not valid here.
      if (token && !ctx.store.get<MachineRecord>(MACHINES, token.subject)) token = undefined;
      if (token && who.kind === 'machine' && !token.scopes.includes(who.machine.id)) token = undefined;
      return json(m2mTokenJSON(requireActiveCredential(token, now, 'machine token'), now));
    },
    { access: 'handler' },
  );

  router.post(
    '/m2m_tokens/{m2m_token_id}/revoke',
    async (c) => {
      const who = caller(c.bearer);
      const body = await c.body();
      const reason = nullableString(body, 'revocation_reason') ?? null;
      const id = c.param('m2m_token_id');
      const now = ctx.clock();
      const token = await ctx.store.transact((tx) => {
        const current = tx.get<M2MTokenRecord>(M2M_TOKENS, id);
        if (!current || (who.kind === 'machine' && current.subject !== who.machine.id)) throw notFound('machine token');
        if (current.revoked) return current;
        const next: M2MTokenRecord = { ...current, revoked: true, revocation_reason: reason, updated_at: now };
        tx.put(M2M_TOKENS, next);
        return next;
      });
      return json(m2mTokenJSON(token, now));
    },
    { access: 'handler' },
  );

  router.get(
    '/m2m_tokens',
    (c) => {
      const who = caller(c.bearer);
      const query = c.url.searchParams;
      const subject = query.get('subject');
      if (!subject) throw paramMissing('subject');
      if (who.kind === 'machine' && subject !== who.machine.id) {
        throw new ApiError(403, 'authorization_invalid', 'Forbidden', {
          longMessage: 'A machine secret key may only list the tokens of its own machine.',
        });
      }
      const revoked = queryBoolean(query, 'revoked');
      const expired = queryBoolean(query, 'expired');
      const limit = queryInteger(query, 'limit', 10, 1, 500);
      const offset = queryInteger(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const now = ctx.clock();
      const matching = ctx.store
        .list<M2MTokenRecord>(M2M_TOKENS)
        .filter((t) => t.subject === subject)
        .filter((t) => revoked === undefined || t.revoked === revoked)
        .filter((t) => expired === undefined || (tokenStatus({ ...t, revoked: false }, now) === 'expired') === expired)
        .sort((a, b) => b.created_at - a.created_at);
      return json({
        m2m_tokens: matching.slice(offset, offset + limit).map((t) => m2mTokenJSON(t, now)),
        total_count: matching.length,
      });
    },
    { access: 'handler' },
  );
}
