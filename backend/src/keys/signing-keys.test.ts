import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store.js';
import { signJwt } from './sign-jwt.js';
import { SigningKeys } from './signing-keys.js';

describe('SigningKeys', () => {
  it('signs RS256 JWTs that the published key verifies', async () => {
    const keys = new SigningKeys(createMemoryStore(), Date.now);
    await keys.ensure();
    const key = keys.current();
    const jwt = await signJwt({ sub: 'user_1' }, key);
    const [h, p, sig] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'RS256', kid: key.kid, typ: 'JWT' });
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toEqual({ sub: 'user_1' });
    const [jwk] = keys.published();
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: jwk!.n, e: jwk!.e }, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig, 'base64url'))).toBe(true);
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('keeps a rotated key published for its overlap window only, then prunes it at the next rotation', async () => {
    let now = 1_000_000;
    const store = createMemoryStore();
    const keys = new SigningKeys(store, () => now);
    await keys.ensure();
    const first = keys.current().kid;
    const { kid: second, retiredKid } = await keys.rotate(60_000);
    expect(retiredKid).toBe(first);
    expect(keys.current().kid).toBe(second);
    expect(keys.published().map((k) => k.kid)).toEqual([second, first]);
    now += 60_000;
    expect(keys.published().map((k) => k.kid)).toEqual([second]);
    await keys.rotate(0);
    expect(store.list('signing_keys').map((k) => k.id)).not.toContain(first);
  });

  it('creates the first key once', async () => {
    const store = createMemoryStore();
    const keys = new SigningKeys(store, Date.now);
    await Promise.all([keys.ensure(), keys.ensure()]);
    expect(keys.published()).toHaveLength(1);
  });
});
