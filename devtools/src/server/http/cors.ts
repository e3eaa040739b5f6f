import type { FetchHandler } from './node-handler.js';

/** Which origins may call a group of endpoints from a browser. */
export type CorsPolicy = 'any-origin' | 'loopback-origins';

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/i;

/**
 * CORS for browser callers: answers preflight (`OPTIONS`) with 204 and adds `Access-Control-Allow-Origin` to
 * responses for allowed origins. The OTLP receiver allows any origin (browser exporters of any dev app send to
 * it, and it only accepts data); the API only allows pages served from loopback (the dashboard and the in-app
 * panel), so a web page elsewhere cannot read the decisions.
 */
export function withCors(handler: FetchHandler, policy: CorsPolicy): FetchHandler {
  return async (request) => {
    const origin = request.headers.get('origin');
    const allowed = origin !== null && (policy === 'any-origin' || LOOPBACK_ORIGIN.test(origin));
    if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
      if (!allowed) return new Response(null, { status: 403 });
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? 'content-type',
          'access-control-max-age': '86400',
          vary: 'Origin',
        },
      });
    }
    const response = await handler(request);
    if (!allowed) return response;
    const headers = new Headers(response.headers);
    headers.set('access-control-allow-origin', origin);
    headers.append('vary', 'Origin');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
