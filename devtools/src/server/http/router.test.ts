import { describe, expect, it } from 'vitest';
import { Router } from './router.js';

const handler = new Router()
  .add('GET', '/api/requests', () => new Response('list'))
  .add('GET', '/api/requests/:id', (_request, params) => new Response(`one ${params.id}`))
  .add('POST', '/v1/traces', () => new Response('traces'))
  .handler((_request, _params, url) => new Response(`fallback ${url.pathname}`, { status: 404 }));

const call = async (method: string, path: string) => {
  const response = await handler(new Request(`http://devtools.test${path}`, { method }));
  return [response.status, await response.text()];
};

describe('Router', () => {
  it('matches method and path segments, decoding parameters', async () => {
    expect(await call('GET', '/api/requests')).toEqual([200, 'list']);
    expect(await call('GET', '/api/requests/')).toEqual([200, 'list']);
    expect(await call('GET', '/api/requests/req%2F1?x=1')).toEqual([200, 'one req/1']);
    expect((await call('HEAD', '/api/requests'))[0]).toBe(200); // node:http drops the body of a HEAD answer
    expect(await call('POST', '/v1/traces')).toEqual([200, 'traces']);
  });

  it('answers 405 for a known path with another method, and falls back otherwise', async () => {
    const [status, body] = await call('DELETE', '/api/requests/1');
    expect(status).toBe(405);
    expect(JSON.parse(body as string)).toMatchObject({ error: 'ERR_METHOD_NOT_ALLOWED' });
    expect(await call('GET', '/api/requests/1/extra')).toEqual([404, 'fallback /api/requests/1/extra']);
    expect(await call('GET', '/api/requests/%E0%A4%A')).toEqual([404, 'fallback /api/requests/%E0%A4%A']);
  });
});
