import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import { OtlpJsonSender } from './otlp-json-sender.js';

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

function send(sender: OtlpJsonSender, body: () => string = () => '{"resourceSpans":[]}'): Promise<ExportResult> {
  return new Promise((resolve) => sender.send(body, resolve));
}

describe('OtlpJsonSender', () => {
  it('POSTs the body as application/json to the URL', async () => {
    const collector = await receiver();
    const sender = new OtlpJsonSender({ url: `${collector.url}/v1/metrics` });
    expect((await send(sender, () => '{"resourceMetrics":[]}')).code).toBe(ExportResultCode.SUCCESS);
    const received = await collector.waitFor((r) => r.path === '/v1/metrics');
    expect(received.contentType).toBe('application/json');
    expect(received.body.toString('utf8')).toBe('{"resourceMetrics":[]}');
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
    const sender = new OtlpJsonSender({ url, headers: { authorization: 'Bearer collector-key' } });
    expect((await send(sender)).code).toBe(ExportResultCode.SUCCESS);
    expect(seen).toBe('Bearer collector-key');
  });

  it('an error status fails the export without throwing', async () => {
    const sender = new OtlpJsonSender({ url: `${await server(503)}/v1/traces` });
    const result = await send(sender);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toContain('503');
  });

  it('an unreachable endpoint fails the export without throwing, and never echoes the headers', async () => {
    const url = `${await server(200)}/v1/traces`;
    await Promise.all(closers.splice(0).map((close) => close())); // the port is now closed
    const sender = new OtlpJsonSender({ url, headers: { authorization: 'Bearer sekret-key' } });
    const result = await send(sender);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(String(result.error)).not.toContain('sekret');
  });

  it('a body that cannot be serialized fails the export without throwing, and sends nothing', async () => {
    const collector = await receiver();
    const sender = new OtlpJsonSender({ url: `${collector.url}/v1/metrics` });
    const result = await send(sender, () => JSON.stringify({ count: 1n }));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error).toBeInstanceOf(TypeError);
    expect(collector.received).toEqual([]);
  });

  it('a silent endpoint times out as a failed export; forceFlush waits for it', async () => {
    const sender = new OtlpJsonSender({ url: `${await server(null)}/v1/traces`, timeoutMillis: 200 });
    let result: ExportResult | undefined;
    sender.send(
      () => '{}',
      (r) => {
        result = r;
      },
    );
    expect(result).toBeUndefined();
    await sender.forceFlush();
    expect(result?.code).toBe(ExportResultCode.FAILED);
  });

  it('after shutdown it sends nothing', async () => {
    const collector = await receiver();
    const sender = new OtlpJsonSender({ url: `${collector.url}/v1/traces` });
    await sender.shutdown();
    expect((await send(sender)).code).toBe(ExportResultCode.FAILED);
    await new Promise((r) => setTimeout(r, 50));
    expect(collector.received).toEqual([]);
  });
});
