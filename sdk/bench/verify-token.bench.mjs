// verifyToken throughput: raw node:crypto RS256 (baseline), authlens cold and
// warm, and @clerk/backend, all in one run. Plain node; run after
// `npm run build -w sdk` (it imports the built dist). Bounded: ~10 s.
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { verifyToken as clerkVerifyToken } from '@clerk/backend';
import { verifyToken } from '../dist/tokens/index.js';

const COLD_TOKENS = Number(process.env.BENCH_COLD_TOKENS ?? 2000);
const WARM_OPS = Number(process.env.BENCH_WARM_OPS ?? 300_000);
const CLERK_OPS = Number(process.env.BENCH_CLERK_OPS ?? 500);
const TARGET_COLD_RATIO = 1.3;
const TARGET_WARM_SPEEDUP = 20;

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ alg: 'RS256', kid: 'ins_bench', typ: 'JWT', cat: 'cl_B7d4PD111AAA' });
const now = Math.floor(Date.now() / 1000);

/** A realistic v2 session token; `i` makes each one distinct. */
function mint(i) {
  const payload = b64({
    azp: 'http://localhost:3000',
    exp: now + 3600,
    fva: [1, -1],
    iat: now,
    iss: 'https://bench.clerk.accounts.dev',
    jti: `bench${i}`,
    nbf: now - 10,
    o: { id: 'org_2bench', rol: 'admin', slg: 'acme', per: 'read,manage', fpm: '3,1' },
    fea: 'o:team,o:billing,u:profile',
    sid: `sess_2bench${i}`,
    sts: 'active',
    sub: 'user_2bench',
    v: 2,
  });
  const input = `${header}.${payload}`;
  return { token: `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`, input };
}

const t0 = performance.now();
const cold = Array.from({ length: COLD_TOKENS + CLERK_OPS + 1 }, (_, i) => mint(i));
const mintMs = performance.now() - t0;
const rawInputs = cold.map(({ token, input }) => ({
  data: Buffer.from(input),
  signature: Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url'),
}));

const options = { jwtKey: pem, authorizedParties: ['http://localhost:3000'] };
const BATCH = 100;

/**
 * The baseline: raw node:crypto RS256 verification of the token, the least any
 * verifier must do: split at the last dot, decode the signature, and
 * crypto.verify the signing input with an already imported key object.
 */
function rawBatch(from, to) {
  const start = performance.now();
  for (let i = from; i < to; i++) {
    const { token } = cold[i];
    const dot = token.lastIndexOf('.');
    const ok = verify(
      'sha256',
      Buffer.from(token.slice(0, dot), 'latin1'),
      publicKey,
      Buffer.from(token.slice(dot + 1), 'base64url'),
    );
    if (!ok) throw new Error('baseline failed to verify');
  }
  return performance.now() - start;
}

/**
 * For reference only: the least a verifier that returns claims must add to the
 * baseline: base64url-decode and JSON.parse the payload, check `exp` and `azp`.
 * Shows how much of the cold budget decoding alone takes on this machine.
 */
function floorBatch(from, to) {
  const start = performance.now();
  for (let i = from; i < to; i++) {
    const { token } = cold[i];
    const first = token.indexOf('.');
    const dot = token.lastIndexOf('.');
    const ok = verify(
      'sha256',
      Buffer.from(token.slice(0, dot), 'latin1'),
      publicKey,
      Buffer.from(token.slice(dot + 1), 'base64url'),
    );
    const claims = JSON.parse(Buffer.from(token.slice(first + 1, dot), 'base64url').toString('utf8'));
    if (!ok || claims.exp * 1000 <= Date.now() || claims.azp !== 'http://localhost:3000') {
      throw new Error('floor verifier failed');
    }
  }
  return performance.now() - start;
}

/** For reference only: the RSA operation alone, on bytes decoded in advance. */
function rsaOnlyBatch(from, to) {
  const start = performance.now();
  for (let i = from; i < to; i++) {
    const { data, signature } = rawInputs[i];
    if (!verify('sha256', data, publicKey, signature)) throw new Error('RSA-only check failed');
  }
  return performance.now() - start;
}

// The async verifiers run as a server runs them: a batch of calls in flight,
// then awaited together (throughput), so per-call promise plumbing is shared.
function check(payloads, what) {
  for (const payload of payloads) if (payload.sub !== 'user_2bench') throw new Error(`${what} failed`);
}

async function coldBatch(from, to) {
  const start = performance.now();
  const pending = [];
  for (let i = from; i < to; i++) pending.push(verifyToken(cold[i].token, options));
  const payloads = await Promise.all(pending);
  const ms = performance.now() - start;
  check(payloads, 'authlens cold');
  return ms;
}

async function warmBatch(token, n) {
  const start = performance.now();
  const pending = [];
  for (let i = 0; i < n; i++) pending.push(verifyToken(token, options));
  const payloads = await Promise.all(pending);
  const ms = performance.now() - start;
  check(payloads, 'authlens warm');
  return ms;
}

async function clerkBatch(from, to) {
  const start = performance.now();
  const pending = [];
  for (let i = from; i < to; i++) pending.push(clerkVerifyToken(cold[i].token, options));
  const payloads = await Promise.all(pending);
  const ms = performance.now() - start;
  check(payloads, '@clerk/backend');
  return ms;
}

/** Sequential awaits, for reference: what one request at a time pays. */
async function coldSequentialBatch(from, to) {
  const start = performance.now();
  for (let i = from; i < to; i++) {
    const payload = await verifyToken(cold[i].token, options);
    if (payload.sub !== 'user_2bench') throw new Error('authlens cold (sequential) failed');
  }
  return performance.now() - start;
}

// Warm up the JIT on each path (and import the key once) with tokens not used below.
const warmup = Array.from({ length: 200 }, (_, i) => mint(1e6 + i).token);
for (const token of warmup) {
  await verifyToken(token, options);
  await clerkVerifyToken(token, options);
}
rawBatch(0, BATCH);

// Each path runs in small batches interleaved with the baseline over the same
// tokens, so load from other processes on a shared machine hits both alike.
let rawMs = 0;
let rawOps = 0;
let rsaOnlyMs = 0;
let floorMs = 0;
let coldMs = 0;
let coldOps = 0;
let coldSeqMs = 0;
let coldSeqOps = 0;
for (let from = 0; from < COLD_TOKENS; from += BATCH) {
  const to = Math.min(from + BATCH, COLD_TOKENS);
  rawMs += rawBatch(from, to);
  rawOps += to - from;
  // Every fourth batch is verified one await at a time instead (still never-seen tokens).
  if ((from / BATCH) % 4 === 3) {
    coldSeqMs += await coldSequentialBatch(from, to);
    coldSeqOps += to - from;
  } else {
    coldMs += await coldBatch(from, to);
    coldOps += to - from;
  }
  rsaOnlyMs += rsaOnlyBatch(from, to);
  floorMs += floorBatch(from, to);
}
const warmToken = cold[COLD_TOKENS + CLERK_OPS].token;
await verifyToken(warmToken, options);
let warmMs = 0;
let warmRawMs = 0;
const WARM_BATCH = 10_000;
for (let done = 0; done < WARM_OPS; done += WARM_BATCH) {
  warmRawMs += rawBatch(0, BATCH);
  warmMs += await warmBatch(warmToken, WARM_BATCH);
}
let clerkMs = 0;
for (let from = COLD_TOKENS; from < COLD_TOKENS + CLERK_OPS; from += BATCH) {
  clerkMs += await clerkBatch(from, Math.min(from + BATCH, COLD_TOKENS + CLERK_OPS));
}

const us = (ms, ops) => (ms * 1000) / ops;
const rawUs = us(rawMs, rawOps);
const coldUs = us(coldMs, coldOps);
const coldSeqUs = us(coldSeqMs, coldSeqOps);
const warmUs = us(warmMs, WARM_OPS);
const warmRawUs = us(warmRawMs, (WARM_OPS / WARM_BATCH) * BATCH);
const clerkUs = us(clerkMs, CLERK_OPS);
const rsaOnlyUs = us(rsaOnlyMs, rawOps);
const floorUs = us(floorMs, rawOps);
const coldRatio = coldUs / rawUs;
const warmSpeedup = warmRawUs / warmUs;
const rows = [
  ['raw node:crypto RS256 verify (baseline)', rawUs, '1.00×', ''],
  [
    '  of which the RSA operation alone',
    rsaOnlyUs,
    `${(rsaOnlyUs / rawUs).toFixed(2)}×`,
    `(cold vs this: ${(coldUs / rsaOnlyUs).toFixed(2)}×)`,
  ],
  [
    '  plus decoding the payload and two claim checks',
    floorUs,
    `${(floorUs / rawUs).toFixed(2)}×`,
    '(the floor for any verifier that returns claims)',
  ],
  [
    'authlens verifyToken, cold (never-seen token)',
    coldUs,
    `${coldRatio.toFixed(2)}×`,
    `target ≤ ${TARGET_COLD_RATIO}× ${coldRatio <= TARGET_COLD_RATIO ? 'PASS' : 'FAIL'}`,
  ],
  ['  cold, one await at a time (reference)', coldSeqUs, `${(coldSeqUs / rawUs).toFixed(2)}×`, ''],
  [
    'authlens verifyToken, warm (same token)',
    warmUs,
    `${(warmUs / rawUs).toFixed(3)}× (${warmSpeedup.toFixed(1)}× faster)`,
    `target ≥ ${TARGET_WARM_SPEEDUP}× faster ${warmSpeedup >= TARGET_WARM_SPEEDUP ? 'PASS' : 'FAIL'}`,
  ],
  ['@clerk/backend verifyToken (jwtKey)', clerkUs, `${(clerkUs / rawUs).toFixed(2)}×`, ''],
];
console.log(
  `verifyToken bench — node ${process.version}, RSA-2048 RS256, ${COLD_TOKENS} cold tokens, ${WARM_OPS} warm ops, ${CLERK_OPS} @clerk/backend ops (minting took ${(mintMs / 1000).toFixed(1)} s)`,
);
for (const [name, us, ratio, target] of rows) {
  console.log(`  ${name.padEnd(48)} ${us.toFixed(2).padStart(9)} µs/op   ${ratio.padEnd(24)} ${target}`);
}
console.log(
  '  baseline = split at the last dot, base64url-decode the signature, crypto.verify(sha256) with an imported KeyObject',
);
console.log(`  warm speedup uses the baseline sampled beside the warm batches (${warmRawUs.toFixed(2)} µs/op)`);
