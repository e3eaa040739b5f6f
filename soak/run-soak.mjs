// The soak: the example app under `next start` with telemetry on and the devtools receiving, fed a mixed stream of
// requests with faults of the Backend API in the middle; and the devtools alone fed a long stream of spans. Returns
// the figures and each bound's verdict; `scripts/soak.mjs` prints them, the short run's test asserts them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleAppDir } from '../examples/nextjs-app/test-support/build-stamp.mjs';
import {
  backendApi,
  claimsOf,
  demoMachine,
  forgedPayload,
  forgedSignature,
  garbageTokens,
  m2mToken,
  SESSION_USERS,
  sessionToken,
  unknownMachineToken,
} from './credentials.mjs';
import { soakDevtools } from './devtools-spans.mjs';
import {
  freePort,
  openFds,
  residentBytes,
  startAppProcess,
  startBackendProcess,
  startDevtoolsProcess,
} from './processes.mjs';
import { startTelemetryRecorder } from './telemetry-recorder.mjs';
import { prng, requestMix, sendMix } from './traffic.mjs';

/** The SDK's Backend API timeout per attempt (sdk/docs/api.md: clerkClient(), "a 10 s timeout per attempt"). */
export const BACKEND_API_TIMEOUT_MS = 10_000;
const MB = 1024 * 1024;

/** The full soak (`npm run soak`); the test runs `SHORT_RUN`. */
export const FULL_RUN = {
  requests: 100_000,
  warmup: 5_000,
  downRequests: 2_000,
  slowRequests: 1_000,
  stalledRequests: 300,
  concurrency: 16,
  appGrowthBytes: 50 * MB,
  spans: 1_000_000,
  devtoolsGrowthBytes: 32 * MB,
};

/**
 * ~5,000 requests and 100,000 spans. The app's bound stays 50 MB: growth is what a leak would show, and a leak
 * small enough to pass in 5,000 requests fails the full run. The devtools' store (10,000 requests = 20,000 spans) is
 * full after a fifth of the spans either way.
 */
export const SHORT_RUN = {
  requests: 5_000,
  warmup: 1_000,
  downRequests: 300,
  slowRequests: 200,
  stalledRequests: 100,
  concurrency: 16,
  appGrowthBytes: 50 * MB,
  spans: 100_000,
  devtoolsGrowthBytes: 32 * MB,
};

/** Open descriptors the app may gain between warm-up and the end: keep-alive sockets to a restarted backend, a log. */
const FD_SLACK = 8;
/** The app's heap ceiling: well above what `next start` of the example needs (see the NODE_OPTIONS below). */
const APP_OLD_SPACE_MB = 192;
/** The devtools' heap ceiling in the span soak: a store that leaked would run out of it (the process would die). */
const DEVTOOLS_OLD_SPACE_MB = 128;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function mintCredentials(backend) {
  // Expired first: it lives 1 s, and must be past the SDK's 5 s clock skew when the traffic starts.
  const expired = await sessionToken(backend, 'carol', 1);
  const expiredAt = Date.now() + 1000;
  const sessions = [];
  for (const username of SESSION_USERS) sessions.push({ username, ...(await sessionToken(backend, username)) });
  const machine = await demoMachine(backend);
  const opaque = await m2mToken(backend, machine);
  const jwt = await m2mToken(backend, machine, 'jwt');
  const alice = sessions[0];
  const credentials = [
    ...sessions.map((s) => ({
      name: `session:${s.username}`,
      type: 'session_token',
      valid: true,
      subject: s.userId,
      token: s.token,
      iat: s.iat,
    })),
    { name: 'session:expired', type: 'session_token', valid: false, token: expired.token, iat: expired.iat },
    {
      name: 'session:forged-subject',
      type: 'session_token',
      valid: false,
      token: forgedPayload(alice.token, { sub: sessions[1].userId }),
      iat: alice.iat,
    },
    {
      name: 'session:forged-signature',
      type: 'session_token',
      valid: false,
      token: forgedSignature(alice.token),
      iat: alice.iat,
    },
    ...garbageTokens().map((token, i) => ({ name: `garbage:${i}`, type: null, valid: false, token })),
    { name: 'm2m:opaque', type: 'm2m_token', valid: true, needsBackend: true, subject: machine.id, token: opaque },
    // A new made-up `mt_` each time: a spray of invalid machine tokens.
    { name: 'm2m:opaque-unknown', type: 'm2m_token', valid: false, needsBackend: true, token: unknownMachineToken },
    { name: 'm2m:jwt', type: 'm2m_token', valid: true, subject: machine.id, token: jwt },
    { name: 'm2m:jwt-forged', type: 'm2m_token', valid: false, token: forgedSignature(jwt) },
    { name: 'none', type: null, valid: false },
  ];
  if (claimsOf(jwt).sub !== machine.id) throw new Error('the M2M JWT is not the demo machine’s');
  await sleep(Math.max(0, expiredAt + 6_000 - Date.now()));
  return { credentials, machine };
}

/**
 * The mix for a fault phase: valid `mt_` tokens no request has used yet (none can be answered from anything the
 * app remembers of earlier requests), `count` of them at most.
 */
async function withFreshOpaqueTokens(backend, machine, credentials, count) {
  const pool = [];
  for (let i = 0; i < count; i++) pool.push(await m2mToken(backend, machine));
  const fresh = credentials.map((c) =>
    c.name === 'm2m:opaque'
      ? {
          ...c,
          name: 'm2m:opaque-fresh',
          token: () => {
            const token = pool.pop();
            if (!token) throw new Error('the fresh mt_ pool ran out: mint more for this phase');
            return token;
          },
        }
      : c,
  );
  return requestMix(fresh);
}

/** How many requests of `count` a mix is expected to send with `name`'s credential, with room to spare. */
function expectedUses(mix, name, count) {
  const share = mix.filter((item) => item.credential.name === name).length / mix.length;
  return Math.ceil(count * share * 2) + 20;
}

/** Runs the soak with `settings` (FULL_RUN, SHORT_RUN); `log` gets progress lines. */
export async function runSoak(settings, { log = () => {}, seed = 1, appHost } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'authlens-soak-'));
  const stops = [];
  const random = prng(seed);
  let keepLogs = true;
  try {
    const recorder = await startTelemetryRecorder();
    stops.push(() => recorder.close());
    const backendPort = await freePort();
    const backendOptions = {
      port: backendPort,
      dataDir: join(work, 'backend'),
      logFile: join(work, 'backend.log'),
    };
    let backend = await startBackendProcess(backendOptions);
    stops.push(() => backend.stop());
    const devtools = await startDevtoolsProcess({ logFile: join(work, 'devtools.log'), forward: recorder.url });
    stops.push(() => devtools.stop());
    const signInUrl = `${backend.url}/sign-in`;
    const app = await startAppProcess({
      dir: exampleAppDir,
      host: appHost,
      logFile: join(work, 'app.log'),
      env: (url) => ({
        CLERK_SECRET_KEY: backend.secretKey,
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: backend.publishableKey,
        CLERK_API_URL: backend.url,
        // Networkless session verification: what must keep answering while the Backend API is down.
        CLERK_JWT_KEY: backend.jwtKey,
        NEXT_PUBLIC_CLERK_SIGN_IN_URL: signInUrl,
        NEXT_PUBLIC_CLERK_SIGN_UP_URL: `${backend.url}/sign-up`,
        EXAMPLE_API_URL: `${url}/api/external/data`,
        OTEL_EXPORTER_OTLP_ENDPOINT: devtools.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'authlens-soak',
        OTEL_BSP_SCHEDULE_DELAY: '200',
        OTEL_METRIC_EXPORT_INTERVAL: '1000',
        AUTHLENS_DEVTOOLS_URL: 'false',
        // V8 grows its heap lazily up to its limit, so uncapped resident memory measures the collector's appetite
        // as much as what the app retains. Capped, garbage is collected before the heap grows past it, and memory
        // the app really retains shows as growth up to the cap, then as an out-of-memory crash (unanswered requests).
        NODE_OPTIONS: `--max-old-space-size=${APP_OLD_SPACE_MB}`,
      }),
    });
    stops.push(() => app.stop());
    log(`app ${app.url} (pid ${app.pid}), backend ${backend.url}, devtools ${devtools.url}`);

    const { credentials, machine } = await mintCredentials(backend);
    const mix = requestMix(credentials);
    const phases = [];
    const send = async (name, count, backendAnswers, phaseMix = mix) => {
      log(`${name}: ${count} requests`);
      const result = await sendMix({
        appUrl: app.url,
        signInUrl,
        mix: phaseMix,
        count,
        concurrency: settings.concurrency,
        random,
        backendAnswers,
      });
      phases.push({ name, ...result });
      log(
        `${name}: ${result.mismatches} mismatches, ${result.serverErrors} 5xx, longest ${(result.maxMs / 1000).toFixed(1)} s`,
      );
      for (const sample of result.samples) log(`  ${sample}`);
      return result;
    };
    const faultCounts = settings.downRequests + settings.slowRequests + settings.stalledRequests;
    const steady = settings.requests - settings.warmup - faultCounts;
    const firstHalf = Math.floor(steady / 2);

    await send('warm-up', settings.warmup, true);
    await sleep(1_500);
    const warm = { rssBytes: residentBytes(app.pid), fds: openFds(app.pid) };
    log(`after warm-up: ${(warm.rssBytes / MB).toFixed(1)} MB resident, ${warm.fds} open fds`);
    await send('steady', firstHalf, true);

    // Fault 1: the Backend API killed mid-soak, then restarted on the same port with the same data.
    let phaseMix = await withFreshOpaqueTokens(
      backend,
      machine,
      credentials,
      expectedUses(mix, 'm2m:opaque', settings.downRequests),
    );
    await backend.stop('SIGKILL');
    await send('backend down', settings.downRequests, false, phaseMix);
    backend = await startBackendProcess(backendOptions);

    // Fault 2: every Backend API answer 5 s late (under the SDK's timeout: verified, slowly).
    phaseMix = await withFreshOpaqueTokens(
      backend,
      machine,
      credentials,
      expectedUses(mix, 'm2m:opaque', settings.slowRequests),
    );
    await backendApi(backend, '/__admin/faults', { method: 'PUT', body: { route: '*', latencyMs: 5_000 } });
    await send('backend 5 s slow', settings.slowRequests, true, phaseMix);
    // Fault 3: answers later than the SDK's timeout: machine tokens fail closed, no request waits past the timeout.
    phaseMix = await withFreshOpaqueTokens(
      backend,
      machine,
      credentials,
      expectedUses(mix, 'm2m:opaque', settings.stalledRequests),
    );
    await backendApi(backend, '/__admin/faults', {
      method: 'PUT',
      body: { route: '*', latencyMs: BACKEND_API_TIMEOUT_MS + 5_000 },
    });
    await send('backend past the timeout', settings.stalledRequests, false, phaseMix);
    await backendApi(backend, '/__admin/faults', { method: 'DELETE' });

    await send('steady after faults', steady - firstHalf, true);
    // Let in-flight exports and timers settle before the last samples.
    await sleep(3_000);
    const end = { rssBytes: residentBytes(app.pid), fds: openFds(app.pid) };
    const caches = recorder.caches();
    await app.stop();
    await devtools.stop();
    await backend.stop();

    log(`devtools alone: ${settings.spans} spans`);
    const spans = await soakDevtools({
      spans: settings.spans,
      maxRequests: 10_000,
      fullAfterSpans: Math.floor(settings.spans / 5),
      logFile: join(work, 'devtools-spans.log'),
      oldSpaceMb: DEVTOOLS_OLD_SPACE_MB,
    });
    const result = verdicts(settings, { phases, warm, end, caches, spans });
    keepLogs = !result.ok;
    return result;
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    // The processes' logs (app, backend, devtools) stay for a run that failed or broke off.
    if (keepLogs) log(`logs kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** The figures and, for each bound, whether it held. */
function verdicts(settings, { phases, warm, end, caches, spans }) {
  const total = (key) => phases.reduce((sum, p) => sum + p[key], 0);
  const faultPhases = phases.filter((p) => p.name.startsWith('backend'));
  const checks = [
    {
      name: 'every answer is the one the protection table predicts',
      value: `${total('mismatches')} of ${total('requests')} differ`,
      ok: total('mismatches') === 0,
    },
    { name: 'no 5xx answer', value: `${total('serverErrors')}`, ok: total('serverErrors') === 0 },
    { name: 'no request hung', value: `${total('hung')}`, ok: total('hung') === 0 },
    {
      name: `no request during a fault waited past the Backend API timeout (${BACKEND_API_TIMEOUT_MS / 1000} s) + 5 s`,
      value: `longest ${(Math.max(...faultPhases.map((p) => p.maxMs)) / 1000).toFixed(1)} s`,
      ok: Math.max(...faultPhases.map((p) => p.maxMs)) <= BACKEND_API_TIMEOUT_MS + 5_000,
    },
    {
      name: `app resident memory growth after warm-up < ${settings.appGrowthBytes / MB} MB`,
      value: `${(warm.rssBytes / MB).toFixed(1)} → ${(end.rssBytes / MB).toFixed(1)} MB (${((end.rssBytes - warm.rssBytes) / MB).toFixed(1)} MB)`,
      ok: end.rssBytes - warm.rssBytes < settings.appGrowthBytes,
    },
    {
      name: `app open file descriptors do not grow (≤ +${FD_SLACK})`,
      value: `${warm.fds} → ${end.fds}`,
      ok: end.fds - warm.fds <= FD_SLACK,
    },
    ...cacheChecks(caches),
    {
      name: `devtools: resident memory flat once the store is full (growth < ${settings.devtoolsGrowthBytes / MB} MB)`,
      value: `${(spans.fullBytes / MB).toFixed(1)} → ${(spans.endBytes / MB).toFixed(1)} MB, peak ${(spans.peakBytes / MB).toFixed(1)} MB, ${spans.spansSent} spans, ${spans.stored} requests stored`,
      ok: spans.endBytes - spans.fullBytes < settings.devtoolsGrowthBytes && spans.stored === 10_000,
    },
  ];
  return { phases, warm, end, caches, spans, checks, ok: checks.every((c) => c.ok) };
}

function cacheChecks(caches) {
  if (caches.length === 0) {
    return [{ name: 'SDK cache sizes reported (authlens.cache.entries)', value: 'none received', ok: false }];
  }
  return caches.map((c) => ({
    name: `SDK cache ${c.cache} within its capacity (${c.capacity})`,
    value: `largest ${c.maxEntries}, last ${c.lastEntries}`,
    ok: c.maxEntries <= c.capacity,
  }));
}
