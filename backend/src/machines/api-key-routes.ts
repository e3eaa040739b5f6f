/**
 * API keys (`/api_keys`, `ak_…`) that users and organizations hand to their own clients. Managed and verified with
 * the instance secret key. Secrets are returned once, at creation, and stored only as hashes.
 */
import type { BackendContext } from '../context.js';
import { ApiError, notFound, paramInvalid } from '../http/api-error.js';
import {
  nullableString,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringArray,
  queryInteger,
  requiredString,
} from '../http/params.js';
import { json, paginated } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { newId } from '../store/ids.js';
import type { ReadView } from '../store/store.js';
import { findBySecret, requireActiveCredential } from './find-credential.js';
import { hashSecret } from './hash-secret.js';
import { generateOpaqueSecret } from './opaque-secret.js';
import { API_KEY_SECRETS, API_KEYS, type ApiKeyRecord, type SecretIndex } from './records.js';
import { apiKeyJSON } from './resource-json.js';
import { subjectExists } from './subjects.js';
import { expirationFrom, tokenStatus } from './token-lifetime.js';

const API_KEY_ID_PREFIX = 'ak_';

function subjectOf(body: Record<string, unknown>, view: ReadView): string {
  const subject = requiredString(body, 'subject');
  if (!subject.startsWith('user_') && !subject.startsWith('org_')) {
    throw paramInvalid('subject', 'expected a user id (user_…) or an organization id (org_…)');
  }
  if (!subjectExists(view, subject)) throw paramInvalid('subject', `no user or organization ${subject}`);
  return subject;
}

function requireKey(view: ReadView, id: string): ApiKeyRecord {
  const key = view.get<ApiKeyRecord>(API_KEYS, id);
  if (!key) throw notFound('API key');
  return key;
}

export function registerApiKeyRoutes(router: Router, ctx: BackendContext): void {
  router.post('/api_keys', async (c) => {
    const body = await c.body();
    const name = requiredString(body, 'name');
    const subject = subjectOf(body, ctx.store);
    const description = nullableString(body, 'description') ?? null;
    const scopes = optionalStringArray(body, 'scopes') ?? [];
    const claims = optionalObject(body, 'claims') ?? null;
    const createdBy = nullableString(body, 'created_by') ?? null;
    const seconds = optionalInteger(body, 'seconds_until_expiration', 1);
    const secret = generateOpaqueSecret('ak_');
    const now = ctx.clock();
    const key: ApiKeyRecord = {
      id: newId(API_KEY_ID_PREFIX),
      name,
      subject,
      description,
      scopes,
      claims,
      created_by: createdBy,
      revoked: false,
      revocation_reason: null,
      expiration: expirationFrom(now, seconds),
      created_at: now,
      updated_at: now,
    };
    await ctx.store.transact((tx) => {
      tx.put(API_KEYS, key);
      tx.put<SecretIndex>(API_KEY_SECRETS, { id: hashSecret(secret), record_id: key.id });
    });
    return json(apiKeyJSON(key, now, secret));
  });

  router.get('/api_keys', (c) => {
    const query = c.url.searchParams;
    const subject = query.get('subject');
    const includeInvalid = query.get('include_invalid') === 'true';
    const limit = queryInteger(query, 'limit', 10, 1, 500);
    const offset = queryInteger(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const now = ctx.clock();
    const matching = ctx.store
      .list<ApiKeyRecord>(API_KEYS)
      .filter((k) => !subject || k.subject === subject)
      .filter((k) => includeInvalid || tokenStatus(k, now) === 'active')
      .sort((a, b) => b.created_at - a.created_at);
    return paginated(
      matching.slice(offset, offset + limit).map((k) => apiKeyJSON(k, now)),
      matching.length,
    );
  });

  router.post('/api_keys/verify', async (c) => {
    const body = await c.body();
    const secret = requiredString(body, 'secret');
    const now = ctx.clock();
    const key = secret.startsWith('ak_')
      ? findBySecret<ApiKeyRecord>(ctx.store, API_KEY_SECRETS, API_KEYS, secret)
      : undefined;
    return json(apiKeyJSON(requireActiveCredential(key, now, 'API key'), now));
  });

  router.get('/api_keys/{api_key_id}', (c) =>
    json(apiKeyJSON(requireKey(ctx.store, c.param('api_key_id')), ctx.clock())),
  );

  router.get('/api_keys/{api_key_id}/secret', (c) => {
    requireKey(ctx.store, c.param('api_key_id'));
    throw new ApiError(400, 'api_key_secret_unavailable', 'The secret is not stored', {
      longMessage:
        'This local backend stores API key secrets only as hashes; the secret is returned once, on creation.',
    });
  });

  router.patch('/api_keys/{api_key_id}', async (c) => {
    const body = await c.body();
    const description = nullableString(body, 'description');
    const scopes = optionalStringArray(body, 'scopes');
    const claims = body.claims === null ? null : optionalObject(body, 'claims');
    const seconds =
      body.seconds_until_expiration === null ? null : optionalInteger(body, 'seconds_until_expiration', 1);
    const subject = optionalString(body, 'subject');
    const now = ctx.clock();
    const key = await ctx.store.transact((tx) => {
      const current = requireKey(tx, c.param('api_key_id'));
      if (subject !== undefined && subject !== current.subject) {
        throw paramInvalid('subject', 'the subject of an API key cannot change');
      }
      const next: ApiKeyRecord = {
        ...current,
        description: description === undefined ? current.description : description,
        scopes: scopes ?? current.scopes,
        claims: claims === undefined ? current.claims : claims,
        expiration: seconds === undefined ? current.expiration : expirationFrom(now, seconds),
        updated_at: now,
      };
      tx.put(API_KEYS, next);
      return next;
    });
    return json(apiKeyJSON(key, now));
  });

  router.post('/api_keys/{api_key_id}/revoke', async (c) => {
    const body = await c.body();
    const reason = nullableString(body, 'revocation_reason') ?? null;
    const now = ctx.clock();
    const key = await ctx.store.transact((tx) => {
      const current = requireKey(tx, c.param('api_key_id'));
      if (current.revoked) return current;
      const next: ApiKeyRecord = { ...current, revoked: true, revocation_reason: reason, updated_at: now };
      tx.put(API_KEYS, next);
      return next;
    });
    return json(apiKeyJSON(key, now));
  });

  router.delete('/api_keys/{api_key_id}', async (c) => {
    const id = c.param('api_key_id');
    await ctx.store.transact((tx) => {
      requireKey(tx, id);
      tx.delete(API_KEYS, id);
      for (const index of tx.list<SecretIndex>(API_KEY_SECRETS)) {
        if (index.record_id === id) tx.delete(API_KEY_SECRETS, index.id);
      }
    });
    return json({ object: 'api_key', id, deleted: true });
  });
}
