import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.js';
import { createMemoryStore } from '../store/memory-store.js';
import { findBySecret, requireActiveCredential } from './find-credential.js';
import { hashSecret } from './hash-secret.js';

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('findBySecret', () => {
  it('finds a record through the hash index only', async () => {
    const store = createMemoryStore();
    await store.transact((tx) => {
      tx.put('tokens', { id: 'mt_1', revoked: false, expiration: null });
      tx.put('token_secrets', { id: hashSecret('mt_secret'), record_id: 'mt_1' });
    });
    expect(findBySecret(store, 'token_secrets', 'tokens', 'mt_secret')?.id).toBe('mt_1');
    expect(findBySecret(store, 'token_secrets', 'tokens', 'mt_other')).toBeUndefined();
    // The id is not a credential.
    expect(findBySecret(store, 'token_secrets', 'tokens', 'mt_1')).toBeUndefined();
  });
});

describe('requireActiveCredential', () => {
  const record = { id: 'x', revoked: false, expiration: 2000 };

  it('returns an active credential', () => {
    expect(requireActiveCredential(record, 1000, 'machine token')).toBe(record);
  });

  it('answers 404 resource_not_found with the reason in meta for unknown, revoked and expired', () => {
    const cases = [
      [undefined, 1000, 'not_found', 'could not be found'],
      [{ ...record, revoked: true }, 1000, 'revoked', 'has been revoked'],
      [record, 2000, 'expired', 'has expired'],
    ] as const;
    for (const [candidate, now, reason, words] of cases) {
      const error = refusal(() => requireActiveCredential(candidate, now, 'API key'));
      expect(error.status).toBe(404);
      expect(error.code).toBe('resource_not_found');
      expect(error.meta).toEqual({ reason });
      expect(error.longMessage).toBe(`The API key ${words}.`);
    }
  });
});
