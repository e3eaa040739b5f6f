import protobuf from 'protobufjs';
import { packageRoot } from '../package-root.js';

/**
 * The OTLP protobuf messages the devtools use, loaded once from `proto/otlp.proto`, which ships with the
 * package (a subset of opentelemetry-proto written by this project).
 */
export interface OtlpProto {
  ExportTraceServiceRequest: protobuf.Type;
  ExportTraceServiceResponse: protobuf.Type;
  ExportMetricsServiceRequest: protobuf.Type;
  ExportMetricsServiceResponse: protobuf.Type;
  Status: protobuf.Type;
}

let loaded: OtlpProto | undefined;

export function otlpProto(): OtlpProto {
  if (loaded) return loaded;
  const root = protobuf.loadSync(new URL('proto/otlp.proto', packageRoot).pathname);
  const type = (name: string) => root.lookupType(`authlens.otlp.${name}`);
  loaded = {
    ExportTraceServiceRequest: type('ExportTraceServiceRequest'),
    ExportTraceServiceResponse: type('ExportTraceServiceResponse'),
    ExportMetricsServiceRequest: type('ExportMetricsServiceRequest'),
    ExportMetricsServiceResponse: type('ExportMetricsServiceResponse'),
    Status: type('Status'),
  };
  return loaded;
}

/** How protobuf messages are turned into the OTLP/JSON shape the shared normalisers read. */
export const TO_OTLP_OBJECT: protobuf.IConversionOptions = { longs: String, enums: Number, bytes: String };
