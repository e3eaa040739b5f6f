export type TelemetryConfigErrorCode =
  | 'ERR_AUTHLENS_OTLP_PROTOCOL'
  | 'ERR_AUTHLENS_OTLP_ENDPOINT'
  | 'ERR_AUTHLENS_OTLP_HEADERS'
  | 'ERR_AUTHLENS_TELEMETRY_PROVIDERS';

/** A telemetry setting that cannot work, found before anything starts. The message names the setting to fix. */
export class TelemetryConfigError extends Error {
  override readonly name = 'TelemetryConfigError';
  readonly code: TelemetryConfigErrorCode;
  /** The option or environment variable that holds the bad value. */
  readonly setting: string;

  constructor(code: TelemetryConfigErrorCode, setting: string, message: string) {
    super(message);
    this.code = code;
    this.setting = setting;
  }
}
