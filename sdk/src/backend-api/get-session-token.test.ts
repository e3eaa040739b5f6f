import { verifyToken } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendApiError } from './backend-api-error.js';
import { createBackendApiClient } from './create-backend-api-client.js';
import { startLocalBackend } from './test-support/local-backend.js';

let backend: Awaited<ReturnType<typeof startLocalBackend>>;
let sessionId: string;
let userId: string;

beforeAll(async () => {
  backend = await startLocalBackend();
  const [alice] = await backend.admin.call('GET', '/v1/users?username=alice');
  userId = alice.id;
  sessionId = (await backend.admin.call('POST', '/v1/sessions', { user_id: userId })).id;
});
afterAll(() => backend.close());

const api = () => createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url });
const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8'));

describe('getSessionToken', () => {
  it('mints a session token that @clerk/backend verifies with the jwtKey', async () => {
    const { data: jwt, meta } = await api().getSessionTokenResult(sessionId);
    expect(meta.pathTemplate).toBe('/v1/sessions/{session_id}/tokens');
    // @clerk/backend 3's verifyToken resolves with the payload (and throws when invalid).
    const payload = await verifyToken(jwt, { jwtKey: backend.jwtKey });
    expect(payload).toMatchObject({ sub: userId, sid: sessionId });
  });

  it('honours expiresInSeconds', async () => {
    const claims = decode(await api().getSessionToken(sessionId, undefined, { expiresInSeconds: 300 }));
    expect(claims.exp - claims.iat).toBe(300);
  });

  it('mints a JWT-template token with the template’s claims', async () => {
    await backend.admin.call('POST', '/v1/jwt_templates', {
      name: 'supabase',
      claims: { role: 'authenticated', uid: '{{user.id}}' },
      lifetime: 120,
    });
    const { data: jwt, meta } = await api().getSessionTokenResult(sessionId, 'supabase');
    expect(meta.pathTemplate).toBe('/v1/sessions/{session_id}/tokens/{template}');
    expect(decode(jwt)).toMatchObject({ role: 'authenticated', uid: userId });
  });

  it('fails with a typed error for an unknown session, and for an unknown template', async () => {
    const unknown = await api()
      .getSessionToken('sess_doesnotexist')
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(BackendApiError);
    expect((unknown as BackendApiError).code).toBe('ERR_BACKEND_API_NOT_FOUND');
    const noTemplate = await api()
      .getSessionToken(sessionId, 'no-such-template')
      .catch((e: unknown) => e);
    expect(noTemplate).toBeInstanceOf(BackendApiError);
    expect(noTemplate).toMatchObject({ code: 'ERR_BACKEND_API_NOT_FOUND', status: 404 });
  });
});
