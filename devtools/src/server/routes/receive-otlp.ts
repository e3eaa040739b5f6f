import { DevtoolsError } from '../errors.js';
import type { ForwardItem } from '../forward/forwarder.js';
import { decodeContentEncoding } from '../otlp/decode-content-encoding.js';
import { decodeMetricsRequest } from '../otlp/decode-metrics-request.js';
import { decodeTraceRequest } from '../otlp/decode-trace-request.js';
import { type OtlpEncoding, otlpEncodingOf } from '../otlp/media-type.js';
import { type OtlpSignal, otlpErrorResponse, otlpSuccessResponse } from '../otlp/otlp-response.js';
import { readBody } from '../otlp/read-body.js';
import type { ReceivedMetricPoint, ReceivedSpan } from '../otlp/received-span.js';

export interface ReceiveOtlpDeps {
  /** Raw and decompressed bodies larger than this are refused with 413. */
  maxBodyBytes: number;
  ingestSpans: (spans: ReceivedSpan[]) => void;
  ingestPoints: (points: ReceivedMetricPoint[]) => void;
  /** Called with the request exactly as received once it decoded, for `--forward`. */
  forward?: (item: ForwardItem) => void;
  /** Called for every accepted request (for the counters of `/healthz`). */
  onAccepted?: (info: AcceptedRequest) => void;
}

export interface AcceptedRequest {
  signal: OtlpSignal;
  encoding: OtlpEncoding;
  gzip: boolean;
  bytes: number;
}

/**
 * `POST /v1/traces` and `POST /v1/metrics`: OTLP/HTTP in JSON or protobuf, optionally gzip-compressed. The whole
 * body is decoded before anything is stored, so a bad request (400/413/415) changes nothing.
 */
export function receiveOtlp(signal: OtlpSignal, deps: ReceiveOtlpDeps) {
  const path = `/v1/${signal}`;
  return async (request: Request): Promise<Response> => {
    let encoding: OtlpEncoding | undefined;
    try {
      const contentType = request.headers.get('content-type');
      encoding = otlpEncodingOf(contentType);
      const raw = await readBody(request, deps.maxBodyBytes);
      const contentEncoding = request.headers.get('content-encoding');
      const body = await decodeContentEncoding(raw, contentEncoding, deps.maxBodyBytes);
      let rejected: number;
      if (signal === 'traces') {
        const decoded = decodeTraceRequest(body, encoding);
        deps.ingestSpans(decoded.spans);
        rejected = decoded.rejected;
      } else {
        const decoded = decodeMetricsRequest(body, encoding);
        deps.ingestPoints(decoded.points);
        rejected = decoded.rejected;
      }
      const item: ForwardItem = { path, body: raw, contentType: contentType! };
      if (contentEncoding) item.contentEncoding = contentEncoding;
      deps.forward?.(item);
      deps.onAccepted?.({ signal, encoding, gzip: body !== raw, bytes: raw.byteLength });
      return otlpSuccessResponse(signal, encoding, rejected);
    } catch (error) {
      if (error instanceof DevtoolsError) return otlpErrorResponse(error, encoding);
      throw error;
    }
  };
}
