// Where authlens's CPU goes under `next start`: the bench app served by the pass-through proxy, by authlens
// (`clerkMiddleware()` + `auth()`, telemetry off) and by authlens with telemetry on (the batch OTLP/protobuf exporter
// to the devtools; the providers kept for authlens, or global with BENCH_TELEMETRY_PROVIDERS=global), each profiled with V8's sampling profiler over the same requests (one repeated token, so the
// verified-token cache answers). Each original source file's share of the samples times the server's measured CPU per
// request (from /proc, over the same requests) gives its CPU per request. Two differences are printed: authlens over
// the pass-through, and telemetry on over off. Each splits into authlens's own files (sdk/src, otel, jose), the crypto
// it calls, and the rest — Next's, undici's, Node's and the OpenTelemetry SDK's work (with global telemetry, Next
// traces its own request too). The profiler costs every server alike; other load on the machine moves the rest more than the
// rows of authlens's files. Work off the main thread (GC helpers, the exporter's socket) is in the CPU figures but not
// in the profile's rows. ~3 min.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevtools } from '@authlens/devtools';
import { selfTimeBySource } from './support/cpu-profile-by-source.mjs';
import {
  buildApp,
  load,
  profileWhile,
  startServer,
  stopLoad,
  stopServer,
  tokenFile,
  treeCpuMs,
} from './support/next-bench-app.mjs';

const REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 10_000);
const WARM_UP = 1500;
const ROWS = 25;
const OTHER_ROWS = Number(process.env.BENCH_PROFILE_OTHER_ROWS ?? 12);

buildApp();
const work = mkdtempSync(join(tmpdir(), 'authlens-next-profile-'));
const devtools = await startDevtools({ port: 0 });
try {
  const tokens = tokenFile(work, 'repeated', ['user_repeated']);
  const profiles = {};
  // One server at a time: the profiles see the same machine.
  for (const [name, extraEnv, expectUser] of [
    ['pass', { BENCH_VARIANT: 'pass' }, false],
    ['authlens', { BENCH_VARIANT: 'authlens' }, true],
    [
      'telemetry',
      {
        BENCH_VARIANT: 'authlens',
        BENCH_DEVTOOLS_URL: devtools.url,
        BENCH_TELEMETRY_PROVIDERS: process.env.BENCH_TELEMETRY_PROVIDERS ?? 'authlens',
      },
      true,
    ],
  ]) {
    const dir = join(work, name);
    const server = await startServer(name, { ...extraEnv, BENCH_PROFILE_DIR: dir });
    try {
      await load(server, tokens, 0, WARM_UP, expectUser);
      let cpuMs = 0;
      const file = await profileWhile(server, dir, async () => {
        const before = treeCpuMs(server.child.pid);
        await load(server, tokens, 0, REQUESTS, expectUser);
        cpuMs = treeCpuMs(server.child.pid) - before;
      });
      profiles[name] = { ...selfTimeBySource(file), cpuUsPerRequest: (1000 * cpuMs) / REQUESTS };
    } finally {
      await stopServer(server);
    }
  }
  console.log(
    `next start, CPU profile (100 µs sampling) over ${REQUESTS} requests each, one repeated token; ` +
      'server CPU per request (profiler included): ' +
      `pass-through ${us(profiles.pass.cpuUsPerRequest)}, authlens ${us(profiles.authlens.cpuUsPerRequest)}, ` +
      `authlens with telemetry on ${us(profiles.telemetry.cpuUsPerRequest)}`,
  );
  printAdded('authlens, telemetry off, over the pass-through proxy', profiles.pass, profiles.authlens);
  printAdded('telemetry on over telemetry off', profiles.authlens, profiles.telemetry);
} finally {
  stopLoad();
  await devtools.close();
  rmSync(work, { recursive: true, force: true });
}

function us(x) {
  return `${x.toFixed(1).padStart(7)} µs`;
}

/** What `subject` adds over `base`, per source file: authlens's own files, node:crypto, the rest (largest first). */
function printAdded(title, base, subject) {
  // A source's share of the samples, as CPU per request.
  const usPerRequest = (p, samples) => (samples / p.samples) * p.cpuUsPerRequest;
  const sources = new Set([...base.bySource.keys(), ...subject.bySource.keys()]);
  const added = [...sources]
    .map((source) => ({
      source,
      us: usPerRequest(subject, subject.bySource.get(source) ?? 0) - usPerRequest(base, base.bySource.get(source) ?? 0),
    }))
    .sort((a, b) => b.us - a.us);
  const own = (s) => /^(sdk|otel)\/src\/|^jose\//.test(s);
  const crypto = (s) => s.startsWith('node:internal/crypto');
  const sum = (rows) => rows.reduce((total, row) => total + row.us, 0);
  const total = usPerRequest(subject, subject.samples) - usPerRequest(base, base.samples);
  const ownRows = added.filter((row) => own(row.source));
  const cryptoRows = added.filter((row) => crypto(row.source));
  const other = total - sum(ownRows) - sum(cryptoRows);
  const share = (x) => `${((100 * x) / total).toFixed(0).padStart(3)}%`;

  console.log(`\n${title}: ${us(total)} per request`);
  console.log(`  authlens's own code  ${us(sum(ownRows))} ${share(sum(ownRows))}`);
  for (const row of ownRows.slice(0, ROWS)) console.log(`    ${us(row.us)}  ${row.source}`);
  console.log(`  node:crypto          ${us(sum(cryptoRows))} ${share(sum(cryptoRows))}`);
  for (const row of cryptoRows) console.log(`    ${us(row.us)}  ${row.source}`);
  console.log(`  everything else      ${us(other)} ${share(other)}  (largest rows below)`);
  for (const row of added.filter((r) => !own(r.source) && !crypto(r.source)).slice(0, OTHER_ROWS)) {
    console.log(`    ${us(row.us)}  ${row.source}`);
  }
}
