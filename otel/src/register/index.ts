export type { AuthlensTelemetry } from './authlens-telemetry.js';
export { registerAuthlensTelemetry } from './register-authlens-telemetry.js';
export {
  DEFAULT_DEVTOOLS_URL,
  type ExportTargets,
  type OtlpOptions,
  OtlpProtocol,
  type RegisterAuthlensTelemetryOptions,
  resolveExportTargets,
  type SignalTarget,
} from './resolve-export-targets.js';
export { TelemetryConfigError, type TelemetryConfigErrorCode } from './telemetry-config-error.js';
