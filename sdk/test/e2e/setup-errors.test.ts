/** Errors a developer meets: auth() where the middleware did not run, and a failing Backend API in currentUser(). */
import { afterEach, describe, expect, it } from 'vitest';
import { appFetch, json } from './support/app.js';
import { backendApi, sessionFor } from './support/backend.js';

describe('setup and Backend API errors', () => {
  afterEach(() => backendApi('/__admin/faults', { method: 'DELETE' }));

  it('auth() on a route outside the matcher → ERR_AUTH_MIDDLEWARE_MISSING, naming proxy.ts/middleware.ts and the matcher', async () => {
    const res = await appFetch('/outside-middleware.csv');
    expect(res.status).toBe(500);
    const body = await json(res);
    expect(body.code).toBe('ERR_AUTH_MIDDLEWARE_MISSING');
    expect(body.message).toContain('proxy.ts');
    expect(body.message).toContain('middleware.ts');
    expect(body.message).toContain('matcher');
    // Headers that look like a handoff do not help there: they are not signed with the instance's key.
    const forged = await json(
      await appFetch('/outside-middleware.csv', { headers: { 'x-authlens-auth': 'e30.AAAA' } }),
    );
    expect(forged.code).toBe('ERR_AUTH_HANDOFF_INVALID');
  });

  it('currentUser() with the Backend API failing → a typed error with the status and trace id', async () => {
    const bob = await sessionFor('bob');
    await backendApi('/__admin/faults', {
      method: 'PUT',
      body: { route: 'GET /v1/users/{user_id}', errorRate: 1, status: 503 },
    });
    const res = await appFetch('/api/user/errors', { cookie: bob.token });
    expect(res.status).toBe(502);
    expect(await json(res)).toMatchObject({
      status: 503,
      hasTraceId: true,
      code: 'ERR_BACKEND_API_SERVER_ERROR',
    });
    await backendApi('/__admin/faults', { method: 'DELETE' });
    expect(await json(await appFetch('/api/user/errors', { cookie: bob.token }))).toEqual({ id: bob.userId });
  });
});
