import { request as httpRequest } from 'node:http';
import { OTLPTraceExporter as OTLPHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterEach, describe, expect, it } from 'vitest';
import { type DecisionListResponse, type RunningDevtools, startDevtools } from '../src/index.js';
import { allowedPlan, emitRequest, tracing } from './support/authlens-requests.js';
import { middlewareExport, newTraceId } from './support/otlp-json.js';

// Hardening finding 6: a web page the developer visits must not be able to inject or evict dashboard rows.

const running: RunningDevtools[] = [];
afterEach(async () => {
  for (const devtools of running.splice(0)) await devtools.close();
});

async function start(options: Parameters<typeof startDevtools>[0] = {}) {
  const devtools = await startDevtools({ port: 0, ...options });
  running.push(devtools);
  return devtools;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real HTTP request with exactly these headers (an `Origin` as a browser would send it, for one). */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function storedIds(devtools: RunningDevtools): Promise<string[]> {
  const page = (await (await fetch(`${devtools.url}/api/requests`)).json()) as DecisionListResponse;
  return page.items.map((item) => item.id);
}

const exportBody = (requestId: string) => JSON.stringify(middlewareExport(requestId, newTraceId()));

describe('who may send telemetry (Hardening finding 6)', () => {
  it('refuses a foreign Origin with 403 — preflight, preflighted POST and simple text/plain POST — storing nothing', async () => {
    const devtools = await start();
    const evil = 'https://evil.example';
    for (const signal of ['traces', 'metrics']) {
      const preflight = await send(`${devtools.url}/v1/${signal}`, 'OPTIONS', {
        origin: evil,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      });
      expect(preflight.status, signal).toBe(403);
      expect(preflight.headers['access-control-allow-origin'], signal).toBeUndefined();
    }
    for (const [origin, contentType] of [
      [evil, 'application/json'],
      [evil, 'text/plain;charset=UTF-8'], // a "simple" request: browsers send it without preflight
      ['null', 'application/json'], // sandboxed iframes and file:// pages
      ['http://localhost.evil.example:3000', 'application/json'],
      ['http://127.0.0.1.evil.example', 'application/json'],
    ] as const) {
      const answer = await send(
        `${devtools.url}/v1/traces`,
        'POST',
        { origin, 'content-type': contentType },
        exportBody('req_injected'),
      );
      expect(answer.status, `${origin} ${contentType}`).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'ERR_FORBIDDEN_ORIGIN', code: 7 });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    const metrics = await send(
      `${devtools.url}/v1/metrics`,
      'POST',
      { origin: evil, 'content-type': 'application/json' },
      '{"resourceMetrics":[]}',
    );
    expect(metrics.status).toBe(403);
    expect(devtools.stats().received.traceRequests + devtools.stats().received.metricRequests).toBe(0);
    expect(await storedIds(devtools)).toEqual([]);
  });

  it('accepts loopback pages (a dev app’s browser exporter) and server exporters without an Origin', async () => {
    const devtools = await start();
    for (const [i, origin] of ['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:3000'].entries()) {
      const preflight = await send(`${devtools.url}/v1/traces`, 'OPTIONS', {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      });
      expect(preflight.status).toBe(204);
      const answer = await send(
        `${devtools.url}/v1/traces`,
        'POST',
        { origin, 'content-type': 'application/json' },
        exportBody(`req_page_${i}`),
      );
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
    }
    const server = await send(
      `${devtools.url}/v1/traces`,
      'POST',
      { 'content-type': 'application/json' },
      exportBody('req_server'),
    );
    expect(server.status).toBe(200);
    expect((await storedIds(devtools)).sort()).toEqual(['req_page_0', 'req_page_1', 'req_page_2', 'req_server']);
  });

  it('with an ingest token, refuses requests without the bearer token (401) and accepts the real exporters with it', async () => {
    const token = 'a-long-ingest-token-0123456789';
    const devtools = await start({ ingestToken: token });
    const json = { 'content-type': 'application/json' };
    const url = `${devtools.url}/v1/traces`;
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${token}`,
      `Bearer ${token}x`,
      'Bearer',
    ]) {
      const headers = authorization === undefined ? json : { ...json, authorization };
      const answer = await send(url, 'POST', headers, exportBody('req_no_token'));
      expect(answer.status, authorization).toBe(401);
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'ERR_INGEST_UNAUTHORIZED', code: 16 });
      expect(answer.body).not.toContain(token);
    }
    // The token does not open the door to foreign pages.
    const foreign = await send(
      url,
      'POST',
      { ...json, origin: 'https://evil.example', authorization: `Bearer ${token}` },
      exportBody('req_evil'),
    );
    expect(foreign.status).toBe(403);
    expect(await storedIds(devtools)).toEqual([]);

    const headers = { Authorization: `Bearer ${token}` };
    const exporters = [new OTLPHttpJsonExporter({ url, headers }), new OTLPProtoExporter({ url, headers })];
    for (const [i, exporter] of exporters.entries()) {
      const { provider, tracer } = tracing(exporter);
      emitRequest(tracer, allowedPlan(`req_${i}`), Date.now() - 1000);
      await provider.forceFlush();
      await provider.shutdown();
    }
    expect((await storedIds(devtools)).sort()).toEqual(['req_0', 'req_1']);
  });

  it('refuses to listen beyond loopback without an ingest token, and refuses a short token', async () => {
    await expect(startDevtools({ port: 0, host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message: expect.stringContaining('--ingest-token'),
    });
    await expect(startDevtools({ port: 0, ingestToken: 'short' })).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTION',
    });
  });
});
