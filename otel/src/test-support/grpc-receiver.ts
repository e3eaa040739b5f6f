import { Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';

export interface GrpcExport {
  /** The gRPC method, like `/opentelemetry.proto.collector.trace.v1.TraceService/Export`. */
  readonly path: string;
  /** The request message, protobuf-encoded, as it came over the wire. */
  readonly body: Buffer;
}

export interface GrpcReceiver {
  /** `http://127.0.0.1:<port>`, what `OTEL_EXPORTER_OTLP_ENDPOINT` holds for gRPC. */
  readonly url: string;
  readonly received: GrpcExport[];
  waitFor(path: string, timeoutMs?: number): Promise<GrpcExport>;
  close(): Promise<void>;
}

export const GRPC_TRACES = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
export const GRPC_METRICS = '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export';

/**
 * A real OTLP/gRPC collector on 127.0.0.1 (HTTP/2, `@grpc/grpc-js`) for the trace and metrics Export methods: it keeps
 * each request's raw bytes and answers with an empty (successful) response message.
 */
export async function startGrpcReceiver(): Promise<GrpcReceiver> {
  const received: GrpcExport[] = [];
  const server = new Server();
  const raw = (path: string) => ({
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: (b: Buffer) => b,
    requestDeserialize: (b: Buffer) => b,
    responseSerialize: (b: Buffer) => b,
    responseDeserialize: (b: Buffer) => b,
  });
  for (const path of [GRPC_TRACES, GRPC_METRICS]) {
    const service = { Export: raw(path) } as ServiceDefinition;
    server.addService(service, {
      Export: (call: { request: Buffer }, callback: (error: null, response: Buffer) => void) => {
        received.push({ path, body: call.request });
        callback(null, Buffer.alloc(0));
      },
    });
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async waitFor(path, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = received.find((r) => r.path === path);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(
        `no gRPC ${path} within ${timeoutMs} ms (got ${received.map((r) => r.path).join(', ') || 'nothing'})`,
      );
    },
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
