import type { DevtoolsError } from '../errors.js';
import { CONTENT_TYPE_JSON, CONTENT_TYPE_PROTOBUF, type OtlpEncoding } from './media-type.js';
import { otlpProto } from './otlp-proto.js';

export type OtlpSignal = 'traces' | 'metrics';

/**
 * The OTLP/HTTP success response, in the request's encoding: `{}` (or an empty protobuf
 * Export…ServiceResponse), with `partialSuccess` when some items were rejected.
 */
export function otlpSuccessResponse(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  rejected: number,
  headers?: HeadersInit,
): Response {
  const partialSuccess =
    rejected === 0
      ? undefined
      : signal === 'traces'
        ? { rejectedSpans: rejected, errorMessage: `${rejected} span(s) had an invalid trace or span id` }
        : { rejectedDataPoints: rejected, errorMessage: `${rejected} metric(s) of an unsupported type were skipped` };
  const message = partialSuccess ? { partialSuccess } : {};
  const responseHeaders = new Headers(headers);
  if (encoding === 'json') {
    responseHeaders.set('content-type', CONTENT_TYPE_JSON);
    return new Response(JSON.stringify(message), { status: 200, headers: responseHeaders });
  }
  const proto = otlpProto();
  const type = signal === 'traces' ? proto.ExportTraceServiceResponse : proto.ExportMetricsServiceResponse;
  responseHeaders.set('content-type', CONTENT_TYPE_PROTOBUF);
  return new Response(new Uint8Array(type.encode(type.fromObject(message)).finish()), {
    status: 200,
    headers: responseHeaders,
  });
}

/** gRPC status codes used in OTLP error bodies (google.rpc.Status.code). */
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_PERMISSION_DENIED = 7;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_UNAUTHENTICATED = 16;
const GRPC_CODE_OF_STATUS: Record<number, number> = {
  401: GRPC_UNAUTHENTICATED,
  403: GRPC_PERMISSION_DENIED,
  413: GRPC_RESOURCE_EXHAUSTED,
};

/**
 * An OTLP/HTTP error response: a `google.rpc.Status` in the request's encoding (JSON when the encoding is
 * unknown), carrying the error's message; the JSON form also names the error's stable `code`.
 */
export function otlpErrorResponse(
  error: DevtoolsError,
  encoding: OtlpEncoding | undefined,
  headers?: HeadersInit,
): Response {
  const status = {
    code: GRPC_CODE_OF_STATUS[error.status] ?? GRPC_INVALID_ARGUMENT,
    message: error.message,
  };
  const responseHeaders = new Headers(headers);
  if (encoding === 'protobuf') {
    responseHeaders.set('content-type', CONTENT_TYPE_PROTOBUF);
    const type = otlpProto().Status;
    return new Response(new Uint8Array(type.encode(type.fromObject(status)).finish()), {
      status: error.status,
      headers: responseHeaders,
    });
  }
  responseHeaders.set('content-type', CONTENT_TYPE_JSON);
  return new Response(JSON.stringify({ ...status, error: error.code }), {
    status: error.status,
    headers: responseHeaders,
  });
}
