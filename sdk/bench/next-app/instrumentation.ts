// Telemetry for the bench's "authlens, telemetry on" server only: the batch OTLP/protobuf exporter, to the devtools.
export async function register(): Promise<void> {
  const endpoint = process.env.BENCH_DEVTOOLS_URL;
  if (process.env.NEXT_RUNTIME === 'nodejs' && endpoint) {
    const { registerAuthlensTelemetry } = await import('@authlens/otel/register');
    registerAuthlensTelemetry({
      serviceName: 'authlens-bench',
      otlp: { endpoint, protocol: 'http/protobuf' },
      devtools: false,
    });
  }
}
