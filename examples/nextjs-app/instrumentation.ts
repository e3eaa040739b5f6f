// OpenTelemetry for the example: authlens' spans and metrics over OTLP (the standard OTEL_* variables), and in
// development to the local devtools too. One import per runtime keeps the Node SDK out of the edge bundle; the edge
// registration traces the middleware when it runs on the edge runtime (a `middleware.ts` file).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerAuthlensTelemetry } = await import('@authlens/otel/register');
    registerAuthlensTelemetry();
  } else if (process.env.NEXT_RUNTIME === 'edge') {
    const { registerAuthlensTelemetry } = await import('@authlens/otel/register/edge');
    registerAuthlensTelemetry();
  }
}
