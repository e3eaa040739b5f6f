import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenOriginError, IngestUnauthorizedError } from '../errors.js';
import { isLoopbackOrigin } from '../http/loopback-origin.js';
import type { FetchHandler } from '../http/node-handler.js';
import { type OtlpEncoding, otlpEncodingOf } from '../otlp/media-type.js';
import { otlpErrorResponse } from '../otlp/otlp-response.js';

export interface IngestGuardOptions {
  /** When set, every OTLP request must carry `Authorization: Bearer <ingestToken>`. */
  ingestToken?: string;
}

/**
 * Decides who may send telemetry, before a byte of the body is read. A browser always sends `Origin` with a
 * cross-origin POST — also with the "simple" requests that skip CORS preflight (`text/plain`, `no-cors`) — so a
 * foreign `Origin` is refused with 403 whatever the method or content type; otherwise any web page the developer
 * opens could inject or evict dashboard rows. Exporters in server processes send no `Origin` and pass. With an
 * ingest token, the bearer token is required too (compared in constant time).
 */
export function guardIngest(handler: FetchHandler, options: IngestGuardOptions = {}): FetchHandler {
  const expected = options.ingestToken === undefined ? undefined : digest(options.ingestToken);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin !== null && !isLoopbackOrigin(origin)) {
      return otlpErrorResponse(
        new ForbiddenOriginError(
          'telemetry from a browser page is accepted only from loopback origins (localhost, 127.x, [::1])',
        ),
        encodingOf(request),
      );
    }
    if (expected !== undefined) {
      const presented = /^Bearer +(\S+) *$/i.exec(request.headers.get('authorization') ?? '')?.[1];
      if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
        return otlpErrorResponse(
          new IngestUnauthorizedError('this receiver needs its ingest token: send Authorization: Bearer <token>'),
          encodingOf(request),
          { 'www-authenticate': 'Bearer realm="authlens-devtools"' },
        );
      }
    }
    return handler(request);
  };
}

// Digests have one length whatever was presented, so the comparison neither throws nor leaks the token's length.
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function encodingOf(request: Request): OtlpEncoding | undefined {
  try {
    return otlpEncodingOf(request.headers.get('content-type'));
  } catch {
    return undefined;
  }
}
