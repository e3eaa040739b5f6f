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

// Headers, error statuses, timeouts and shutdown are the sender's: otlp-json-sender.test.ts.
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
    const exporter = new FetchSpanExporter({ url: `${collector.url}/v1/traces` });
    const result = await exportWith(exporter, spans('first', 'second'));
    expect(result.code).toBe(ExportResultCode.SUCCESS);

    const received = await collector.waitFor((r) => r.path === '/v1/traces');
    expect(received.contentType).toBe('application/json');
    const body = JSON.parse(received.body.toString('utf8'));
    expect(body.resourceSpans[0].scopeSpans[0].spans.map((s: { name: string }) => s.name)).toEqual(['first', 'second']);
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
