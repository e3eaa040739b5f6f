// Telemetry for the bench's telemetry-on servers only: the batch OTLP/protobuf exporter, to the devtools, with the
// providers BENCH_TELEMETRY_PROVIDERS names (kept for authlens, or global: then Next.js traces itself too).
// With BENCH_PROFILE_DIR (the profile bench), SIGUSR2 starts V8's sampling profiler and the next SIGUSR2 writes the
// profile there: only the measured requests are profiled, not the server's start.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const endpoint = process.env.BENCH_DEVTOOLS_URL;
  if (endpoint) {
    const { registerAuthlensTelemetry } = await import('@authlens/otel/register');
    registerAuthlensTelemetry({
      serviceName: 'authlens-bench',
      otlp: { endpoint, protocol: 'http/protobuf' },
      devtools: false,
      providers: process.env.BENCH_TELEMETRY_PROVIDERS === 'global' ? 'global' : 'authlens',
    });
  }
  const profileDir = process.env.BENCH_PROFILE_DIR;
  if (profileDir) {
    const { profileOnSignal } = await import('./profile-on-signal');
    profileOnSignal(profileDir);
  }
}
