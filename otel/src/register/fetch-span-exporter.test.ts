import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter as OfficialProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import { FetchSpanExporter } from './fetch-span-exporter.js';

// Headers, error statuses, timeouts and shutdown are the sender's: otlp-http-sender.test.ts.
let collector: OtlpReceiver | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

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
    collector = await startOtlpReceiver();
    const exporter = new FetchSpanExporter({ url: `${collector.url}/v1/traces`, protocol: 'http/json' });
    const result = await exportWith(exporter, spans('first', 'second'));
    expect(result.code).toBe(ExportResultCode.SUCCESS);

    const received = await collector.waitFor((r) => r.path === '/v1/traces');
    expect(received.contentType).toBe('application/json');
    const body = JSON.parse(received.body.toString('utf8'));
    expect(body.resourceSpans[0].scopeSpans[0].spans.map((s: { name: string }) => s.name)).toEqual(['first', 'second']);
    await exporter.shutdown();
  });

  it('http/protobuf (the default): POSTs the bytes the official OTLP/HTTP protobuf exporter sends', async () => {
    collector = await startOtlpReceiver();
    const batch = spans('first', 'second');
    const exporter = new FetchSpanExporter({ url: `${collector.url}/v1/traces` });
    expect((await exportWith(exporter, batch)).code).toBe(ExportResultCode.SUCCESS);
    const official = new OfficialProtoTraceExporter({ url: `${collector.url}/v1/official` });
    expect((await new Promise<ExportResult>((resolve) => official.export(batch, resolve))).code).toBe(
      ExportResultCode.SUCCESS,
    );
    await official.shutdown();

    const ours = await collector.waitFor((r) => r.path === '/v1/traces');
    const theirs = await collector.waitFor((r) => r.path === '/v1/official');
    expect(ours.contentType).toBe('application/x-protobuf');
    expect(ours.contentType).toBe(theirs.contentType);
    expect(ours.body.length).toBeGreaterThan(0);
    expect(ours.body.equals(theirs.body)).toBe(true);
    // The span names are in the protobuf body as plain UTF-8 strings.
    expect(ours.body.includes('first')).toBe(true);
    await exporter.shutdown();
  });

  it('an unreachable endpoint fails the export without throwing', async () => {
    const gone = await startOtlpReceiver();
    await gone.close();
    const exporter = new FetchSpanExporter({ url: `${gone.url}/v1/traces` });
    expect((await exportWith(exporter, spans('lost'))).code).toBe(ExportResultCode.FAILED);
  });

  it('after shutdown it sends nothing', async () => {
    collector = await startOtlpReceiver();
    const exporter = new FetchSpanExporter({ url: `${collector.url}/v1/traces` });
    await exporter.shutdown();
    expect((await exportWith(exporter, spans('late'))).code).toBe(ExportResultCode.FAILED);
    await new Promise((r) => setTimeout(r, 50));
    expect(collector.received).toEqual([]);
  });
});
