import { decodeOtlpBody } from './decode-otlp-body.js';
import type { OtlpEncoding } from './media-type.js';
import { normaliseTraceRequest } from './normalise-trace-request.js';
import { otlpProto } from './otlp-proto.js';
import type { DecodedTraces } from './received-span.js';

/** Decodes an (already decompressed) OTLP `ExportTraceServiceRequest` body, JSON or protobuf, into spans. */
export function decodeTraceRequest(body: Uint8Array, encoding: OtlpEncoding): DecodedTraces {
  const object = decodeOtlpBody(body, encoding, otlpProto().ExportTraceServiceRequest);
  return normaliseTraceRequest(object, encoding === 'json' ? 'hex' : 'base64');
}
