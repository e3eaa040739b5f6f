// OpenTelemetry for the example: authlens' spans and metrics over OTLP (the standard OTEL_* variables), and in
// development to the local devtools too. The runtime guard keeps the Node SDK out of the edge bundle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerAuthlensTelemetry } = await import('@authlens/otel/register');
    registerAuthlensTelemetry();
  }
}
