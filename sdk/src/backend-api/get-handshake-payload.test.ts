import { afterEach, describe, expect, it } from 'vitest';
import { createBackendApiClient } from './create-backend-api-client.js';
import { sendJson, startRawServer } from './test-support/raw-server.js';

let server: Awaited<ReturnType<typeof startRawServer>> | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('getHandshakePayload', () => {
  it('asks GET /v1/clients/handshake_payload?nonce= with the secret key and returns the directives', async () => {
    server = await startRawServer((_req, res) => sendJson(res, 200, { directives: ['__session=x; Path=/'] }));
    const client = createBackendApiClient({ secretKey: 'sk_test_hs', apiUrl: server.url });
    expect(await client.getHandshakePayload('nonce_1/2')).toEqual({ directives: ['__session=x; Path=/'] });
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/v1/clients/handshake_payload?nonce=nonce_1%2F2' });
    expect(server.seen[0]?.headers.authorization).toBe('Bearer sk_test_hs');
  });

  it('rejects a payload without a list of strings with ERR_BACKEND_API_BAD_RESPONSE', async () => {
    server = await startRawServer((_req, res) => sendJson(res, 200, { directives: [1] }));
    const client = createBackendApiClient({ secretKey: 'sk_test_hs', apiUrl: server.url });
    await expect(client.getHandshakePayload('n')).rejects.toMatchObject({ code: 'ERR_BACKEND_API_BAD_RESPONSE' });
  });

  it('rejects an unknown nonce with the API error', async () => {
    server = await startRawServer((_req, res) => sendJson(res, 404, { errors: [{ code: 'resource_not_found' }] }));
    const client = createBackendApiClient({ secretKey: 'sk_test_hs', apiUrl: server.url });
    await expect(client.getHandshakePayload('n')).rejects.toMatchObject({ status: 404 });
  });
});
