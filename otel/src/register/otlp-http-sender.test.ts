import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import { OtlpContentType, OtlpHttpSender } from './otlp-http-sender.js';

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

const utf8 = (text: string) => new TextEncoder().encode(text);

function send(
  sender: OtlpHttpSender,
  body: () => Uint8Array | undefined = () => utf8('{"resourceSpans":[]}'),
): Promise<ExportResult> {
  return new Promise((resolve) => sender.send(body, resolve));
}

describe('OtlpHttpSender', () => {
  it('POSTs the body with its content type to the URL', async () => {
    const collector = await receiver();
    const sender = new OtlpHttpSender({ url: `${collector.url}/v1/metrics`, contentType: OtlpContentType.json });
    expect((await send(sender, () => utf8('{"resourceMetrics":[]}'))).code).toBe(ExportResultCode.SUCCESS);
    const received = await collector.waitFor((r) => r.path === '/v1/metrics');
    expect(received.contentType).toBe('application/json');
    expect(received.body.toString('utf8')).toBe('{"resourceMetrics":[]}');
  });

  it('sends protobuf bodies byte for byte as application/x-protobuf', async () => {
    const collector = await receiver();
    const sender = new OtlpHttpSender({ url: `${collector.url}/v1/traces`, contentType: OtlpContentType.protobuf });
    const bytes = Uint8Array.of(0x0a, 0x00, 0xff, 0x80);
    expect((await send(sender, () => bytes)).code).toBe(ExportResultCode.SUCCESS);
    const received = await collector.waitFor((r) => r.path === '/v1/traces');
    expect(received.contentType).toBe('application/x-protobuf');
    expect([...received.body]).toEqual([...bytes]);
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
    const sender = new OtlpHttpSender({
      url,
      headers: { authorization: 'Bearer collector-key' },
      contentType: OtlpContentType.json,
    });
    expect((await send(sender)).code).toBe(ExportResultCode.SUCCESS);
    expect(seen).toBe('Bearer collector-key');
  });

  it('an error status fails the export without throwing', async () => {
    const sender = new OtlpHttpSender({ url: `${await server(503)}/v1/traces`, contentType: OtlpContentType.json });
    const result = await send(sender);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toContain('503');
  });

  it('an unreachable endpoint fails the export without throwing, and never echoes the headers', async () => {
    const url = `${await server(200)}/v1/traces`;
    await Promise.all(closers.splice(0).map((close) => close())); // the port is now closed
    const sender = new OtlpHttpSender({
      url,
      headers: { authorization: 'Bearer sekret-key' },
      contentType: OtlpContentType.json,
    });
    const result = await send(sender);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(String(result.error)).not.toContain('sekret');
  });

  it('a body that cannot be serialized fails the export without throwing, and sends nothing', async () => {
    const collector = await receiver();
    const sender = new OtlpHttpSender({ url: `${collector.url}/v1/metrics`, contentType: OtlpContentType.json });
    const thrown = await send(sender, () => utf8(JSON.stringify({ count: 1n })));
    expect(thrown.code).toBe(ExportResultCode.FAILED);
    expect(thrown.error).toBeInstanceOf(TypeError);
    // What the OpenTelemetry serializers return when they cannot encode.
    const refused = await send(sender, () => undefined);
    expect(refused.code).toBe(ExportResultCode.FAILED);
    expect(refused.error?.message).toContain('could not encode');
    expect(collector.received).toEqual([]);
  });

  it('a silent endpoint times out as a failed export; forceFlush waits for it', async () => {
    const sender = new OtlpHttpSender({
      url: `${await server(null)}/v1/traces`,
      timeoutMillis: 200,
      contentType: OtlpContentType.json,
    });
    let result: ExportResult | undefined;
    sender.send(
      () => utf8('{}'),
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
    const sender = new OtlpHttpSender({ url: `${collector.url}/v1/traces`, contentType: OtlpContentType.json });
    await sender.shutdown();
    expect((await send(sender)).code).toBe(ExportResultCode.FAILED);
    await new Promise((r) => setTimeout(r, 50));
    expect(collector.received).toEqual([]);
  });
});
