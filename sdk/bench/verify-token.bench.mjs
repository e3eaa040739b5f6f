// verifyToken throughput: raw node:crypto RS256 (baseline), authlens cold and
// warm, and @clerk/backend, all in one run. Plain node; run after
// `npm run build -w sdk` (it imports the built dist). Bounded: ~15 s.
//
// How it copes with a shared, noisy machine: every round measures the baseline
// and each path on the same batch of tokens, back to back, and a ratio is the
// median of the per-round ratios, so a burst of load from elsewhere spoils one
// round instead of a whole column. Each call gets a fresh copy of its token
// string, as a server does (it parses the cookie anew for every request): no
// path profits from a string whose hash an earlier call already computed.
// authlens's cold path checks RS256 by encode-and-compare (rsa-pkcs1-check.ts),
// not crypto.verify; the row under the baseline's RSA operation shows what
// that alone saves. verify-token-instructions.bench.mjs counts the same paths
// in executed instructions, which machine load does not change.
import * as nodeCrypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { verifyToken as clerkVerifyToken } from '@clerk/backend';
import { DEFAULT_VERIFIED_TOKEN_CACHE_SIZE, verifyToken } from '../dist/tokens/index.js';
import { rsaPkcs1Check } from '../dist/tokens/rsa-pkcs1-check.js';
import { AUTHORIZED_PARTY, createIssuer, floorVerify, rawVerify } from './support/session-tokens.mjs';

const BATCH = 100;
// More distinct tokens than the verified-token cache holds, so a token comes round again only after it was evicted.
const POOL = Number(process.env.BENCH_POOL ?? DEFAULT_VERIFIED_TOKEN_CACHE_SIZE + 6 * BATCH);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 160);
const WARM_ROUNDS = Number(process.env.BENCH_WARM_ROUNDS ?? 60);
const WARM_BATCH = 5_000;
const CLERK_ROUNDS = Number(process.env.BENCH_CLERK_ROUNDS ?? 5);
const TARGET_COLD_RATIO = 1.3;
const TARGET_WARM_SPEEDUP = 20;

const { pem, publicKey, mint } = createIssuer();

const t0 = performance.now();
const pool = Array.from({ length: POOL }, (_, i) => mint(i));
const mintMs = performance.now() - t0;
/** The RSA operation's inputs, decoded in advance (for the RSA-only reference row). */
const decoded = pool.map((token) => {
  const dot = token.lastIndexOf('.');
  const input = token.slice(0, dot);
  return { input, data: Buffer.from(input), signature: Buffer.from(token.slice(dot + 1), 'base64url') };
});

/** Fresh string copies (flat, never hashed) of pool tokens `from`…`from + n`, as a request's cookie parsing makes. */
function freshCopies(from, n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = Buffer.from(pool[(from + i) % POOL], 'latin1').toString('latin1');
  return out;
}

const options = { jwtKey: pem, authorizedParties: [AUTHORIZED_PARTY] };

/** Milliseconds `check` takes over `tokens`, one after the other. */
function timeEach(check, tokens) {
  const start = performance.now();
  for (const token of tokens) check(token, publicKey);
  return performance.now() - start;
}

/** The baseline (see rawVerify). */
const raw = (tokens) => timeEach(rawVerify, tokens);
/** The floor: shows how much of the cold budget decoding alone takes on this machine (see floorVerify). */
const floor = (tokens) => timeEach(floorVerify, tokens);

/** For reference only: the RSA operation alone, on bytes decoded in advance. */
function rsaOnly(from, n) {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const { data, signature } = decoded[(from + i) % POOL];
    if (!nodeCrypto.verify('sha256', data, publicKey, signature)) throw new Error('RSA-only check failed');
  }
  return performance.now() - start;
}

const { strategy, check: rsaCheck } = rsaPkcs1Check(nodeCrypto, publicKey, 2048);
/** For reference only: the same, the way authlens checks it (see sdk/src/tokens/rsa-pkcs1-check.ts). */
function authlensRsaOnly(from, n) {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const { input, signature } = decoded[(from + i) % POOL];
    if (!rsaCheck('RS256', input, signature)) throw new Error("authlens's RSA check failed");
  }
  return performance.now() - start;
}

function check(payloads, what) {
  for (const payload of payloads) if (payload.sub !== 'user_2bench') throw new Error(`${what} failed`);
}

// The async verifiers run as a server runs them: a batch of calls in flight,
// then awaited together (throughput), so per-call promise plumbing is shared.
async function inFlight(verifier, tokens, what) {
  const start = performance.now();
  const pending = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) pending[i] = verifier(tokens[i], options);
  const payloads = await Promise.all(pending);
  const ms = performance.now() - start;
  check(payloads, what);
  return ms;
}

/** Sequential awaits, for reference: what one request at a time pays. */
async function oneAtATime(tokens) {
  const start = performance.now();
  for (const token of tokens) {
    const payload = await verifyToken(token, options);
    if (payload.sub !== 'user_2bench') throw new Error('authlens cold (one at a time) failed');
  }
  return performance.now() - start;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sum = (values) => values.reduce((a, b) => a + b, 0);

// Warm up the JIT on each path (and import the key once) with tokens not measured below.
for (const token of Array.from({ length: 200 }, (_, i) => mint(1e6 + i))) {
  await verifyToken(token, options);
  await clerkVerifyToken(token, options);
}
raw(freshCopies(0, BATCH));
floor(freshCopies(0, BATCH));

// Cold: each round takes the pool's next batch; every path gets its own fresh copies of the same tokens. The
// cold path caches them, so the pool is larger than the cache: a batch comes round again only once evicted.
const cold = { raw: [], rsaOnly: [], authlensRsaOnly: [], floor: [], cold: [], oneAtATime: [] };
const coldRatio = [];
const floorRatio = [];
const overFloorRatio = [];
const oneAtATimeRatio = [];
for (let round = 0; round < ROUNDS; round++) {
  const from = (round * BATCH) % POOL;
  const rawMs = raw(freshCopies(from, BATCH));
  cold.raw.push(rawMs);
  cold.rsaOnly.push(rsaOnly(from, BATCH));
  cold.authlensRsaOnly.push(authlensRsaOnly(from, BATCH));
  const floorMs = floor(freshCopies(from, BATCH));
  cold.floor.push(floorMs);
  floorRatio.push(floorMs / rawMs);
  // Every fourth round verifies one await at a time instead (still never-seen tokens).
  if (round % 4 === 3) {
    const ms = await oneAtATime(freshCopies(from, BATCH));
    cold.oneAtATime.push(ms);
    oneAtATimeRatio.push(ms / rawMs);
  } else {
    const ms = await inFlight(verifyToken, freshCopies(from, BATCH), 'authlens cold');
    cold.cold.push(ms);
    coldRatio.push(ms / rawMs);
    overFloorRatio.push(ms / floorMs);
  }
}

// Warm: one token verified again and again, each call with a fresh copy of it; each round beside a baseline batch.
const warmToken = pool[0];
await verifyToken(warmToken, options);
const warmUsPerOp = [];
const warmRawUsPerOp = [];
for (let round = 0; round < WARM_ROUNDS; round++) {
  const copies = Array.from({ length: WARM_BATCH }, () => Buffer.from(warmToken, 'latin1').toString('latin1'));
  warmRawUsPerOp.push((raw(freshCopies(round * BATCH, BATCH)) * 1000) / BATCH);
  warmUsPerOp.push((1000 * (await inFlight(verifyToken, copies, 'authlens warm'))) / WARM_BATCH);
}

// @clerk/backend (no verified-token cache: every call is cold), beside its own baseline batches.
const clerkRatio = [];
const clerkMs = [];
for (let round = 0; round < CLERK_ROUNDS; round++) {
  const from = (round * BATCH) % POOL;
  const rawMs = raw(freshCopies(from, BATCH));
  const ms = await inFlight(clerkVerifyToken, freshCopies(from, BATCH), '@clerk/backend');
  clerkMs.push(ms);
  clerkRatio.push(ms / rawMs);
}

const usPerOp = (samples) => (sum(samples) * 1000) / (samples.length * BATCH);
const coldMedian = median(coldRatio);
const warmSpeedup = median(warmRawUsPerOp) / median(warmUsPerOp);
const rows = [
  ['raw node:crypto RS256 verify (baseline)', usPerOp(cold.raw), '1.00×', ''],
  [
    '  of which the RSA operation alone',
    usPerOp(cold.rsaOnly),
    `${median(cold.rsaOnly.map((ms, i) => ms / cold.raw[i])).toFixed(2)}×`,
    '',
  ],
  [
    '  the same, as authlens checks it',
    usPerOp(cold.authlensRsaOnly),
    `${median(cold.authlensRsaOnly.map((ms, i) => ms / cold.raw[i])).toFixed(2)}×`,
    `(${strategy}: RSA, then compare the encoding)`,
  ],
  [
    '  plus decoding the payload and two claim checks',
    usPerOp(cold.floor),
    `${median(floorRatio).toFixed(2)}×`,
    '(the least a crypto.verify-based verifier returning claims does)',
  ],
  [
    'authlens verifyToken, cold (never-seen token)',
    usPerOp(cold.cold),
    `${coldMedian.toFixed(2)}×`,
    `target ≤ ${TARGET_COLD_RATIO}× ${coldMedian <= TARGET_COLD_RATIO ? 'PASS' : 'FAIL'}`,
  ],
  [
    '  cold ÷ the decoding-and-claims row',
    usPerOp(cold.cold) - usPerOp(cold.floor),
    `${median(overFloorRatio).toFixed(2)}×`,
    '(cache, typed checks, promise, hooks; less the cheaper RSA check)',
  ],
  ['  cold, one await at a time (reference)', usPerOp(cold.oneAtATime), `${median(oneAtATimeRatio).toFixed(2)}×`, ''],
  [
    'authlens verifyToken, warm (same token)',
    median(warmUsPerOp),
    `${(1 / warmSpeedup).toFixed(3)}× (${warmSpeedup.toFixed(1)}× faster)`,
    `target ≥ ${TARGET_WARM_SPEEDUP}× faster ${warmSpeedup >= TARGET_WARM_SPEEDUP ? 'PASS' : 'FAIL'}`,
  ],
  ['@clerk/backend verifyToken (jwtKey)', usPerOp(clerkMs), `${median(clerkRatio).toFixed(2)}×`, ''],
];
console.log(
  `verifyToken bench — node ${process.version}, RSA-2048 RS256, ${ROUNDS} rounds of ${BATCH} cold tokens (pool of ${POOL}), ${WARM_ROUNDS * WARM_BATCH} warm ops, ${CLERK_ROUNDS * BATCH} @clerk/backend ops (minting took ${(mintMs / 1000).toFixed(1)} s)`,
);
for (const [name, us, ratio, target] of rows) {
  console.log(`  ${name.padEnd(48)} ${us.toFixed(2).padStart(9)} µs/op   ${ratio.padEnd(24)} ${target}`);
}
console.log(
  '  baseline = split at the last dot, base64url-decode the signature, crypto.verify(sha256) with an imported KeyObject',
);
console.log(
  '  ratios = median over rounds of (path ÷ the baseline measured beside it on the same tokens); µs/op = mean; warm µs/op = median',
);
