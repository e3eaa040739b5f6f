// verifyToken cold path in executed instructions, not seconds: each path runs in its own `node` (V8's predictable
// mode) under valgrind's callgrind, which counts the instructions of JIT code, GC and OpenSSL alike and gives the same
// count whatever else the machine is doing. A path's count per op is (a run that verifies N never-seen tokens after a
// warm-up) minus (a run that does only the warm-up), divided by N; ratios are against the raw node:crypto baseline of
// verify-token.bench.mjs, counted the same way. Why both views: a time ratio weighs each instruction by how fast it
// retires, and OpenSSL's big-number code retires several per cycle where parsing and bookkeeping retire about one, so
// the same added work shows ~3× larger beside RSA in µs than in instructions (measured on this project's machines:
// raw ~355k instructions in ~33 µs; the floor's added ~24k in ~7 µs).
// Skipped when valgrind is not installed. Plain node; run after `npm run build -w sdk`. Bounded: ~3 min on two cores.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTHORIZED_PARTY, createIssuer, floorVerify, rawVerify } from './support/session-tokens.mjs';

// Long enough for V8 to have compiled the hot code (predictable mode compiles later) and to fill the verified-token
// cache (2048), so counted tokens run optimized code and evict as in steady state.
const WARM_UP = Number(process.env.BENCH_IR_WARM_UP ?? 3000);
const COUNTED = Number(process.env.BENCH_IR_COUNTED ?? 3000);
// The warm-up's forced full collection drops optimized code that embedded a now-dead object; V8 compiles it again
// within the next ~2000 calls (in predictable mode, on the main thread). These tokens, run before counting, absorb that:
// with too few, the counted window carried ~12k instructions/op of compilation.
const SETTLE = 3000;
const PATHS = ['raw', 'floor', 'cold'];
const LABELS = {
  raw: 'raw node:crypto RS256 verify (baseline)',
  floor: '  plus decoding the payload and two claim checks',
  cold: 'authlens verifyToken, cold (never-seen token)',
};

if (process.argv[2] === '--run') {
  await runPath(process.argv[3], process.argv[4], Number(process.argv[5]));
  process.exit(0);
}

const valgrind = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
if (valgrind.status !== 0) {
  console.log('verifyToken instruction counts — skipped: valgrind is not installed (apt-get install valgrind)');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'authlens-bench-ir-'));
try {
  const tokensFile = join(dir, 'tokens.json');
  writeFileSync(tokensFile, JSON.stringify(mintTokens(WARM_UP + SETTLE + COUNTED)));
  // Two runs at a time (one per core): a count does not depend on what else runs.
  const runs = PATHS.flatMap((path) => [0, COUNTED].map((counted) => ({ path, counted })));
  const counts = new Map();
  const next = async () => {
    for (let run = runs.shift(); run; run = runs.shift()) {
      counts.set(`${run.path}:${run.counted}`, await instructions(run.path, tokensFile, run.counted));
    }
  };
  await Promise.all([next(), next()]);
  const perOp = {};
  for (const path of PATHS) perOp[path] = (counts.get(`${path}:${COUNTED}`) - counts.get(`${path}:0`)) / COUNTED;
  console.log(
    `verifyToken instruction counts — callgrind (${valgrind.stdout.trim()}), node ${process.version}, RSA-2048 RS256, ${COUNTED} never-seen tokens per path after ${WARM_UP + SETTLE} others`,
  );
  for (const path of PATHS) {
    const ratio = perOp[path] / perOp.raw;
    console.log(
      `  ${LABELS[path].padEnd(48)} ${(perOp[path] / 1000).toFixed(1).padStart(8)} k instructions/op   ${ratio.toFixed(2)}×`,
    );
  }
  console.log('  ratios = path ÷ baseline in instructions executed (all threads); no timing involved');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Instructions callgrind counts for one child run of `path` that verifies `counted` tokens after the warm-up. */
function instructions(path, tokensFile, counted) {
  const args = [
    '--tool=callgrind',
    '--callgrind-out-file=/dev/null',
    process.execPath,
    // Deterministic enough to subtract two runs: V8's predictable mode (one thread, no time-based GC heuristics).
    '--predictable',
    '--predictable-gc-schedule',
    '--expose-gc',
    fileURLToPath(import.meta.url),
    '--run',
    path,
    tokensFile,
    `${counted}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const match = /Collected : (\d+)/.exec(stderr);
      if (code === 0 && match) resolve(Number(match[1]));
      else reject(new Error(`callgrind run of ${path} failed:\n${stderr.slice(-2000)}`));
    });
  });
}

/** `count` distinct session tokens and the PEM that verifies them. */
function mintTokens(count) {
  const { pem, mint } = createIssuer();
  return { pem, tokens: Array.from({ length: count }, (_, i) => mint(i)) };
}

/** The child: the same three paths as verify-token.bench.mjs, on fresh string copies, 100 cold calls in flight. */
async function runPath(path, tokensFile, counted) {
  const { createPublicKey } = await import('node:crypto');
  const { readFileSync } = await import('node:fs');
  const { verifyToken } = await import('../dist/tokens/index.js');
  const { pem, tokens } = JSON.parse(readFileSync(tokensFile, 'utf8'));
  const publicKey = createPublicKey(pem);
  const options = { jwtKey: pem, authorizedParties: [AUTHORIZED_PARTY] };
  // Every run makes the same copies (counted or not), so making them cancels out of the difference.
  const copies = tokens.map((t) => Buffer.from(t, 'latin1').toString('latin1'));
  const paths = {
    async raw(batch) {
      for (const token of batch) rawVerify(token, publicKey);
    },
    async floor(batch) {
      for (const token of batch) floorVerify(token, publicKey);
    },
    async cold(batch) {
      for (let i = 0; i < batch.length; i += 100) {
        const payloads = await Promise.all(batch.slice(i, i + 100).map((token) => verifyToken(token, options)));
        if (payloads.some((payload) => payload.sub !== 'user_2bench')) throw new Error('authlens cold failed');
      }
    },
  };
  await paths[path](copies.slice(0, WARM_UP));
  globalThis.gc();
  await paths[path](copies.slice(WARM_UP, WARM_UP + SETTLE));
  const from = WARM_UP + SETTLE;
  await paths[path](copies.slice(from, from + counted));
  // The garbage the counted tokens left is theirs: collect it inside the count.
  globalThis.gc();
}
