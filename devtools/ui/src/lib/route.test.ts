import { describe, expect, it } from 'vitest';
import { pathFromRoute, routeFromPath } from './route.js';

describe('routes', () => {
  it('reads deep links by trace id or request id, and everything else as the list', () => {
    expect(routeFromPath('/requests/0af7651916cd43dd8448eb211c80319c')).toEqual({
      view: 'request',
      id: '0af7651916cd43dd8448eb211c80319c',
    });
    expect(routeFromPath('/requests/req%2F1/')).toEqual({ view: 'request', id: 'req/1' });
    expect(routeFromPath('/')).toEqual({ view: 'list' });
    expect(routeFromPath('/requests/')).toEqual({ view: 'list' });
    expect(routeFromPath('/requests/%E0%A4%A')).toEqual({ view: 'list' });
  });

  it('round-trips', () => {
    for (const id of ['0af7651916cd43dd8448eb211c80319c', 'req 1/2']) {
      expect(routeFromPath(pathFromRoute({ view: 'request', id }))).toEqual({ view: 'request', id });
    }
    expect(pathFromRoute({ view: 'list' })).toBe('/');
  });
});
