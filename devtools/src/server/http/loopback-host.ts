import type { FetchHandler } from './node-handler.js';

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?$/i;

/** Whether `host` (a listen address) is a loopback one. */
export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Refuses (421) requests whose `Host` header is not a loopback name. A server bound to loopback is only reachable
 * from this machine, but a web page can still point a DNS name it controls at 127.0.0.1 (DNS rebinding) and read
 * same-origin from it; such requests carry that name as their `Host`, so they are turned away here.
 */
export function requireLoopbackHost(handler: FetchHandler): FetchHandler {
  return (request) => {
    const host = request.headers.get('host') ?? '';
    if (LOOPBACK_HOST.test(host)) return handler(request);
    return Response.json(
      { error: 'ERR_MISDIRECTED_HOST', message: 'the devtools only answer requests addressed to localhost' },
      { status: 421 },
    );
  };
}
