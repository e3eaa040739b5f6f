/**
 * The JSON carries every field @clerk/backend's `fromJSON` constructors read (`Machine`, `M2MToken`, `APIKey`,
 * `IdPOAuthAccessToken`); the end-to-end tests in test/ parse it with the real client.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store.js';
import type { ApiKeyRecord, M2MTokenRecord, MachineRecord, OAuthAccessTokenRecord } from './records.js';
import { apiKeyJSON, instanceIdFor, m2mTokenJSON, machineJSON, oauthAccessTokenJSON } from './resource-json.js';

const lifetime = { revoked: false, revocation_reason: null, expiration: 5000, created_at: 1000, updated_at: 1000 };
const keys = (o: object) => Object.keys(o).sort();

describe('resource JSON', () => {
  it('machines: every field, scoped machines nested one level, secret key only when asked', async () => {
    const store = createMemoryStore();
    const base = { default_token_ttl: 3600, secret_key: 'ak_s', created_at: 1, updated_at: 2 };
    const target: MachineRecord = { id: 'mch_t', name: 'target', scoped_machine_ids: [], ...base };
    const caller: MachineRecord = { id: 'mch_c', name: 'caller', scoped_machine_ids: ['mch_t', 'mch_gone'], ...base };
    await store.transact((tx) => {
      tx.put('machines', target);
      tx.put('machines', caller);
    });
    const json = machineJSON(caller, store, 'ins_1');
    expect(keys(json)).toEqual(
      [
        'object',
        'id',
        'name',
        'instance_id',
        'created_at',
        'updated_at',
        'default_token_ttl',
        'scoped_machines',
      ].sort(),
    );
    expect(json).toMatchObject({ object: 'machine', instance_id: 'ins_1' });
    expect(json.scoped_machines).toEqual([
      {
        object: 'machine',
        id: 'mch_t',
        name: 'target',
        instance_id: 'ins_1',
        created_at: 1,
        updated_at: 2,
        default_token_ttl: 3600,
        scoped_machines: [],
      },
    ]);
    expect(machineJSON(caller, store, 'ins_1', { withSecretKey: true }).secret_key).toBe('ak_s');
  });

  it('M2M tokens report expiry from the clock and carry the secret only when given', () => {
    const record: M2MTokenRecord = { id: 'mt_1', subject: 'mch_c', scopes: ['mch_t'], claims: { a: 1 }, ...lifetime };
    const json = m2mTokenJSON(record, 4999);
    expect(keys(json)).toEqual(
      [
        'object',
        'id',
        'subject',
        'scopes',
        'claims',
        'revoked',
        'revocation_reason',
        'expired',
        'expiration',
        'created_at',
        'updated_at',
      ].sort(),
    );
    expect(json).toMatchObject({ object: 'machine_to_machine_token', expired: false });
    expect(m2mTokenJSON(record, 5000, 'mt_secret')).toMatchObject({ expired: true, token: 'mt_secret' });
  });

  it('API keys and OAuth access tokens', () => {
    const key: ApiKeyRecord = {
      id: 'ak_1',
      name: 'ci',
      subject: 'user_1',
      description: null,
      scopes: ['s'],
      claims: null,
      created_by: null,
      ...lifetime,
    };
    expect(keys(apiKeyJSON(key, 0))).toEqual(
      [
        'object',
        'id',
        'type',
        'name',
        'subject',
        'scopes',
        'claims',
        'revoked',
        'revocation_reason',
        'expired',
        'expiration',
        'created_by',
        'description',
        'last_used_at',
        'created_at',
        'updated_at',
      ].sort(),
    );
    expect(apiKeyJSON(key, 0, 'ak_secret')).toMatchObject({ object: 'api_key', type: 'api_key', secret: 'ak_secret' });
    const oat: OAuthAccessTokenRecord = {
      id: 'oat_1',
      client_id: 'c',
      subject: 'user_1',
      scopes: ['profile'],
      ...lifetime,
    };
    expect(keys(oauthAccessTokenJSON(oat, 0))).toEqual(
      [
        'object',
        'id',
        'client_id',
        'type',
        'subject',
        'scopes',
        'revoked',
        'revocation_reason',
        'expired',
        'expiration',
        'created_at',
        'updated_at',
      ].sort(),
    );
    expect(oauthAccessTokenJSON(oat, 0)).toMatchObject({ object: 'clerk_idp_oauth_access_token', type: 'oauth_token' });
  });

  it('derives a stable instance id', () => {
    expect(instanceIdFor('pk_test_abc')).toBe(instanceIdFor('pk_test_abc'));
    expect(instanceIdFor('pk_test_abc')).toMatch(/^ins_[0-9a-f]{27}$/);
    expect(instanceIdFor('pk_test_abd')).not.toBe(instanceIdFor('pk_test_abc'));
  });
});
