import { describe, expect, it } from 'vitest';
import { HandoffInvalidError } from '../errors.js';
import {
  type CryptoChoice,
  openInstanceKeys,
  openInstanceKeysCached,
  renderKeysFor,
  sealInstanceKeys,
} from './instance-keys.js';

const keys = { secretKey: 'sk_test_tenant_b_0123456789', apiUrl: 'https://api.tenant-b.test' };
const ENCRYPTION_KEY = 'a long random string shared by the middleware and the render';

async function rejection(promise: Promise<unknown>): Promise<HandoffInvalidError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HandoffInvalidError);
  return error as HandoffInvalidError;
}

describe('sealInstanceKeys / openInstanceKeys', () => {
  const pairs: Array<[CryptoChoice, CryptoChoice]> = [
    ['node', 'node'],
    ['web', 'web'],
    // Edge middleware seals with Web Crypto, the Node render opens with node:crypto (and back).
    ['web', 'node'],
    ['node', 'web'],
  ];
  it.each(pairs)('sealed with %s crypto, opened with %s crypto', async (sealWith, openWith) => {
    const sealed = await sealInstanceKeys(keys, ENCRYPTION_KEY, sealWith);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('tenant');
    expect(await openInstanceKeys(sealed, ENCRYPTION_KEY, openWith)).toEqual(keys);
  });

  it('seals with a fresh IV each time', async () => {
    expect(await sealInstanceKeys(keys, ENCRYPTION_KEY)).not.toBe(await sealInstanceKeys(keys, ENCRYPTION_KEY));
  });

  it('refuses another encryption key, a flipped bit, a truncated value and garbage, without saying what was inside', async () => {
    const sealed = await sealInstanceKeys(keys, ENCRYPTION_KEY);
    const wrongKey = await rejection(openInstanceKeys(sealed, 'another key'));
    expect(wrongKey.reason).toBe('undecryptable_keys');
    expect(wrongKey.message).not.toContain(keys.secretKey);
    const flipped = `${sealed.slice(0, 20)}${sealed[20] === 'A' ? 'B' : 'A'}${sealed.slice(21)}`;
    expect((await rejection(openInstanceKeys(flipped, ENCRYPTION_KEY))).reason).toBe('undecryptable_keys');
    expect((await rejection(openInstanceKeys(sealed.slice(0, 30), ENCRYPTION_KEY))).reason).toBe('undecryptable_keys');
    expect((await rejection(openInstanceKeys('', ENCRYPTION_KEY))).reason).toBe('undecryptable_keys');
  });

  it('openInstanceKeysCached opens each sealed value once, and forgets failures', async () => {
    const sealed = await sealInstanceKeys(keys, ENCRYPTION_KEY);
    const first = openInstanceKeysCached(sealed, ENCRYPTION_KEY);
    expect(openInstanceKeysCached(sealed, ENCRYPTION_KEY)).toBe(first);
    expect(await first).toEqual(keys);
    const failed = openInstanceKeysCached(sealed, 'wrong');
    await rejection(failed);
    expect(openInstanceKeysCached(sealed, 'wrong')).not.toBe(failed);
    await rejection(openInstanceKeysCached(sealed, 'wrong'));
  });
});

describe('renderKeysFor', () => {
  const env = { secretKey: 'sk_env', apiUrl: 'https://api.env.test', encryptionKey: ENCRYPTION_KEY };

  it('hands over nothing when the middleware uses the environment’s keys (the render reads them itself)', () => {
    expect(renderKeysFor({ secretKey: 'sk_env', apiUrl: 'https://api.env.test' }, env)).toEqual({
      sealedKeys: null,
      keysWithheld: false,
    });
  });

  it('seals keys given as options, once per configuration', async () => {
    const config = { ...keys };
    const first = renderKeysFor(config, env);
    expect(renderKeysFor(config, env)).toBe(first);
    const { sealedKeys, keysWithheld } = await first;
    expect(keysWithheld).toBe(false);
    expect(await openInstanceKeys(sealedKeys!, ENCRYPTION_KEY)).toEqual(keys);
    // Another Backend API URL alone is also the render's business.
    const otherUrl = await renderKeysFor({ secretKey: 'sk_env', apiUrl: 'https://api.other.test' }, env);
    expect(await openInstanceKeys(otherUrl.sealedKeys!, ENCRYPTION_KEY)).toEqual({
      secretKey: 'sk_env',
      apiUrl: 'https://api.other.test',
    });
  });

  it('withholds them when there is no CLERK_ENCRYPTION_KEY (nor CLERK_SECRET_KEY) to seal them with', () => {
    expect(renderKeysFor(keys, { ...env, encryptionKey: null })).toEqual({ sealedKeys: null, keysWithheld: true });
    expect(renderKeysFor(keys, { secretKey: null, apiUrl: keys.apiUrl, encryptionKey: null })).toEqual({
      sealedKeys: null,
      keysWithheld: true,
    });
  });
});
