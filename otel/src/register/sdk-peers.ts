/**
 * The OpenTelemetry SDK packages `@authlens/otel/register` runs on: optional peer dependencies of `@authlens/otel`
 * (the app installs them, so its OpenTelemetry SDK is one copy shared with anything else it registers). The ranges
 * are the package's `peerDependencies`; a test holds the two equal.
 */
export const SDK_PEERS: Readonly<Record<string, string>> = Object.freeze({
  '@opentelemetry/core': '^2.12.0',
  '@opentelemetry/exporter-metrics-otlp-http': '^0.223.0',
  '@opentelemetry/exporter-metrics-otlp-proto': '^0.223.0',
  '@opentelemetry/exporter-trace-otlp-http': '^0.223.0',
  '@opentelemetry/exporter-trace-otlp-proto': '^0.223.0',
  '@opentelemetry/otlp-exporter-base': '^0.223.0',
  '@opentelemetry/otlp-transformer': '^0.223.0',
  '@opentelemetry/resources': '^2.12.0',
  '@opentelemetry/sdk-metrics': '^2.12.0',
  '@opentelemetry/sdk-node': '^0.223.0',
  '@opentelemetry/sdk-trace-base': '^2.12.0',
});

/** The command that installs every SDK peer at its supported range. */
export function sdkInstallCommand(): string {
  return `npm install ${Object.entries(SDK_PEERS)
    .map(([name, range]) => `${name}@${range}`)
    .join(' ')}`;
}
