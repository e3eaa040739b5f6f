// Where authlens's CPU goes under `next start`: the bench app served by the pass-through proxy and by authlens
// (`clerkMiddleware()` + `auth()`, telemetry off), each profiled with V8's sampling profiler over the same requests
// (one repeated token, so the verified-token cache answers). Each original source file's share of the samples times
// the server's measured CPU per request (from /proc, over the same requests) gives its CPU per request; authlens
// minus pass-through is what authlens adds: its own files (sdk/src, otel, jose), the crypto it calls, and the rest —
// Next's, undici's and Node's work on what the middleware hands over (headers, promises, GC). The profiler costs
// both servers alike, and other load on the machine moves the rest more than the rows of authlens's files. ~2 min.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfTimeBySource } from './support/cpu-profile-by-source.mjs';
import {
  buildApp,
  load,
  profileWhile,
  startServer,
  stopServer,
  tokenFile,
  treeCpuMs,
} from './support/next-bench-app.mjs';

const REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 10_000);
const WARM_UP = 1500;
const ROWS = 25;

buildApp();
const work = mkdtempSync(join(tmpdir(), 'authlens-next-profile-'));
try {
  const tokens = tokenFile(work, 'repeated', ['user_repeated']);
  const profiles = {};
  // One server at a time: the two profiles see the same machine.
  for (const [variant, expectUser] of [
    ['pass', false],
    ['authlens', true],
  ]) {
    const dir = join(work, variant);
    const server = await startServer(variant, { BENCH_VARIANT: variant, BENCH_PROFILE_DIR: dir });
    try {
      await load(server, tokens, 0, WARM_UP, expectUser);
      let cpuMs = 0;
      const file = await profileWhile(server, dir, async () => {
        const before = treeCpuMs(server.child.pid);
        await load(server, tokens, 0, REQUESTS, expectUser);
        cpuMs = treeCpuMs(server.child.pid) - before;
      });
      profiles[variant] = { ...selfTimeBySource(file), cpuUsPerRequest: (1000 * cpuMs) / REQUESTS };
    } finally {
      await stopServer(server);
    }
  }

  // A source's share of the samples, as CPU per request.
  const usPerRequest = (p, samples) => (samples / p.samples) * p.cpuUsPerRequest;
  const { pass, authlens } = profiles;
  const sources = new Set([...pass.bySource.keys(), ...authlens.bySource.keys()]);
  const added = [...sources]
    .map((source) => ({
      source,
      us:
        usPerRequest(authlens, authlens.bySource.get(source) ?? 0) - usPerRequest(pass, pass.bySource.get(source) ?? 0),
    }))
    .sort((a, b) => b.us - a.us);
  const own = (s) => /^(sdk|otel)\/src\/|^jose\//.test(s);
  const crypto = (s) => s.startsWith('node:internal/crypto');
  const sum = (rows) => rows.reduce((total, row) => total + row.us, 0);
  const total = usPerRequest(authlens, authlens.samples) - usPerRequest(pass, pass.samples);
  const ownRows = added.filter((row) => own(row.source));
  const cryptoRows = added.filter((row) => crypto(row.source));
  const other = total - sum(ownRows) - sum(cryptoRows);
  const us = (x) => `${x.toFixed(1).padStart(7)} µs`;
  const share = (x) => `${((100 * x) / total).toFixed(0).padStart(3)}%`;

  console.log(
    `next start, CPU profile (100 µs sampling) over ${REQUESTS} requests each, one repeated token; ` +
      `server CPU per request: pass-through ${us(pass.cpuUsPerRequest)}, authlens ${us(authlens.cpuUsPerRequest)}, ` +
      `added ${us(total)} (profiler included; ${(authlens.cpuUsPerRequest / pass.cpuUsPerRequest).toFixed(2)}× pass-through)`,
  );
  console.log(`\n  authlens's own code  ${us(sum(ownRows))} ${share(sum(ownRows))}`);
  for (const row of ownRows.slice(0, ROWS)) console.log(`    ${us(row.us)}  ${row.source}`);
  console.log(`  node:crypto          ${us(sum(cryptoRows))} ${share(sum(cryptoRows))}`);
  for (const row of cryptoRows) console.log(`    ${us(row.us)}  ${row.source}`);
  console.log(`  everything else      ${us(other)} ${share(other)}  (largest rows below)`);
  for (const row of added.filter((r) => !own(r.source) && !crypto(r.source)).slice(0, 12)) {
    console.log(`    ${us(row.us)}  ${row.source}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
