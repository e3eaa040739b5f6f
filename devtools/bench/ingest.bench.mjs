// Ingest throughput of the devtools receiver: spans/s through `POST /v1/traces`, for OTLP/JSON and OTLP/protobuf
// bodies made by the real OpenTelemetry exporters, beside a baseline measured in the same run: a raw node:http
// server that reads and discards the same bodies. Both servers run in their own process (the built CLI, and a
// 10-line node:http server), the load comes from this one over loopback with keep-alive. Target: ≥ 20k spans/s.
// The machines are shared: each side runs ROUNDS times, alternating, and its best round counts; the devtools
// process's own CPU time per span (all its threads, from Linux /proc) is printed too, as it depends less on how
// busy the other cores are. Each encoding gets a fresh devtools process (an empty store).
// Run after `npm run build -w otel -w devtools`: `node devtools/bench/ingest.bench.mjs`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { AttributeName as A, INSTRUMENTATION_SCOPE, Outcome, Reason, RequestKind, SpanName } from '@authlens/otel';
import { context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const TARGET_SPANS_PER_SECOND = 20_000;
const MEASURE_MS = 1200;
const WARMUP_MS = 300;
const ROUNDS = 2;
const CONCURRENCY = 4;
const BODIES = 100; // distinct exports per encoding: most posts bring new traces, as in real use
const REQUESTS_PER_BODY = 64; // × 7 spans = 448 spans per export (the BatchSpanProcessor sends up to 512)

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Spans of `count` requests as the SDK emits them (Next's span, middleware, verify, auth, protect, currentUser, backend). */
function emitRequests(tracer, count, offset) {
  const t0 = Date.now() - 60_000;
  for (let i = 0; i < count; i++) {
    const id = `req_bench_${offset + i}`;
    const start = t0 + i;
    const root = tracer.startSpan('GET /dashboard', {
      startTime: start,
      attributes: { [A.httpRequestMethod]: 'GET', [A.urlPath]: '/dashboard' },
    });
    const rootCtx = trace.setSpan(context.active(), root);
    const state = {
      [A.requestId]: id,
      [A.requestKind]: RequestKind.document,
      [A.tokenSource]: 'cookie',
      [A.tokenType]: 'session_token',
      [A.sessionStatus]: 'active',
      [A.userId]: `user_${i % 50}`,
      [A.sessionId]: `sess_${i}`,
      [A.outcome]: Outcome.signed_in,
      [A.reason]: Reason.valid_token,
    };
    const middleware = tracer.startSpan(
      SpanName.middleware,
      { startTime: start + 1, attributes: { ...state, [A.urlPath]: '/dashboard' } },
      rootCtx,
    );
    tracer
      .startSpan(
        SpanName.tokenVerify,
        { startTime: start + 1, attributes: { [A.tokenAlgorithm]: 'RS256', [A.verificationResult]: 'valid' } },
        trace.setSpan(rootCtx, middleware),
      )
      .end(start + 2);
    middleware.end(start + 3);
    tracer.startSpan(SpanName.auth, { startTime: start + 4, attributes: state }, rootCtx).end(start + 5);
    tracer
      .startSpan(
        SpanName.protect,
        {
          startTime: start + 5,
          attributes: {
            [A.requestId]: id,
            [A.outcome]: Outcome.allowed,
            [A.reason]: Reason.authorized,
            [A.protectRequirementKind]: 'role',
            [A.protectRequirementValue]: 'org:admin',
          },
        },
        rootCtx,
      )
      .end(start + 6);
    const currentUser = tracer.startSpan(
      SpanName.currentUser,
      { startTime: start + 6, attributes: { [A.requestId]: id, [A.dedupeResult]: 'miss' } },
      rootCtx,
    );
    tracer
      .startSpan(
        SpanName.backendRequest,
        {
          startTime: start + 6,
          attributes: {
            [A.httpRequestMethod]: 'GET',
            [A.urlTemplate]: '/v1/users/{user_id}',
            [A.httpResponseStatusCode]: 200,
            [A.rateLimitLimit]: 100,
            [A.rateLimitRemaining]: 99 - (i % 100),
          },
        },
        trace.setSpan(rootCtx, currentUser),
      )
      .end(start + 9);
    currentUser.end(start + 10);
    root.end(start + 12);
  }
}

/** Serialises span batches with the real exporters by exporting them to a server that keeps the bodies. */
async function buildPayloads() {
  const captured = [];
  const capture = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      captured.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': req.headers['content-type'] }).end();
    });
  });
  await new Promise((resolve) => capture.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${capture.address().port}/v1/traces`;
  const payloads = { json: [], protobuf: [] };
  let spansPerBody = 0;
  for (let b = 0; b < BODIES; b++) {
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
    emitRequests(provider.getTracer(INSTRUMENTATION_SCOPE), REQUESTS_PER_BODY, b * REQUESTS_PER_BODY);
    const spans = memory.getFinishedSpans();
    spansPerBody = spans.length;
    for (const [encoding, Exporter] of [
      ['json', JsonExporter],
      ['protobuf', ProtoExporter],
    ]) {
      const exporter = new Exporter({ url });
      await new Promise((resolve, reject) =>
        exporter.export(spans, (r) => (r.code === 0 ? resolve() : reject(r.error))),
      );
      await exporter.shutdown();
      payloads[encoding].push(captured.pop());
    }
    await provider.shutdown();
  }
  capture.close();
  return { payloads, spansPerBody };
}

/** User + system CPU time of a process in ms, from /proc (null where there is no /proc). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

function startProcess(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, url: JSON.parse(line).url });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const BASELINE_SERVER = `
const { createServer } = require('node:http');
const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}'); });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port })));
`;

/** POSTs the bodies round-robin with CONCURRENCY requests in flight; returns spans/s over `durationMs`. */
async function load(url, bodies, contentType, spansPerBody, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const { hostname, port } = new URL(url);
  let next = 0;
  let completed = 0;
  let failed = 0;
  const deadline = performance.now() + durationMs;
  const post = (body) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          agent,
          hostname,
          port,
          path: '/v1/traces',
          method: 'POST',
          headers: { 'content-type': contentType, 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const body = bodies[next++ % bodies.length];
        try {
          await post(body);
          completed++;
        } catch {
          failed++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  if (failed > 0) throw new Error(`${failed} request(s) failed`);
  return (completed * spansPerBody) / seconds;
}

const { payloads, spansPerBody } = await buildPayloads();
const baseline = await startProcess(['-e', BASELINE_SERVER]);
const rows = [];
try {
  for (const [encoding, contentType] of [
    ['json', 'application/json'],
    ['protobuf', 'application/x-protobuf'],
  ]) {
    // A fresh devtools per encoding, so both start from an empty store (the payloads hold the same spans).
    const devtools = await startProcess([cli, '--port', '0', '--max-requests', '10000']);
    try {
      const bodies = payloads[encoding];
      const avgKb = bodies.reduce((n, b) => n + b.length, 0) / bodies.length / 1024;
      await load(devtools.url, bodies, contentType, spansPerBody, WARMUP_MS);
      await load(baseline.url, bodies, contentType, spansPerBody, WARMUP_MS);
      let measured = 0;
      let raw = 0;
      let cpuUsPerSpan = null;
      // devtools and baseline alternate; the best round of each counts (other load on the machine only slows one).
      for (let round = 0; round < ROUNDS; round++) {
        const cpuBefore = cpuMs(devtools.child.pid);
        const spansPerSecond = await load(devtools.url, bodies, contentType, spansPerBody, MEASURE_MS);
        const cpuAfter = cpuMs(devtools.child.pid);
        if (spansPerSecond > measured) {
          measured = spansPerSecond;
          cpuUsPerSpan =
            cpuBefore === null || cpuAfter === null
              ? null
              : ((cpuAfter - cpuBefore) * 1000) / (spansPerSecond * (MEASURE_MS / 1000));
        }
        raw = Math.max(raw, await load(baseline.url, bodies, contentType, spansPerBody, MEASURE_MS));
      }
      rows.push({ encoding, avgKb, measured, raw, cpuUsPerSpan });
    } finally {
      devtools.child.kill('SIGTERM');
    }
  }
} finally {
  baseline.child.kill('SIGTERM');
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(
  `devtools ingest: POST /v1/traces, ${spansPerBody} spans per export (${REQUESTS_PER_BODY} requests), ${CONCURRENCY} in flight, best of ${ROUNDS} × ${MEASURE_MS / 1000} s`,
);
console.log(
  'encoding  | body    | devtools spans/s | server CPU µs/span (→ spans per CPU-s) | raw node:http spans/s | ratio | target ≥ 20k',
);
for (const { encoding, avgKb, measured, raw, cpuUsPerSpan } of rows) {
  const met = measured >= TARGET_SPANS_PER_SECOND;
  const cpu = cpuUsPerSpan === null ? 'n/a' : `${cpuUsPerSpan.toFixed(1)} (${fmt(1e6 / cpuUsPerSpan)})`;
  console.log(
    `${encoding.padEnd(9)} | ${`${avgKb.toFixed(0)} KiB`.padEnd(7)} | ${fmt(measured).padStart(16)} | ${cpu.padStart(38)} | ${fmt(raw).padStart(21)} | ${(measured / raw).toFixed(3).padStart(5)} | ${met ? 'PASS' : 'FAIL'}`,
  );
}
console.log(
  `load average while measuring: ${(await import('node:os'))
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
