// `@authlens/otel/register/edge`: the same call for Next's edge runtime, with nothing of the Node SDK in its imports.
export type { AuthlensTelemetry } from './authlens-telemetry.js';
export { ProvidersScope } from './providers-scope.js';
export { registerAuthlensEdgeTelemetry as registerAuthlensTelemetry } from './register-edge-telemetry.js';
export {
  DEFAULT_DEVTOOLS_URL,
  type ExportTargets,
  type OtlpOptions,
  OtlpProtocol,
  type RegisterAuthlensTelemetryOptions,
  type SignalTarget,
} from './resolve-export-targets.js';
export { TelemetryConfigError, type TelemetryConfigErrorCode } from './telemetry-config-error.js';
