import type { AuthlensTelemetry } from './authlens-telemetry.js';
import type { NodeRegistrationSupport } from './register-authlens-telemetry.js';
import type { RegisterAuthlensTelemetryOptions } from './resolve-export-targets.js';
import { missingPackageOf, TelemetryDependencyError } from './telemetry-dependency-error.js';

export type NodeRegistration = (
  options?: RegisterAuthlensTelemetryOptions,
  support?: NodeRegistrationSupport,
) => AuthlensTelemetry;

/**
 * Loads the Node registration and the OpenTelemetry SDK it imports. When an SDK package is not installed, the result
 * is a registration that throws `TelemetryDependencyError` naming it, so importing `@authlens/otel/register` still
 * works (its types, `resolveExportTargets`, the errors) and the call says what to install.
 */
export async function loadNodeRegistration(
  load: () => Promise<{ registerAuthlensTelemetry: NodeRegistration }> = () =>
    import('./register-authlens-telemetry.js'),
): Promise<NodeRegistration> {
  try {
    return (await load()).registerAuthlensTelemetry;
  } catch (error) {
    const missing = missingPackageOf(error);
    if (missing === undefined) throw error;
    const dependencyError = new TelemetryDependencyError(missing, { cause: error });
    return () => {
      throw dependencyError;
    };
  }
}
