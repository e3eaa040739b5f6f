import { decodeProtobufBody, parseJsonBody } from './decode-otlp-body.js';
import type { OtlpEncoding } from './media-type.js';
import { normaliseMetricsRequest } from './normalise-metrics-request.js';
import { otlpProto, TO_OTLP_OBJECT } from './otlp-proto.js';
import type { DecodedMetrics } from './received-span.js';

/**
 * Decodes an (already decompressed) OTLP `ExportMetricsServiceRequest` body, JSON or protobuf, into points.
 * Protobuf is turned into the OTLP/JSON object shape first (metrics are few; one normaliser is enough).
 */
export function decodeMetricsRequest(body: Uint8Array, encoding: OtlpEncoding): DecodedMetrics {
  if (encoding === 'json') return normaliseMetricsRequest(parseJsonBody(body));
  const type = otlpProto().ExportMetricsServiceRequest;
  return normaliseMetricsRequest(type.toObject(decodeProtobufBody(body, type), TO_OTLP_OBJECT));
}
