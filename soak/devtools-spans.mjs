// The devtools alone under a long stream of spans: OTLP/HTTP JSON bodies as the SDK's exporter sends them (a
// middleware span and its token verification per request, every request new), posted to an `authlens-devtools`
// process with a bounded store; its resident memory is sampled once the store is full and at the end.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { AttributeName as A, INSTRUMENTATION_SCOPE, SpanName } from '@authlens/otel';
import { residentBytes, startDevtoolsProcess } from './processes.mjs';

const SPANS_PER_REQUEST = 2;
const REQUESTS_PER_BODY = 250;
const CONCURRENCY = 4;

const str = (key, value) => ({ key, value: { stringValue: value } });

/** One export body: `REQUESTS_PER_BODY` requests numbered from `first`. */
function body(first) {
  const t0 = BigInt(Date.now()) * 1_000_000n;
  const spans = [];
  for (let i = 0; i < REQUESTS_PER_BODY; i++) {
    const n = first + i;
    const traceId = randomBytes(16).toString('hex');
    const root = randomBytes(8).toString('hex');
    const start = t0 + BigInt(i) * 1000n;
    spans.push(
      {
        traceId,
        spanId: root,
        name: SpanName.middleware,
        kind: 2,
        startTimeUnixNano: String(start),
        endTimeUnixNano: String(start + 900_000n),
        attributes: [
          str(A.requestId, `req_soak_${n}`),
          str(A.requestKind, 'api'),
          str(A.urlPath, `/api/data/${n % 100}`),
          str(A.tokenSource, 'header'),
          str(A.tokenType, 'session_token'),
          str(A.userId, `user_soak_${n % 50}`),
          str(A.outcome, 'signed_in'),
          str(A.reason, 'valid_token'),
        ],
        status: {},
      },
      {
        traceId,
        spanId: randomBytes(8).toString('hex'),
        parentSpanId: root,
        name: SpanName.tokenVerify,
        kind: 1,
        startTimeUnixNano: String(start + 100_000n),
        endTimeUnixNano: String(start + 600_000n),
        attributes: [str(A.tokenAlgorithm, 'RS256'), str(A.verificationResult, 'valid')],
        status: {},
      },
    );
  }
  return Buffer.from(
    JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [str('service.name', 'authlens-soak')] },
          scopeSpans: [{ scope: { name: INSTRUMENTATION_SCOPE }, spans }],
        },
      ],
    }),
  );
}

function post(agent, url, payload) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request(
      {
        agent,
        hostname,
        port,
        path: '/v1/traces',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`POST /v1/traces → ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Sends `spans` spans to a fresh devtools process started with `--max-requests maxRequests`; samples its resident
 * memory once `fullAfterSpans` spans (well past a full store) went in, and at the end.
 */
export async function soakDevtools({ spans, maxRequests, fullAfterSpans, logFile, oldSpaceMb }) {
  const devtools = await startDevtoolsProcess({ logFile, maxRequests, oldSpaceMb });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const bodies = Math.ceil(spans / (SPANS_PER_REQUEST * REQUESTS_PER_BODY));
  const fullAfterBodies = Math.ceil(fullAfterSpans / (SPANS_PER_REQUEST * REQUESTS_PER_BODY));
  let next = 0;
  let fullBytes = 0;
  let peakBytes = 0;
  const samples = [];
  const sampleEvery = Math.max(1, Math.floor(bodies / 10));
  try {
    const worker = async () => {
      while (next < bodies) {
        const index = next++;
        await post(agent, devtools.url, body(index * REQUESTS_PER_BODY));
        if (index === fullAfterBodies) fullBytes = residentBytes(devtools.pid);
        if (index % 20 === 0) peakBytes = Math.max(peakBytes, residentBytes(devtools.pid));
        if ((index + 1) % sampleEvery === 0) samples.push(residentBytes(devtools.pid));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const endBytes = residentBytes(devtools.pid);
    const res = await fetch(`${devtools.url}/api/requests?limit=1`);
    if (!res.ok) throw new Error(`GET /api/requests → ${res.status}`);
    const stored = (await res.json()).total;
    return {
      spansSent: bodies * SPANS_PER_REQUEST * REQUESTS_PER_BODY,
      fullBytes,
      endBytes,
      peakBytes: Math.max(peakBytes, endBytes),
      stored,
      samples,
    };
  } finally {
    agent.destroy();
    await devtools.stop();
  }
}
