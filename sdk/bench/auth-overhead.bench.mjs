// Server CPU time per request spent on auth: the built `clerkMiddleware()` (verify the session cookie, run a handler
// that calls `auth()` and `auth.protect()`, sign the handoff) plus the render's `auth()` (verify the handoff, resolve
// the auth object, its span), against a pass-through middleware on the same requests, in-process with real
// `NextRequest`s — telemetry off (no SDK: the API's no-op) and on (the OpenTelemetry Node SDK via
// registerAuthlensTelemetry(), batch span processor + OTLP/HTTP protobuf exporter to a receiver in a child process,
// so receiving costs nothing here). CPU is `process.cpuUsage()` (user + system) over interleaved rounds; the
// exporter's own work in the background counts against "on". Also, telemetry off: the same signed-in document request
// verified from `__session` alone (no publishable key, so no cookie protocol). Plain node; run after `npm run build`.
// Bounded: ~15 s.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { register } from 'node:module';

// The SDK imports `next/server`, `next/headers` and `next/navigation` as Next's bundler resolves them; plain Node's
// ESM resolver needs the `.js` (next has no exports map).
const nextSubpaths = `export async function resolve(specifier, context, next) {
  if (/^next\\/(server|headers|navigation)$/.test(specifier)) return next(specifier + '.js', context);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(nextSubpaths)}`, import.meta.url);

const { NextRequest, NextResponse } = await import('next/server.js');
const { registerAuthlensTelemetry } = await import('@authlens/otel/register');
const { tracedAuth } = await import('../dist/next/auth.js');
const { resolveAuthObject } = await import('../dist/next/auth-objects.js');
const { clerkMiddleware } = await import('../dist/next/clerk-middleware.js');
const { handoffKey } = await import('../dist/next/handoff/handoff-key.js');
const { HANDOFF_HEADER } = await import('../dist/next/handoff/handoff-state.js');
const { verifyHandoff } = await import('../dist/next/handoff/verify-handoff.js');
const { createHas } = await import('../dist/authorization/index.js');

const ROUNDS = Number(process.env.BENCH_AUTH_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.BENCH_AUTH_PER_ROUND ?? 400);
const TARGET_OFF_MS = 0.3;
const TARGET_ON_MS = 0.5;

process.env.CLERK_SECRET_KEY = 'sk_test_bench_auth_overhead_0000000000';
const secretKey = process.env.CLERK_SECRET_KEY;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwtKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const input = `${b64({ alg: 'RS256', kid: 'ins_bench', typ: 'JWT' })}.${b64({
  azp: 'http://app.test',
  exp: now + 3600,
  iat: now,
  nbf: now - 10,
  iss: 'https://bench.clerk.accounts.dev',
  sid: 'sess_bench',
  sub: 'user_bench',
  sts: 'active',
  v: 2,
  o: { id: 'org_bench', rol: 'admin', slg: 'acme', per: 'read' },
})}`;
const token = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
const event = {};
// What a browser signed in through Clerk sends on a development instance: the session, the client's last update
// and the dev browser (Clerk's cookie protocol), on a document navigation.
const publishableKey = `pk_test_${Buffer.from('bench.clerk.accounts.dev$').toString('base64')}`;
const headers = {
  cookie: `__session=${token}; __client_uat=${now - 60}; __clerk_db_jwt=dvb_bench`,
  accept: 'text/html',
  'sec-fetch-dest': 'document',
};
const newRequest = () => new NextRequest('http://app.test/dashboard', { headers });

const handler = async (auth) => {
  await auth();
  await auth.protect({ role: 'org:admin' });
};
const middleware = clerkMiddleware(handler, { secretKey, jwtKey, publishableKey });
// Without a publishable key there is no Frontend API to hand shake with: the `__session` cookie alone is verified,
// the whole of what a cookie request cost before Clerk's cookie protocol (the handshake) was implemented.
const sessionCookieOnly = clerkMiddleware(handler, { secretKey, jwtKey });
const key = handoffKey(secretKey);
const renderedRequest = { method: null, path: '/dashboard', search: '' };
const renderDeps = { createHas, mintToken: async () => null };

/** One request through auth: the middleware, then the render's auth() on the handoff it signed. */
async function authRequest(through = middleware) {
  const res = await through(newRequest(), event);
  const handoff = res.headers.get(`x-middleware-request-${HANDOFF_HEADER}`);
  if (!handoff) throw new Error('no handoff: the request did not pass');
  const authObject = await tracedAuth({}, async () => {
    // The render's request as Next's request store gives it (render-request.ts), which the handoff is bound to.
    const state = await verifyHandoff(handoff, key, renderedRequest);
    return { state, authObject: resolveAuthObject(state, {}, renderDeps) };
  });
  if (authObject.userId !== 'user_bench') throw new Error('auth() did not resolve the user');
}

/** The baseline: a pass-through `proxy.ts` on the same request. */
async function passThrough() {
  const res = NextResponse.next();
  newRequest();
  if (!res.headers.get('x-middleware-next')) throw new Error('pass-through did not pass');
}

const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

async function cpuPerRequest(fn, n) {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    await fn();
    // As between requests of a server: timers and I/O run (the batch exporter sends), in both variants alike.
    await yieldToEventLoop();
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n; // µs
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sessionCookieRequest = () => authRequest(sessionCookieOnly);

async function measure(label, { withCookieOnly = false } = {}) {
  const base = [];
  const auth = [];
  const cookieOnly = [];
  for (let r = 0; r < ROUNDS; r++) {
    base.push(await cpuPerRequest(passThrough, PER_ROUND));
    auth.push(await cpuPerRequest(authRequest, PER_ROUND));
    if (withCookieOnly) cookieOnly.push(await cpuPerRequest(sessionCookieRequest, PER_ROUND));
  }
  const baseUs = median(base);
  const authUs = median(auth);
  const cookieOnlyUs = withCookieOnly ? median(cookieOnly) : null;
  return { label, baseUs, authUs, overheadUs: authUs - baseUs, cookieOnlyUs };
}

function startReceiver() {
  // A child process that accepts OTLP/HTTP and drops it: receiving costs this process nothing.
  const child = spawn(
    process.execPath,
    [
      '-e',
      `let n=0;const s=require('node:http').createServer((q,r)=>{if(q.method==='GET'){r.end(String(n));return}q.resume();q.on('end',()=>{n++;r.writeHead(200,{'content-type':'application/x-protobuf'});r.end()})});s.listen(0,'127.0.0.1',()=>console.log(s.address().port))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve) =>
    child.stdout.once('data', (d) => resolve({ child, url: `http://127.0.0.1:${String(d).trim()}` })),
  );
}

// Warm-up (JIT, the verified-token and handoff caches), then telemetry off.
await cpuPerRequest(passThrough, 2000);
await cpuPerRequest(authRequest, 2000);
await cpuPerRequest(sessionCookieRequest, 2000);
const off = await measure('telemetry off (no SDK registered)', { withCookieOnly: true });

const receiver = await startReceiver();
const telemetry = registerAuthlensTelemetry({
  serviceName: 'authlens-bench',
  otlp: { endpoint: receiver.url, protocol: 'http/protobuf' },
  devtools: false,
  metricExportIntervalMillis: 1000,
});
await cpuPerRequest(authRequest, 2000);
const on = await measure('telemetry on (batch OTLP/protobuf export)');
await telemetry.shutdown();
const exports = Number(await (await fetch(receiver.url)).text());
receiver.child.kill();
if (!(exports > 0)) throw new Error('telemetry on: nothing reached the OTLP receiver');

const ms = (us) => (us / 1000).toFixed(3);
console.log(`requests: ${ROUNDS} rounds × ${PER_ROUND}, median round; CPU = user + system of this process`);
console.log(`telemetry on: ${exports} OTLP export requests reached the receiver`);
for (const r of [off, on]) {
  console.log(
    `${r.label.padEnd(44)} pass-through ${ms(r.baseUs)} ms/req · auth ${ms(r.authUs)} ms/req · ` +
      `auth overhead ${ms(r.overheadUs)} ms/req (${(r.authUs / r.baseUs).toFixed(1)}× pass-through)`,
  );
}
console.log(`telemetry on vs off: +${ms(on.overheadUs - off.overheadUs)} ms/req`);
// A handshake-free signed-in request through Clerk's cookie protocol against the same request verified from
// `__session` alone (no protocol, as before the handshake existed), both telemetry off, same rounds.
const cookieOnlyOverheadUs = off.cookieOnlyUs - off.baseUs;
const protocolRatio = off.overheadUs / cookieOnlyOverheadUs;
console.log(
  `cookie protocol, no handshake: auth overhead ${ms(off.overheadUs)} ms/req (${(off.authUs / off.baseUs).toFixed(1)}× pass-through) · ` +
    `__session only: ${ms(cookieOnlyOverheadUs)} ms/req (${(off.cookieOnlyUs / off.baseUs).toFixed(1)}× pass-through) · ` +
    `ratio ${protocolRatio.toFixed(2)} (target ≤ 1.10: ${protocolRatio <= 1.1 ? 'met' : 'MISSED'})`,
);
const okOff = off.overheadUs / 1000 <= TARGET_OFF_MS;
const okOn = on.overheadUs / 1000 <= TARGET_ON_MS;
console.log(
  `target off ≤ ${TARGET_OFF_MS} ms: ${okOff ? 'met' : 'MISSED'}; target on ≤ ${TARGET_ON_MS} ms: ${okOn ? 'met' : 'MISSED'}`,
);
