import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchJwksLoader, jwksUrl } from './fetch-jwks.js';
import { testKeyPair } from './test-support/mint.js';

const SECRET = 'sk_test_fetch_jwks';
let server: Server;
let baseUrl: string;
const seen: { url: string; auth: string | undefined }[] = [];

beforeAll(async () => {
  const pair = testKeyPair();
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${SECRET}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"code":"clerk_key_invalid"}]}');
      return;
    }
    if (req.url === '/v1/jwks' || req.url === '/proxy/v1/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [pair.jwk] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('not json');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('createFetchJwksLoader', () => {
  it('builds {apiUrl}/{version}/jwks, keeping a path prefix', () => {
    expect(jwksUrl('https://api.clerk.com')).toBe('https://api.clerk.com/v1/jwks');
    expect(jwksUrl('http://127.0.0.1:9/proxy/', 'v1')).toBe('http://127.0.0.1:9/proxy/v1/jwks');
  });

  it('GETs the JWKS with the secret key as Bearer', async () => {
    const jwks = await createFetchJwksLoader({ secretKey: SECRET, apiUrl: baseUrl })();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: testKeyPair().kid });
    expect(seen.at(-1)).toEqual({ url: '/v1/jwks', auth: `Bearer ${SECRET}` });
    expect((await createFetchJwksLoader({ secretKey: SECRET, apiUrl: `${baseUrl}/proxy` })()).keys).toHaveLength(1);
  });

  it('fails with key_unavailable, without the secret in the message, on 401, bad JSON or no server', async () => {
    const wrong = createFetchJwksLoader({ secretKey: 'sk_test_wrong', apiUrl: baseUrl });
    await expect(wrong()).rejects.toMatchObject({ reason: 'key_unavailable', message: expect.stringContaining('401') });
    await expect(wrong()).rejects.not.toMatchObject({ message: expect.stringContaining('sk_test_wrong') });
    await expect(
      createFetchJwksLoader({ secretKey: SECRET, apiUrl: baseUrl, apiVersion: 'v9' })(),
    ).rejects.toMatchObject({
      reason: 'key_unavailable',
    });
    await expect(createFetchJwksLoader({ secretKey: SECRET, apiUrl: 'http://127.0.0.1:1' })()).rejects.toMatchObject({
      code: 'ERR_TOKEN_KEY_UNAVAILABLE',
    });
  });

  it('needs a secret key', () => {
    expect(() => createFetchJwksLoader({ secretKey: '' })).toThrow(/secret key/);
  });
});
