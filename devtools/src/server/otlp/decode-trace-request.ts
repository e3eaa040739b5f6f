import { decodeProtobufBody, parseJsonBody } from './decode-otlp-body.js';
import type { OtlpEncoding } from './media-type.js';
import { normaliseTraceRequest } from './normalise-trace-request.js';
import { otlpProto } from './otlp-proto.js';
import { type ProtobufTraceRequest, spansFromProtobuf } from './protobuf-trace-request.js';
import type { DecodedTraces } from './received-span.js';

/** Decodes an (already decompressed) OTLP `ExportTraceServiceRequest` body, JSON or protobuf, into spans. */
export function decodeTraceRequest(body: Uint8Array, encoding: OtlpEncoding): DecodedTraces {
  if (encoding === 'json') return normaliseTraceRequest(parseJsonBody(body));
  const message = decodeProtobufBody(body, otlpProto().ExportTraceServiceRequest);
  return spansFromProtobuf(message as unknown as ProtobufTraceRequest);
}
