import { isLoopbackOrigin } from './loopback-origin.js';
import type { FetchHandler } from './node-handler.js';

/**
 * CORS for browser callers: answers preflight (`OPTIONS`) with 204 for pages served from loopback (the dashboard,
 * the in-app panel, a dev app's browser exporter) and 403 for any other origin, and adds
 * `Access-Control-Allow-Origin` to responses for loopback origins only, so a web page elsewhere can neither read
 * the decisions nor get a preflighted request through. Requests that skip preflight are not stopped here: an
 * endpoint with side effects also needs `refuseForeignOrigins`.
 */
export function withCors(handler: FetchHandler): FetchHandler {
  return async (request) => {
    const origin = request.headers.get('origin');
    const allowed = origin !== null && isLoopbackOrigin(origin);
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
