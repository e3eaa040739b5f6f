import { TelemetryConfigError } from './telemetry-config-error.js';

/**
 * Whose telemetry a registration's providers carry. `global`: they become the process's OpenTelemetry providers, so
 * Next.js traces its own handling of every request (and any instrumented library records) into the same exporters.
 * `authlens`: they are kept for authlens's spans and metrics alone; Next.js finds no provider and does not trace.
 */
export const ProvidersScope = { global: 'global', authlens: 'authlens' } as const;
export type ProvidersScope = (typeof ProvidersScope)[keyof typeof ProvidersScope];

const ENV = 'AUTHLENS_TELEMETRY_PROVIDERS';

/**
 * The `providers` option, else `AUTHLENS_TELEMETRY_PROVIDERS`, else `global`; checked, because a typo would otherwise
 * change what is exported without a word.
 */
export function providersScope(option: unknown, env: Readonly<Record<string, string | undefined>>): ProvidersScope {
  const [value, setting] = option !== undefined ? [option, 'providers'] : [env[ENV]?.trim() || undefined, ENV];
  if (value === undefined) return ProvidersScope.global;
  if (value === ProvidersScope.global || value === ProvidersScope.authlens) return value;
  throw new TelemetryConfigError(
    'ERR_AUTHLENS_TELEMETRY_PROVIDERS',
    setting,
    `${setting} must be 'global' or 'authlens', not ${JSON.stringify(value)}.`,
  );
}
