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
  it('lets any origin send OTLP from a browser (preflight and response headers)', async () => {
    const handler = withCors(inner, 'any-origin');
    const answer = await handler(preflight('https://app.example.com'));
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
    expect(answer.headers.get('access-control-allow-headers')).toBe('content-type, traceparent');
    const response = await handler(
      new Request('http://devtools.test/v1/traces', { method: 'POST', headers: { origin: 'https://app.example.com' } }),
    );
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('x-inner')).toBe('1');
  });

  it('lets only loopback pages read the API', async () => {
    const handler = withCors(inner, 'loopback-origins');
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:3000']) {
      expect((await handler(preflight(origin))).status).toBe(204);
      const response = await handler(new Request('http://devtools.test/api/requests', { headers: { origin } }));
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
