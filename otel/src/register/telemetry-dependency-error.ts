import { sdkInstallCommand } from './sdk-peers.js';

export type TelemetryDependencyErrorCode = 'ERR_AUTHLENS_OTEL_SDK_MISSING';

/**
 * `registerAuthlensTelemetry()` was called where the OpenTelemetry SDK packages it runs on (optional peer
 * dependencies of `@authlens/otel`) are not installed. The message names the missing package and the install command.
 */
export class TelemetryDependencyError extends Error {
  override readonly name = 'TelemetryDependencyError';
  readonly code: TelemetryDependencyErrorCode = 'ERR_AUTHLENS_OTEL_SDK_MISSING';
  /** The package that could not be loaded, like `@opentelemetry/sdk-node`. */
  readonly missingPackage: string;

  constructor(missingPackage: string, options?: { cause?: unknown }) {
    super(
      `@authlens/otel/register needs the OpenTelemetry SDK, which the app installs (optional peer dependencies of ` +
        `@authlens/otel): ${missingPackage} is not installed. Install the SDK packages with: ${sdkInstallCommand()}`,
      options,
    );
    this.missingPackage = missingPackage;
  }
}

/**
 * The package a failed `import()` could not find, when the failure is exactly that (Node's `ERR_MODULE_NOT_FOUND`,
 * a bundler's `MODULE_NOT_FOUND`); `undefined` for any other error, which must not be disguised as a missing package.
 */
export function missingPackageOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const specifier = /Cannot find (?:package|module) '([^']+)'/.exec(error.message)?.[1];
  if (specifier === undefined || specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  // A bare specifier's package: `@scope/name` or `name`, without a subpath.
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
