import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import { FetchSpanExporter } from './fetch-span-exporter.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function receiver(): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver();
  closers.push(() => started.close());
  return started;
}

/** A real server that answers every request with `status`, or never answers when `status` is null. */
async function server(status: number | null): Promise<string> {
  const started: Server = createServer((_request, response) => {
    if (status !== null) response.writeHead(status).end('{"error":"no"}');
  });
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        started.closeAllConnections();
        started.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
}

function spans(...names: string[]): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] }).getTracer('t');
  for (const name of names) tracer.startSpan(name, { attributes: { 'url.path': `/${name}` } }).end();
  return memory.getFinishedSpans();
}

function exportWith(exporter: FetchSpanExporter, batch: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(batch, resolve));
}

describe('FetchSpanExporter', () => {
  it('POSTs the spans as OTLP/JSON to the URL', async () => {
    const collector = await receiver();
    const exporter = new FetchSpanExporter({ url: `${collector.url}/v1/traces` });
    const result = await exportWith(exporter, spans('first', 'second'));
    expect(result.code).toBe(ExportResultCode.SUCCESS);

    const received = await collector.waitFor((r) => r.path === '/v1/traces');
    expect(received.contentType).toBe('application/json');
    const body = JSON.parse(received.body.toString('utf8'));
    expect(body.resourceSpans[0].scopeSpans[0].spans.map((s: { name: string }) => s.name)).toEqual(['first', 'second']);
    await exporter.shutdown();
  });

  it('sends the headers it was given', async () => {
    let seen: string | undefined;
    const started = createServer((request, response) => {
      seen = request.headers.authorization;
      request.resume();
      request.on('end', () => response.writeHead(200).end('{}'));
    });
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => started.close(() => resolve())));
    const url = `http://127.0.0.1:${(started.address() as AddressInfo).port}/v1/traces`;
    const exporter = new FetchSpanExporter({ url, headers: { authorization: 'Bearer collector-key' } });
    expect((await exportWith(exporter, spans('one'))).code).toBe(ExportResultCode.SUCCESS);
    expect(seen).toBe('Bearer collector-key');
  });

  it('an error status fails the export without throwing', async () => {
    const exporter = new FetchSpanExporter({ url: `${await server(503)}/v1/traces` });
    const result = await exportWith(exporter, spans('rejected'));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toContain('503');
  });

  it('an unreachable endpoint fails the export without throwing, and never echoes the headers', async () => {
    const url = `${await server(200)}/v1/traces`;
    await Promise.all(closers.splice(0).map((close) => close())); // the port is now closed
    const exporter = new FetchSpanExporter({ url, headers: { authorization: 'Bearer sekret-key' } });
    const result = await exportWith(exporter, spans('lost'));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(String(result.error)).not.toContain('sekret');
  });

  it('a silent endpoint times out as a failed export; forceFlush waits for it', async () => {
    const exporter = new FetchSpanExporter({ url: `${await server(null)}/v1/traces`, timeoutMillis: 200 });
    let result: ExportResult | undefined;
    exporter.export(spans('slow'), (r) => {
      result = r;
    });
    expect(result).toBeUndefined();
    await exporter.forceFlush();
    expect(result?.code).toBe(ExportResultCode.FAILED);
  });

  it('after shutdown it sends nothing', async () => {
    const collector = await receiver();
    const exporter = new FetchSpanExporter({ url: `${collector.url}/v1/traces` });
    await exporter.shutdown();
    expect((await exportWith(exporter, spans('late'))).code).toBe(ExportResultCode.FAILED);
    await new Promise((r) => setTimeout(r, 50));
    expect(collector.received).toEqual([]);
  });
});
