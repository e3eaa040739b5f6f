import { afterEach, describe, expect, it } from 'vitest';
import { BackendApiError } from './backend-api-error.js';
import { type BackendCallMeta, createBackendRequester } from './request.js';
import { asObject, requiredString } from './resources/read-json.js';
import { type SeenRequest, sendJson, startRawServer } from './test-support/raw-server.js';

const SECRET = 'sk_test_rawServerSecret123';
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(answer: Parameters<typeof startRawServer>[0]) {
  const server = await startRawServer(answer);
  close = server.close;
  return server;
}

async function failure(promise: Promise<unknown>): Promise<BackendApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackendApiError);
  const typed = error as BackendApiError;
  expect(typed.message).not.toContain(SECRET);
  return typed;
}

describe('createBackendRequester: the wire', () => {
  it('sends the secret key as Bearer, JSON, the version prefix, encoded path params and repeated query params', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { ok: true }));
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: `${server.url}/` });
    await requester.request({
      method: 'POST',
      path: '/users/{user_id}/things',
      pathParams: { user_id: 'user_a/b?c' },
      query: { email_address: ['a', 'b'], limit: 10, skip: undefined },
      body: { public_metadata: { camelCase: true } },
    });
    const seen = server.seen[0] as SeenRequest;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/v1/users/user_a%2Fb%3Fc/things?email_address=a&email_address=b&limit=10');
    expect(seen.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['clerk-api-version']).toBe('2026-05-12');
    expect(JSON.parse(seen.body)).toEqual({ public_metadata: { camelCase: true } });
  });

  it('leaves the version prefix out for unversioned routes and reports the template without ids', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { id: 'mt_1' }));
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
    const unversioned = await requester.request({
      method: 'POST',
      path: '/m2m_tokens/verify',
      versioned: false,
      body: {},
    });
    expect(server.seen[0]?.url).toBe('/m2m_tokens/verify');
    expect(unversioned.meta.pathTemplate).toBe('/m2m_tokens/verify');
    const user = await requester.request({
      method: 'GET',
      path: '/users/{user_id}',
      pathParams: { user_id: 'user_123' },
    });
    expect(user.meta.pathTemplate).toBe('/v1/users/{user_id}');
    expect(JSON.stringify(user.meta)).not.toContain('user_123');
  });

  it('sends nothing without a usable secret key or with an empty path param', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const noKey = createBackendRequester({ secretKey: undefined, apiUrl: server.url });
    const missing = await failure(noKey.request({ method: 'GET', path: '/jwks' }));
    expect(missing.code).toBe('ERR_BACKEND_API_INVALID_ARGUMENT');
    expect(missing.message).toContain('CLERK_SECRET_KEY');
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
    const empty = await failure(
      requester.request({ method: 'GET', path: '/users/{user_id}', pathParams: { user_id: '' } }),
    );
    expect(empty.code).toBe('ERR_BACKEND_API_INVALID_ARGUMENT');
    const dots = await failure(
      requester.request({ method: 'GET', path: '/users/{user_id}', pathParams: { user_id: '..' } }),
    );
    expect(dots.code).toBe('ERR_BACKEND_API_INVALID_ARGUMENT');
    expect(server.seen).toHaveLength(0);
  });

  it('rejects an API URL that is not absolute http(s)', () => {
    expect(() => createBackendRequester({ secretKey: SECRET, apiUrl: 'api.clerk.com' })).toThrow(BackendApiError);
    expect(() => createBackendRequester({ secretKey: SECRET, apiUrl: 'ftp://api.clerk.com' })).toThrow(
      /must use http or https/,
    );
    expect(() => createBackendRequester({ secretKey: SECRET, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createBackendRequester({ secretKey: SECRET, maxRetryAfterSeconds: -1 })).toThrow(/maxRetryAfter/);
  });
});

describe('createBackendRequester: answers that are not what a call expects', () => {
  it("maps a proxy's HTML 502 to ERR_BACKEND_API_SERVER_ERROR with the cf-ray as trace id", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'cf-ray': '8a1b2c3d-AMS' });
      res.end('<html>Bad gateway</html>');
    });
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
    const error = await failure(requester.request({ method: 'GET', path: '/jwks' }));
    expect(error.code).toBe('ERR_BACKEND_API_SERVER_ERROR');
    expect(error.status).toBe(502);
    expect(error.clerkTraceId).toBe('8a1b2c3d-AMS');
    expect(error.errors).toEqual([]);
  });

  it('maps a 2xx that is not JSON to ERR_BACKEND_API_BAD_RESPONSE', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    });
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
    const error = await failure(requester.request({ method: 'GET', path: '/jwks' }));
    expect(error.code).toBe('ERR_BACKEND_API_BAD_RESPONSE');
    expect(error.status).toBe(200);
  });

  it('maps JSON of the wrong shape to ERR_BACKEND_API_BAD_RESPONSE naming the field, not its value', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { object: 'token', jwt: 42 }));
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
    const error = await failure(
      requester.request({
        method: 'POST',
        path: '/sessions/{session_id}/tokens',
        pathParams: { session_id: 'sess_1' },
        read: (data) => requiredString(asObject(data, 'token'), 'token', 'jwt'),
      }),
    );
    expect(error.code).toBe('ERR_BACKEND_API_BAD_RESPONSE');
    expect(error.message).toContain('token.jwt is not a non-empty string');
  });

  it('retries a 429 whose Retry-After is an HTTP date within the bound', async () => {
    const server = await serve((_req, res, index) => {
      if (index === 0) {
        sendJson(
          res,
          429,
          { errors: [{ code: 'too_many_requests', message: 'slow' }] },
          {
            'retry-after': new Date(Date.now() + 1000).toUTCString(),
          },
        );
      } else sendJson(res, 200, { keys: [] });
    });
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
    const result = await requester.request({ method: 'GET', path: '/jwks' });
    expect(result.meta.retries).toBe(1);
    expect(result.meta.retryAfter).toBeGreaterThanOrEqual(0);
    expect(server.seen).toHaveLength(2);
  });

  it('does not retry a 429 without Retry-After (the wait is unknown)', async () => {
    const server = await serve((_req, res) => sendJson(res, 429, { errors: [{ code: 'too_many_requests' }] }));
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
    const error = await failure(requester.request({ method: 'GET', path: '/jwks' }));
    expect(error.code).toBe('ERR_BACKEND_API_RATE_LIMITED');
    expect(error.retryAfter).toBeNull();
    expect(error.retries).toBe(0);
    expect(server.seen).toHaveLength(1);
  });

  it('times out a server that stalls in the middle of the body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys": [');
    });
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url, timeoutMs: 200 });
    const error = await failure(requester.request({ method: 'GET', path: '/jwks' }));
    expect(error.code).toBe('ERR_BACKEND_API_TIMEOUT');
  });
});

describe('createBackendRequester: callers and observers', () => {
  it("stops at the caller's abort with ERR_BACKEND_API_ABORTED", async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
    const controller = new AbortController();
    const pending = requester.request({ method: 'POST', path: '/things', body: {}, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).code).toBe('ERR_BACKEND_API_ABORTED');
  });

  it('lets one caller of a shared GET give up without failing the others', async () => {
    const server = await serve((_req, res) => setTimeout(() => sendJson(res, 200, { keys: [] }), 150));
    const requester = createBackendRequester({ secretKey: SECRET, apiUrl: server.url });
    const controller = new AbortController();
    const quitter = requester.request({ method: 'GET', path: '/jwks', signal: controller.signal });
    const stayer = requester.request({ method: 'GET', path: '/jwks' });
    controller.abort();
    expect((await failure(quitter)).code).toBe('ERR_BACKEND_API_ABORTED');
    const result = await stayer;
    expect(result.data).toEqual({ keys: [] });
    expect(result.meta.coalesced).toBe(true);
    expect(server.seen).toHaveLength(1);
  });

  it('reports every sent call to instrument and onResponse once, with its facts, on success and failure', async () => {
    const server = await serve((req, res) =>
      req.url === '/v1/jwks'
        ? sendJson(
            res,
            200,
            { keys: [] },
            { 'ratelimit-limit': '100', 'ratelimit-remaining': '99', 'ratelimit-reset': '10' },
          )
        : sendJson(res, 404, { errors: [{ code: 'resource_not_found' }], clerk_trace_id: 'trace_404' }),
    );
    const wrapped: string[] = [];
    const seen: Array<[BackendCallMeta, BackendApiError | null]> = [];
    const requester = createBackendRequester({
      secretKey: SECRET,
      apiUrl: server.url,
      instrument: async (call, run) => {
        wrapped.push(`${call.method} ${call.pathTemplate}`);
        return run();
      },
      onResponse: (meta, error) => seen.push([meta, error]),
    });
    await Promise.all([
      requester.request({ method: 'GET', path: '/jwks' }),
      requester.request({ method: 'GET', path: '/jwks' }),
    ]);
    await failure(requester.request({ method: 'GET', path: '/users/{user_id}', pathParams: { user_id: 'user_x' } }));
    expect(wrapped).toEqual(['GET /v1/jwks', 'GET /v1/users/{user_id}']);
    expect(seen.map(([meta, error]) => [meta.pathTemplate, meta.status, error?.code ?? null])).toEqual([
      ['/v1/jwks', 200, null],
      ['/v1/users/{user_id}', 404, 'ERR_BACKEND_API_NOT_FOUND'],
    ]);
    expect(seen[0]?.[0].rateLimit).toMatchObject({ limit: 100, remaining: 99, resetSeconds: 10 });
    expect(seen[1]?.[0].clerkTraceId).toBe('trace_404');
  });
});
