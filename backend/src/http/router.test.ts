import { describe, expect, it } from 'vitest';
import { Router } from './router.js';

const ok = () => new Response('ok');

describe('Router', () => {
  it('serves a versioned route with and without /v1 and names it with /v1', () => {
    const router = new Router().get('/users/{user_id}', ok);
    for (const path of ['/v1/users/user_1', '/users/user_1']) {
      const result = router.match('GET', path);
      expect(result.kind).toBe('found');
      if (result.kind !== 'found') continue;
      expect(result.match.params).toEqual({ user_id: 'user_1' });
      expect(result.match.route.name).toBe('GET /v1/users/{user_id}');
    }
  });

  it('prefers literal segments over parameters', () => {
    const router = new Router().get('/users/{user_id}', ok).get('/users/count', ok);
    const result = router.match('GET', '/v1/users/count');
    expect(result.kind === 'found' && result.match.route.name).toBe('GET /v1/users/count');
  });

  it('serves unversioned routes only at their exact path', () => {
    const router = new Router().get('/__admin/counters', ok, { unversioned: true });
    expect(router.match('GET', '/__admin/counters').kind).toBe('found');
    expect(router.match('GET', '/v1/__admin/counters').kind).toBe('not_found');
  });

  it('tells a wrong method from an unknown path', () => {
    const router = new Router().get('/jwks', ok);
    expect(router.match('DELETE', '/v1/jwks').kind).toBe('method_not_allowed');
    expect(router.match('GET', '/v1/nothing').kind).toBe('not_found');
  });

  it('decodes parameters and refuses malformed escapes', () => {
    const router = new Router().get('/organizations/{organization_id}', ok);
    const result = router.match('GET', '/organizations/acme%20inc');
    expect(result.kind === 'found' && result.match.params.organization_id).toBe('acme inc');
    expect(router.match('GET', '/organizations/%E0%A4%A').kind).toBe('not_found');
  });

  it('refuses to register a route twice', () => {
    const router = new Router().get('/jwks', ok);
    expect(() => router.get('/jwks', ok)).toThrow(/twice/);
  });
});
