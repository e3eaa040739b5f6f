import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendApiClient } from './create-backend-api-client.js';
import { startLocalBackend } from './test-support/local-backend.js';

let backend: Awaited<ReturnType<typeof startLocalBackend>>;
beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(() => backend.close());

describe('loadJwks', () => {
  it("loads the instance's public keys: the printed jwtKey is one of them", async () => {
    const api = createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url });
    const { data, meta } = await api.loadJwksResult();
    expect(meta.pathTemplate).toBe('/v1/jwks');
    expect(data.keys.length).toBeGreaterThan(0);
    for (const key of data.keys) expect(key).toMatchObject({ kty: 'RSA', kid: expect.any(String) });
    const pem = createPublicKey(backend.jwtKey).export({ format: 'jwk' });
    expect(data.keys.some((key) => key.n === pem.n && key.e === pem.e)).toBe(true);
  });

  it('keeps the rotated-out key next to the new one', async () => {
    const api = createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url });
    const before = await api.loadJwks();
    await backend.admin.call('POST', '/__admin/keys/rotate');
    const after = await api.loadJwks();
    const kids = (jwks: typeof after) => jwks.keys.map((k) => (k as { kid: string }).kid);
    expect(kids(after)).toEqual(expect.arrayContaining(kids(before)));
    expect(after.keys.length).toBe(before.keys.length + 1);
  });
});
