// `@authlens/otel/register`: the OpenTelemetry SDK packages it runs on are optional peer dependencies, loaded here
// so that a missing one is a `TelemetryDependencyError` naming it when `registerAuthlensTelemetry()` is called; the
// optional gRPC exporters likewise, when the environment asks for grpc.
import type { AuthlensTelemetry } from './authlens-telemetry.js';
import { grpcRequested, loadGrpcExporters } from './grpc-exporters.js';
import { loadNodeRegistration } from './load-node-registration.js';
import type { RegisterAuthlensTelemetryOptions } from './resolve-export-targets.js';

export type { AuthlensTelemetry } from './authlens-telemetry.js';
export { ProvidersScope } from './providers-scope.js';
export {
  DEFAULT_DEVTOOLS_URL,
  type ExportTargets,
  type OtlpOptions,
  OtlpProtocol,
  type RegisterAuthlensTelemetryOptions,
  resolveExportTargets,
  type SignalTarget,
} from './resolve-export-targets.js';
export { SDK_PEERS } from './sdk-peers.js';
export { TelemetryConfigError, type TelemetryConfigErrorCode } from './telemetry-config-error.js';
export { TelemetryDependencyError, type TelemetryDependencyErrorCode } from './telemetry-dependency-error.js';

const register = await loadNodeRegistration();
// The gRPC exporters (and @grpc/grpc-js) load only for an environment that asks for grpc, as platforms set it.
const grpc = typeof process !== 'undefined' && grpcRequested(process.env) ? await loadGrpcExporters() : undefined;

/**
 * Starts the OpenTelemetry Node SDK for an app that uses authlens, from `instrumentation.ts`'s `register()`: OTLP
 * trace and metric export to the collector the standard `OTEL_*` variables name (`grpc` through the official gRPC
 * exporters when installed, else `http/protobuf`, said once) and, in development, to the local devtools. A tracer or
 * meter provider the app registered first (`@vercel/otel`, Sentry) is used instead of a second one, and one log line
 * says so. Calling it again returns the running instance. Throws `TelemetryDependencyError`
 * (`ERR_AUTHLENS_OTEL_SDK_MISSING`) when an OpenTelemetry SDK package it needs is not installed, and
 * `TelemetryConfigError` for a setting that cannot work.
 */
export function registerAuthlensTelemetry(options: RegisterAuthlensTelemetryOptions = {}): AuthlensTelemetry {
  return register(options, { grpc });
}
