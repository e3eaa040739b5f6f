import { describe, expect, it } from 'vitest';
import { withCors } from './cors.js';

const inner = () => new Response('ok', { headers: { 'x-inner': '1' } });

function preflight(origin: string) {
  return new Request('http://devtools.test/v1/traces', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, traceparent',
    },
  });
}

describe('withCors', () => {
  it('lets only loopback pages call through CORS (Hardening finding 6: OTLP too, not any origin)', async () => {
    const handler = withCors(inner);
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:3000']) {
      expect((await handler(preflight(origin))).status).toBe(204);
      const response = await handler(new Request('http://devtools.test/v1/traces', { headers: { origin } }));
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      expect((await handler(preflight(origin))).status).toBe(403);
      const response = await handler(new Request('http://devtools.test/api/requests', { headers: { origin } }));
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    // Same-origin requests (the dashboard itself) carry no Origin and pass untouched.
    expect(await (await handler(new Request('http://devtools.test/api/requests'))).text()).toBe('ok');
  });
});
