import { decodeOtlpBody } from './decode-otlp-body.js';
import type { OtlpEncoding } from './media-type.js';
import { normaliseMetricsRequest } from './normalise-metrics-request.js';
import { otlpProto } from './otlp-proto.js';
import type { DecodedMetrics } from './received-span.js';

/** Decodes an (already decompressed) OTLP `ExportMetricsServiceRequest` body, JSON or protobuf, into points. */
export function decodeMetricsRequest(body: Uint8Array, encoding: OtlpEncoding): DecodedMetrics {
  return normaliseMetricsRequest(decodeOtlpBody(body, encoding, otlpProto().ExportMetricsServiceRequest));
}
